"""Time and memory of ``sayso claims build``, ``claims related`` and an incremental update
(``after_ingest``'s path) on a large synthetic store.

Contents are real attribution contents (PolNeAR train gold, read from ../shared at run
time, never stored) replicated with small random edits (dropped or swapped words, as
outlets reword a wire story) up to N attributions; without ../shared, sentences are
generated from a small grammar.  The store is a real DuckDB file built from schema.sql.

    python benchmarks/claims_scale.py --n 100000 [--embedder minilm|lexical|e5] [--keep DIR]

With ``--embedder minilm`` (the default install's encoder) every content is really embedded
once during the first build and stored; the second build, ``related`` and the update reuse
the stored vectors. The lexical build of the same store is the baseline (same run): each
phase prints its time and its ratio to it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa

from sayso.claims import db
from sayso.claims.build import BuildReport, build
from sayso.claims.related import build_index, related_records
from sayso.claims.update import update
from sayso.claims.vectors import Embedder, load_embedder, normalise

ROOT = Path(__file__).resolve().parents[1]
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "train"


def real_contents() -> list[str]:
    """Gold content texts of PolNeAR train (first annotator), or [] without ../shared."""
    if not POLNEAR.exists():
        return []
    from sayso.claims.evaluate import read_brat

    out = []
    for txt in sorted((POLNEAR / "text").glob("*.txt")):
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        for _src, _cue, content in read_brat(POLNEAR, txt.stem).values():
            piece = " ".join(text[s:e] for s, e in content)
            if len(piece.split()) >= 3:
                out.append(piece)
    return out


def generated_contents(n: int, rng: random.Random) -> list[str]:
    subjects = ["the minister", "the company", "the army", "the council", "the union",
                "the central bank", "the mayor", "the court", "the rebels", "the agency"]
    verbs = ["will raise", "has cut", "plans to close", "refused to fund", "approved",
             "is investigating", "will not support", "secretly paid for", "blocked", "doubled"]
    objects = ["taxes on fuel", "the new bridge", "the border crossing", "pensions",
               "the election budget", "wages in the north", "the water plant", "grain exports",
               "the peace talks", "the hospital project"]
    return [f"{rng.choice(subjects)} {rng.choice(verbs)} {rng.choice(objects)} "
            f"by {rng.randint(2020, 2030)}" for _ in range(n)]


def reword(text: str, rng: random.Random) -> str:
    words = text.split()
    if len(words) > 4 and rng.random() < 0.5:
        del words[rng.randrange(len(words))]
    if len(words) > 4 and rng.random() < 0.5:
        k = rng.randrange(len(words) - 1)
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def make_store(path: Path, n: int, seed: int = 7, synthetic_vectors: str | None = None) -> None:
    rng = random.Random(seed)
    base = real_contents() or generated_contents(max(n // 5, 1), rng)
    cues = ["said", "claimed", "denied", "insisted", "told reporters", "asked whether",
            "dismissed", "wrote"]
    n_articles = max(n // 20, 1)
    origin = [k if k < len(base) else rng.randrange(len(base)) for k in range(n)]
    rng.shuffle(origin)
    contents = [base[o] if k < len(base) else reword(base[o], rng)
                for k, o in enumerate(origin)]
    con = db.connect(path)
    articles = [{"article_id": f"art{a}", "text_sha256": f"art{a}", "doc_id": f"art{a}",
                 "source": f"/bench/art{a}.txt", "site_name": f"outlet{a % 40}",
                 "published": f"2016-{1 + a % 12:02d}-{1 + a % 28:02d}", "status": "processed",
                 "text": "(synthetic)"} for a in range(n_articles)]
    db.insert(con, "articles", pa.Table.from_pylist(articles))
    rows = [{"attribution_id": f"art{k % n_articles}:a{k}", "article_id": f"art{k % n_articles}",
             "kind": "indirect", "cue_text": rng.choice(cues), "content_text": c,
             "content_spans": json.dumps([[0, len(c)]]), "speaker_name": f"speaker{k % 3000}",
             "start_char": 0, "end_char": len(c)} for k, c in enumerate(contents)]
    db.insert(con, "attributions", pa.Table.from_pylist(rows))
    if synthetic_vectors:
        # Stand-ins for cached e5 vectors: rewordings of one content get nearby vectors.
        gen = np.random.default_rng(seed)
        centres = gen.standard_normal((len(base), 384)).astype(np.float32)
        vectors = normalise(centres[origin] + 0.4 * gen.standard_normal((n, 384)).astype(
            np.float32))
        picked = [db.Row(r["attribution_id"], "", r["content_text"], [], "", None, None, None,
                         None, None, None, None, None, None, 0) for r in rows]
        db.store_embeddings(con, picked, vectors, synthetic_vectors)
    con.close()


def timed(label: str, job: Any) -> tuple[float, Any]:
    started = time.perf_counter()
    result = job()
    seconds = time.perf_counter() - started
    print(f"  {seconds:7.1f}s {label}", file=sys.stderr)
    return seconds, result


def build_once(path: Path, embedder: Embedder | None) -> BuildReport:
    con = db.connect(path)
    try:
        return build(con, embedder, progress=lambda m: print(f"    {m}", file=sys.stderr))
    finally:
        con.close()


def related_all(path: Path, embedder: Embedder | None) -> int:
    """Every statement's 10 related statements, as `claims related --json` prints them."""
    con = db.connect(path, read_only=True)
    try:
        index = build_index(con, embedder, embed_missing=False)
    finally:
        con.close()
    n = 0
    with open(os.devnull, "w", encoding="utf-8") as sink:
        for record in related_records(index, 10):
            sink.write(json.dumps(record) + "\n")
            n += 1
    return n


