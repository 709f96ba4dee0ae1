"""Train the event detector (``events_detector.npz``): does a sentence report a PLOVER event?

    python scripts/train_event_detector.py collect     # parse + run the default mode, cache features
    python scripts/train_event_detector.py candidates [--pool all|more|dev|statements]
                                                       # print unjudged news sentences to judge (cache only)
    python scripts/train_event_detector.py train [--with-cameo] [--c 0.05]

Instances are sentences the rules find an event in (the detector is asked about no others), run
through the default mode (tagger pass, so the pooled encoder states are those of run time; the
detector itself switched off). Features: ``sayso.events.detect.features``.

- Positives: PLV train sentences (not its dev fifth, ``sentence_id % 5 == 0``, kept for scoring),
  the first sentences of NGEC's 4,500 synthetic stories, with ``--with-cameo`` ConfliBERT's CAMEO
  class sentences of classes 1-4 (cooperation and conflict; GPL-3.0 repository, so off for the
  shipped weights unless it pays: see docs/events.md), and the news sentences we judged as events.
- Negatives: sentences of ordinary news we judged as reporting no event
  (``tests/data/events_detector_labels.jsonl``: PolNeAR train articles, the ABC demo texts and
  HTML pages that are not in the judged set, and, the third batch, PolNeAR dev articles; ids,
  offsets, hashes and labels only).

The threshold is chosen on the training folds (five folds, by document): the lowest probability
that keeps ``KEEP`` of the positives. No sentence of ``tests/data/events_judged.jsonl`` is trained
on or offered for labelling; its articles stay in the pools only where they hold labels (their
other sentences were judged: ``left_out``). Needs ../shared and scikit-learn (``pip install -e .[train]``); run nice'd.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sayso.events.detect as detect  # noqa: E402
import sayso.events.pairs as pairs  # noqa: E402
import sayso.events.types as types  # noqa: E402
from attributions_corpus import ROOT, SHARED, doc_ids, read_text  # noqa: E402
from events_judged import JUDGED, articles  # noqa: E402
from sayso.model import Article, text_sha256  # noqa: E402
from sayso.nlp import load  # noqa: E402
from sayso.pipeline import analyse  # noqa: E402
from train_events import parse_cached, plv_rows, synthetic_texts  # noqa: E402

DATA = ROOT / "src" / "sayso" / "data"
LABELS = ROOT / "tests" / "data" / "events_detector_labels.jsonl"
CACHE = ROOT / "cache" / "detector"
# The fine-tuned reader's runs (``scripts/train_event_reader.py``: out-of-fold logits, settings).
READER_CACHE = ROOT / "cache" / "reader"
SEED = 14
POLNEAR_SAMPLE = 240  # PolNeAR train articles parsed for negatives (of 840)
# A second draw of PolNeAR train articles (the next ones of the same seeded order, none of the
# judged set's), for the labels of the second batch (statements in US election news).
POLNEAR_MORE = 100
# The third batch's pool: PolNeAR dev articles (all of them outside every judged round; the train
# articles not drawn yet are left to later judged rounds), its sentences shuffled with this seed.
DEV_SEED = 1601
# Share of the judged news events the threshold keeps (on the folds' out-of-fold scores).
KEEP = 0.85
# PLV/NGEC/CAMEO sentences are other text (single clean event sentences): at full weight the
# model learns to tell them from news rather than events from non-events (measured: out-of-fold
# AUC on the judged news 0.81 at 0.2, 0.85 without them).
EXTERNAL_WEIGHT = 0.02
# Rows of the first batch of judged labels (the shipped model's; the rest are the second batch).
FIRST_BATCH = 841
# ... and of the first two. Rows of later batches carry their batch (``"batch": 3``: sentences
# of PolNeAR dev articles).
SECOND_BATCH = 1051

Row = dict[str, Any]


def judged_rows() -> list[Row]:
    return [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line]


def judged_docs() -> set[str]:
    """The articles of the judged set (``train_event_pairs`` leaves them all out)."""
    return {row["doc_id"] for row in judged_rows()}


def left_out(rows: list[Row] | None = None, labelled: list[Row] | None = None) -> set[str]:
    """The articles the pools leave out: judged articles that hold no label. A judged article
    that holds labels stays in its pool (judged rounds from round 4 on are drawn outside the
    labelled sentences, and round 11 from the labelled articles' other sentences): only its
    labelled sentences become instances, and ``clear_of_judged`` keeps every judged sentence
    out, so a judged row costs the detector no label (before, 95 labels of 27 articles judged
    in rounds 4-10 and 176 of round 11's 64 were lost at the next ``collect``)."""
    rows = judged_rows() if rows is None else rows
    labelled = labels() if labelled is None else labelled
    return {row["doc_id"] for row in rows} - {label["doc"] for label in labelled}


def judged_sentences(rows: list[Row] | None = None) -> dict[str, list[list[int]]]:
    """Document id -> the judged rows' sentences (never labelled, never trained on; not their
    windows, which reach every mention of a coreferent actor across the article)."""
    out: dict[str, list[list[int]]] = {}
    for row in judged_rows() if rows is None else rows:
        out.setdefault(row["doc_id"], []).append(row["sentence"])
    return out


def clear_of_judged(doc: str, sentence: list[int], judged: dict[str, list[list[int]]]) -> bool:
    """No judged row's sentence meets ``sentence`` of ``doc``."""
    return not any(min(sentence[1], e) > max(sentence[0], s) for s, e in judged.get(doc, []))


def web_docs() -> list[Row]:
    """The HTML benchmark's gold texts no judged event comes from (or holding labels)."""
    judged = left_out()
    return [a for a in articles() if a["id"].startswith("html-") and a["id"] not in judged]


def news_docs() -> list[Row]:
    """PolNeAR train articles (a seeded sample) and the ABC texts no judged event comes from (or
    holding labels)."""
    judged = left_out()
    ids = doc_ids("train")
    random.Random(SEED).shuffle(ids)
    rows = [{"id": f"polnear-{i}", "text": read_text("train", i), "date": "2016-06-01"}
            for i in sorted(ids[:POLNEAR_SAMPLE]) if f"polnear-{i}" not in judged]
    rows += [a for a in articles() if a["id"].startswith("abc-") and a["id"] not in judged]
    return rows


def more_docs() -> list[Row]:
    """The next ``POLNEAR_MORE`` PolNeAR train articles of the same seeded order, none judged
    without labels (the same 100: no judged row comes from them)."""
    judged = left_out()
    ids = doc_ids("train")
    random.Random(SEED).shuffle(ids)
    chosen = [i for i in ids[POLNEAR_SAMPLE:] if f"polnear-{i}" not in judged][:POLNEAR_MORE]
    return [{"id": f"polnear-{i}", "text": read_text("train", i), "date": "2016-06-01"} for i in sorted(chosen)]


def dev_docs() -> list[Row]:
    """The PolNeAR dev articles (the third batch's pool), none of a judged round's without labels."""
    judged = left_out()
    return [{"id": f"polnear-{i}", "text": read_text("dev", i), "date": "2016-06-01"}
            for i in doc_ids("dev") if f"polnear-{i}" not in judged]


def instances(name: str, rows: list[Row], nlp: Any) -> list[Row]:
    """One instance per sentence the rules find an event in: key, features, the rules' type."""
    docs = parse_cached(nlp, [r["text"] for r in rows], f"detector_{name}")
    out: list[Row] = []
    for row, doc in zip(rows, docs, strict=True):
        result = analyse(doc, Article(doc_id=row["id"], text=row["text"], date=row.get("date")))
        states = detect.sentence_states(doc)
        if states is None:
            raise SystemExit("the tagger returns no hidden states (scripts/export_neural.py --hidden)")
        seen: set[int] = set()
        for event in result.events:
            start, end = event.trigger.spans[0]
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            sent = span.sent
            if sent.start_char in seen or sent.start_char not in states:
                continue
            seen.add(sent.start_char)
            x = detect.features(sent, states[sent.start_char], event,
                                detect.cue_class(event, result.attributions))
            out.append({"doc": row["id"], "sentence": [sent.start_char, sent.end_char],
                        "sha": text_sha256(sent.text)[:16], "type": event.type, "x": x,
                        "marks": detect.marks(sent, event),
                        "text": sent.text, "meta": {k: v for k, v in row.items() if k not in ("text",)}})
    return out


def cameo_class_rows() -> list[Row]:
    path = SHARED / "data" / "cameo" / "cameo_class" / "train.tsv"
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        text, _, label = line.rpartition("\t")
        if label.strip() in {"0", "1", "2", "3", "4"} and text:
            rows.append({"id": f"cameo-{n}", "text": text.strip().strip('"'), "cls": int(label)})
    return rows


def collect(only: list[str]) -> None:
    nlp = load()
    detect.DETECTOR.set(None)  # label what the rules find, undetected
    detect.STACKED.set(None)  # (nor the detector that stacks the fine-tuned reader)
    pairs.PAIRS.set(None)  # ... and without the pair model (trained after the detector)
    CACHE.mkdir(parents=True, exist_ok=True)
    plv = [{"id": r["id"], "text": r["text"], "fold": int(r["sentence_id"]) % 5,
            "source_span": r["source_span"]} for r in plv_rows(SHARED)]
    ngec = [{"id": f"ngec-{n}", "text": t} for n, t in enumerate(synthetic_texts(SHARED))]
    corpora = {"dev": dev_docs, "more": more_docs, "web": web_docs, "news": news_docs, "plv": lambda: plv, "ngec": lambda: ngec, "cameo": cameo_class_rows}
    for name in only or list(corpora):
        rows = corpora[name]()
        found = instances(name, rows, nlp)
        with (CACHE / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for item in found:
                fh.write(json.dumps({**item, "x": [round(float(v), 5) for v in item["x"]]}) + "\n")
        print(f"{name}: {len(rows)} texts, {len(found)} sentences with an event")


def read(name: str) -> list[Row]:
    path = CACHE / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def candidates(pool: str) -> None:
    """Unjudged news sentences with a rules event, shuffled (seeded), for judging by hand.

    ``pool``: ``all`` (the first batch: news and web), ``more`` (every sentence of the second
    PolNeAR draw), ``dev`` (every sentence of the PolNeAR dev articles: the third batch) or ``statements`` (ABC and HTML sentences whose event is a statement's: the
    kind most false events out of sample are), each shuffled with its own seed."""
    judged = {(r["doc"], tuple(r["sentence"])) for r in labels()}
    if pool == "all":
        items, seed = [*read("news"), *read("web")], SEED
    elif pool == "more":
        items, seed = read("more"), SEED * 100 + 1
    elif pool == "dev":
        items, seed = read("dev"), DEV_SEED
    else:
        # (the feature "the event is a statement's", attribution_id set: the third of the eight rule
        # features that precede the cue classes and categories in detect.features)
        statement = len(read("web")[0]["x"]) - len(detect.CUE_CLASSES) - len(detect.CATEGORIES) - 6
        items = [r for r in [*read("news"), *read("web")]
                 if not r["doc"].startswith("polnear-") and r["x"][statement] == 1.0]
        seed = SEED * 100 + 2
    seen = judged_sentences()  # never offered for labelling: a judged sentence stays a test
    items = [r for r in items if (r["doc"], tuple(r["sentence"])) not in judged
             and clear_of_judged(r["doc"], r["sentence"], seen)]
    random.Random(seed).shuffle(items)
    for item in items:
        text = " ".join(item["text"].split())
        print(f"{item['doc']}\t{item['sentence'][0]}\t{item['sentence'][1]}\t{item['type']}\t{text}")


def labels() -> list[Row]:
    if not LABELS.exists():
        return []
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line]


def dataset(with_cameo: bool, items: list[Row] | None = None
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Features, labels, fold per instance and where each comes from (and, into ``items`` when
    given, each instance's cached row, with ``batch``: the judged label's batch, 1, 2 or 3)."""
    xs, ys, folds, origin = [], [], [], []

    def add(item: Row, y: int, fold: int, name: str) -> None:
        xs.append(item["x"])
        ys.append(y)
        folds.append(fold)
        origin.append(name)
        if items is not None:
            items.append(item)

    for item in read("plv"):
        meta = item["meta"]
        if meta["fold"] == 0:
            continue  # PLV dev: held out for scoring the whole system
        span = meta.get("source_span")
        inside = span is None or item["sentence"][0] <= span[0] < item["sentence"][1]
        if inside:
            add(item, 1, meta["fold"], "plv")
    for n, item in enumerate(read("ngec")):
        add(item, 1, n % 5, "ngec")
    if with_cameo:
        for n, item in enumerate(read("cameo")):
            if item["meta"]["cls"] > 0:
                add(item, 1, n % 5, "cameo")
    judged = {(r["doc"], tuple(r["sentence"])): {**r, "batch": r.get("batch", batch_of(n))}
              for n, r in enumerate(labels())}
    used, tested = 0, judged_sentences()
    for item in [*read("news"), *read("web"), *read("more"), *read("dev")]:
        label = judged.get((item["doc"], tuple(item["sentence"])))
        if label is None:
            continue
        if not clear_of_judged(item["doc"], item["sentence"], tested):
            # A labelled sentence that a judged row also measures: kept out of training, so
            # the judged set stays out of sample (none so far: rounds are drawn outside labels).
            print(f"warning: {item['doc']} {item['sentence']}: labelled and judged, left out")
            continue
        used += 1
        if label["sha"] != item["sha"]:
            raise SystemExit(f"{item['doc']} {item['sentence']}: the sentence changed since it was judged")
        add({**item, "batch": label["batch"]}, int(label["event"]), _doc_fold(item["doc"]), "news")
    if used < len(judged):  # a parse that splits sentences differently moves them
        print(f"warning: {len(judged) - used} judged sentences are not among the collected ones")
    return np.array(xs, dtype=np.float32), np.array(ys), np.array(folds), origin


def batch_of(row: int) -> int:
    """The batch of the judged label on line ``row`` (from 0) of the labels file when the row
    names none (the first two batches)."""
    return 1 if row < FIRST_BATCH else 2 if row < SECOND_BATCH else 3


def _doc_fold(doc: str) -> int:
    return int(hashlib.sha256(doc.encode()).hexdigest(), 16) % 5


def fit(x: np.ndarray, y: np.ndarray, weights: np.ndarray, c: float) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    model = make_pipeline(StandardScaler(), LogisticRegression(
        C=c, class_weight="balanced", max_iter=5000, random_state=SEED))
    return model.fit(x, y, logisticregression__sample_weight=weights)


def script_commit(path: str) -> str:
    """The last commit that changed the script at ``path`` (for its model card), or "unknown"."""
    return subprocess.run(["git", "log", "-1", "--format=%h", "--", path], capture_output=True,
                          text=True, cwd=ROOT, check=False).stdout.strip() or "unknown"


def sentence_key(item: Row) -> str:
    """A cached sentence's key in the reader's out-of-fold logits: its document and start."""
    return f"{item['doc']}:{item['sentence'][0]}"


def reader_batches(path: Path) -> str:
    """`` --batches ...`` when the reader's out-of-fold run (its ``settings.json`` at ``path``)
    trained on fewer than all the label batches (the card says which logits were stacked), else ""."""
    if not path.exists():
        return ""
    batches = json.loads(path.read_text(encoding="utf-8")).get("batches") or []
    return "" if sorted(batches) == [1, 2, 3] else " --batches " + " ".join(map(str, batches))


def shipped_as(args: argparse.Namespace) -> str:
    """The model's file name: the stacked detector's with ``--reader``."""
    return detect.STACKED_FILE if args.reader else detect.MODEL_FILE


def with_reader(x: np.ndarray, items: list[Row], name: str) -> np.ndarray:
    """``x`` with the fine-tuned reader's out-of-fold logit as the last feature (stacked; the
    cache of ``scripts/train_event_reader.py cv --name NAME``)."""
    found = np.load(READER_CACHE / name / "oof.npz")
    logit = dict(zip(found["keys"].tolist(), found["logits"].tolist(), strict=True))
    column = np.array([logit[sentence_key(item)] for item in items], dtype=np.float32)
    if np.isnan(column).any():
        raise SystemExit(f"cache/reader/{name}: not every fold was run")
    return np.concatenate([x, column[:, None]], axis=1)


def train(args: argparse.Namespace) -> None:
    items: list[Row] = []
    x, y, folds, origin = dataset(args.with_cameo, items)
    if args.reader:
        x = with_reader(x, items, args.reader)
    names = np.array(origin)
    news = names == "news"
    weights = np.where(news, 1.0, args.external_weight)
    use = weights > 0
    print(f"{int(use.sum())} instances: " + ", ".join(
        f"{n} {int((names == n).sum())} ({int(y[names == n].sum())} positive)"
        for n in sorted(set(origin)) if weights[names == n].max() > 0))
    # Out-of-fold scores of the judged news sentences (folds by article).
    scores = np.zeros(len(y))
    for fold in range(5):
        held = news & (folds == fold)
        train_on = use & ~held & ~(news & (folds == fold))
        scores[held] = fit(x[train_on], y[train_on], weights[train_on], args.c).predict_proba(x[held])[:, 1]
    threshold = choose_threshold(scores[news], y[news], args.keep)
    lines = report(scores[news], y[news], threshold)
    final = fit(x[use], y[use], weights[use], args.c)
    scaler, logistic = final.named_steps["standardscaler"], final.named_steps["logisticregression"]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model_file = shipped_as(args)
    np.savez_compressed(out / model_file, mean=scaler.mean_.astype(np.float32),
                        scale=scaler.scale_.astype(np.float32),
                        coef=logistic.coef_[0].astype(np.float32),
                        bias=np.float32(logistic.intercept_[0]), threshold=np.float32(threshold))
    print(f"{model_file}: {x.shape[1]} features, threshold {threshold:.3f}")
    counts = {n: (int((names == n).sum()), int(y[names == n].sum())) for n in sorted(set(origin))
              if weights[names == n].max() > 0}
    write_card(args, counts, lines, x.shape[1], threshold)


def write_card(args: argparse.Namespace, counts: dict[str, tuple[int, int]], lines: list[str],
               features: int, threshold: float) -> None:
    model_file = shipped_as(args)
    path = Path(args.out) / model_file
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    data = "; ".join(f"{name} {n} sentences ({pos} events)" for name, (n, pos) in counts.items())
    commit = script_commit(__file__)
    batches = reader_batches(READER_CACHE / args.reader / "settings.json") if args.reader else ""
    card = [
        f"# Model card: event detector (`{model_file}`)",
        "",
        f"Generated by `scripts/train_event_detector.py train{' --reader ' + args.reader if args.reader else ''}` "
        f"(`make {'train-reader' if args.reader else 'train-detector'}`; script at commit {commit}).",
        "",
        *([] if args.reader else [
            f"Applied by the default mode only where `events_reader.onnx` is not shipped; with it, "
            f"`{detect.STACKED_FILE}` (`make train-reader`).", ""]),
        "- **What**: does a sentence the rules found an event in report a PLOVER event at all?",
        "  A standardised logistic regression (scikit-learn, L2, balanced classes, seed "
        f"{SEED}, C {args.c}) over {features} features: the attribution tagger's last hidden state",
        "  mean-pooled over the sentence (384; the default mode's own encoder pass), the event gate's",
        "  score, the statement cue class at the main verb, the rules' category, its probability and",
        "  whether the actors have countries (`sayso.events.detect.features`)"
        + (f"; last, the fine-tuned reader's logit (`events_reader.onnx`, stacked: its out-of-fold logits"
           f" of `scripts/train_event_reader.py cv --name {args.reader}{batches}` in training)." if args.reader else ".")
        + " See docs/events.md.",
        f"- **Training data**: {data}. `news`: sentences judged by hand",
        "  (`tests/data/events_detector_labels.jsonl`) from two seeded draws of PolNeAR train articles",
        f"  ({POLNEAR_SAMPLE} and {POLNEAR_MORE}), the ABC demo texts and HTML benchmark pages and (third batch)",
        "  the 84 PolNeAR dev articles. Articles of the judged set (`tests/data/events_judged.jsonl`)",
        "  are read only where they hold labels (only their labelled sentences, none a judged row's",
        "  sentence: `left_out`, `clear_of_judged`); the judged rows are never trained on.",
        "  PLV train (not its dev fifth) and NGEC's",
        f"  synthetic first sentences are positives at weight {args.external_weight}"
        + (", ConfliBERT CAMEO classes 1-4 too." if args.with_cameo else "."),
        f"- **Threshold** {threshold:.4f}: keeps {args.keep:.0%} of the judged news events out of fold",
        "  (five folds by article).",
        "- **Licence of the weights**: as the project (MIT); learned from copyrighted news texts that",
        "  are not in the repository (PolNeAR, ABC, HTML pages: research use).",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
        f"| `{model_file}` | {path.stat().st_size:,} | `{digest}` |",
        "",
        "## Out of fold, on the judged news sentences",
        "",
        "```",
        *lines,
        "```",
        "",
    ]
    (Path(args.out) / model_file.replace(".npz", ".md")).write_text("\n".join(card), encoding="utf-8")


def choose_threshold(scores: np.ndarray, y: np.ndarray, keep: float) -> float:
    """The highest probability that still keeps ``keep`` of the judged positives (out of fold)."""
    return float(np.quantile(scores[y == 1], 1.0 - keep, method="lower"))


def report(scores: np.ndarray, y: np.ndarray, threshold: float) -> list[str]:
    """Out-of-fold, on the judged news sentences: AUC, and what each threshold keeps."""
    from sklearn.metrics import roc_auc_score

    lines = [f"judged news sentences: {len(y)} ({int(y.sum())} events), out-of-fold AUC "
             f"{roc_auc_score(y, scores):.3f}"]
    for t in sorted({threshold, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7}):
        kept = scores >= t
        precision = y[kept].mean() if kept.any() else float("nan")
        mark = "*" if t == threshold else " "
        lines.append(f" {mark} {t:.3f}: events kept {kept[y == 1].mean():.3f}, non-events dropped "
                     f"{1 - kept[y == 0].mean():.3f}, share of kept that are events {precision:.3f} "
                     f"(all: {y.mean():.3f})")
    print("\n".join(lines))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("collect", "candidates", "train"))
    parser.add_argument("corpora", nargs="*", help="collect: dev, more, web, news, plv, ngec, cameo (default all)")
    parser.add_argument("--with-cameo", action="store_true")
    parser.add_argument("--pool", choices=("all", "more", "dev", "statements"), default="all",
                        help="candidates: which sentences to draw from")
    parser.add_argument("--c", type=float, default=0.03, help="inverse L2 regularisation")
    parser.add_argument("--keep", type=float, default=KEEP)
    parser.add_argument("--reader", default="",
                        help="train: stack the fine-tuned reader's out-of-fold logits (cache/reader/NAME)")
    parser.add_argument("--out", default=str(DATA), help="folder for the model and its card")
    parser.add_argument("--external-weight", type=float, default=EXTERNAL_WEIGHT,
                        help="weight of PLV/NGEC/CAMEO positives against a judged news sentence")
    args = parser.parse_args()
    # The type classifier (sayso.events.types) acts on what these models produce, after them:
    # they learn and are measured without it (scripts/train_event_types.py measures the fusion).
    types.TYPES.set(None)
    if args.step == "collect":
        collect(args.corpora)
    elif args.step == "candidates":
        candidates(args.pool)
    else:
        train(args)


if __name__ == "__main__":
    main()
