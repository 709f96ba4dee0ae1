"""Actor countries of the twenty-fourth session (issue #14, codes24): those a state releases are
of that state as those it detains are (``events._held_or_freed``). Own sentences, not
ConfliBERT's."""

from __future__ import annotations

from typing import Any

from sayso.model import Actor, Article, DocumentResult
from sayso.pipeline import process_one


def _run(nlp: Any, text: str, fast: bool = False) -> DocumentResult:
    return process_one(Article("t", text, date="2016-06-01"), nlp, fast=fast)


def _role(result: DocumentResult, kind: str, role: str) -> Actor | None:
    found = [e for e in result.events if e.type == kind]
    assert found
    return getattr(found[-1], role)


def test_those_a_state_releases_are_of_that_state(nlp: Any) -> None:
    text = "The Venezuelan government has released 40 opposition politicians."
    target = _role(_run(nlp, text), "RETREAT", "target")
    assert target is not None and target.country == "VEN" and target.domestic


def test_not_a_foreigner_the_state_releases(nlp: Any) -> None:
    target = _role(_run(nlp, "Iran released an American student on Sunday."), "RETREAT", "target")
    assert target is not None and target.country == "USA"


def test_not_those_rebels_free(nlp: Any) -> None:
    target = _role(_run(nlp, "Rebels freed 20 prisoners from the jail."), "RETREAT", "target")
    assert target is None or target.country is None


def test_fast_mode_keeps_the_released_uncoded(nlp: Any) -> None:
    text = "The Venezuelan government has released 40 opposition politicians."
    target = _role(_run(nlp, text, fast=True), "RETREAT", "target")
    assert target is None or target.country is None


def test_us_agency_by_its_bare_name(nlp: Any) -> None:
    text = "Immigration and Customs Enforcement returned a stolen painting to Italy."
    source = _role(_run(nlp, text), "RETREAT", "source")
    assert source is not None and source.country == "USA" and source.sector == "GOV"


def test_us_agency_by_its_acronym(nlp: Any) -> None:
    source = _role(
        _run(nlp, "DHS returned the artifacts to the government of Peru."), "RETREAT", "source"
    )
    assert source is not None and source.country == "USA"
