"""Role picking of the twenty-first session (issue #14): the subject of a verb of undergoing
("drew criticism from", "came under criticism from") is the one the act is done to, the actor of
its "from" phrase the doer, never the same actor on both sides. Own sentences, not the judged
set's."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.model import Article, Event
from sayso.pipeline import process_one


def _events(nlp: Any, text: str, fast: bool = False) -> list[Event]:
    return process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast).events


def _mention(text: str, actor: Any) -> str | None:
    if actor is None or not actor.spans:
        return None
    start, end = actor.spans[0]
    return text[start:end]


@pytest.mark.parametrize(
    "text, kind, source, target",
    [
        # The subject read as a statement's speaker ("drew criticism from" as the cue).
        (
            "Mexico's president drew criticism from Washington for the decision.",
            "ACCUSE",
            "Washington",
            "Mexico's president",
        ),
        (
            "The German chancellor drew praise from Paris for the plan.",
            "SUPPORT",
            "Paris",
            "The German chancellor",
        ),
        # "come under" a thing: its "from" phrase names the doer.
        (
            "The Kenyan police have come under criticism from rights groups.",
            "ACCUSE",
            "rights groups",
            "The Kenyan police",
        ),
    ],
)
def test_the_subject_of_undergoing_is_the_target(
    nlp: Any, text: str, kind: str, source: str, target: str
) -> None:
    found = [e for e in _events(nlp, text) if e.type == kind]
    assert found, text
    event = found[0]
    assert _mention(text, event.source) == source
    assert _mention(text, event.target) == target


def test_faced_criticism_keeps_its_reading(nlp: Any) -> None:
    text = "Iran's government faces criticism from the U.N. over the executions."
    event = next(e for e in _events(nlp, text) if e.type == "ACCUSE")
    assert _mention(text, event.source) == "the U.N."
    assert _mention(text, event.target) == "Iran's government"


def test_a_statement_about_its_own_speaker_still_has_no_target(nlp: Any) -> None:
    # (not a verb of undergoing: the speaker's own country is no recipient)
    text = "Poland did not plan to send troops, the Polish defence minister said."
    for event in _events(nlp, text):
        assert event.target is None or _mention(text, event.target) != "the Polish defence minister"


@pytest.mark.parametrize(
    "text, source, target",
    [
        # A charge with no doer named: the state its phrase names, or the venue, charges.
        (
            "The Dutch trader faces a charge of tax fraud in the United States.",
            "USA",
            "The Dutch trader",
        ),
        ("The Italian banker faces three counts of fraud in Germany.", "DEU", "The Italian banker"),
    ],
)
def test_the_one_facing_a_charge_is_the_target(
    nlp: Any, text: str, source: str, target: str
) -> None:
    event = next(e for e in _events(nlp, text) if e.type == "ACCUSE")
    assert event.source is not None and event.source.country == source
    assert _mention(text, event.target) == target


def test_fast_mode_keeps_the_subject_as_source(nlp: Any) -> None:
    text = "The Italian banker faces three counts of fraud in Germany."
    events = [e for e in _events(nlp, text, fast=True) if e.type == "ACCUSE"]
    assert all(_mention(text, e.source) != "Germany" for e in events)
