"""Learned pair models of the claim tracker (sayso.claims.rerank) on the gold's tune half.

    python scripts/train_claims_rerank.py --claims [--neighbours 10] [--write] [--test]
    python scripts/train_claims_rerank.py [--features cosine,tfidf,...] [--select] [--test]

The store is the one ``scripts/eval_claims.py related --ingest`` builds (the gold's PolNeAR
articles ingested by the real pipeline, MiniLM vectors stored). Every statement's best
``DEPTH`` candidates of other articles by cosine are the pairs; a pair is positive when both
statements are matched (by content span, ``store_eval.match``) to gold members of one claim.
Queries are the tune half's matched members; cross-validation folds group them by claim, so
a claim's pairs never train the model that ranks them. ``--select`` adds features greedily by
CV MAP@10; ``--test`` scores the test half once with the chosen features, fitted on the whole
tune half (never used to choose). That re-ranker of ``related`` was measured, not shipped
(docs/claims.md). Seeded; numpy only.

``--claims`` trains the claim model of ``claims build`` instead (``data/claims_pairs.npz``):
the same features over the pairs build clusters (blocking/LSH pairs plus each statement's
``--neighbours`` nearest by cosine), positive when both ends are members of one tune claim;
average linkage over its probabilities, the merge threshold chosen by pairwise F1 on the tune
half where every labelled pair is scored by a model fitted without its claims' folds;
``--write`` writes it with its card. ``--support`` measures merge rules that one bridging pair
cannot satisfy (``cluster.Support``) side by side, ``--drop 0.01`` each one's tune F1 on the
store less 1% of its statements (``--drop-seeds`` seeds): measured, not shipped (docs/claims.md,
twenty-sixth session).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sayso.claims import db, rerank  # noqa: E402
from sayso.claims.evaluate import GoldRow, read_gold  # noqa: E402
from sayso.claims.related import Index, build_index, candidates  # noqa: E402
from sayso.claims.store_eval import match, ranking_scores  # noqa: E402
from sayso.claims.vectors import load_embedder  # noqa: E402

FOLDS = 5
EMBEDDER_PREFIX = "minilm-l6-int8-"  # the models are of the shipped MiniLM's cosines
L2 = 1.0


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = L2, steps: int = 30
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """Newton's method on standardised features; returns mean, scale, coef, bias."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    z = np.column_stack([(x - mean) / scale, np.ones(len(x))]).astype(np.float64)
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(z @ w)))
        grad = z.T @ (p - y) + penalty * w
        hess = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-7:
            break
    return mean, scale, w[:-1], float(w[-1])


