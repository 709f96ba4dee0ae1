"""``sayso claims build``: cluster every attribution in the store into claims."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import duckdb
import numpy as np

from sayso.claims import db, rerank
from sayso.claims.assemble import groups, mark_repeats, representatives, seeded_only, stances
from sayso.claims.cluster import (
    Settings,
    Vectors,
    average_linkage,
    candidate_edges,
    score_pairs,
    vectorise,
)
from sayso.claims.stance import AFFIRMING
from sayso.claims.text import MIN_TERMS, content_terms
from sayso.claims.vectors import Embedder, row_dots

Edges = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass(slots=True)
class BuildReport:
    attributions: int
    skipped: int
    claims: int
    multi_member_claims: int
    embedder: str
    embedded_now: int


def claim_id(representative_attribution_id: str) -> str:
    digest = hashlib.sha256(representative_attribution_id.encode("utf-8")).hexdigest()
    return "c" + digest[:15]


def _embedding(con: duckdb.DuckDBPyConnection, rows: list[db.Row], embedder: Embedder | None,
               view_rows: list[db.Row] | None = None) -> tuple[np.ndarray | None, int]:
    """Vectors for all rows, embedding (and storing) only those not stored yet; the same
    vectors ``claims related`` reads. The views ``related`` ranks by are stored too, for
    ``view_rows`` (default all rows: an update passes its new statements only)."""
    if embedder is None:
        return None, 0
    from sayso.claims.related import store_views, vectors_for

    found, embedded_now = vectors_for(con, rows, embedder, store=True)
    store_views(con, rows if view_rows is None else view_rows, embedder)
    return np.vstack([found[r.attribution_id] for r in rows]).astype(np.float32), embedded_now


def build(con: duckdb.DuckDBPyConnection, embedder: Embedder | None = None,
          settings: Settings | None = None,
          progress: Callable[[str], None] | None = None) -> BuildReport:
    settings = settings or Settings.for_embedder(embedder)
    say = progress or (lambda _msg: None)
    all_rows = db.load_rows(con)
    all_terms = [content_terms(r.content) for r in all_rows]
    keep = [k for k, t in enumerate(all_terms) if len(t) >= MIN_TERMS]
    rows = [all_rows[k] for k in keep]
    say(f"{len(rows)} attributions with a proposition ({len(all_rows) - len(rows)} skipped)")
    if not rows:  # nothing to cluster (no attributions yet, or texts in other languages only)
        db.replace_claims(con, [], [])
        return BuildReport(len(all_rows), len(all_rows), 0, 0,
                           embedder.name if embedder else "lexical", 0)
    embedding, embedded_now = _embedding(con, rows, embedder)
    texts = [r.content for r in rows]
    vec = vectorise(texts, embedding=embedding, terms=[all_terms[k] for k in keep])
    edges, threshold = claim_edges(con, rows, vec, settings,
                                   model_name=embedder.name if embedder else None)
    say(f"{len(edges[0])} candidate pairs scored")
    labels = seeded_only(average_linkage(len(rows), *edges, threshold), texts)
    reps = representatives(labels, texts, edges, [r.cue for r in rows],
                           [r.cue_class for r in rows])
    member_stances = stances(labels, reps, texts, [r.cue for r in rows],
                             [r.cue_class for r in rows])
    member_stances = mark_repeats(labels, member_stances, [r.speaker_key for r in rows],
                                  [(r.date or "9999", k) for k, r in enumerate(rows)])
    similarity = _similarity_to_representative(vec, labels, reps, settings)
    claims, members = _records(rows, labels, reps, member_stances, similarity)
    db.replace_claims(con, claims, members)
    from sayso.claims.reviews import relink

    relink(con, embedder)
    return BuildReport(len(all_rows), len(all_rows) - len(rows), len(claims),
                       sum(1 for c in claims if c["n_attributions"] > 1),
                       embedder.name if embedder else "lexical", embedded_now)


NEIGHBOURS_BY_VIEWS = False  # exact neighbours by content cosine (True: by the views' mean)


def claim_pairs(con: duckdb.DuckDBPyConnection, rows: list[db.Row], vec: Vectors,
                settings: Settings, neighbours: int, queries: np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs the claim model scores and their ``rerank.FEATURES`` rows: the candidate pairs
    of blocking and LSH scoring at least ``settings.min_candidate``, plus each query row's
    (default: every row's) ``neighbours`` nearest statements of other articles by exact
    cosine (paraphrases that share few words and score low lexically)."""
    assert vec.embedding is not None
    i, j, _s = candidate_edges(vec, settings)
    n = len(rows)
    keys = np.minimum(i, j) * n + np.maximum(i, j)
    if neighbours and n > 1:
        from sayso.claims.related import candidates, make_index

        by = vec.views if NEIGHBOURS_BY_VIEWS and vec.views is not None else vec.embedding
        found = candidates(make_index(rows, by, "claims"), queries, neighbours)
        qi, cj, _c, _r = found.pairs(found.rows)
        keys = np.union1d(keys, np.minimum(qi, cj) * n + np.maximum(qi, cj))
    i, j = keys // n, keys % n
    st = rerank.statements(rows, rerank.content_actors(con, rows), vec.terms, vec.sparse)
    views = None if vec.views is None else row_dots(vec.views, i, j)
    return i, j, rerank.pair_features(st, i, j, row_dots(vec.embedding, i, j), views=views)


