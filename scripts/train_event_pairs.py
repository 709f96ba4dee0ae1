"""Train the event pair model (``events_pairs.npz``): category and roles from the encoder states.

    python scripts/train_event_pairs.py collect   # per PLV fold: rules trained on the other four,
                                                   # default mode on the fold, pair tables cached
    python scripts/train_event_pairs.py cv        # per fold: pair model fitted on the other four,
                                                   # whole pipeline on the fold (permissive), traced
    python scripts/train_event_pairs.py sweep     # thresholds scored on the traced CV (score_plv)
    python scripts/train_event_pairs.py train     # fit on all folds, write the model and its card
    python scripts/train_event_pairs.py all       # the four in order, with the chosen setting's
                                                   # own CV run before train (make train-pairs)

Instances are PLV train items (all five folds, ``sentence_id % 5``): every (source, target) pair of
the candidates of the sentence holding the gold source (``sayso.events.pairs.table``), a pair
positive when its mentions overlap the gold source and target spans. The rules' features of a
fold's items come from event models trained on the other four folds (as at run time, where the
rules never saw the text), and the tagger's states from the default mode's own pass. The type
model learns from the gold pairs, with the rules' category model's probabilities for the pair.

Thresholds (add an event, re-type the rules' event) are chosen by 5-fold CV accuracy on PLV; the
judged news set is never read here. Needs ../shared and scikit-learn; run nice'd.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sayso.events as events_pkg  # noqa: E402
from attributions_corpus import doc_ids, read_text  # noqa: E402
from events_judged import articles  # noqa: E402
from sayso.attributions.tagger import HIDDEN_SIZE  # noqa: E402
from sayso.events import pairs, types  # noqa: E402
from sayso.events.detect import CATEGORIES  # noqa: E402
from sayso.events.extract import speech_lemmas  # noqa: E402
from sayso.events.frames import argument_tokens, frame_for, main_verb, mention_tokens  # noqa: E402
from sayso.model import Article  # noqa: E402
from sayso.nlp import load  # noqa: E402
from sayso.pipeline import analyse  # noqa: E402
from train_event_detector import judged_docs  # noqa: E402
from train_events import (  # noqa: E402
    ROOT,
    load_scorer,
    overlaps,
    parse_cached,
    plv_rows,
    sentence_of,
    train_models,
    use,
    yield_split,
)

DATA = ROOT / "src" / "sayso" / "data"
CACHE = ROOT / "cache" / "pairs"
SHARED = ROOT.parent / "shared"
SEED = 14
C_PAIR = 0.01
C_TYPE = 0.05
# News negatives: PolNeAR train articles sampled (with the ABC and HTML texts), sentences kept.
POLNEAR_NEWS = 40
MAX_NEWS = 2500
# An added event per this many news sentences without a rules event, at most (out of fold): most
# such sentences report no event (the judged set: the rules' false events are two thirds
# statements and descriptions), so adds there are mostly false.
NEWS_ADD_RATE = 0.005
# What the CV run applies (everything), so that the sweep can replay any stricter setting.
PERMISSIVE = {"add": 0.0, "type_min": 0.0, "rerole": 0.0, "retype": 0.0, "retype_below": 1.01}
OFF = 2.0
ADD_GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, OFF)
TYPE_MIN_GRID = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
# An added event must be right (covering the gold pair with its category) at least this often in
# CV: the lowest type_min that gets there.
ADDED_PRECISION = 0.5
REROLE_GRID = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9, OFF)
RETYPE_GRID = (0.5, 0.7, 0.9, OFF)
BELOW_GRID = (0.3, 0.6, 1.01)
# CV accuracy differences under this are noise (5 of 1,050 items).
TIE = 0.005

Row = dict[str, Any]


def rules_args() -> argparse.Namespace:
    """The options ``train_events.py`` trains the shipped rules' models with."""
    return argparse.Namespace(shared=SHARED, no_synthetic=False, synthetic_weight=0.1, with_cameo=False,
                              c_rank=0.3, c_target=3.0, c_type=2.0, pair=False, c_pair=1.0)


def fold_of(row: Row) -> int:
    return int(row["sentence_id"]) % 5


