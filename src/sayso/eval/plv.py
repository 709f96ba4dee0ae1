"""Scoring the event type predicted between a given source and target (PLV items).

Rules: ``shared/eval/README.md``, section score_plv.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sayso.eval.common import Counts, as_spans, group_predictions, overlaps, record_id
from sayso.eval.events import event_type

NONE = "NONE"
# PLV labels predate PLOVER's split of YIELD into CONCEDE and RETREAT.
YIELD_PARTS = ("CONCEDE", "RETREAT")


def role_matches(gold_span: Any, actor: Any) -> bool:
    wanted = as_spans(gold_span)
    if gold_span is None:
        return True
    return bool(wanted) and isinstance(actor, dict) and overlaps(wanted, as_spans(actor))


def prediction(item: dict[str, Any], events: list[Any]) -> str:
    """The type of the first event whose source and target overlap the item's spans."""
    for event in events:
        if not isinstance(event, dict):
            continue
        if (role_matches(item.get("source_span"), event.get("source"))
                and role_matches(item.get("target_span"), event.get("target"))):
            return event_type(event)
    return NONE


def score(gold_records: Iterable[dict[str, Any]], predictions: Iterable[dict[str, Any]]) -> dict[str, Any]:
    items = {rid: r for r in gold_records if (rid := record_id(r)) is not None}
    grouped, unknown = group_predictions(iter(predictions), set(items), "id", "doc_id", "events")
    golds = {rid: str(item.get("label", "")).strip().upper() for rid, item in items.items()}
    labels = set(golds.values())
    collapse = "YIELD" in labels and not labels & set(YIELD_PARTS)
    preds = {}
    for rid, item in items.items():
        label = prediction(item, grouped.get(rid, []))
        preds[rid] = "YIELD" if collapse and label in YIELD_PARTS else label
    return summary(golds, preds, unknown, collapse)


def summary(golds: dict[str, str], preds: dict[str, str], unknown: int, collapse: bool) -> dict[str, Any]:
    total = len(golds)
    right = sum(golds[i] == preds[i] for i in golds)
    covered = [i for i in golds if preds[i] != NONE]
    right_covered = sum(golds[i] == preds[i] for i in covered)
    per_label = {}
    for label in sorted(set(golds.values())):
        counts = Counts()
        counts.add(sum(golds[i] == preds[i] == label for i in golds),
                   sum(preds[i] == label for i in golds), sum(golds[i] == label for i in golds))
        per_label[label] = counts.to_dict()
    f1s = [value["f1"] for value in per_label.values()]
    return {
        "items": total,
        "unknown_prediction_ids": unknown,
        "yield_collapsed": collapse,
        "accuracy": right / total if total else 0.0,
        "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
        "coverage": len(covered) / total if total else 0.0,
        "accuracy_on_covered": right_covered / len(covered) if covered else 0.0,
        "per_label": per_label,
    }
