"""The related/claims scorer (sayso.claims.store_eval) on a real store with known answers."""

from __future__ import annotations

from pathlib import Path

from claims_store import make_store
from sayso.claims import db
from sayso.claims.build import build
from sayso.claims.evaluate import GoldRow
from sayso.claims.store_eval import evaluate, match, ranking_scores, stance_scores


def gold_of(store: Path) -> list[GoldRow]:
    """GoldRow rows for the composed store: its articles are 'a1'..'a4' (sources /corpus/aN.txt)."""
    con = db.connect(store, read_only=True)
    rows = db.load_rows(con)
    con.close()
    claim = {"French": "soldiers", "central": "bank"}
    out = []
    for r in rows:
        key = next((v for k, v in claim.items() if k in r.content), None)
        if key is None:
            continue
        stance = "question" if r.content.startswith("whether") else (
            "deny" if r.cue == "denied" else "assert")
        (s, e), = r.content_spans
        out.append(GoldRow(r.article_id, r.attribution_id, [(s + 2, e)], key, stance, "test"))
    return out


def test_match_by_overlap_one_to_one(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.duckdb")
    con = db.connect(store, read_only=True)
    rows = db.load_rows(con)
    con.close()
    gold = gold_of(store)
    matched = match(gold, rows, {g.doc: g.doc for g in gold})
    assert {gold[k].eid: aid for k, aid in matched.items()} == {g.eid: g.eid for g in gold}
    far = [GoldRow("a1", "x", [(500, 600)], "c", "assert", "test")]
    assert match(far, rows, {"a1": "a1"}) == {}


def test_ranking_scores_by_hand() -> None:
    gold = [GoldRow("d1", "1", [(0, 1)], "A", "assert", "test"),
            GoldRow("d2", "2", [(0, 1)], "A", "assert", "test"),
            GoldRow("d3", "3", [(0, 1)], "A", "assert", "test"),
            GoldRow("d3", "4", [(0, 1)], "B", "assert", "test")]
    matched = {0: "p1", 1: "p2", 2: "p3", 3: "p4"}
    related = {"p1": ["p4", "p2", "p3"], "p2": ["p1", "x"], "p3": [], "p4": ["p1"]}
    got = ranking_scores(gold, [0, 1, 2, 3], matched, related)
    # p1: hits at ranks 2 and 3 -> (1/2 + 2/3) / 2; p2: 1/2; p3: 0; B has no other-article member.
    assert got["queries"] == 3
    assert got["map@10"] == round(((0.5 + 2 / 3) / 2 + 0.5 + 0) / 3, 3)
    assert got["recall@10"] == round((1 + 0.5 + 0) / 3, 3)


def test_stance_scores() -> None:
    got = stance_scores(["assert", "deny", "question", "assert"],
                        ["repeat", "deny", "assert", "assert"])
    assert got["accuracy"] == 0.75 and got["always_assert"] == 0.5
    assert got["macro_f1"] == round((0.8 + 1.0 + 0.0) / 3, 3)


def test_evaluate_on_a_built_store(tmp_path: Path) -> None:
    store = make_store(tmp_path / "s.duckdb")
    gold = gold_of(store)
    con = db.connect(store)
    build(con, embedder=None)
    con.execute("UPDATE articles SET source = '/corpus/' || article_id || '.txt'")
    from sayso.claims.related import build_index, related_records

    related = {str(r["attribution_id"]): [x["attribution_id"] for x in r["related"]]
               for r in related_records(build_index(con, None), 10)}
    scores = evaluate(con, gold, "test", related)
    con.close()
    assert scores["matched"] == 1.0 and scores["map@10"] == 1.0
    assert scores["pairwise_matched"]["f1"] == 1.0 and scores["coverage"] == 1.0
    assert scores["stance"]["n"] == 7
