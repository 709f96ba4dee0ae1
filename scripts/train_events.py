"""Train sayso's event models (source/target rankers, PLOVER category classifier).

Reads ../shared/data (never copied): PLV train (``plv/plv_train.jsonl``; sentences whose
``sentence_id`` is divisible by 5 are held out as our dev split and never trained on) and the NGEC
synthetic stories (first sentence of each, lower weight); with ``--with-cameo`` also ConfliBERT's
source/target-tagged sentences (``cameo/cameo_ner``) for the rankers. Writes ``events_source.npz``,
``events_target.npz`` and ``events_type.npz`` to src/sayso/data/ and the dev gold to
``cache/plv_dev.jsonl`` for scoring with ../shared/eval/score_plv.py.

PLV labels YIELD where PLOVER has CONCEDE and RETREAT; training splits YIELD by the predicate
(release/withdraw/return... -> RETREAT, else CONCEDE) so the model speaks current PLOVER.

``--cv`` writes no model: it trains on four of five folds of all PLV train (``sentence_id % 5``)
and runs the whole pipeline (attributions, speakers, events) on the fifth, scoring each fold and
the pooled predictions with ../shared/eval/score_plv.py (fold 0 is the dev split).

``--pair`` also trains the joint (source, target) pair ranker ``events_pair.npz``, used by
extraction whenever that file exists (not shipped: +1.1 CV points for about 12% more time in the
events stage, see docs/events.md).

Usage: python scripts/train_events.py [--shared ../shared] [--no-synthetic] [--pair] [--cv [--cv-out FILE]]
Needs scikit-learn (``pip install -e .[train]``); 2 CPU cores, about 15 seconds once parses are
cached (``--cv``: about a minute).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span, Token

import cameo_data
from sayso.events import extract, types
from sayso.events.extract import PAIR_MODEL, core_code, rank, speech_lemmas
from sayso.events.features import (
    candidate_features,
    candidates,
    frame_features,
    pair_features,
    target_features,
)
from sayso.events.frames import frame_for, main_verb, mention_tokens
from sayso.events.types import RETREAT_VERBS, RETREAT_WORDS
from sayso.knowledge import linear
from sayso.model import Article
from sayso.nlp import PARSE_VERSION, load
from sayso.pipeline import analyse

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "sayso" / "data"
CACHE = ROOT / "cache"
SYNTHETIC_WEIGHT = 0.1


def parse_cached(nlp: Language, texts: list[str], name: str) -> list[Doc]:
    path = CACHE / f"{name}.v{PARSE_VERSION}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            return docs
    docs = list(nlp.pipe(texts, batch_size=64))
    CACHE.mkdir(exist_ok=True)
    bin_ = DocBin(store_user_data=False)
    for doc in docs:
        bin_.add(doc)
    bin_.to_disk(path)
    return docs


def sentence_of(doc: Doc, span: list[int] | None) -> Span:
    if span is not None:
        for sent in doc.sents:
            if sent.start_char <= span[0] < sent.end_char:
                return sent
    return max(doc.sents, key=len)


def overlaps(tokens: list[Token], span: list[int] | None) -> bool:
    if span is None or not tokens:
        return False
    return tokens[0].idx < span[1] and span[0] < tokens[-1].idx + len(tokens[-1].text)


def yield_split(chain: list[Token], text: str) -> str:
    lemmas = {t.lemma_.lower() for t in chain}
    if lemmas & RETREAT_VERBS or RETREAT_WORDS.search(text):
        return "RETREAT"
    return "CONCEDE"


def plv_rows(shared: Path) -> list[dict[str, Any]]:
    path = shared / "data" / "plv" / "plv_train.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def cameo_rows(shared: Path) -> list[dict[str, Any]]:
    """ConfliBERT's source/target tagged sentences (Multi-CoPED) as PLV-like rows: the first
    source and first target phrase, for training the rankers only (no PLOVER labels there)."""
    rows = []
    for row in cameo_data.ner_rows(shared / "data" / "cameo" / "cameo_ner" / "train.txt"):
        if "S" in row["spans"] and "T" in row["spans"]:
            rows.append({"text": row["text"], "source_span": row["spans"]["S"][0],
                         "target_span": row["spans"]["T"][0]})
    return rows


def is_dev(row: dict[str, Any]) -> bool:
    return int(row["sentence_id"]) % 5 == 0


def ranker_data(rows: list[dict[str, Any]], docs: list[Doc]) -> tuple[list[Any], list[int], list[Any], list[int]]:
    src_x, src_y, tgt_x, tgt_y = [], [], [], []
    for row, doc in zip(rows, docs, strict=True):
        sent = sentence_of(doc, row["source_span"])
        root = main_verb(sent)
        source = gold_head(sent, row["source_span"])
        for n, cand in enumerate(candidates(sent)):
            mention = mention_tokens(cand)
            feats = candidate_features(cand, root, n, core_code(cand, "2020-01-01"), sent.start)
            if row["source_span"] is not None:
                src_x.append(feats)
                src_y.append(int(overlaps(mention, row["source_span"])))
            if row["target_span"] is not None and not overlaps(mention, row["source_span"]):
                tgt_x.append({**feats, **target_features(cand, source)} if source is not None else feats)
                tgt_y.append(int(overlaps(mention, row["target_span"])))
    return src_x, src_y, tgt_x, tgt_y


def pair_data(rows: list[dict[str, Any]], docs: list[Doc]) -> tuple[list[Any], list[int]]:
    """Every (source, target) candidate pair of a sentence whose gold pair is among them; a pair
    is positive when its mentions overlap the gold source and target spans."""
    xs: list[Any] = []
    ys: list[int] = []
    speech = speech_lemmas()
    for row, doc in zip(rows, docs, strict=True):
        if row["source_span"] is None or row["target_span"] is None:
            continue
        sent = sentence_of(doc, row["source_span"])
        root = main_verb(sent)
        cands = candidates(sent)
        mentions = [mention_tokens(c) for c in cands]
        codes = [core_code(c, "2020-01-01", m) for c, m in zip(cands, mentions, strict=True)]
        feats = [candidate_features(c, root, n, codes[n], sent.start, mentions[n]) for n, c in enumerate(cands)]
        is_s = [overlaps(m, row["source_span"]) for m in mentions]
        is_t = [overlaps(m, row["target_span"]) for m in mentions]
        pairs = [(i, j) for i in range(len(cands)) for j in range(len(cands))
                 if j != i and not (mentions[j][0].i <= mentions[i][-1].i and mentions[i][0].i <= mentions[j][-1].i)
                 and cands[j].i not in {c.i for c in cands[i].conjuncts}]
        if not any(is_s[i] and is_t[j] for i, j in pairs):
            continue
        for i, j in pairs:
            x = {f"s:{k}": v for k, v in feats[i].items()}
            x.update({f"t:{k}": v for k, v in feats[j].items()})
            x.update(target_features(cands[j], cands[i]))
            x.update(pair_features(cands[i], cands[j], speech, (codes[i], codes[j])))
            xs.append(x)
            ys.append(int(is_s[i] and is_t[j]))
    return xs, ys


def gold_head(sent: Span, span: list[int] | None) -> Token | None:
    for cand in candidates(sent):
        if overlaps(mention_tokens(cand), span):
            return cand
    return None


def type_data(rows: list[dict[str, Any]], docs: list[Doc]) -> tuple[list[Any], list[str]]:
    xs, ys = [], []
    for row, doc in zip(rows, docs, strict=True):
        sent = sentence_of(doc, row["source_span"])
        frame = frame_for(main_verb(sent), speech_lemmas())
        source = gold_head(sent, row["source_span"])
        target = gold_head(sent, row["target_span"])
        label = row["label"]
        if label == "YIELD":
            label = yield_split(frame.chain, sent.text)
        xs.append(frame_features(sent, frame.chain, source, target, None))
        ys.append(label)
    return xs, ys


def synthetic_rows(shared: Path) -> list[dict[str, str]]:
    """NGEC's synthetic stories (label, text)."""
    path = shared / "data" / "dictionaries" / "gpt_synthetic_events_2023-10-19_19.csv.zip"
    with zipfile.ZipFile(path) as zf:
        name = zf.namelist()[0]
        return list(csv.DictReader(io.TextIOWrapper(zf.open(name), encoding="utf-8")))