def rules_for(fold: int, rows: list[Row], docs: list[Any], nlp: Any) -> None:
    """Install the rules' models trained without ``fold`` (cached per fold)."""
    path = CACHE / f"rules_fold{fold}.pkl"
    if path.exists():
        models = pickle.loads(path.read_bytes())
    else:
        train = [(r, d) for r, d in zip(rows, docs, strict=True) if fold_of(r) != fold]
        models = train_models([r for r, _ in train], [d for _, d in train], rules_args(), nlp)
        path.write_bytes(pickle.dumps(models))
    use(models)


def instance(row: Row, doc: Any) -> Row | None:
    """The default mode over ``row`` (the pair model off), then the gold sentence's pair table."""
    result = analyse(doc, Article(doc_id=row["id"], text=row["text"]))
    sent = sentence_of(doc, row["source_span"])
    root = main_verb(sent)
    inside = [e for e in result.events if sent.start_char <= e.trigger.spans[0][0] < sent.end_char]
    attribution = events_pkg._attribution_at(root, result.attributions, events_pkg._cue_chars(result.attributions))
    cue = (attribution.cue_class or "other") if attribution is not None else "none"
    table = pairs.table(sent, root, cue, inside, None)
    if table is None:
        return None
    labels = [int(covers(doc[table.cands[a]], doc[table.cands[b]], row["source_span"])
                  and covers(doc[table.cands[b]], doc[table.cands[a]], row["target_span"]))
              if row["source_span"] is not None and row["target_span"] is not None else 0
              for a, b in table.pairs]
    gold = next((k for k, y in enumerate(labels) if y), None)
    frame = frame_for(root, speech_lemmas())
    rules_probs = None
    if gold is not None:
        a, b = table.pairs[gold]
        rules_probs = pairs.rules_type_probabilities(sent, frame, doc[table.cands[a]], doc[table.cands[b]],
                                                     attribution.cue_class if attribution else None)
    label = row["label"].upper()
    if label == "YIELD":
        label = yield_split(frame.chain, sent.text)
    return {"id": row["id"], "fold": fold_of(row), "table": table, "labels": np.array(labels, dtype=np.int8),
            "gold": gold, "rules_probs": rules_probs, "label": label}


def covers(head: Any, other: Any, span: list[int]) -> bool:
    """Would the actor built for ``head`` (its mention, widened to its argument phrase unless that
    holds ``other``, as ``sayso.events._widened`` does) overlap the gold ``span``, as score_plv
    matches?"""
    if overlaps(mention_tokens(head), span):
        return True
    phrase = argument_tokens(head)
    return not phrase[0].i <= other.i <= phrase[-1].i and overlaps(phrase, span)


def news_rows() -> list[Row]:
    """Running news no judged event comes from: the ABC demo texts and HTML pages the detector
    trains on, and a seeded sample of PolNeAR train articles."""
    judged = judged_docs()
    ids = doc_ids("train")
    random.Random(SEED).shuffle(ids)
    rows = [{"id": f"polnear-{i}", "text": read_text("train", i), "date": "2016-06-01"}
            for i in sorted(ids[:POLNEAR_NEWS])]
    rows += [a for a in articles() if a["id"] not in judged]
    for row in rows:
        row["fold"] = int(hashlib.sha256(row["id"].encode()).hexdigest(), 16) % 5
    return rows


def dummy_model() -> pairs.PairModel:
    """A pair model that changes nothing (so that ``_learned`` runs and hands out its tables)."""
    size = 4 * HIDDEN_SIZE + len(pairs.hand_names())
    lin = pairs.Linear(np.zeros(size, np.float32), np.ones(size, np.float32), np.zeros((size, 1), np.float32),
                       np.zeros(1, np.float32))
    typed = pairs.Linear(np.zeros(size + 16, np.float32), np.ones(size + 16, np.float32),
                         np.zeros((size + 16, 16), np.float32), np.zeros(16, np.float32))
    return pairs.PairModel(lin, typed, CATEGORIES, OFF, 0.0, OFF, OFF, -1.0, "")


