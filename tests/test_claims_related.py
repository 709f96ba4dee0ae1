"""Related statements (``sayso claims related``, ``/api/statements/{id}/related``) on a real
DuckDB store and a real server on loopback."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from claims_store import make_store
from sayso.api import ServerConfig
from sayso.claims import db
from sayso.claims.related import build_index, neighbours, related_records
from sayso.cli import main
from sayso.server import create_app
from web_support import HOSTILE, build_store, live_server

SOLDIERS = ["a1:a0", "a2:a1", "a3:a2", "a4:a3"]
BANK = ["a1:a4", "a2:a5", "a4:a7"]


def run_related(path: Path, capsys: pytest.CaptureFixture[str], *extra: str
                ) -> list[dict[str, object]]:
    assert main(["claims", "related", "--db", str(path), "--k", "10", "--json", *extra]) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_cli_contract_other_articles_best_first(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = make_store(tmp_path / "store.duckdb")
    records = run_related(path, capsys, "--embedder", "lexical")
    by_id = {r["attribution_id"]: r for r in records}
    assert len(records) == 8  # every statement has a proposition
    for r in records:
        assert set(r) == {"attribution_id", "article_id", "source", "content", "related"}
        assert r["source"] == f"/corpus/{r['article_id']}.txt"
        assert r["content"]["spans"] and all(len(s) == 2 for s in r["content"]["spans"])
        scores = [x["score"] for x in r["related"]]
        assert scores == sorted(scores, reverse=True) and all(0 < s <= 1.0001 for s in scores)
        others = {str(x["attribution_id"]).split(":")[0] for x in r["related"]}
        assert r["article_id"] not in others  # other articles only
    # The same claim ranks first: soldiers with soldiers, the bank with the bank.
    for group in (SOLDIERS, BANK):
        for aid in group:
            top = [x["attribution_id"] for x in by_id[aid]["related"][:len(group) - 1]]
            assert set(top) <= set(group), (aid, top)


def test_cli_reuses_stored_vectors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Vectors stored by a build are read back, never recomputed (a fake model proves it)."""
    path = make_store(tmp_path / "store.duckdb")
    con = db.connect(path)
    rows = db.load_rows(con)
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(len(rows), 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    db.store_embeddings(con, rows, vectors, "fake-model")
    from sayso.claims.related import VIEWS, view_texts

    for view in VIEWS:  # the same vectors as views: the views' mean cosine is the content's
        db.store_embeddings(con, rows, vectors, "fake-model", view_texts(con, rows, view), view)

    class Fake:
        name = "fake-model"

        def encode(self, texts: object) -> np.ndarray:
            raise AssertionError("stored vectors must be reused")

    index = build_index(con, Fake())
    con.close()
    assert index.model == "fake-model" and len(index.rows) == len(rows)
    from sayso.claims.related import Rerank

    got = {r["attribution_id"]: r for r in related_records(index, 3, Rerank(0.0, 0.0, claim=0.0))}
    k = next(n for n, r in enumerate(rows) if r.attribution_id == "a1:a0")
    own = vectors[k]
    best = max((float(own @ vectors[j]), rows[j].attribution_id) for j in range(len(rows))
               if rows[j].article_id != "a1")
    assert got["a1:a0"]["related"][0] == {"attribution_id": best[1], "score": round(best[0], 4)}


def test_neighbours_exact_in_blocks() -> None:
    """Block-wise top-k equals a brute-force ranking, same-article rows excluded."""
    from sayso.claims import related

    rng = np.random.default_rng(1)
    n = 700
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = [db.Row(f"d{k // 3}:a{k}", f"d{k // 3}", "x y", [[0, 3]], "said", None, None, None,
                   None, None, None, None, None, None, 0) for k in range(n)]
    index = related.make_index(rows, vectors, "test")
    for q, found, scores in neighbours(index, 5, rerank=related.Rerank(0.0, 0.0, claim=0.0)):
        if q % 97:
            continue
        full = vectors @ vectors[q]
        full[index.articles == index.articles[q]] = -np.inf
        want = np.argsort(-full, kind="stable")[:5]
        assert found.tolist() == want.tolist()
        assert np.allclose(scores, full[want])


def test_second_stage_prefers_the_same_words() -> None:
    """Two candidates equally close by vector: the one sharing the content's words wins."""
    from sayso.claims import related

    texts = ["the wall will be paid by Mexico", "Mexico will pay for the wall",
             "the senate will vote on taxes"]
    rows = [db.Row(f"d{k}:a0", f"d{k}", t, [[0, len(t)]], "said", None, None, None, None, None,
                   None, None, None, None, 0) for k, t in enumerate(texts)]
    vectors = np.asarray([[1.0, 0.0], [0.8, 0.6], [0.8, -0.6]], dtype=np.float32)
    index = related.make_index(rows, vectors, "test")
    (_q, found, scores), = list(neighbours(index, 2, np.asarray([0])))
    assert found.tolist() == [1, 2] and scores[0] > scores[1] and scores[0] <= 1.0


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["claims", "related", "--db", str(tmp_path / "none.duckdb"), "--json"]) != 0
    path = make_store(tmp_path / "store.duckdb")
    assert main(["claims", "related", "--db", str(path), "--k", "0"]) != 0
    capsys.readouterr()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_api_and_pages_on_a_live_server(tmp_path: Path) -> None:
    path = tmp_path / "web.duckdb"
    ids = build_store(path)
    aid = f"{ids['d1']}:a1"
    denial = f"{ids['d6']}:a1"
    with live_server(create_app(ServerConfig(db_path=path, token="t"))) as base:
        quoted = urllib.parse.quote(aid, safe="")
        status, body = _get(f"{base}/api/statements/{quoted}/related?k=5")
        assert status == 200
        found = json.loads(body)
        assert found["statement"]["attribution_id"] == aid and found["indexed"]
        first = found["related"][0]
        assert first["attribution_id"] == denial and first["stance"] == "deny"
        assert first["outlet"] == "Harbour Times" and first["speaker_name"] == "France"
        assert first["date"] == "2024-03-28" and "escalating the war" in first["sentence"]
        assert all(r["article_id"] != ids["d1"] for r in found["related"])
        assert _get(f"{base}/api/statements/missing/related")[0] == 404
        assert _get(f"{base}/api/statements/{quoted}/related?k=0")[0] == 422
        schema = json.loads(_get(f"{base}/openapi.json")[1])
        assert "/api/statements/{attribution_id}/related" in schema["paths"]
        status, html = _get(f"{base}/statements/{quoted}")
        assert status == 200 and b'id="elsewhere"' in html and b"Harbour Times" in html
        status, html = _get(f"{base}/claims/c1")
        assert status == 200 and b'id="elsewhere"' in html
        hostile = urllib.parse.quote(f"{ids['d5']}:a1", safe="")
        status, html = _get(f"{base}/statements/{hostile}")
        assert status == 200 and HOSTILE.encode() not in html
        assert _get(f"{base}/statements/missing")[0] == 404


