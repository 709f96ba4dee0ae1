"""Group propositions into claims without comparing all pairs.

Candidate pairs come from blocking: items that share one of their rarest terms, plus
random-hyperplane LSH buckets over the vectors (catches paraphrases that share no rare
word).  Each candidate pair is scored, and pairs above a threshold are merged by
average linkage over the scored edges, which chains far less than connected components.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from sayso.claims.text import content_terms
from sayso.claims.vectors import (
    Csr,
    Embedder,
    document_frequencies,
    features,
    row_dots,
    sparse_pair_dots,
    sparse_tfidf,
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Tuned on the "tune" half of tests/data/claims_gold.tsv with distractors."""

    threshold: float = 0.10       # merge while the average cross score reaches this
    lexical_threshold: float = 0.03  # the same, when no embeddings are available
    min_candidate: float = 0.20   # pairs scoring below this count as unrelated (score 0)
    lexical_min_candidate: float = 0.10
    embed_weight: float = 0.5     # share of the (rescaled) embedding cosine in the score
    embed_floor: float = 0.80     # e5 cosines below this count as unrelated (rescaled to 0)
    key_terms: int = 4            # rarest terms per item used for blocking
    max_df: int = 300             # terms in more items than this never block
    lsh_tables: int = 6
    lsh_bits: int = 12
    max_bucket: int = 300         # LSH buckets larger than this are cut into windows

    @classmethod
    def for_embedder(cls, embedder: Embedder | None) -> Settings:
        """Defaults, with the embedder's own cosine floor and merge threshold when it has
        them (MiniLM)."""
        out = cls()
        floor = getattr(embedder, "cosine_floor", None)
        if floor is not None:
            out = replace(out, embed_floor=floor)
        threshold = getattr(embedder, "merge_threshold", None)
        if threshold is not None:
            out = replace(out, threshold=threshold)
        return out

    def threshold_for(self, vec: Vectors) -> float:
        return self.threshold if vec.embedding is not None else self.lexical_threshold

    def min_candidate_for(self, vec: Vectors) -> float:
        return self.min_candidate if vec.embedding is not None else self.lexical_min_candidate


@dataclass(slots=True)
class Vectors:
    sparse: Csr                    # exact TF-IDF, for scores
    embedding: np.ndarray | None
    terms: list[list[str]]
    # Content and views side by side (``related.view_matrix``): a feature of the claim model.
    views: np.ndarray | None = None


def vectorise(texts: Sequence[str], embedder: Embedder | None = None,
              embedding: np.ndarray | None = None,
              terms: list[list[str]] | None = None) -> Vectors:
    terms = terms if terms is not None else [content_terms(t) for t in texts]
    feats = [features(t) for t in terms]
    df = document_frequencies(feats)
    if embedding is None and embedder is not None:
        embedding = embedder.encode(list(texts))
    return Vectors(sparse=sparse_tfidf(feats, df, len(texts)), embedding=embedding, terms=terms)


