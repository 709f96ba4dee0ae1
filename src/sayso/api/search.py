"""Word search over article titles and texts through a term index the server keeps.

``ILIKE '%word%'`` reads every text (seconds at 50k articles); the index maps each
lower-cased word to the articles containing it, so a query reads a few postings.
Two tables, owned by the server and created here (additions to the store schema):
``search_terms(term, article_id)`` and ``search_docs(article_id)`` (articles indexed).
Articles stored while the server was down are indexed when it starts.
"""

from __future__ import annotations

import duckdb

# Words are runs of letters and digits, the same rule for texts and queries.
SPLIT = r"[^\p{L}\p{N}]+"
MAX_TERM = 40
MAX_QUERY_TERMS = 8

DDL = """
CREATE TABLE IF NOT EXISTS search_terms (term VARCHAR NOT NULL, article_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS search_docs (article_id VARCHAR PRIMARY KEY);
"""


def index_missing(con: duckdb.DuckDBPyConnection) -> int:
    """Index every article not indexed yet; returns how many were added."""
    con.execute(DDL)
    con.execute("CREATE TEMP TABLE IF NOT EXISTS search_new (article_id VARCHAR)")
    con.execute("DELETE FROM search_new")
    con.execute("INSERT INTO search_new SELECT article_id FROM articles"
                " ANTI JOIN search_docs USING (article_id)")
    added = con.execute("SELECT count(*) FROM search_new").fetchone()
    if not added or not added[0]:
        return 0
    # Sorted by term so that DuckDB's per-block min/max skip most of the table on lookup.
    con.execute(
        "INSERT INTO search_terms SELECT DISTINCT term, article_id FROM ("
        " SELECT a.article_id, unnest(regexp_split_to_array("
        f"  lower(coalesce(a.title, '') || ' ' || a.text), '{SPLIT}')) AS term"
        " FROM articles a SEMI JOIN search_new USING (article_id))"
        f" WHERE length(term) BETWEEN 1 AND {MAX_TERM} ORDER BY term")
    con.execute("INSERT INTO search_docs SELECT article_id FROM search_new")
    return int(added[0])


def terms(con: duckdb.DuckDBPyConnection, query: str) -> list[str]:
    """The words of a query, split exactly as texts are."""
    row = con.execute(
        f"SELECT list_distinct(list_filter(regexp_split_to_array(lower(?), '{SPLIT}'),"
        f" t -> length(t) BETWEEN 1 AND {MAX_TERM}))", [query]).fetchone()
    return sorted(row[0] or [])[:MAX_QUERY_TERMS] if row else []


def matching(words: list[str]) -> tuple[str, list[str]]:
    """A query for the ids of the articles containing every word, with its parameters."""
    parts = " INTERSECT ".join(["SELECT article_id FROM search_terms WHERE term = ?"] * len(words))
    return parts, list(words)


def condition(words: list[str], column: str = "a.article_id") -> tuple[str, list[str]]:
    """SQL that keeps articles containing every word, with its parameters."""
    parts, params = matching(words)
    return f"{column} IN ({parts})", params
