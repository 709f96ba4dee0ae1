"""Roles of the twenty-fourth session (issue #14, cameo24): the people a state's police, courts
or government coerce at home are of that state where the sentence names no other country
(``events._held_by_the_state``). Own sentences, not ConfliBERT's."""

from __future__ import annotations

from typing import Any

from sayso.model import Actor, Article, DocumentResult
from sayso.pipeline import process_one


def _run(nlp: Any, text: str, fast: bool = False) -> DocumentResult:
    return process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast)


def _target(result: DocumentResult) -> Actor | None:
    found = [e for e in result.events if e.type == "COERCE"]
    assert found
    return found[-1].target


def test_those_police_arrest_at_home_are_of_the_police_state(nlp: Any) -> None:
    target = _target(_run(nlp, "Kenyan police arrested dozens of protesters on Tuesday."))
    assert target is not None and target.country == "KEN"
    assert target.domestic  # read from the act, not said


def test_a_journalist_the_police_detain_likewise(nlp: Any) -> None:
    target = _target(_run(nlp, "Kenyan police detained a prominent journalist on Tuesday."))
    assert target is not None and target.country == "KEN"


def test_not_where_the_sentence_names_another_country(nlp: Any) -> None:
    target = _target(
        _run(nlp, "Kenyan police arrested dozens of protesters near the Ugandan border.")
    )
    assert target is None or target.country is None


def test_not_those_deported(nlp: Any) -> None:
    target = _target(_run(nlp, "Kenyan police deported dozens of protesters on Tuesday."))
    assert target is None or target.country is None


def test_not_those_an_army_holds(nlp: Any) -> None:
    target = _target(_run(nlp, "Kenyan troops arrested dozens of fighters on Tuesday."))
    assert target is None or target.country is None


def test_fast_mode_keeps_them_uncoded(nlp: Any) -> None:
    target = _target(
        _run(nlp, "Kenyan police arrested dozens of protesters on Tuesday.", fast=True)
    )
    assert target is None or target.country is None


def test_a_countrys_name_is_that_country_not_a_city_elsewhere() -> None:
    from sayso.knowledge.gazetteer import country_place, lookup_place

    # (the gazetteer's cities carry alternate names, some of them countries' names)
    assert lookup_place("Egypt") is not None and lookup_place("Egypt")["country"] != "EGY"
    place = country_place("Egypt")
    assert place is not None and place["country"] == "EGY" and place["lat"] is None
    assert country_place("Cairo") is None


def test_the_place_of_an_act_in_a_country_named_so_is_that_country(nlp: Any) -> None:
    result = _run(nlp, "An activist was tortured in a detention center in Egypt.")
    event = next(e for e in result.events if e.type == "ASSAULT")
    assert event.location is not None and event.location["country"] == "EGY"
    assert event.target is not None and event.target.country == "EGY"


def test_a_city_of_the_country_named_keeps_its_point(nlp: Any) -> None:
    result = _run(nlp, "Police arrested two protesters in Mexico on Tuesday.")
    event = next(e for e in result.events if e.type == "COERCE")
    assert event.location is not None and event.location["country"] == "MEX"
    assert event.location["lat"] is not None
