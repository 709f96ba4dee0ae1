"""PLV session 21 (issue #14, default mode; own sentences): role-picking rules for the PLV
coverage misses. A statement's content subject of the speaker's own body is no target; a
passive with no doer named is the act of its time clause's actor; a doer ranked inside an
adverbial clause gives way to the predicate's own subject."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.tokens import Token

DATE = "2024-02-27"


def _word(doc: Any, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def _last(doc: Any, text: str) -> Token:
    """The last ``text`` (a body named again in the content after the speaker's phrase)."""
    return [t for t in doc if t.text == text][-1]


def _speakers_body(nlp: Any, text: str, about: str, speaker: str) -> bool:
    from sayso.events.extract import _speakers_body

    doc = nlp(text)
    return _speakers_body(_last(doc, about), _word(doc, speaker), DATE)


@pytest.mark.parametrize(
    ("text", "about", "speaker", "own"),
    [
        # the body's name is a word of the speaker's own name
        (
            "The NATO official warned that NATO would cut all ties with Belarus.",
            "NATO",
            "official",
            True,
        ),
        # a bare executive in a government speaker's statement
        (
            "The prime minister announced that the government will extend the curfew in Peru.",
            "government",
            "minister",
            True,
        ),
        # a name in the speaker's relative clause is another actor
        (
            "A reporter who has sued Tom Baker said Baker lied to the court.",
            "Baker",
            "reporter",
            False,
        ),
        # a spokesperson speaks of whom she speaks for, who acts
        ("Lopez's spokeswoman said Lopez will back the plan.", "Lopez", "spokeswoman", False),
        # an executive with a country of its own
        (
            "The prime minister said the Chilean government will close its embassy.",
            "government",
            "minister",
            False,
        ),
    ],
)
def test_the_speakers_own_body(nlp: Any, text: str, about: str, speaker: str, own: bool) -> None:
    assert _speakers_body(nlp, text, about, speaker) is own


def _past_own_subject(nlp: Any, text: str, speaker: str, ranked: list[str]) -> str | None:
    from sayso.events.extract import _past_own_subject, speech_lemmas
    from sayso.events.frames import frame_for

    doc = nlp(text)
    targets = [(float(-n), _last(doc, word)) for n, word in enumerate(ranked)]
    frame = frame_for(next(t for t in doc if t.dep_ == "ROOT"), speech_lemmas())
    found = _past_own_subject(frame, targets[0][1], _word(doc, speaker), DATE, targets)
    return None if found is None else found.text


def test_the_own_body_gives_way_to_another_countrys_actor(nlp: Any) -> None:
    text = "The NATO official warned that NATO would cut all ties with Belarus."
    assert _past_own_subject(nlp, text, "official", ["NATO", "ties", "Belarus"]) == "Belarus"


def test_another_subject_stays(nlp: Any) -> None:
    text = "The NATO official warned that Belarus would pay for the attack."
    assert _past_own_subject(nlp, text, "official", ["Belarus", "attack"]) == "Belarus"


def _done_after(nlp: Any, text: str, source: str, target: str | None) -> tuple[str, str | None]:
    from sayso.events.extract import _done_after

    doc = nlp(text)
    doer, done_to = _done_after(
        _word(doc, source), None if target is None else _word(doc, target), DATE
    )
    return doer.text, None if done_to is None else done_to.text


@pytest.mark.parametrize(
    ("text", "source", "pair"),
    [
        (
            "Two opposition leaders were freed on Monday after the Kenyan cabinet approved a pardon.",
            "leaders",
            ("cabinet", "leaders"),
        ),
        # a word of the passive subject's phrase ranked as the doer
        (
            "The leaders of the union were released after the government dropped the charges.",
            "union",
            ("government", "leaders"),
        ),
    ],
)
def test_a_passive_is_its_time_clauses_actors(
    nlp: Any, text: str, source: str, pair: tuple[str, str]
) -> None:
    assert _done_after(nlp, text, source, None) == pair


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the doer named: the agent rules read it
        ("Two opposition leaders were freed by the army after the talks ended.", "leaders"),
        # the time clause's subject is the one done to
        ("The editor was detained after he criticized the army.", "editor"),
        # no time clause
        ("Two opposition leaders were freed because the court ordered it.", "leaders"),
    ],
)
def test_no_time_clause_doer(nlp: Any, text: str, source: str) -> None:
    assert _done_after(nlp, text, source, None) == (source, None)


def _subject_over_clause(nlp: Any, text: str, source: str) -> str:
    from sayso.events.extract import _subject_over_clause

    doc = nlp(text)
    return _subject_over_clause(
        next(t for t in doc if t.dep_ == "ROOT"), _word(doc, source), DATE
    ).text


def test_the_predicates_subject_over_a_clauses(nlp: Any) -> None:
    text = "After Egypt opened the crossing, the Palestinian Authority lifted its ban on trade."
    assert _subject_over_clause(nlp, text, "Egypt") == "Authority"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # the subject is a date, no doer
        ("Monday marks a year since Egypt opened the crossing.", "Egypt"),
        # the source is the predicate's own subject already
        ("The Palestinian Authority lifted its ban after Egypt opened the crossing.", "Authority"),
        # a pronoun subject
        ("After Egypt opened the crossing, they lifted the ban.", "Egypt"),
    ],
)
def test_no_subject_over_a_clause(nlp: Any, text: str, source: str) -> None:
    assert _subject_over_clause(nlp, text, source) == source


