"""The DuckDB store: content-hash keys, idempotent writes, Parquet parts, runs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sayso.store import Store
from sayso.store.rows import Doc, result_rows

TEXT = 'Officials said on Monday that the bridge would reopen. "It is safe," the mayor told reporters.'


def at(word: str) -> list[list[int]]:
    start = TEXT.index(word)
    return [[start, start + len(word)]]


def fake_result() -> dict[str, Any]:
    speaker = {"name": "the mayor", "kind": "person", "country": "GBR", "sector": "GOV",
               "secondary_sectors": [], "role": "mayor", "kb_id": None, "spans": at("the mayor")}
    return {
        "attributions": [{
            "id": "a1", "kind": "direct", "confidence": 0.9, "cue_class": "say",
            "source": {"spans": at("the mayor"), "text": "the mayor", "speaker": speaker},
            "cue": {"spans": at("told"), "text": "told"},
            "content": {"spans": at("It is safe"), "text": "It is safe"}}],
        "events": [{
            "id": "e1", "type": "CONSULT", "mode": None, "context": [], "negated": False,
            "hypothetical": False, "attribution_id": "a1", "date": "2024-05-13",
            "location": None, "confidence": 0.6, "cameo_root": "04", "quad_class": 1,
            "source": speaker, "target": {"name": "reporters", "spans": at("reporters")},
            "trigger": {"spans": at("told"), "text": "told"}}],
    }


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.duckdb") as opened:
        yield opened


def test_new_store_has_schema_version(store: Store) -> None:
    assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                             ).fetchone() == ("1",)


def test_writing_an_article_twice_adds_nothing(store: Store) -> None:
    doc = Doc(doc_id="d1", text=TEXT, source="in/d1.txt", published="2024-05-14")
    rows = result_rows(doc, fake_result(), "r1")
    store.write([rows])
    first = store.counts()
    store.write([result_rows(doc, fake_result(), "r2")])
    assert store.counts() == first
    assert first["articles"] == first["attributions"] == first["events"] == 1
    assert first["actors"] == 2  # the mayor (speaker and event source) merged, reporters


def test_rows_tie_back_to_article_text(store: Store) -> None:
    doc = Doc(doc_id="d1", text=TEXT, source="in/d1.txt")
    store.write([result_rows(doc, fake_result(), "r1")])
    text, spans, attribution = store.con.execute(
        "SELECT a.text, e.trigger_spans, e.attribution_id FROM events e "
        "JOIN articles a USING (article_id)").fetchone()
    start, end = json.loads(spans)[0]
    assert text[start:end] == "told"
    assert attribution == f"{doc.article_id}:a1"


def test_failed_analysis_is_a_failure_row(store: Store) -> None:
    doc = Doc(doc_id="bad", text="x", source="in/bad.txt")
    store.write([result_rows(doc, {"error": "internal error: boom"}, "r1")])
    assert store.counts()["articles"] == 0
    assert store.con.execute("SELECT reason FROM failures").fetchall() == [("analysis_failed",)]


def test_transaction_is_all_or_nothing(store: Store) -> None:
    good = result_rows(Doc(doc_id="d1", text=TEXT, source="a"), fake_result(), "r1")
    broken = {"articles": [{"article_id": None, "text": "x", "text_sha256": "y"}]}
    with pytest.raises(Exception):  # noqa: B017 - the NOT NULL violation type is DuckDB's
        store.write([good, broken])
    assert store.counts()["articles"] == 0


def test_load_parquet_parts_is_idempotent(store: Store, tmp_path: Path) -> None:
    from sayso.scale.parts import write_parts

    rows = result_rows(Doc(doc_id="d1", text=TEXT, source="a"), fake_result(), "r1")
    write_parts(rows, str(tmp_path / "parts"), "part-00000")
    added = store.load_parquet(tmp_path / "parts")
    assert added["articles"] == 1 and added["events"] == 1
    assert store.load_parquet(tmp_path / "parts")["articles"] == 0


def test_unfinished_run_is_marked_interrupted(store: Store) -> None:
    first = store.start_run("sayso ingest x")
    second = store.start_run("sayso ingest x")
    store.finish_run(second, {"articles": 0})
    status = dict(store.con.execute("SELECT run_id, status FROM runs").fetchall())
    assert status == {first: "interrupted", second: "finished"}
