"""Content boundaries where PolNeAR's annotators put them (default mode, after the decoder).

See docs/attributions.md, "Content boundaries". A quotation, then its cue, then another
quotation of the same paragraph ('"X," he said. "Y."', '"X," said the senator, "because
Y."') is one content of two pieces in PolNeAR; the decoder often keeps the first quotation
alone (its candidate with both pieces scored lower). After the decoder's choice, a content
that is a quotation ending before its cue takes the quotation that follows the cue (and its
source) within ``GAP`` characters in the same paragraph, unless another attribution claims it
or another cue lies between.

A paraphrase followed in its paragraph by a quotation with no cue of its own ('Carter said
that the United States would stay. "This region is home to half the world's people."') is
one content of two pieces in PolNeAR too: the quotation goes on with what the paraphrase
reported. A content that ends outside quotation marks takes the quotation that starts the
next sentence of its paragraph (only sentence-ending punctuation between; at least
``MIN_CONTINUED`` words, a capital first letter, a sentence end at its close: not a slogan,
a title or the subject of a sentence that goes on), unless another
attribution claims it or another cue lies before its end (attr13u, docs/attributions.md). The
rules do the same before the decoder (``direct._continue_quotes``, kind unchanged), but the
decoder's choice can leave the paraphrase alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sayso.attributions.direct import MIN_QUOTE_WORDS, Found, Page
from sayso.attributions.spans import Range, merge, overlaps, within

# The next quotation starts at most this many characters after the cue (or a source after it).
GAP = 80
# ... and holds at least this many words (not a show's title: '"X," he told "Meet the Press."').
MIN_WORDS = 2


# A quotation continuing a paraphrase holds at least this many words (as for the rules'
# continuations, ``direct.MIN_QUOTE_WORDS``).
MIN_CONTINUED = MIN_QUOTE_WORDS
# Between the paraphrase and the quotation: a sentence end, and nothing but punctuation.
_SENTENCE_GAP = re.compile(r"[ .!?:;,\u00a0]*[.!?:][ .!?:;,\u00a0]*")
_QUOTE_MARKS = "\"'“”‘’«»„‹›` "


def fix(page: Page, found: list[Found]) -> list[Found]:
    if GAP <= 0 or not page.quotes:
        return found
    taken = [r for f in found for r in f.cue + f.source + f.content]
    cues = sorted(c for f in found for c in f.cue)
    paired = [_pair(page, f, taken, cues) for f in found]
    taken = [r for f in paired for r in f.cue + f.source + f.content]
    return [_continued(page, f, taken, cues) for f in paired]


def _continued(page: Page, f: Found, taken: list[Range], cues: list[Range]) -> Found:
    """A paraphrase takes the uncued quotation that starts the next sentence (module doc)."""
    if not f.content or not f.cue or f.kind not in ("indirect", "mixed"):
        return f
    text, last = page.text, f.content[-1]
    if within(last, page.quotes):
        return f
    end = max(r[1] for r in f.content)
    nxt = [q for q in page.quotes if q[0] >= end]
    if not nxt:
        return f
    q = min(nxt)
    if not _SENTENCE_GAP.fullmatch(text, end, q[0]) or any(overlaps(q, r) for r in taken):
        return f
    if text[q[0] + 1:q[0] + 2].isspace():
        return f  # '" The ...': a closing mark paired as an opening one
    body = text[q[0]:q[1]].strip(_QUOTE_MARKS)
    if len(body.split()) < MIN_CONTINUED or not body[:1].isupper():
        return f
    if not body.endswith((".", "!", "?")) and text[q[1]:q[1] + 1] not in (".", "!", "?"):
        return f
    follow = text[q[1]:].lstrip(" .!?\u00a0")[:1]
    if follow and follow != "\n" and not follow.isupper() and follow not in _QUOTE_MARKS:
        return f  # '“...” the governor added': the sentence goes on to a cue of its own
    if any(end <= c[0] < q[1] for c in cues):
        return f
    return replace(f, content=merge([*f.content, q], text))


def _pair(page: Page, f: Found, taken: list[Range], cues: list[Range]) -> Found:
    if not f.content or not f.cue:
        return f
    text, cue, last = page.text, f.cue[0], f.content[-1]
    if last[1] > cue[0] or not within(last, page.quotes):
        return f
    after = max([cue[1], *(s[1] for s in f.source if s[0] >= cue[1])])
    stop = text.find("\n", after)
    stop = len(text) if stop < 0 else stop
    nxt = [q for q in page.quotes if after <= q[0] < stop and q[1] <= stop]
    if not nxt:
        return f
    q = nxt[0]
    if len(text[q[0]:q[1]].split()) < MIN_WORDS or q[0] - after > GAP or any(overlaps(q, r) for r in taken):
        return f
    if any(after <= c[0] < q[0] for c in cues):
        return f
    return replace(f, content=merge([*f.content, q], text))
