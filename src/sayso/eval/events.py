"""Scoring PLOVER events (who did what to whom) against gold event JSONL.

Rules: ``shared/eval/README.md``, section score_events.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sayso.eval.common import Counts, as_spans, greedy_match, group_predictions, overlaps, record_id

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FIELDS = ("source_country", "source_sector", "target_country", "target_sector",
          "source_span", "target_span")


def event_type(event: dict[str, Any]) -> str:
    value = event.get("type")
    return "MISSING" if value is None else str(value).strip().upper()


def _code(value: Any) -> str | None:
    return None if value is None else str(value).strip().upper()


def gold_codes(actor: Any, name: str) -> list[str | None] | None:
    """Accepted values of a gold field; None means the field is not given."""
    if not isinstance(actor, dict):
        return None
    value = actor.get(name)
    if isinstance(value, list):
        return [_code(v) for v in value]
    return None if value is None else [_code(value)]


def pred_code(actor: Any, name: str) -> str | None:
    if not isinstance(actor, dict):
        return None
    value = actor.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    return _code(value)


def country_right(gold_actor: Any, pred_actor: Any) -> bool:
    accepted = gold_codes(gold_actor, "country")
    predicted = pred_code(pred_actor, "country")
    if accepted is None:  # a null gold country is scored: nothing may be predicted
        return predicted is None
    return predicted in accepted


def field_results(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, bool | None]:
    """For each field: right, wrong, or None when the gold does not score it."""
    results: dict[str, bool | None] = {}
    for role in ("source", "target"):
        g, p = gold.get(role), pred.get(role)
        results[f"{role}_country"] = country_right(g, p)
        sectors = gold_codes(g, "sector")
        results[f"{role}_sector"] = (None if sectors is None
                                     else pred_code(p, "sector") in sectors)
        gold_spans = as_spans(g) if isinstance(g, dict) else []
        results[f"{role}_span"] = (None if not gold_spans
                                   else overlaps(gold_spans, as_spans(p) if isinstance(p, dict) else []))
    return results


@dataclass(slots=True)
class Totals:
    per_type: dict[str, Counts] = field(default_factory=dict)
    triple: Counts = field(default_factory=Counts)
    correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    scored: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    def counts(self, name: str) -> Counts:
        return self.per_type.setdefault(name, Counts())


def score_document(gold: list[dict[str, Any]], pred: list[dict[str, Any]], totals: Totals) -> None:
    gold_types = [event_type(e) for e in gold]
    pred_types = [event_type(e) for e in pred]
    for name in gold_types:
        totals.counts(name).gold += 1
    for name in pred_types:
        totals.counts(name).pred += 1

    def type_score(gi: int, pi: int) -> float | None:
        if gold_types[gi] != pred_types[pi]:
            return None
        return sum(bool(v) for v in field_results(gold[gi], pred[pi]).values())

    indexes_g, indexes_p = range(len(gold)), range(len(pred))
    for gi, pi in greedy_match(indexes_g, indexes_p, type_score):
        totals.counts(gold_types[gi]).tp += 1
        for name, right in field_results(gold[gi], pred[pi]).items():
            if right is not None:
                totals.scored[name] += 1
                totals.correct[name] += right

    def triple_score(gi: int, pi: int) -> float | None:
        g, p = gold[gi], pred[pi]
        same = (gold_types[gi] == pred_types[pi] and country_right(g.get("source"), p.get("source"))
                and country_right(g.get("target"), p.get("target")))
        return 1.0 if same else None

    totals.triple.add(len(greedy_match(indexes_g, indexes_p, triple_score)), len(pred), len(gold))


def _events(items: Iterable[Any]) -> list[dict[str, Any]]:
    return [e for e in items if isinstance(e, dict)]


def score(gold_records: Iterable[dict[str, Any]], predictions: Iterable[dict[str, Any]]) -> dict[str, Any]:
    gold: dict[str, list[dict[str, Any]]] = {}
    for record in gold_records:
        rid = record_id(record)
        if rid is not None:
            events = record.get("events")
            gold.setdefault(rid, []).extend(_events(events if isinstance(events, list) else []))
    pred_records = list(predictions)
    grouped, unknown = group_predictions(iter(pred_records), set(gold), "id", "doc_id", "events")
    totals = Totals()
    for doc_id, gold_events in gold.items():
        score_document(gold_events, _events(grouped.get(doc_id, [])), totals)
    # Unknown-id lines are not scored, but their odd types are still reported.
    odd = {event_type(e) for r in pred_records for e in _events(_list(r.get("events")))}
    return summary(gold, grouped, unknown, totals, sorted(odd - set(PLOVER_TYPES)))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def summary(gold: dict[str, Any], grouped: dict[str, Any], unknown: int, totals: Totals,
            odd_types: list[str]) -> dict[str, Any]:
    micro = Counts()
    for counts in totals.per_type.values():
        micro.add(counts.tp, counts.pred, counts.gold)
    per_type = {name: totals.per_type[name].to_dict() for name in ordered_types(totals.per_type)}
    f1s = [value["f1"] for value in per_type.values()]
    fields = {}
    for name in FIELDS:
        scored, correct = totals.scored[name], totals.correct[name]
        fields[name] = {"accuracy": correct / scored if scored else None,
                        "correct": correct, "scored": scored}
    return {
        "documents": len(gold),
        "documents_with_predictions": len(grouped),
        "unknown_prediction_ids": unknown,
        "non_plover_pred_types": odd_types,
        "type": {"micro": micro.to_dict(), "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0,
                 "per_type": per_type},
        "triple": totals.triple.to_dict(),
        "fields": fields,
    }


def ordered_types(names: Iterable[str]) -> list[str]:
    names = set(names)
    return [n for n in PLOVER_TYPES if n in names] + sorted(names - set(PLOVER_TYPES))
