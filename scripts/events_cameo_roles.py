"""Event roles (source / target) on ConfliBERT's tagged CAMEO sentences (issue #14).

Real political-conflict news no rule was tuned on (``cameo_data.ner_rows``: each sentence's
source S, target T and reciprocal R phrases). The default mode runs as ``events_judged.py``
predicts (``sayso.pipeline.process``), one Article per sentence, a fixed date, and each
sentence's events are scored against the gold phrases by character overlap.

    python scripts/events_cameo_roles.py --part tune --json           # numbers (ids + numbers)
    python scripts/events_cameo_roles.py --part tune --save cache/cameo_roles/tune.jsonl
    python scripts/events_cameo_roles.py --part tune --pred cache/cameo_roles/tune.jsonl --list
    python scripts/events_cameo_roles.py --part test --json           # once, for final code

The measure (fixed before any row was read):

- an actor stands on a gold phrase when any of its spans overlaps it by a character; S or R
  phrases count for the source, T or R for the target (R: reciprocal, either role);
- of a sentence's events, the one scored is the one with the most roles right, then the most
  roles on any gold phrase (either side), then the first in the output (``best_event``);
- the scored event's source is ``right`` (on S/R), ``reversed`` (on T only), ``elsewhere``
  (a phrase no gold tag covers) or ``missing`` (none); likewise the target (``reversed``: on S
  only); the pair is ``reversed`` when both roles are; ``uncoded`` counts actors with no country;
- rates: of the sentences with a gold phrase for the role and an event (``right``), and of all
  the sentences with a gold phrase for the role (``recall``: no event counts as wrong).

``--list`` prints the TUNE half's rows with their text (terminal only; never the test half).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import cameo_data
import events_judged
from events_judged import overlap

DATE = "2015-01-01"
ROLES = {"source": ("S", "R"), "target": ("T", "R")}
OTHER = {"source": ("T",), "target": ("S",)}
Row = dict[str, Any]


def predict(rows: list[Row], fast: bool = False) -> dict[str, list[Row]]:
    """Each sentence's events from the default mode (one Article a sentence, a fixed date),
    as the judged sets' ``events_judged.predict`` runs the system."""
    docs = [{"id": r["id"], "text": r["text"], "date": DATE} for r in rows]
    return {d["doc_id"]: d.get("events", []) for d in events_judged.predict(docs, fast=fast)}


def on(actor: Row | None, phrases: Iterable[list[int]]) -> bool:
    """The actor's mention (any of its spans) overlaps one of the phrases."""
    spans = (actor or {}).get("spans", [])
    return any(overlap(list(a), list(p)) for a in spans for p in phrases)


def phrases(gold: dict[str, list[list[int]]], tags: Iterable[str]) -> list[list[int]]:
    return [p for t in tags for p in gold.get(t, [])]


def placed(event: Row, role: str, gold: dict[str, list[list[int]]]) -> str:
    """Where the event's actor in ``role`` stands: right, reversed, elsewhere or missing."""
    actor = event.get(role)
    if not actor or not actor.get("spans"):
        return "missing"
    if on(actor, phrases(gold, ROLES[role])):
        return "right"
    if on(actor, phrases(gold, OTHER[role])):
        return "reversed"
    return "elsewhere"


def best_event(events: list[Row], gold: dict[str, list[list[int]]]) -> Row | None:
    """The event that best matches the gold: most roles right, then most roles on any gold
    phrase, then the first (max keeps the first of equals)."""
    if not events:
        return None

    def rank(event: Row) -> tuple[int, int]:
        where = [placed(event, role, gold) for role in ROLES]
        return where.count("right"), sum(w in ("right", "reversed") for w in where)

    return max(events, key=rank)


