"""Relative dates resolved against the publication date (anchor: Thursday 16 May 2024)."""

from __future__ import annotations

from datetime import date

import pytest

from sayso.ingest.dates import resolve

ANCHOR = date(2024, 5, 16)


@pytest.mark.parametrize(("expr", "iso", "granularity"), [
    ("yesterday", "2024-05-15", "day"),
    ("today", "2024-05-16", "day"),
    ("on Tuesday", "2024-05-14", "day"),
    ("Thursday", "2024-05-16", "day"),
    ("last Thursday", "2024-05-09", "day"),
    ("next Monday", "2024-05-20", "day"),
    ("two days ago", "2024-05-14", "day"),
    ("3 weeks ago", "2024-04-25", "day"),
    ("last week", "2024-05-06", "week"),
    ("next week", "2024-05-20", "week"),
    ("in May", "2024-05", "month"),
    ("in June", "2023-06", "month"),
    ("next June", "2024-06", "month"),
    ("last month", "2024-04", "month"),
    ("last year", "2023", "year"),
    ("May 5", "2024-05-05", "day"),
    ("5th of March", "2024-03-05", "day"),
    ("March 3, 2022", "2022-03-03", "day"),
    ("in 2021", "2021", "year"),
    ("2024-01-02", "2024-01-02", "day"),
])
def test_resolve(expr: str, iso: str, granularity: str) -> None:
    ref = resolve(expr, ANCHOR)
    assert ref is not None and (ref.iso, ref.granularity) == (iso, granularity)


def test_future_preference() -> None:
    ref = resolve("in June", ANCHOR, prefer="future")
    assert ref is not None and ref.iso == "2024-06"
    ref = resolve("Friday", ANCHOR, prefer="future")
    assert ref is not None and ref.iso == "2024-05-17"


def test_string_anchor_and_unknown_expressions() -> None:
    assert resolve("yesterday", "2024-05-16T09:00:00") is not None
    assert resolve("yesterday", "not a date") is None
    assert resolve("soon", ANCHOR) is None
    assert resolve("February 30", ANCHOR) is None
