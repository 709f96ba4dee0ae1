"""Keep claims current after an ingest without rebuilding them (``claims build`` rebuilds).

New attributions (not yet members of any claim) join the existing claim they score best
against, by the same average-linkage rule the full build merges with (mean score over all
of the claim's members, unscored pairs counting as zero); those that join none are clustered
among themselves into new claims.  Only the claims that changed are rewritten, and an
existing claim keeps its representative statement, hence its id.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

import duckdb
import numpy as np
import pyarrow as pa

from sayso.claims import db
from sayso.claims.assemble import mark_repeats, representatives, seeded_only, stances
from sayso.claims.build import _embedding, _records, build, claim_edges
from sayso.claims.cluster import (
    Settings,
    Vectors,
    average_linkage,
    score_pairs,
    vectorise,
)
from sayso.claims.text import MIN_TERMS, content_terms
from sayso.claims.vectors import Embedder


@dataclass(slots=True)
class UpdateReport:
    new_attributions: int   # attributions with a proposition that had no claim before
    joined: int             # of those, how many joined an existing claim
    new_claims: int
    rebuilt: bool           # the store had no claims yet: a full build ran instead

    def line(self) -> str:
        if self.rebuilt:
            return f"claims built: {self.new_claims} claims from {self.new_attributions} statements"
        return (f"claims updated: {self.new_attributions} new statements, {self.joined} joined "
                f"existing claims, {self.new_claims} new claims")


def update(con: duckdb.DuckDBPyConnection, embedder: Embedder | None = None,
           settings: Settings | None = None) -> UpdateReport:
    settings = settings or Settings.for_embedder(embedder)
    con.execute(db.claims_schema_sql())
    if not con.execute("SELECT count(*) FROM claims").fetchone()[0]:  # type: ignore[index]
        report = build(con, embedder, settings)
        return UpdateReport(report.attributions - report.skipped, 0, report.claims, True)
    rows = [r for r in db.load_rows(con) if len(content_terms(r.content)) >= MIN_TERMS]
    claim_of = dict(con.execute("SELECT attribution_id, claim_id FROM claim_members").fetchall())
    new = [k for k, r in enumerate(rows) if r.attribution_id not in claim_of]
    if not new:
        return UpdateReport(0, 0, 0, False)
    embedding, _ = _embedding(con, rows, embedder, [rows[k] for k in new])
    vec = vectorise([r.content for r in rows], embedding=embedding,
                    terms=[content_terms(r.content) for r in rows])
    # Exact neighbours are searched for the new statements only (their pairs with old ones).
    edges, threshold = claim_edges(con, rows, vec, settings, np.asarray(new, dtype=np.int64),
                                   embedder.name if embedder else None)
    labels = [claim_of.get(r.attribution_id) for r in rows]
    joined = _join_existing(labels, new, edges, threshold)
    formed = _form_new(labels, new, edges, threshold,
                       [r.content for r in rows])
    _rewrite(con, rows, labels, new, vec, edges, settings)
    return UpdateReport(len(new), joined, formed, False)


def _join_existing(labels: list[str | None], new: list[int],
                   edges: tuple[np.ndarray, np.ndarray, np.ndarray], threshold: float) -> int:
    """Give each new item the existing claim whose mean score to it reaches ``threshold``."""
    sizes: dict[str, int] = defaultdict(int)
    for label in labels:
        if label is not None:
            sizes[label] += 1
    fresh = set(new)
    totals: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for a, b, s in zip(*(e.tolist() for e in edges), strict=True):
        for item, other in ((a, b), (b, a)):
            if item in fresh and other not in fresh and labels[other] is not None:
                totals[item][labels[other]] += s  # type: ignore[index]
    joined = 0
    for item, by_claim in totals.items():
        best = max(by_claim, key=lambda c: (by_claim[c] / sizes[c], c))
        if by_claim[best] / sizes[best] >= threshold:
            labels[item] = best
            joined += 1
    return joined


def _form_new(labels: list[str | None], new: list[int],
              edges: tuple[np.ndarray, np.ndarray, np.ndarray], threshold: float,
              texts: list[str]) -> int:
    """Cluster the new items that joined nothing; labels "new:N" until their ids exist."""
    left = [k for k in new if labels[k] is None]
    where = {k: n for n, k in enumerate(left)}
    i, j, s = edges
    inside = np.asarray([a in where and b in where for a, b in zip(i.tolist(), j.tolist(),
                                                                    strict=True)], dtype=bool)
    local_i = np.asarray([where[a] for a in i[inside].tolist()], dtype=np.int64)
    local_j = np.asarray([where[b] for b in j[inside].tolist()], dtype=np.int64)
    local = seeded_only(average_linkage(len(left), local_i, local_j, s[inside], threshold),
                        [texts[k] for k in left])
    for k, label in zip(left, local, strict=True):
        labels[k] = f"new:{label}"
    return len(set(local))


def _rewrite(con: duckdb.DuckDBPyConnection, rows: list[db.Row], labels: list[str | None],
             new: list[int], vec: Vectors, edges: tuple[np.ndarray, np.ndarray, np.ndarray],
             settings: Settings) -> None:
    """Recompute and replace the claims that gained members, and write the new ones."""
    touched = {str(labels[k]) for k in new}
    known = {cid: json.loads(rec or "{}").get("representative_attribution_id") for cid, rec in
             con.execute("SELECT claim_id, record FROM claims").fetchall()}
    sub = [k for k, lab in enumerate(labels) if lab in touched]
    names = sorted(touched, key=str)
    number = {name: n for n, name in enumerate(names)}
    sub_labels = [number[str(labels[k])] for k in sub]
    position = {k: p for p, k in enumerate(sub)}
    reps = _representatives(rows, sub, sub_labels, names, known, edges, position)
    texts = [rows[k].content for k in sub]
    member_stances = stances(sub_labels, reps, texts, [rows[k].cue for k in sub],
                             [rows[k].cue_class for k in sub])
    member_stances = mark_repeats(sub_labels, member_stances, [rows[k].speaker_key for k in sub],
                                  [(rows[k].date or "9999", k) for k in sub])
    rep_of = np.asarray([sub[reps[label]] for label in sub_labels], dtype=np.int64)
    similarity = score_pairs(vec, np.asarray(sub, dtype=np.int64), rep_of, settings)
    similarity[np.asarray(sub) == rep_of] = 1.0
    claims, members = _records([rows[k] for k in sub], sub_labels, reps, member_stances,
                               similarity)
    old = [name for name in names if not name.startswith("new:")]
    con.begin()
    try:
        con.execute("DELETE FROM claim_members WHERE claim_id IN (SELECT unnest(?))", [old])
        con.execute("DELETE FROM claims WHERE claim_id IN (SELECT unnest(?))", [old])
        db.insert(con, "claims", pa.Table.from_pylist(claims))
        db.insert(con, "claim_members", pa.Table.from_pylist(members))
        con.commit()
    except Exception:
        con.rollback()
        raise


def _representatives(rows: list[db.Row], sub: list[int], sub_labels: list[int],
                     names: list[str], known: dict[str, str | None],
                     edges: tuple[np.ndarray, np.ndarray, np.ndarray],
                     position: dict[int, int]) -> dict[int, int]:
    """An existing claim keeps its representative; new claims choose theirs as build does."""
    i, j, s = edges
    inside = np.asarray([a in position and b in position
                         for a, b in zip(i.tolist(), j.tolist(), strict=True)], dtype=bool)
    local = (np.asarray([position[a] for a in i[inside].tolist()], dtype=np.int64),
             np.asarray([position[b] for b in j[inside].tolist()], dtype=np.int64), s[inside])
    chosen = representatives(sub_labels, [rows[k].content for k in sub], local,
                             [rows[k].cue for k in sub], [rows[k].cue_class for k in sub])
    for label, name in enumerate(names):
        rep_id = known.get(name)
        for p, k in enumerate(sub):
            if sub_labels[p] == label and rows[k].attribution_id == rep_id:
                chosen[label] = p
    return chosen


def after_ingest(con: duckdb.DuckDBPyConnection) -> str:
    """Update claims after an ingest and say what changed; a failure here never undoes the
    ingest (the articles are committed), it is reported with the command that recovers."""
    from sayso.claims.vectors import load_embedder

    try:
        return update(con, load_embedder("auto")).line()
    except Exception as exc:  # claims are derived data: report, keep the ingest's result
        return f"claims not updated ({type(exc).__name__}: {exc}); run `sayso claims build`"
