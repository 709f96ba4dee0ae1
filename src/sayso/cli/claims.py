"""``sayso claims``: the same claim across speakers, outlets and time (docs/claims.md)."""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

from sayso.cli import UserError

EMBEDDERS = ("auto", "minilm", "lexical", "e5")  # sayso.claims.vectors.EMBEDDERS (lazy import)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "claims", help="group attributions into claims and follow them across sources",
        description="Cluster the attributions of a store into claims; list, show, search "
                    "them; see contradictions; link fact-checks. With --json and no "
                    "subcommand, print every claim with its members, one JSON object a line.")
    p.add_argument("--db", default="sayso.duckdb", help="store file (default sayso.duckdb)")
    p.add_argument("--json", action="store_true", help="JSON output (one object per line)")
    p.set_defaults(handler=run, action=None)
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    b = actions.add_parser("build", help="cluster all attributions in the store into claims")
    b.add_argument("--embedder", choices=list(EMBEDDERS), default="auto",
                   help="auto (default): the shipped MiniLM encoder; e5: the 'claims' extra")
    b.add_argument("--threshold", type=float, default=None, help="merge threshold (0-1)")
    ls = actions.add_parser("list", help="claims by number of articles")
    ls.add_argument("--min-size", type=int, default=2, help="fewest attributions (default 2)")
    ls.add_argument("--limit", type=int, default=50)
    show = actions.add_parser("show", help="one claim with all its attributions")
    show.add_argument("claim_id", metavar="ID")
    search = actions.add_parser("search", help="claims most similar to a text")
    search.add_argument("text", metavar="TEXT")
    search.add_argument("--limit", type=int, default=10)
    con = actions.add_parser("contradictions", help="claims one source asserts and another denies")
    con.add_argument("--limit", type=int, default=50)
    rev = actions.add_parser("import-reviews",
                             help="import schema.org ClaimReview records and link them to claims")
    rev.add_argument("files", nargs="+", metavar="FILE",
                     help="fact-check HTML pages (JSON-LD), JSON or JSONL files, or folders")
    rev.add_argument("--embedder", choices=list(EMBEDDERS), default="auto")
    rel = actions.add_parser(
        "related", help="for each statement, the statements of other articles most likely "
                        "to make the same claim (JSON Lines with --json)")
    rel.add_argument("--k", type=int, default=10, help="related statements each (default 10)")
    rel.add_argument("--embedder", choices=list(EMBEDDERS), default="auto",
                     help="auto (default): the shipped MiniLM encoder")
    for action in (b, ls, show, search, con, rev, rel):
        # Also accepted after the action; SUPPRESS keeps the value given before it.
        action.add_argument("--db", default=argparse.SUPPRESS,
                            help="store file (default sayso.duckdb)")
        action.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                            help="JSON output (one object per line)")


def run(args: argparse.Namespace) -> int:
    from sayso.claims import db
    from sayso.store.access import open_reader, wait_for_writer

    action = args.action or ("dump" if args.json else "list")
    read_only = action not in ("build", "import-reviews")
    if read_only and not Path(args.db).exists():
        raise UserError(f"no store at {args.db} (run `sayso ingest` first)")
    try:
        if read_only:
            con = open_reader(args.db)  # through the server when `sayso serve` holds it
        else:
            con = wait_for_writer(args.db, lambda: db.connect(args.db))
    except Exception as exc:  # duckdb raises IOException for locked or corrupt files
        raise UserError(f"cannot open {args.db}: {exc}") from exc
    try:
        return _ACTIONS[action](con, args)
    finally:
        con.close()


def _embedder(kind: str) -> Any:
    from sayso.claims.vectors import load_embedder

    try:
        return load_embedder(kind)
    except ImportError as exc:
        raise UserError("the e5 embedder needs the 'claims' extra: "
                        "pip install 'sayso[claims]'") from exc


def _build(con: Any, args: argparse.Namespace) -> int:
    from dataclasses import asdict, replace

    from sayso.claims.build import build
    from sayso.claims.cluster import Settings

    embedder = _embedder(args.embedder)
    settings = Settings.for_embedder(embedder)
    if args.threshold is not None:
        if not 0 < args.threshold <= 1:
            raise UserError("--threshold must be in (0, 1]")
        settings = replace(settings, threshold=args.threshold,
                           lexical_threshold=args.threshold)
    say = (lambda m: print(m, file=sys.stderr)) if not args.json else None
    report = build(con, embedder, settings, progress=say)
    if args.json:
        _print(asdict(report))
    else:
        print(f"{report.claims} claims ({report.multi_member_claims} with 2+ attributions) "
              f"from {report.attributions} attributions; {report.skipped} skipped; "
              f"embedder {report.embedder}")
    return 0


