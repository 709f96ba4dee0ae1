"""Learned stance toward a claim's proposition: asserts, denies, questions or reports.

A multinomial logistic regression (numpy only at run time) over features of the cue and
the content relative to the claim: the cue lexicon's stance, the cue class, negation and
question form of the content, whether its polarity differs from the claim's, hedges,
and hashed cue and content-opening stems. Trained on the gold's ``tune`` half by
scripts/train_claims_stance.py (weights in ``data/claims_stance.npz``); without that file
the rules of ``sayso.claims.stance`` decide.
"""

from __future__ import annotations

import zlib

import numpy as np

from sayso.claims.stance import cue_stance
from sayso.claims.text import is_hedged, is_negated, is_question, stem, words
from sayso.knowledge.linear import Once, read_data

LABELS = ("assert", "deny", "question", "report")
MODEL_FILE = "claims_stance.npz"
HASHED = 64  # slots for hashed cue stems and for the content's first words each


def _slot(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % HASHED


def features(cue: str, cue_class: str | None, content: str, claim_negated: bool) -> np.ndarray:
    """One member's feature row (fixed width: 12 + 2 x HASHED)."""
    base = cue_stance(cue, cue_class)
    negated = is_negated(content)
    row = np.zeros(12 + 2 * HASHED, dtype=np.float32)
    row[LABELS.index(base)] = 1.0
    row[4] = float(negated)
    row[5] = float(claim_negated)
    row[6] = float(negated != claim_negated)
    row[7] = float(is_question(content))
    row[8] = float(is_hedged(content))
    row[9] = float(base == "assert" and negated != claim_negated)
    row[10] = float(bool(cue_class))
    row[11] = 1.0  # bias
    for w in words(cue):
        row[12 + _slot(stem(w))] = 1.0
    for w in words(content)[:4]:
        row[12 + HASHED + _slot(stem(w))] = 1.0
    return row


def weights() -> np.ndarray | None:
    """The shipped stance weights, loaded once (``WEIGHTS``); None: none ship, the rules decide."""
    return WEIGHTS.get()


WEIGHTS: Once[np.ndarray | None] = Once(
    lambda: read_data(MODEL_FILE, lambda data: np.asarray(data["weights"], dtype=np.float32)))


def predict(rows: np.ndarray, w: np.ndarray) -> list[str]:
    if len(rows) == 0:
        return []
    return [LABELS[k] for k in np.argmax(rows @ w, axis=1).tolist()]


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, lr: float = 0.5,
        class_weight: np.ndarray | None = None) -> np.ndarray:
    """Multinomial logistic regression by full-batch gradient descent (small data)."""
    n, d = x.shape
    w = np.zeros((d, len(LABELS)), dtype=np.float64)
    onehot = np.eye(len(LABELS))[y]
    sample = class_weight[y] if class_weight is not None else np.ones(n)
    for _ in range(steps):
        logits = x @ w
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ ((p - onehot) * sample[:, None]) / sample.sum() + l2 * w / n
        w -= lr * grad
    return w.astype(np.float32)