def claim_edges(con: duckdb.DuckDBPyConnection, rows: list[db.Row], vec: Vectors,
                settings: Settings, queries: np.ndarray | None = None,
                model_name: str | None = None) -> tuple[Edges, float]:
    """Scored pairs for average linkage and the merge threshold. With the claim model
    (``rerank.CLAIM_MODEL``, trained on the gold's tune half) and vectors of the embedder it
    was trained with (``model_name``), a pair's score is the model's probability that both
    state one claim ("pairs you trust"); else the fixed blend of ``cluster.score_pairs``."""
    model = rerank.CLAIM_MODEL.get()
    if (model is None or vec.embedding is None or len(rows) < 2
            or not (model_name or "").startswith(model.embedder)):
        return candidate_edges(vec, settings), settings.threshold_for(vec)
    i, j, x = claim_pairs(con, rows, vec, settings, model.neighbours, queries)
    return (i, j, model.score(x)), model.threshold


def _similarity_to_representative(vec: Vectors, labels: list[int], reps: dict[int, int],
                                  settings: Settings) -> np.ndarray:
    i = np.arange(len(labels), dtype=np.int64)
    j = np.asarray([reps[label] for label in labels], dtype=np.int64)
    sims = score_pairs(vec, i, j, settings)
    sims[i == j] = 1.0
    return sims


def _records(rows: list[db.Row], labels: list[int], reps: dict[int, int], member_stances: list[str],
             similarity: np.ndarray) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    claims: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []
    for label, idx in groups(labels).items():
        rep = rows[reps[label]]
        cid = claim_id(rep.attribution_id)
        dates = sorted(d for d in (rows[k].date for k in idx) if d)
        counts = Counter(member_stances[k] for k in idx)
        speakers = Counter(rows[k].speaker for k in idx if rows[k].speaker)
        record = {
            "representative_attribution_id": rep.attribution_id,
            "stances": dict(counts),
            "contradiction": _contradicted(rows, idx, member_stances),
            "speakers": [name for name, _n in speakers.most_common(10)],
            "outlets": sorted({s for s in (rows[k].site_name for k in idx) if s})[:20],
        }
        claims.append({
            "claim_id": cid, "text": rep.content,
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
            "n_attributions": len(idx), "n_articles": len({rows[k].article_id for k in idx}),
            "n_speakers": len({rows[k].speaker_key for k in idx if rows[k].speaker_key}),
            "record": json.dumps(record, ensure_ascii=False),
        })
        for k in idx:
            members.append({"claim_id": cid, "attribution_id": rows[k].attribution_id,
                            "article_id": rows[k].article_id, "stance": member_stances[k],
                            "similarity": round(float(similarity[k]), 4)})
    return claims, members


def _contradicted(rows: list[db.Row], idx: list[int], member_stances: list[str]) -> bool:
    """One speaker affirms and a different one denies."""
    affirm = {rows[k].speaker_key or rows[k].attribution_id for k in idx
              if member_stances[k] in AFFIRMING}
    deny = {rows[k].speaker_key or rows[k].attribution_id for k in idx
            if member_stances[k] == "deny"}
    return bool(affirm and deny) and len(affirm | deny) > 1
