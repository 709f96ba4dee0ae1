"""Roles of the twenty-first session (issue #14): a thing as the recipient ("criticized the
decision") stands for its owner, who in a document about one country's politics is that
country's where the sentence names no other. Own sentences, not the judged set's."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.model import Article, Event
from sayso.pipeline import process_one

# Two US people named in full with their party: a document about US politics (DocActors.domestic).
US_POLITICS = (
    "Senator Jane Holt, a Republican from Ohio, spoke in Columbus on Monday. "
    "Governor Tom Reyes, a Democrat, agreed with her. "
)


def _target(nlp: Any, text: str, fast: bool = False) -> Event:
    events = process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast).events
    found = [e for e in events if e.type == "ACCUSE"]
    assert found and found[-1].target is not None
    return found[-1]


@pytest.mark.parametrize(
    "sentence, thing",
    [
        ("Republican lawmakers criticized the decision on Tuesday.", "the decision"),
        ("Republican lawmakers condemned the bill's passage.", "the bill's passage"),
    ],
)
def test_a_thing_of_one_countrys_politics_is_that_countrys(
    nlp: Any, sentence: str, thing: str
) -> None:
    text = US_POLITICS + sentence
    event = _target(nlp, text)
    assert event.target is not None
    start, end = event.target.spans[0]
    assert text[start:end] == thing
    assert event.target.country == "USA" and event.target.sector is None
    assert event.target.domestic  # read from the document: no evidence an event happened


def test_a_sentence_naming_another_country_gives_the_thing_none(nlp: Any) -> None:
    text = US_POLITICS + "Republican lawmakers in Paris criticized the decision on Tuesday."
    event = _target(nlp, text)
    assert event.target is not None and event.target.country is None


def test_a_document_of_no_one_countrys_politics_gives_the_thing_none(nlp: Any) -> None:
    event = _target(nlp, "The team played well on Monday. Fans criticized the decision on Tuesday.")
    assert event.target is not None and event.target.country is None


def test_fast_mode_keeps_the_thing_uncoded(nlp: Any) -> None:
    event = _target(
        nlp, US_POLITICS + "Republican lawmakers criticized the decision on Tuesday.", fast=True
    )
    assert event.target is not None and event.target.country is None


def _event(nlp: Any, sentence: str, fast: bool = False) -> tuple[str, Event]:
    text = US_POLITICS + sentence
    events = process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast).events
    assert len(events) > 2
    return text, events[-1]


def test_a_state_body_of_one_countrys_politics_is_that_countrys(nlp: Any) -> None:
    text, event = _event(nlp, "Republican lawmakers criticized the agency on Tuesday.")
    assert event.target is not None
    start, end = event.target.spans[0]
    assert text[start:end] == "the agency"
    assert (event.target.country, event.target.sector) == ("USA", "GOV") and event.target.domestic
    _, fast = _event(nlp, "Republican lawmakers criticized the agency on Tuesday.", fast=True)
    assert fast.target is not None and fast.target.country is None


def test_a_state_speaker_of_one_countrys_politics_is_that_countrys(nlp: Any) -> None:
    # ("rejected" is a statement: its source is the attribution's speaker, one object for both)
    for fast, country in ((False, "USA"), (True, None)):
        text = US_POLITICS + "The agency rejected the senator's request on Tuesday."
        found = process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast)
        speaker = found.attributions[-1].speaker
        assert speaker is not None and (speaker.country, speaker.sector) == (country, "GOV")
        assert found.events[-1].source is speaker
