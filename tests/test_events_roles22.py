"""Roles of the twenty-second session (issue #14): people and private bodies with a sector but no
country ("several victims", "Muslim advocates") in a document about one country's politics are
that country's where the sentence names no other. Own sentences, not the judged set's."""

from __future__ import annotations

from typing import Any

from sayso.model import Actor, Article, DocumentResult
from sayso.pipeline import process_one

# Two US people named in full with their party: a document about US politics (DocActors.domestic).
US_POLITICS = (
    "Senator Jane Holt, a Republican from Ohio, spoke in Columbus on Monday. "
    "Governor Tom Reyes, a Democrat, agreed with her. "
)


def _run(nlp: Any, sentence: str, fast: bool = False, prefix: str = US_POLITICS) -> DocumentResult:
    return process_one(Article("t", prefix + sentence, date="2016-06-01"), nlp, fast=fast)


def _role(result: DocumentResult, kind: str, role: str) -> Actor:
    found = [e for e in result.events if e.type == kind]
    assert found
    actor = getattr(found[-1], role)
    assert actor is not None
    return actor


def test_people_acted_on_in_one_countrys_politics_are_that_countrys(nlp: Any) -> None:
    target = _role(
        _run(nlp, "Senator Holt met privately with several victims on Tuesday."),
        "CONSULT",
        "target",
    )
    assert target.country == "USA" and target.sector == "CVL"
    assert target.domestic  # read from the document: no evidence that an event happened


def test_fast_mode_keeps_them_uncoded(nlp: Any) -> None:
    result = _run(nlp, "Senator Holt met privately with several victims on Tuesday.", fast=True)
    assert _role(result, "CONSULT", "target").country is None


def test_a_sentence_naming_another_country_gives_them_none(nlp: Any) -> None:
    result = _run(
        nlp, "Senator Holt, back from Germany, met privately with several victims on Tuesday."
    )
    target = _role(result, "CONSULT", "target")
    assert target.country != "USA" and not target.domestic  # (the act's place may give its own)


def test_a_document_of_no_one_countrys_politics_gives_them_none(nlp: Any) -> None:
    result = _run(
        nlp, "The mayor met privately with several victims on Tuesday.", prefix="The storm ended. "
    )
    assert _role(result, "CONSULT", "target").country is None


def test_a_speaker_of_them_and_its_event_share_the_code(nlp: Any) -> None:
    result = _run(nlp, "Muslim advocates praised Governor Reyes on Friday.")
    source = _role(result, "SUPPORT", "source")
    assert source.country == "USA" and source.sector == "REL" and source.domestic
    speakers = [
        a.speaker
        for a in result.attributions
        if a.speaker is not None and a.speaker.name == "Muslim advocates"
    ]
    assert speakers and all(s.country == "USA" for s in speakers)


def test_armed_groups_stay_uncoded(nlp: Any) -> None:
    source = _role(_run(nlp, "Rebels attacked Governor Reyes on Friday."), "ASSAULT", "source")
    assert source.country is None


def test_georgia_in_us_politics_is_the_state(nlp: Any) -> None:
    source = _role(
        _run(nlp, "Georgia businessman Bruce Lane praised Governor Reyes on Friday."),
        "SUPPORT",
        "source",
    )
    assert source.country == "USA" and not source.domestic  # (its own place word)


def test_georgia_elsewhere_and_in_fast_mode_is_the_country(nlp: Any) -> None:
    fast = _run(nlp, "Georgia businessman Bruce Lane praised Governor Reyes on Friday.", fast=True)
    assert _role(fast, "SUPPORT", "source").country == "GEO"
    other = _run(
        nlp, "Georgian President Mikheil Saakashvili criticized Russia on Friday.", prefix=""
    )
    assert _role(other, "ACCUSE", "source").country == "GEO"