def synthetic_texts(shared: Path) -> list[str]:
    """The first sentence of each synthetic story (the one that reports its event)."""
    return [re.split(r"(?<=[.!?])\s", r["text"].strip(), maxsplit=1)[0][:400] for r in synthetic_rows(shared)]


def synthetic(shared: Path, nlp: Language) -> tuple[list[Any], list[str]]:
    rows = synthetic_rows(shared)
    docs = parse_cached(nlp, synthetic_texts(shared), "ngec_synthetic_first")
    xs, ys = [], []
    for row, doc in zip(rows, docs, strict=True):
        sent = max(doc.sents, key=len)
        frame = frame_for(main_verb(sent), speech_lemmas())
        source, targets, _ = rank(sent, main_verb(sent))
        target = targets[0][1] if targets else None
        xs.append(frame_features(sent, frame.chain, source, target, None))
        ys.append(row["label"].strip().upper())
    return xs, ys


# A trained model as ``linear.save`` takes it: feature names, classes, coefficients, intercepts.
Weights = tuple[list[str], list[str], np.ndarray, np.ndarray]


def fit_binary(xs: list[Any], ys: list[int], c: float) -> Weights:
    vec = DictVectorizer()
    matrix = vec.fit_transform(xs)
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(matrix, ys)
    return list(vec.get_feature_names_out()), ["0", "1"], model.coef_, model.intercept_


