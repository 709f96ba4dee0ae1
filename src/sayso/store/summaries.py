"""Pre-aggregated summaries of the store, so overview and actor pages read thousands of
rows rather than scanning every attribution and event (docs/store.md, "Summaries").

Two kinds of table, all created by schema.sql:

* ``article_summary``: one row per article (the articles summarised so far), with its
  statement and event counts and, as lists, its speakers, country dyads and event types.
  A filtered overview unnests only the articles in scope, or subtracts the articles out
  of scope from the totals when that is the smaller side.
* ``summary_*`` totals: additive rows of partial counts.  Each refresh appends the
  counts of the newly summarised articles; readers always ``sum`` per key, so a refresh
  never rewrites old rows.  ``compact`` folds the partial rows together.

``refresh`` summarises every article not in ``article_summary`` yet (the server's writer
calls it after each stored article, ``sayso ingest`` at the end of a run, the server at
start).  ``consistent`` checks the summaries still add up to the raw tables; when they
do not (rows added to an already-summarised article by some other tool), ``rebuild``.
"""

from __future__ import annotations

import duckdb

from sayso.store import speakers

# Additive totals: table -> (key columns, count columns).
TOTALS = {
    "summary_speakers": (("speaker_name",), ("n",)),
    "summary_dyads": (("source_country", "target_country"), ("n", "conflict", "cooperation")),
    "summary_event_types": (("type",), ("n",)),
    "summary_actor_months": (("kind", "actor", "period"), ("said", "did", "received")),
    "summary_counterparts": (("kind", "actor", "counterpart", "type"), ("n", "conflict")),
    "summary_edges": (("source", "target", "type"), ("n", "conflict")),
}
# Columns kept with any value per key (as the original queries' any_value does).
ANY = {"summary_speakers": ("speaker_country", "speaker_role")}

NEW = "SEMI JOIN summary_new USING (article_id)"
# Dyads, counterparts and network edges count only events that happened: negated and
# hypothetical ones are left out (the views' default, sayso.api.queries.CERTAIN).
CERTAIN = "NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false)"
DYAD = ("source_country IS NOT NULL AND target_country IS NOT NULL"
        f" AND source_country <> target_country AND {CERTAIN}")
# Bumped whenever what a summary counts changes: a store summarised otherwise is rebuilt.
VERSION = "2"

# Names (speakers, country codes, event types) as small integers: lists of integers read
# several times faster than lists of strings.  Ids are never reused or changed.
NAMES = f"""
INSERT INTO summary_names
SELECT v, (SELECT coalesce(max(id), 0) FROM summary_names) + row_number() OVER (ORDER BY v)
FROM (SELECT speaker_name AS v FROM attributions {NEW}
      UNION SELECT source_country FROM events {NEW}
      UNION SELECT target_country FROM events {NEW}
      UNION SELECT type FROM events {NEW}) new_names
WHERE v IS NOT NULL AND v NOT IN (SELECT name FROM summary_names)
"""

