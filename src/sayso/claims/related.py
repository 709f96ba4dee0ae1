"""Related statements: for each attribution, the statements of *other* articles that make the
same claim, best first (``sayso claims related``, ``GET /api/statements/{id}/related``).

Retrieval is exact: every statement's unit vector against every other, by blocks of rows
with numpy (a 100k store is 10^10 dot products of 384 floats: minutes on one core, and
memory stays at one block of scores). Vectors are the stored sentence embeddings
(``claim_embeddings``, written once by ``claims build`` and every ingest) and, when a store
has none, hashed TF-IDF computed on the fly.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import duckdb
import numpy as np

from sayso.claims import db, rerank
from sayso.claims.text import content_terms, is_proposition, lexicon
from sayso.claims.vectors import (
    Csr,
    Embedder,
    document_frequencies,
    embedder_named,
    features,
    lexical_vectors,
    sparse_pair_dots,
    sparse_tfidf,
)

LEXICAL = "lexical-tfidf"
BLOCK = 256  # query rows scored at once: BLOCK x N float32 scores in memory


@dataclass(slots=True)
class Index:
    """Statements with a proposition, their unit vectors and article of each row."""

    rows: list[db.Row]
    vectors: np.ndarray       # float32, one unit row per statement
    articles: np.ndarray      # int64 article number per row (same number: same article)
    model: str
    positions: dict[str, int]
    # TF-IDF rows and names of each statement, for the second stage (made on first use).
    features: tuple[Csr, list[frozenset[str]]] | None = field(default=None)
    # Claim of each row (a number; -1: in no claim of two or more), from the store's claims.
    claims: np.ndarray | None = field(default=None)
    # What ``related`` ranks by: per row, the unit content vector and the unit vectors of
    # its VIEWS side by side, divided by the square root of their number (still a unit
    # row: a dot product is the mean of the views' cosines). None: the content vectors.
    views: np.ndarray | None = field(default=None)

    def position(self, attribution_id: str) -> int | None:
        return self.positions.get(attribution_id)


def make_index(rows: list[db.Row], vectors: np.ndarray, model: str) -> Index:
    numbers: dict[str, int] = {}
    articles = np.asarray([numbers.setdefault(r.article_id, len(numbers)) for r in rows],
                          dtype=np.int64)
    return Index(rows, vectors, articles, model,
                 {r.attribution_id: k for k, r in enumerate(rows)})


# What a statement's vector is of: "content" alone, or "cue" (speaker, cue and content, as
# read: "Comey said Clinton was extremely careless"). Measured in docs/claims.md.
EMBED_MODE = "content"


def embed_text(row: db.Row) -> str:
    """What is embedded for a statement (the text hash stored with its vector is of this)."""
    if EMBED_MODE == "cue":
        return _cue_text(row)
    return row.content


def _cue_text(row: db.Row) -> str:
    return " ".join(p for p in (row.speaker, row.cue, row.content) if p)


# Further texts of each statement embedded by the same encoder (claim_view_embeddings) and
# ranked by with its content in ``related``: "speaker cue content" as read, and the sentence
# holding the statement (context for short contents: "the attack ad"). The mean of the
# three cosines lifts tune MAP@10 0.300 -> 0.330 (docs/claims.md, "Views"); clustering
# keeps the content vectors. Each view costs about one more encoder pass per statement.
VIEWS: tuple[str, ...] = ("cue", "sentence")


def view_texts(con: duckdb.DuckDBPyConnection, rows: list[db.Row], view: str) -> list[str]:
    """The text of ``view`` for each row (a statement whose sentence is not found: its
    content)."""
    if view == "cue":
        return [_cue_text(r) for r in rows]
    if view == "sentence":
        from sayso.claims.views import sentences

        found = sentences(con, [r.attribution_id for r in rows])
        return [found.get(r.attribution_id) or r.content for r in rows]
    raise ValueError(f"unknown statement view {view!r}")


def statements(con: duckdb.DuckDBPyConnection) -> list[db.Row]:
    """Every attribution that carries a proposition, in the store's order."""
    return [r for r in db.load_rows(con) if is_proposition(r.content)]