def fit_types(xs: list[Any], ys: list[str], weights: list[float], c: float) -> Weights:
    vec = DictVectorizer()
    matrix = vec.fit_transform(xs)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, ys, sample_weight=np.array(weights))
    coef = model.coef_
    features = list(vec.get_feature_names_out())
    keep = np.abs(coef).max(axis=0) >= 1e-3  # drop features no class uses
    return [f for f, k in zip(features, keep, strict=True) if k], list(model.classes_), coef[:, keep], model.intercept_


def as_model(weights: Weights) -> linear.LinearModel:
    """The model exactly as ``linear.load`` would read it back (coefficients stored as float16)."""
    features, classes, coef, intercept = weights
    return linear.LinearModel(
        index={f: i for i, f in enumerate(features)},
        classes=tuple(classes),
        coef=coef.astype(np.float16).astype(np.float32),
        intercept=intercept.astype(np.float32),
    )


def use(models: dict[str, Weights]) -> None:
    """Make extraction in this process use ``models`` (by file name) instead of the shipped files:
    new model objects in place of the loaded-once ones (with their derived tables fresh)."""
    built = {name: as_model(w) for name, w in models.items()}

    def pick(name: str) -> linear.LinearModel | None:
        return built[name] if name in built else linear.load(name)

    # Trained without a pair model: the two rankers decide.
    extract.RANKERS.set(extract.Rankers(pick("events_source.npz"), pick("events_target.npz"),
                                        built.get(PAIR_MODEL)))
    extract.TYPES.set(pick("events_type.npz"))


def train_models(rows: list[dict[str, Any]], docs: list[Doc], args: argparse.Namespace, nlp: Language) -> dict[str, Weights]:
    """The three event models trained on ``rows`` (PLV items) and, as configured, extra data."""
    src_x, src_y, tgt_x, tgt_y = ranker_data(rows, docs)
    if args.with_cameo:
        c_rows = cameo_rows(args.shared)
        c_docs = parse_cached(nlp, [r["text"] for r in c_rows], "cameo_ner")
        more = ranker_data(c_rows, c_docs)
        src_x, src_y, tgt_x, tgt_y = src_x + more[0], src_y + more[1], tgt_x + more[2], tgt_y + more[3]
    models = {
        "events_source.npz": fit_binary(src_x, src_y, args.c_rank),
        "events_target.npz": fit_binary(tgt_x, tgt_y, args.c_target),
    }
    use(models)  # the synthetic sentences are ranked with the rankers just trained (no pair model)
    xs, ys = type_data(rows, docs)
    weights = [1.0] * len(xs)
    if not args.no_synthetic:
        sx, sy = synthetic(args.shared, nlp)
        xs, ys, weights = xs + sx, ys + sy, weights + [args.synthetic_weight] * len(sx)
    models["events_type.npz"] = fit_types(xs, ys, weights, args.c_type)
    if args.pair:
        models[PAIR_MODEL] = fit_binary(*pair_data(rows, docs), args.c_pair)
    return models


