"""Pooling the tagger's hidden states into sentences: the same float32 sums, bit for bit, as
adding each piece in turn (``np.add.at``), which the event models were trained on."""

from __future__ import annotations

import numpy as np

from sayso.attributions.tagger import HIDDEN_SIZE, Pieces, Pooled
from sayso.attributions.windows import NO_OFFSET, Window


def _window(first: int, lengths: list[int]) -> Window:
    """[CLS] pieces of ``lengths`` characters (one space apart, from ``first``) [SEP]."""
    offsets = [NO_OFFSET]
    at = first
    for length in lengths:
        offsets.append((at, at + length))
        at += length + 1
    offsets.append(NO_OFFSET)
    return Window(list(range(100, 100 + len(offsets))), offsets)


def _piece_by_piece(ranges: list[tuple[int, int]], parts: list[tuple[Window, np.ndarray]]
                    ) -> tuple[np.ndarray, np.ndarray]:
    sums = np.zeros((len(ranges), HIDDEN_SIZE), dtype=np.float32)
    counts = np.zeros(len(ranges), dtype=np.int64)
    for window, states in parts:
        for k, (start, _) in enumerate(window.offsets):
            if (start, _) == NO_OFFSET:
                continue
            for r, (s, e) in enumerate(ranges):
                if s <= start < e:
                    sums[r] += states[k]
                    counts[r] += 1
    return sums, counts


def test_sentence_sums_add_each_piece_in_turn() -> None:
    """Ranges of many pieces (a reduction would add them pairwise, in another order) that two
    windows share (the second window's pieces go on the first's sum)."""
    rng = np.random.default_rng(19)
    first = _window(0, [3] * 40)  # characters 0..159
    second = _window(160, [5] * 30)  # characters 160..339
    parts = [(w, (rng.normal(size=(len(w.ids), HIDDEN_SIZE)) * 1e3).astype(np.float32))
             for w in (first, second)]
    ranges = [(0, 20), (20, 200), (200, 330), (400, 410)]  # the last holds no piece
    pooled = Pooled(ranges)
    for window, states in parts:
        pooled.add(window, states, Pieces.of(window))
    sums, counts = _piece_by_piece(ranges, parts)
    assert np.array_equal(pooled.sums, sums)
    assert pooled.counts.tolist() == counts.tolist()


def test_pieces_skip_the_markers() -> None:
    pieces = Pieces.of(_window(7, [2, 4]))
    assert pieces.keep.tolist() == [1, 2]
    assert pieces.starts.tolist() == [7, 10]