class Data:
    """Candidates, features and gold labels of one store."""

    def __init__(self, store: Path, gold_path: Path) -> None:
        import duckdb

        con = duckdb.connect(str(store), read_only=True)
        self.gold: list[GoldRow] = read_gold(gold_path)
        embedder = load_embedder("minilm")
        self.index: Index = build_index(con, embedder, embed_missing=False)
        article_of = {Path(str(src)).stem: aid for aid, src in
                      con.execute("SELECT article_id, source FROM articles").fetchall()}
        self.matched = match(self.gold, db.load_rows(con), article_of)
        actors = rerank.content_actors(con, self.index.rows)
        con.close()
        self.st = rerank.statements(self.index.rows, actors)
        self.cand = candidates(self.index)
        at = self.index.positions
        self.gold_at = {k: at[a] for k, a in self.matched.items() if a in at}
        self.cluster_of = {pos: self.gold[k].cluster for k, pos in self.gold_at.items()}

    def queries(self, part: str) -> list[int]:
        return sorted(pos for k, pos in self.gold_at.items() if self.gold[k].part == part)

    def pairs(self, queries: list[int]
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Feature rows, labels, query and candidate of each pair of the queries."""
        qi, cj, x = self.cand.features_of(self.st, np.asarray(queries, dtype=np.int64))
        y = np.asarray([self.cluster_of.get(a) is not None
                        and self.cluster_of.get(a) == self.cluster_of.get(b)
                        for a, b in zip(qi.tolist(), cj.tolist(), strict=True)], dtype=np.float64)
        return x, y, qi, cj

    def score(self, part: str, lists: dict[int, list[int]]) -> dict[str, float]:
        related = {self.index.rows[q].attribution_id: [self.index.rows[c].attribution_id
                                                       for c in cands]
                   for q, cands in lists.items()}
        idx = [k for k, g in enumerate(self.gold) if g.part == part]
        return ranking_scores(self.gold, idx, self.matched, related)


def ranked(qi: np.ndarray, cj: np.ndarray, s: np.ndarray, k: int = 10) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    order = np.lexsort((cj, -s, qi))
    for q, c in zip(qi[order].tolist(), cj[order].tolist(), strict=True):
        got = out.setdefault(q, [])
        if len(got) < k:
            got.append(c)
    return out


def folds_of(data: Data, queries: list[int]) -> list[int]:
    """Fold of each query: a seeded hash of its gold claim."""
    return [int(hashlib.sha256(f"rerank:{data.cluster_of[q]}".encode()).hexdigest(), 16) % FOLDS
            for q in queries]


def cv_map(data: Data, x: np.ndarray, y: np.ndarray, qi: np.ndarray, cj: np.ndarray,
           fold: np.ndarray, cols: list[int], l2: float = L2) -> tuple[dict[str, float], np.ndarray]:
    out = np.zeros(len(y), dtype=np.float64)
    for f in range(FOLDS):
        train, held = fold != f, fold == f
        mean, scale, coef, bias = fit_logistic(x[train][:, cols], y[train], l2)
        out[held] = ((x[held][:, cols] - mean) / scale) @ coef + bias
    scores = data.score("tune", ranked(qi, cj, out))
    return scores, out


CLAIM_FEATURES = ("cosine", "tfidf", "names", "actors", "subject", "rest", "polarity",
                  "modality", "numbers_shared", "numbers_differ", "speaker", "length",
                  "same_article")
THRESHOLDS = (0.002, 0.003, 0.004, 0.006, 0.01, 0.015, 0.02, 0.03, 0.045)


def claims_mode(data: Data, args: argparse.Namespace) -> dict[str, Any]:
    import duckdb

    from sayso.claims.assemble import seeded_only
    from sayso.claims.build import claim_pairs
    from sayso.claims.cluster import Settings, average_linkage, vectorise
    from sayso.claims.store_eval import pairwise

    rows = data.index.rows
    n = len(rows)
    texts = [r.content for r in rows]
    settings = Settings.for_embedder(load_embedder("minilm"))
    vec = vectorise(texts, embedding=data.index.vectors)
    if args.views:
        vec.views = data.index.views
    if args.neighbours_by_views:
        from sayso.claims import build as build_module

        build_module.NEIGHBOURS_BY_VIEWS = True
    con = duckdb.connect(str(args.store), read_only=True)
    i, j, x = claim_pairs(con, rows, vec, settings, args.neighbours)
    con.close()
    cols = [rerank.FEATURES.index(f) for f in (args.features.split(",") if args.features
                                                else CLAIM_FEATURES)]
    if args.parse:
        x, cols = with_structure(x, cols, rows, i, j, args.parse)
    fold_of = {q: f for q, f in zip(data.cluster_of, folds_of(data, list(data.cluster_of)),
                                    strict=True)}
    part = {pos: data.gold[k].part for k, pos in data.gold_at.items()}
    ci, cj = [data.cluster_of.get(a) for a in i.tolist()], [data.cluster_of.get(b) for b in j.tolist()]
    y = np.asarray([a is not None and a == b for a, b in zip(ci, cj, strict=True)], dtype=np.float64)
    tune_folds = [frozenset(fold_of[e] for e in (a, b) if part.get(e) == "tune")
                  for a, b in zip(i.tolist(), j.tolist(), strict=True)]
    test_end = np.asarray([part.get(a) == "test" or part.get(b) == "test"
                           for a, b in zip(i.tolist(), j.tolist(), strict=True)])
    train = np.asarray([bool(f) for f in tune_folds]) & ~test_end
    fitted = {}

    def fit(without: frozenset[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
        if without not in fitted:
            keep = train & np.asarray([not (f & without) for f in tune_folds])
            fitted[without] = fit_logistic(x[keep][:, cols], y[keep], args.l2)
        return fitted[without]

    def prob(model: tuple[np.ndarray, np.ndarray, np.ndarray, float], at: np.ndarray,
             xm: np.ndarray | None = None) -> np.ndarray:
        mean, scale, coef, bias = model
        xm = x if xm is None else xm
        return 1.0 / (1.0 + np.exp(-(((xm[at][:, cols] - mean) / scale) @ coef + bias)))

    def cross_validated(xm: np.ndarray, folds: list[frozenset[int]]) -> np.ndarray:
        """Each pair's probability by the model fitted without its tune ends' folds."""
        out = prob(fit(frozenset()), np.arange(len(xm)), xm)
        for without in {f for f in folds if f}:
            at = np.flatnonzero(np.asarray([f == without for f in folds]))
            out[at] = prob(fit(without), at, xm)
        return out

    full = prob(fit(frozenset()), np.arange(len(y)))
    honest = cross_validated(x, tune_folds)
    specs = args.support.split(",") if args.support else ["none"]

    def clusters(p: np.ndarray, t: float, spec: str = specs[0],
                 edges: tuple[np.ndarray, np.ndarray] = (i, j),
                 kept: list[int] | None = None) -> list[int]:
        at = list(range(n)) if kept is None else kept
        if spec.startswith("consensus:"):
            p = consensus(len(at), *edges, p, t, spec)
            spec = "none"
        split = spec.startswith("split:")
        labels = average_linkage(len(at), *edges, p.astype(np.float32), t,
                                 max_size=args.max_size,
                                 support=None if split else parse_support(spec))
        if split:
            labels = split_weakest(labels, *edges, p, float(spec.split(":")[1]))
        return seeded_only(labels, [texts[k] for k in at])

    def scores(labels: list[int], which: str, kept: list[int] | None = None
               ) -> dict[str, float]:
        where = ({k: k for k in range(n)} if kept is None
                 else {orig: new for new, orig in enumerate(kept)})
        ks = [k for k, g in enumerate(data.gold) if g.part == which
              and data.gold_at.get(k) in where]
        return pairwise([data.gold[k].cluster for k in ks],
                        [labels[where[data.gold_at[k]]] for k in ks])

    def dropped(seed: int) -> tuple[list[int], np.ndarray, np.ndarray, np.ndarray]:
        """The build's pairs and cross-validated probabilities on the store less a random
        ``args.drop`` share of its statements (pairs, neighbours and TF-IDF recomputed)."""
        rng = np.random.default_rng(seed)
        kept = sorted(rng.choice(n, size=n - round(args.drop * n), replace=False).tolist())
        sub_rows = [rows[k] for k in kept]
        sub_vec = vectorise([texts[k] for k in kept], embedding=data.index.vectors[kept])
        if args.views:
            sub_vec.views = data.index.views[kept]
        con = duckdb.connect(str(args.store), read_only=True)
        si, sj, sx = claim_pairs(con, sub_rows, sub_vec, settings, args.neighbours)
        con.close()
        if args.parse:
            sx, _c = with_structure(sx, list(cols), sub_rows, si, sj, args.parse)
        folds = [frozenset(fold_of[e] for e in (kept[a], kept[b]) if part.get(e) == "tune")
                 for a, b in zip(si.tolist(), sj.tolist(), strict=True)]
        return kept, si, sj, cross_validated(sx, folds)

    report: dict[str, Any] = {"pairs": len(y), "train_pairs": int(train.sum()),
                              "positives": int(y[train].sum()),
                              "features": [feature_names(x)[c] for c in cols],
                              "max_size": args.max_size, "variants": {}}
    subsets = [dropped(seed) for seed in range(args.drop_seeds)] if args.drop else []
    for spec in specs:
        cv = {str(t): scores(clusters(honest, t, spec), "tune") for t in THRESHOLDS}
        at = max(THRESHOLDS, key=lambda t: cv[str(t)]["f1"])
        variant: dict[str, Any] = {"threshold": at, "best": cv[str(at)], "tune_cv": cv}
        if subsets:
            # Robustness: the same build less 1% of statements, scored on the tune members left.
            f1s = [scores(clusters(p, at, spec, (si, sj), kept), "tune", kept)["f1"]
                   for kept, si, sj, p in subsets]
            variant["drop"] = {"share": args.drop, "f1": f1s, "spread": round(max(f1s) - min(f1s), 3),
                               "mean": round(float(np.mean(f1s)), 3)}
        report["variants"][spec] = variant
        print(spec, json.dumps({k: v for k, v in variant.items() if k != "tune_cv"}), flush=True)
    report["tune_cv"] = report["variants"][specs[0]]["tune_cv"]
    best = report["variants"][specs[0]]["threshold"]
    report["threshold"] = best
    mean, scale, coef, bias = fit(frozenset())
    report["coef"] = dict(zip(report["features"], np.round(coef, 3).tolist(), strict=True))
    if args.test:
        report["test"] = scores(clusters(full, best), "test")
    if args.write:
        path = ROOT / "src/sayso/data" / rerank.CLAIM_MODEL_FILE
        with open(path, "wb") as fh:
            np.savez(fh, features=np.asarray(report["features"]), mean=mean.astype(np.float32),
                     scale=scale.astype(np.float32), coef=coef.astype(np.float32),
                     bias=np.asarray(bias, dtype=np.float32),
                     threshold=np.asarray(best, dtype=np.float32),
                     neighbours=np.asarray(args.neighbours, dtype=np.int64),
                     embedder=np.asarray(EMBEDDER_PREFIX))
        report["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
        (path.parent / "claims_pairs.md").write_text(CLAIMS_CARD.format(
            features=", ".join(report["features"]), coef=json.dumps(report["coef"]),
            neighbours=args.neighbours, l2=args.l2, pairs=report["pairs"],
            train=report["train_pairs"], positives=report["positives"], threshold=best,
            cv=json.dumps(report["tune_cv"]), test=json.dumps(report.get("test")),
            commit=_commit(), sha=report["sha256"]), encoding="utf-8")
    return report


def consensus(n: int, i: np.ndarray, j: np.ndarray, p: np.ndarray, t: float, spec: str
              ) -> np.ndarray:
    """``consensus:RUNS:DROP[:soft]`` (measured): cluster RUNS copies of the pair graph, each
    less a random DROP share of its pairs; a pair keeps its probability where both ends are in
    one claim in at least half of the runs (soft: times the share of runs), else 0."""
    from sayso.claims.cluster import average_linkage

    parts = spec.split(":")
    runs, drop = int(parts[1]), float(parts[2])
    together = np.zeros(len(p))
    for seed in range(runs):
        keep = np.random.default_rng(100 + seed).random(len(p)) >= drop
        labels = np.asarray(average_linkage(n, i[keep], j[keep], p[keep].astype(np.float32), t))
        together += labels[i] == labels[j]
    share = together / runs
    return p * share if parts[3:] == ["soft"] else p * (share >= 0.5)


def split_weakest(labels: list[int], i: np.ndarray, j: np.ndarray, p: np.ndarray,
                  level: float) -> list[int]:
    """A second pass (``--support split:LEVEL``, measured): each claim is cut in two along
    its weakest cut (a sweep over its Fiedler vector, the cut of least average probability
    over all cross pairs, unscored ones 0) while that average is under ``level``."""
    from sayso.claims.assemble import groups

    out = list(labels)
    spare = max(out, default=-1) + 1
    same = np.asarray(labels)[i] == np.asarray(labels)[j]
    weights: dict[int, dict[tuple[int, int], float]] = {}
    for a, b, s in zip(i[same].tolist(), j[same].tolist(), p[same].tolist(), strict=True):
        weights.setdefault(labels[a], {})[(a, b)] = s
    todo = [m for m in groups(labels).values() if len(m) >= 4]
    while todo:
        members = todo.pop()
        where = {k: n for n, k in enumerate(members)}
        w = np.zeros((len(members), len(members)))
        for (a, b), s in weights.get(labels[members[0]], {}).items():
            if a in where and b in where:
                w[where[a], where[b]] = w[where[b], where[a]] = s
        cut = _weakest_cut(w)
        if cut is None or cut[1] >= level:
            continue
        part = [members[n] for n in cut[0]]
        rest = [k for k in members if k not in set(part)]
        for k in part:
            out[k] = spare
        spare += 1
        todo += [m for m in (part, rest) if len(m) >= 4]
    return out


def _weakest_cut(w: np.ndarray) -> tuple[list[int], float] | None:
    """The prefix of the Fiedler order (both sides of 2+) of least average cross weight."""
    n = len(w)
    lap = np.diag(w.sum(axis=1)) - w
    _vals, vecs = np.linalg.eigh(lap)
    order = np.argsort(vecs[:, 1], kind="stable")
    inside = np.zeros(n, dtype=bool)
    best = None
    for k, v in enumerate(order[:-2].tolist(), start=1):
        inside[v] = True
        if k < 2:
            continue
        avg = float(w[inside][:, ~inside].sum()) / (k * (n - k))
        if best is None or avg < best[1]:
            best = (order[:k].tolist(), avg)
    return best


def parse_support(spec: str) -> Any:
    """``PAIRS:LEVEL[:SHARE[:FROM_SIZE]]`` as a ``cluster.Support``; "none": off;
    ``best:FROM_SIZE``: the merge's average without its best pair must reach the threshold."""
    if spec in ("", "none"):
        return None
    from sayso.claims.cluster import Support

    parts = spec.split(":")
    if parts[0] == "best":
        return Support(from_size=int(parts[1]) if len(parts) > 1 else 2, without_best=True)
    if parts[0] == "avg":  # avg:MIN_AVERAGE:FROM_SIZE
        return Support(pairs=0, from_size=int(parts[2]), min_average=float(parts[1]))
    return Support(int(parts[0]), float(parts[1]),
                   float(parts[2]) if len(parts) > 2 else 0.0,
                   int(parts[3]) if len(parts) > 3 else 2)


def feature_names(x: np.ndarray) -> list[str]:
    """Names of the columns of ``x``: rerank.FEATURES, then any structure features added."""
    return (list(rerank.FEATURES) + ADDED)[:x.shape[1]]


ADDED: list[str] = []
STRUCTURE = ("subj_same", "subj_diff", "pred_same", "pred_diff", "obj_same", "obj_diff")


def with_structure(x: np.ndarray, cols: list[int], rows: list[db.Row], i: np.ndarray,
                   j: np.ndarray, which: str) -> tuple[np.ndarray, list[int]]:
    """The pair features plus subject / predicate / object agreement of the two contents'
    main clauses (spaCy's parse, scripts/claims_prior.py; cached in cache/ by content),
    ``which``: comma-separated names of STRUCTURE to add (measured, not shipped)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from claims_prior import proposition_parts, structure_features

    cache = ROOT / "cache/claims_parts.json"
    known: dict[str, list[str]] = (json.loads(cache.read_text(encoding="utf-8"))
                                   if cache.exists() else {})
    todo = sorted({r.content for r in rows} - set(known))
    if todo:
        known.update({t: list(p) for t, p in zip(todo, proposition_parts(todo), strict=True)})
        cache.write_text(json.dumps(known), encoding="utf-8")
    parts = [tuple(known[r.content]) for r in rows]
    found = structure_features(parts, i, j, (len(i),))  # type: ignore[arg-type]
    names = [n for n in which.split(",") if n]
    ADDED[:] = names
    extra = np.column_stack([found[n] for n in names])
    return np.column_stack([x, extra]), cols + list(range(x.shape[1], x.shape[1] + len(names)))


def _commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True, check=False).stdout.strip()


CLAIMS_CARD = """# claims_pairs.npz — same-claim probability of two statements (`sayso claims build`)

- **What**: logistic regression (numpy at run time, `sayso.claims.rerank`, used by
  `sayso.claims.build.claim_edges`) over pairs of statements: the blocking/LSH candidate pairs
  plus each statement's {neighbours} nearest statements of other articles by exact MiniLM cosine.
  Features: {features}. Coefficients (standardised features): {coef}. L2 {l2}. Claims are
  average-linkage clusters of its probabilities, merged while the mean over all cross pairs
  (unscored pairs 0) is at least {threshold}. Only used with the shipped MiniLM's vectors.
- **Data**: the tune half of `tests/data/claims_gold.tsv` (issue-#15 gold, sayso authors' labels,
  ids and offsets only) matched by content span to the attributions the default pipeline
  extracts from those PolNeAR articles (texts read from ../shared at training time, never
  stored): {pairs} pairs in the store, {train} with a tune gold end and no test one
  ({positives} positive).
- **Licence**: the weights are the project's (MIT); no text is in them.
- **Script**: `scripts/train_claims_rerank.py --claims --write` (`make claims-rerank`), commit
  {commit}.
- **Metrics**: pairwise precision/recall/F1 over tune members, one clustering in which every
  labelled pair is scored by a model fitted without its claims' folds (5 folds by claim), by
  merge threshold: {cv}. Test half, once, at the chosen threshold: {test}.
- **sha256**: {sha}
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--store", type=Path, default=ROOT / "cache/claims_eval/all.duckdb")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests/data/claims_gold.tsv")
    ap.add_argument("--features", default="")
    ap.add_argument("--select", action="store_true")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--test", action="store_true")
    ap.add_argument("--claims", action="store_true", help="train the claim model of build")
    ap.add_argument("--neighbours", type=int, default=10)
    ap.add_argument("--views", action="store_true", help="views feature from stored views")
    ap.add_argument("--neighbours-by-views", action="store_true")
    ap.add_argument("--parse", default="",
                    help="structure features to add (--claims): " + ",".join(STRUCTURE))
    ap.add_argument("--max-size", type=int, default=None, help="claim size cap (--claims)")
    ap.add_argument("--support", default="",
                    help="merge rules measured (--claims), comma-separated: none, "
                         "PAIRS:LEVEL[:SHARE[:FROM_SIZE]], avg:MIN_AVERAGE:FROM_SIZE, "
                         "best:FROM_SIZE (cluster.Support); the first is the one --test "
                         "scores; --write needs none (build has no such rule)")
    ap.add_argument("--drop", type=float, default=0.0,
                    help="also rebuild without this share of statements (--claims)")
    ap.add_argument("--drop-seeds", type=int, default=3)
    args = ap.parse_args()
    if args.write and args.support.split(",")[0] not in ("", "none"):
        ap.error("--write writes the model for the average alone: put none first in --support")
    started = time.perf_counter()
    data = Data(args.store, args.gold)
    if args.claims:
        report = claims_mode(data, args)
        report["seconds"] = round(time.perf_counter() - started, 1)
        print(json.dumps(report, indent=1))
        return 0
    tune = data.queries("tune")
    x, y, qi, cj = data.pairs(tune)
    query_fold = dict(zip(tune, folds_of(data, tune), strict=True))
    fold = np.asarray([query_fold[q] for q in qi.tolist()])
    names = list(rerank.FEATURES)
    report: dict[str, Any] = {"pairs": len(y), "positives": int(y.sum()), "queries": len(tune)}
    base = (x[:, 0] + 0.5 * x[:, 1]) / 1.5
    report["tune_cosine"] = data.score("tune", ranked(qi, cj, x[:, 0]))
    report["tune_blend_0.5"] = data.score("tune", ranked(qi, cj, base))
    report["tune_oracle"] = data.score("tune", ranked(qi, cj, y + base * 1e-3))
    chosen = [names.index(n) for n in args.features.split(",") if n] or list(range(len(names)))
    if args.select:
        chosen, trail = [0], []
        best = cv_map(data, x, y, qi, cj, fold, chosen, args.l2)[0]["map@10"]
        while True:
            trials = {c: cv_map(data, x, y, qi, cj, fold, chosen + [c], args.l2)[0]["map@10"]
                      for c in range(len(names)) if c not in chosen}
            if not trials:
                break
            c, value = max(trials.items(), key=lambda kv: kv[1])
            trail.append((names[c], value))
            print(f"+{names[c]}: {value}", flush=True)
            if value <= best + 0.002:
                break
            chosen.append(c)
            best = value
        report["selection"] = trail
    report["features"] = [names[c] for c in chosen]
    report["tune_cv"], _ = cv_map(data, x, y, qi, cj, fold, chosen, args.l2)
    mean, scale, coef, bias = fit_logistic(x[:, chosen], y, args.l2)
    report["coef"] = dict(zip(report["features"], np.round(coef, 3).tolist(), strict=True))
    if args.test:
        test = data.queries("test")
        tx, _ty, tq, tc = data.pairs(test)
        s = ((tx[:, chosen] - mean) / scale) @ coef + bias
        report["test"] = data.score("test", ranked(tq, tc, s))
        report["test_blend_0.5"] = data.score(
            "test", ranked(tq, tc, (tx[:, 0] + 0.5 * tx[:, 1]) / 1.5))
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
