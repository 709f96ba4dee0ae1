"""The dashboard's one filter bar: what it holds, how it is read from the URL, and the query
filters it becomes on each page.  Every page reads it through ``View.of`` and every link
carries it through ``View.params``, so a view can be shared as a URL."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

from sayso.api import queries as q
from sayso.knowledge import countries, country_code

QUAD_CLASSES = {str(k): v for k, v in q.QUAD_NAMES.items()}
FIELDS = ("actor", "date_from", "date_to", "type", "quad_class", "uncertain", "min_confidence")


@lru_cache(maxsize=1)
def event_types() -> list[str]:
    """The PLOVER event types, in the ontology's order."""
    data: dict[str, Any] = json.loads(
        resources.files("sayso.data").joinpath("plover_categories.json").read_text("utf-8"))
    return list(data)


def text(value: str | None, limit: int = 200) -> str | None:
    return value.strip()[:limit] or None if value else None


def day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def number(value: str | None, low: float, high: float) -> float | None:
    try:
        found = float(value) if value else None
    except ValueError:
        return None
    return None if found is None or found != found else max(low, min(high, found))


@dataclass(frozen=True)
class View:
    """Actor or country, date range, event type, QuadClass, negated/hypothetical, confidence."""

    actor: str | None = None          # a country code or name, or an actor's name
    date_from: date | None = None
    date_to: date | None = None
    type: str | None = None
    quad_class: int | None = None
    uncertain: bool = False           # include negated and hypothetical events
    min_confidence: float | None = None

    @classmethod
    def of(cls, params: Any) -> View:
        quad = text(params.get("quad_class"), 1)
        etype = (text(params.get("type"), 64) or "").upper()
        return cls(actor=text(params.get("actor")), date_from=day(params.get("date_from")),
                   date_to=day(params.get("date_to")),
                   type=etype if etype in event_types() else None,
                   quad_class=int(quad) if quad in QUAD_CLASSES else None,
                   uncertain=params.get("uncertain") in ("1", "on", "true"),
                   min_confidence=number(params.get("min_confidence"), 0.0, 1.0))

    @property
    def country(self) -> str | None:
        """The actor as an ISO3 code, when it names a country."""
        return country_code(self.actor) if self.actor else None

    @property
    def actor_label(self) -> str | None:
        if self.country:
            return f"{countries()[self.country][0]} ({self.country})"
        return self.actor

    def params(self, **changes: Any) -> dict[str, str]:
        """The view as URL parameters (empty ones left out), with ``changes`` applied."""
        out: dict[str, str] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if name == "uncertain":
                value = "1" if value else None
            elif name == "actor" and self.country:
                value = self.country
            if value is not None and value != "":
                out[name] = str(value)
        for name, value in changes.items():
            if value is None or value == "":
                out.pop(name, None)
            else:
                out[name] = str(value)
        return out

    def events(self, **fields: Any) -> q.EventFilter:
        """The events this view keeps (the actor as source or target)."""
        f = q.EventFilter(type=self.type, date_from=self.date_from, date_to=self.date_to,
                          quad_class=self.quad_class, min_confidence=self.min_confidence,
                          include_uncertain=self.uncertain)
        if self.country:
            f.actor_country = self.country
        elif self.actor:
            f.actor = self.actor
        return replace(f, **fields)

    def event_part(self) -> bool:
        return bool(self.type or self.quad_class or self.min_confidence)

    def articles(self, words: str | None = None, source: str | None = None) -> q.ArticleFilter:
        """Articles in the date range that mention the actor and hold a matching event."""
        f = q.ArticleFilter(q=words, source=source, date_from=self.date_from,
                            date_to=self.date_to)
        if self.country:
            f.actor_country = self.country
        elif self.actor:
            f.actor = self.actor
        if self.event_part():
            f.events = self.events(actor=None, actor_country=None, date_from=None, date_to=None)
        return f

    def statements(self, **fields: Any) -> q.StatementFilter:
        """Statements in the date range about the actor (its content names it, or for a
        country, its name or adjective: 'France', 'French')."""
        f = q.StatementFilter(date_from=self.date_from, date_to=self.date_to,
                              about=q.about_terms(self.actor), min_confidence=self.min_confidence)
        return replace(f, **fields)

    def is_empty(self) -> bool:
        return self == View()
