"""Score claim clustering and stance against the gold set (tests/data/claims_gold.tsv).

The gold file holds PolNeAR document ids, brat attribution ids and our labels only; the
texts are read from ../shared/data/polnear at run time.  Pairwise precision/recall/F1 are
over pairs of gold attributions; with ``--distractors`` every other gold attribution of
the same articles is clustered too (unlabelled), which is closer to a real corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from sayso.claims.assemble import representatives, stances
from sayso.claims.cluster import Settings, cluster
from sayso.claims.vectors import Embedder, load_embedder

Offsets = list[tuple[int, int]]

# The gold file keeps the tool's short stance names (the asserts/denies/questions/
# reports); "repeat" is derived by the tool and scored as "assert".
GOLD_STANCES = ("assert", "deny", "question", "report")
PARTS = ("tune", "test")
PART_SEED = "sayso-claims-gold-2"


def part_of(claim: str) -> str:
    """Seeded hash of the claim label: a claim's half never depends on who labelled what."""
    digest = hashlib.sha256(f"{PART_SEED}:{claim}".encode()).digest()
    return PARTS[digest[0] % 2]


@dataclass(slots=True)
class GoldRow:
    doc: str
    eid: str
    content: Offsets
    cluster: str
    stance: str
    part: str


def read_gold(path: Path) -> list[GoldRow]:
    """Rows of the gold TSV (comments and the header line skipped)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("doc\t"):
            continue
        doc, eid, content, cluster, stance, *rest = line.split("\t")
        spans = [(int(a), int(b)) for a, b in (p.split("-") for p in content.split(";"))]
        rows.append(GoldRow(doc, eid, spans, cluster, stance, rest[0] if rest else part_of(cluster)))
    return rows


PROPOSITION_PREFIX = "# claim "


def read_propositions(path: Path) -> dict[str, str]:
    """Claim key -> its canonical proposition, from the file's '# claim KEY: ...' lines
    (stance labels are relative to these sentences)."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(PROPOSITION_PREFIX) and ": " in line:
            key, sentence = line[len(PROPOSITION_PREFIX):].split(": ", 1)
            out[key.strip()] = sentence.strip()
    return out


def text_folder(polnear: Path, doc: str) -> Path:
    """The PolNeAR split folder (train, dev) that holds doc; polnear may be a split itself."""
    for folder in (polnear, polnear / "train", polnear / "dev", polnear / "test"):
        if (folder / "text" / f"{doc}.txt").exists():
            return folder
    raise FileNotFoundError(f"{doc} is not under {polnear}")


@dataclass(slots=True)
class Item:
    doc: str
    eid: str
    source: str
    cue: str
    content: str
    cluster: str | None = None
    stance: str | None = None
    part: str | None = None


def _spans(field: str) -> Offsets:
    return [(int(a), int(b)) for a, b in (p.split() for p in field.split(";"))]


def read_brat(folder: Path, doc: str) -> dict[str, tuple[Offsets, Offsets, Offsets]]:
    """E id -> (source, cue, content) offsets, from the first annotator's file."""
    anns = sorted((folder / "attributions").glob(f"{doc}_*.ann"))
    if not anns:
        return {}
    spans: dict[str, Offsets] = {}
    links: list[tuple[str, dict[str, str]]] = []
    for line in anns[0].read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2 and " " in cols[1]:
            spans[cols[0]] = _spans(cols[1].split(" ", 1)[1])
        elif line.startswith("E") and len(cols) >= 2:
            links.append((cols[0], dict(p.split(":", 1) for p in cols[1].split() if ":" in p)))
    out = {}
    for eid, roles in links:  # E lines may come before the T lines they name
        content = spans.get(roles.get("Content", ""), []) + spans.get(roles.get("Content2", ""), [])
        out[eid] = (spans.get(roles.get("Source", ""), []), spans.get(roles.get("Cue", ""), []),
                    sorted(content))
    return out


def _cut(text: str, spans: Offsets) -> str:
    return " … ".join(text[s:e] for s, e in spans)


def load_items(gold_path: Path, polnear: Path, distractors: bool) -> list[Item]:
    """Gold attributions (and, with distractors, every other one of their articles)."""
    labels = {(r.doc, r.eid): (r.cluster, r.stance, r.part) for r in read_gold(gold_path)}
    items = []
    for doc in sorted({doc for doc, _eid in labels}):
        folder = text_folder(polnear, doc)
        with open(folder / "text" / f"{doc}.txt", encoding="utf-8", newline="") as fh:
            text = fh.read()
        for eid, (src, cue, content) in read_brat(folder, doc).items():
            label = labels.get((doc, eid))
            if label is None and not distractors:
                continue
            items.append(Item(doc, eid, _cut(text, src), _cut(text, cue), _cut(text, content),
                              *(label or (None, None, None))))
    return items


