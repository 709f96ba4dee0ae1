"""Store summaries (sayso.store.summaries): the API's answers from them equal the answers
computed from the raw rows, they follow every write, and a stale summary is rebuilt."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pytest

from sayso.api import queries as q
from sayso.api import search
from sayso.api.db import Database, open_database
from sayso.store import Store, summaries
from sayso.store.db import schema_sql

SPEAKERS = [("Ana Ruiz", "ESP", "minister"), ("Tom Berg", "SWE", None), ("he", None, None),
            ("the spokesman", "FRA", "spokesman"), ("Mia Kato", "JPN", "mayor")]
COUNTRIES = ["ESP", "SWE", "FRA", "JPN", None]
TYPES = ["CONSULT", "ACCUSE", "AID", None]
WORDS = ["harbour", "budget", "river", "festival"]


def fill(con: duckdb.DuckDBPyConnection, first: int, n: int, seed: int) -> None:
    """Articles ``first``..``first + n`` with made-up statements and events."""
    rng = random.Random(seed)
    for i in range(first, first + n):
        aid = f"art{i:04d}"
        words = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
        day = date(2024, 1, 1) + timedelta(days=rng.randint(0, 120)) if i % 7 else None
        con.execute("INSERT INTO articles (article_id, text_sha256, title, text, published,"
                    " site_name) VALUES (?, ?, ?, ?, ?, ?)",
                    [aid, aid, f"Story {i}", f"News about the {words}.", day, f"Outlet {i % 3}"])
        for j in range(rng.randint(0, 4)):
            name, country, role = rng.choice(SPEAKERS)
            con.execute("INSERT INTO attributions (attribution_id, article_id, speaker_name,"
                        " speaker_country, speaker_role, content_text) VALUES (?, ?, ?, ?, ?, ?)",
                        [f"{aid}:a{j}", aid, name, country, role, "words"])
        for j in range(rng.randint(0, 4)):
            src, tgt = rng.choice(COUNTRIES), rng.choice(COUNTRIES)
            when = day + timedelta(days=3) if day and j % 2 else None
            con.execute("INSERT INTO events (event_id, article_id, type, source_name,"
                        " source_country, target_name, target_country, quad_class, event_date,"
                        " negated, hypothetical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [f"{aid}:e{j}", aid, rng.choice(TYPES), rng.choice(SPEAKERS)[0], src,
                         "the crowd" if tgt is None else None, tgt, rng.choice([1, 2, 3, 4, None]),
                         when, rng.random() < 0.15, rng.choice([False, None, True, False])])


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    path = tmp_path / "s.duckdb"
    con = duckdb.connect(str(path))
    con.execute(schema_sql())
    fill(con, 0, 40, seed=1)
    con.close()
    return path


def raw_overview(db: Database, where: str, params: list[Any]) -> dict[str, Any]:
    """The overview straight from the raw tables, for articles matching ``where``."""
    scope = f" WHERE article_id IN (SELECT article_id FROM articles a {where})"
    return {
        "counts": {"articles": db.scalar(f"SELECT count(*) FROM articles{scope}", params),
                   "statements": db.scalar(f"SELECT count(*) FROM attributions{scope}", params),
                   "events": db.scalar(f"SELECT count(*) FROM events{scope}", params)},
        "top_speakers": [(r["name"], r["n"]) for r in db.rows(
            "SELECT speaker_name AS name, count(*) AS n FROM attributions"
            f"{scope} AND speaker_name IS NOT NULL GROUP BY 1 ORDER BY n DESC, name LIMIT 10",
            params)],
        "top_dyads": [tuple(r.values()) for r in db.rows(
            "SELECT source_country, target_country, count(*),"
            " count(*) FILTER (WHERE quad_class >= 3), count(*) FILTER (WHERE quad_class <= 2)"
            f" FROM events{scope} AND source_country IS NOT NULL AND target_country IS NOT NULL"
            " AND source_country <> target_country AND NOT coalesce(negated, false)"
            " AND NOT coalesce(hypothetical, false)"
            " GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10",
            params)],
        "top_event_types": [(r["type"], r["n"]) for r in db.rows(
            f"SELECT type, count(*) AS n FROM events{scope} GROUP BY type"
            " ORDER BY n DESC, type LIMIT 10", params)],
    }


def summarised(found: dict[str, Any]) -> dict[str, Any]:
    return {
        "counts": found["counts"],
        "top_speakers": [(r["name"], r["n"]) for r in found["top_speakers"]],
        "top_dyads": [tuple(r.values()) for r in found["top_dyads"]],
        "top_event_types": [(r["type"], r["n"]) for r in found["top_event_types"]],
    }


# (filter, the same articles as SQL): few matches, most matches, none, non-word filters.
CASES = [
    (q.ArticleFilter(q="festival"), "WHERE text ILIKE '%festival%'"),
    (q.ArticleFilter(q="river budget"),
     "WHERE text ILIKE '%river%' AND text ILIKE '%budget%'"),
    (q.ArticleFilter(q="news"), ""),
    (q.ArticleFilter(q="zeppelin"), "WHERE false"),
    (q.ArticleFilter(source="Outlet 1"), "WHERE site_name = 'Outlet 1'"),
    (q.ArticleFilter(date_from=date(2024, 2, 1)), "WHERE published >= DATE '2024-02-01'"),
]


@pytest.mark.parametrize(("f", "where"), CASES)
def test_overview_from_summaries_equals_raw(db_path: Path, f: q.ArticleFilter,
                                            where: str) -> None:
    db = open_database(db_path)
    try:
        assert summarised(q.overview(db, f)) == raw_overview(db, where, [])
    finally:
        db.close()


def test_unfiltered_overview_and_network_equal_raw(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        assert summarised(q.overview(db, q.ArticleFilter())) == raw_overview(db, "", [])
        for f in (q.EventFilter(), q.EventFilter(type="ACCUSE")):
            graph = q.network(db, f, 50, 1)
            assert graph["edges"] == q._network_edges(db, f, 50, 1)
            assert graph["self_loops"] == [
                {**r, "label": q.node_label(r["source"])}
                for r in q._network_edges(db, f, 1000, 1, loops=True)]
    finally:
        db.close()


def raw_profile(db: Database, column: str, key: str) -> list[tuple[Any, ...]]:
    said, did, got = f"t.speaker_{column} = ?", f"e.source_{column} = ?", f"e.target_{column} = ?"
    return [tuple(r.values()) for r in db.rows(
        "SELECT period, sum(said), sum(did), sum(received) FROM ("
        " SELECT CAST(date_trunc('month', a.published) AS DATE) AS period, 1 AS said, 0 AS did,"
        f" 0 AS received FROM attributions t JOIN articles a USING (article_id) WHERE {said}"
        " UNION ALL SELECT CAST(date_trunc('month', coalesce(e.event_date, a.published))"
        f" AS DATE), 0, CASE WHEN {did} THEN 1 ELSE 0 END, CASE WHEN {got} THEN 1 ELSE 0 END"
        f" FROM events e JOIN articles a USING (article_id) WHERE {did} OR {got}"
        ") GROUP BY period ORDER BY period NULLS LAST", [key] * 5)]


@pytest.mark.parametrize(("name", "country"), [("Ana Ruiz", None), ("he", None),
                                               (None, "FRA"), (None, "esp")])
def test_actor_profile_equals_raw(db_path: Path, name: str | None, country: str | None) -> None:
    db = open_database(db_path)
    try:
        found = q.actor_profile(db, name, country)
        column, key = ("name", name) if name else ("country", (country or "").upper())
        timeline = [(date.fromisoformat(r["period"]) if r["period"] else None, r["said"],
                     r["did"], r["received"]) for r in found["timeline"]]
        assert timeline == raw_profile(db, column, key)
        said = q.statements(db, q.StatementFilter(speaker=name, country=country), 5, 0)
        where = "speaker_name = ?" if name else "speaker_country = ?"
        assert said["total"] == db.scalar(f"SELECT count(*) FROM attributions WHERE {where}",
                                          [key])
    finally:
        db.close()


def totals(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Every summary, folded per key, in a comparable form."""
    out: dict[str, Any] = {"articles": sorted(con.execute(
        "SELECT article_id, n_attributions, n_events, len(speakers), len(dyads),"
        " len(event_types) FROM article_summary").fetchall())}
    for table, (keys, counts) in summaries.TOTALS.items():
        sums = ", ".join(f"sum({c})" for c in counts)
        out[table] = sorted(con.execute(f"SELECT {', '.join(keys)}, {sums} FROM {table}"
                                        " GROUP BY ALL").fetchall(), key=repr)
    return out


