"""``sayso extract``: attributions and events of text files, one JSON object per document."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sayso.cli import UserError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="find attributions and events in text files",
        description="Read text files (or - for stdin) and write one JSON object per document.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="text files or folders; - for stdin")
    p.add_argument("--input-jsonl", metavar="FILE",
                   help='read JSONL lines {"id", "text", optional "date"} instead of files')
    p.add_argument("--jsonl", action="store_true", help="one compact JSON object per line")
    p.add_argument("--model", default=None, help="installed spaCy pipeline to use")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--date", default=None, help="article date (YYYY-MM-DD) for relative dates")
    p.add_argument("-o", "--output", default="-", help="write here instead of stdout")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sayso import nlp as nlp_loader
    from sayso import runner
    from sayso.inputs import read_jsonl, read_paths

    if not args.paths and not args.input_jsonl:
        raise UserError("give PATH arguments, - for stdin, or --input-jsonl FILE")
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    model = args.model or nlp_loader.DEFAULT_MODEL
    try:
        nlp_loader.load(model)
    except nlp_loader.ModelNotFound as exc:
        raise UserError(str(exc)) from exc

    articles = (read_jsonl(args.input_jsonl, date=args.date) if args.input_jsonl
                else read_paths(args.paths, date=args.date))
    out = sys.stdout if args.output == "-" else open(args.output, "w", encoding="utf-8")  # noqa: SIM115
    failures = 0
    try:
        for record in runner.run(articles, model=model, workers=args.workers):
            failures += "error" in record
            if args.jsonl:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
            out.flush()
    except FileNotFoundError as exc:
        raise UserError(f"cannot read {exc.filename}") from exc
    finally:
        if out is not sys.stdout:
            out.close()
    if failures:
        print(f"sayso: {failures} document(s) failed; see their \"error\" field", file=sys.stderr)
    return 1 if failures else 0