def pairwise(gold: Sequence[str], pred: Sequence[int]) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(range(len(gold)), 2):
        same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def _cached_embedding(texts: list[str], embedder: Embedder, cache: Path | None) -> np.ndarray:
    """Embeddings by text hash, kept in cache/ so reruns embed only texts not seen before."""
    path = cache / f"claims_eval_{embedder.name}.npz" if cache else None
    known: dict[str, np.ndarray] = {}
    if path and path.exists():
        with np.load(path) as data:
            known = dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    keys = [hashlib.sha1(t.encode("utf-8")).hexdigest() for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        fresh = embedder.encode([t for _k, t in missing])
        known.update({k: v for (k, _t), v in zip(missing, fresh, strict=True)})
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez(path, keys=np.asarray(list(known)), vectors=np.vstack(list(known.values())))
    return np.vstack([known[k] for k in keys]).astype(np.float32)


def evaluate(items: list[Item], settings: Settings, embedding: np.ndarray | None
             ) -> dict[str, object]:
    texts = [it.content for it in items]
    labels, _vec, edges = cluster(texts, settings, embedding=embedding)
    cues, classes = [it.cue for it in items], [None] * len(items)
    reps = representatives(labels, texts, edges, cues, classes)
    pred_stance = stances(labels, reps, texts, cues, classes)
    gold_idx = [k for k, it in enumerate(items) if it.cluster]
    gold = [items[k].cluster or "" for k in gold_idx]
    scores: dict[str, object] = dict(pairwise(gold, [labels[k] for k in gold_idx]))
    hits = sum((pred_stance[k] if pred_stance[k] != "repeat" else "assert") == items[k].stance
               for k in gold_idx)
    scores["stance_accuracy"] = round(hits / len(gold_idx), 3)
    # Stance with gold clusters: isolates the stance rules from clustering errors.
    gold_labels = [hash(items[k].cluster) if items[k].cluster else -1 - k
                   for k in range(len(items))]
    oracle = stances(gold_labels, representatives(gold_labels, texts, edges, cues, classes),
                     texts, cues, classes)
    scores["stance_accuracy_gold_clusters"] = round(
        sum(oracle[k] == items[k].stance for k in gold_idx) / len(gold_idx), 3)
    scores["n_predicted_clusters_over_gold"] = len({labels[k] for k in gold_idx})
    return scores


def split(items: list[Item], part: str) -> list[int]:
    """The gold claims of one part (the file's part column), with every distractor."""
    return [k for k, it in enumerate(items)
            if part == "all" or it.cluster is None or it.part == part]


def main(argv: Sequence[str] | None = None) -> int:
    root = Path(__file__).resolve().parents[3]
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", type=Path, default=root / "tests/data/claims_gold.tsv")
    ap.add_argument("--polnear", type=Path, default=root.parent / "shared/data/polnear")
    ap.add_argument("--embedder", choices=["lexical", "e5", "minilm", "auto"], default="auto")
    ap.add_argument("--distractors", action="store_true")
    ap.add_argument("--part", choices=["all", "tune", "test"], default="all")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--embed-weight", type=float, default=None)
    ap.add_argument("--embed-floor", type=float, default=None)
    ap.add_argument("--cache", type=Path, default=root / "cache")
    args = ap.parse_args(argv)

    everything = load_items(args.gold, args.polnear, args.distractors)
    keep = split(everything, args.part)
    items = [everything[k] for k in keep]
    embedder = load_embedder(args.embedder)
    settings = Settings.for_embedder(embedder)
    for name in ("threshold", "embed_weight", "embed_floor"):
        if getattr(args, name) is not None:
            settings = replace(settings, **{name: getattr(args, name)})
    if args.threshold is not None:
        settings = replace(settings, lexical_threshold=args.threshold)
    started = time.perf_counter()
    embedding = (_cached_embedding([it.content for it in everything], embedder, args.cache)[keep]
                 if embedder else None)
    scores = evaluate(items, settings, embedding)
    scores.update({
        "embedder": embedder.name if embedder else "lexical",
        "items": len(items), "gold_items": sum(1 for it in items if it.cluster),
        "gold_clusters": len({it.cluster for it in items if it.cluster}),
        "part": args.part, "distractors": args.distractors,
        "seconds": round(time.perf_counter() - started, 2),
        "settings": {"threshold": settings.threshold,
                     "lexical_threshold": settings.lexical_threshold,"embed_weight": settings.embed_weight,
                     "embed_floor": settings.embed_floor},
    })
    print(json.dumps(scores, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
