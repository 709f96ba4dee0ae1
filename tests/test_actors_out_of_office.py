"""A curated office holder's lone surname on a date outside their rows needs the text's support
(issue #13, deliverable 5): composed sentences."""

from __future__ import annotations

from typing import Any

from sayso.actors import Context, code_speakers
from sayso.model import Actor, Article, Attribution, Span


def speaker(nlp: Any, text: str, name: str, date: str) -> Actor:
    doc = nlp(text)
    at = text.index(name)
    cue = text.index(" said") + 1
    attribution = Attribution(
        id="a1",
        kind="indirect",
        cue=Span.of(text, [(cue, cue + 4)]),
        content=Span.of(text, [(cue + 5, len(text) - 1)]),
        source=Span.of(text, [(at, at + len(name))]),
        speaker=Actor(name=name, kind="person", spans=[(at, at + len(name))]),
    )
    code_speakers([attribution], Context.of(doc, Article("d", text, date=date)))
    assert attribution.speaker is not None
    return attribution.speaker


def test_a_surname_before_the_office_is_no_foreign_minister(nlp: Any) -> None:
    # Ben Wallace's curated row begins in 2019: a bare "Wallace" in a 2016 US story is someone else
    found = speaker(
        nlp,
        "At the debate in Ohio, Wallace said the candidates would answer.",
        "Wallace",
        "2016-10-05",
    )
    assert found.kb_id is None
    assert found.country != "GBR"


def test_a_surname_before_the_office_keeps_the_holder_where_the_text_names_the_country(
    nlp: Any,
) -> None:
    found = speaker(
        nlp, "In London, Wallace said Britain would send more troops.", "Wallace", "2016-10-05"
    )
    assert found.kb_id == "ben-wallace"


def test_a_surname_in_office_needs_nothing_more(nlp: Any) -> None:
    found = speaker(
        nlp, "Wallace said the ministry would send more troops.", "Wallace", "2021-03-01"
    )
    assert (found.kb_id, found.country) == ("ben-wallace", "GBR")
