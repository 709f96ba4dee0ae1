"""Language identification (py3langid) and which languages have an installed pipeline."""

from __future__ import annotations

# Our extractors (cue lexicon, speaker coding, event patterns) are written for English;
# another language is analysed only once a pipeline for it is registered here.
SUPPORTED = {"en"}
SAMPLE_CHARS = 3000


def identify(text: str) -> str | None:
    sample = text[:SAMPLE_CHARS].strip()
    if len(sample) < 20:
        return None  # too short to tell; treated as the default language
    import py3langid

    lang, _score = py3langid.classify(sample)
    return str(lang)


def supported(lang: str | None) -> bool:
    return lang is None or lang in SUPPORTED
