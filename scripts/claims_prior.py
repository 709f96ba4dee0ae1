"""Candidate-side priors and proposition structure in ``related``'s second stage, measured on
the gold's tune half (test once for a chosen setting).

    python scripts/claims_prior.py [--part tune|test] [--grid] [--weights NAME=W ...]

The store is the one ``scripts/eval_claims.py related --ingest`` builds (the gold's PolNeAR
articles ingested by the real pipeline, claims built, MiniLM content and view vectors
stored). For each matched gold member of the part, the shipped first stage (mean cosine of
content and views, best 50 of other articles) and second stage (``related.RERANK``) are
recomputed, then each candidate's score gets ``+ w x feature`` for the features below, and
MAP@10 / recall@10 are scored as ``store_eval.ranking_scores`` does. ``--grid`` tries each
feature alone over a few weights (and prints the share of relevant candidates with each
binary feature on and off); ``--weights`` scores one combination (``only=1``: the named
weights alone, not added to the shipped score); ``--ascent`` fits the named weights by
coordinate ascent of MAP@10 with 5 folds grouped by gold claim (no randomness);
``--parse`` adds subject / predicate / object agreement read off spaCy's parse of each
content. Measured in docs/claims.md ("Nineteenth session"); nothing here ships.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sayso.claims import db, rerank  # noqa: E402
from sayso.claims.evaluate import read_gold  # noqa: E402
from sayso.claims.related import (  # noqa: E402
    RERANK,
    Index,
    _block_top,
    _rescored,
    build_index,
)
from sayso.claims.store_eval import match, ranking_scores  # noqa: E402
from sayso.claims.text import content_terms, is_clausal, is_negated, is_question  # noqa: E402
from sayso.claims.vectors import load_embedder  # noqa: E402

DEPTH = 50


def candidate_features(con: object, index: Index) -> dict[str, np.ndarray]:
    """Per index row: what a candidate is, whatever the query."""
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    rows = index.rows
    n_articles: dict[str, int] = dict(con.execute(
        "SELECT m.attribution_id, c.n_articles FROM claim_members m JOIN claims c"
        " USING (claim_id)").fetchall())
    size = np.asarray([n_articles.get(r.attribution_id, 1) for r in rows], dtype=np.float32)
    terms = np.asarray([len(content_terms(r.content)) for r in rows], dtype=np.float32)
    return {
        "clausal": np.asarray([is_clausal(r.content) for r in rows], dtype=np.float32),
        "short": (terms <= 3).astype(np.float32),
        "terms": np.log(np.maximum(terms, 1)) / np.log(40),
        "claim_articles": np.log(size) / np.log(50),
        "question": np.asarray([is_question(r.content) for r in rows], dtype=np.float32),
        "negated": np.asarray([is_negated(r.content) for r in rows], dtype=np.float32),
    }


def pair_features(index: Index, st: rerank.Statements, qi: np.ndarray, cj: np.ndarray
                  ) -> dict[str, np.ndarray]:
    """Per (query, candidate) pair: the two propositions against each other."""
    out = {
        "same_polarity": (st.negated[qi] == st.negated[cj]).astype(np.float32),
        "same_speaker": np.asarray([bool(st.speaker[a]) and st.speaker[a] == st.speaker[b]
                                    for a, b in zip(qi.tolist(), cj.tolist(), strict=True)],
                                   dtype=np.float32),
        "same_modality": (st.modality[qi] == st.modality[cj]).astype(np.float32),
        "actors": rerank._jaccard(st.actors, qi.tolist(), cj.tolist()),
        "names": rerank._jaccard(st.names, qi.tolist(), cj.tolist()),
        "subject": np.asarray([bool(st.subject[a]) and st.subject[a] == st.subject[b]
                               for a, b in zip(qi.tolist(), cj.tolist(), strict=True)],
                              dtype=np.float32),
        "rest": rerank._jaccard(st.rest, qi.tolist(), cj.tolist()),
    }
    return out


PRONOUNS = frozenset(["i", "you", "he", "she", "it", "we", "they", "this", "that", "who",
                      "which", "there", "what"])


def proposition_parts(texts: list[str]) -> list[tuple[str, str, str]]:
    """(subject, predicate, object) of each content's main clause, read off spaCy's parse:
    the subject's head lemma (its entity's last word when it is in a name; a pronoun gives
    ""), the main verb's lemma (a copula's complement instead: "is unqualified" ->
    "unqualified"), and the head lemma of its object or complement."""
    from sayso.nlp import load

    nlp = load()
    out = []
    for doc in nlp.pipe(texts, batch_size=256):
        root = next((t for t in doc if t.dep_ == "ROOT"), None)
        verb = root
        # A content that opens with "that ..." or "to ..." is often parsed with the clause
        # below a dummy root; take the first verb with a subject when the root has none.
        if root is not None and not any(c.dep_.startswith("nsubj") for c in root.children):
            verb = next((t for t in doc if t.pos_ in ("VERB", "AUX")
                         and any(c.dep_.startswith("nsubj") for c in t.children)), root)
        if verb is None:
            out.append(("", "", ""))
            continue
        subj = next((c for c in verb.children if c.dep_.startswith("nsubj")), None)
        subject = head_word(doc, subj) if subj is not None and subj.lower_ not in PRONOUNS else ""
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "acomp", "oprd",
                                                           "xcomp", "ccomp")), None)
        predicate = verb.lemma_.lower()
        if verb.lemma_ == "be" and obj is not None:
            predicate = obj.lemma_.lower()
        out.append((subject, predicate, obj.lemma_.lower() if obj is not None else ""))
    return out


def head_word(doc: Any, token: Any) -> str:
    """A subject's word: the last word of the name it is in ("Hillary Clinton" -> "clinton"),
    else its lemma."""
    for ent in doc.ents:
        if ent.start <= token.i < ent.end:
            return str(ent[-1].lower_)
    return str(token.lemma_).lower()


def structure_features(parts: list[tuple[str, str, str]], qi: np.ndarray, cj: np.ndarray,
                       shape: tuple[int, ...]) -> dict[str, np.ndarray]:
    def agree(slot: int, same: bool) -> np.ndarray:
        vals = []
        for a, b in zip(qi.tolist(), cj.tolist(), strict=True):
            x, y = parts[a][slot], parts[b][slot]
            vals.append(bool(x and y) and ((x == y) if same else (x != y)))
        return np.asarray(vals, dtype=np.float32).reshape(shape)

    return {"subj_same": agree(0, True), "subj_diff": agree(0, False),
            "pred_same": agree(1, True), "pred_diff": agree(1, False),
            "obj_same": agree(2, True), "obj_diff": agree(2, False)}


def claim_probability(st: rerank.Statements, qi: np.ndarray, cj: np.ndarray,
                      cosine: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """The claim model's same-claim probability of each pair (what ``claims build`` merges
    on; trained on the tune half, so tune numbers with it are in-sample)."""
    model = rerank.CLAIM_MODEL.get()
    if model is None:
        return np.zeros(shape, dtype=np.float32)
    x = rerank.pair_features(st, qi, cj, cosine.reshape(-1).astype(np.float32))
    return model.score(x).reshape(shape)


def list_features(index: Index, top: np.ndarray, valid: np.ndarray, base: np.ndarray
                  ) -> dict[str, np.ndarray]:
    """Per listed candidate, how many other candidates of the same query's list stand in its
    article (an article about the claim often states it more than once), and the same
    weighted by their scores."""
    arts = index.articles[top]
    same = (arts[:, :, None] == arts[:, None, :]) & valid[:, None, :] & valid[:, :, None]
    count = same.sum(axis=2) - 1
    scores = np.where(valid, base, 0.0)
    mass = (same * scores[:, None, :]).sum(axis=2) - scores
    return {"article_count": np.minimum(count, 5) / 5.0,
            "article_any": (count > 0).astype(np.float32),
            "article_mass": np.minimum(mass, 2.0) / 2.0}


VIEW_NAMES = ("content", "cue", "sentence")


def cross_views(index: Index, qi: np.ndarray, cj: np.ndarray, shape: tuple[int, ...]
                ) -> dict[str, np.ndarray]:
    """The nine cosines of the query's views against the candidate's (the first stage uses
    the mean of the three on the diagonal)."""
    if index.views is None:
        return {}
    width = index.vectors.shape[1]
    times = index.views.shape[1] // width
    out = {}
    for a in range(times):
        for b in range(times):
            qa = index.views[qi, a * width:(a + 1) * width]
            cb = index.views[cj, b * width:(b + 1) * width]
            out[f"{VIEW_NAMES[a]}~{VIEW_NAMES[b]}"] = (np.einsum("ij,ij->i", qa, cb)
                                                       * times).reshape(shape)
    return out


def lexical_of(index: Index, qi: np.ndarray, cj: np.ndarray, shape: tuple[int, ...]
               ) -> np.ndarray:
    from sayso.claims.related import _features
    from sayso.claims.vectors import sparse_pair_dots

    csr, _names = _features(index)
    return sparse_pair_dots(csr, qi, cj).reshape(shape)


def claim_of(index: Index, qi: np.ndarray, cj: np.ndarray, shape: tuple[int, ...]
             ) -> np.ndarray:
    c = index.claims if index.claims is not None else np.full(len(index.rows), -1)
    return ((c[qi] == c[cj]) & (c[qi] >= 0)).astype(np.float32).reshape(shape)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, default=ROOT / "cache/claims_eval/all.duckdb")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests/data/claims_gold.tsv")
    ap.add_argument("--part", choices=["tune", "test"], default="tune")
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--weights", nargs="*", default=[])
    ap.add_argument("--parse", action="store_true",
                    help="subject / predicate / object agreement from spaCy's parse")
    ap.add_argument("--ascent", nargs="*", default=None,
                    help="features whose weights coordinate ascent fits (CV on the part)")
    args = ap.parse_args()
    gold = read_gold(args.gold)
    con = db.connect(args.store, read_only=True)
    index = build_index(con, load_embedder("auto"), embed_missing=False)
    article_of = {Path(str(src)).stem: aid for aid, src in
                  con.execute("SELECT article_id, source FROM articles").fetchall()}
    matched = match(gold, db.load_rows(con), article_of)
    part = [k for k, g in enumerate(gold) if g.part == args.part]
    queries = np.asarray(sorted({index.positions[matched[k]] for k in part
                                 if matched.get(k) in index.positions}), dtype=np.int64)
    matrix = index.views if index.views is not None else index.vectors
    top, best = _block_top(index, matrix[queries], index.articles[queries], DEPTH, matrix)
    valid = np.isfinite(best) & (best > 0)
    base = np.where(valid, _rescored(index, RERANK, queries, top, np.where(valid, best, 0.0)),
                    -np.inf)
    qi = np.repeat(queries, top.shape[1])
    cj = top.reshape(-1)
    cand = candidate_features(con, index)
    st = rerank.statements(index.rows, rerank.content_actors(con, index.rows))
    feats = {name: v[cj].reshape(top.shape) for name, v in cand.items()}
    feats.update({name: v.reshape(top.shape) for name, v in
                  pair_features(index, st, qi, cj).items()})
    feats.update(cross_views(index, qi, cj, top.shape))
    feats["lexical"] = lexical_of(index, qi, cj, top.shape)
    feats["claim"] = claim_of(index, qi, cj, top.shape)
    feats.update(list_features(index, top, valid, base))
    feats["claim_prob"] = claim_probability(st, qi, cj, feats["content~content"], top.shape)
    if args.parse:
        started = time.perf_counter()
        parts = proposition_parts([r.content for r in index.rows])
        print(f"parsed {len(parts)} contents in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
        feats.update(structure_features(parts, qi, cj, top.shape))
    con.close()

    def score(weights: dict[str, float]) -> dict[str, float]:
        s = base.copy()
        for name, w in weights.items():
            s = s + w * feats[name]
        related = {}
        for q in range(len(queries)):
            ok = valid[q]
            c, v = top[q][ok], s[q][ok]
            order = np.lexsort((c, -v))[:10]
            related[index.rows[queries[q]].attribution_id] = [index.rows[j].attribution_id
                                                              for j in c[order].tolist()]
        return ranking_scores(gold, part, matched, related)

    out: dict[str, object] = {"part": args.part, "queries": len(queries), "base": score({})}
    if args.weights:
        weights = {k: float(v) for k, v in (w.split("=") for w in args.weights)}
        if "only" in weights:  # "only=1": the named weights alone, not added to the shipped score
            weights.pop("only")
            base = np.where(valid, 0.0, -np.inf)
        out["weights"] = weights
        out["scores"] = score(weights)
    if args.grid:
        grid = {}
        for name in feats:
            for w in (-0.1, -0.05, -0.02, 0.02, 0.05, 0.1):
                grid[f"{name}={w}"] = score({name: w})["map@10"]
        out["grid"] = grid
        out["relevant_rate"] = relevant_rates(gold, part, matched, index, queries, top,
                                              valid, feats)
    if args.ascent:
        out["ascent"] = ascent_cv(gold, part, matched, index, queries, top, valid, feats,
                                  args.ascent)
    print(json.dumps(out, indent=1))
    return 0


SHIPPED = {"content~content": 1 / 3, "cue~cue": 1 / 3, "sentence~sentence": 1 / 3,
           "lexical": 0.1, "claim": 0.1}
STEPS = (-0.1, -0.05, -0.02, 0.02, 0.05, 0.1)


def _relevance(gold: list, part: list[int], matched: dict[int, str], index: Index,
               queries: np.ndarray, top: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Which of each query's candidates are relevant: same gold claim, another article."""
    cluster = {matched[k]: gold[k].cluster for k in part if k in matched}
    doc_of = {matched[k]: gold[k].doc for k in part if k in matched}
    rel = np.zeros(top.shape, dtype=bool)
    for q in range(len(queries)):
        qa = index.rows[queries[q]].attribution_id
        for j, c in enumerate(top[q].tolist()):
            ca = index.rows[c].attribution_id
            rel[q, j] = (valid[q, j] and ca in cluster and cluster[ca] == cluster.get(qa)
                         and doc_of[ca] != doc_of.get(qa))
    return rel


