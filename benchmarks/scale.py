"""Scale-out benchmark (not a test): 1 vs 2 workers under each engine on the same corpus.

The corpus is the 300 ABC news articles shipped in gensim's test data (``demo`` extra),
replicated ``--copies`` times with distinct ids.  Each configuration ingests the corpus
into a fresh store through the same code path as ``sayso ingest``; we report wall time,
articles per second, speed-up of 2 workers over 1, peak memory per worker process, and a
projection for one million articles from the measured rate.

    python benchmarks/scale.py [--engines local dask spark] [--copies 1] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psutil

from sayso.ingest.corpus import write_jsonl
from sayso.ingest.run import RunConfig, ingest
from sayso.store import Store


class PeakMemory:
    """Samples the RSS of every descendant process; keeps each one's peak."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            for proc in me.children(recursive=True):
                try:
                    rss, name = proc.memory_info().rss, " ".join(proc.cmdline()[:3])
                except psutil.Error:
                    continue
                old = self.peaks.get(proc.pid, ("", 0))[1]
                self.peaks[proc.pid] = (name, max(old, rss))
            self._stop.wait(self.interval)

    def workers_mb(self) -> float:
        """Largest peak among Python worker processes (not the JVM, not the parent)."""
        python = [rss for name, rss in self.peaks.values() if "python" in name.lower()
                  and "java" not in name.lower()]
        return round(max(python, default=0) / 2**20, 1)


def measure(engine: str, workers: int, corpus: Path, folder: Path) -> dict[str, Any]:
    db = folder / f"{engine}-{workers}.duckdb"
    config = RunConfig(engine=engine, workers=workers, progress=False, commit_every=64,
                       parts=str(folder / f"parts-{engine}-{workers}"), chunk_size=10_000,
                       command=f"benchmark {engine} {workers}")
    with Store(db) as store, PeakMemory() as memory:
        started = time.perf_counter()
        stats = ingest(store, [str(corpus)], config)
        seconds = time.perf_counter() - started
    parent_mb = round(psutil.Process().memory_info().rss / 2**20, 1)
    # local with 1 worker analyses in the parent process itself
    worker_mb = memory.workers_mb() or parent_mb
    return {"engine": engine, "workers": workers, "articles": stats.articles,
            "seconds": round(seconds, 1), "rate": round(stats.articles / seconds, 2),
            "worker_peak_mb": worker_mb, "parent_rss_mb": parent_mb}


def cpu_seconds() -> float:
    """CPU time of this process, its reaped children and every live descendant."""
    import resource

    total = sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    for proc in psutil.Process().children(recursive=True):
        try:
            times = proc.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            continue
    return total


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def headroom(n: int = 10_000_000) -> float:
    """Speed-up of 2 processes over 1 on a pure CPU loop: what this machine can give now.

    On a busy shared machine this is well under 2, and no engine can beat it."""
    import multiprocessing as mp

    started = time.perf_counter()
    _spin(n)
    _spin(n)
    serial = time.perf_counter() - started
    started = time.perf_counter()
    with mp.get_context("fork").Pool(2) as pool:
        pool.map(_spin, [n, n])
    return round(serial / (time.perf_counter() - started), 2)


def items_of(corpus: Path) -> list[Any]:
    """(article, MinHash bands) items, as the ingest driver sends them to an engine."""
    from sayso.model import Article

    items = []
    for line in corpus.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        items.append((Article(doc_id=record["id"], text=record["text"], source=str(corpus)),
                      []))
    return items


