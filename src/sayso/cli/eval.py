"""``sayso eval``: score attributions, events or PLV predictions (same numbers as shared/eval)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sayso.cli import UserError


def register(sub: Any) -> None:
    p = sub.add_parser("eval", help="score predictions against gold data",
                       description="Score predictions; the numbers match shared/eval/score_*.py.")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True)
    attr = kinds.add_parser("attributions", help="who said what, against PolNeAR-style brat gold")
    attr.add_argument("--gold", required=True, help="split folder with text/ and attributions/")
    attr.add_argument("--pred", help="predictions JSONL; without it sayso extract runs on DIR/text")
    events = kinds.add_parser("events", help="PLOVER events, against gold event JSONL")
    events.add_argument("--gold", required=True, help="gold events JSONL")
    events.add_argument("--pred", required=True, help="predicted events JSONL")
    plv = kinds.add_parser("plv", help="event type between a marked source and target")
    plv.add_argument("--gold", required=True, help="gold PLV JSONL")
    plv.add_argument("--pred", help="predicted events JSONL; without it sayso extract runs on each text")
    for sp in (attr, events, plv):
        sp.add_argument("--json", action="store_true", help="print one JSON object, not a table")
        sp.set_defaults(handler=run)
    for sp in (attr, plv):
        sp.add_argument("--model", default=None, help="spaCy pipeline when extracting")
        sp.add_argument("--workers", type=int, default=1, help="worker processes when extracting")
        sp.add_argument("--save-pred", metavar="FILE", help="also write the extracted predictions here")
        sp.add_argument("--fast", action="store_true",
                        help="extract with the rules alone, without the learned tagger")


def run(args: argparse.Namespace) -> int:
    from sayso.eval import attributions, events, plv, report

    if args.kind == "attributions":
        gold_dir = Path(args.gold)
        if not (gold_dir / "text").is_dir():
            raise UserError(f"{gold_dir} has no text/ folder")
        preds = _load(args.pred) if args.pred else _extract_folder(args, gold_dir / "text")
        result = attributions.score(gold_dir, preds)
        table = report.attributions_table
    elif args.kind == "events":
        result = events.score(_load(args.gold), _load(args.pred))
        table = report.events_table
    else:
        gold = list(_load(args.gold))
        preds = _load(args.pred) if args.pred else _extract_items(args, gold)
        result = plv.score(gold, preds)
        table = report.plv_table
    print(json.dumps(result, indent=1) if args.json else table(result))
    return 0


def _load(path: str) -> Iterator[dict[str, Any]]:
    from sayso.eval.common import read_jsonl

    if not Path(path).is_file():
        raise UserError(f"cannot read {path}")
    return read_jsonl(path)


def _extract_folder(args: argparse.Namespace, folder: Path) -> list[dict[str, Any]]:
    from sayso.inputs import read_path

    articles = (read_path(p) for p in sorted(folder.glob("*.txt")))
    return _extract(args, articles)


def _extract_items(args: argparse.Namespace, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    from sayso.eval.common import record_id
    from sayso.model import Article

    articles = (Article(doc_id=record_id(item) or f"item-{n}", text=str(item.get("text") or ""))
                for n, item in enumerate(items))
    return _extract(args, articles)


def _extract(args: argparse.Namespace, articles: Any) -> list[dict[str, Any]]:
    from sayso import nlp as nlp_loader
    from sayso import runner

    model = args.model or nlp_loader.DEFAULT_MODEL
    if args.workers < 1:
        raise UserError("--workers must be at least 1")
    try:
        nlp_loader.load(model)
    except nlp_loader.ModelNotFound as exc:
        raise UserError(str(exc)) from exc
    records = [result.to_dict() for _article, result in
               runner.run(articles, model=model, workers=args.workers, fast=args.fast)]
    if args.save_pred:
        with open(args.save_pred, "w", encoding="utf-8") as out:
            for record in records:
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(f"sayso: extracted {len(records)} documents", file=sys.stderr)
    return records
