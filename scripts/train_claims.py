"""Fine-tune the claims sentence encoder (all-MiniLM-L6-v2) on the gold's ``tune`` half.

    python scripts/train_claims.py --gold GOLD [--epochs 3] [--out cache/claims_train]
    python scripts/export_claims_encoder.py --checkpoint cache/claims_train/final

Pairs: two members of one tune claim in different articles (at most ``--per-claim`` pairs a
claim, so a big claim does not dominate). Hard negative for each pair: a member of
*another* tune claim among the anchor's nearest neighbours under the base model (the same
topic: "Clinton is unqualified" against "Trump is unqualified"), or from the same article.
Loss: in-batch softmax over positives and hard negatives (multiple-negatives ranking, scale
20). Seeded; torch threads capped; the log goes to OUT/train.log. Needs the ``train`` extra.
Texts are the gold contents cut from PolNeAR (../shared), never stored.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sayso.claims.evaluate import GoldRow, read_gold  # noqa: E402
from sayso.claims.store_eval import text_file  # noqa: E402

log = logging.getLogger("train_claims")


def contents(gold: list[GoldRow], polnear: Path) -> list[str]:
    texts: dict[str, str] = {}
    out = []
    for g in gold:
        if g.doc not in texts:
            path = text_file(polnear, g.doc)
            with open(path, encoding="utf-8", newline="") as fh:  # type: ignore[arg-type]
                texts[g.doc] = fh.read()
        out.append(" … ".join(texts[g.doc][s:e] for s, e in g.content))
    return out


def triplets(gold: list[GoldRow], texts: list[str], base_vectors: object, per_claim: int,
             rng: random.Random) -> list[tuple[str, str, str]]:
    import numpy as np

    vectors = np.asarray(base_vectors)
    sims = vectors @ vectors.T
    by_claim: dict[str, list[int]] = {}
    for k, g in enumerate(gold):
        by_claim.setdefault(g.cluster, []).append(k)
    out = []
    for members in by_claim.values():
        pairs = [(a, b) for a in members for b in members if a != b and gold[a].doc != gold[b].doc]
        rng.shuffle(pairs)
        for a, b in pairs[:per_claim]:
            others = [j for j in np.argsort(-sims[a]) if gold[j].cluster != gold[a].cluster][:8]
            same_article = [j for j in range(len(gold)) if gold[j].doc == gold[a].doc
                            and gold[j].cluster != gold[a].cluster]
            negative = rng.choice(same_article + [int(j) for j in others])
            out.append((texts[a], texts[b], texts[negative]))
    rng.shuffle(out)
    return out


def train_adapter(args: argparse.Namespace, data: list[tuple[str, str, str]],
                  texts: list[str], base: object, rng: random.Random) -> None:
    """A linear map W on the frozen encoder's unit vectors, normalise(W v), trained with the
    same loss and an L2 pull towards the identity (72 claims are few: stay near MiniLM)."""
    import numpy as np
    import torch

    vectors = torch.tensor(np.asarray(base), dtype=torch.float32)
    row = {t: k for k, t in enumerate(texts)}
    trip = torch.tensor([[row[a], row[p], row[n]] for a, p, n in data], dtype=torch.long)
    w = torch.nn.Parameter(torch.eye(vectors.shape[1]))
    optimiser = torch.optim.Adam([w], lr=args.lr)
    started = time.time()
    order = list(range(len(trip)))
    for epoch in range(args.epochs):
        rng.shuffle(order)
        total = 0.0
        for s in range(0, len(order), args.batch):
            batch = trip[order[s:s + args.batch]]
            mapped = torch.nn.functional.normalize(vectors @ w.T, dim=-1)
            anchors = mapped[batch[:, 0]]
            candidates = torch.cat([mapped[batch[:, 1]], mapped[batch[:, 2]]])
            loss = torch.nn.functional.cross_entropy(anchors @ candidates.T * args.scale,
                                                     torch.arange(len(batch)))
            loss = loss + args.identity * ((w - torch.eye(len(w))) ** 2).sum() / len(w)
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(batch)
        log.info("epoch %d: loss %.4f", epoch + 1, total / len(order))
    final = args.out / "final"
    final.mkdir(parents=True, exist_ok=True)
    np.save(final / "adapter.npy", w.detach().numpy().astype(np.float32))
    summary = (f"a 384x384 linear map on the frozen encoder's vectors (normalise(W v)), "
               f"{len(data)} triplets from {len(texts)} members ({len(set(texts))} distinct "
               f"contents) of the gold's tune claims (`{args.gold.name}`), {args.epochs} epochs, "
               f"batch {args.batch}, Adam lr {args.lr}, in-batch softmax scale {args.scale} with "
               f"one hard negative per pair, L2 pull to the identity {args.identity}, seed "
               f"{args.seed}, {(time.time() - started) / 60:.1f} min.")
    write_meta(final, summary, args)


def write_meta(final: Path, summary: str, args: argparse.Namespace) -> None:
    """The run's summary and options beside its weights (export_claims_encoder.py reads it)."""
    (final / "claims_train_meta.json").write_text(json.dumps(
        {"summary": summary, **{k: str(v) for k, v in vars(args).items()}}, indent=2),
        encoding="utf-8")
    log.info(summary)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--polnear", type=Path, default=ROOT.parent / "shared/data/polnear")
    ap.add_argument("--out", type=Path, default=ROOT / "cache/claims_train")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-5)
    ap.add_argument("--per-claim", type=int, default=40)
    ap.add_argument("--scale", type=float, default=20.0)
    ap.add_argument("--seed", type=int, default=15)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--max-length", type=int, default=64, help="word pieces per content")
    ap.add_argument("--mode", choices=["adapter", "full"], default="adapter",
                    help="adapter (default): the encoder frozen, a 384x384 map on its vectors "
                         "learned (seconds); full: every weight (1,890 triplets, --max-length 96, "
                         "--threads 2: 4.5-5 s a step of 16, 10 min an epoch on 2 cores)")
    ap.add_argument("--identity", type=float, default=1.0,
                    help="adapter: L2 pull of the map towards the identity")
    args = ap.parse_args()

    import numpy as np
    import torch
    from transformers import AutoModel, AutoTokenizer

    sys.path.insert(0, str(ROOT / "scripts"))
    from export_claims_encoder import base_model

    args.out.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s",
                        handlers=[logging.FileHandler(args.out / "train.log"),
                                  logging.StreamHandler()])
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    np.random.seed(args.seed)

    gold = [g for g in read_gold(args.gold) if g.part == "tune"]
    texts = contents(gold, args.polnear)
    tokenizer = AutoTokenizer.from_pretrained(str(base_model()))
    model = AutoModel.from_pretrained(str(base_model()))

    def embed(batch: list[str]) -> torch.Tensor:
        enc = tokenizer(batch, padding=True, truncation=True, max_length=args.max_length,
                        return_tensors="pt")
        hidden = model(**enc)[0]
        mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, dim=-1)

    model.eval()
    with torch.no_grad():
        base = torch.cat([embed(texts[s:s + 64]) for s in range(0, len(texts), 64)]).numpy()
    data = triplets(gold, texts, base, args.per_claim, rng)
    log.info("%d tune members in %d claims, %d triplets", len(gold),
             len({g.cluster for g in gold}), len(data))
    if args.mode == "adapter":
        train_adapter(args, data, texts, base, rng)
        return
    optimiser = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * ((len(data) + args.batch - 1) // args.batch)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / max(1, steps // 10)) *
        max(0.0, (steps - step) / steps))
    started = time.time()
    model.train()
    step = 0
    for epoch in range(args.epochs):
        rng.shuffle(data)
        total = 0.0
        for s in range(0, len(data), args.batch):
            if step % 10 == 0:
                log.info("step %d/%d (%.1f min)", step, steps, (time.time() - started) / 60)
            batch = data[s:s + args.batch]
            anchors = embed([a for a, _p, _n in batch])
            candidates = embed([p for _a, p, _n in batch] + [n for _a, _p, n in batch])
            scores = anchors @ candidates.T * args.scale
            loss = torch.nn.functional.cross_entropy(scores, torch.arange(len(batch)))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(batch)
            step += 1
        log.info("epoch %d: loss %.4f (%.1f min)", epoch + 1, total / len(data),
                 (time.time() - started) / 60)
    final = args.out / "final"
    model.save_pretrained(str(final))
    tokenizer.save_pretrained(str(final))
    summary = (f"{len(data)} triplets from {len(gold)} members of {len({g.cluster for g in gold})}"
               f" tune claims (gold `{args.gold.name}`), {args.epochs} epochs, batch "
               f"{args.batch}, AdamW lr {args.lr} (warm-up, linear decay), in-batch softmax "
               f"scale {args.scale} with one hard negative per pair, seed {args.seed}, "
               f"{(time.time() - started) / 60:.1f} min on {args.threads} CPU thread(s).")
    write_meta(final, summary, args)


if __name__ == "__main__":
    main()
