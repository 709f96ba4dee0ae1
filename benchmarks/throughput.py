"""Throughput of raw spaCy ``nlp.pipe`` vs ``sayso extract`` on the same texts.

    python benchmarks/throughput.py [--workers 1 2] [--limit N] [--scale 1 4] [--repeat 2]

Texts: the PolNeAR dev articles when ../shared exists, else a corpus this script
composes itself.  Every measurement runs in a fresh child process so that its
peak RSS is its own; the corpus is streamed from disk (never held) and repeated
``--scale`` times to show that memory stays flat as the corpus grows.
Prints docs/s, tokens/s, the sayso/raw-spaCy ratio for the default mode (rules fused with
the learned tagger) and for ``--fast`` (rules alone), the speedup of N workers over
1, peak RSS per worker, and the CPU time of each stage (parse, attributions, actor
coding, events) with the share actors and events add to the attribution engine.  Numbers vary with machine load: best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED_DEV = ROOT.parent / "shared" / "data" / "polnear" / "dev" / "text"
CITRON_TOKENS_PER_S = 4300  # BBC Citron's published reference throughput


# ---------------------------------------------------------------- corpus


def corpus_files(limit: int | None, tmp: Path) -> tuple[list[Path], str]:
    if SHARED_DEV.is_dir():
        files = sorted(SHARED_DEV.glob("*.txt"))
        name = "PolNeAR dev"
    else:
        files = write_synthetic(tmp / "corpus", 84)
        name = "synthetic (composed by this script)"
    return files[:limit] if limit else files, name


PEOPLE = ["The senator", "A spokeswoman for the ministry", "Maria Lopez", "The prime minister",
          "Officials", "John Carter, a local farmer,", "The company", "Analysts"]
VERBS = ["said", "told reporters", "warned", "insisted", "claimed", "added", "argued"]
CLAIMS = ["the talks would resume next week", "prices had risen sharply since March",
          "the army had withdrawn from the border town", "nobody had been consulted",
          "the government will impose new sanctions on the company",
          "the protesters had blocked the main road for three days"]


def write_synthetic(folder: Path, count: int) -> list[Path]:
    """News-like articles of quotes and reported speech, ~700 tokens each."""
    rng = random.Random(0)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        sentences = []
        for _ in range(35):
            who, verb, claim = rng.choice(PEOPLE), rng.choice(VERBS), rng.choice(CLAIMS)
            sentences.append(rng.choice([f"{who} {verb} that {claim}.",
                                         f'"{claim[0].upper()}{claim[1:]}," {who.lower()} {verb}.',
                                         f"According to {who.lower()}, {claim}."]))
        path = folder / f"synthetic-{n:03d}.txt"
        path.write_text(" ".join(sentences) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def stream(files: list[Path], scale: int) -> Iterator[tuple[str, str]]:
    """(doc_id, text) for every file, ``scale`` times over, reading each file when needed."""
    for round_ in range(scale):
        for path in files:
            yield f"{path.stem}#{round_}", path.read_text(encoding="utf-8")


# ---------------------------------------------------------------- child measurements


def child(mode: str, files: list[Path], scale: int, workers: int) -> dict[str, Any]:
    from sayso import nlp as nlp_loader
    from sayso import runner
    from sayso.model import Article

    loading = time.perf_counter()
    nlp = nlp_loader.load()
    fast = mode == "sayso-fast"
    if mode != "spacy":
        # Knowledge (lexicons, actor KB, gazetteer, models, the tagger) loads once per process,
        # as the spaCy model does: both stay outside the clock and are reported as start-up.
        runner.warm_up(nlp_loader.DEFAULT_MODEL, fast=fast)
    startup = time.perf_counter() - loading
    docs = tokens = 0
    start, cpu_at_start = time.perf_counter(), cpu_now()
    if mode == "spacy":
        for doc in nlp.pipe(text for _, text in stream(files, scale)):
            docs += 1
            tokens += len(doc)
    else:
        articles = (Article(doc_id=i, text=t) for i, t in stream(files, scale))
        with open("/dev/null", "w", encoding="utf-8") as sink:
            for _article, result in runner.run(articles, workers=workers, fast=fast):
                sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")  # as the CLI
                docs += 1
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime - cpu_at_start
    return {"docs": docs, "tokens": tokens, "seconds": seconds, "cpu_seconds": cpu,
            "startup_seconds": startup,
            "rss_mb": own.ru_maxrss / 1024,
            "worker_rss_mb": (kids.ru_maxrss if workers > 1 else own.ru_maxrss) / 1024}


def stages(files: list[Path], scale: int) -> dict[str, Any]:
    """CPU seconds of each stage of ``sayso extract`` (one worker, the same batches as the
    runner): parsing and attributions make the attribution engine; actor coding and events are
    what issue #3 adds to it. The stage functions are wrapped with timers for this run only."""
    import sayso.actors
    import sayso.attributions
    import sayso.events
    from sayso import nlp as nlp_loader
    from sayso import pipeline, runner
    from sayso.model import Article

    nlp = nlp_loader.load()
    runner.warm_up(nlp_loader.DEFAULT_MODEL)
    spent = {"parse": 0.0, "attributions": 0.0, "tagger": 0.0, "actors": 0.0, "events": 0.0}

    def timed(stage: str, func: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return func(*args, **kwargs)
            finally:
                spent[stage] += time.process_time() - start
        return wrapper

    patches = [(pipeline, "_parse", "parse"), (sayso.attributions, "extract_attributions", "attributions"),
               # the encoder pass itself (one per window; every public tagger call goes through it)
               (sayso.attributions.tagger, "_run", "tagger"),
               (sayso.actors, "code_speakers", "actors"), (sayso.events, "extract_events", "events")]
    # onnxruntime's own time per encoder (the tagger's also counts in "tagger", the reader's and
    # the type classifier's in "events"): what no change around the encoders can remove.
    for encoder, session in encoder_sessions().items():
        spent[encoder] = 0.0
        patches.append((session, "run", encoder))
    originals = [(module, name, getattr(module, name)) for module, name, _ in patches]
    for module, name, stage in patches:
        setattr(module, name, timed(stage, getattr(module, name)))
    try:
        articles = (Article(doc_id=i, text=t) for i, t in stream(files, scale))
        docs = sum(1 for _ in pipeline.process(articles, nlp))
    finally:
        for module, name, func in originals:
            setattr(module, name, func)
    return {"docs": docs, **spent}


def encoder_sessions() -> dict[str, Any]:
    """The onnxruntime sessions the default mode runs, by name (those whose model is shipped)."""
    from sayso.attributions import tagger
    from sayso.events import reader, types

    found = {"onnx tagger": tagger.model()[0] if tagger.available() else None,
             "onnx reader": getattr(reader.model(), "session", None),
             "onnx types": getattr(types.model(), "session", None)}
    return {name: session for name, session in found.items() if session is not None}


def cpu_now() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def measure(mode: str, files_list: Path, scale: int, workers: int) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--files", str(files_list),
         "--scale", str(scale), "--workers", str(workers)],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"measurement {mode} failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def best(mode: str, files_list: Path, scale: int, workers: int, repeat: int) -> dict[str, Any]:
    runs = [measure(mode, files_list, scale, workers) for _ in range(repeat)]
    fastest = min(runs, key=lambda r: r["seconds"])
    fastest["worker_rss_mb"] = max(r["worker_rss_mb"] for r in runs)
    return fastest


