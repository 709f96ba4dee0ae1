"""The DuckDB store: content-hash keys, idempotent writes, Parquet parts, runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso.model import Actor, Article, Attribution, DocumentResult, Event, InputError, Span
from sayso.store import Store
from sayso.store.rows import article_id_of, result_rows

TEXT = 'Officials said on Monday that the bridge would reopen. "It is safe," the mayor told reporters.'


def at(word: str) -> Span:
    start = TEXT.index(word)
    return Span([(start, start + len(word))], word)


def fake_result() -> DocumentResult:
    speaker = Actor(name="the mayor", kind="person", country="GBR", sector="GOV", role="mayor",
                    spans=at("the mayor").spans)
    return DocumentResult(
        doc_id="d1", text_sha256="",
        attributions=[Attribution(id="a1", kind="direct", confidence=0.9, cue_class="say",
                                  source=at("the mayor"), speaker=speaker, cue=at("told"),
                                  content=at("It is safe"))],
        events=[Event(id="e1", type="CONSULT", attribution_id="a1", date="2024-05-13",
                      confidence=0.6, cameo_root="04", quad_class=1, source=speaker,
                      target=Actor(name="reporters", spans=at("reporters").spans),
                      trigger=at("told"))])


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.duckdb") as opened:
        yield opened


def test_new_store_has_schema_version(store: Store) -> None:
    assert store.con.execute("SELECT value FROM meta WHERE key = 'schema_version'"
                             ).fetchone() == ("1",)


def test_writing_an_article_twice_adds_nothing(store: Store) -> None:
    doc = Article(doc_id="d1", text=TEXT, source="in/d1.txt", date="2024-05-14")
    rows = result_rows(doc, fake_result(), "r1")
    store.write_rows([rows])
    first = store.counts()
    store.write_rows([result_rows(doc, fake_result(), "r2")])
    assert store.counts() == first
    assert first["articles"] == first["attributions"] == first["events"] == 1
    assert first["actors"] == 2  # the mayor (speaker and event source) merged, reporters


def test_rows_tie_back_to_article_text(store: Store) -> None:
    doc = Article(doc_id="d1", text=TEXT, source="in/d1.txt")
    store.write_rows([result_rows(doc, fake_result(), "r1")])
    text, spans, attribution = store.con.execute(
        "SELECT a.text, e.trigger_spans, e.attribution_id FROM events e "
        "JOIN articles a USING (article_id)").fetchone()
    start, end = json.loads(spans)[0]
    assert text[start:end] == "told"
    assert attribution == f"{article_id_of(doc.text)}:a1"


def test_failed_analysis_is_a_failure_row(store: Store) -> None:
    doc = Article(doc_id="bad", text="x", source="in/bad.txt")
    failed = DocumentResult(doc_id="bad", text_sha256="",
                            error=InputError("analysis_failed", "internal error: boom"))
    store.write_rows([result_rows(doc, failed, "r1")])
    assert store.counts()["articles"] == 0
    assert store.con.execute("SELECT reason FROM failures").fetchall() == [("analysis_failed",)]


def test_transaction_is_all_or_nothing(store: Store) -> None:
    good = result_rows(Article(doc_id="d1", text=TEXT, source="a"), fake_result(), "r1")
    broken = {"articles": [{"article_id": None, "text": "x", "text_sha256": "y"}]}
    with pytest.raises(Exception):  # noqa: B017 - the NOT NULL violation type is DuckDB's
        store.write_rows([good, broken])
    assert store.counts()["articles"] == 0


def test_load_parquet_parts_is_idempotent(store: Store, tmp_path: Path) -> None:
    from sayso.scale.parts import write_parts

    rows = result_rows(Article(doc_id="d1", text=TEXT, source="a"), fake_result(), "r1")
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


def test_one_speaker_key_across_the_store(store: Store) -> None:
    """Issue 13: "Trump" and "Donald J. Trump" (one kb_id) are one speaker in the store's views,
    so are "John D. Podesta" and "John Podesta"; "who" and "I" are no speakers."""
    from sayso.store.queries import NAMED

    said = [("Trump", "donald-trump"), ("Donald J. Trump", "donald-trump"),
            ("John D. Podesta", None), ("John Podesta", None), ("who", None), ("I", None)]
    for n, (name, kb_id) in enumerate(said):
        text = f"Article {n}: {name} said the race was close."
        speaker = Actor(name=name, kind="person", kb_id=kb_id, spans=[(0, 1)])
        result = DocumentResult(doc_id=f"d{n}", text_sha256="", attributions=[Attribution(
            id="a1", kind="indirect", cue=Span([(0, 1)], "said"),
            content=Span([(1, 2)], "the race was close"), source=Span([(0, 1)], name),
            speaker=speaker)])
        doc = Article(doc_id=f"d{n}", text=text, source=f"in/d{n}.txt")
        store.write_rows([result_rows(doc, result, "r1")])
    top = store.con.execute(NAMED["top-speakers"].sql, {"limit": 10}).fetchall()
    assert [(row[0], row[3]) for row in top] == [("Donald Trump", 2), ("John Podesta", 2)]
    names = {row[0] for row in store.con.execute("SELECT name FROM actors").fetchall()}
    assert names == {"Donald Trump", "John Podesta"}
