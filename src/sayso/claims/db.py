"""Reading attributions from the store and writing claims back (DuckDB)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa

from sayso.model import text_sha256
from sayso.store import db as store_db
from sayso.store.db import claims_schema_sql

__all__ = ["Row", "claims_schema_sql", "connect", "insert", "load_rows", "replace_claims"]


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open a store file through the store's one way in (``sayso.store.db.connect``): the
    store's tables and ours are created if missing."""
    return store_db.connect(path, read_only)


@dataclass(slots=True)
class Row:
    """One attribution as the claim tracker sees it."""

    attribution_id: str
    article_id: str
    content: str
    content_spans: list[list[int]]
    cue: str
    cue_class: str | None
    speaker: str | None
    speaker_kb_id: str | None
    speaker_country: str | None
    speaker_sector: str | None
    date: str | None
    source: str | None
    url: str | None
    site_name: str | None
    start_char: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def speaker_key(self) -> str | None:
        """Canonical speaker: the knowledge-base id when resolved, else the name."""
        return self.speaker_kb_id or (self.speaker.strip().lower() if self.speaker else None)


_ATTRIBUTIONS = """
SELECT a.attribution_id, a.article_id, coalesce(a.content_text, ''), a.content_spans,
       coalesce(a.cue_text, ''), a.cue_class, a.speaker_name, a.speaker_kb_id,
       a.speaker_country, a.speaker_sector, CAST(ar.published AS VARCHAR), ar.source, ar.url,
       ar.site_name, coalesce(a.start_char, 0)
FROM attributions a LEFT JOIN articles ar USING (article_id) {where}
ORDER BY ar.published NULLS LAST, a.article_id, a.start_char
"""


def _spans(value: Any) -> list[list[int]]:
    if value is None:
        return []
    try:
        data = json.loads(value) if isinstance(value, str) else value
        return [[int(s), int(e)] for s, e in data]
    except (TypeError, ValueError):
        return []  # a malformed span column must not stop the build


def load_rows(con: duckdb.DuckDBPyConnection, ids: list[str] | None = None) -> list[Row]:
    """Every attribution (or those of ``ids``), by article date."""
    out = []
    where = "WHERE a.attribution_id IN (SELECT unnest(?))" if ids is not None else ""
    for r in con.execute(_ATTRIBUTIONS.format(where=where),
                         [ids] if ids is not None else []).fetchall():
        out.append(Row(r[0], r[1], r[2], _spans(r[3]), r[4], r[5], r[6], r[7], r[8], r[9],
                       r[10], r[11], r[12], r[13], int(r[14])))
    return out


def cached_embeddings(con: duckdb.DuckDBPyConnection, rows: list[Row], model: str,
                      texts: list[str] | None = None, view: str | None = None,
                      check: bool = True) -> dict[str, np.ndarray]:
    """Stored vectors whose embedded text (default: the content) is unchanged, by
    attribution id; of ``view`` (claim_view_embeddings) when given; without ``check``,
    every stored vector of the rows (the texts are not compared)."""
    if view is None:
        found = con.execute("SELECT attribution_id, text_sha256, vector FROM claim_embeddings"
                            " WHERE model = ?", [model]).fetchall()
    else:
        found = con.execute("SELECT attribution_id, text_sha256, vector FROM"
                            " claim_view_embeddings WHERE model = ? AND view = ?",
                            [model, view]).fetchall()
    if not check:
        ids = {r.attribution_id for r in rows}
        return {aid: np.frombuffer(vec, dtype="<f4") for aid, _sha, vec in found if aid in ids}
    texts = texts if texts is not None else [r.content for r in rows]
    want = {r.attribution_id: text_sha256(t) for r, t in zip(rows, texts, strict=True)}
    return {aid: np.frombuffer(vec, dtype="<f4") for aid, sha, vec in found
            if want.get(aid) == sha}


def store_embeddings(con: duckdb.DuckDBPyConnection, rows: list[Row], vectors: np.ndarray,
                     model: str, texts: list[str] | None = None, view: str | None = None
                     ) -> None:
    if not rows:
        return
    texts = texts if texts is not None else [r.content for r in rows]
    columns: dict[str, list[Any]] = {"attribution_id": [r.attribution_id for r in rows]}
    if view is not None:
        columns["view"] = [view] * len(rows)
    columns.update({
        "model": [model] * len(rows),
        "text_sha256": [text_sha256(t) for t in texts],
        "vector": [v.astype("<f4").tobytes() for v in vectors],
    })
    insert(con, "claim_embeddings" if view is None else "claim_view_embeddings",
           pa.table(columns), replace=True)


def insert(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table,
           replace: bool = False) -> None:
    store_db.insert(con, name, table, "INSERT OR REPLACE" if replace else "INSERT")


def replace_claims(con: duckdb.DuckDBPyConnection, claims: list[dict[str, Any]],
                   members: list[dict[str, Any]]) -> None:
    """Swap in a new set of claims in one transaction: readers see old or new, never half."""
    con.begin()
    try:
        con.execute("DELETE FROM claim_members")
        con.execute("DELETE FROM claims")
        if claims:
            insert(con, "claims", pa.Table.from_pylist(claims))
        if members:
            insert(con, "claim_members", pa.Table.from_pylist(members))
        con.commit()
    except Exception:
        con.rollback()
        raise