def collect_news(nlp: Any) -> None:
    """Negatives: the pairs of news sentences the rules find no event in (the only ones the
    pair model adds to); most such sentences report none. The shipped rules' models."""
    rows = news_rows()
    docs = parse_cached(nlp, [r["text"] for r in rows], "pairs_news")
    use({})
    pairs.PAIRS.set(dummy_model())
    events_pkg.TABLES = []
    for row, doc in zip(rows, docs, strict=True):
        analyse(doc, Article(doc_id=row["id"], text=row["text"], date=row.get("date")))
    tables = [t for t in events_pkg.TABLES if not t["rules"]]
    events_pkg.TABLES = None
    folds = {r["id"]: r["fold"] for r in rows}
    random.Random(SEED).shuffle(tables)
    kept = [{"id": t["doc"], "fold": folds[t["doc"]], "table": t["table"], "gold": None,
             "labels": np.zeros(len(t["table"].pairs), dtype=np.int8)} for t in tables[:MAX_NEWS]]
    (CACHE / "news.pkl").write_bytes(pickle.dumps(kept))
    (CACHE / "news_eligible.json").write_text(json.dumps({f"{t['doc']}:{t['sentence']}": folds[t["doc"]]
                                                          for t in tables}), encoding="utf-8")
    print(f"news: {len(rows)} articles, {len(tables)} sentences the pair model may add to, "
          f"{len(kept)} kept as negatives", flush=True)
    pairs.PAIRS.set(None)


def collect() -> None:
    nlp = load()
    rows = plv_rows(SHARED)
    docs = parse_cached(nlp, [r["text"] for r in rows], "plv_train")
    CACHE.mkdir(parents=True, exist_ok=True)
    pairs.PAIRS.set(None)
    collect_news(nlp)
    for fold in range(5):
        rules_for(fold, rows, docs, nlp)
        found = [instance(r, d) for r, d in zip(rows, docs, strict=True) if fold_of(r) == fold]
        kept = [f for f in found if f is not None]
        (CACHE / f"fold{fold}.pkl").write_bytes(pickle.dumps(kept))
        golds = sum(1 for f in kept if f["gold"] is not None)
        n_pairs = sum(len(f["labels"]) for f in kept)
        print(f"fold {fold}: {len(found)} items, {len(kept)} with pairs, gold pair among them {golds}, "
              f"{n_pairs} pairs", flush=True)


def load_folds() -> list[list[Row]]:
    """PLV items and news negatives, by fold."""
    folds: list[list[Row]] = [pickle.loads((CACHE / f"fold{k}.pkl").read_bytes()) for k in range(5)]
    for item in pickle.loads((CACHE / "news.pkl").read_bytes()):
        folds[item["fold"]].append(item)
    return folds


def standardised(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    return mean.astype(np.float32), scale.astype(np.float32)


def fit_linear(x: np.ndarray, y: np.ndarray, c: float, balanced: bool) -> pairs.Linear:
    from sklearn.linear_model import LogisticRegression

    mean, scale = standardised(x)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced" if balanced else None,
                               random_state=SEED)
    model.fit((x - mean) / scale, y)
    coef = model.coef_.T.astype(np.float32)
    return pairs.Linear(mean, scale, coef, model.intercept_.astype(np.float32))


def fit(items: list[Row], thresholds: dict[str, float], c_pair: float, c_type: float) -> pairs.PairModel:
    xs, ys = [], []
    tx, ty = [], []
    for item in items:
        x = pairs.matrix(item["table"])
        xs.append(x)
        ys.append(item["labels"])
        if item["gold"] is not None and item["label"] in CATEGORIES:
            tx.append(np.concatenate([x[item["gold"]], item["rules_probs"]]))
            ty.append(CATEGORIES.index(item["label"]))
    pair_model = fit_linear(np.vstack(xs), np.concatenate(ys), c_pair, True)
    type_x, type_y = np.array(tx), np.array(ty)
    type_model = fit_linear(type_x, type_y, c_type, False)
    classes = tuple(CATEGORIES[k] for k in sorted(set(type_y.tolist())))
    return pairs.PairModel(pair_model, type_model, classes, thresholds["add"], thresholds["type_min"],
                           thresholds["rerole"],
                           thresholds["retype"], thresholds["retype_below"], pairs.tagger_sha256() or "")


