"""Roles of the twenty-second session, third wave (issue #14, roles22b): a short national story
that names one country only, and too seldom for ``DocActors.domestic`` or ``home`` to read it,
gives that country to its uncoded people and bodies (``DocActors.sole_country``). Own sentences,
not the judged set's."""

from __future__ import annotations

from typing import Any

from found_actors import event_source as _source
from sayso.model import Article, DocumentResult
from sayso.pipeline import process_one

# One place of one country, no party words, no one named in full of another country.
ONE_COUNTRY = "Workers at the plant in Melbourne met on Monday. "


def _run(nlp: Any, text: str, fast: bool = False) -> DocumentResult:
    return process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast)


def test_unions_of_a_story_naming_one_country_are_that_countrys(nlp: Any) -> None:
    source = _source(_run(nlp, ONE_COUNTRY + "Unions rejected the offer on Tuesday."), "REJECT")
    assert source is not None and source.country == "AUS"
    assert source.domestic  # read from the document: no evidence that an event happened


def test_fast_mode_keeps_them_uncoded(nlp: Any) -> None:
    result = _run(nlp, ONE_COUNTRY + "Unions rejected the offer on Tuesday.", fast=True)
    source = _source(result, "REJECT")
    assert source is None or source.country is None


def test_a_story_naming_two_countries_gives_them_none(nlp: Any) -> None:
    text = "Workers at the plant in Melbourne met officials from Japan on Monday. "
    source = _source(_run(nlp, text + "Unions rejected the offer on Tuesday."), "REJECT")
    assert source is None or source.country is None


def test_a_story_naming_no_country_gives_them_none(nlp: Any) -> None:
    text = "Workers at the plant met on Monday. Unions rejected the offer on Tuesday."
    source = _source(_run(nlp, text), "REJECT")
    assert source is None or source.country is None
