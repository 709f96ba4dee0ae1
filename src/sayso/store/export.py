"""Exports of the store: tables (Parquet, CSV), article JSONL, PLOVER events, GDELT-like dyads.

Everything is one DuckDB ``COPY`` so exports stream and never load a table in Python.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from sayso.store.rows import TABLES

FORMATS = ("parquet", "csv", "jsonl", "plover", "gdelt")
EXPORT_TABLES = (*TABLES, "claims", "claim_members", "runs")

# PLOVER / POLECAT-style event records: one JSON object per event.
PLOVER_SQL = """
SELECT e.event_id AS id,
       strftime(coalesce(e.event_date, a.published), '%Y-%m-%d') AS event_date,
       e.type AS event_type, e.mode AS event_mode, e.context::JSON AS event_context,
       e.source_name AS actor, e.source_country AS actor_country,
       e.source_sector AS actor_sector,
       e.target_name AS recipient, e.target_country AS recipient_country,
       e.target_sector AS recipient_sector,
       e.trigger_text AS event_text, e.trigger_spans::JSON AS trigger_offsets,
       e.negated, e.hypothetical, e.confidence, e.location::JSON AS location,
       e.cameo_root, e.quad_class,
       e.attribution_id, a.article_id, a.url AS source_url, a.site_name AS publisher,
       a.title AS headline, strftime(a.published, '%Y-%m-%d') AS story_date,
       a.language
FROM events e JOIN articles a USING (article_id)
ORDER BY a.published NULLS LAST, e.event_id
"""

# A GDELT-like event table: one row per dyadic event, tab-separated.
GDELT_SQL = """
SELECT e.event_id AS GlobalEventID,
       strftime(coalesce(e.event_date, a.published), '%Y%m%d') AS SQLDATE,
       e.source_name AS Actor1Name, e.source_country AS Actor1CountryCode,
       e.source_sector AS Actor1Type1Code,
       e.target_name AS Actor2Name, e.target_country AS Actor2CountryCode,
       e.target_sector AS Actor2Type1Code,
       e.type AS PloverType, e.mode AS PloverMode,
       e.cameo_root AS EventRootCode, e.quad_class AS QuadClass,
       e.negated AS IsNegated, e.hypothetical AS IsHypothetical,
       e.confidence AS Confidence,
       CAST(json_extract_string(e.trigger_spans, '$[0][0]') AS INTEGER) AS TriggerStart,
       CAST(json_extract_string(e.trigger_spans, '$[#-1][1]') AS INTEGER) AS TriggerEnd,
       e.article_id AS ArticleID, coalesce(a.url, a.source) AS SOURCEURL
FROM events e JOIN articles a USING (article_id)
ORDER BY SQLDATE NULLS LAST, e.event_id
"""

ARTICLES_SQL = """
SELECT a.article_id, a.doc_id, a.url, a.title, a.author, a.site_name,
       strftime(a.published, '%Y-%m-%d') AS published, a.language, a.text,
       coalesce((SELECT list(t.record::JSON ORDER BY t.start_char, t.attribution_id)
                 FROM attributions t WHERE t.article_id = a.article_id), []) AS attributions,
       coalesce((SELECT list(e.record::JSON ORDER BY e.event_id)
                 FROM events e WHERE e.article_id = a.article_id), []) AS events
FROM articles a WHERE a.status = 'processed'
ORDER BY a.published NULLS LAST, a.article_id
"""


def _quote(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(con: duckdb.DuckDBPyConnection, fmt: str, out: str | Path) -> list[Path]:
    """Write the export; returns the files written."""
    out = Path(out)
    if fmt in ("parquet", "csv"):
        out.mkdir(parents=True, exist_ok=True)
        options = "(FORMAT parquet)" if fmt == "parquet" else "(FORMAT csv, HEADER)"
        written = []
        for table in EXPORT_TABLES:
            target = out / f"{table}.{fmt}"
            con.execute(f"COPY {table} TO {_quote(target)} {options}")
            written.append(target)
        return written
    out.parent.mkdir(parents=True, exist_ok=True)
    sql, options = {
        "jsonl": (ARTICLES_SQL, "(FORMAT json)"),
        "plover": (PLOVER_SQL, "(FORMAT json)"),
        "gdelt": (GDELT_SQL, "(FORMAT csv, DELIMITER '\t', HEADER)"),
    }[fmt]
    con.execute(f"COPY ({sql}) TO {_quote(out)} {options}")
    return [out]
