"""The learned attribution tagger at run time: int8 ONNX MiniLM, onnxruntime + tokenizers.

``tag(text)`` returns, per role (source, cue, content), the character spans the tagger
marks, each with its confidence (mean probability of not-O over its pieces). The model
(``data/attribution_tagger.onnx``, trained by scripts/train_neural.py, see the model card
``data/attribution_tagger.md``) is loaded lazily, once per process, on first use; forked
workers inherit a session loaded before the fork (runner.warm_up). No torch at run time.

``tag_pooled(text, ranges)`` runs the same single pass and also returns the encoder's last
hidden states (the model's second output, ``hidden``) mean-pooled over given character ranges
(sentences, spans): the events read them (sayso.events.detect) without a second encoder pass.
Only the pooled vectors are kept; the per-piece states of a batch are dropped once pooled.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from sayso.attributions.windows import NO_OFFSET, ROLES, B, I, O, Window, windows
from sayso.knowledge.linear import Once, data_path, load_tokenizer, onnx_session, takes_mask

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_FILE = "attribution_tagger.onnx"
TOKENIZER_FILE = "attribution_tagger.tokenizer.json"
# Windows per onnxruntime call. One: int8 dynamic quantisation scales the activations per
# call, so windows batched together would change each other's numbers (by up to 0.4 in a tag
# probability); one at a time is also faster on these CPUs (activations stay in cache: the
# 6-layer tagger 4.3 -> 3.2 CPU-s on 30 PolNeAR dev texts against batches of 8). Nothing is
# padded, so the shipped model has no attention mask (``knowledge.linear.takes_mask``); a batch
# of several windows would need a model exported with one.
BATCH = 1
# One thread per process: workers scale by processes, as spaCy does.
THREADS_ENV = "SAYSO_TAGGER_THREADS"


@dataclass(slots=True)
class Tagged:
    """One span the tagger marks: character range, role, confidence."""

    start: int
    end: int
    role: str
    score: float


class TaggerUnavailable(RuntimeError):
    """The model file or onnxruntime/tokenizers are missing."""


def available() -> bool:
    try:
        model()
    except TaggerUnavailable:
        return False
    return True


def model() -> tuple[Any, Tokenizer, frozenset[int]]:
    """(onnxruntime session, tokenizer, ids of continuation pieces), loaded once (``TAGGER``)."""
    return TAGGER.get()


def _load() -> tuple[Any, Tokenizer, frozenset[int]]:
    path = data_path(MODEL_FILE)
    if not os.path.exists(path):
        raise TaggerUnavailable(f"no tagger model at {path}")
    try:
        session = onnx_session(path, THREADS_ENV, unfuse=True, attention=True)
    except ImportError as exc:
        raise TaggerUnavailable("onnxruntime is not installed") from exc
    tokenizer = load_tokenizer(data_path(TOKENIZER_FILE))
    continuation = frozenset(i for t, i in tokenizer.get_vocab().items() if t.startswith("##"))
    return session, tokenizer, continuation


# The tagger, loaded on first use (a missing model or onnxruntime raises, and is retried).
TAGGER: Once[tuple[Any, Tokenizer, frozenset[int]]] = Once(_load)

HIDDEN = "hidden"
HIDDEN_SIZE = 384


def probabilities(text: str) -> list[tuple[Window, np.ndarray]]:
    """Each window with its tag probabilities, shape (pieces, roles, 3)."""
    return _run(text, [])


def _run(text: str, pooled: list[Pooled]) -> list[tuple[Window, np.ndarray]]:
    """One encoder pass: tag probabilities per window, and the hidden states summed into the
    ranges of each of ``pooled``."""
    session, tokenizer, _ = model()
    cut = windows(text, tokenizer)
    outputs = ["logits", HIDDEN] if pooled else ["logits"]
    order = sorted(range(len(cut)), key=lambda k: len(cut[k].ids))
    out: list[np.ndarray | None] = [None] * len(cut)
    masked = takes_mask(session)
    for at in range(0, len(order), BATCH):
        group = order[at:at + BATCH]
        width = max(len(cut[k].ids) for k in group)
        ids = np.zeros((len(group), width), dtype=np.int64)
        mask = np.zeros((len(group), width), dtype=np.int64)
        for row, k in enumerate(group):
            ids[row, :len(cut[k].ids)] = cut[k].ids
            mask[row, :len(cut[k].ids)] = 1
        feed = {"input_ids": ids, "attention_mask": mask} if masked else {"input_ids": ids}
        found = session.run(outputs, feed)
        logits = found[0]
        for row, k in enumerate(group):
            pieces = Pieces.of(cut[k]) if pooled else None  # (once per window, for every pool)
            for pool in pooled:
                pool.add(cut[k], found[1][row, :len(cut[k].ids)], pieces)
        logits = logits.reshape(len(group), width, len(ROLES), 3)
        probs = np.exp(logits - logits.max(axis=-1, keepdims=True))
        probs /= probs.sum(axis=-1, keepdims=True)
        for row, k in enumerate(group):
            out[k] = probs[row, :len(cut[k].ids)]
    return [(w, p) for w, p in zip(cut, out, strict=True) if p is not None]


@dataclass(slots=True)
class Pieces:
    """The pieces of a window that stand for text (not [CLS] / [SEP]): their positions in the
    window and the character each starts at."""

    keep: np.ndarray
    starts: np.ndarray

    @classmethod
    def of(cls, window: Window) -> Pieces:
        offsets = np.array(window.offsets, dtype=np.int64).reshape(-1, 2)
        keep = np.flatnonzero((offsets[:, 0] != NO_OFFSET[0]) | (offsets[:, 1] != NO_OFFSET[1]))
        return cls(keep, offsets[keep, 0])


class Pooled:
    """Mean hidden state over each of a list of non-overlapping character ranges (sentences;
    a piece belongs to the range that holds its first character)."""

    def __init__(self, ranges: list[tuple[int, int]], grouped: bool = False) -> None:
        """``grouped``: sum each range's pieces of a window at once (``np.add.reduceat``; many
        small ranges such as tokens) rather than one piece after the other (as ``np.add.at``
        adds them, which the sentence states are computed with: their values stay as they were)."""
        self.ranges = ranges
        self.grouped = grouped
        self.sums = np.zeros((len(ranges), HIDDEN_SIZE), dtype=np.float32)
        self.counts = np.zeros(len(ranges), dtype=np.int64)
        self.order = np.array(sorted(range(len(ranges)), key=lambda k: ranges[k]), dtype=np.int64)
        self.starts = np.array([ranges[k][0] for k in self.order], dtype=np.int64)
        self.ends = np.array([ranges[k][1] for k in self.order], dtype=np.int64)

    def add(self, window: Window, states: np.ndarray, pieces: Pieces | None = None) -> None:
        """Sum the states of ``window``'s pieces (shape (pieces, 384)) into their ranges
        (``pieces``: ``Pieces.of(window)``, when the caller has it)."""
        pieces = Pieces.of(window) if pieces is None else pieces
        if not pieces.keep.size or not self.ranges:
            return
        at = np.searchsorted(self.starts, pieces.starts, side="right") - 1
        inside = (at >= 0) & (pieces.starts < self.ends[np.maximum(at, 0)])
        if not inside.any():
            return
        rows = self.order[at[inside]]
        picked = states[pieces.keep[inside]]
        if rows.size > 1 and not bool((np.diff(rows) >= 0).all()):
            np.add.at(self.sums, rows, picked)  # (ranges not in text order: never from _run)
            np.add.at(self.counts, rows, 1)
            return
        first = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
        heads = rows[first]
        self.counts[heads] += np.diff(np.r_[first, rows.size])
        if self.grouped:
            self.sums[heads] += np.add.reduceat(picked, first, axis=0)
            return
        for row, begin, end in zip(heads.tolist(), first.tolist(), np.r_[first[1:], rows.size].tolist(),
                                   strict=True):
            self.sums[row] = _in_order(self.sums[row], picked[begin:end])

    def vectors(self) -> np.ndarray:
        """(ranges, 384): the mean state of each range; zeros where no piece fell in it."""
        return self.sums / np.maximum(self.counts, 1)[:, None].astype(np.float32)


def _in_order(start: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``start`` plus ``rows`` (float32) added one after the other, in order: what ``np.add.at``
    computes piece by piece (a reduction such as ``np.add.reduceat`` adds in another order and
    can differ in the last bit), in one call (``accumulate`` adds strictly in order)."""
    return np.add.accumulate(np.concatenate([start[None, :], rows]), axis=0)[-1]


