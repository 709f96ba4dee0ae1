"""Content boundaries where PolNeAR's annotators put them (default mode, after the decoder).

See docs/attributions.md, "Content boundaries". A quotation, then its cue, then another
quotation of the same paragraph ('"X," he said. "Y."', '"X," said the senator, "because
Y."') is one content of two pieces in PolNeAR; the decoder often keeps the first quotation
alone (its candidate with both pieces scored lower). After the decoder's choice, a content
that is a quotation ending before its cue takes the quotation that follows the cue (and its
source) within ``GAP`` characters in the same paragraph, unless another attribution claims it
or another cue lies between.
"""

from __future__ import annotations

from dataclasses import replace

from sayso.attributions.direct import Found, Page
from sayso.attributions.spans import Range, merge, overlaps

# The next quotation starts at most this many characters after the cue (or a source after it).
GAP = 80
# ... and holds at least this many words (not a show's title: '"X," he told "Meet the Press."').
MIN_WORDS = 2


def fix(page: Page, found: list[Found]) -> list[Found]:
    if GAP <= 0 or not page.quotes:
        return found
    taken = [r for f in found for r in f.cue + f.source + f.content]
    cues = sorted(c for f in found for c in f.cue)
    return [_pair(page, f, taken, cues) for f in found]


def _pair(page: Page, f: Found, taken: list[Range], cues: list[Range]) -> Found:
    if not f.content or not f.cue:
        return f
    text, cue, last = page.text, f.cue[0], f.content[-1]
    if last[1] > cue[0] or not any(q[0] <= last[0] and last[1] <= q[1] for q in page.quotes):
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
