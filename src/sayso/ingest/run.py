"""One ingest run: sources -> triage -> pipeline (local, Dask or Spark) -> store.

The parent process is the store's only writer.  It commits whole articles in small
transactions, so ``kill -9`` at any moment loses at most the articles in flight, and
running the same command again adds exactly those (every key is a content hash).
"""

from __future__ import annotations

import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sayso.ingest.articles import blank_as_failure
from sayso.ingest.sources import Options, iter_sources, with_default_date
from sayso.ingest.triage import Triage
from sayso.model import Article, Failure, InputError
from sayso.store import Store
from sayso.store.rows import article_id_of, failure_row, result_rows

Rows = dict[str, list[dict[str, Any]]]
SIDE_LIMIT = 8  # rows set aside in a pool's feeder thread before it asks for a drain


def flush_article() -> Article:
    """Sent through the pipeline (which skips it unparsed) only so that its result comes back
    to the writer's thread, which then drains the rows set aside meanwhile."""
    return Article(doc_id="flush", text="", error=InputError("flush"), meta={"flush": True})


@dataclass(slots=True)
class RunConfig:
    engine: str = "local"
    workers: int = 1
    model: str | None = None
    commit_every: int = 32
    commit_seconds: float = 5.0
    progress: bool = True
    verbose: bool = False
    scheduler: str | None = None  # Dask scheduler address
    parts: str | None = None  # where Dask/Spark workers write Parquet parts
    near_duplicates: bool = True
    fast: bool = False  # rules-only attributions, without the learned tagger
    total: int | None = None
    chunk_size: int = 256  # documents per Dask/Spark job (one Parquet load per chunk)
    command: str = ""
    options: Options = field(default_factory=Options)
    date_default: str | None = None  # ISO date for articles whose source gives none
    # called with each failures row as it is recorded (the CLI prints them on stderr)
    on_failure: Callable[[dict[str, Any]], None] | None = None


@dataclass(slots=True)
class Stats:
    inputs: int = 0
    articles: int = 0
    attributions: int = 0
    events: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def add(self, rows: Rows) -> None:
        self.articles += sum(r["status"] == "processed" for r in rows.get("articles", []))
        self.attributions += len(rows.get("attributions", []))
        self.events += len(rows.get("events", []))
        self.failures.update(r["reason"] for r in rows.get("failures", []))

    def to_dict(self) -> dict[str, Any]:
        return {"inputs": self.inputs, "articles": self.articles,
                "attributions": self.attributions, "events": self.events,
                "duplicates": self.kinds["exact"], "near_duplicates": self.kinds["near"],
                "unsupported_language": self.kinds["unsupported_language"],
                "failures": dict(self.failures), "seconds": round(self.seconds, 1)}


class Writer:
    """Buffers rows of whole articles and commits them in one transaction at a time."""

    def __init__(self, store: Store, stats: Stats, config: RunConfig,
                 on_commit: Callable[[list[str]], None] | None = None) -> None:
        self.store, self.stats, self.config = store, stats, config
        self.on_commit = on_commit
        self.run_id = ""
        self.buffer: list[Rows] = []
        self.ids: list[str] = []
        self.last = time.monotonic()
        self.committed = 0

    def add(self, rows: Rows, ids: Iterable[str] = ()) -> None:
        self.buffer.append(rows)
        self.ids.extend(ids)
        self.ids.extend(r["article_id"] for r in rows.get("articles", []))
        self.stats.add(rows)
        if self.config.on_failure is not None:
            for row in rows.get("failures", []):
                self.config.on_failure(row)
        due = time.monotonic() - self.last > self.config.commit_seconds
        if len(self.buffer) >= self.config.commit_every or due:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.store.write_rows(self.buffer)
            self.committed += len(self.buffer)
            if self.on_commit is not None:
                self.on_commit(self.ids)
            if self.config.verbose:
                print(f"sayso: committed {self.committed} documents", file=sys.stderr, flush=True)
        self.buffer, self.ids = [], []
        self.last = time.monotonic()


def ingest(store: Store, sources: Iterable[str], config: RunConfig) -> Stats:
    stats = Stats()
    run_id = store.start_run(config.command, config.engine)
    started = time.monotonic()
    status = "interrupted"
    try:
        _ingest(store, sources, config, run_id, stats)
        status = "finished"
    finally:
        stats.seconds = time.monotonic() - started
        store.finish_run(run_id, stats.to_dict(), status)
    return stats