def stored_model(con: duckdb.DuckDBPyConnection) -> str | None:
    """The model most stored vectors come from (the last build's), or None."""
    found = con.execute("SELECT model FROM claim_embeddings GROUP BY model"
                        " ORDER BY count(*) DESC, model LIMIT 1").fetchone()
    return str(found[0]) if found else None


def vectors_for(con: duckdb.DuckDBPyConnection, rows: list[db.Row], embedder: Embedder,
                embed_missing: bool = True, store: bool = False, view: str | None = None
                ) -> tuple[dict[str, np.ndarray], int]:
    """Vectors by attribution id (of the content, or of one of the VIEWS): stored ones
    reused (same model, same text); missing ones embedded now (kept in the store when
    ``store``) unless ``embed_missing`` is off. Returns them and how many were embedded now."""
    texts = [embed_text(r) for r in rows] if view is None else view_texts(con, rows, view)
    cached = db.cached_embeddings(con, rows, embedder.name, texts, view)
    missing = [k for k, r in enumerate(rows) if r.attribution_id not in cached]
    if not (missing and embed_missing):
        return cached, 0
    for start in range(0, len(missing), STORE_CHUNK):  # bounds the copies made to store
        part = missing[start:start + STORE_CHUNK]
        fresh = embedder.encode([texts[k] for k in part])
        if store:
            db.store_embeddings(con, [rows[k] for k in part], fresh, embedder.name,
                                [texts[k] for k in part], view)
        cached.update({rows[k].attribution_id: v for k, v in zip(part, fresh, strict=True)})
    return cached, len(missing)


STORE_CHUNK = 8192  # statements embedded and stored at once


def build_index(con: duckdb.DuckDBPyConnection, embedder: Embedder | None,
                embed_missing: bool = True, store: bool = False) -> Index:
    """Every statement with its vector (``vectors_for``); without an embedder, hashed
    TF-IDF. With ``embed_missing`` off, statements without a stored vector are left out."""
    rows = statements(con)
    if embedder is None:
        return _lexical_index(rows)
    cached, _n = vectors_for(con, rows, embedder, embed_missing, store)
    rows = [r for r in rows if r.attribution_id in cached]
    vectors = (np.vstack([cached[r.attribution_id] for r in rows]).astype(np.float32)
               if rows else np.zeros((0, 1), dtype=np.float32))
    index = make_index(rows, vectors, embedder.name)
    index.claims = claim_numbers(con, rows)
    index.views = view_matrix(con, rows, vectors, embedder, embed_missing, store)
    return index


def view_matrix(con: duckdb.DuckDBPyConnection, rows: list[db.Row], vectors: np.ndarray,
                embedder: Embedder, embed_missing: bool = True, store: bool = False
                ) -> np.ndarray | None:
    """``Index.views`` of the rows: content vectors and VIEWS side by side (a view with no
    vector, when ``embed_missing`` is off, stands in as the content's)."""
    if not VIEWS or not rows:
        return None
    parts = [vectors]
    for view in VIEWS:
        if embed_missing:
            found, _n = vectors_for(con, rows, embedder, embed_missing, store, view)
        else:  # a reader (the API): no sentence looked up for 100k rows on each new
            # store version; the rows' content vectors are current and an article's id is
            # the hash of its text, so a view can only lag a re-extracted cue until a build
            found = db.cached_embeddings(con, rows, embedder.name, view=view, check=False)
        parts.append(np.vstack([found.get(r.attribution_id, vectors[k])
                                for k, r in enumerate(rows)]).astype(np.float32))
    return np.hstack(parts) / np.float32(np.sqrt(len(parts)))


def store_views(con: duckdb.DuckDBPyConnection, rows: list[db.Row], embedder: Embedder
                ) -> int:
    """Embed and store the VIEWS of statements that have none yet (``claims build`` and
    every ingest); returns how many texts were embedded."""
    return sum(vectors_for(con, rows, embedder, store=True, view=view)[1] for view in VIEWS)


