"""The actor knowledge base: names, places, agent words and dated office holders.

Everything is read once per process from ``sayso/data`` (see ``scripts/build_kb.py`` for how the
generated files are rebuilt and where they come from) into one phrase index, so coding a mention
is a handful of dictionary lookups over its token n-grams.
"""

from __future__ import annotations

import csv
import gc
import gzip
import json
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

MAX_NGRAM = 8
# The date a knowledge-base row is resolved on when a text has none: after every row's start,
# before no row's end, so the latest open-ended row wins (as of the knowledge base, not of a day).
UNDATED = "9999-12-31"
# How the tokenizer splits a phrase: words, with hyphens and apostrophes as tokens of their own.
TOKEN_RE = re.compile(r"[^\s\-']+|[\-']")


@dataclass(frozen=True, slots=True)
class Period:
    """One dated (country, sector) code of a named actor; empty dates are open-ended."""

    country: str
    sector: str | None
    secondary: tuple[str, ...] = ()
    start: str = ""
    end: str = ""
    role: str | None = None
    source: str = ""

    def covers(self, date: str) -> bool:
        return (not self.start or self.start <= date) and (not self.end or date < self.end)


@dataclass(frozen=True, slots=True)
class Named:
    """A person or organisation with its dated codes."""

    kb_id: str
    name: str
    kind: str
    periods: tuple[Period, ...]
    origin: str


@dataclass(frozen=True, slots=True)
class Hit:
    """What one phrase means: a named actor, a country/nationality/place, or a sector word."""

    what: str  # named | country | adjective | place | agent | modifier
    country: str | None = None
    sectors: tuple[str, ...] = ()
    named: Named | None = None
    note: str = ""


@dataclass(slots=True)
class Knowledge:
    phrases: dict[str, list[Hit]] = field(default_factory=dict)
    country_names: dict[str, str] = field(default_factory=dict)
    # First token of a phrase -> most tokens a phrase starting with it has (bounds the n-grams).
    longest: dict[str, int] = field(default_factory=dict)
    # Bulk named actors (Phoenix's 25k rows) whose hits are built on a phrase's first lookup:
    # building them all cost about 1 s at every process start (each worker's, each CLI call),
    # while a run looks up a few hundred of them. phrase key -> row numbers, in file order.
    pending: dict[str, list[int]] = field(default_factory=dict)
    pending_rows: Callable[[int], Named] | None = None

    def add(self, phrase: str, hit: Hit) -> None:
        key = normalise(phrase)
        if key:
            self.phrases.setdefault(key, []).append(hit)
            self._extend(key)

    def add_pending(self, phrase: str, row: int) -> None:
        """Like ``add`` for a named actor built later by ``pending_rows(row)``. Its hits come
        after every hit ``add`` gave the phrase, as if added last (load it last)."""
        key = normalise(phrase)
        if key:
            self.pending.setdefault(key, []).append(row)
            self._extend(key)

    def _extend(self, key: str) -> None:
        parts = TOKEN_RE.findall(key)
        if parts:
            self.longest[parts[0]] = max(self.longest.get(parts[0], 0), len(parts))

    def max_tokens(self, first: str) -> int:
        return self.longest.get(first.upper(), 0)

    def lookup(self, phrase: str) -> list[Hit]:
        key = normalise(phrase)
        if key in self.pending:
            self._build(key)
        return self.phrases.get(key, [])

    def all_phrases(self) -> dict[str, list[Hit]]:
        """Every phrase with its hits (builds all pending ones: for listings, not lookups)."""
        for key in list(self.pending):
            self._build(key)
        return self.phrases

    def _build(self, key: str) -> None:
        # Under a lock, and the hits are in place before the key leaves ``pending``, so a
        # thread that finds the key no longer pending always finds its hits (dask threads).
        with _BUILDING:
            rows = self.pending.get(key)
            if rows is None or self.pending_rows is None:
                return
            built = [Hit("named", named=self.pending_rows(row)) for row in rows]
            self.phrases[key] = [*self.phrases.get(key, []), *built]
            del self.pending[key]


_BUILDING = threading.Lock()


@lru_cache(maxsize=65536)  # the same words are looked up over and over (actor coding)
def normalise(phrase: str) -> str:
    """Upper-case, single spaces, hyphens and apostrophes glued the way the tokenizer splits them."""
    text = " ".join(phrase.replace("_", " ").replace("’", "'").split()).upper()
    # (the curly apostrophe first: "People ’s Liberation Army" is the PLA, not a rebel army)
    return text.replace(" - ", "-").replace(" '", "'")


def _read(name: str) -> str:
    return resources.files("sayso.data").joinpath(name).read_text(encoding="utf-8")


