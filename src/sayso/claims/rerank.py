"""Pairs of statements read as propositions, and the learned same-claim probability.

Each pair gets a few structural features of the two propositions — cosine, TF-IDF cosine of
the content stems, where each stands in the other's cosine list (k-reciprocal neighbours),
the names and coded actors both mention, whether the subject (first content word) and the
rest of the words agree, polarity, modality, numbers, speaker, outlet, date distance, length
ratio, same article — and a logistic regression (numpy only at run time) turns them into the
probability that both state one claim. ``claims build`` clusters by it (``CLAIM_MODEL``,
``data/claims_pairs.npz``, trained on the gold's ``tune`` half with cross-validation grouped
by claim: scripts/train_claims_rerank.py --claims). The same features re-ranking ``related``'s
top 50 were measured and not shipped (docs/claims.md): ``related`` keeps its fixed blend.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from sayso.claims import db
from sayso.claims.text import content_terms, is_negated, lexicon, words
from sayso.claims.vectors import Csr, document_frequencies, features, sparse_pair_dots, sparse_tfidf
from sayso.knowledge.linear import Once, read_data

FEATURES = (
    "cosine", "tfidf", "rank", "reciprocal", "gap", "names", "actors", "subject", "rest",
    "polarity", "modality", "numbers_shared", "numbers_differ", "speaker", "outlet", "days",
    "length", "shared_neighbours", "same_article", "views",
)
SHARED_TOP = 10  # neighbours compared by the shared-neighbours feature

_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’-]+")
_NUMBER = re.compile(r"\d[\d,.]*")
_MODALS = {"will": 1, "would": 1, "going": 1, "won't": 1, "may": 2, "might": 2, "could": 2,
           "can": 2, "cannot": 2, "should": 3, "must": 3, "ought": 3}


def names(text: str) -> frozenset[str]:
    """Capitalised words after the first (proper names, mostly), lower-cased."""
    stop = lexicon().stopwords
    return frozenset(w.lower().replace("’", "'").removesuffix("'s")
                     for w in _NAME.findall(text.strip()) if w.lower() not in stop)


def modality(text: str) -> int:
    """0 plain, 1 future/conditional, 2 possibility, 3 obligation: the first modal word."""
    for w in words(text)[:20]:
        if w in _MODALS:
            return _MODALS[w]
    return 0


def _day(value: str | None) -> float:
    try:
        return float(date.fromisoformat(str(value)[:10]).toordinal()) if value else np.nan
    except ValueError:
        return np.nan


@dataclass(slots=True)
class Statements:
    """What the features need of each statement, computed once per index."""

    csr: Csr                          # TF-IDF of content stems and stem bigrams
    names: list[frozenset[str]]
    actors: list[frozenset[str]]      # coded actors mentioned inside the content
    subject: list[str]                # first content stem
    rest: list[frozenset[str]]        # content stems that are not names
    negated: np.ndarray
    modality: np.ndarray
    numbers: list[frozenset[str]]
    speaker: list[str]
    outlet: list[str]
    article: list[str]
    day: np.ndarray
    n_terms: np.ndarray


def statements(rows: Sequence[db.Row], actors: Sequence[frozenset[str]] | None = None,
               terms: Sequence[Sequence[str]] | None = None, csr: Csr | None = None
               ) -> Statements:
    """``terms`` (content stems) and ``csr`` (their TF-IDF) are made when not given."""
    terms = terms if terms is not None else [content_terms(r.content) for r in rows]
    if csr is None:
        feats = [features(t) for t in terms]
        csr = sparse_tfidf(feats, document_frequencies(feats), len(feats))
    found = [names(r.content) for r in rows]
    return Statements(
        csr=csr,
        names=found,
        actors=list(actors) if actors is not None else [frozenset() for _ in rows],
        subject=[t[0] if t else "" for t in terms],
        rest=[frozenset(w for w in t if w not in n) for t, n in zip(terms, found, strict=True)],
        negated=np.asarray([is_negated(r.content) for r in rows], dtype=bool),
        modality=np.asarray([modality(r.content) for r in rows], dtype=np.int8),
        numbers=[frozenset(m.rstrip(".,") for m in _NUMBER.findall(r.content)) for r in rows],
        speaker=[r.speaker_key or "" for r in rows],
        outlet=[(r.site_name or "").lower() for r in rows],
        article=[r.article_id for r in rows],
        day=np.asarray([_day(r.date) for r in rows], dtype=np.float64),
        n_terms=np.asarray([max(len(t), 1) for t in terms], dtype=np.float32),
    )


def content_actors(con: object, rows: Sequence[db.Row]) -> list[frozenset[str]]:
    """Per row, the coded actors (knowledge-base id, else lower-cased name) with a mention
    inside its content spans (the ``actors`` table, after coreference)."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    by_article: dict[str, list[tuple[str, list[list[int]]]]] = {}
    try:
        found = con.execute("SELECT article_id, coalesce(kb_id, lower(name)), spans FROM actors"
                            " WHERE coalesce(kb_id, name) IS NOT NULL").fetchall()
    except duckdb.Error:
        found = []
    for article, key, spans in found:
        try:
            parsed = json.loads(spans) if isinstance(spans, str) else (spans or [])
            by_article.setdefault(article, []).append(
                (str(key), [[int(s), int(e)] for s, e in parsed]))
        except (TypeError, ValueError):
            continue  # a malformed span column must not stop ranking
    out = []
    for r in rows:
        inside = set()
        for key, spans in by_article.get(r.article_id, ()):
            if any(cs <= s and e <= ce for s, e in spans for cs, ce in r.content_spans):
                inside.add(key)
        out.append(frozenset(inside))
    return out


