"""``sayso serve``: the HTTP API and the analyst dashboard over a store."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sayso.cli import UserError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the HTTP API and the dashboard over a store",
        description="Serve the JSON API (/api, OpenAPI at /openapi.json) and the dashboard. "
                    "Writes (POST /api/extract, /api/ingest) need the token in SAYSO_TOKEN.",
    )
    p.add_argument("--db", required=True, metavar="PATH",
                   help="DuckDB store (must exist unless --create is given)")
    p.add_argument("--create", action="store_true",
                   help="create an empty store at --db when there is none")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--token-file", metavar="FILE",
                   help="read the write token from FILE instead of SAYSO_TOKEN")
    p.add_argument("--allow-private-urls", action="store_true",
                   help="let /api/ingest fetch loopback, link-local and private addresses")
    p.add_argument("--model", default=None, help="installed spaCy pipeline for /api/ingest")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from sayso.server import ServerConfig, create_app
    from sayso.store.access import announce, withdraw

    if not 0 < args.port < 65536:
        raise UserError("--port must be between 1 and 65535")
    db_path = Path(args.db)
    if not db_path.parent.is_dir():
        raise UserError(f"folder {db_path.parent} does not exist")
    if not db_path.exists() and not args.create:
        raise UserError(f"no store at {db_path}: fill one with `sayso ingest ... --db {db_path}` "
                        f"or `sayso demo --db {db_path}`, or pass --create for an empty one")
    config = ServerConfig(db_path=db_path, allow_private_urls=args.allow_private_urls,
                          model=args.model)
    if args.token_file:
        try:
            config.token = Path(args.token_file).read_text(encoding="utf-8").strip() or None
        except OSError as exc:
            raise UserError(f"cannot read --token-file: {exc}") from exc
    try:
        app = create_app(config)
    except Exception as exc:  # duckdb lock held by another process, corrupt file...
        raise UserError(f"cannot open {db_path}: {exc}") from exc
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{args.port}"
    local = {"0.0.0.0": "127.0.0.1", "::": "[::1]"}.get(args.host, host)  # noqa: S104
    print(f"sayso dashboard: {url}/  (API docs: {url}/docs, Ctrl-C to stop)", flush=True)
    # CLI reads of this store go through us while we hold it (sayso.store.access).
    app.state.local_key = announce(db_path, f"http://{local}:{args.port}")
    try:
        uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    finally:
        withdraw(db_path, app.state.local_key)
    return 0
