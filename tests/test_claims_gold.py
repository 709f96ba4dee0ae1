"""The claim gold set against ../shared PolNeAR (skipped when ../shared is absent)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from sayso.claims.cluster import Settings
from sayso.claims.evaluate import (
    GOLD_STANCES,
    PARTS,
    evaluate,
    load_items,
    part_of,
    read_brat,
    read_gold,
    read_propositions,
    split,
    text_folder,
)

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "claims_gold.tsv"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"

needs_shared = pytest.mark.skipif(not (POLNEAR / "train").exists(), reason="needs ../shared")


def test_gold_file_holds_ids_offsets_and_labels_only() -> None:
    rows = read_gold(GOLD)
    assert len(rows) >= 1000
    assert len({r.cluster for r in rows}) >= 150
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        assert line.startswith("#") or len(line.split("\t")) == 6
    assert all(r.stance in GOLD_STANCES and r.part in PARTS for r in rows)


def test_parts_are_a_seeded_hash_of_the_claim_and_roughly_halves() -> None:
    rows = read_gold(GOLD)
    assert all(r.part == part_of(r.cluster) for r in rows)
    claims = {r.cluster: r.part for r in rows}
    tune = sum(p == "tune" for p in claims.values())
    assert 0.35 < tune / len(claims) < 0.65
    assert 0.35 < sum(r.part == "tune" for r in rows) / len(rows) < 0.65


def test_every_claim_states_its_proposition() -> None:
    claims = {r.cluster for r in read_gold(GOLD)}
    propositions = read_propositions(GOLD)
    assert set(propositions) == claims
    assert all(sentence.endswith((".", '"', "'", "”")) for sentence in propositions.values())


def test_one_attribution_in_at_most_one_claim_and_claims_span_articles() -> None:
    rows = read_gold(GOLD)
    assert len({(r.doc, r.eid) for r in rows}) == len(rows)
    articles: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        articles[r.cluster].add(r.doc)
    assert all(len(docs) >= 2 for docs in articles.values())


@pytest.mark.shared
@needs_shared
def test_gold_offsets_match_a_gold_content_of_that_eid() -> None:
    for row in read_gold(GOLD):
        folder = text_folder(POLNEAR, row.doc)
        assert read_brat(folder, row.doc)[row.eid][2] == row.content, (row.doc, row.eid)


@pytest.mark.shared
@needs_shared
def test_lexical_clustering_and_stance_run_on_the_test_half() -> None:
    # With every other attribution of the same articles as unlabelled distractors.
    everything = load_items(GOLD, POLNEAR, distractors=True)
    items = [everything[k] for k in split(everything, "test")]
    assert sum(1 for it in items if it.cluster) >= 200
    scores = evaluate(items, Settings(), embedding=None)
    # A floor, not a goal: this gold is meant to be hard for the lexical matcher.
    assert 0.0 < float(scores["f1"]) <= 1.0  # type: ignore[arg-type]
    assert float(scores["stance_accuracy"]) >= 0.5  # type: ignore[arg-type]
