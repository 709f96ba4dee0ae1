"""PLV session 20 (issue #14, default mode; own sentences): role-picking rules for the PLV
coverage misses. An act named as the target gives way to the actor the sentence names
elsewhere."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Token


def _word(doc: Any, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def _actor_over_act(nlp: Any, text: str, source: str, ranked: list[str]) -> str | None:
    """The target chosen among ``ranked`` (best first; the first is the rankers' choice)."""
    from sayso.events.extract import _actor_over_act

    doc = nlp(text)
    targets = [(float(-n), _word(doc, word)) for n, word in enumerate(ranked)]
    verb = next(t for t in doc if t.dep_ == "ROOT")
    found = _actor_over_act(verb, targets, _word(doc, source), targets[0][1], "2024-02-27")
    return None if found is None else found.text


@pytest.mark.parametrize(
    ("text", "source", "ranked", "actor"),
    [
        (
            "The rebels broke the truce by firing rockets at villages in Kashmir.",
            "rebels",
            ["truce", "Kashmir"],
            "Kashmir",
        ),
        (
            "The miners called off the strike after reaching an agreement with the government.",
            "miners",
            ["strike", "government"],
            "government",
        ),
        (
            "The president discussed the situation in the region with the leaders of Chile.",
            "president",
            ["situation", "leaders"],
            "leaders",
        ),
    ],
)
def test_an_act_gives_way_to_an_actor(
    nlp: Any, text: str, source: str, ranked: list[str], actor: str
) -> None:
    assert _actor_over_act(nlp, text, source, ranked) == actor


@pytest.mark.parametrize(
    ("text", "source", "ranked"),
    [
        # the actor is inside the act's own phrase: the phrase already holds it
        ("The militia agreed to a truce in northern Syria.", "militia", ["truce", "Syria"]),
        # a clause of its own, not the act's recipient
        (
            "The movement boycotted the vote, citing repression by the police.",
            "movement",
            ["vote", "police"],
        ),
        # inside a clause of its own: a relative clause, a clause joined to the predicate
        (
            "The guides denied any wrongdoing in the accident in which two Danes died.",
            "guides",
            ["wrongdoing", "Danes"],
        ),
        (
            "The minister rejected the idea and said that Mr. Smith would stay.",
            "minister",
            ["idea", "Smith"],
        ),
        # the doer's own forces
        (
            "The army ended the operation and moved its troops to Kenya.",
            "army",
            ["operation", "troops"],
        ),
        # no act: people are done to ("killed"), the place is where
        ("The gunmen killed forty people in Mali.", "gunmen", ["people", "Mali"]),
        # the doer's predicate noun names the doer itself
        (
            "Japan remains the largest donor of assistance in the region.",
            "Japan",
            ["assistance", "donor"],
        ),
    ],
)
def test_the_act_stays(nlp: Any, text: str, source: str, ranked: list[str]) -> None:
    assert _actor_over_act(nlp, text, source, ranked) == ranked[0]


def _timed(nlp: Any, text: str) -> str:
    from sayso.events.extract import _timed_act

    doc = nlp(text)
    return _timed_act(next(t for t in doc if t.dep_ == "ROOT")).text


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The decision came after the army freed twenty hostages.", "freed"),
        ("This comes a week after the rebels attacked a convoy in the north.", "attacked"),
    ],
)
def test_an_act_placed_in_time_is_its_clauses(nlp: Any, text: str, verb: str) -> None:
    assert _timed(nlp, text) == verb


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        # a person came: that is the act
        ("The minister came after the talks had ended.", "came"),
        # no time clause
        ("The decision came as a surprise to the union.", "came"),
        # another verb
        ("The army freed twenty hostages after the talks.", "freed"),
    ],
)
def test_no_act_placed_in_time(nlp: Any, text: str, verb: str) -> None:
    assert _timed(nlp, text) == verb


def test_a_statement_placed_in_time_stays(nlp: Any) -> None:
    assert _timed(nlp, "That came a day after the army said it had shelled the camp.") == "came"


def _act_by(nlp: Any, text: str, source: str, ranked: list[str]) -> tuple[str, str | None]:
    from sayso.events.extract import _act_by

    doc = nlp(text)
    targets = [(float(-n), _word(doc, word)) for n, word in enumerate(ranked)]
    doer, target = _act_by(
        _word(doc, source), targets[0][1] if targets else None, targets, "2024-02-27"
    )
    return doer.text, None if target is None else target.text


@pytest.mark.parametrize(
    ("text", "source", "ranked", "pair"),
    [
        # the actor ranked as the target: the next one is
        (
            "A bombing by the Taliban killed nine soldiers in Kandahar.",
            "bombing",
            ["Taliban", "soldiers"],
            ("Taliban", "soldiers"),
        ),
        (
            "The raid by Turkish police ended the meeting of the union.",
            "raid",
            ["union"],
            ("police", "union"),
        ),
    ],
)
def test_an_act_by_an_actor_is_the_actors(
    nlp: Any, text: str, source: str, ranked: list[str], pair: tuple[str, str | None]
) -> None:
    assert _act_by(nlp, text, source, ranked) == pair


@pytest.mark.parametrize(
    ("text", "source", "ranked"),
    [
        # no "by": the act noun stays (other rules read its own phrase)
        ("The bombing killed nine soldiers in Kandahar.", "bombing", ["soldiers"]),
        # "by" a date, no actor
        ("The decision by Friday angered the union.", "decision", ["union"]),
        # a person, no act noun
        ("The envoy sent by Kenya met the president.", "envoy", ["president"]),
    ],
)
def test_no_act_by_an_actor(nlp: Any, text: str, source: str, ranked: list[str]) -> None:
    assert _act_by(nlp, text, source, ranked) == (source, ranked[0])


def test_a_passives_other_doer_is_no_target(nlp: Any) -> None:
    text = "The move was criticized by economists and by Democrats."
    from sayso.events.extract import _actor_over_act

    doc = nlp(text)
    targets = [(0.0, _word(doc, "move")), (-1.0, _word(doc, "economists"))]
    found = _actor_over_act(
        _word(doc, "criticized"), targets, _word(doc, "Democrats"), targets[0][1], "2024-02-27"
    )
    assert found is not None and found.text == "move"
