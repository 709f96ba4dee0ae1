"""``sayso extract``: attributions and events of text files, one JSON object per document."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from sayso.cli import UserError

if TYPE_CHECKING:
    from sayso.model import Article


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="find attributions and events in files, folders or URLs",
        description="Read what `sayso ingest` reads (text, HTML, JSONL, WARC, feed files, "
                    "folders, http(s) URLs, - for stdin) and write one JSON object per document. "
                    "An input that cannot be read is named on stderr with the reason and gets a "
                    "record with an \"error\" field; the exit code is then 1.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files, folders or http(s) URLs (pages or feeds); - for stdin")
    p.add_argument("--input-jsonl", metavar="FILE",
                   help='read JSONL lines {"id", "text", optional "date"} instead of files')
    p.add_argument("--jsonl", action="store_true", help="one compact JSON object per line")
    p.add_argument("--model", default=None, help="installed spaCy pipeline to use")
    p.add_argument("--fast", action="store_true",
                   help="attributions from the rules alone, without the learned tagger "
                        "(faster; the output of sayso before the tagger)")
    p.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    p.add_argument("--date", default=None, help="article date (YYYY-MM-DD) for relative dates")
    p.add_argument("-o", "--output", default="-", help="write here instead of stdout")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sayso import runner

    if not args.paths and not args.input_jsonl:
        raise UserError("give PATH arguments, - for stdin, or --input-jsonl FILE")
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    if args.input_jsonl and args.input_jsonl != "-" and not Path(args.input_jsonl).is_file():
        raise UserError(f"cannot read {args.input_jsonl}: not a file")
    model = load_model(args.model)
    out = open_output(args.output)
    failures = 0
    try:
        for article, result in runner.run(read_articles(args), model=model,
                                          workers=args.workers, fast=args.fast):
            record = result.to_dict()
            source = article.source or article.doc_id
            if "error" in record:
                failures += 1
                print(f"sayso: {source}: {record['reason']}: {record['error']}", file=sys.stderr,
                      flush=True)
            out.write(json.dumps(record, ensure_ascii=False, indent=None if args.jsonl else 2) + "\n")
            out.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:  # the input file vanished or the output cannot be written
        raise UserError(f"{exc.filename or args.output}: {exc.strerror or exc}") from exc
    finally:
        if out is not sys.stdout:
            out.close()
    if failures:
        print(f"sayso: {failures} document(s) failed; see their \"error\" field", file=sys.stderr)
    return 1 if failures else 0


def load_model(name: str | None) -> str:
    from sayso import nlp as nlp_loader

    model = name or nlp_loader.DEFAULT_MODEL
    try:
        nlp_loader.load(model)  # loaded once here; worker processes inherit it
    except nlp_loader.ModelNotFound as exc:
        raise UserError(str(exc)) from exc
    return model


def read_articles(args: argparse.Namespace) -> Iterator[Article]:
    """The articles to analyse; each names its path or URL (``source``), so that a failure
    can be reported by it."""
    from sayso.inputs import read_jsonl, read_paths

    if args.input_jsonl:
        return read_jsonl(args.input_jsonl, date=args.date)
    return read_paths(args.paths, date=args.date)


def open_output(path: str) -> TextIO:
    """stdout or a file; unpaired surrogates (from odd file names or ids) are written as
    JSON escapes rather than failing the write."""
    if path == "-":
        if isinstance(sys.stdout, io.TextIOWrapper):
            sys.stdout.reconfigure(errors="backslashreplace")
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", errors="backslashreplace")
    except OSError as exc:
        raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc
