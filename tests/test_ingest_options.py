"""``ingest --date-default``, claims kept current by ingest, ``--db`` after the action, the demo
corpus's titles, and the overview counting what the CLI counts."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient

from sayso.cli import main
from sayso.ingest.corpus import title_of
from sayso.server import ServerConfig, create_app

STORY = ("Prime Minister John Howard said on Tuesday that the government would send more "
         "troops to Afghanistan. Opposition leader Simon Crean said the decision came too late "
         "for the families of the soldiers.")
UNDATED = ("Foreign Minister Alexander Downer said the government would send more troops to "
           "Afghanistan. The Greens said the decision had been made without a debate.")


def test_undated_files_take_the_default_date_and_claims_follow(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(tmp_path / "one.txt"), "--db", str(db), "--no-progress",
                 "--date-default", "2001-12-31"]) == 0
    assert "claims built" in capsys.readouterr().err
    (tmp_path / "two.txt").write_text(UNDATED, encoding="utf-8")
    assert main(["ingest", str(tmp_path / "two.txt"), "--db", str(db), "--no-progress",
                 "--date", "2001-12-30"]) == 0
    assert "claims updated" in capsys.readouterr().err
    con = duckdb.connect(str(db), read_only=True)
    dates = dict(con.execute("SELECT doc_id, CAST(published AS VARCHAR) FROM articles").fetchall())
    assert dates == {"one": "2001-12-31", "two": "2001-12-30"}
    in_claims = con.execute("SELECT count(*) FROM claim_members").fetchone()[0]
    statements = con.execute("SELECT count(*) FROM attributions").fetchone()[0]
    con.close()
    assert statements >= 2 and in_claims >= 2
    assert main(["claims", "list", "--db", str(db), "--min-size", "1"]) == 0
    assert "attr" in capsys.readouterr().out


def test_a_bad_default_date_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    code = main(["ingest", str(tmp_path / "one.txt"), "--db", str(tmp_path / "s.duckdb"),
                 "--date-default", "31/12/2001"])
    assert code == 2
    assert "--date-default '31/12/2001': expected a date as YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "s.duckdb").exists()


def test_demo_titles_are_first_sentences() -> None:
    assert title_of("Six midwives were suspended. More follows.") == "Six midwives were suspended"
    long = "word " * 60
    assert title_of(long).endswith("\u2026") and len(title_of(long)) <= 121
    assert title_of("") == ""


def test_the_cli_summary_counts_what_the_overview_counts(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The demo said 292 where the dashboard said 293: a near duplicate is stored (text, no
    analysis) and the overview counts stored articles; the summary now says both."""
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.txt").write_text("SYDNEY (Wire) - " + STORY + " More follows.",
                                    encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(tmp_path), "--db", str(db), "--no-progress"]) == 0
    err = capsys.readouterr().err
    assert "2 new in the store: 1 analysed, 1 near duplicates" in err
    with TestClient(create_app(ServerConfig(db_path=db))) as client:
        assert client.get("/api/overview").json()["counts"]["articles"] == 2


def test_the_held_out_abc_texts_are_apart_from_the_demo() -> None:
    """lee.cor's 50 texts are fresh text for the judged sets: none of them is a demo article."""
    pytest.importorskip("gensim")
    from sayso.ingest.corpus import abc_articles, abc_test_articles

    held_out = abc_test_articles()
    assert len(held_out) == 50
    assert not set(held_out) & set(abc_articles())