# ---------------------------------------------------------------- report


def rate(run: dict[str, Any], tokens: int) -> str:
    return (f"{run['docs'] / run['seconds']:7.1f} docs/s {tokens / run['seconds']:8.0f} tokens/s "
            f"| {tokens / run['cpu_seconds']:8.0f} tokens/CPU-s | peak RSS/worker "
            f"{run['worker_rss_mb']:5.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, default=None, help="use the first N texts")
    parser.add_argument("--scale", type=int, nargs="+", default=[1, 4],
                        help="corpus repetitions to check that memory stays flat")
    parser.add_argument("--repeat", type=int, default=2, help="best of N runs per setting")
    parser.add_argument("--child", choices=["spacy", "sayso", "sayso-fast", "stages"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--files", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        files = [Path(p) for p in Path(args.files).read_text(encoding="utf-8").splitlines()]
        if args.child == "stages":
            print(json.dumps(stages(files, args.scale[0])))
        else:
            print(json.dumps(child(args.child, files, args.scale[0], args.workers[0])))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        files, name = corpus_files(args.limit, Path(tmp))
        files_list = Path(tmp) / "files.txt"
        files_list.write_text("\n".join(str(p) for p in files), encoding="utf-8")
        report(files_list, name, len(files), args)
    return 0


def report(files_list: Path, name: str, count: int, args: argparse.Namespace) -> None:
    small = min(args.scale)
    print(f"corpus: {name}, {count} texts; best of {args.repeat}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock numbers suffer under load; "
          "tokens per CPU-second do not)")
    raw = best("spacy", files_list, small, 1, args.repeat)
    tokens = raw["tokens"]
    print(f"raw spaCy nlp.pipe          {rate(raw, tokens)}")
    runs: dict[int, dict[str, Any]] = {}
    for workers in args.workers:
        runs[workers] = best("sayso", files_list, small, workers, args.repeat)
        print(f"sayso extract, {workers} worker(s) {rate(runs[workers], tokens)}")
    fast = best("sayso-fast", files_list, small, 1, args.repeat)
    print(f"sayso extract --fast, 1 worker {rate(fast, tokens)}")
    if runs:
        startup = min(r["startup_seconds"] for r in runs.values())
        print(f"start-up (spaCy model + sayso knowledge, once per process, not timed above): "
              f"{startup:.1f} s; raw spaCy model alone: {raw['startup_seconds']:.1f} s")
    print_ratio("sayso --fast", raw, fast, 0.80)
    if 1 in runs:
        one = runs[1]
        print_ratio("sayso (default, tagger)", raw, one, 0.45)
        for workers, run in runs.items():
            if workers > 1:
                print(f"speedup {workers} workers vs 1: wall {one['seconds'] / run['seconds']:.2f}x; "
                      f"CPU cost {run['cpu_seconds'] / one['cpu_seconds']:.2f}x of 1 worker "
                      f"(goal >= 1.7x for 2 on idle cores)")
        print(f"vs BBC Citron's reference {CITRON_TOKENS_PER_S} tokens/s: "
              f"{tokens / one['seconds'] / CITRON_TOKENS_PER_S:.1f}x wall, "
              f"{tokens / one['cpu_seconds'] / CITRON_TOKENS_PER_S:.1f}x per CPU-s (goal >= 2x)")
    report_stages(files_list, small, args.repeat)
    for scale in sorted(set(args.scale) - {small}):
        for workers in args.workers:
            run = best("sayso", files_list, scale, workers, 1)
            print(f"scale {scale}x, {workers} worker(s): {run['docs']} docs, peak RSS/worker "
                  f"{run['worker_rss_mb']:.0f} MB (at {small}x: {runs[workers]['worker_rss_mb']:.0f} MB;"
                  f" goal <= 600 MB)")



def print_ratio(label: str, raw: dict[str, Any], run: dict[str, Any], goal: float) -> None:
    with_startup = ((raw["seconds"] + raw["startup_seconds"])
                    / (run["seconds"] + run["startup_seconds"]))
    print(f"ratio {label}/raw spaCy (1 worker): wall {raw['seconds'] / run['seconds']:.2f}, "
          f"CPU {raw['cpu_seconds'] / run['cpu_seconds']:.2f}, wall with start-up "
          f"{with_startup:.2f}  (goal >= {goal:.2f})")


def report_stages(files_list: Path, scale: int, repeat: int) -> None:
    """Issue #3's budget: actors and events add at most 15% to the attribution engine's time."""
    runs = [measure("stages", files_list, scale, 1) for _ in range(repeat)]
    run = min(runs, key=lambda r: r["actors"] + r["events"])
    engine = min(r["parse"] for r in runs) + min(r["attributions"] for r in runs)
    added = run["actors"] + run["events"]
    print(f"stages (CPU-s, best of {repeat}): parse {min(r['parse'] for r in runs):.2f}, attributions "
          f"{min(r['attributions'] for r in runs):.2f} (of which the tagger "
          f"{min(r['tagger'] for r in runs):.2f}), actor coding {run['actors']:.2f}, "
          f"events {run['events']:.2f}")
    encoders = [key for key in run if key.startswith("onnx ")]
    if encoders:
        print("onnxruntime alone (CPU-s, best of {}): {}".format(
            repeat, ", ".join(f"{key[5:]} {min(r[key] for r in runs):.2f}" for key in encoders)))
    print(f"actors + events add {added / engine:.1%} to the attribution engine's time "
          f"({added:.2f} s on {engine:.2f} s; goal <= 15%)")


if __name__ == "__main__":
    sys.exit(main())
