"""Roles of the twenty-fifth session (issue #14, roles25): a passive inside a statement's content
("the minister said the sailors released by Iran ...", "the spokesman said the reporter was
detained by the police") is the agent's act, done to the passive's subject, not the speaker's
nor the subject's (``extract._reported_passive``). Own sentences."""

from __future__ import annotations

from typing import Any

from sayso.model import Actor, Article, DocumentResult
from sayso.pipeline import process_one


def _run(nlp: Any, text: str, fast: bool = False) -> DocumentResult:
    return process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast)


def _pair(result: DocumentResult, kind: str) -> tuple[Actor | None, Actor | None]:
    found = [e for e in result.events if e.type == kind]
    assert found, [(e.type, e.source, e.target) for e in result.events]
    return found[0].source, found[0].target


def _country(actor: Actor | None) -> str | None:
    return actor.country if actor is not None else None


def test_reduced_passive_in_a_statement_is_the_agents_act(nlp: Any) -> None:
    text = "The foreign minister said the sailors released by Iran had returned home."
    source, target = _pair(_run(nlp, text), "RETREAT")
    assert _country(source) == "IRN"
    assert target is not None and target.spans[0][0] == text.index("the sailors")


def test_reduced_passive_of_arrest_in_a_statement(nlp: Any) -> None:
    text = (
        "A spokesman said the students arrested by Egyptian police had been questioned for hours."
    )
    source, target = _pair(_run(nlp, text), "COERCE")
    assert source is not None and (source.country, source.sector) == ("EGY", "COP")
    assert target is not None and target.spans[0][0] == text.index("the students")


def test_passive_with_agent_in_a_statement_is_the_agents_act(nlp: Any) -> None:
    text = "The spokesman said the reporter was detained by Turkish police on Monday."
    source, target = _pair(_run(nlp, text), "COERCE")
    assert source is not None and source.country == "TUR" and source.sector == "COP"
    assert target is not None and target.sector == "JRN"


def test_an_active_content_keeps_its_subject_as_doer(nlp: Any) -> None:
    text = "The spokesman said Turkish police detained the reporter on Monday."
    source, target = _pair(_run(nlp, text), "COERCE")
    assert source is not None and source.country == "TUR" and source.sector == "COP"
    assert target is not None and target.sector == "JRN"
