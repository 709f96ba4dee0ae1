"""``sayso ingest`` end to end in-process: duplicates, languages, failures, re-ingest, export, query."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.cli import main
from sayso.store import Store

STORY = ("The foreign minister of France said on Tuesday that Russia had broken the ceasefire "
         "agreement. \"We will not accept this,\" he told reporters in Paris. Russian officials "
         "denied the accusation and said their troops had withdrawn from the border region.")
OTHER = ("Prime Minister Anna Lind said the government would send engineers to help rebuild "
         "the damaged bridge next week. Opposition leader Karl Berg criticised the plan, saying "
         "it came far too late for the families who lost their homes in the floods.")
GERMAN = ("Der Bundeskanzler sagte am Dienstag, dass die Regierung die Verhandlungen mit den "
          "Gewerkschaften fortsetzen werde. Die Opposition kritisierte den Plan scharf und "
          "forderte eine Abstimmung im Parlament.")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    lines = [
        {"uid": "story", "body": STORY, "published": "2024-05-15", "link": "https://a.example/1"},
        {"uid": "other", "body": OTHER, "published": "2024-05-15"},
        {"uid": "german", "body": GERMAN},
        {"uid": "copy", "body": STORY, "link": "https://b.example/7"},
        {"uid": "reprint", "body": "PARIS (Wire) - " + STORY + " More follows.",
         "link": "https://c.example/x"},
        {"uid": "empty", "body": ""},
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n", encoding="utf-8")
    return path


def ingest(corpus: Path, db: Path) -> int:
    return main(["ingest", str(corpus), "--db", str(db), "--no-progress",
                 "--jsonl-map", "id=uid,text=body,date=published,url=link"])


def test_ingest_dedup_language_failures_and_reingest(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert ingest(corpus, db) == 1  # an empty text and a bad line
    with Store(db, read_only=True) as store:
        status = dict(store.con.execute("SELECT doc_id, status FROM articles").fetchall())
        assert status == {"story": "processed", "other": "processed",
                          "german": "unsupported_language", "reprint": "near_duplicate"}
        sightings = store.con.execute(
            "SELECT s.url, s.match, a.doc_id FROM sightings s JOIN articles a USING (article_id) "
            "ORDER BY s.url NULLS LAST").fetchall()
        assert sightings[:3] == [("https://a.example/1", "first", "story"),
                                 ("https://b.example/7", "exact", "story"),
                                 ("https://c.example/x", "near", "story")]
        reasons = sorted(r[0] for r in store.con.execute("SELECT reason FROM failures").fetchall())
        assert reasons == ["bad_jsonl", "no_text"]
        assert store.count("attributions") > 0
        before = store.counts()
    assert ingest(corpus, db) == 1
    with Store(db, read_only=True) as store:
        assert store.counts() == before
        assert store.count("runs", "WHERE status = 'finished'") == 2


def test_export_and_query(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                          ) -> None:
    db = tmp_path / "s.duckdb"
    ingest(corpus, db)
    out = tmp_path / "out"
    for fmt in ("parquet", "csv"):
        assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out / fmt)]) == 0
        assert (out / fmt / f"articles.{fmt}").exists()
    for fmt in ("jsonl", "plover", "gdelt"):
        assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out / fmt)]) == 0
    articles = [json.loads(x) for x in (out / "jsonl").read_text().splitlines()]
    assert sorted(a["doc_id"] for a in articles) == ["other", "story"]
    story = next(a for a in articles if a["doc_id"] == "story")
    for record in story["attributions"]:
        start, end = record["cue"]["spans"][0]
        assert story["text"][start:end] in record["cue"]["text"]
    assert (out / "gdelt").read_text().startswith("GlobalEventID\tSQLDATE")
    capsys.readouterr()
    assert main(["query", "--db", str(db), "--format", "json",
                 "SELECT doc_id FROM articles WHERE status = $s ORDER BY doc_id",
                 "--param", "s=processed"]) == 0
    assert [json.loads(x)["doc_id"] for x in capsys.readouterr().out.splitlines()] == [
        "other", "story"]
    assert main(["query", "--db", str(db), "--named", "summary", "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["articles"] == 2 and summary["near_duplicates"] == 1
    assert main(["query", "--db", str(db), "--named", "dyad", "--a", "RUS", "--b", "FRA"]) == 0
    assert main(["query", "--db", str(db), "--named", "dyad", "--a", "RUS"]) == 2
    assert main(["query", "--db", str(db), "DELETE FROM articles"]) == 2  # read-only
    assert main(["query", "--db", str(tmp_path / "none.duckdb"), "--named", "summary"]) == 2


@pytest.mark.parametrize("workers", ["1", "2"])
def test_long_runs_of_documents_needing_no_analysis(tmp_path: Path, workers: str) -> None:
    """Rows of inputs that are not analysed (other languages, duplicates, failures) are
    written as they come (1 worker) or drained through FLUSH articles (a pool), not held
    until an analysed result happens to come back."""
    lines = [{"uid": f"de{n}", "body": f"{GERMAN} Meldung {n}."} for n in range(20)]
    lines += [{"uid": "story", "body": STORY}] + [{"uid": f"copy{n}", "body": STORY}
                                                  for n in range(12)]
    lines += [{"uid": f"empty{n}", "body": ""} for n in range(10)]
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "s.duckdb"
    assert main(["ingest", str(path), "--db", str(db), "--no-progress", "--workers", workers,
                 "--jsonl-map", "id=uid,text=body", "--no-near-duplicates"]) == 1
    with Store(db, read_only=True) as store:
        status = dict(store.con.execute(
            "SELECT status, count(*) FROM articles GROUP BY 1").fetchall())
        assert status == {"unsupported_language": 20, "processed": 1}
        assert store.count("sightings") == 20 + 1 + 12
        assert store.count("failures") == 10