def _spoken(nlp: Any, text: str, rule: str, ranked: str, target: str | None) -> str | None:
    """The statement rule ``rule`` on the rankers' ``ranked`` and the target so far ``target``."""
    from sayso.events import extract
    from sayso.events.frames import frame_for

    doc = nlp(text)
    frame = frame_for(next(t for t in doc if t.dep_ == "ROOT"), extract.speech_lemmas())
    before = None if target is None else _word(doc, target)
    if rule == "place":
        found = extract._actor_over_place_spoken(frame, _word(doc, ranked), before, DATE)
    else:
        speaker = frame.source
        assert speaker is not None
        found = extract._person_spoken_of(frame, before, speaker, DATE)
    return None if found is None else found.text


def test_a_person_over_the_place_spoken_of(nlp: Any) -> None:
    text = "Reagan declared that he would not fly to Moscow to meet Mikhail Gorbachev."
    assert _spoken(nlp, text, "place", "Gorbachev", "Moscow") == "Gorbachev"


def test_a_place_spoken_of_stays_before_a_thing(nlp: Any) -> None:
    text = "Reagan declared that he would not fly to Moscow to sign the treaty."
    assert _spoken(nlp, text, "place", "treaty", "Moscow") == "Moscow"


def test_the_person_spoken_of(nlp: Any) -> None:
    text = "His critics say he has used the crisis as a pretext to silence the press."
    assert _spoken(nlp, text, "person", "pretext", "pretext") == "he"


@pytest.mark.parametrize(
    ("text", "target"),
    [
        # "he" is the speaker again
        ("The minister said he had used the crisis as a chance to reform.", "chance"),
        # the rankers chose an actor
        ("His critics say he has used the army against the opposition.", "army"),
    ],
)
def test_no_person_spoken_of(nlp: Any, text: str, target: str) -> None:
    assert _spoken(nlp, text, "person", target, target) == target


def _ranked_rule(nlp: Any, rule: str, text: str, source: str, ranked: list[str]) -> str | None:
    """The target ``rule`` picks among ``ranked`` (best first; the first is the rankers' choice)."""
    from sayso.events import extract

    doc = nlp(text)
    targets = [(float(-n), _word(doc, word)) for n, word in enumerate(ranked)]
    verb = next(t for t in doc if t.dep_ == "ROOT")
    doer, first = _word(doc, source), targets[0][1]
    if rule == "frame":
        found = extract._past_the_frame(targets, doer, first)
    elif rule == "against":
        found = extract._against_over_venue(verb, doer, first, DATE)
    elif rule == "fellow":
        found = extract._fellow_doer(targets, doer, first)
    else:
        found = extract._for_whom(verb, first, DATE)
    return None if found is None else found.text


@pytest.mark.parametrize(
    ("rule", "text", "source", "ranked", "target"),
    [
        # the programme an act belongs to, and when it was done, are no target
        (
            "frame",
            "The French government agreed to give a loan to the farmers as part of its recovery plan.",
            "government",
            ["part", "plan", "farmers"],
            "farmers",
        ),
        (
            "frame",
            "The pope condemned the bombing of a mosque during a prayer in Kabul.",
            "pope",
            ["prayer", "Kabul", "bombing"],
            "bombing",
        ),
        # where a suit was filed gives way to whom it is against
        (
            "against",
            "A Kenyan lawyer filed a lawsuit in a Nairobi court against President Ruto.",
            "lawyer",
            ["court", "Ruto"],
            "Ruto",
        ),
        # a fellow doer of a response is not what they answer
        (
            "fellow",
            "The opposition leader and his party, the Popular Front, rejected the election results.",
            "leader",
            ["party", "results"],
            "results",
        ),
        # a thing given for someone to act with is given to them
        (
            "for",
            "The Turkish government gave approval for the United Nations to deliver food near a base.",
            "government",
            ["base", "Nations"],
            "Nations",
        ),
    ],
)
def test_a_ranked_target_gives_way(
    nlp: Any, rule: str, text: str, source: str, ranked: list[str], target: str
) -> None:
    assert _ranked_rule(nlp, rule, text, source, ranked) == target


@pytest.mark.parametrize(
    ("rule", "text", "source", "ranked"),
    [
        # no "as part of" phrase
        (
            "frame",
            "The French government agreed to give a loan to the farmers of the south.",
            "government",
            ["farmers", "south"],
        ),
        # no "against" actor: the court stays
        ("against", "A Kenyan lawyer filed a lawsuit in a Nairobi court.", "lawyer", ["court"]),
        # a target outside the doers' phrases
        (
            "fellow",
            "The opposition leader and his party rejected the results announced by the commission.",
            "leader",
            ["commission", "results"],
        ),
        # no "for ... to" clause
        (
            "for",
            "The Turkish government gave permission to the prisoners near a base.",
            "government",
            ["prisoners", "base"],
        ),
    ],
)
def test_the_ranked_target_stays(
    nlp: Any, rule: str, text: str, source: str, ranked: list[str]
) -> None:
    assert _ranked_rule(nlp, rule, text, source, ranked) == ranked[0]
