"""The title of a named body the knowledge base does not know is no state office (twenty-fourth
session): "president of the NAACP" gives no GOV; a public body's or a party's title keeps its
code. Own sentences."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.model import Article
from sayso.pipeline import analysed


@pytest.fixture(scope="module")
def nlp() -> Any:
    from sayso.nlp import load

    return load()


def sectors(nlp: Any, text: str) -> dict[str, str | None]:
    article = Article(doc_id="t", text=text, date="2016-06-01")
    (_, result), = analysed([article], nlp)
    return {a.speaker.name: a.speaker.sector for a in result.attributions if a.speaker is not None}


@pytest.mark.parametrize("text, name", [
    ("Derrick Johnson, president of the NAACP, said the vote was unfair.", "Derrick Johnson"),
    ("Richard Trumka, president of the AFL-CIO, said workers would vote.", "Richard Trumka"),
])
def test_unknown_named_body_gives_no_gov(nlp: Any, text: str, name: str) -> None:
    assert sectors(nlp, text)[name] != "GOV"


@pytest.mark.parametrize("text, name, sector", [
    ("John Williams, the president of the Federal Reserve Bank of New York, said rates would rise.",
     "John Williams", "GOV"),
    ("Brad Smith, president of Microsoft, said the company would appeal.", "Brad Smith", "BUS"),
])
def test_public_bodies_and_known_firms_keep_their_codes(nlp: Any, text: str, name: str, sector: str) -> None:
    assert sectors(nlp, text)[name] == sector