def test_refresh_adds_new_articles_like_a_rebuild(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    assert summaries.prepare(con) == 40
    fill(con, 40, 15, seed=2)
    assert not summaries.consistent(con)
    assert summaries.refresh(con) == 15
    assert summaries.consistent(con)
    incremental = totals(con)
    summaries.compact(con)
    assert totals(con) == incremental
    summaries.rebuild(con)
    assert totals(con) == incremental
    con.close()


def test_rows_added_to_a_summarised_article_trigger_a_rebuild(db_path: Path) -> None:
    con = duckdb.connect(str(db_path))
    summaries.prepare(con)
    con.execute("INSERT INTO attributions (attribution_id, article_id, speaker_name)"
                " VALUES ('art0001:a99', 'art0001', 'Late Speaker')")
    assert summaries.refresh(con) == 0 and not summaries.consistent(con)
    summaries.prepare(con)
    assert summaries.consistent(con)
    assert con.execute("SELECT sum(n) FROM summary_speakers WHERE speaker_name = 'Late Speaker'"
                       ).fetchone() == (1,)
    con.close()


def test_server_write_updates_the_summaries(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        before = q.overview(db, q.ArticleFilter())["counts"]

        def add(con: duckdb.DuckDBPyConnection) -> None:
            fill(con, 100, 3, seed=3)
            search.index_missing(con)  # as storing.store_result does
            summaries.refresh(con)
        db.write(add)
        after = summarised(q.overview(db, q.ArticleFilter(q="news")))
        assert after == raw_overview(db, "", [])
        assert after["counts"]["articles"] == before["articles"] + 3
    finally:
        db.close()


def test_finishing_an_ingest_run_summarises(db_path: Path) -> None:
    with Store(db_path) as store:
        run = store.start_run("test")
        store.finish_run(run, {})
        assert summaries.consistent(store.con)
        assert store.count("article_summary") == store.count("articles") == 40


def test_summaries_built_by_older_rules_are_rebuilt(db_path: Path) -> None:
    """A store summarised before negated/hypothetical events were left out of dyads,
    counterparts and edges (no summaries_version) is rebuilt when opened."""
    con = duckdb.connect(str(db_path))
    summaries.prepare(con)
    assert summaries.current(con)
    fresh = totals(con)
    # What the old rules stored: every event in the edges, whatever its flags.
    con.execute("DELETE FROM summary_edges")
    con.execute("INSERT INTO summary_edges SELECT source_country, target_country, type, count(*),"
                " 0 FROM events WHERE source_country IS NOT NULL AND target_country IS NOT NULL"
                " GROUP BY ALL")
    con.execute("DELETE FROM meta WHERE key = 'summaries_version'")
    assert summaries.consistent(con) and not summaries.current(con)
    assert totals(con) != fresh
    summaries.prepare(con)
    assert summaries.current(con) and totals(con) == fresh
    con.close()


def test_uncertain_events_stay_out_of_dyads_edges_and_counterparts(db_path: Path) -> None:
    db = open_database(db_path)
    try:
        uncertain = db.scalar("SELECT count(*) FROM events WHERE negated OR hypothetical")
        assert uncertain  # the fixture has some
        for kind, key in (("country", "FRA"), ("name", "Ana Ruiz")):
            profile = q.actor_profile(db, key if kind == "name" else None,
                                      key if kind == "country" else None)
            assert profile["counterparts"] == q._counterparts(db, q.EventFilter(), kind, key)
        edges = db.scalar("SELECT sum(n) FROM summary_edges")
        raw = db.scalar("SELECT count(*) FROM events e WHERE source_country IS NOT NULL AND"
                        f" target_country IS NOT NULL AND {q.CERTAIN}")
        assert edges == raw
    finally:
        db.close()
