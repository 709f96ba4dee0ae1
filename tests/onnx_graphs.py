"""Shared helpers of the tests of the in-memory encoder rewrites (unfuse, attention)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from sayso.knowledge import unfuse
from sayso.knowledge.linear import data_path

TAGGER = Path(data_path("attribution_tagger.onnx"))
needs_tagger = pytest.mark.skipif(not TAGGER.exists(), reason="no shipped tagger")


def ops(model: bytes) -> Counter[bytes]:
    """How many nodes of each op type the model's graph holds."""
    graph = next(v for n, w, _, v in unfuse._fields(memoryview(model)) if n == unfuse.MODEL_GRAPH)
    counts: Counter[bytes] = Counter()
    for number, _, _, node in unfuse._fields(graph):
        if number == unfuse.GRAPH_NODE:
            counts.update(bytes(v) for n, _, _, v in unfuse._fields(node) if n == unfuse.NODE_OP)
    return counts


def assert_close_logits(first: bytes, second: bytes, rewritten: tuple[bool, bool]) -> None:
    """Both models run on one window and give nearly the same tag logits: the rewrites sum in
    another order and int8 requantisation of the next projection can move a logit a little
    (docs/speed.md), never far. ``rewritten``: which of the two needs onnxruntime's re-fusions
    disabled."""
    ort = pytest.importorskip("onnxruntime")
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    sessions = [
        ort.InferenceSession(
            model,
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=unfuse.DISABLED_OPTIMIZERS if plain else [],
        )
        for model, plain in zip((first, second), rewritten, strict=True)
    ]
    ids = np.array([[101, *range(2000, 2060), 102]], dtype=np.int64)
    a, b = (s.run(["logits"], {"input_ids": ids})[0] for s in sessions)
    assert a.shape == b.shape
    assert float(np.abs(a - b).max()) < 1.0
    assert (a.argmax(-1) == b.argmax(-1)).mean() > 0.95
