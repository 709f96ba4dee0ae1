"""The shared encoder pass (tagger hidden states) and the learned event detector (issue #14.1)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from sayso.attributions import SENTENCE_STATES, extract_attributions, tagger
from sayso.attributions.tagger import HIDDEN_SIZE, Pooled
from sayso.attributions.windows import NO_OFFSET, Window
from sayso.events import detect

ROOT = Path(__file__).resolve().parents[1]
needs_tagger = pytest.mark.skipif(not tagger.available(), reason="attribution tagger not installed")

TEXT = ("Senator Jane Hollis griped on Tuesday that the bridge would never be finished.\n"
        "\n"
        "The mayor said the budget was balanced. Critics disagreed.\n")


def test_pooled_means_the_pieces_of_each_range() -> None:
    window = Window([101, 7, 8, 9, 102], [NO_OFFSET, (0, 3), (4, 6), (10, 12), NO_OFFSET])
    states = np.arange(5 * HIDDEN_SIZE, dtype=np.float32).reshape(5, HIDDEN_SIZE)
    pooled = Pooled([(8, 20), (0, 7), (30, 40)])  # not in order; the last holds no piece
    pooled.add(window, states)
    vectors = pooled.vectors()
    assert np.allclose(vectors[1], states[1:3].mean(axis=0))
    assert np.allclose(vectors[0], states[3])
    assert not vectors[2].any()


@needs_tagger
def test_tag_pooled_gives_the_same_spans_as_tag() -> None:
    ranges = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.", TEXT)]
    tagged, vectors = tagger.tag_pooled(TEXT, ranges)
    assert tagged == tagger.tag(TEXT)
    assert vectors is not None and vectors.shape == (len(ranges), HIDDEN_SIZE)
    assert np.isfinite(vectors).all() and (np.abs(vectors).sum(axis=1) > 0).all()


@needs_tagger
def test_model_card_names_the_shipped_model() -> None:
    model = ROOT / "src" / "sayso" / "data" / tagger.MODEL_FILE
    card = (ROOT / "src" / "sayso" / "data" / "attribution_tagger.md").read_text(encoding="utf-8")
    assert hashlib.sha256(model.read_bytes()).hexdigest() in card
    assert tagger.has_states()


@needs_tagger
def test_the_default_mode_leaves_sentence_states_and_fast_none(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    extract_attributions(doc)
    states = detect.sentence_states(doc)
    assert states is not None and set(states) == {s.start_char for s in doc.sents}
    fast = nlp(TEXT)
    extract_attributions(fast, fast=True)
    assert SENTENCE_STATES not in fast.user_data and detect.sentence_states(fast) is None
