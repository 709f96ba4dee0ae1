"""Event detection and types measured on ConfliBERT's CAMEO class sentences (issue #14).

Each sentence of ``cameo_class/train.tsv`` (read at run time from ../shared through
``cameo_data.class_rows``) carries a CAMEO "penta" class: 0 statement, 1 verbal cooperation,
2 material cooperation, 3 verbal conflict, 4 material conflict. The system reads each sentence as
one Article with a fixed date, in the default mode (as ``events_judged.py`` predicts), and every
PLOVER type it gives is put on a CAMEO quad class through ``plover.bridge`` (the manual's quad:
AGREE/CONSULT/SUPPORT/CONCEDE 1, COOPERATE/AID/RETREAT 2, REQUEST/ACCUSE/REJECT/THREATEN 3,
PROTEST/MOBILIZE/SANCTION/COERCE/ASSAULT 4).

The measure (fixed before any row was read):

- ``event``: per gold class, the share of sentences with at least one event;
- the sentence's class is its **first-ranked event**'s quad: the event of highest confidence, ties
  broken by the earliest trigger (the event the system is surest of stands for the sentence);
  ``quad``: per gold class 1-4, among sentences with an event, the share whose first-ranked
  event's quad equals the gold class; ``quad_any``: the share where any event's quad does;
- ``confusion``: gold class × the first-ranked event's quad ("none": no event);
- ``statement_types``: for class 0 (PLOVER has no statement category), the types predicted
  (first-ranked event) and how often;
- ``outside_plv_train``: the same numbers over the sentences that are not PLV train sentences
  (about half of classes 1-4 are, word for word: PLV comes from the same Multi-CoPED news, so
  the event models were trained on them; class 0 has none in PLV).

    python scripts/events_cameo_class.py --part tune            # the numbers
    python scripts/events_cameo_class.py --part tune --json     # ids + numbers only
    python scripts/events_cameo_class.py --part tune --list     # per-row reading (tune half only)
    python scripts/events_cameo_class.py --pred F --save-pred F # reuse / keep predictions

Only ids and numbers are written (``--save-pred`` keeps ids, offsets and labels, no text).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cameo_data  # noqa: E402
import events_judged  # noqa: E402

Row = dict[str, Any]
# One fixed date for every sentence (the sentences carry none; Multi-CoPED is 2000s-2010s news).
DATE = "2010-01-01"
CLASSES = range(5)
PLV_TRAIN = cameo_data.SHARED / "data" / "plv" / "plv_train.jsonl"


def predict(rows: list[Row]) -> dict[str, list[Row]]:
    """``id -> events`` (each ``{"type", "confidence", "trigger": [start, end]}``), one Article a
    sentence, default mode, the default model."""
    found = events_judged.results([{"id": r["id"], "text": r["text"], "date": DATE} for r in rows])
    return {
        res.doc_id: [
            {
                "type": e.type,
                "confidence": round(float(e.confidence), 6),
                "trigger": [e.trigger.start, e.trigger.end],
            }
            for e in res.events
        ]
        for res in found
    }


def quad(kind: str) -> int | None:
    from sayso.events.plover import bridge

    return bridge(kind)[1]


def first_ranked(events: list[Row]) -> Row | None:
    """The event that stands for the sentence: highest confidence, then the earliest trigger."""
    if not events:
        return None
    return min(events, key=lambda e: (-e["confidence"], e["trigger"][0], e["type"]))


def score(rows: list[Row], pred: dict[str, list[Row]]) -> Row:
    """The per-class numbers of the module docstring."""
    confusion = {c: Counter[str]() for c in CLASSES}
    quad_any: Counter[int] = Counter()
    statement_types: Counter[str] = Counter()
    for row in rows:
        events = pred.get(row["id"], [])
        top = first_ranked(events)
        gold = row["penta"]
        confusion[gold][str(quad(top["type"])) if top else "none"] += 1
        if any(quad(e["type"]) == gold for e in events):
            quad_any[gold] += 1
        if gold == 0 and top:
            statement_types[top["type"]] += 1
    per_class: Row = {}
    for c in CLASSES:
        n = sum(confusion[c].values())
        with_event = n - confusion[c]["none"]
        per_class[str(c)] = {
            "name": cameo_data.PENTA[c],
            "sentences": n,
            "with_event": with_event,
            "event": _share(with_event, n),
            "quad": _share(confusion[c][str(c)], with_event) if c else None,
            "quad_any": _share(quad_any[c], with_event) if c else None,
        }
    conflict = [c for c in CLASSES if c]
    right = sum(confusion[c][str(c)] for c in conflict)
    with_event = sum(per_class[str(c)]["with_event"] for c in conflict)
    return {
        "sentences": len(rows),
        "per_class": per_class,
        "events_1_4": {
            "event": _share(with_event, sum(per_class[str(c)]["sentences"] for c in conflict)),
            "quad": _share(right, with_event),
        },
        "confusion": {str(c): dict(sorted(confusion[c].items())) for c in CLASSES},
        "statement_types": dict(statement_types.most_common()),
    }


def plv_texts(path: Path = PLV_TRAIN) -> set[str]:
    """The sentences of PLV train (stripped), to tell the rows the event models were trained on."""
    if not path.exists():
        return set()
    return {
        json.loads(line)["text"].strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    }


def outside(rows: list[Row], trained: set[str]) -> list[Row]:
    return [r for r in rows if r["text"].strip() not in trained]


def _share(k: int, n: int) -> float | None:
    return round(k / n, 3) if n else None


def listing(rows: list[Row], pred: dict[str, list[Row]]) -> list[str]:
    """One line per tune-half sentence: id, gold class, first-ranked event, all events, text."""
    lines = []
    for row in rows:
        events = pred.get(row["id"], [])
        top = first_ranked(events)
        mark = "none" if top is None else f"{top['type']}/{quad(top['type'])}"
        kinds = ",".join(e["type"] for e in events)
        lines.append(f"{row['id']}\t{row['penta']}\t{mark}\t{kinds}\t{row['text']}")
    return lines


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--part", choices=("tune", "test", "all"), default="tune")
    ap.add_argument("--json", action="store_true", help="ids + numbers as JSON")
    ap.add_argument("--list", action="store_true", help="one line per row (tune half only)")
    ap.add_argument("--pred", type=Path, help="predictions saved by --save-pred (no re-run)")
    ap.add_argument("--save-pred", type=Path, help="keep the predictions (ids, offsets, labels)")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.list and args.part != "tune":
        print("--list reads the tune half only", file=sys.stderr)
        return 2
    rows = cameo_data.split(cameo_data.class_rows(), args.part)
    pred = json.loads(args.pred.read_text()) if args.pred else predict(rows)
    if args.save_pred:
        args.save_pred.write_text(json.dumps(pred, sort_keys=True))
    if args.list:
        print("\n".join(listing(rows, pred)))
        return 0
    result = score(rows, pred)
    fresh = score(outside(rows, plv_texts()), pred)
    result["outside_plv_train"] = {k: fresh[k] for k in ("sentences", "per_class", "events_1_4")}
    if args.json:
        result["ids"] = [r["id"] for r in rows]
        print(json.dumps(result, indent=1))
        return 0
    for c, numbers in result["per_class"].items():
        print(
            f"{c} {numbers['name']:22} n={numbers['sentences']:4} event={numbers['event']} "
            f"quad={numbers['quad']} any={numbers['quad_any']}"
        )
    print("classes 1-4:", result["events_1_4"])
    print("confusion (gold -> first-ranked quad):")
    for c, row in result["confusion"].items():
        print(f"  {c}: {row}")
    print("class 0 types:", result["statement_types"])
    fresh = result["outside_plv_train"]
    print(
        f"outside PLV train ({fresh['sentences']}):",
        fresh["events_1_4"],
        {c: (n["event"], n["quad"]) for c, n in fresh["per_class"].items()},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