def has_states() -> bool:
    """Does the installed model return its hidden states (``export_neural.py --hidden``)?"""
    session, _, _ = model()
    return any(out.name == HIDDEN for out in session.get_outputs())


def probabilities_pooled(text: str, ranges: list[tuple[int, int]]
                         ) -> tuple[list[tuple[Window, np.ndarray]], np.ndarray | None]:
    """``probabilities(text)`` (none for a blank text) and, from the same pass, the encoder's
    last hidden state mean-pooled over each of ``ranges`` (non-overlapping character ranges),
    shape (len(ranges), 384); None for the states when the model does not return them."""
    probs, pools = probabilities_pools(text, [ranges])
    return probs, (pools[0].vectors() if pools is not None else None)


def probabilities_pools(text: str, range_lists: list[list[tuple[int, int]]]
                        ) -> tuple[list[tuple[Window, np.ndarray]], list[Pooled] | None]:
    """``probabilities(text)`` and, from the same pass, the hidden states summed into each
    list of non-overlapping ranges (sentences, tokens): one ``Pooled`` per list (those after the
    first summed ``grouped``); None when the model does not return its states."""
    if not has_states():
        return (probabilities(text) if text.strip() else []), None
    pools = [Pooled(ranges, grouped=n > 0) for n, ranges in enumerate(range_lists)]
    if not text.strip():
        return [], pools
    return _run(text, pools), pools


