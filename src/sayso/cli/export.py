"""``sayso export``: the store as Parquet/CSV tables, article JSONL, PLOVER events or GDELT dyads."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sayso.cli import UserError

FORMATS = ("parquet", "csv", "jsonl", "plover", "gdelt")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "export", help="export the store (parquet, csv, jsonl, plover, gdelt)",
        description="parquet/csv: one file per table in the folder OUT. jsonl: one line per "
                    "analysed article with its attributions and events. plover: PLOVER/POLECAT-"
                    "style event JSON lines. gdelt: a tab-separated dyad table.")
    p.add_argument("--db", default="sayso.duckdb", help="store file (default sayso.duckdb)")
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("--out", required=True, help="output file (folder for parquet/csv)")
    p.set_defaults(handler=run)


def open_read_only(db: str) -> Any:
    """A read-only connection; through the server when `sayso serve` holds the store."""
    import duckdb

    from sayso.store.access import open_reader

    if not Path(db).exists():
        raise UserError(f"no store at {db} (create one with `sayso ingest`)")
    try:
        return open_reader(db)
    except duckdb.Error as exc:
        raise UserError(f"cannot open store {db}: {exc}") from exc


def run(args: argparse.Namespace) -> int:
    import duckdb

    from sayso.store.export import export

    con = open_read_only(args.db)
    try:
        # absolute: when the server runs the COPY, its working folder may differ from ours
        written = export(con, args.format, str(Path(args.out).absolute()))
    except (duckdb.Error, OSError) as exc:
        raise UserError(f"cannot write {args.out}: {exc}") from exc
    finally:
        con.close()
    for path in written:
        print(path, file=sys.stderr)
    return 0
