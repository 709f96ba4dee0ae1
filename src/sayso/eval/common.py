"""Pieces shared by the scorers: P/R/F1, greedy one-to-one matching, JSONL reading.

The scoring rules are those of ``shared/eval/README.md``; our commands must print
the same numbers as the reference scorers, so every rule here follows that text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

G = TypeVar("G")
P = TypeVar("P")


@dataclass(slots=True)
class Counts:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def to_dict(self) -> dict[str, Any]:
        precision = ratio(self.tp, self.pred)
        recall = ratio(self.tp, self.gold)
        return {"precision": precision, "recall": recall, "f1": f1(precision, recall),
                "tp": self.tp, "pred": self.pred, "gold": self.gold}


def ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def greedy_match(
    gold: Sequence[G], pred: Sequence[P], score: Callable[[G, P], float | None]
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): best score first, ties by gold then pred order.

    ``score`` returns None for a pair that is not eligible.
    """
    pairs: list[tuple[float, int, int]] = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            value = score(g, p)
            if value is not None:
                pairs.append((-value, gi, pi))
    pairs.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched: list[tuple[int, int]] = []
    for _, gi, pi in pairs:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            matched.append((gi, pi))
    return matched


def read_jsonl(path: str | Path) -> Iterator[dict[str, Any]]:
    """JSON objects of a JSONL file; blank lines and lines that are not objects are skipped."""
    with open(path, encoding="utf-8") as stream:
        for line in stream:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict):
                yield record


def record_id(record: dict[str, Any], first: str = "id", second: str = "doc_id") -> str | None:
    value = record.get(first)
    if value is None:
        value = record.get(second)
    return None if value is None else str(value)


def group_predictions(
    records: Iterator[dict[str, Any]], known: set[str], first: str, second: str, key: str
) -> tuple[dict[str, list[Any]], int]:
    """Merge the ``key`` lists of lines sharing an id; count lines whose id is unknown."""
    grouped: dict[str, list[Any]] = {}
    unknown = 0
    for record in records:
        rid = record_id(record, first, second)
        if rid is None or rid not in known:
            unknown += 1
            continue
        items = record.get(key)
        grouped.setdefault(rid, []).extend(items if isinstance(items, list) else [])
    return grouped, unknown


def as_spans(value: Any) -> list[tuple[int, int]]:
    """Spans from any accepted shape: [[s, e], ...], [s, e], {"spans": [...]}, [], null."""
    for _ in range(2):  # an actor's "spans" may itself be an object with "spans"
        if isinstance(value, dict):
            value = value.get("spans")
    if not isinstance(value, list) or not value:
        return []
    if len(value) == 2 and all(_is_int(v) for v in value):
        value = [value]
    spans: list[tuple[int, int]] = []
    for item in value:
        if isinstance(item, list | tuple) and len(item) == 2 and all(_is_int(v) for v in item):
            start, end = int(item[0]), int(item[1])
            if end > start:
                spans.append((start, end))
    return spans


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def overlaps(a: Sequence[tuple[int, int]], b: Sequence[tuple[int, int]]) -> bool:
    """True when the two span lists share at least one character."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)
