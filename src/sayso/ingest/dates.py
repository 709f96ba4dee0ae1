"""Relative date expressions resolved against an article's publication date.

``resolve("last Tuesday", date(2024, 5, 16))`` -> ``DateRef(2024-05-14, day)``.  News
reports mostly look back, so a bare weekday or month is read as the most recent one on
or before the anchor, unless the expression says ``next``/``coming`` or ``prefer="future"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Granularity = Literal["day", "week", "month", "year"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december"]
_MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "a few": 3}
_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0,
              "this evening": 0, "yesterday": -1, "last night": -1, "tomorrow": 1}
_UNIT_DAYS = {"day": 1, "week": 7}


@dataclass(frozen=True, slots=True)
class DateRef:
    """A resolved date: the first day of the period plus how precise it is."""

    start: date
    granularity: Granularity

    @property
    def iso(self) -> str:
        """YYYY-MM-DD for days and weeks (the week's Monday), YYYY-MM, or YYYY."""
        if self.granularity == "month":
            return self.start.strftime("%Y-%m")
        if self.granularity == "year":
            return str(self.start.year)
        return self.start.isoformat()


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    if word in MONTHS:
        return MONTHS.index(word) + 1
    return _MONTH_ABBR.get(word[:4] if word.startswith("sept") else word[:3]) if len(word) >= 3 else None


def _shift_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def _weekday(anchor: date, weekday: int, direction: str) -> date:
    if direction == "next":
        return anchor + timedelta(days=(weekday - anchor.weekday() - 1) % 7 + 1)
    if direction == "last":
        return anchor - timedelta(days=(anchor.weekday() - weekday - 1) % 7 + 1)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)  # on or before


def _month(anchor: date, month: int, direction: str, year: int | None) -> date:
    if year is not None:
        return date(year, month, 1)
    if direction == "next" or (direction == "future" and month < anchor.month):
        return date(anchor.year + (month <= anchor.month), month, 1)
    if direction == "last":
        return date(anchor.year - (month >= anchor.month), month, 1)
    if direction == "future":
        return date(anchor.year, month, 1)
    return date(anchor.year - (month > anchor.month), month, 1)


_AGO = re.compile(r"^(\d+|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|several)"
                  r"\s+(day|week|month|year)s?\s+(ago|earlier|later|from now)$")
_PERIOD = re.compile(r"^(last|next|this|past|coming)\s+(week|month|year)$")
_WEEKDAY = re.compile(r"^(?:(last|next|this|coming)\s+)?(" + "|".join(WEEKDAYS) + r")$")
_MONTH = re.compile(r"^(?:(last|next|this|coming)\s+)?([a-z]+\.?)(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^(?:([a-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?"
                        r"\s+(?:of\s+)?([a-z]+\.?))(?:,?\s+(\d{4}))?$")
_YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")


def _clean(expr: str) -> str:
    text = " ".join(expr.lower().replace(",", ", ").split()).replace(" ,", ",")
    return re.sub(r"^(on|in|during|since|by|until|from|earlier|later)\s+", "", text).strip()


def _ago(match: re.Match[str], anchor: date) -> DateRef:
    count = int(match[1]) if match[1].isdigit() else NUMBERS[match[1]]
    sign = 1 if match[3] in ("later", "from now") else -1
    unit = match[2]
    if unit in _UNIT_DAYS:
        return DateRef(anchor + timedelta(days=sign * count * _UNIT_DAYS[unit]), "day")
    months = sign * count * (12 if unit == "year" else 1)
    granularity: Granularity = "year" if unit == "year" else "month"
    start = _shift_months(anchor, months)
    return DateRef(date(start.year, 1, 1) if unit == "year" else start, granularity)


def _period(match: re.Match[str], anchor: date) -> DateRef:
    step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[match[1]]
    if match[2] == "week":
        monday = anchor - timedelta(days=anchor.weekday())
        return DateRef(monday + timedelta(days=7 * step), "week")
    if match[2] == "month":
        return DateRef(_shift_months(anchor, step), "month")
    return DateRef(date(anchor.year + step, 1, 1), "year")


def _month_day(match: re.Match[str], anchor: date, prefer: str) -> DateRef | None:
    month = _month_number(match[1] or match[4])
    day = int(match[2] or match[3])
    if month is None:
        return None
    year = int(match[5]) if match[5] else None
    if year is None:
        year = anchor.year
        candidate = date(year, month, min(day, 28))
        if prefer == "past" and candidate > anchor + timedelta(days=31):
            year -= 1
        elif prefer == "future" and candidate < anchor - timedelta(days=31):
            year += 1
    try:
        return DateRef(date(year, month, day), "day")
    except ValueError:
        return None


def resolve(expr: str, anchor: date | str, prefer: Literal["past", "future"] = "past"
            ) -> DateRef | None:
    """Resolve a date expression against ``anchor`` (the publication date); None if unknown."""
    if isinstance(anchor, str):
        try:
            anchor = date.fromisoformat(anchor[:10])
        except ValueError:
            return None
    text = _clean(expr)
    if text in _DAY_WORDS:
        return DateRef(anchor + timedelta(days=_DAY_WORDS[text]), "day")
    try:
        return DateRef(date.fromisoformat(text), "day")
    except ValueError:
        pass
    return _resolve_pattern(text, anchor, prefer)


def _resolve_pattern(text: str, anchor: date, prefer: str) -> DateRef | None:
    if match := _AGO.match(text):
        return _ago(match, anchor)
    if match := _PERIOD.match(text):
        return _period(match, anchor)
    if match := _WEEKDAY.match(text):
        direction = match[1] or ("next" if prefer == "future" else "")
        direction = "next" if direction == "coming" else direction
        return DateRef(_weekday(anchor, WEEKDAYS.index(match[2]), direction), "day")
    if match := _MONTH_DAY.match(text):
        return _month_day(match, anchor, prefer)
    if (match := _MONTH.match(text)) and (month := _month_number(match[2])) and len(match[2]) >= 3:
        direction = {"coming": "next", "this": "", None: ""}.get(match[1], match[1] or "")
        direction = direction or ("future" if prefer == "future" else "")
        year = int(match[3]) if match[3] else None
        return DateRef(_month(anchor, month, direction, year), "month")
    if match := _YEAR.match(text):
        return DateRef(date(int(match[1]), 1, 1), "year")
    return None
