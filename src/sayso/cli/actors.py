"""``sayso actors NAME [--date D]``: how a name is coded (country, sector) and why."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from sayso.cli import UserError


def register(sub: Any) -> None:
    p = sub.add_parser(
        "actors",
        help="show how an actor name resolves to country + PLOVER sector, and why",
        description="Code an actor mention the way extraction does and list the knowledge-base "
        "rows (with their date ranges) and rules that decided it.",
    )
    p.add_argument("name", nargs="+", metavar="NAME", help='e.g. "French troops" or Lavrov')
    p.add_argument("--date", default=None, help="resolve as of this date (YYYY-MM-DD; default today)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=run)


def explain(name: str, date: str) -> dict[str, Any]:
    from sayso import nlp as nlp_loader
    from sayso.actors.coding import code_tokens, read
    from sayso.knowledge import resolve

    doc = nlp_loader.load()(name)
    tokens = [t for t in doc if not t.is_space]
    actor, rules = code_tokens(tokens, date, name)
    rows = []
    for named, _, _ in read(tokens).named:
        chosen = resolve(named, date)
        for period in named.periods:
            rows.append({
                "kb_id": named.kb_id,
                "from": named.origin,
                "country": period.country,
                "sector": period.sector,
                "secondary": list(period.secondary),
                "role": period.role,
                "start": period.start or None,
                "end": period.end or None,
                "source": period.source or None,
                "chosen": period == chosen,
            })
    return {"name": name, "date": date, "actor": actor.to_dict(), "rules": rules, "kb_rows": rows}


def run(args: argparse.Namespace) -> int:
    date = args.date or dt.date.today().isoformat()
    try:
        dt.date.fromisoformat(date)
    except ValueError as exc:
        raise UserError(f"--date must be YYYY-MM-DD, not {date!r}") from exc
    report = explain(" ".join(args.name), date)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    actor = report["actor"]
    print(f"{report['name']!r} on {date}: country={actor['country'] or '-'} "
          f"sector={actor['sector'] or '-'} secondary={','.join(actor['secondary_sectors']) or '-'} "
          f"kind={actor['kind']} kb_id={actor['kb_id'] or '-'}")
    for rule in report["rules"]:
        print(f"  rule: {rule}")
    for row in report["kb_rows"]:
        mark = "*" if row["chosen"] else " "
        span = f"[{row['start'] or '…'}, {row['end'] or '…'})"
        print(f" {mark} {row['kb_id']}: {row['country']} {row['sector'] or '-'} {span} "
              f"{row['role'] or ''} ({row['from']}{'; ' + row['source'] if row['source'] and row['source'].startswith('http') else ''})")
    return 0
