"""Event types (issue #14, default mode; own sentences, types26).

- A hostile measure promised ("promised a veto", "pledged new sanctions against") is a warning of
  repercussions, the manual's THREATEN, not the AGREE of a promise to cooperate
  (events/wording.py ``promises_harm``, events_readings.tsv ``promise_verb``, ``harm_promised``).
- Cooperation promised stays AGREE.
- Another's act regretted inside a statement is disapproval, ACCUSE, as it is told by no one
  (``wording.tells_anothers_act_regretted``)."""

from __future__ import annotations

from typing import Any

import pytest

from event_support import events


def _types(nlp: Any, text: str) -> list[str]:
    return [e.type for e in events(nlp, text)]


@pytest.mark.parametrize(
    "text",
    [
        "The White House promised a veto of the Iran sanctions bill.",
        "The administration has promised a veto and urged senators to reject the bill.",
        "The senator pledged new sanctions against Iran.",
    ],
)
def test_hostile_measure_promised_is_threat(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["THREATEN"]


@pytest.mark.parametrize(
    "text",
    [
        # aid or forces promised, an action of no hostile kind: a promise to cooperate
        "The minister pledged troops to the coalition.",
        "The governor pledged action on climate change.",
        "The president pledged to send more aid to the flood victims.",
    ],
)
def test_cooperation_promised_stays_agree(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said the government regrets the Indian decision to close the consulate.",
        '"Pakistan regrets the Indian decision to ban access to its airspace," the spokesman said.',
    ],
)
def test_anothers_act_regretted_in_a_statement_is_accuse(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["ACCUSE"]


def test_own_act_regretted_in_a_statement_stays_concede(nlp: Any) -> None:
    assert _types(nlp, '"We regret our decision to close the consulate," the spokesman said.') == [
        "CONCEDE"
    ]


def test_lobbying_to_act_is_asking() -> None:
    from sayso.knowledge.lexicons import word_classes

    assert "lobby" in word_classes("events_readings.tsv")["ask_to"]


def test_lobbying_another_to_act_is_request(nlp: Any) -> None:
    text = "The company has been lobbying senators to oppose the bill that would ban its products."
    assert _types(nlp, text) == ["REQUEST"]


@pytest.mark.parametrize(
    "text",
    [
        "The royal commission has heard evidence that the company could not pay its creditors.",
        "The Senate committee heard testimony from the bank's chief executive.",
    ],
)
def test_evidence_heard_is_investigation(nlp: Any, text: str) -> None:
    assert _types(nlp, text) == ["ACCUSE"]


def test_chiding_read_as_support_is_accuse(nlp: Any) -> None:
    found = events(nlp, "Putin chides Turkey and praises Trump at news conference.")
    assert [e.type for e in found if e.trigger.text == "chides"] == ["ACCUSE"]


def test_court_ruling_against_is_sanction(nlp: Any) -> None:
    text = (
        "A state appeals court ruled Tuesday against Texas's rules for purging voters, "
        "dealing a blow to the state's attorney general."
    )
    assert _types(nlp, text) == ["SANCTION"]


@pytest.mark.parametrize(
    "text",
    [
        "The committee ruled against the proposal.",  # no court
        "The court did not rule against the ban.",  # negated
        "The court ruled on the appeal.",  # nothing ruled against
    ],
)
def test_no_court_ruling_against(nlp: Any, text: str) -> None:
    from sayso.events.wording import rules_against
    from sayso.model import Event, Span

    doc = nlp(text)
    verb = next(t for t in doc if t.lemma_ == "rule")
    trigger = Span.of(text, [(verb.idx, verb.idx + len(verb.text))])
    assert not rules_against(verb, Event(id="e1", type="ACCUSE", trigger=trigger))
