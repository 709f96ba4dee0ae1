"""Joining quotations to cues: quote extension, quotes before "X said.", continuations.

After the parse-based candidates are settled, a content that touches a quotation is
widened to the whole quotation (the guidelines put everything within the quotes in the
content, across sentences); a cue with nothing said takes the quotation just before it
("“...,” Lavrov said."); and a quotation that stands alone at the start of a sentence
continues the previous direct attribution (the speaker carries over).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from sayso.attributions.quotes import find_quotes
from sayso.attributions.spans import Candidate, Range, char_runs, merge, subtract
from sayso.model import Attribution, Span
from sayso.nlp import doc_ents

MIN_QUOTE_WORDS = 4
SENTENCE_END = frozenset(".!?\"”’':\u2063")
MAX_CONTINUATION_GAP = 1500
CONTINUED_KINDS = frozenset({"direct", "mixed", "indirect"})
QUOTE_BEFORE_RATE = 0.5


class Page:
    """A parsed document with what is costly to recompute: its text, sentence bounds and
    quotations."""

    def __init__(self, doc: Doc, text: str, default_mode: bool = False) -> None:
        self.doc = doc
        self.text = text
        # (the default mode reads quoted paragraphs joined by spaces: ``find_quotes(reopen=)``
        # and ``_reopened_in``; ``--fast`` keeps its output)
        self.default_mode = default_mode
        self.sent_starts: list[int] = []
        self.sent_ends: list[int] = []
        # Rule attributions the trained filter dropped, with its score (``learned.keep``).
        self.filter_dropped: list[tuple[Found, float]] = []
        # ``expanded`` memo: the decoder's features and the fusion's source tests ask for the
        # same ranges over and over (about 75k asks for about 6k ranges on the dev texts).
        self._expanded: dict[Range, tuple[DocSpan | None, tuple[Token, ...]]] = {}
        for sent in doc.sents:
            self.sent_starts.append(sent.start_char)
            self.sent_ends.append(sent.end_char)

    @cached_property
    def quotes(self) -> list[Range]:
        """``find_quotes`` of the text, found once for the rules, the decoder and the filters."""
        return find_quotes(self.text, reopen=self.default_mode)

    def expanded(self, start: int, end: int) -> tuple[DocSpan | None, tuple[Token, ...]]:
        """``doc.char_span(start, end, alignment_mode="expand")`` and its tokens, made once per
        range: the Doc's tokens and parse never change while its Page lives."""
        key = (start, end)
        found = self._expanded.get(key)
        if found is None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            found = self._expanded[key] = (span, tuple(span) if span is not None else ())
        return found

    def sentence_of(self, token: Token) -> int:
        """The number of ``token``'s sentence in ``doc.sents``: its order is ``token.sent.start``'s
        (sentences split the tokens in order, each token's first character lies in its own), without
        the two Spans and the walk to the sentence's edges that ``Token.sent`` makes."""
        return bisect.bisect_right(self.sent_starts, token.idx) - 1

    def sentence_at(self, char: int) -> Range:
        k = max(bisect.bisect_right(self.sent_starts, char) - 1, 0)
        return self.sent_starts[k], self.sent_ends[k]


@dataclass(slots=True)
class Found:
    cue: list[Range]
    source: list[Range]
    content: list[Range]
    kind: str
    cls: str | None
    score: float
    key: str = ""
    head: int = -1  # token index of the cue word, for the trained filter


def _bounds(f: Found) -> Range:
    """From the first to the last character of any of the attribution's ranges."""
    ranges = f.cue + f.source + f.content
    return (min(s for s, _ in ranges), max(e for _, e in ranges)) if ranges else (0, 0)


def _overlaps(a: Range, ranges: list[Range]) -> bool:
    return any(s < a[1] and a[0] < e for s, e in ranges)


def _token_range(doc: Doc, start: int, end: int) -> Range:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last.text)