def tag_pooled(text: str, ranges: list[tuple[int, int]]) -> tuple[list[Tagged], np.ndarray | None]:
    """``tag(text)`` (the same spans, from the same pass) and the pooled states
    (``probabilities_pooled``)."""
    probs, vectors = probabilities_pooled(text, ranges)
    return decode(probs), vectors


def tag(text: str) -> list[Tagged]:
    """Spans per role, in text order; word pieces of one word never split a span."""
    if not text.strip():
        return []
    return decode(probabilities(text))


def decode(windows_probs: list[tuple[Window, np.ndarray]]) -> list[Tagged]:
    """Spans from the tag probabilities of each window (see ``_decode``)."""
    _, _, continuation = model()
    found: list[Tagged] = []
    for window, probs in windows_probs:
        for r, role in enumerate(ROLES):
            found.extend(_decode(window, probs[:, r], role, continuation))
    found.sort(key=lambda t: (t.start, t.role))
    return found


def _decode(window: Window, probs: np.ndarray, role: str,
            continuation: frozenset[int]) -> list[Tagged]:
    """BIO decoding: a piece is inside a span when B + I outweigh O (a long content does not
    break where I and B share the mass); a span opens at a piece whose likeliest tag is B, or
    at an inside piece after an outside one; a word's continuation pieces follow its first."""
    out: list[Tagged] = []
    inside = probs[:, O] < 0.5
    starts = probs.argmax(axis=-1) == B
    run: list[int] = []
    for k, (piece, offset) in enumerate(zip(window.ids, window.offsets, strict=True)):
        tag_ = (B if starts[k] else I) if inside[k] else O
        if offset == NO_OFFSET:
            tag_ = O
        elif run and piece in continuation:
            tag_ = I
        if run and tag_ != I:
            out.append(_span(window, probs, run, role))
            run = []
        if tag_ in (B, I):
            run.append(k)
    if run:
        out.append(_span(window, probs, run, role))
    return out


def _span(window: Window, probs: np.ndarray, run: list[int], role: str) -> Tagged:
    score = float(1.0 - probs[run, O].mean())
    return Tagged(window.offsets[run[0]][0], window.offsets[run[-1]][1], role, score)