def as_view_query(vectors: np.ndarray, width: int) -> np.ndarray:
    """Content vectors of statements outside the index as rows of ``Index.views`` width:
    the content repeated for each view (its dot product with a row is the mean cosine of
    the content with that row's content and views)."""
    times = width // vectors.shape[1]
    if times <= 1:
        return vectors
    return (np.tile(vectors, (1, times)) / np.float32(np.sqrt(times))).astype(np.float32)


def claim_numbers(con: duckdb.DuckDBPyConnection, rows: list[db.Row]) -> np.ndarray:
    """Per row, a number for its claim of two members or more (-1 for none): statements the
    build put in one claim from trusted pairs are more likely the same claim."""
    try:
        found = con.execute(
            "SELECT m.attribution_id, m.claim_id FROM claim_members m JOIN claims c USING"
            " (claim_id) WHERE c.n_attributions >= 2").fetchall()
    except duckdb.Error:
        found = []  # a store without the claim tables yet
    numbers: dict[str, int] = {}
    claim_of = {aid: numbers.setdefault(cid, len(numbers)) for aid, cid in found}
    return np.asarray([claim_of.get(r.attribution_id, -1) for r in rows], dtype=np.int64)


def _lexical_index(rows: list[db.Row]) -> Index:
    feats = [features(content_terms(r.content)) for r in rows]
    vectors = lexical_vectors(feats, document_frequencies(feats), len(rows))
    return make_index(rows, vectors, LEXICAL)


@dataclass(frozen=True, slots=True)
class Rerank:
    """Second stage over the ``depth`` x k best by the first stage's score (the mean cosine
    of content and VIEWS, else the content cosine): the proposition's words and names.
    score = that + ``lexical`` x TF-IDF cosine of the content stems (who and what the claim
    is about, its predicate) + ``names`` x Jaccard of the names it mentions ("Clinton is
    unqualified" and "Trump is unqualified" share a topic, not a claim) + ``claim`` when
    both are in one claim of the store (built from trusted pairs), all divided by the
    weights' sum. Weights tuned on the tune half of the gold (docs/claims.md): with the
    content cosine alone lexical 0.5 and claim 0.15 were best (MAP@10 0.275 -> 0.305);
    the views carry most of the words, so lexical 0.1 and claim 0.1 are best over them
    (0.330); names (a crude capitalised-word guess) lowered it, so its weight is 0."""

    lexical: float = 0.1
    names: float = 0.0
    depth: int = 5
    claim: float = 0.1


RERANK = Rerank()
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z'’-]+")


def names(text: str) -> frozenset[str]:
    """Capitalised words after the first (proper names, mostly), lower-cased."""
    stop = lexicon().stopwords
    return frozenset(w.lower().replace("’", "'").removesuffix("'s")
                     for w in _NAME.findall(text.strip()) if w.lower() not in stop)


def _features(index: Index) -> tuple[Csr, list[frozenset[str]]]:
    if index.features is None:
        feats = [features(content_terms(r.content)) for r in index.rows]
        index.features = (sparse_tfidf(feats, document_frequencies(feats), len(feats)),
                          [names(r.content) for r in index.rows])
    return index.features


def _rescored(index: Index, rerank: Rerank, queries: np.ndarray, cand: np.ndarray,
              scores: np.ndarray) -> np.ndarray:
    """Second-stage scores of each (query, candidate) pair; queries are index rows."""
    csr, found = _features(index)
    qi = np.repeat(queries, cand.shape[1])
    cj = cand.reshape(-1)
    lexical = sparse_pair_dots(csr, qi, cj).reshape(cand.shape)
    shared = np.zeros(cand.shape, dtype=np.float32)
    if rerank.names:
        shared = np.asarray([len(found[a] & found[b]) / len(found[a] | found[b])
                             if found[a] | found[b] else 0.0
                             for a, b in zip(qi.tolist(), cj.tolist(), strict=True)],
                            dtype=np.float32).reshape(cand.shape)
    same = np.zeros(cand.shape, dtype=np.float32)
    if rerank.claim and index.claims is not None:
        claims = index.claims
        same = ((claims[qi] == claims[cj]) & (claims[qi] >= 0)).astype(np.float32).reshape(
            cand.shape)
    # Divided by the weights' sum: a score stays at most 1, as a cosine.
    return (scores + rerank.lexical * lexical + rerank.names * shared + rerank.claim * same) / (
        1.0 + rerank.lexical + rerank.names + rerank.claim)