def add_and_update(path: Path, n_new: int, embedder: Embedder | None) -> str:
    """New articles as an ingest adds them (rewordings of stored contents), then the
    incremental update every ingest ends with."""
    rng = random.Random(11)
    con = db.connect(path)
    try:
        known = [r[0] for r in con.execute(
            "SELECT content_text FROM attributions USING SAMPLE 5000 ROWS").fetchall()]
        per = 20
        arts = [{"article_id": f"new{a}", "text_sha256": f"new{a}", "doc_id": f"new{a}",
                 "source": f"/bench/new{a}.txt", "site_name": "late outlet",
                 "published": "2017-01-15", "status": "processed", "text": "(synthetic)"}
                for a in range(max(n_new // per, 1))]
        db.insert(con, "articles", pa.Table.from_pylist(arts))
        rows = []
        for k in range(n_new):
            c = reword(rng.choice(known), rng)
            rows.append({"attribution_id": f"new{k // per}:a{k}", "article_id": f"new{k // per}",
                         "kind": "indirect", "cue_text": "said", "content_text": c,
                         "content_spans": json.dumps([[0, len(c)]]),
                         "speaker_name": f"speaker{k}", "start_char": 0, "end_char": len(c)})
        db.insert(con, "attributions", pa.Table.from_pylist(rows))
        return update(con, embedder).line()
    finally:
        con.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--embedder", choices=["lexical", "e5", "minilm"], default="minilm")
    ap.add_argument("--new", type=int, default=1000,
                    help="attributions added before the incremental update (default 1000)")
    ap.add_argument("--no-baseline", action="store_true", help="skip the lexical baseline")
    ap.add_argument("--keep", type=Path, default=None, help="keep the store in this folder")
    ap.add_argument("--synthetic-vectors", action="store_true",
                    help="with --embedder e5: store synthetic vectors as if cached, to time "
                         "clustering with embeddings without embedding 100k texts")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="claims_bench_"))
    folder.mkdir(parents=True, exist_ok=True)
    embedder = load_embedder(args.embedder)
    synthetic = embedder.name if embedder and args.synthetic_vectors else None
    path = folder / f"claims_{args.n}{'_vectors' if synthetic else ''}.duckdb"
    if not path.exists():
        started = time.perf_counter()
        make_store(path, args.n, synthetic_vectors=synthetic)
        print(f"store with {args.n} attributions built in {time.perf_counter() - started:.1f}s",
              file=sys.stderr)
    timings: dict[str, float] = {}
    baseline = None
    if not args.no_baseline:
        baseline, _ = timed("lexical build (baseline)", lambda: build_once(path, None))
    seconds, report = timed("build", lambda: build_once(path, embedder))
    timings["build"] = seconds
    if embedder is not None:
        timings["build_again"], _ = timed("build again (vectors stored)",
                                          lambda: build_once(path, embedder))
    timings["related_k10"], n_related = timed("related --k 10", lambda: related_all(path,
                                                                                  embedder))
    timings["update"], update_line = timed(f"update after {args.new} new attributions",
                                           lambda: add_and_update(path, args.new, embedder))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"attributions": args.n, "embedder": report.embedder,
                      "embedded_now": report.embedded_now,
                      "synthetic_vectors": bool(synthetic),
                      "claims": report.claims, "multi_member_claims": report.multi_member_claims,
                      "related_records": n_related, "update": update_line,
                      "seconds": {k: round(v, 1) for k, v in timings.items()},
                      "baseline_lexical_build_seconds": round(baseline, 1) if baseline else None,
                      "ratio_to_baseline": ({k: round(v / baseline, 2) for k, v in timings.items()}
                                            if baseline else None),
                      "peak_rss_mib": round(peak_mib)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