def _widen(content: list[Range], quotes: list[Range], starts: list[int]) -> list[Range]:
    """Add every quotation that a content range touches."""
    out = list(content)
    for s, e in content:
        k = max(bisect.bisect_right(starts, s) - 1, 0)
        while k < len(quotes) and quotes[k][0] < e:
            if quotes[k][1] > s:
                out.append(quotes[k])
            k += 1
    return out


def _nearby_quote(page: Page, cand: Candidate, quotes: list[Range]) -> Range | None:
    """For "“...,” X said." or "X said: “...”": the quotation next to the cue."""
    doc = page.doc
    cue_start = doc[cand.cue[0]].idx
    cue_end = _token_range(doc, cand.cue[0], cand.cue[1])[1]
    sent_start, sent_end = page.sentence_at(cue_start)
    before = [q for q in quotes if sent_start - 3 <= q[1] <= cue_start]
    if before:
        return before[-1]
    after = [q for q in quotes if cue_end <= q[0] < sent_end]
    if after:
        return after[0]
    if page.text[cue_end - 1:cue_end] == ":":  # "Cruz continued:" then a quoted paragraph
        k = bisect.bisect_left([q[0] for q in quotes], cue_end)
        if k < len(quotes) and not page.text[cue_end:quotes[k][0]].strip():
            return quotes[k]
    return None


def _kind(cand: Candidate, content: list[Range], quotes: list[Range]) -> str:
    if cand.kind == "according_to":
        return "according_to"
    quoted = [r for r in content if _overlaps(r, quotes)]
    if not quoted:
        return "indirect"
    inside = all(any(qs <= s and e <= qe for qs, qe in quotes) for s, e in content)
    return "direct" if inside else "mixed"


def resolve(page: Page, cand: Candidate, quotes: list[Range], starts: list[int]) -> Found | None:
    doc = page.doc
    cue = [_token_range(doc, *cand.cue)]
    source = char_runs(doc, cand.source)
    content = char_runs(doc, cand.content)
    if not content and cand.score >= QUOTE_BEFORE_RATE:
        near = _nearby_quote(page, cand, quotes)
        content = [near] if near else []
    if not content:
        return None
    content = merge(subtract(_widen(content, quotes, starts), cue + source), page.text)
    if not content:
        return None
    return Found(cue=cue, source=source, content=content, kind=_kind(cand, content, quotes),
                 cls=cand.cls, score=cand.score, key=cand.key, head=cand.head)


def join_quotes(page: Page, chosen: list[Candidate], quotes: list[Range]) -> list[Found]:
    starts = [q[0] for q in quotes]
    found = [f for f in (resolve(page, c, quotes, starts) for c in chosen) if f is not None]
    found = _outermost(found)
    _continue_quotes(page, found, quotes)
    return found


def _outermost(found: list[Found]) -> list[Found]:
    """Drop attributions whose cue sits inside another's (quote-widened) content."""
    contents = sorted((r, k) for k, f in enumerate(found) for r in f.content)
    starts = [r[0][0] for r in contents]
    keep: list[Found] = []
    for k, f in enumerate(found):
        s, e = f.cue[0]
        j = bisect.bisect_right(starts, s) - 1
        inside = False
        while j >= 0 and not inside:
            (cs, ce), owner = contents[j]
            inside = owner != k and cs <= s and e <= ce
            j -= 1
            if j >= 0 and contents[j][0][1] < s and s - contents[j][0][1] > 20000:
                break
        if not inside:
            keep.append(f)
    return keep


def _sentence_initial(page: Page, q: Range) -> bool:
    """The quotation opens a sentence (the parser sometimes hangs the mark on the previous one)."""
    sent_start = page.sentence_at(q[0])[0]
    if not page.text[sent_start:q[0]].strip(" \t\n\r—-"):
        return True
    before = page.text[max(0, q[0] - 40):q[0]].rstrip()
    return not before or before[-1] in SENTENCE_END


def _inside(f: Found, q: Range) -> bool:
    return all(q[0] <= s and e <= q[1] for s, e in f.cue + f.source + f.content)


