"""Roles of the twenty-third session (issue #14, roles23): police and courts of a story naming
several countries take the one country the places of their sentence (or the sentence just
before) name (``DocActors.scene_country``); an office or thing owned by a bare title ("the Prime
Minister's office") is its owner's (``DocActors._titled_owner``). Own sentences, not the judged
set's."""

from __future__ import annotations

from typing import Any

from found_actors import event_source as _source
from sayso.model import Article, DocumentResult
from sayso.pipeline import process_one

# Two other countries named before, so no one country is the document's.
OTHERS = "Japan and Germany signed a trade deal on Monday. "
SCENE = "A gunman opened fire at a cafe in Paris on Friday. "
POLICE = "According to police, one man was arrested at the scene."
SHARON = "Israeli Prime Minister Ariel Sharon said he was waiting for action. "
OFFICE = "He accused Palestinian leader Yasser Arafat of doing nothing, the Prime Minister's office said."


def _run(nlp: Any, text: str, fast: bool = False) -> DocumentResult:
    return process_one(Article("t", text, date="2001-12-10"), nlp, fast=fast)


def test_police_take_the_country_of_the_scene_set_just_before(nlp: Any) -> None:
    result = _run(nlp, OTHERS + SCENE + POLICE)
    source = _source(result, "COERCE")
    assert source is not None and source.country == "FRA" and source.sector == "COP"
    assert source.domestic  # read from the document: no evidence that an event happened
    speakers = [
        a.speaker
        for a in result.attributions
        if a.speaker is not None and a.speaker.sector == "COP"
    ]
    assert speakers and all(s.country == "FRA" for s in speakers)  # one referent, one code


def test_fast_mode_keeps_the_police_uncoded(nlp: Any) -> None:
    source = _source(_run(nlp, OTHERS + SCENE + POLICE, fast=True), "COERCE")
    assert source is None or source.country is None


def test_police_are_not_given_a_nationality_of_the_people_they_act_on(nlp: Any) -> None:
    source = _source(_run(nlp, OTHERS + "Police arrested two Australians in Paris."), "COERCE")
    assert source is None or source.country is None


def test_a_scene_in_another_paragraph_says_nothing(nlp: Any) -> None:
    source = _source(_run(nlp, OTHERS + SCENE + "\n\n" + POLICE), "COERCE")
    assert source is None or source.country is None


def test_the_prime_ministers_office_is_the_prime_ministers(nlp: Any) -> None:
    source = _source(_run(nlp, SHARON + OFFICE), "ACCUSE")
    assert source is not None and source.country == "ISR" and source.domestic


def test_fast_mode_keeps_the_office_uncoded(nlp: Any) -> None:
    source = _source(_run(nlp, SHARON + OFFICE, fast=True), "ACCUSE")
    assert source is not None and source.country is None


def test_an_office_of_a_title_no_one_holds_stays_uncoded(nlp: Any) -> None:
    text = "Israeli Foreign Minister Shimon Peres said he was waiting for action. " + OFFICE
    source = _source(_run(nlp, text), "ACCUSE")
    assert source is not None and source.country is None
