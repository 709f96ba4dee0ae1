"""``sayso ingest``: read sources into the DuckDB store, analysing each new article once."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from typing import Any

from sayso.cli import UserError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "ingest", help="read files, folders, URLs, feeds, JSONL or WARC into the store",
        description="Read SOURCEs, extract article text, skip duplicates, run the pipeline on "
                    "new articles and write everything to a DuckDB store. Re-running the same "
                    "command (e.g. after a crash) adds only what is missing.")
    p.add_argument("sources", nargs="+", metavar="SOURCE",
                   help="text/HTML/JSONL/WARC/feed file, folder, http(s) URL (page or feed), "
                        "or - for stdin. Each input that fails is named on stderr with its "
                        "reason and recorded in the failures table; the exit code is then 1")
    p.add_argument("--db", default="sayso.duckdb", help="store file (default sayso.duckdb)")
    p.add_argument("--jsonl-map", metavar="MAP", default=None,
                   help="JSONL field names, e.g. id=uid,text=body,date=published (also title, "
                        "url, author, site_name, html)")
    p.add_argument("--date-default", "--date", dest="date_default", metavar="YYYY-MM-DD",
                   help="publication date for articles whose source gives none (plain text, "
                        "undated JSONL): actors are coded as of that date, not today")
    p.add_argument("--engine", choices=("local", "dask", "spark"), default="local")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--scheduler", default=None,
                   help="Dask scheduler address, or Spark master URL (default: local)")
    p.add_argument("--parts", default="sayso-parts",
                   help="folder for Parquet parts written by Dask/Spark workers")
    p.add_argument("--chunk-size", type=int, default=256,
                   help="documents per Dask/Spark job; each chunk is loaded in one transaction")
    p.add_argument("--model", default=None, help="installed spaCy pipeline to use")
    p.add_argument("--fast", action="store_true",
                   help="attributions from the rules alone, without the learned tagger "
                        "(faster; the output of sayso before the tagger)")
    p.add_argument("--no-near-duplicates", action="store_true",
                   help="keep near-identical texts as separate articles")
    p.add_argument("--commit-every", type=int, default=32, help="documents per transaction")
    p.add_argument("--max-bytes", type=int, default=None, help="size cap per download")
    p.add_argument("--timeout", type=float, default=None, help="seconds per network read")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("-v", "--verbose", action="store_true", help="log each commit to stderr")
    p.set_defaults(handler=run)


def config_from(args: argparse.Namespace) -> Any:
    from sayso.ingest.run import RunConfig
    from sayso.ingest.sources import Options, parse_mapping
    from sayso.store.rows import as_date

    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    if args.commit_every < 1 or args.chunk_size < 1:
        raise UserError("--commit-every and --chunk-size must be at least 1")
    try:
        options = Options(jsonl_map=parse_mapping(args.jsonl_map))
    except ValueError as exc:
        raise UserError(f"--jsonl-map: {exc}") from exc
    date_default = getattr(args, "date_default", None)
    if date_default is not None and as_date(date_default) != date_default:
        raise UserError(f"--date-default {date_default!r}: expected a date as YYYY-MM-DD")
    if args.max_bytes:
        options.fetch.max_bytes = args.max_bytes
    if args.timeout:
        options.fetch.timeout = args.timeout
        options.fetch.deadline_s = max(args.timeout * 3, options.fetch.deadline_s)
    return RunConfig(engine=args.engine, workers=args.workers, model=args.model,
                     commit_every=args.commit_every, progress=not args.no_progress,
                     verbose=args.verbose, scheduler=args.scheduler, parts=args.parts,
                     near_duplicates=not args.no_near_duplicates, options=options, fast=args.fast,
                     chunk_size=args.chunk_size, date_default=date_default,
                     command=shlex.join(["sayso", "ingest", *sys.argv[2:]]))


def check_engine(engine: str) -> None:
    module = {"dask": "distributed", "spark": "pyspark"}.get(engine)
    if module is None:
        return
    try:
        __import__(module)
    except ImportError as exc:
        raise UserError(f"--engine {engine} needs the '{engine}' extra: "
                        f"pip install 'sayso[{engine}]'") from exc


def run(args: argparse.Namespace) -> int:
    import duckdb

    from sayso import nlp as nlp_loader
    from sayso.ingest.run import ingest
    from sayso.ingest.sources import count_inputs
    from sayso.store import Store
    from sayso.store.access import wait_for_writer

    config = config_from(args)
    check_engine(args.engine)
    try:
        nlp_loader.load(config.model or nlp_loader.DEFAULT_MODEL)
    except nlp_loader.ModelNotFound as exc:
        raise UserError(str(exc)) from exc
    config.total = count_inputs(args.sources)
    try:
        store = wait_for_writer(args.db, lambda: Store(args.db))
    except duckdb.Error as exc:
        raise UserError(f"cannot open store {args.db}: {exc}") from exc
    config.on_failure = report_failure
    with store:
        stats = ingest(store, args.sources, config)
        print_summary(stats.to_dict(), args.db)
        update_claims(store.con)
    return exit_code(stats.to_dict())


def report_failure(row: dict[str, Any]) -> None:
    """Each failed input, as it happens: ``sayso: PATH-OR-URL: reason: detail``."""
    from tqdm import tqdm

    detail = f": {row['detail']}" if row.get("detail") else ""
    tqdm.write(f"sayso: {row['source']}: {row['reason']}{detail}", file=sys.stderr)


def exit_code(stats: dict[str, Any]) -> int:
    """1 when any input failed or there was nothing to read; 0 only when all were read."""
    if not stats["inputs"]:
        print("sayso: no inputs: nothing was read", file=sys.stderr)
        return 1
    return 1 if stats["failures"] else 0


def update_claims(con: Any) -> None:
    """New statements join claims or form new ones (``sayso claims build`` rebuilds all)."""
    from sayso.claims.update import after_ingest

    print(after_ingest(con), file=sys.stderr)


def print_summary(stats: dict[str, Any], db: str) -> None:
    failures = stats["failures"]
    stored = stats["articles"] + stats["near_duplicates"] + stats["unsupported_language"]
    lines = [
        f"inputs read      {stats['inputs']}",
        # Stored = what the dashboard counts: near duplicates and other languages are kept
        # (text, no analysis); exact duplicates only add a sighting to the first copy.
        f"articles         {stored} new in the store: {stats['articles']} analysed, "
        f"{stats['near_duplicates']} near duplicates and {stats['unsupported_language']} in "
        f"unsupported languages kept unanalysed; {stats['duplicates']} exact duplicates",
        f"attributions     {stats['attributions']}",
        f"events           {stats['events']}",
        f"failures         {sum(failures.values())}"
        + (f" ({json.dumps(failures, sort_keys=True)})" if failures else ""),
        f"time             {stats['seconds']} s  ->  {db}",
    ]
    print("\n".join(lines), file=sys.stderr)
