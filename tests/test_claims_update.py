"""Claims kept current by each ingest: new statements join claims or form new ones."""

from __future__ import annotations

from pathlib import Path

from claims_store import STATEMENTS, make_store
from sayso.claims import db
from sayso.claims.build import build
from sayso.claims.update import update


def groups(con: object) -> set[frozenset[str]]:
    rows = con.execute("SELECT claim_id, attribution_id FROM claim_members").fetchall()  # type: ignore[attr-defined]
    out: dict[str, set[str]] = {}
    for cid, aid in rows:
        out.setdefault(cid, set()).add(aid)
    return {frozenset(v) for v in out.values()}


def test_update_matches_a_full_build(tmp_path: Path) -> None:
    path = make_store(tmp_path / "s.duckdb")
    con = db.connect(path)
    later = [f"a4:a{len(STATEMENTS) - 1}", "a2:a5", "a4:a3"]
    con.execute("CREATE TEMP TABLE later AS SELECT * FROM attributions "
                "WHERE attribution_id IN (SELECT unnest(?))", [later])
    con.execute("DELETE FROM attributions WHERE attribution_id IN (SELECT unnest(?))", [later])
    first = update(con)
    assert first.rebuilt and first.new_claims >= 3
    before = con.execute("SELECT claim_id FROM claims").fetchall()
    con.execute("INSERT INTO attributions SELECT * FROM later")
    second = update(con)
    assert not second.rebuilt
    assert second.new_attributions == 3
    assert second.joined == 3  # a repeat, a paraphrase and a question of known claims
    assert second.new_claims == 0
    assert set(before) == set(con.execute("SELECT claim_id FROM claims").fetchall())
    incremental = groups(con)
    stances = dict(con.execute("SELECT attribution_id, stance FROM claim_members").fetchall())
    assert stances["a4:a3"] == "repeat"
    assert update(con).new_attributions == 0  # nothing new: nothing changes
    build(con)
    assert groups(con) == incremental
    con.close()


def test_a_new_topic_forms_a_new_claim(tmp_path: Path) -> None:
    path = make_store(tmp_path / "s.duckdb")
    con = db.connect(path)
    update(con)
    n = con.execute("SELECT count(*) FROM claims").fetchone()[0]
    con.execute("INSERT INTO attributions (attribution_id, article_id, kind, cue_text, "
                "content_text, speaker_name, start_char, end_char) VALUES "
                "('a1:a90', 'a1', 'indirect', 'said', 'the volcano eruption closed three "
                "airports in Iceland', 'Eva Lind', 0, 10)")
    report = update(con)
    assert (report.new_attributions, report.joined, report.new_claims) == (1, 0, 1)
    assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == n + 1
    con.close()


def test_a_store_without_statements_builds_no_claims(tmp_path: Path) -> None:
    """A store holding only unanalysed articles (other languages, no attributions) gets an
    empty set of claims, with the default embedder too, instead of a failed update."""
    from sayso.claims.vectors import load_embedder

    path = make_store(tmp_path / "s.duckdb")
    con = db.connect(path)
    con.execute("DELETE FROM attributions")
    for embedder in (None, load_embedder("auto")):
        report = update(con, embedder)
        assert report.rebuilt and report.new_claims == 0
        assert con.execute("SELECT count(*) FROM claims").fetchone()[0] == 0
    con.close()