def _jaccard(sets: list[frozenset[str]], qi: list[int], cj: list[int]) -> np.ndarray:
    out = np.zeros(len(qi), dtype=np.float32)
    for n, (a, b) in enumerate(zip(qi, cj, strict=True)):
        sa, sb = sets[a], sets[b]
        if sa and sb:
            out[n] = len(sa & sb) / len(sa | sb)
    return out


def pair_features(st: Statements, qi: np.ndarray, cj: np.ndarray, cosine: np.ndarray,
                  rank: np.ndarray | None = None, reciprocal: np.ndarray | None = None,
                  best: np.ndarray | None = None, shared_neighbours: np.ndarray | None = None,
                  views: np.ndarray | None = None) -> np.ndarray:
    """One row of FEATURES per pair: ``rank`` is the candidate's rank in the query's cosine
    list (0 = first), ``reciprocal`` the query's rank in the candidate's (its depth when
    absent), ``best`` the query's best cosine, ``shared_neighbours`` the share of their first
    neighbours in common; the list features are 0 when not given (the claim model of
    ``build`` uses none of them); ``views`` the mean cosine of content and views
    (``related.VIEWS``), the cosine when not given."""
    none = np.zeros(len(qi), dtype=np.float32)
    rank = none + 1e9 if rank is None else rank
    reciprocal = none + 1e9 if reciprocal is None else reciprocal
    best = cosine if best is None else best
    shared_neighbours = none if shared_neighbours is None else shared_neighbours
    a, b = qi.tolist(), cj.tolist()
    numbers_a = [bool(st.numbers[x]) for x in a]
    numbers_b = [bool(st.numbers[x]) for x in b]
    shared = [bool(st.numbers[x] & st.numbers[y]) for x, y in zip(a, b, strict=True)]
    days = np.abs(st.day[qi] - st.day[cj])
    out = np.column_stack([
        cosine,
        sparse_pair_dots(st.csr, qi, cj),
        1.0 / (1.0 + rank),
        1.0 / (1.0 + reciprocal),
        best - cosine,
        _jaccard(st.names, a, b),
        _jaccard(st.actors, a, b),
        [float(st.subject[x] == st.subject[y] and bool(st.subject[x])) for x, y in zip(a, b, strict=True)],
        _jaccard(st.rest, a, b),
        (st.negated[qi] == st.negated[cj]).astype(np.float32),
        (st.modality[qi] == st.modality[cj]).astype(np.float32),
        np.asarray(shared, dtype=np.float32),
        np.asarray([x and y and not s for x, y, s in zip(numbers_a, numbers_b, shared, strict=True)],
                   dtype=np.float32),
        [float(bool(st.speaker[x]) and st.speaker[x] == st.speaker[y]) for x, y in zip(a, b, strict=True)],
        [float(bool(st.outlet[x]) and st.outlet[x] == st.outlet[y]) for x, y in zip(a, b, strict=True)],
        np.log1p(np.nan_to_num(days, nan=30.0)),
        np.minimum(st.n_terms[qi], st.n_terms[cj]) / np.maximum(st.n_terms[qi], st.n_terms[cj]),
        shared_neighbours,
        [float(st.article[x] == st.article[y]) for x, y in zip(a, b, strict=True)],
        cosine if views is None else views,
    ]).astype(np.float32)
    return out


@dataclass(frozen=True, slots=True)
class Model:
    """Logistic regression over standardised FEATURES (``use`` picks the columns)."""

    use: np.ndarray      # int64 column numbers into FEATURES
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: float
    threshold: float = 0.0   # the claim model's merge threshold (average probability)
    neighbours: int = 0      # the claim model's exact cosine neighbours added as pairs
    embedder: str = ""       # name prefix of the embedder whose cosines it was trained on

    def score(self, x: np.ndarray) -> np.ndarray:
        z = ((x[:, self.use] - self.mean) / self.scale) @ self.coef + self.bias
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


def _read(data: Any) -> Model:
    """The model of an .npz (an NpzFile); threshold, neighbours and embedder default when absent."""
    names_used = [str(n) for n in data["features"]]
    return Model(np.asarray([FEATURES.index(n) for n in names_used], dtype=np.int64),
                 np.asarray(data["mean"], dtype=np.float32),
                 np.asarray(data["scale"], dtype=np.float32),
                 np.asarray(data["coef"], dtype=np.float32),
                 float(np.asarray(data["bias"])),
                 float(np.asarray(data.get("threshold", 0.0))),
                 int(np.asarray(data.get("neighbours", 0))),
                 str(np.asarray(data.get("embedder", ""))))


# Same-claim probability of two statements for ``claims build`` (trusted pairs).
CLAIM_MODEL_FILE = "claims_pairs.npz"
CLAIM_MODEL: Once[Model | None] = Once(lambda: read_data(CLAIM_MODEL_FILE, _read))