def _dump(con: Any, args: argparse.Namespace) -> int:
    from sayso.claims.views import iter_json

    for claim in iter_json(con):
        _print(claim)
    return 0


def _list(con: Any, args: argparse.Namespace) -> int:
    from sayso.claims.views import claims

    min_size = getattr(args, "min_size", 2)
    for c in claims(con, min_size=min_size, limit=getattr(args, "limit", 50)):
        if args.json:
            _print(c)
        else:
            _line(c)
    return 0


def _show(con: Any, args: argparse.Namespace) -> int:
    from sayso.claims.views import claims, with_members

    found = with_members(con, claims(con, ids=[args.claim_id]))
    if not found:
        raise UserError(f"no claim {args.claim_id}")
    claim = found[0]
    if args.json:
        _print(claim)
        return 0
    _line(claim)
    for r in claim["reviews"]:
        print(f"  fact-check: {_safe(r['rating'])} by {_safe(r['author'])} {_safe(r['url'])}")
    for m in claim["members"]:
        print(f"  {m['date'] or '----------'} {m['stance']:<8} "
              f"{_safe(m['speaker']['name'] or '?')} [{_safe(m['site_name'] or m['source'])}] "
              f"{_safe(m['cue']['text'])}: {_safe(m['content']['text'], 120)}")
    return 0


def _search(con: Any, args: argparse.Namespace) -> int:
    from sayso.claims.views import search

    for c in search(con, args.text, limit=args.limit):
        if args.json:
            _print(c)
        else:
            _line(c)
    return 0


def _contradictions(con: Any, args: argparse.Namespace) -> int:
    from sayso.claims.views import contradictions

    for c in contradictions(con, limit=args.limit):
        if args.json:
            _print(c)
            continue
        _line(c)
        for side, members in (("asserts", c["affirmed_by"]), ("denies", c["denied_by"])):
            for m in members:
                print(f"  {side:<8} {_safe(m['speaker']['name'] or '?')} "
                      f"[{_safe(m['site_name'] or m['source'])}] {m['date'] or ''}: "
                      f"{_safe(m['content']['text'], 100)}")
    return 0


def _import_reviews(con: Any, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from sayso.claims.reviews import import_files

    paths = [Path(f) for f in args.files]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise UserError(f"cannot read {', '.join(missing)}")
    report = import_files(con, paths, _embedder(args.embedder))
    if args.json:
        _print(asdict(report))
    else:
        print(f"{report.imported} reviews imported, {report.linked} linked to claims, "
              f"{report.skipped} unreadable records skipped")
    return 0


def _related(con: Any, args: argparse.Namespace) -> int:
    from sayso.claims.related import build_index, related_records

    if not 1 <= args.k <= 1000:
        raise UserError("--k must be between 1 and 1000")
    index = build_index(con, _embedder(args.embedder))
    if not args.json:
        print(f"{len(index.rows)} statements, vectors {index.model}", file=sys.stderr)
    by_id = {r.attribution_id: r for r in index.rows}
    for record in related_records(index, args.k):
        if args.json:
            _print(record)
            continue
        row = by_id[str(record["attribution_id"])]
        print(f"{record['attribution_id']}  {_safe(row.speaker or '?')}: "
              f"{_safe(row.content, 100)}")
        for item in record["related"]:  # type: ignore[attr-defined]
            other = by_id[item["attribution_id"]]
            print(f"    {item['score']:.3f} {_safe(other.site_name or other.source)} "
                  f"{_safe(other.speaker or '?')}: {_safe(other.content, 90)}")
    return 0


def _safe(text: Any, limit: int = 160) -> str:
    """Article text is untrusted: no terminal control characters, one line."""
    from sayso.claims.reviews import one_line

    return one_line(_CONTROL.sub(" ", str(text) if text is not None else ""), limit)


def _line(c: dict[str, Any]) -> None:
    stances = " ".join(f"{k}={v}" for k, v in sorted(c.get("stances", {}).items()))
    flag = " CONTRADICTED" if c.get("contradiction") else ""
    print(f"{c['claim_id']}  {c['n_attributions']:>3} attr {c['n_articles']:>3} art "
          f"{c['first_seen'] or '?'}..{c['last_seen'] or '?'}  [{stances}]{flag}\n"
          f"    {_safe(c['text'])}")


def _print(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, default=str) + "\n")


_ACTIONS = {
    "build": _build, "dump": _dump, "list": _list, "show": _show, "search": _search,
    "contradictions": _contradictions, "import-reviews": _import_reviews, "related": _related,
}
