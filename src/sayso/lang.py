"""Language identification (py3langid) and which languages have an installed pipeline."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Our extractors (cue lexicon, speaker coding, event patterns) are written for English;
# another language is analysed only once a pipeline for it is registered here.
SUPPORTED = {"en"}
SAMPLE_CHARS = 3000
# A short English text can look like another language to a character n-gram model ("Super
# PAC haul surges past $1B;" reads as French at 0.994, a sentence of Spanish names as Breton at
# 0.956); pages really in another language score 0.9999 or more. Below this probability the
# text is taken as the default language, so that no English text is refused (none of 4,497
# PolNeAR dev and PLV sentences is; 0.95 refused 3).
MIN_PROBABILITY = 0.999


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def identify(text: str) -> str | None:
    """The text's language code, or None when it is too short or too unsure to tell."""
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None  # too short to tell; treated as the default language
    lang, probability = _identifier().classify(sample)
    return str(lang) if probability >= MIN_PROBABILITY else None


def supported(lang: str | None) -> bool:
    return lang is None or lang in SUPPORTED
