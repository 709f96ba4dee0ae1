"""Word lists of the speaker and actor rules, read once from ``sayso/data``: titles, the head
nouns of described speakers, genders of first names and honorifics, place names. The
attribution engine reads them to decide who refers to whom; the actor coder to code them."""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

# Pronouns of the first person: a speaker only inside a quotation (attributions/speakers.py).
FIRST_PERSON = frozenset({"i", "me", "my", "we", "our", "us"})
# Prepositions that place a described speaker rather than name its author ("a narrator in the
# Clinton ad"; "a video by the RNC" and "a report from the Pentagon" keep the named author).
SETTING_PREPS = frozenset({"in", "on", "at", "during", "with", "about", "near", "inside"})


@lru_cache(maxsize=8)
def word_classes(name: str) -> Mapping[str, frozenset[str]]:
    """Word class -> words, from the two-column TSV ``name`` of sayso/data (class, word; lines
    starting with "#" are comments): events_readings.tsv, events_words.tsv, actors_words.tsv,
    speakers_words.tsv. Read once; read-only, as the rules share it."""
    text = resources.files("sayso.data").joinpath(name).read_text(encoding="utf-8")
    classes: dict[str, set[str]] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 2:
            continue
        classes.setdefault(cells[0], set()).add(cells[1].strip())
    return MappingProxyType({name: frozenset(words) for name, words in classes.items()})


@lru_cache(maxsize=1)
def places() -> dict[str, tuple[str, str]]:
    """lower-case name -> (alpha-3, type): the common country names ("country") and nationality
    words ("nationality") countries.json marks, then the seats of government of
    sayso/data/seats.tsv ("capital", "institution")."""
    data = json.loads(resources.files("sayso.data").joinpath("countries.json").read_text(encoding="utf-8"))
    out: dict[str, tuple[str, str]] = {}
    for code, item in data.items():
        out.update((name.lower(), (code, "country")) for name in item.get("common", ()))
        out.update((word.lower(), (code, "nationality")) for word in item.get("common_adj", ()))
    text = resources.files("sayso.data").joinpath("seats.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, code, kind = line.split("\t")[:3]
            out[name] = (code, kind)
    return out


@lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    text = resources.files("sayso.data").joinpath("speaker_titles.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def posted_titles() -> frozenset[str]:
    """Titles of people posted abroad ("envoy", "ambassador"), from sayso/data/posted_titles.txt."""
    text = resources.files("sayso.data").joinpath("posted_titles.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def heads() -> dict[str, str]:
    """Head noun of a described speaker -> its kind, from sayso/data/speaker_heads.tsv."""
    text = resources.files("sayso.data").joinpath("speaker_heads.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] for row in rows}


@lru_cache(maxsize=1)
def kin() -> frozenset[str]:
    """Family and social nouns ("mother", "widow", "neighbour"): the heads speaker_heads.tsv
    marks "family"."""
    text = resources.files("sayso.data").joinpath("speaker_heads.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return frozenset(row[0] for row in rows if row[2:3] == ["family"])


@lru_cache(maxsize=1)
def genders() -> dict[str, str]:
    """Lower-case word -> "f" or "m", from sayso/data/speaker_genders.tsv."""
    text = resources.files("sayso.data").joinpath("speaker_genders.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {row[0]: row[1] for row in rows}