def write_dev(rows: list[dict[str, Any]]) -> None:
    CACHE.mkdir(exist_ok=True)
    with (CACHE / "plv_dev.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"cache/plv_dev.jsonl: {len(rows)} held-out items")


def cross_validate(rows: list[dict[str, Any]], docs: list[Doc], args: argparse.Namespace, nlp: Language) -> None:
    """Five folds by ``sentence_id % 5``: train on four, extract on the fifth with the whole
    pipeline (attributions, speakers, events), score with ../shared/eval/score_plv.py."""
    scorer = load_scorer(args.shared)
    pooled: list[dict[str, Any]] = []
    for fold in range(5):
        train = [(r, d) for r, d in zip(rows, docs, strict=True) if int(r["sentence_id"]) % 5 != fold]
        use(train_models([r for r, _ in train], [d for _, d in train], args, nlp))
        held = [(r, d) for r, d in zip(rows, docs, strict=True) if int(r["sentence_id"]) % 5 == fold]
        preds = [predict(r, d) for r, d in held]
        result = scorer.score([r for r, _ in held], preds)
        print(f"fold {fold}: {summary(result)}")
        pooled.extend(preds)
    print(f"CV pooled ({len(rows)} items): {summary(scorer.score(rows, pooled))}")
    if args.cv_out:
        with args.cv_out.open("w", encoding="utf-8") as fh:
            for pred in pooled:
                fh.write(json.dumps(pred, ensure_ascii=False) + "\n")


def predict(row: dict[str, Any], doc: Doc) -> dict[str, Any]:
    result = analyse(doc, Article(doc_id=row["id"], text=row["text"]))
    return {"id": row["id"], "events": [e.to_dict() for e in result.events]}


def summary(result: dict[str, Any]) -> str:
    keys = ("accuracy", "macro_f1", "coverage", "accuracy_on_covered")
    return "  ".join(f"{k} {result[k]:.3f}" for k in keys)


def load_scorer(shared: Path, name: str = "score_plv") -> Any:
    """One of the shared scorers (``shared``/eval/``name``.py) as a module."""
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer {name} at {shared / 'eval'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--no-synthetic", action="store_true")
    parser.add_argument("--synthetic-weight", type=float, default=SYNTHETIC_WEIGHT)
    parser.add_argument(
        "--with-cameo", action="store_true",
        help="also train the rankers on ConfliBERT's tagged sentences (GPL-3.0 repository; off for shipped models)",
    )
    parser.add_argument("--c-rank", type=float, default=0.3)
    parser.add_argument("--c-target", type=float, default=3.0)
    parser.add_argument("--c-type", type=float, default=2.0)
    parser.add_argument(
        "--pair", action="store_true",
        help="also train the joint (source, target) pair ranker (events_pair.npz; not shipped: see docs/events.md)",
    )
    parser.add_argument("--c-pair", type=float, default=1.0)
    parser.add_argument("--cv", action="store_true", help="5-fold cross-validation over all of PLV train; writes no model")
    parser.add_argument("--cv-out", type=Path, help="with --cv: write the pooled predictions (JSONL) here")
    args = parser.parse_args()
    # The type classifier (sayso.events.types) acts on what these models produce, after them:
    # they learn and are measured without it (scripts/train_event_types.py measures the fusion).
    types.TYPES.set(None)
    nlp = load()
    rows = plv_rows(args.shared)
    docs = parse_cached(nlp, [r["text"] for r in rows], "plv_train")
    if args.cv:
        cross_validate(rows, docs, args, nlp)
        return
    write_dev([r for r in rows if is_dev(r)])
    train = [(r, d) for r, d in zip(rows, docs, strict=True) if not is_dev(r)]
    models = train_models([r for r, _ in train], [d for _, d in train], args, nlp)
    for name, (features, classes, coef, intercept) in models.items():
        linear.save(str(DATA / name), features, classes, coef, intercept)
        print(f"{name}: {coef.shape[1]} features, classes {classes}")


if __name__ == "__main__":
    main()
