"""Reported acts of the twenty-fifth session (issue #14, reported25): a plain statement whose
content's doer is the speaker's own armed personnel or equipment named by a possessive pronoun
("the military said its aircraft struck ...") reports that act, done by the speaker's side
(the manual codes state-military personnel and equipment as that state), not the speaker's
ACCUSE; another's forces stay an allegation (``extract._speakers_own``). Own sentences."""

from __future__ import annotations

from typing import Any

from sayso.model import Article, DocumentResult, Event
from sayso.pipeline import process_one


def _run(nlp: Any, text: str, fast: bool = False) -> DocumentResult:
    return process_one(Article("t", text, date="2024-03-01"), nlp, fast=fast)


def _types(result: DocumentResult) -> list[str]:
    return [e.type for e in result.events]


def _event(result: DocumentResult, kind: str) -> Event:
    found = [e for e in result.events if e.type == kind]
    assert found, [(e.type, e.source, e.target) for e in result.events]
    return found[0]


def test_own_aircraft_strike_is_the_speakers_sides_assault(nlp: Any) -> None:
    result = _run(
        nlp, "The Israeli military said its aircraft struck Hezbollah targets in southern Lebanon."
    )
    event = _event(result, "ASSAULT")
    assert "ACCUSE" not in _types(result)
    assert event.source is not None and event.source.country == "ISR"
    assert event.target is not None and event.target.country == "LBN"
    assert event.attribution_id is not None  # (the speaker's attribution, as for verbal events)


def test_own_warplanes_bombing_is_an_assault(nlp: Any) -> None:
    text = "The Syrian defence ministry said its warplanes bombed rebel positions near Idlib."
    event = _event(_run(nlp, text), "ASSAULT")
    assert event.source is not None and event.source.country == "SYR"


def test_another_sides_forces_stay_an_allegation(nlp: Any) -> None:
    result = _run(nlp, "Moscow said Kyiv's forces had shelled the city of Donetsk.")
    assert "ACCUSE" in _types(result)


def test_a_possessive_on_people_who_are_no_force_is_not_the_speakers_side(nlp: Any) -> None:
    # (``_speakers_own`` asks for armed personnel or equipment: "his critics" are no side of his)
    from sayso.events.extract import _speakers_own

    doc = nlp("The senator said his critics had attacked his record.")
    critics = next(t for t in doc if t.lower_ == "critics")
    senator = next(t for t in doc if t.lower_ == "senator")
    assert not _speakers_own(critics, senator, "2024-03-01")