def cross_validate(args: argparse.Namespace, thresholds: dict[str, float] | None = None) -> None:
    """Per fold: the pair model fitted on the other four folds, the whole pipeline on the fold.
    Without ``thresholds`` permissive, predictions and the pair model's trace cached for the
    sweep; with them, the CV of that setting scored (``cache/pairs/cv.txt``)."""
    folds = load_folds()
    nlp = load()
    rows = plv_rows(SHARED)
    docs = parse_cached(nlp, [r["text"] for r in rows], "plv_train")
    news = news_rows()
    news_docs = parse_cached(nlp, [r["text"] for r in news], "pairs_news")
    preds: list[Row] = []
    news_preds: list[Row] = []
    trace: list[Row] = []
    for fold in range(5):
        rules_for(fold, rows, docs, nlp)
        train = [i for k, items in enumerate(folds) if k != fold for i in items]
        pairs.PAIRS.set(fit(train, thresholds or PERMISSIVE, args.c_pair, args.c_type))
        events_pkg.TRACE = []
        for row, doc in zip(rows, docs, strict=True):
            if fold_of(row) == fold:
                result = analyse(doc, Article(doc_id=row["id"], text=row["text"]))
                preds.append({"id": row["id"], "events": [e.to_dict() for e in result.events]})
        for row, doc in zip(news, news_docs, strict=True):
            if row["fold"] == fold:
                result = analyse(doc, Article(doc_id=row["id"], text=row["text"], date=row.get("date")))
                news_preds.append({"id": row["id"], "events": [e.to_dict() for e in result.events]})
        trace.extend(events_pkg.TRACE)
        events_pkg.TRACE = None
        print(f"fold {fold}: {len(preds)} items so far, {len(trace)} traced changes", flush=True)
    if thresholds is None:
        (CACHE / "cv_preds.json").write_text(json.dumps({"preds": preds, "news": news_preds, "trace": trace}),
                                             encoding="utf-8")
        return
    scorer = load_scorer(SHARED)
    lines = [f"5-fold CV, the whole pipeline with {thresholds}:"]
    for fold in range(5):
        ids = {r["id"] for r in rows if fold_of(r) == fold}
        lines.append(f"fold {fold}: {summary(scorer.score([r for r in rows if r['id'] in ids], [p for p in preds if p['id'] in ids]))}")
    lines.append(f"pooled: {summary(scorer.score(rows, preds))}")
    eligible = len(json.loads((CACHE / "news_eligible.json").read_text(encoding="utf-8")))
    added = sum(1 for t in trace if t["kind"] == "add" and t["doc"] in {p["id"] for p in news_preds}
                and any(_key(e) == _key(t["event"]) for p in news_preds if p["id"] == t["doc"] for e in p["events"]))
    lines.append(f"news (out of fold): {added} events added to {eligible} sentences without a rules event")
    print("\n".join(lines))
    (CACHE / "cv.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _key(event: Row) -> str:
    return json.dumps({k: v for k, v in event.items() if k != "id"}, sort_keys=True)


def replay(preds: list[Row], trace: list[Row], setting: dict[str, float], append: bool = False) -> list[Row]:
    """The CV predictions as a stricter ``setting`` would have made them (the trace says which
    event the pair model added, moved or re-typed, with what certainty, and what it replaced);
    ``append``: a moved event is added after the rules' one instead of replacing it."""
    changes = {(t["doc"], _key(t["event"])): t for t in trace}
    out = []
    for pred in preds:
        kept: list[Row] = []
        for event in pred["events"]:
            change = changes.get((pred["id"], _key(event)))
            if change is None:
                kept.append(event)
            elif change["kind"] == "add":
                if change["p"] >= setting["add"] and event["confidence"] >= setting["type_min"]:
                    kept.append(event)
            elif change["kind"] == "rerole":
                applies = change["p"] >= setting["rerole"]
                kept.extend(([change["old"], event] if append else [event]) if applies else [change["old"]])
            elif change["p"] >= setting["retype"] and change["old"]["confidence"] < setting["retype_below"]:
                kept.append(event)
            else:
                kept.append(change["old"])
        out.append({"id": pred["id"], "events": kept})
    return out


def sweep(args: argparse.Namespace) -> dict[str, float]:
    """Every setting replayed on the traced CV; the chosen one (``choose``) returned."""
    found = json.loads((CACHE / "cv_preds.json").read_text(encoding="utf-8"))
    scorer = load_scorer(SHARED)
    gold = plv_rows(SHARED)
    items = {r["id"]: r for r in gold}
    shown = {(p["id"], _key(e)) for p in found["news"] for e in p["events"]}
    news_adds = [(t["p"], t["event"]["confidence"]) for t in found["trace"]
                 if t["kind"] == "add" and (t["doc"], _key(t["event"])) in shown]
    eligible = len(json.loads((CACHE / "news_eligible.json").read_text(encoding="utf-8")))
    plv_adds = []
    for change in found["trace"]:
        if change["kind"] == "add" and change["doc"] in items:
            item = items[change["doc"]]
            kind = scorer.predict(item, [change["event"]])
            if item["label"] == "YIELD" and kind in ("CONCEDE", "RETREAT"):
                kind = "YIELD"
            plv_adds.append((change["p"], change["event"]["confidence"], kind == item["label"]))

    def run(append: bool = False, **setting: float) -> Row:
        full = {"add": OFF, "type_min": 0.0, "rerole": OFF, "retype": OFF, "retype_below": -1.0, **setting}
        return scorer.score(gold, replay(found["preds"], found["trace"], full, append))

    def adds(add: float, type_min: float) -> tuple[float, float]:
        """Share of PLV's added events that are right; added news events per eligible sentence."""
        right = [ok for p, c, ok in plv_adds if p >= add and c >= type_min]
        news = sum(1 for p, c in news_adds if p >= add and c >= type_min)
        return (sum(right) / len(right) if right else 0.0), news / max(eligible, 1)

    lines = [f"rules alone (pair model off): {summary(run())}",
             f"news: {eligible} sentences without a rules event in the held-out articles"]
    for add in ADD_GRID[:-1]:
        for floor in TYPE_MIN_GRID:
            right, rate = adds(add, floor)
            lines.append(f"add >= {add:.2f}, category >= {floor:.1f}: {summary(run(add=add, type_min=floor))}; "
                         f"added right {right:.2f}, news add rate {rate:.4f}")
    lines += [f"move >= {m:.2f} only: {summary(run(rerole=m))}" for m in REROLE_GRID]
    lines += [f"second event >= {m:.2f} only: {summary(run(True, rerole=m))}" for m in REROLE_GRID]
    lines += [f"retype >= {r:.2f} below {b:.2f} only: {summary(run(retype=r, retype_below=b))}"
              for r in RETYPE_GRID for b in BELOW_GRID]
    chosen = choose(run, adds)
    lines.append(f"chosen: {chosen}: {summary(run(**chosen))}")
    print("\n".join(lines))
    (CACHE / "sweep.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return chosen


def choose(run: Any, adds: Any) -> dict[str, float]:
    """Adding: among the (pair, category) floors whose added events are right at least
    ``ADDED_PRECISION`` of the time on PLV and come at most once per ``1 / NEWS_ADD_RATE`` news
    sentences, the strictest within ``TIE`` of the best CV accuracy (none qualifying: off). Then
    moving and re-typing, each only where it gains at least ``TIE``."""
    chosen = {"add": OFF, "type_min": 0.0, "rerole": OFF, "retype": OFF, "retype_below": -1.0}
    feasible = []
    for add in ADD_GRID[:-1]:
        for floor in TYPE_MIN_GRID:
            right, rate = adds(add, floor)
            if right >= ADDED_PRECISION and rate <= NEWS_ADD_RATE:
                feasible.append((run(add=add, type_min=floor)["accuracy"], {"add": add, "type_min": floor}))
    if feasible and max(a for a, _ in feasible) >= run()["accuracy"] + TIE:
        best = max(a for a, _ in feasible)
        chosen.update(max((s for a, s in feasible if a >= best - TIE), key=lambda s: (s["add"], s["type_min"])))
    for grid in ([{"rerole": m} for m in REROLE_GRID],
                 [{"retype": r, "retype_below": b} for r in RETYPE_GRID for b in BELOW_GRID]):
        base = run(**chosen)["accuracy"]
        scored = [(run(**{**chosen, **step})["accuracy"], step) for step in grid]
        best = max(score for score, _ in scored)
        if best >= base + TIE:
            near = [step for score, step in scored if score >= best - TIE]
            chosen.update(max(near, key=lambda step: (min(v for k, v in step.items() if k != "retype_below"),
                                                      -step.get("retype_below", 0.0))))
    return chosen


def summary(r: Row) -> str:
    return " ".join(f"{k} {r[k]:.3f}" for k in ("accuracy", "macro_f1", "coverage", "accuracy_on_covered"))


def train(args: argparse.Namespace, thresholds: dict[str, float]) -> None:
    items = [i for items in load_folds() for i in items]
    final = fit(items, thresholds, args.c_pair, args.c_type)
    out = Path(args.out)
    arrays: dict[str, Any] = {"classes": np.array(final.classes), "add": np.float32(final.add),
                              "type_min": np.float32(final.type_min),
                              "rerole": np.float32(final.rerole),
                              "retype": np.float32(final.retype),
                              "retype_below": np.float32(final.retype_below),
                              "tagger_sha256": np.array(final.tagger_sha256)}
    for name, lin in (("pair", final.pair), ("type", final.type)):
        arrays.update({f"{name}_mean": lin.mean, f"{name}_scale": lin.scale,
                       f"{name}_coef": lin.coef.astype(np.float32), f"{name}_bias": lin.bias})
    np.savez_compressed(out / pairs.MODEL_FILE, **arrays)
    write_card(args, final, items)
    print(f"{pairs.MODEL_FILE}: thresholds {thresholds}")


def write_card(args: argparse.Namespace, final: pairs.PairModel, items: list[Row]) -> None:
    path = Path(args.out) / pairs.MODEL_FILE
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True, check=False).stdout.strip()
    golds = sum(1 for i in items if i["gold"] is not None)
    news = sum(1 for i in items if "label" not in i)
    n_pairs = sum(len(i["labels"]) for i in items)
    cv = "\n".join((CACHE / name).read_text(encoding="utf-8") for name in ("sweep.txt", "cv.txt")
                   if (CACHE / name).exists())
    card = [
        f"# Model card: event pair model (`{pairs.MODEL_FILE}`)",
        "",
        f"Generated by `scripts/train_event_pairs.py` (`make train-pairs`) at commit {commit or 'unknown'}.",
        "",
        "- **What**: for every (source, target) pair of a sentence's candidate noun phrases, is it the",
        "  pair of a PLOVER event (`pair`, binary), and its category (`type`, 16 classes). Standardised",
        f"  logistic regressions (scikit-learn, L2, seed {SEED}; pair C {args.c_pair}, balanced classes;",
        f"  type C {args.c_type}) over the attribution tagger's hidden states (mean over source mention,",
        "  target mention, main verb, sentence: 4 x 384) and the rules' view of the pair",
        f"  ({len(pairs.hand_names())} features, `sayso.events.pairs.hand_names`); the type model also",
        "  reads the rules' category model's probabilities for the pair. See docs/events.md.",
        f"- **Training data**: PLV train (1,050 items, all five folds) and, as negatives, {news} sentences",
        "  of running news the rules find no event in (ABC demo texts and HTML pages no judged event",
        f"  comes from, {POLNEAR_NEWS} PolNeAR train articles); {golds} PLV items whose gold pair is among",
        f"  the candidate pairs; {n_pairs} pairs in all. The rules' features of each PLV fold come from",
        "  event models trained on the other four.",
        f"- **Thresholds** (5-fold CV): add an event at pair probability {final.add} with a category",
        f"  probability of at least {final.type_min} (added events right at least {ADDED_PRECISION:.0%} of the time on PLV,",
        f"  at most {NEWS_ADD_RATE:.1%} of held-out news sentences given one), move the rules'",
        f"  event to another pair {final.rerole} surer, re-type at {final.retype} when the rules'",
        f"  probability is below {final.retype_below} ({OFF}: never).",
        f"- **Tagger**: trained on the states of `attribution_tagger.onnx` sha256 `{final.tagger_sha256}`;",
        "  with another tagger the model is not used (retrain: `make train-pairs`).",
        "- **Licence of the weights**: as the project (MIT); learned from PLV (research use), not in",
        "  the repository.",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
        f"| `{pairs.MODEL_FILE}` | {path.stat().st_size:,} | `{digest}` |",
        "",
        "## 5-fold CV on PLV train (score_plv.py)",
        "",
        "```",
        cv.strip(),
        "```",
        "",
    ]
    (Path(args.out) / "events_pairs.md").write_text("\n".join(card), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("collect", "cv", "sweep", "train", "all"))
    parser.add_argument("--c-pair", type=float, default=C_PAIR)
    parser.add_argument("--c-type", type=float, default=C_TYPE)
    parser.add_argument("--out", default=str(DATA))
    args = parser.parse_args()
    # The type classifier (sayso.events.types) acts on what these models produce, after them:
    # they learn and are measured without it (scripts/train_event_types.py measures the fusion).
    types.TYPES.set(None)
    if args.step in ("collect", "all"):
        collect()
    if args.step in ("cv", "all"):
        cross_validate(args)
    if args.step in ("sweep", "train", "all"):
        thresholds = sweep(args)
        if args.step == "all":
            cross_validate(args, thresholds)
        if args.step != "sweep":
            train(args, thresholds)


if __name__ == "__main__":
    main()
