"""Speaker labels of a transcript: "PENCE: Well, look, ..." (default mode, after the decoder).

The PolNeAR guidelines ("Punctuation as a cue") annotate a colon that introduces speech as the
cue, the name before it as the source ("Romeo: 'Is the day so young?'"). In an interview
transcript each paragraph opens with its speaker's name in capitals and a colon, and what that
speaker says runs to the paragraph's end, over several sentences; the colon rule
(``according.colon_candidates``) reads one sentence, and not after an opening quotation mark
('"WALLACE: Let's start ...'), so PolNeAR's transcript paragraphs were missed or cut short
(train: 27 of 29 such gold attributions missed; dev: all 10; attr22, docs/attributions.md).

A paragraph opens with a label when, after any opening quotation marks, it starts with a name
in capital letters (at least two letters, at most four words) and a colon followed by text.
The labels are read only in a transcript: an article with at least two such paragraphs (a
lone "UPDATE:" or "NEW DELHI:" is a tag or a dateline). Editorial tags ("VIDEO:",
"EXCLUSIVE:", speakers_words.tsv ``editorial_tag``) are never speakers, nor is a letter's
salutation ("DEAR ABBY:", ``salutation``: the addressee), nor a place (a dateline). Single letters ("Q:", "A:") are left alone: PolNeAR train annotates
them in one interview of three (16 of 63), so they are no safer than not.

Each label becomes a direct attribution (source: the name, cue: the colon, content: the rest
of its paragraph without its quotation marks), replacing whatever the decoder kept at that
colon; attributions inside the paragraph stay (PolNeAR nests them).
"""

from __future__ import annotations

import re

from sayso.attributions.direct import Found, Page
from sayso.attributions.spans import Range
from sayso.knowledge import knowledge
from sayso.knowledge.lexicons import word_classes

# What may stand before a label at its paragraph's start: spaces and opening quotation marks
# (also read by ``speakers``, which names a label's speaker).
LABEL_LEAD = " \t\"“”'‘"
# A label: quotation marks, then a capitalised name (letters, periods, apostrophes, hyphens and
# spaces; two characters or more), a colon, and text on the same line.
_LABEL = re.compile(
    "^[" + re.escape(LABEL_LEAD) + r"]*([A-Z][A-Z.'’ -]{0,40}?[A-Z.])[ \t]*:[ \t]+(?=\S)", re.M
)
# A transcript has at least this many labelled paragraphs.
MIN_LABELS = 2
# A name of at most this many words (a headline that ends in a colon is longer).
MAX_WORDS = 4
_QUOTES = "\"“”‘’'"
_TAGS = word_classes("speakers_words.tsv")["editorial_tag"]
_SALUTATIONS = word_classes("speakers_words.tsv")["salutation"]


def transcript_labels(page: Page, found: list[Found]) -> list[Found]:
    """``found`` with an attribution at every speaker label of a transcript (module doc)."""
    labels = [m for m in _LABEL.finditer(page.text) if _speaker(m.group(1))]
    if len(labels) < MIN_LABELS:
        return found
    out = list(found)
    for m in labels:
        labelled = _attribution(page.text, m)
        if labelled is None:
            continue
        colon = labelled.cue[0][0]
        out = [f for f in out if not (f.cue and f.cue[0][0] <= colon < f.cue[-1][1])]
        out.append(labelled)
    out.sort(key=lambda f: f.cue[0] if f.cue else (0, 0))
    return out


def _speaker(name: str) -> bool:
    """A name that may speak: not too long, no editorial tag, no place (a dateline)."""
    words = name.split()
    if len(words) > MAX_WORDS or name.strip(". ").lower() in _TAGS:
        return False
    if words[0].lower() in _SALUTATIONS:
        return False  # ("DEAR ABBY: My husband ...": a letter's addressee, not its writer)
    hits = knowledge().lookup(name)
    return not (hits and all(h.what in ("place", "country") for h in hits))


def _attribution(text: str, m: re.Match[str]) -> Found | None:
    """The label's attribution: the name, the colon, and the paragraph after it."""
    colon = text.index(":", m.end(1))
    end = text.find("\n", colon)
    end = len(text) if end < 0 else end
    content = _strip_quotes(text, (m.end(), end))
    if content is None:
        return None
    return Found(
        cue=[(colon, colon + 1)],
        source=[(m.start(1), m.end(1))],
        content=[content],
        kind="direct",
        cls="say",
        score=0.6,
        key=":/PUNCT",
    )


def _strip_quotes(text: str, span: Range) -> Range | None:
    """The span without the quotation marks and spaces at its edges (the news convention opens
    every paragraph of a long quotation with one); None where nothing is left."""
    start, end = span
    while end > start and (text[end - 1] in _QUOTES or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in _QUOTES or text[start].isspace()):
        start += 1
    return (start, end) if start < end else None