def _pairs_within(members: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    a, b = np.triu_indices(len(members), k=1)
    return members[a], members[b]


def key_term_pairs(terms: Sequence[Sequence[str]], settings: Settings
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of items sharing one of their ``key_terms`` rarest terms (df >= 2)."""
    df: dict[str, int] = defaultdict(int)
    for t in terms:
        for term in set(t):
            df[term] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    for idx, t in enumerate(terms):
        usable = sorted({w for w in t if 2 <= df[w] <= settings.max_df}, key=lambda w: (df[w], w))
        for term in usable[: settings.key_terms]:
            postings[term].append(idx)
    left, right = [], []
    for items in postings.values():
        if len(items) > 1:
            a, b = _pairs_within(np.asarray(items, dtype=np.int64))
            left.append(a)
            right.append(b)
    return _concat(left), _concat(right)


def lsh_pairs(x: np.ndarray, settings: Settings, seed: int = 13
              ) -> tuple[np.ndarray, np.ndarray]:
    """Pairs of items falling in the same random-hyperplane bucket in any table."""
    n = max(len(x), 1)
    keys = lsh_keys(x, settings, seed)
    return keys // n, keys % n


def lsh_keys(x: np.ndarray, settings: Settings, seed: int = 13) -> np.ndarray:
    """``lsh_pairs`` as sorted unique keys ``i * n + j`` (i < j). Each table's pairs join
    the unique set as they come: similar items meet in most tables, and every table's copy
    of them cost gigabytes at 100k sentence vectors."""
    rng = np.random.default_rng(seed)
    weights = (1 << np.arange(settings.lsh_bits)).astype(np.int64)
    n = max(len(x), 1)
    keys = np.zeros(0, dtype=np.int64)
    for _ in range(settings.lsh_tables):
        planes = rng.standard_normal((x.shape[1], settings.lsh_bits)).astype(np.float32)
        codes = ((x @ planes) > 0).astype(np.int64) @ weights
        order = np.argsort(codes, kind="stable")
        bounds = np.flatnonzero(np.diff(codes[order])) + 1
        table = []
        for bucket in np.split(order, bounds):
            for start in range(0, len(bucket), settings.max_bucket):
                window = bucket[start:start + settings.max_bucket]
                if len(window) > 1:
                    a, b = _pairs_within(np.sort(window))
                    table.append(a * n + b)
        keys = np.union1d(keys, _concat(table))
    return keys


def _concat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def unique_pairs(i: np.ndarray, j: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    keys = np.unique(lo * n + hi)
    keys = keys[(keys // n) != (keys % n)]
    return keys // n, keys % n


def score_pairs(vec: Vectors, i: np.ndarray, j: np.ndarray, settings: Settings) -> np.ndarray:
    lexical = sparse_pair_dots(vec.sparse, i, j)
    if vec.embedding is None:
        return lexical
    cos = row_dots(vec.embedding, i, j)
    rescaled = np.clip((cos - settings.embed_floor) / (1.0 - settings.embed_floor), 0.0, 1.0)
    w = settings.embed_weight
    return (w * rescaled + (1.0 - w) * lexical).astype(np.float32)


def candidate_edges(vec: Vectors, settings: Settings
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n = len(vec.terms)
    ki, kj = key_term_pairs(vec.terms, settings)
    width = max(n, 1)
    keys = np.minimum(ki, kj) * width + np.maximum(ki, kj)
    keys = keys[ki != kj]
    del ki, kj
    # Pairs with a high lexical score share a rare term, so key terms already find them;
    # LSH is there for paraphrases, which only embeddings see. Merged as sorted unique
    # keys, so tens of millions of pairs never exist in several copies at once.
    if vec.embedding is not None and n > 1:
        keys = np.union1d(keys, lsh_keys(vec.embedding, settings))
    else:
        keys = np.unique(keys)
    i, j = keys // width, keys % width
    del keys
    scores = score_pairs(vec, i, j, settings)
    keep = scores >= settings.min_candidate_for(vec)
    return i[keep], j[keep], scores[keep]


def strong_components(n: int, i: np.ndarray, j: np.ndarray, scores: np.ndarray,
                      threshold: float) -> np.ndarray:
    """Component of each item in the graph of edges scoring at least ``threshold``."""
    parent = list(range(n))
    strong = scores >= threshold
    for a, b in zip(i[strong].tolist(), j[strong].tolist(), strict=True):
        ra, rb = _root(parent, a), _root(parent, b)
        if ra != rb:
            parent[rb] = ra
    return np.asarray([_root(parent, k) for k in range(n)], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Support:
    """How many trusted cross pairs a merge of two clusters needs (single-bridge guard).

    A pair is trusted when it scores at least ``level``. Two clusters of sizes a <= b merge
    only with at least ``min(pairs, a)`` trusted pairs between them and at least
    ``ceil(share * a)`` of them, so one strong pair can still join a statement to a claim
    but no longer two claims of several members each. With ``without_best``, the average
    over the cross pairs less the strongest one must still reach the merge threshold (the
    merge survives the loss of its best pair). With ``min_average``, their average must
    reach that instead of the threshold when it is higher (two formed claims join on more
    evidence than a statement joins a claim). Merges whose smaller side has fewer than
    ``from_size`` members need nothing beyond the average.
    """

    pairs: int = 1
    level: float = 0.5
    share: float = 0.0
    from_size: int = 2
    without_best: bool = False
    min_average: float = 0.0

    def needed(self, size_a: int, size_b: int) -> int:
        small = min(size_a, size_b)
        if small < self.from_size:
            return 0
        return max(min(self.pairs, small), math.ceil(self.share * small - 1e-9))


def average_linkage(n: int, i: np.ndarray, j: np.ndarray, scores: np.ndarray,
                    threshold: float, unscored_as_zero: bool = True,
                    max_size: int | None = None, support: Support | None = None) -> list[int]:
    """Cluster label per item; merge while the average cross score >= threshold.

    The average is over all cross pairs, unscored pairs counting as zero (blocking finds
    the similar pairs; what it skips is unrelated), which stops chains through short,
    vague contents.  With ``unscored_as_zero=False`` it is over scored pairs only. With
    ``max_size``, no merge makes a cluster larger than that; with ``support``, none is made
    on fewer trusted cross pairs than it asks (``Support.needed``).
    Two clusters can only ever merge inside one component of the strong-edge graph, so
    edges across components are dropped first (most of them, on a large corpus).
    """
    comp = strong_components(n, i, j, scores, threshold)
    inside = comp[i] == comp[j]
    i, j, scores = i[inside], j[inside], scores[inside]
    parent = list(range(n))
    links: list[dict[int, list[float]]] = [dict() for _ in range(n)]
    heap: list[tuple[float, int, int]] = []
    level = support.level if support is not None else math.inf
    for a, b, s in zip(i.tolist(), j.tolist(), scores.tolist(), strict=True):
        # sum, scored pairs, trusted pairs, best pair
        links[a][b] = [s, 1.0, float(s >= level), s]
        links[b][a] = links[a][b]
        if s >= threshold:
            heap.append((-s, a, b))
    heapq.heapify(heap)
    size = [1] * n
    mean = _full_mean if unscored_as_zero else _known_mean
    while heap:
        neg, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b or b not in links[a]:
            continue
        if abs(mean(links[a][b], size[a], size[b]) + neg) > 1e-9:
            continue  # stale entry: the pair's average changed since it was pushed
        if max_size is not None and size[a] + size[b] > max_size:
            continue  # a claim this big is a topic, not one proposition
        if support is not None and not _supported(links[a][b], size[a], size[b], support,
                                                  threshold):
            continue  # one bridging pair between two claims is not enough to join them
        if size[a] < size[b]:
            a, b = b, a
        _merge(a, b, parent, size, links)
        for c, entry in links[a].items():
            score = mean(entry, size[a], size[c])
            if score >= threshold:
                heapq.heappush(heap, (-score, a, c))
    return [_root(parent, k) for k in range(n)]


def _supported(entry: list[float], size_a: int, size_b: int, support: Support,
               threshold: float) -> bool:
    """Whether the cross pairs of two clusters carry their merge without a single bridge."""
    if min(size_a, size_b) < support.from_size:
        return True
    pairs = size_a * size_b
    if support.without_best and (entry[0] - entry[3]) / pairs < threshold:
        return False
    return entry[2] >= support.needed(size_a, size_b) and entry[0] / pairs >= support.min_average


def _full_mean(entry: list[float], size_a: int, size_b: int) -> float:
    return entry[0] / (size_a * size_b)


def _known_mean(entry: list[float], size_a: int, size_b: int) -> float:
    return entry[0] / entry[1]


def _merge(a: int, b: int, parent: list[int], size: list[int],
           links: list[dict[int, list[float]]]) -> None:
    """Fold cluster b into a; a's and c's link entries stay one shared list."""
    parent[b] = a
    size[a] += size[b]
    links[a].pop(b, None)
    for c, (total, count, trusted, best) in links[b].items():
        if c == a:
            continue
        entry = links[a].setdefault(c, [0.0, 0.0, 0.0, 0.0])
        entry[0] += total
        entry[1] += count
        entry[2] += trusted
        entry[3] = max(entry[3], best)
        links[c].pop(b, None)
        links[c][a] = entry
    links[b] = {}


def _root(parent: list[int], k: int) -> int:
    while parent[k] != k:
        parent[k] = parent[parent[k]]
        k = parent[k]
    return k


def cluster(texts: Sequence[str], settings: Settings | None = None,
            embedder: Embedder | None = None, embedding: np.ndarray | None = None
            ) -> tuple[list[int], Vectors, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Cluster label per text, the vectors used and the scored candidate edges."""
    settings = settings or Settings()
    vec = vectorise(texts, embedder, embedding)
    edges = candidate_edges(vec, settings)
    labels = average_linkage(len(texts), *edges, settings.threshold_for(vec))
    return labels, vec, edges
