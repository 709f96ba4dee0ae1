"""``sayso query``: SQL over the store (read-only, bound parameters) or a named query."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sayso.cli import UserError


def register(sub: Any) -> None:
    from sayso.store.queries import NAMED

    names = ", ".join(sorted(NAMED))
    p = sub.add_parser(
        "query", help="run SQL or a named query on the store",
        description=f"Run read-only SQL with $name parameters bound from --param, or a named "
                    f"query ({names}).")
    p.add_argument("sql", nargs="?", help='SQL, e.g. "SELECT * FROM events WHERE type = $t"')
    p.add_argument("--db", default="sayso.duckdb", help="store file (default sayso.duckdb)")
    p.add_argument("--parts", default=None,
                   help="query Parquet parts written by Dask/Spark workers in place instead")
    p.add_argument("--named", choices=sorted(NAMED), help="a named query")
    p.add_argument("--param", action="append", default=[], metavar="K=V",
                   help="bind $K to V (repeatable)")
    p.add_argument("--a", help="first actor (country code) for --named dyad")
    p.add_argument("--b", help="second actor (country code) for --named dyad")
    p.add_argument("--limit", type=int, default=None, help="row limit for named queries")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.set_defaults(handler=run)


def parameters(args: argparse.Namespace) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UserError(f"--param {item!r}: expected K=V")
        params[key] = value
    for key in ("a", "b", "limit"):
        if getattr(args, key) is not None:
            params[key] = getattr(args, key)
    return params


def statement(args: argparse.Namespace, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    from sayso.store.queries import DEFAULTS, NAMED

    if bool(args.sql) == bool(args.named):
        raise UserError("give either SQL or --named NAME")
    if not args.named:
        return args.sql, params
    named = NAMED[args.named]
    bound = {k: params.get(k, DEFAULTS.get(k)) for k in named.params}
    missing = [k for k, v in bound.items() if v is None]
    if missing:
        raise UserError(f"--named {args.named} needs " + ", ".join(f"--{k}" for k in missing))
    if "limit" in bound:
        bound["limit"] = int(str(bound["limit"]))
    return named.sql, bound


def connect(args: argparse.Namespace) -> Any:
    import duckdb

    if args.parts is None:
        from sayso.cli.export import open_read_only

        return open_read_only(args.db)
    from sayso.scale.parts import PART_TABLES

    con = duckdb.connect()
    root = Path(args.parts)
    for table in PART_TABLES:
        files = sorted(str(p) for p in root.rglob(f"{table}/*.parquet"))
        if files:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}], "
                        f"union_by_name = true)")
    return con


def run(args: argparse.Namespace) -> int:
    import duckdb

    params = parameters(args)
    sql, bound = statement(args, params)
    con = connect(args)
    try:
        cursor = con.execute(sql, bound or None)
        names = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except duckdb.Error as exc:
        raise UserError(f"query failed: {exc}") from exc
    finally:
        con.close()
    write(names, rows, args.format)
    return 0


def _plain(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def write(names: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    if fmt == "json":
        for row in rows:
            print(json.dumps({n: _plain(v) for n, v in zip(names, row, strict=True)},
                             ensure_ascii=False, default=str))
    elif fmt == "csv":
        out = csv.writer(sys.stdout)
        out.writerow(names)
        out.writerows(rows)
    else:
        print(table(names, rows))


def table(names: list[str], rows: list[tuple[Any, ...]], width: int = 60) -> str:
    cells = [[("" if v is None else str(_plain(v))).replace("\n", " ")[:width] for v in row]
             for row in rows]
    widths = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(lines)
