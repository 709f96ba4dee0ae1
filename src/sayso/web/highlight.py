"""Article text as HTML with highlighted spans, built only from escaped segments.

The text is cut at every span boundary; each piece is escaped on its own and, when
some record covers it, wrapped in a ``<mark>`` naming those records.  No byte of the
article ever reaches the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

# When spans overlap, the most specific part wins the colour; all records stay clickable.
PRIORITY = ("trigger", "cue", "source", "content")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    part: str        # one of PRIORITY
    record_id: str


def highlight(text: str, marks: list[Mark]) -> Markup:
    n = len(text)
    marks = [Mark(max(0, m.start), min(n, m.end), m.part, m.record_id)
             for m in marks if m.end > m.start and m.start < n and m.end > 0]
    cuts = sorted({0, n, *(m.start for m in marks), *(m.end for m in marks)})
    out: list[str] = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        piece = escape(text[begin:end])
        covering = [m for m in marks if m.start <= begin and m.end >= end]
        if not covering:
            out.append(piece)
            continue
        part = min((m.part for m in covering), key=PRIORITY.index)
        ids = " ".join(dict.fromkeys(m.record_id for m in covering))
        out.append(Markup('<mark class="hl hl-{}" data-recs="{}" tabindex="0">{}</mark>').format(
            part, ids, piece))
    return Markup("").join(out)


def marks_of(attributions: list[dict[str, object]], events: list[dict[str, object]]
             ) -> list[Mark]:
    """Marks from store rows (spans already decoded from JSON)."""
    marks: list[Mark] = []
    for a in attributions:
        rid = str(a["attribution_id"])
        for part, column in (("source", "source_spans"), ("cue", "cue_spans"),
                             ("content", "content_spans")):
            marks.extend(Mark(s, e, part, rid) for s, e in _pairs(a.get(column)))
    for e in events:
        rid = str(e["event_id"])
        marks.extend(Mark(s, en, "trigger", rid) for s, en in _pairs(e.get("trigger_spans")))
    return marks


def _pairs(value: object) -> list[tuple[int, int]]:
    if not isinstance(value, list):
        return []
    pairs = []
    for item in value:
        if (isinstance(item, list) and len(item) == 2
                and all(isinstance(x, int) for x in item)):
            pairs.append((item[0], item[1]))
    return pairs
