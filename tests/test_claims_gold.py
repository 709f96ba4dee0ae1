"""The claim gold set against ../shared PolNeAR (skipped when ../shared is absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sayso.claims.cluster import Settings
from sayso.claims.evaluate import evaluate, load_items, read_brat

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "claims_gold.tsv"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train"

pytestmark = [pytest.mark.shared,
              pytest.mark.skipif(not POLNEAR.exists(), reason="needs ../shared")]


def gold_rows() -> list[list[str]]:
    return [line.split("\t") for line in GOLD.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#") and not line.startswith("doc\t")]


def test_gold_file_holds_offsets_and_labels_only() -> None:
    rows = gold_rows()
    assert len(rows) >= 300
    assert len({r[3] for r in rows}) >= 60
    assert all(len(r) == 5 and r[4] in ("assert", "deny", "question", "report") for r in rows)


def test_gold_offsets_match_polnear() -> None:
    for doc, eid, content, *_labels in gold_rows():
        spans = [tuple(int(x) for x in part.split("-")) for part in content.split(";")]
        assert read_brat(POLNEAR, doc)[eid][2] == spans, (doc, eid)


def test_lexical_clustering_and_stance_quality_floor() -> None:
    # With every other attribution of the same articles as unlabelled distractors.
    items = load_items(GOLD, POLNEAR, distractors=True)
    assert len(items) > 5000
    scores = evaluate(items, Settings(), embedding=None)
    assert scores["f1"] >= 0.45
    assert scores["stance_accuracy"] >= 0.7