def neighbours(index: Index, k: int, queries: np.ndarray | None = None,
               query_vectors: np.ndarray | None = None, query_articles: np.ndarray | None = None,
               rerank: Rerank | None = None) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(query number, positions, scores) of the ``k`` best statements of other articles for
    each query, best first; ties go to the earlier row so the order is stable. With
    ``rerank`` (default RERANK when its weights are not zero), the best ``depth`` x k by
    cosine are re-scored; it needs the queries to be index rows."""
    rerank = rerank if rerank is not None else RERANK
    if queries is None:
        queries = np.arange(len(index.rows), dtype=np.int64)
    use_rerank = ((rerank.lexical or rerank.names or rerank.claim) and query_vectors is None
                  and index.model != LEXICAL)  # TF-IDF vectors need no TF-IDF second stage
    matrix = index.views if index.views is not None else index.vectors
    vectors = (matrix[queries] if query_vectors is None
               else as_view_query(query_vectors, matrix.shape[1]))
    articles = index.articles[queries] if query_articles is None else query_articles
    take = min(k * rerank.depth if use_rerank else k, len(index.rows))
    for start in range(0, len(vectors), BLOCK):
        if take <= 0:
            for q in range(len(vectors[start:start + BLOCK])):
                yield start + q, np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            continue
        top, best = _block_top(index, vectors[start:start + BLOCK],
                               articles[start:start + BLOCK], take, matrix)
        valid = np.isfinite(best) & (best > 0)  # nothing in common is not related
        if use_rerank:
            best = np.where(valid, _rescored(index, rerank, queries[start:start + BLOCK], top,
                                             np.where(valid, best, 0.0)), -np.inf)
        for q in range(len(top)):
            cand, s = top[q][valid[q]], best[q][valid[q]]
            order = np.lexsort((cand, -s))[:k]
            yield start + q, cand[order], s[order]


DEPTH = 50  # candidates by cosine the pair features are measured over (train_claims_rerank)


@dataclass
class Candidates:
    """The best statements of other articles by cosine for some index rows (-1 pads rows
    with fewer), and where each statement stands in its candidates' own lists (k-reciprocal
    neighbours): the exact neighbours ``claims build`` adds as pairs, and the lists the
    re-ranking features of scripts/train_claims_rerank.py are measured on."""

    rows: np.ndarray     # int64 index rows these lists are of
    top: np.ndarray      # int64 (len(rows), DEPTH), best first
    cosine: np.ndarray   # float32, same shape
    n: int

    def __post_init__(self) -> None:
        valid = self.top >= 0
        keys = (self.rows[:, None] * self.n + self.top)[valid]
        ranks = np.broadcast_to(np.arange(self.top.shape[1]), self.top.shape)[valid]
        order = np.argsort(keys)
        self._keys, self._ranks = keys[order], ranks[order]
        self._at = {int(r): k for k, r in enumerate(self.rows.tolist())}

    def rank_in(self, owner: np.ndarray, item: np.ndarray) -> np.ndarray:
        """Rank of ``item`` in ``owner``'s list (the depth when absent or not listed)."""
        keys = owner * self.n + item
        at = np.clip(np.searchsorted(self._keys, keys), 0, max(len(self._keys) - 1, 0))
        found = (self._keys[at] == keys) if len(self._keys) else np.zeros(len(keys), bool)
        return np.where(found, self._ranks[at] if len(self._ranks) else 0, self.top.shape[1])

    def pairs(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(query, candidate, cosine, rank) of every listed pair of the queries."""
        at = np.asarray([self._at[int(q)] for q in queries.tolist()], dtype=np.int64)
        top, cos = self.top[at], self.cosine[at]
        valid = top >= 0
        qi = np.repeat(queries, top.shape[1]).reshape(top.shape)[valid]
        rank = np.broadcast_to(np.arange(top.shape[1]), top.shape)[valid]
        return qi, top[valid], cos[valid], rank

    def features_of(self, st: rerank.Statements, queries: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query, candidate, rerank.FEATURES row) of every listed pair of the queries."""
        qi, cj, cos, rank = self.pairs(queries)
        at = np.asarray([self._at[int(q)] for q in qi.tolist()], dtype=np.int64)
        best = self.cosine[at, 0]
        x = rerank.pair_features(st, qi, cj, cos, rank.astype(np.float32),
                                 self.rank_in(cj, qi).astype(np.float32), best,
                                 self.shared(qi, cj))
        return qi, cj, x

    def shared(self, qi: np.ndarray, cj: np.ndarray, top: int = rerank.SHARED_TOP) -> np.ndarray:
        """Share of the two statements' first ``top`` neighbours they have in common."""
        lists: dict[int, frozenset[int]] = {}

        def first(r: int) -> frozenset[int]:
            if r not in lists:
                at = self._at.get(r)
                lists[r] = (frozenset(self.top[at, :top].tolist()) - {-1} if at is not None
                            else frozenset())
            return lists[r]

        return np.asarray([len(first(a) & first(b)) / top
                           for a, b in zip(qi.tolist(), cj.tolist(), strict=True)],
                          dtype=np.float32)


def _block_top(index: Index, vectors: np.ndarray, articles: np.ndarray, take: int,
               matrix: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """For each query row (unit ``vectors`` of statements in ``articles``), its ``take`` best
    index rows by cosine (with the rows of ``matrix``, default the content vectors),
    unordered, and their cosines (-inf for the query's own article)."""
    n = len(index.rows)
    scores = vectors @ (index.vectors if matrix is None else matrix).T
    scores[articles[:, None] == index.articles[None, :]] = -np.inf
    if take >= n:
        top = np.tile(np.arange(n), (len(scores), 1))
    elif take * CHUNK * 4 < n:
        top = _top_by_chunks(scores, take)
    else:
        top = np.argpartition(scores, n - take, axis=1)[:, n - take:]
    return top, np.take_along_axis(scores, top, axis=1)


CHUNK = 256  # columns per chunk when a long row's best are looked for chunk first


def _top_by_chunks(scores: np.ndarray, take: int) -> np.ndarray:
    """Columns of each row's ``take`` largest scores, reading only the ``take`` chunks of
    columns with the largest maxima: a chunk holding one of the ``take`` best has a maximum
    at least the take-th best, and at most ``take`` chunks do, so the values found are the
    exact best (among equal values the pick may differ, as with a plain partition). Cuts the
    cost of partitioning 100k-column rows several times over."""
    n = scores.shape[1]
    starts = np.arange(0, n, CHUNK)
    maxima = np.maximum.reduceat(scores, starts, axis=1)
    chunks = np.argpartition(maxima, maxima.shape[1] - take, axis=1)[:, -take:]
    cols = (starts[chunks][:, :, None] + np.arange(CHUNK)).reshape(len(scores), -1)
    inside = cols < n
    cols = np.where(inside, cols, n - 1)
    values = np.where(inside, np.take_along_axis(scores, cols, axis=1), -np.inf)
    pick = np.argpartition(values, values.shape[1] - take, axis=1)[:, -take:]
    return np.take_along_axis(cols, pick, axis=1)


def candidates(index: Index, rows: np.ndarray | None = None, depth: int = DEPTH
               ) -> Candidates:
    """Exact top ``depth`` by cosine of other articles for index ``rows`` (default all),
    positive cosines only, best first; ties to the earlier row."""
    n = len(index.rows)
    rows = np.arange(n, dtype=np.int64) if rows is None else np.asarray(rows, dtype=np.int64)
    top = np.full((len(rows), depth), -1, dtype=np.int64)
    cos = np.zeros((len(rows), depth), dtype=np.float32)
    take = min(depth, n)
    for start in range(0, len(rows) if take > 0 else 0, BLOCK):
        block = rows[start:start + BLOCK]
        part, best = _block_top(index, index.vectors[block], index.articles[block], take)
        order = np.lexsort((part, -best), axis=1)  # best first, ties to the earlier row
        part = np.take_along_axis(part, order, axis=1)
        best = np.take_along_axis(best, order, axis=1)
        ok = np.isfinite(best) & (best > 0)
        top[start:start + len(block), :take] = np.where(ok, part, -1)
        cos[start:start + len(block), :take] = np.where(ok, best, 0.0)
    return Candidates(rows, top, cos, n)


def related_records(index: Index, k: int, rerank: Rerank | None = None
                    ) -> Iterator[dict[str, object]]:
    """The ``claims related --json`` contract, one record per statement (docs/claims.md)."""
    for q, found, scores in neighbours(index, k, rerank=rerank):
        row = index.rows[q]
        yield {
            "attribution_id": row.attribution_id,
            "article_id": row.article_id,
            "source": row.source,
            "content": {"spans": row.content_spans},
            "related": [{"attribution_id": index.rows[j].attribution_id,
                         "score": round(float(s), 4)}
                        for j, s in zip(found.tolist(), scores.tolist(), strict=True)],
        }


def related_to(index: Index, attribution_id: str, k: int, embedder: Embedder | None = None,
               row: db.Row | None = None) -> list[tuple[db.Row, float]] | None:
    """The ``k`` best statements of other articles for one statement; None when it is not
    in the index and cannot be embedded (``row`` is its store row, for embedding it)."""
    at = index.position(attribution_id)
    if at is not None:  # as `claims related` ranks it (second stage included)
        for _q, found, scores in neighbours(index, k, np.asarray([at], dtype=np.int64)):
            return [(index.rows[j], float(s)) for j, s in zip(found.tolist(), scores.tolist(),
                                                              strict=True)]
    if row is not None and embedder is not None and embedder.name == index.model:
        vector = embedder.encode([embed_text(row)])[:1].astype(np.float32)
        same = [k for k, r in enumerate(index.rows) if r.article_id == row.article_id]
        article = np.asarray([index.articles[same[0]] if same else -1], dtype=np.int64)
    else:
        return None
    for _q, found, scores in neighbours(index, k, np.zeros(1, dtype=np.int64), vector, article):
        return [(index.rows[j], float(s)) for j, s in zip(found.tolist(), scores.tolist(),
                                                          strict=True)]
    return []


@dataclass(slots=True)
class ReadingIndex:
    """What a reader (the API) uses: the store's stored vectors, and the embedder that made
    them when it is installed (to embed a statement that has no vector yet)."""

    index: Index
    embedder: Embedder | None

    def row_of(self, con: duckdb.DuckDBPyConnection, attribution_id: str) -> db.Row | None:
        if self.index.position(attribution_id) is not None or self.embedder is None:
            return None
        return next((r for r in db.load_rows(con, [attribution_id])), None)


def reading_index(con: duckdb.DuckDBPyConnection) -> ReadingIndex:
    """Stored vectors only (a reader never writes); hashed TF-IDF when the store has none."""
    model = stored_model(con)
    if model is None:
        return ReadingIndex(build_index(con, None), None)
    embedder = embedder_named(model)
    return ReadingIndex(build_index(con, _Named(model), embed_missing=False), embedder)


@dataclass(slots=True)
class _Named:
    """Stands in for an embedder when only stored vectors are read."""

    name: str

    def encode(self, texts: object) -> np.ndarray:
        raise RuntimeError("stored vectors only")