def _ingest(store: Store, sources: Iterable[str], config: RunConfig, run_id: str,
            stats: Stats) -> None:
    triage = Triage(store.con.cursor(), run_id, config.near_duplicates)
    writer = Writer(store, stats, config, on_commit=triage.committed)
    writer.run_id = run_id
    progress = _progress(config)
    items = with_default_date(iter_sources(sources, config.options), config.date_default)
    # Rows of inputs that need no analysis (failures, duplicates, other languages) must not
    # pile up in memory while no analysed result comes back to drain them. One local worker,
    # Dask and Spark consume this generator in the writer's thread, which writes them at once.
    inline = not (config.engine == "local" and config.workers > 1)

    def to_analyse() -> Iterator[Article]:
        # Runs in the pool's feeder thread when workers > 1: it only touches triage
        # (its own cursor) and thread-safe deques, never the writer's connection; every
        # SIDE_LIMIT rows set aside it sends a flush article, whose result lets the writer's
        # thread drain them.
        for item in items:
            stats.inputs += 1
            item = blank_as_failure(item)
            if isinstance(item, Failure):
                side.append({"failures": [failure_row(item, run_id)]})
            else:
                verdict = triage.judge(item)
                stats.kinds[verdict.kind] += 1
                if verdict.analyse:
                    yield item
                    continue
                side.append(verdict.rows)
            if inline:
                _drain(side, writer, progress)
            elif len(side) >= SIDE_LIMIT:
                yield flush_article()

    side: deque[Rows] = deque()
    if config.engine == "local":
        _local(to_analyse(), config, side, writer, triage, progress)
    else:
        _distributed(to_analyse(), config, run_id, side, writer, triage, progress)
    _drain(side, writer, progress)
    writer.flush()
    progress.close()


def _local(articles: Iterator[Article], config: RunConfig, side: deque[Rows], writer: Writer,
           triage: Triage, progress: Any) -> None:
    from sayso import nlp as nlp_loader
    from sayso import runner

    model = config.model or nlp_loader.DEFAULT_MODEL
    for article, result in runner.run(articles, model=model, workers=config.workers,
                                      fast=config.fast):
        if article.meta.get("flush"):  # only there to drain the rows set aside
            _drain(side, writer, progress)
            continue
        _drain(side, writer, progress)
        article_id = article_id_of(article.text)
        rows = result_rows(article, result, writer.run_id, triage.bands_of(article_id))
        writer.add(rows, ids=[article_id])
        progress.update(1)


def _distributed(articles: Iterator[Article], config: RunConfig, run_id: str,
                 side: deque[Rows], writer: Writer, triage: Triage, progress: Any) -> None:
    """Workers write Parquet parts per chunk; the writer loads each chunk in one transaction.

    The cluster analyses chunk N in a background thread while this thread reads and triages
    chunk N+1, so the driver's reading does not leave the workers idle.
    """
    from concurrent.futures import Future, ThreadPoolExecutor

    from sayso import nlp as nlp_loader
    from sayso.scale import open_engine

    model = config.model or nlp_loader.DEFAULT_MODEL
    running: tuple[Future[None], str, list[Chunked]] | None = None

    def finish(job: tuple[Future[None], str, list[Chunked]]) -> None:
        future, folder, chunk = job
        future.result()
        added = writer.store.load_parquet(folder)
        _report_parts(folder, writer)
        triage.committed(article_id_of(article.text) for article, _bands in chunk)
        writer.stats.articles += added.get("articles", 0)
        writer.stats.attributions += added.get("attributions", 0)
        writer.stats.events += added.get("events", 0)
        progress.update(len(chunk))

    with open_engine(config.engine, config.workers, config.scheduler) as engine, \
            ThreadPoolExecutor(1, thread_name_prefix="sayso-engine") as pool:
        for number, chunk in enumerate(_chunks(articles, triage, config.chunk_size)):
            if running is not None:
                finish(running)
            _drain(side, writer, progress)
            writer.flush()
            folder = str(Path(config.parts or "parts", run_id, f"chunk-{number:05d}").resolve())
            running = (pool.submit(engine.run, chunk, model=model, run_id=run_id,
                                   folder=folder, fast=config.fast), folder, chunk)
        if running is not None:
            finish(running)


def _report_parts(folder: str, writer: Writer) -> None:
    """Failures the workers wrote (analysis failures): counted and reported like local ones,
    also when a rerun finds them already stored."""
    parts = sorted(Path(folder, "failures").glob("*.parquet"))
    if not parts:
        return
    rows = writer.store.con.execute(
        "SELECT source, reason, detail FROM read_parquet(?)", [[str(p) for p in parts]]).fetchall()
    for source, reason, detail in rows:
        writer.stats.failures[reason] += 1
        if writer.config.on_failure is not None:
            writer.config.on_failure({"source": source, "reason": reason, "detail": detail})


Chunked = tuple[Article, list[str]]  # an article and its MinHash bands, sent to a worker


def _chunks(articles: Iterator[Article], triage: Triage, size: int
            ) -> Iterator[list[Chunked]]:
    chunk: list[Chunked] = []
    for article in articles:
        chunk.append((article, triage.bands_of(article_id_of(article.text))))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _drain(side: deque[Rows], writer: Writer, progress: Any) -> None:
    while side:
        writer.add(side.popleft())
        progress.update(1)


def _progress(config: RunConfig) -> Any:
    from tqdm import tqdm

    return tqdm(total=config.total, unit="doc", file=sys.stderr, disable=not config.progress,
                dynamic_ncols=True, mininterval=1.0, smoothing=0.1)