def _continue_quotes(page: Page, found: list[Found], quotes: list[Range]) -> None:
    """Standalone quoted sentences carry on the previous direct attribution.

    Attributions found inside such a quotation are nested in it and dropped (PolNeAR
    annotates only the outermost attribution).
    """
    bounds = {id(f): _bounds(f) for f in found}
    people = [e.start_char for e in doc_ents(page.doc) if e.label_ == "PERSON"] if quotes else []
    for q in quotes:
        if len(page.text[q[0]:q[1]].split()) < MIN_QUOTE_WORDS:
            continue
        # The bounds first: a long transcript has a thousand quotes and as many attributions.
        near = [f for f in found if bounds[id(f)][0] < q[1] and q[0] < bounds[id(f)][1]]
        touching = [f for f in near if any(_overlaps(r, [q]) for r in f.cue + f.source + f.content)]
        if any(not _inside(f, q) for f in touching):
            continue
        prev = _reopened_in(page, found, q, quotes) if page.default_mode else None
        if prev is None:
            prev = _previous(found, q)
            if prev is None or not _sentence_initial(page, q) or _names_another(page, prev, q, people):
                continue
        for f in touching:
            found.remove(f)
        prev.content = merge(prev.content + [q])
        bounds[id(prev)] = _bounds(prev)


QUOTE_MARKS = frozenset('"“”\'’')


def _reopened_in(page: Page, found: list[Found], q: Range, quotes: list[Range]) -> Found | None:
    """A quoted paragraph left open and the next quotation opening right after it ("... some
    training. "He came back ...," Hale said."): one quotation over two paragraphs, whose
    speaker is the one of the quotation that closes it, named after it (default mode). Only
    within one paragraph: across a line break the news convention already carries the quote
    on, and a paragraph of a long excerpt left open is often followed by a new speaker's."""
    text = page.text
    if text[q[1] - 1] in QUOTE_MARKS:
        return None
    k = bisect.bisect_left(quotes, q)
    after = quotes[k + 1] if k + 1 < len(quotes) and quotes[k] == q else None
    if after is None or text[q[1]:after[0]].strip() or "\n" in text[q[1]:after[0]]:
        return None
    owners = [f for f in found if f.cue[0][0] >= after[0] and _overlaps(after, f.content)]
    return owners[0] if owners else None


def _names_another(page: Page, prev: Found, q: Range, people: list[int]) -> bool:
    """A quotation in a new paragraph that names a person outside its quotation marks
    ("“...” Governor Tom Reddick told reporters.") is that person's, not a continuation of the
    previous paragraph's speaker."""
    text = page.text
    start = text.rfind("\n", 0, q[0]) + 1
    if prev.cue[0][0] >= start:
        return False
    end = text.find("\n", q[1])
    end = len(text) if end < 0 else end
    k = bisect.bisect_left(people, start)
    while k < len(people) and people[k] < end:
        if not q[0] <= people[k] < q[1]:
            return True
        k += 1
    return False


def _previous(found: list[Found], q: Range) -> Found | None:
    """The attribution a standalone quotation continues: the nearest direct one, else the
    nearest one of any kind (a "who expects ..." clause in a source must not win)."""
    before = [f for f in found if f.cue[0][1] <= q[0]
              and q[0] - f.content[-1][1] <= MAX_CONTINUATION_GAP]
    quoted = [f for f in before if f.kind in ("direct", "mixed")]
    pool = quoted or [f for f in before if f.kind in CONTINUED_KINDS]
    return max(pool, key=lambda f: f.cue[0][0]) if pool else None


def build(text: str, f: Found, number: int) -> Attribution:
    confidence = min(0.99, f.score * (1.0 if f.source else 0.8))
    return Attribution(
        id=f"a{number}",
        kind=f.kind,  # type: ignore[arg-type]
        cue=Span.of(text, f.cue),
        content=Span.of(text, f.content),
        source=Span.of(text, f.source) if f.source else None,
        confidence=confidence,
        cue_class=f.cls,
    )