def test_shipped_encoder_vectors_computed_once_and_shared(tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]
                                                          ) -> None:
    """The default install's MiniLM: build stores each vector once; a second build and
    `related` reuse them; the same claim ranks first."""
    from sayso.claims import encoder
    from sayso.claims.build import build
    from sayso.claims.vectors import load_embedder

    if not encoder.available():
        pytest.skip("onnxruntime/tokenizers or the encoder files are missing")
    embedder = load_embedder("auto")
    assert embedder is not None and embedder.name.startswith("minilm-l6-int8-")
    vectors = embedder.encode(["French soldiers are fighting in Ukraine", "",
                               "Troops from France are in combat in Ukraine"])
    assert vectors.shape == (3, 384) and np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-3)
    assert float(vectors[0] @ vectors[2]) > 0.6
    path = make_store(tmp_path / "store.duckdb")
    con = db.connect(path)
    assert build(con, embedder).embedded_now == 8
    assert build(con, embedder).embedded_now == 0
    stored = con.execute("SELECT DISTINCT model FROM claim_embeddings").fetchall()
    con.close()
    assert stored == [(embedder.name,)]
    records = {r["attribution_id"]: r for r in run_related(path, capsys)}
    assert records["a2:a1"]["related"][0]["attribution_id"] in SOLDIERS
    assert {x["attribution_id"] for x in records["a1:a4"]["related"][:2]} == {"a2:a5", "a4:a7"}


def test_views_stored_once_and_ranked_by(tmp_path: Path) -> None:
    """The views of every statement are embedded once and stored; ``related`` ranks by the
    mean cosine of content and views (a statement whose content is as close but whose
    views differ comes second)."""
    from sayso.claims import related

    path = make_store(tmp_path / "store.duckdb")
    con = db.connect(path)
    rows = db.load_rows(con)
    seen: list[str] = []

    class Counting:
        name = "counting-model"

        def encode(self, texts: list[str]) -> np.ndarray:
            seen.extend(texts)
            out = np.ones((len(texts), 4), dtype=np.float32)
            return out / 2.0

    assert related.store_views(con, rows, Counting()) == len(rows) * len(related.VIEWS)
    assert related.store_views(con, rows, Counting()) == 0  # stored: nothing embedded again
    sentences = related.view_texts(con, rows, "sentence")
    con.close()
    assert any(s != r.content and r.content in s for s, r in zip(sentences, rows, strict=True))

    texts = ["the wall", "the wall", "the wall"]
    small = [db.Row(f"d{k}:a0", f"d{k}", t, [[0, len(t)]], "said", None, None, None, None,
                    None, None, None, None, None, 0) for k, t in enumerate(texts)]
    content = np.asarray([[1.0, 0.0], [0.8, 0.6], [0.8, -0.6]], dtype=np.float32)
    view = np.asarray([[1.0, 0.0], [0.0, 1.0], [1.0, 0.0]], dtype=np.float32)
    index = related.make_index(small, content, "test")
    index.views = np.hstack([content, view]) / np.float32(np.sqrt(2))
    (_q, found, scores), = list(neighbours(index, 2, np.asarray([0]),
                                           rerank=related.Rerank(0.0, 0.0, claim=0.0)))
    assert found.tolist() == [2, 1] and np.allclose(scores, [0.9, 0.4])
    # A statement outside the index is ranked by its content against content and views.
    query = related.as_view_query(content[:1], index.views.shape[1])
    (_q, found, _s), = list(neighbours(index, 2, np.zeros(1, dtype=np.int64), query,
                                       np.asarray([-1])))
    assert found.tolist() == [0, 2]