def outcome(row: Row, events: list[Row]) -> Row:
    """One sentence's numbers: its events, and where the scored event's roles stand."""
    gold = row["spans"]
    event = best_event(events, gold)
    out: Row = {"id": row["id"], "events": len(events)}
    for role in ROLES:
        out[f"gold_{role}"] = bool(phrases(gold, ROLES[role]))
        out[role] = placed(event, role, gold) if event else None
        out[f"{role}_uncoded"] = bool(event and event.get(role) and not event[role].get("country"))
    if event:
        out["type"] = event.get("type")
    return out


def _rate(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def summary(outcomes: list[Row]) -> Row:
    """The half's numbers (see the module docstring)."""
    with_event = [o for o in outcomes if o["events"]]
    out: Row = {
        "sentences": len(outcomes),
        "with_event": len(with_event),
        "events": sum(o["events"] for o in outcomes),
    }
    for role in ROLES:
        gold = [o for o in outcomes if o[f"gold_{role}"]]
        scored = [o for o in gold if o["events"]]
        where = Counter(o[role] for o in scored)
        out[role] = {
            "gold": len(gold),
            "scored": len(scored),
            **{k: where.get(k, 0) for k in ("right", "reversed", "elsewhere", "missing")},
            "uncoded": sum(o[f"{role}_uncoded"] for o in scored),
            "right_rate": _rate(where.get("right", 0), len(scored)),
            "recall": _rate(where.get("right", 0), len(gold)),
        }
    pairs = [o for o in outcomes if o["gold_source"] and o["gold_target"]]
    scored = [o for o in pairs if o["events"]]
    both = sum(o["source"] == "right" and o["target"] == "right" for o in scored)
    reversed_ = sum(o["source"] == "reversed" and o["target"] == "reversed" for o in scored)
    out["both"] = {
        "gold": len(pairs),
        "scored": len(scored),
        "right": both,
        "reversed": reversed_,
        "right_rate": _rate(both, len(scored)),
        "recall": _rate(both, len(pairs)),
    }
    return out


def listing(rows: list[Row], preds: dict[str, list[Row]]) -> Iterable[str]:
    """The rows with their text, gold phrases and scored event (terminal only, tune half)."""
    for row in rows:
        events = preds.get(row["id"], [])
        o = outcome(row, events)
        text = row["text"]
        gold = {t: [text[s:e] for s, e in ps] for t, ps in row["spans"].items()}
        event = best_event(events, row["spans"])
        yield f"{row['id']} src={o['source']} tgt={o['target']} ev={len(events)}\n  {text}\n  gold {gold}"
        if event:
            parts = [
                f"{r}={(event.get(r) or {}).get('name')}/{(event.get(r) or {}).get('country')}"
                for r in ROLES
            ]
            yield f"  pred {event.get('type')} trig={event['trigger']['text']!r} " + " ".join(parts)


def read_preds(path: Path) -> dict[str, list[Row]]:
    return {r["id"]: r["events"] for r in map(json.loads, path.read_text().splitlines())}


def write_preds(path: Path, preds: dict[str, list[Row]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as fh:
        for doc_id, events in preds.items():
            fh.write(json.dumps({"id": doc_id, "events": events}) + "\n")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--part", choices=["tune", "test", "all"], default="tune")
    parser.add_argument(
        "--json", action="store_true", help="numbers and per-row outcomes (ids only)"
    )
    parser.add_argument("--list", action="store_true", help="the tune half's rows with their text")
    parser.add_argument("--pred", type=Path, help="read saved predictions instead of running")
    parser.add_argument("--save", type=Path, help="write the run's predictions here")
    parser.add_argument("--fast", action="store_true", help="run the --fast mode")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.list and args.part != "tune":
        parser.error("--list reads the tune half only")
    rows = cameo_data.split(cameo_data.ner_rows(), args.part)
    preds = read_preds(args.pred) if args.pred else predict(rows, args.fast)
    if args.save:
        write_preds(args.save, preds)
    outcomes = [outcome(r, preds.get(r["id"], [])) for r in rows]
    result = {"part": args.part, **summary(outcomes)}
    if args.json:
        result["rows"] = outcomes
    print(json.dumps(result, indent=1))
    if args.list:
        for line in listing(rows, preds):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
