"""A curated office holder's lone surname on a date outside their rows needs the text's support
(issue #13, deliverable 5; default mode): composed sentences."""

from __future__ import annotations

from typing import Any

from sayso.model import Actor, Article
from sayso.pipeline import process_one


def speaker(nlp: Any, text: str, date: str, fast: bool = False) -> Actor:
    result = process_one(Article("t", text, date=date), nlp, fast=fast)
    found = [a.speaker for a in result.attributions if a.source and a.source.text == "Wallace"]
    assert found and found[0] is not None
    return found[0]


DEBATE = '"We will cut taxes for every family," Wallace said after the debate in Ohio.'
LONDON = '"Britain will send more troops to Estonia," Wallace said in London.'


def test_a_surname_before_the_office_is_no_foreign_minister(nlp: Any) -> None:
    # Ben Wallace's curated row begins in 2019: a bare "Wallace" in a 2016 US story is someone else
    found = speaker(nlp, DEBATE, "2016-10-05")
    assert found.kb_id is None and found.country != "GBR"


def test_fast_mode_keeps_its_output(nlp: Any) -> None:
    assert speaker(nlp, DEBATE, "2016-10-05", fast=True).kb_id == "ben-wallace"


def test_the_text_naming_the_country_keeps_the_holder(nlp: Any) -> None:
    assert speaker(nlp, LONDON, "2016-10-05").kb_id == "ben-wallace"


def test_a_surname_in_office_needs_nothing_more(nlp: Any) -> None:
    found = speaker(nlp, DEBATE, "2021-03-01")
    assert (found.kb_id, found.country) == ("ben-wallace", "GBR")