ARTICLE_ROWS = f"""
INSERT INTO article_summary
SELECT n.article_id, coalesce(t.n, 0), coalesce(e.n, 0),
       coalesce(s.speakers, []), coalesce(d.dyads, []), coalesce(y.types, [])
FROM summary_new n
LEFT JOIN (SELECT article_id, count(*) AS n FROM attributions {NEW} GROUP BY 1) t
    USING (article_id)
LEFT JOIN (SELECT article_id, count(*) AS n FROM events {NEW} GROUP BY 1) e USING (article_id)
LEFT JOIN (SELECT article_id, list({{'name': k.id, 'n': c}}) AS speakers
           FROM (SELECT article_id, speaker_name, CAST(count(*) AS INTEGER) AS c
                 FROM attributions {NEW} WHERE speaker_name IS NOT NULL GROUP BY 1, 2)
           JOIN summary_names k ON k.name = speaker_name GROUP BY 1) s USING (article_id)
LEFT JOIN (SELECT article_id, list({{'source': ks.id, 'target': kt.id, 'n': c,
           'conflict': conflict, 'cooperation': cooperation}}) AS dyads
           FROM (SELECT article_id, source_country, target_country,
                 CAST(count(*) AS INTEGER) AS c,
                 CAST(count(*) FILTER (WHERE quad_class >= 3) AS INTEGER) AS conflict,
                 CAST(count(*) FILTER (WHERE quad_class <= 2) AS INTEGER) AS cooperation
                 FROM events {NEW} WHERE {DYAD} GROUP BY 1, 2, 3)
           JOIN summary_names ks ON ks.name = source_country
           JOIN summary_names kt ON kt.name = target_country GROUP BY 1) d USING (article_id)
LEFT JOIN (SELECT article_id, list({{'type': k.id, 'n': c}}) AS types
           FROM (SELECT article_id, type, CAST(count(*) AS INTEGER) AS c FROM events {NEW}
                 GROUP BY 1, 2)
           LEFT JOIN summary_names k ON k.name = type GROUP BY 1) y USING (article_id)
"""

# The partial counts of the articles in summary_new, per totals table.
DELTAS = {
    "summary_speakers": f"""
SELECT speaker_name, any_value(speaker_country), any_value(speaker_role), count(*)
FROM attributions {NEW} WHERE speaker_name IS NOT NULL GROUP BY 1""",
    "summary_dyads": f"""
SELECT source_country, target_country, count(*), count(*) FILTER (WHERE quad_class >= 3),
       count(*) FILTER (WHERE quad_class <= 2)
FROM events {NEW} WHERE {DYAD} GROUP BY 1, 2""",
    "summary_event_types": f"SELECT type, count(*) FROM events {NEW} GROUP BY 1",
    # said: the article's month; did/received: the event's date, else the article's.
    "summary_actor_months": """
SELECT kind, actor, CAST(date_trunc('month', day) AS DATE), sum(said), sum(did), sum(received)
FROM (
  SELECT kind, actor, day, 1 AS said, 0 AS did, 0 AS received FROM (
    SELECT unnest([{'kind': 'name', 'actor': t.speaker_name},
                   {'kind': 'country', 'actor': t.speaker_country}], recursive := true),
           a.published AS day
    FROM attributions t JOIN articles a USING (article_id)
    WHERE t.article_id IN (SELECT article_id FROM summary_new))
  UNION ALL
  SELECT kind, actor, day, 0, did, received FROM (
    SELECT unnest([{'kind': 'name', 'actor': e.source_name, 'did': 1, 'received': 0},
                   {'kind': 'country', 'actor': e.source_country, 'did': 1, 'received': 0},
                   {'kind': 'name', 'actor': e.target_name, 'did': 0, 'received': 1},
                   {'kind': 'country', 'actor': e.target_country, 'did': 0, 'received': 1}],
                  recursive := true),
           coalesce(e.event_date, a.published) AS day
    FROM events e JOIN articles a USING (article_id)
    WHERE e.article_id IN (SELECT article_id FROM summary_new))
) WHERE actor IS NOT NULL GROUP BY 1, 2, 3""",
    "summary_counterparts": f"""
SELECT kind, actor, counterpart, type, count(*), count(*) FILTER (WHERE quad_class >= 3) FROM (
  SELECT 'name' AS kind, source_name AS actor, coalesce(target_country, target_name) AS counterpart,
         type, quad_class FROM events {NEW} WHERE {CERTAIN}
  UNION ALL SELECT 'country', source_country, coalesce(target_country, target_name), type,
         quad_class FROM events {NEW} WHERE {CERTAIN}
) WHERE actor IS NOT NULL AND counterpart IS NOT NULL GROUP BY 1, 2, 3, 4""",
    # Countries only (the network's default roll-up); source = target rows are self-loops.
    "summary_edges": f"""
SELECT source_country, target_country, type, count(*), count(*) FILTER (WHERE quad_class >= 3)
FROM events {NEW} WHERE source_country IS NOT NULL AND target_country IS NOT NULL
AND {CERTAIN} GROUP BY 1, 2, 3""",
}


