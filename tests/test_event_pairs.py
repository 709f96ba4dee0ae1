"""The learned pair model: category and roles from the encoder states (issue #14.2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from sayso.attributions import TOKEN_STATES, extract_attributions, tagger
from sayso.attributions.tagger import HIDDEN_SIZE, Pooled
from sayso.attributions.windows import NO_OFFSET, Window
from sayso.events import pairs

ROOT = Path(__file__).resolve().parents[1]
needs_tagger = pytest.mark.skipif(not tagger.available(), reason="attribution tagger not installed")


def _linear(features: int, classes: int) -> pairs.Linear:
    return pairs.Linear(np.zeros(features, np.float32), np.ones(features, np.float32),
                        np.zeros((features, classes), np.float32), np.zeros(classes, np.float32))


def _model(sha: str, add: float = 0.5) -> pairs.PairModel:
    size = 4 * HIDDEN_SIZE + len(pairs.hand_names())
    return pairs.PairModel(_linear(size, 1), _linear(size + 16, 2), ("ACCUSE", "ASSAULT"),
                           add, 0.0, 2.0, 2.0, 1.01, sha)


def test_a_model_of_another_tagger_is_skipped(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(pairs, "tagger_sha256", lambda: "a" * 64)
    monkeypatch.setattr(pairs, "read_data", lambda name, read: _model("b" * 64))
    assert pairs._load() is None
    monkeypatch.setattr(pairs, "read_data", lambda name, read: _model("a" * 64))
    found = pairs._load()
    assert found is not None and found.tagger_sha256 == "a" * 64
    monkeypatch.setattr(pairs, "read_data", lambda name, read: None)
    assert pairs._load() is None  # no model file


def test_the_model_file_reads_back() -> None:
    model = _model("c" * 64)
    arrays = {"classes": np.array(model.classes), "add": np.float32(0.5), "type_min": np.float32(0.0),
              "rerole": np.float32(2.0),
              "retype": np.float32(2.0), "retype_below": np.float32(1.01),
              "tagger_sha256": np.array(model.tagger_sha256)}
    for name, lin in (("pair", model.pair), ("type", model.type)):
        arrays.update({f"{name}_mean": lin.mean, f"{name}_scale": lin.scale, f"{name}_coef": lin.coef,
                       f"{name}_bias": lin.bias})
    read = pairs._read(arrays)
    assert read.classes == model.classes and read.tagger_sha256 == model.tagger_sha256
    assert (read.add, read.type_min, read.rerole, read.retype, read.retype_below) == pytest.approx(
        (0.5, 0.0, 2.0, 2.0, 1.01))


def test_grouped_pooling_sums_as_piece_by_piece() -> None:
    """Token ranges are summed a group at a time: the same sums and counts as one by one."""
    window = Window([101, 7, 8, 9, 10, 102], [NO_OFFSET, (0, 3), (3, 5), (6, 9), (10, 12), NO_OFFSET])
    states = np.random.default_rng(14).normal(size=(6, HIDDEN_SIZE)).astype(np.float32)
    tokens = [(0, 5), (6, 9), (10, 12), (13, 15)]  # the first token has two pieces; the last none
    one, grouped = Pooled(tokens), Pooled(tokens, grouped=True)
    for pool in (one, grouped):
        pool.add(window, states)
    assert np.allclose(one.sums, grouped.sums, atol=1e-6)
    assert one.counts.tolist() == grouped.counts.tolist() == [2, 1, 1, 0]


def test_pairs_are_scored_by_parts_as_by_whole_rows() -> None:
    rng = np.random.default_rng(14)
    hand = len(pairs.hand_names())
    table = pairs.Table(cands=[1, 4, 7], spans=[(0, 1), (3, 4), (6, 7)], pairs=[(0, 1), (1, 0), (2, 0), (0, 2)],
                        states=rng.normal(size=(3, HIDDEN_SIZE)).astype(np.float32),
                        verb=rng.normal(size=HIDDEN_SIZE).astype(np.float32),
                        sentence=rng.normal(size=HIDDEN_SIZE).astype(np.float32),
                        hand=rng.normal(size=(4, hand)).astype(np.float32), rules_pair=None)
    size = 4 * HIDDEN_SIZE + hand
    lin = pairs.Linear(rng.normal(size=size).astype(np.float32), rng.uniform(0.5, 2, size).astype(np.float32),
                       rng.normal(size=(size, 1)).astype(np.float32) / 30, np.array([0.3], np.float32))
    model = pairs.PairModel(lin, _linear(size + 16, 2), ("ACCUSE", "ASSAULT"), 0.5, 0.0, 2.0, 2.0, 1.01, "")
    whole = 1.0 / (1.0 + np.exp(-lin.scores(pairs.matrix(table))[:, 0]))
    assert np.allclose(pairs.pair_probabilities(table, model), whole, atol=1e-5)


def test_shipped_model_matches_the_shipped_tagger() -> None:
    path = ROOT / "src" / "sayso" / "data" / pairs.MODEL_FILE
    if not path.exists() or not tagger.available():
        pytest.skip("no pair model or tagger installed")
    card = (ROOT / "src" / "sayso" / "data" / "events_pairs.md").read_text(encoding="utf-8")
    assert hashlib.sha256(path.read_bytes()).hexdigest() in card
    assert pairs.model() is not None, "events_pairs.npz was trained on another tagger: make train-pairs"


@needs_tagger
def test_token_states_sum_to_the_sentence_states(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("The mayor said the budget was balanced. Critics disagreed.")
    extract_attributions(doc)
    sums, counts = doc.user_data[TOKEN_STATES]
    assert sums.shape == (len(doc), HIDDEN_SIZE) and counts.sum() > 0
    (ranges, vectors) = doc.user_data["sayso.sentence_states"]
    for (start, end), vector in zip(ranges, vectors, strict=True):
        rows = [t.i for t in doc if start <= t.idx < end]
        mean = sums[rows].sum(axis=0) / counts[rows].sum()
        assert np.allclose(mean, vector, atol=1e-4)
    extract_attributions(doc, fast=True)  # --fast: no states, so no pair model
    assert pairs.token_states(doc) is None


# A composed sentence the rules leave without an event (the guard: a sector-coded group with no
# country of its own, no predicate the lexicons know); the pair model is sure of its pair.
MISSED = "Russian mercenaries executed Malian civilians in Moura."


@needs_tagger
def test_the_pair_model_adds_an_event_the_rules_miss(nlp) -> None:  # type: ignore[no-untyped-def]
    if pairs.model() is None:
        pytest.skip("no pair model for this tagger (make train-pairs)")
    from sayso.model import Article
    from sayso.pipeline import process_one

    article = Article(doc_id="d", text=MISSED, date="2024-03-01")
    assert not process_one(article, nlp, fast=True).events  # the rules alone: none
    (event,) = process_one(article, nlp).events
    assert event.type == "ASSAULT"
    assert event.source is not None and event.source.country == "RUS"
    assert MISSED[slice(*event.source.spans[0])] == "Russian mercenaries"
    assert event.target is not None and event.target.country == "MLI"
    assert MISSED[slice(*event.target.spans[0])] == "Malian civilians"
