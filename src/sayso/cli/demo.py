"""``sayso demo``: ingest 300 ABC news articles (gensim's test corpus) and summarise the store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sayso.cli import UserError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo", help="ingest the 300-article ABC news demo corpus and print a summary",
        description="Ingest the 300 ABC news articles shipped in gensim's test data (the "
                    "'demo' extra) into a store, then print articles, top speakers, top "
                    "dyads and event counts by PLOVER category.")
    p.add_argument("--db", default="sayso.duckdb", help="store file (default sayso.duckdb)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--cache", default="cache/demo", help="where the corpus JSONL is written")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.add_argument("--fast", action="store_true",
                   help="rules only, without the learned attribution tagger (as `ingest --fast`)")
    p.set_defaults(handler=run)


def ingest_arguments(args: argparse.Namespace, corpus: Path, date: str) -> argparse.Namespace:
    """The demo's ingest, parsed by the real ``sayso ingest`` parser so that every option the
    ingest command gains has its default here too (a hand-built namespace once lacked one)."""
    from sayso.cli import build_parser

    argv = ["ingest", str(corpus), "--db", args.db, "--workers", str(args.workers),
            "--date-default", date]
    argv += ["--no-progress"] * args.no_progress + ["--fast"] * args.fast
    return build_parser().parse_args(argv)


def run(args: argparse.Namespace) -> int:
    from sayso.cli.ingest import config_from, print_summary, update_claims
    from sayso.ingest.corpus import PERIOD, CorpusMissing, write_jsonl
    from sayso.ingest.run import ingest
    from sayso.store import Store
    from sayso.store.access import wait_for_writer

    try:
        corpus = write_jsonl(Path(args.cache, "abc_news.jsonl"))
    except CorpusMissing as exc:
        raise UserError(str(exc)) from exc
    config = config_from(ingest_arguments(args, corpus, PERIOD))
    config.total = 300
    config.command = f"sayso demo --db {args.db}"
    with wait_for_writer(args.db, lambda: Store(args.db)) as store:
        stats = ingest(store, [str(corpus)], config)
        print_summary(stats.to_dict(), args.db)
        update_claims(store.con)
        print(summary(store))
    return 0


def summary(store: Any) -> str:
    from sayso.cli.query import table
    from sayso.store.queries import NAMED

    parts = []
    for title, name in (("Store", "summary"), ("Top speakers", "top-speakers"),
                        ("Top dyads (source country -> target country)", "top-dyads"),
                        ("Events by PLOVER category", "event-types")):
        named = NAMED[name]
        params = {"limit": 10} if "limit" in named.params else None
        cursor = store.con.execute(named.sql, params)
        names = [d[0] for d in cursor.description]
        parts.append(f"\n== {title} ==\n" + table(names, cursor.fetchall(), width=40))
    return "\n".join(parts)