def refresh(con: duckdb.DuckDBPyConnection) -> int:
    """Summarise the articles not summarised yet; returns how many were added."""
    con.execute("CREATE TEMP TABLE IF NOT EXISTS summary_new (article_id VARCHAR)")
    con.execute("DELETE FROM summary_new")
    con.execute("INSERT INTO summary_new SELECT article_id FROM articles"
                " ANTI JOIN article_summary USING (article_id)")
    row = con.execute("SELECT count(*) FROM summary_new").fetchone()
    added = int(row[0]) if row else 0
    if added:
        con.execute(NAMES)
        con.execute(ARTICLE_ROWS)
        for table, sql in DELTAS.items():
            con.execute(f"INSERT INTO {table} {sql}")
    return added


def consistent(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the summarised counts still equal the raw tables' (cheap: counts only)."""
    row = con.execute(
        "SELECT (SELECT count(*) FROM article_summary) = (SELECT count(*) FROM articles)"
        " AND (SELECT coalesce(sum(n_attributions), 0) FROM article_summary)"
        "     = (SELECT count(*) FROM attributions)"
        " AND (SELECT coalesce(sum(n_events), 0) FROM article_summary)"
        "     = (SELECT count(*) FROM events)"
        " AND (SELECT coalesce(sum(n), 0) FROM summary_event_types)"
        "     = (SELECT count(*) FROM events)"
        " AND (SELECT coalesce(sum(n), 0) FROM summary_speakers)"
        "     = (SELECT count(*) FROM attributions WHERE speaker_name IS NOT NULL)").fetchone()
    return bool(row and row[0])


def current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the summaries were built by this version's rules (a store with no articles
    summarised yet counts as current)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'summaries_version'").fetchone()
    if row is not None:
        return bool(row[0] == VERSION)
    empty = con.execute("SELECT count(*) = 0 FROM article_summary").fetchone()
    if empty and empty[0]:
        con.execute("INSERT OR REPLACE INTO meta VALUES ('summaries_version', ?)", [VERSION])
        return True
    return False


def rebuild(con: duckdb.DuckDBPyConnection) -> int:
    for table in ("article_summary", *TOTALS):
        con.execute(f"DELETE FROM {table}")
    return refresh(con)


def compact(con: duckdb.DuckDBPyConnection) -> None:
    """Fold each totals table's partial rows into one row per key."""
    for table, (keys, counts) in TOTALS.items():
        key_list = ", ".join(keys)
        picked = ", ".join([*(f"any_value({c})" for c in ANY.get(table, ())),
                            *(f"sum({c})" for c in counts)])
        columns = ", ".join([*keys, *ANY.get(table, ()), *counts])
        con.execute(f"CREATE OR REPLACE TEMP TABLE summary_fold AS SELECT {key_list}, {picked}"
                    f" FROM {table} GROUP BY ALL")
        con.execute(f"DELETE FROM {table}")
        con.execute(f"INSERT INTO {table} ({columns}) SELECT * FROM summary_fold")
        con.execute("DROP TABLE summary_fold")


def prepare(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the summaries up to date, in a transaction of its own (when a server opens a
    store, at the end of an ingest run); returns how many articles were summarised."""
    con.execute("BEGIN TRANSACTION")
    try:
        fresh = current(con)
        # One key and one code per speaker across the store (reader25): renaming rows of
        # articles already summarised means summarising again.
        renamed = speakers.resolve(con)
        summarised = renamed and con.execute(
            "SELECT count(*) FROM article_summary WHERE list_contains(?, article_id)",
            [sorted(renamed)]).fetchone()
        added = refresh(con)
        if not fresh or (summarised and summarised[0]) or not consistent(con):
            added = rebuild(con)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('summaries_version', ?)", [VERSION])
        elif added:
            compact(con)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return added