def ascent_cv(gold: list, part: list[int], matched: dict[int, str], index: Index,
              queries: np.ndarray, top: np.ndarray, valid: np.ndarray,
              feats: dict[str, np.ndarray], names: list[str]) -> dict[str, object]:
    """Coordinate ascent of MAP@10 over the weights of ``names`` (from the shipped blend),
    5 folds grouped by gold claim: each fold's queries ranked by weights fitted on the
    other four. Returns CV MAP@10, the shipped blend's on the same folds, and the weights
    fitted on every query."""
    import hashlib

    rel = _relevance(gold, part, matched, index, queries, top, valid)
    # Each gold query: its row among ``queries`` (-1: unmatched, AP 0) and its relevant count.
    at = {index.rows[q].attribution_id: n for n, q in enumerate(queries.tolist())}
    gq, n_rel, fold = [], [], []
    for k in part:
        rel_k = sum(1 for j in part if gold[j].cluster == gold[k].cluster
                    and gold[j].doc != gold[k].doc)
        if not rel_k:
            continue
        gq.append(at.get(matched.get(k, ""), -1))
        n_rel.append(min(10, rel_k))
        fold.append(int(hashlib.sha256(f"rerank:{gold[k].cluster}".encode()).hexdigest(), 16)
                    % 5)
    gq_a, nrel_a, fold_a = np.asarray(gq), np.asarray(n_rel, dtype=np.float64), np.asarray(fold)

    def ap_all(w: dict[str, float]) -> np.ndarray:
        s = sum(v * feats[name] for name, v in w.items())
        s = np.where(valid, s, -np.inf)
        order = np.argsort(-s, axis=1, kind="stable")[:, :10]
        hits = np.take_along_axis(rel, order, axis=1)
        prec = np.cumsum(hits, axis=1) / np.arange(1, 11)
        per_row = (prec * hits).sum(axis=1)
        return np.where(gq_a >= 0, per_row[np.maximum(gq_a, 0)], 0.0) / nrel_a

    def fit(mask: np.ndarray) -> dict[str, float]:
        w = dict(SHIPPED)
        for name in names:
            w.setdefault(name, 0.0)
        best = ap_all(w)[mask].mean()
        for _round in range(3):
            changed = False
            for name in names:
                for step in STEPS:
                    trial = dict(w)
                    trial[name] = w[name] + step
                    got = ap_all(trial)[mask].mean()
                    if got > best + 1e-4:
                        best, w, changed = got, trial, True
            if not changed:
                break
        return w

    cv = np.zeros(len(gq_a))
    for f in range(5):
        w = fit(fold_a != f)
        cv[fold_a == f] = ap_all(w)[fold_a == f]
    full = fit(np.ones(len(gq_a), dtype=bool))
    return {"cv_map": round(float(cv.mean()), 4),
            "shipped_map": round(float(ap_all(dict(SHIPPED)).mean()), 4),
            "fitted_in_sample": round(float(ap_all(full).mean()), 4),
            "weights": {k: round(v, 3) for k, v in full.items()}}


def relevant_rates(gold: list, part: list[int], matched: dict[int, str], index: Index,
                   queries: np.ndarray, top: np.ndarray, valid: np.ndarray,
                   feats: dict[str, np.ndarray]) -> dict[str, object]:
    """Share of relevant candidates among the 50 with a binary feature on and off."""
    rel = _relevance(gold, part, matched, index, queries, top, valid)
    out: dict[str, object] = {"relevant": int(rel.sum()), "candidates": int(valid.sum())}
    for name, f in feats.items():
        on = (f > 0.5) & valid
        off = (f <= 0.5) & valid
        out[name] = [round(float(rel[on].mean()), 4) if on.any() else None, int(on.sum()),
                     round(float(rel[off].mean()), 4) if off.any() else None]
    out["claim_articles_hist"] = dict(Counter(np.round(feats["claim_articles"][valid], 1)
                                              .tolist()).most_common(8))
    return out


if __name__ == "__main__":
    raise SystemExit(main())
