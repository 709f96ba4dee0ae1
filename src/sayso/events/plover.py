"""PLOVER category facts: CAMEO root and quad class, modes and contexts.

Read from ``plover_categories.json`` (rebuilt by scripts/build_kb.py from the PLOVER manual and
CAMEO2PLOVER table, CC BY-SA 4.0, Open Event Data Alliance). Modes and contexts are matched by
words: a mode or context is set only when the sentence uses its name or its defining words.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.tokens import Span

PREFIX = 6  # "sanctions"/"sanctioned", "militar(y)": compare word stems this long


@lru_cache(maxsize=1)
def categories() -> dict[str, Any]:
    text = resources.files("sayso.data").joinpath("plover_categories.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def bridge(kind: str) -> tuple[str | None, int | None]:
    """(CAMEO root, quad class) of a PLOVER category; quad from the manual."""
    info = categories().get(kind)
    if info is None:
        return None, None
    return info.get("cameo_root"), info.get("quad")


def _stems(sent: Span) -> set[str]:
    return {t.lemma_.lower()[:PREFIX] for t in sent if t.is_alpha and not t.is_stop and len(t) > 3}


def mode_of(kind: str, sent: Span) -> str | None:
    modes: dict[str, list[str]] = categories().get(kind, {}).get("modes", {})
    stems = _stems(sent)
    best, best_score = None, 0
    for mode, words in modes.items():
        score = 2 * (mode[:PREFIX] in stems) + sum(w[:PREFIX] in stems for w in words[:6] if len(w) > 4)
        if score > best_score:
            best, best_score = mode, score
    return best if best_score >= 2 else None


@lru_cache(maxsize=1)
def _context_keys() -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {}
    for name, words in categories().get("CONTEXTS", {}).items():
        parts = {p[:PREFIX] for p in name.split("_") if len(p) > 3}
        keys[name] = parts | {w[:PREFIX] for w in words[:3] if len(w) > 5}
    return keys


def context_of(sent: Span) -> list[str]:
    stems = _stems(sent)
    return [name for name, keys in _context_keys().items() if keys & stems]