def steady(engine: str, workers: int, corpus: Path, folder: Path) -> dict[str, Any]:
    """Engine throughput once warm: workers started and the model loaded in each of them."""
    from sayso import nlp as nlp_loader

    items = items_of(corpus)
    warmup = items[: workers * 2]
    model = nlp_loader.DEFAULT_MODEL
    with PeakMemory() as memory:
        started = time.perf_counter()
        if engine == "local":
            seconds, startup, cpu = _local_steady(items, workers, started)
        else:
            from sayso.scale import open_engine

            with open_engine(engine, workers) as running:
                running.run(warmup, model=model, run_id="warmup", folder=str(folder / "w"))
                startup = time.perf_counter() - started
                cpu_begin, begin = cpu_seconds(), time.perf_counter()
                running.run(items, model=model, run_id="bench",
                            folder=str(folder / f"parts-{engine}-{workers}"))
                seconds = time.perf_counter() - begin
                cpu = cpu_seconds() - cpu_begin
    parent_mb = round(psutil.Process().memory_info().rss / 2**20, 1)
    return {"engine": engine, "workers": workers, "articles": len(items),
            "startup_s": round(startup, 1), "seconds": round(seconds, 1),
            "rate": round(len(items) / seconds, 2),
            "cpu_s_per_article": round(cpu / len(items), 3),
            "worker_peak_mb": memory.workers_mb() or parent_mb, "parent_rss_mb": parent_mb}


def _local_steady(items: list[Any], workers: int, started: float
                  ) -> tuple[float, float, float]:
    from sayso import nlp as nlp_loader
    from sayso import runner
    from sayso.store.rows import result_rows

    nlp_loader.load()  # forked workers share the parent's loaded model
    startup = time.perf_counter() - started
    articles = [article for article, _bands in items]
    cpu_begin, begin = cpu_seconds(), time.perf_counter()
    for article, result in runner.run(articles, workers=workers):
        result_rows(article, result, "bench")
    return time.perf_counter() - begin, startup, cpu_seconds() - cpu_begin


def projection(results: list[dict[str, Any]]) -> str:
    best = max(results, key=lambda r: r["rate"])
    hours = 1_000_000 / best["rate"] / 3600
    lines = [f"1M articles at the best measured rate here ({best['engine']}, {best['workers']} "
             f"workers, {best['rate']:.1f} articles/s): {hours:.1f} h"]
    cpu = [r["cpu_s_per_article"] for r in results if r.get("cpu_s_per_article")]
    if cpu:
        per_core = 1 / min(cpu)
        lines.append(f"CPU cost: {min(cpu):.3f} CPU-s per article, so {per_core:.1f} articles/s "
                     f"per free core; 1M articles = {1_000_000 * min(cpu) / 3600:.0f} core-hours "
                     f"= {1_000_000 * min(cpu) / 3600 / 16:.1f} h on 16 free cores, "
                     f"{1_000_000 * min(cpu) / 3600 / 64:.1f} h on 64")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engines", nargs="+", default=["local", "dask", "spark"])
    parser.add_argument("--copies", type=int, default=1, help="corpus replications (300 each)")
    parser.add_argument("--json", type=Path, default=None, help="also write results here")
    parser.add_argument("--mode", choices=("steady", "ingest"), default="steady",
                        help="steady: warm engine throughput; ingest: whole `sayso ingest` runs")
    args = parser.parse_args()
    results: list[dict[str, Any]] = []
    room = headroom()
    print(f"machine headroom: 2 busy processes run {room:.2f}x faster than 1 right now", flush=True)
    with tempfile.TemporaryDirectory(prefix="sayso-scale-") as tmp:
        corpus = write_jsonl(Path(tmp, "abc.jsonl"), copies=args.copies)
        for engine in args.engines:
            for workers in (1, 2):
                run = steady if args.mode == "steady" else measure
                result = run(engine, workers, corpus, Path(tmp))
                results.append(result)
                print(json.dumps(result), flush=True)
    print(f"\n{'engine':8s} {'workers':>7s} {'articles':>8s} {'seconds':>8s} {'art/s':>7s} "
          f"{'speed-up':>8s} {'CPU-s/art':>9s} {'worker MB':>9s}")
    for result in results:
        base = next(r for r in results if r["engine"] == result["engine"] and r["workers"] == 1)
        result["speedup"] = round(result["rate"] / base["rate"], 2)
        print(f"{result['engine']:8s} {result['workers']:>7d} {result['articles']:>8d} "
              f"{result['seconds']:>8.1f} {result['rate']:>7.2f} {result['speedup']:>8.2f} "
              f"{result.get('cpu_s_per_article', 0):>9.3f} {result['worker_peak_mb']:>9.1f}")
    print("\n" + projection(results))
    if args.json:
        args.json.write_text(json.dumps({"headroom": room, "results": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