def _tsv_rows(name: str) -> list[dict[str, str]]:
    lines = [line for line in _read(name).splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _split(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split("|") if v)


def _load_leaders(kb: Knowledge) -> None:
    periods: dict[str, list[Period]] = {}
    names: dict[str, set[str]] = {}
    display: dict[str, str] = {}
    for row in _tsv_rows("kb_leaders.tsv"):
        period = Period(
            country=row["country"],
            sector=row["sector"] or None,
            secondary=_split(row["secondary"]),
            start=row["start"],
            end=row["end"],
            role=row["role"] or None,
            source=row["source"],
        )
        periods.setdefault(row["id"], []).append(period)
        names.setdefault(row["id"], set()).update({row["name"], *_split(row["aliases"])})
        display[row["id"]] = row["name"]
    for kb_id, rows in periods.items():
        named = Named(kb_id, display[kb_id], "person", tuple(rows), "kb_leaders.tsv")
        for name in names[kb_id]:
            kb.add(name, Hit("named", named=named))


def _load_phoenix(kb: Knowledge) -> None:
    raw = resources.files("sayso.data").joinpath("kb_actors.json.gz").read_bytes()
    data: dict[str, Any] = json.loads(gzip.decompress(raw).decode("utf-8"))
    rows = data["rows"]
    built: dict[int, Named] = {}  # one Named per row, whichever of its names is looked up

    def named(idx: int) -> Named:
        found = built.get(idx)
        if found is None:
            row = rows[idx]
            periods = tuple(
                Period(
                    country=c["c"],
                    sector=c.get("s"),
                    secondary=tuple(c.get("x", ())),
                    start=c.get("from", ""),
                    end=c.get("to", ""),
                    source=row["src"],
                )
                for c in row["codes"]
            )
            found = built[idx] = Named(
                "phoenix:" + row["id"], row["id"].title(), "unknown", periods, row["src"]
            )
        return found

    kb.pending_rows = named
    for name, idx in data["index"].items():
        kb.add_pending(name, idx)


def _load_countries(kb: Knowledge) -> None:
    data: dict[str, Any] = json.loads(_read("countries.json"))
    for iso3, item in data.items():
        kb.country_names[iso3] = item["name"]
        for name in item["names"]:
            kb.add(name, Hit("country", country=iso3))
        for adj in item["adj"]:
            kb.add(adj, Hit("adjective", country=iso3))


def _load_agents(kb: Knowledge) -> None:
    data: dict[str, list[str]] = json.loads(_read("agents.json"))
    for phrase, sectors in data.items():
        kb.add(phrase, Hit("agent", sectors=tuple(sectors)))


def _load_groups(kb: Knowledge) -> None:
    """Occupational and social groups ("farmers" AGR, "doctors" MED): loaded before the agent
    words, so that their own sector comes first where the agents list stacks codes."""
    for row in _tsv_rows("actors_groups.tsv"):
        kb.add(row["phrase"], Hit("agent", sectors=(row["sector"], *_split(row["secondary"]))))


def _load_metonyms(kb: Knowledge) -> None:
    for row in _tsv_rows("actors_metonyms.tsv"):
        sectors = tuple(s for s in (row["sector"], *_split(row["secondary"])) if s)
        what = "modifier" if row["kind"] == "modifier" else "place"
        note = row["kind"]
        if row["kind"] in ("organization", "group", "institution"):
            what = "named"
            period = Period(row["country"], row["sector"] or None, _split(row["secondary"]))
            kind = "organization" if row["kind"] != "group" else "group"
            named = Named("org:" + row["phrase"], row["phrase"], kind, (period,), "actors_metonyms.tsv")
            kb.add(row["phrase"], Hit(what, country=row["country"] or None, sectors=sectors, named=named))
            continue
        kb.add(row["phrase"], Hit(what, country=row["country"] or None, sectors=sectors, note=note))


@contextmanager
def gc_paused() -> Iterator[None]:
    """The garbage collector off while a table loads, and what is alive then frozen (kept out of
    every later collection, as pool workers do with what they inherit): loading makes hundreds of
    thousands of objects that live as long as the process, none of them garbage, and the
    collector scanned them again and again for nothing, during the load and in every full
    collection after it (0.56 CPU-s of collections in a run over the 84 PolNeAR dev texts; 0.16
    with this). Objects freed by their reference counts are freed as before; only cyclic garbage
    left from before the load would stay."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


@lru_cache(maxsize=1)
def knowledge() -> Knowledge:
    """The whole knowledge base, loaded once per process (order sets precedence in ``hits``)."""
    kb = Knowledge()
    with gc_paused():
        _load_metonyms(kb)
        _load_leaders(kb)
        _load_countries(kb)
        _load_groups(kb)
        _load_agents(kb)
        _load_phoenix(kb)
    return kb


@lru_cache(maxsize=1)
def display_names() -> dict[str, str]:
    """kb_id -> the name the knowledge base shows for it ("donald-trump" -> "Donald Trump")."""
    return {hit.named.kb_id: hit.named.name for hits in knowledge().all_phrases().values()
            for hit in hits if hit.named is not None}


def resolve(named: Named, date: str) -> Period | None:
    """The period of ``named`` that covers ``date``; else the latest one that began before it
    (``UNDATED``: the latest row)."""
    covering = [p for p in named.periods if p.covers(date)]
    if covering:
        # A dated period is more specific than an undated catch-all code.
        return max(covering, key=lambda p: (bool(p.start or p.end), p.start))
    earlier = [p for p in named.periods if p.start and p.start <= date]
    if earlier:
        return max(earlier, key=lambda p: p.start)
    return named.periods[0] if named.periods else None


@lru_cache(maxsize=1)
def countries() -> dict[str, tuple[str, tuple[str, ...]]]:
    """ISO3 code -> (English name, adjectives) from countries.json, without loading the whole
    knowledge base (the dashboard labels codes and resolves typed country names)."""
    data: dict[str, Any] = json.loads(_read("countries.json"))
    return {code: (item["name"], tuple(a.title() for a in item["adj"])) for code, item in data.items()}


def country_code(text: str) -> str | None:
    """The ISO3 code a user typed, or named ("fra", "France", "FRA — France"), else None."""
    head = text.split("—")[0].strip()
    known = countries()
    if head.upper() in known:
        return head.upper()
    wanted = head.casefold()
    return next((code for code, (name, _adj) in known.items() if name.casefold() == wanted), None)
