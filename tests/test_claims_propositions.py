"""Claims stand on propositions: noun phrases never found or label a claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims_store import make_store
from sayso.claims import db
from sayso.claims.assemble import seeded_only
from sayso.claims.build import build
from sayso.claims.text import is_clausal
from sayso.claims.views import claims


@pytest.mark.parametrize(("text", "clausal"), [
    ("Republican presidential candidate Donald Trump", False),
    ("the claims", False),
    ("the minimum wage", False),
    ("that Mexico will pay for the wall", True),
    ("Mexico will pay for the wall", True),
    ("whether the bank raises rates", True),
    ("Clinton lied about her emails", True),
    ("the senator from Vermont and his campaign staff in New Hampshire", True),
])
def test_is_clausal(text: str, clausal: bool) -> None:
    assert is_clausal(text) is clausal


def test_noun_phrase_groups_are_split() -> None:
    texts = ["Donald Trump", "candidate Donald Trump", "Trump said the wall will be built",
             "the wall", "the border wall"]
    labels = seeded_only([0, 0, 1, 1, 2], texts)
    assert labels[0] != labels[1]              # two noun phrases: no claim
    assert labels[2] == labels[3]              # a noun phrase may join a proposition
    assert labels[4] == 2


def test_claim_label_is_a_full_sentence(tmp_path: Path) -> None:
    statements = [
        ("b1", "2024-05-01", "Daily Planet", "Ann Lee", "praised",
         "Republican presidential candidate Donald Trump"),
        ("b2", "2024-05-02", "The Courier", "Bo Chan", "criticised",
         "Republican presidential candidate Donald Trump"),
        ("b3", "2024-05-03", "Morning Post", "Cy Diaz", "said",
         "the factory will close next year"),
        ("b4", "2024-05-04", "Daily Planet", "Di Eck", "said",
         "the factory would close next year"),
    ]
    path = make_store(tmp_path / "p.duckdb", statements)
    con = db.connect(path)
    build(con, embedder=None)
    found = claims(con, min_size=2)
    con.close()
    assert [c["text"] for c in found] == ["the factory will close next year"]
    assert found[0]["sentence"] == "the factory will close next year"  # its whole sentence
