"""A learned decoder that settles the tagger against the rules: candidates, scored, chosen.

The rule decoder (``fusion.fuse``) links a new tagger cue to the nearest tagged span and
never lets the tagger's boundaries win; measured, that wastes most of what the tagger finds
(docs/attributions.md, "Learned decoder"). Here, per document:

1. **Candidates.** Every rule attribution as the rules built it, plus its boundary variants
   (the tagger's content and/or source where they overlap the rule's); every tagger cue the
   rules lack, with content options (the tagger's contents near it in its paragraph, the cue
   word's clausal complement, the quotation beside it) crossed with source options (the
   tagger's sources in its sentence, the cue word's subject, none). The candidates of one
   cue form a group.
2. **Scores.** Each candidate gets a feature vector (tagger probabilities per role over its
   spans and at their edges, agreement of its boundaries with the tagger's, rule kind and
   lexicon precision, part of speech and dependency of the cue word, subject/complement
   links, quotation marks, distances, paragraph position, how much nearer its own cue than
   any other a span lies, the trained filter's score of the candidate) and a score from
   gradient-boosted
   trees trained on PolNeAR train (``scripts/train_decoder.py``) to predict how well the
   candidate matches a gold attribution (content overlap and exact boundaries).
3. **Choice.** Best first: a candidate is kept when it scores at least the threshold chosen by
   cross-validation on train, no other candidate of its cue was kept, and its spans do not
   overlap a kept attribution's cue or content (rule attributions never exclude each other:
   the rules already settled those).

The trees run in numpy (``data/attribution_decoder.npz``; model card
``data/attribution_decoder.md``); without that file the rule decoder runs instead.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np

from sayso.attributions import learned
from sayso.attributions.direct import Found, Page, _widen
from sayso.attributions.spans import Range, char_runs, merge, overlaps, strip_range, subtree, within
from sayso.attributions.windows import NO_OFFSET, ROLES, B, O
from sayso.knowledge.cues import cue_class, lookup
from sayso.knowledge.linear import Once, read_data

if TYPE_CHECKING:
    from spacy.tokens import Token

    from sayso.attributions.tagger import Tagged
    from sayso.attributions.windows import Window

MODEL_FILE = "attribution_decoder.npz"
ORIGINS = ("rule", "rule_content", "rule_source", "rule_both", "tagger")
# A rule attribution the trained filter dropped (``learned.keep``), offered as a candidate of
# its own with the filter's score as a feature (issue 13: the trees, not the filter alone,
# decide); only when the shipped trees were trained with such candidates (``Trees.filtered``).
FILTERED = "filtered"
RULE_ORIGINS = frozenset({"rule", FILTERED})
KINDS = ("direct", "indirect", "mixed", "according_to")
POS = ("VERB", "NOUN", "ADJ", "ADP", "AUX", "PROPN")
DEPS = ("ROOT", "ccomp", "advcl", "conj", "relcl", "xcomp", "acl", "pcomp", "parataxis")
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "pobj", "prep"})
# Relations by which the object of a cue phrase hangs on one of its words.
CUE_OBJECT_DEPS = frozenset({"pobj", "dobj", "pcomp", "attr", "acomp", "oprd", "dative"})
QUOTE_MARKS = frozenset("\"'“”‘’«»„")
# A tagger cue becomes a candidate at this confidence or above (the trees decide the rest).
MIN_CUE_SCORE = 0.3
# Content options lie within this many characters of their cue, in its paragraph.
CONTENT_GAP = 300
NEAREST = 3
# A cue between two quotations this close to it may join them into one content.
PAIR_GAP = 80
QUOTE_PAIRS = True
CUE_OBJECTS = True
# At most this many other contents and sources per rule attribution.
VARIANTS = 2

# Per role, how the tagger sees a span's edges: its lowest P(inside), P(inside) of its last
# piece, the share of its pieces before the first / after the last the tagger puts inside,
# the highest P(B) past its first piece (a new span starts within), P(B) just after it.
EDGE = ("min", "last", "head_out", "tail_out", "inner_b", "after_b")
# Feature names, in column order. Those starting with "t_" come from the tagger's
# probabilities (masked in the ablation "without tagger features").
BASE_FEATURES: tuple[str, ...] = (
    *(f"origin={o}" for o in ORIGINS),
    *(f"kind={k}" for k in KINDS),
    "rule_score", "lex_known", "lex_rate", "lex_precision", "has_class", "class_say",
    *(f"pos={p}" for p in POS),
    *(f"dep={d}" for d in DEPS),
    "cue_words", "source_words", "content_words_log", "content_spans", "has_source",
    "source_pronoun", "source_capital",
    *(f"t_{r}_{k}" for r in ROLES for k in ("mean", "cover", "first_b", "before", "after")),
    *(f"t_{r}_{k}" for r in ROLES for k in ("start_match", "end_match")),
    "t_cue_score",
    "content_quote_share", "content_starts_quote", "cue_in_quote", "source_in_quote",
    "source_is_subject", "content_is_complement", "content_is_cue_object",
    "cue_content_gap", "cue_source_gap", "content_before_cue", "source_after_cue",
    "content_same_sentence",
    "paragraph_index", "cue_paragraph_offset", "first_line", "sentence_in_paragraph",
    "cue_in_rule_content", "cue_in_rule_source", "rule_content_jaccard", "group_size",
    # Boundary agreement (docs/attributions.md, "Learned decoder", features of the edges).
    *(f"t_{r}_{k}" for r in ("source", "content") for k in EDGE),
    "content_other_cue_gap", "source_other_cue_gap",
)
# Added for issue 13 (docs/attributions.md, "Learned decoder", recall): the filter-dropped
# candidates and the filter's score of every candidate; the clause around the cue word and
# the content (a clausal complement, a finite or infinitive verb, "that"/"whether", how many
# pieces of the parse the content is made of).
FILTER_FEATURES: tuple[str, ...] = (f"origin={FILTERED}", "filter_score")
CLAUSE_FEATURES: tuple[str, ...] = (
    "cue_ccomp", "cue_xcomp", "cue_dobj", "cue_prep", "cue_subject", "cue_neg", "cue_modal",
    "content_finite", "content_infinitive", "content_that", "content_root_verb",
    "content_heads", "content_head_is_cue",
)
FEATURES: tuple[str, ...] = (*BASE_FEATURES, *FILTER_FEATURES, *CLAUSE_FEATURES)
# A candidate's feature values from one of its spans: (column, value) pairs.
Part = list[tuple[int, float]]
COLUMN = {name: k for k, name in enumerate(FEATURES)}
TAGGER_FEATURES = tuple(k for k, name in enumerate(FEATURES) if name.startswith("t_"))
FILTER_COLUMNS = tuple(COLUMN[n] for n in FILTER_FEATURES)
CLAUSE_COLUMNS = tuple(COLUMN[n] for n in CLAUSE_FEATURES)


@dataclass(slots=True)
class Option:
    """One candidate attribution: which cue group it belongs to and how it was built."""

    found: Found
    group: int
    origin: str
    features: list[float] = field(default_factory=list)


class Pieces:
    """The tagger's word pieces of one document, flat and in text order, with their tag
    probabilities (pieces, roles, tags)."""

    def __init__(self, windows_probs: list[tuple[Window, np.ndarray]]) -> None:
        starts: list[int] = []
        ends: list[int] = []
        rows: list[np.ndarray] = []
        for window, probs in windows_probs:
            keep = [k for k, off in enumerate(window.offsets) if off != NO_OFFSET]
            starts.extend(window.offsets[k][0] for k in keep)
            ends.extend(window.offsets[k][1] for k in keep)
            rows.append(probs[keep])
        order = np.argsort(np.asarray(starts, dtype=np.int64), kind="stable")
        self.starts = np.asarray(starts, dtype=np.int64)[order]
        self.ends = np.asarray(ends, dtype=np.int64)[order]
        self.probs = (np.concatenate(rows)[order] if rows
                      else np.zeros((0, len(ROLES), 3), dtype=np.float32))

        # Per role, as Python lists (spans are short: list slices beat numpy calls):
        # P(O), P(B), P(inside) per piece, running sums of P(inside) and of pieces inside
        # (P(inside) > 0.5), and the indexes of the pieces inside.
        self.start_list: list[int] = self.starts.tolist()
        self.end_list: list[int] = self.ends.tolist()
        self.p_out: list[list[float]] = []
        self.p_b: list[list[float]] = []
        self.p_in: list[list[float]] = []
        self.sum_in: list[list[float]] = []
        self.sum_yes: list[list[int]] = []
        self.yes: list[list[int]] = []
        for role in range(len(ROLES)):
            inside = 1.0 - self.probs[:, role, O]
            self.p_out.append(self.probs[:, role, O].tolist())
            self.p_b.append(self.probs[:, role, B].tolist())
            self.p_in.append(inside.tolist())
            self.sum_in.append([0.0, *np.cumsum(inside, dtype=np.float64).tolist()])
            yes = inside > 0.5
            self.sum_yes.append([0, *np.cumsum(yes).tolist()])
            self.yes.append(np.flatnonzero(yes).tolist())

    def segments(self, ranges: list[Range]) -> list[Range]:
        """The pieces inside each range, as index ranges [lo, hi) (empty ones left out)."""
        out = []
        for s, e in ranges:
            lo = bisect.bisect_right(self.end_list, s)
            hi = bisect.bisect_left(self.start_list, e)
            if hi > lo:
                out.append((lo, hi))
        return out

    def role_features(self, ranges: list[Range], role: int,
                      with_edges: bool = False) -> tuple[list[float], list[float]]:
        """Mean P(inside), share of pieces inside, P(B) of the first piece, P(inside) of the
        pieces just before and just after: -1 each when the role has no span; with
        ``with_edges``, also ``EDGE`` (-1 each without a span)."""
        segs = self.segments(ranges) if ranges else []
        if not segs:
            return [-1.0] * 5, [-1.0] * len(EDGE) if with_edges else []
        n = sum(hi - lo for lo, hi in segs)
        cum, cum_yes, p_out, p_b = self.sum_in[role], self.sum_yes[role], self.p_out[role], self.p_b[role]
        first, last = segs[0][0], segs[-1][1] - 1
        more = last + 1 < len(p_out)
        main = [sum(cum[hi] - cum[lo] for lo, hi in segs) / n,
                sum(cum_yes[hi] - cum_yes[lo] for lo, hi in segs) / n,
                p_b[first], 1.0 - p_out[first - 1] if first > 0 else 0.0,
                1.0 - p_out[last + 1] if more else 0.0]
        if not with_edges:
            return main, []
        p_in, yes = self.p_in[role], self.yes[role]
        head, offset = n, 0
        for lo, hi in segs:
            k = bisect.bisect_left(yes, lo)
            if k < len(yes) and yes[k] < hi:
                head = offset + yes[k] - lo
                break
            offset += hi - lo
        tail, offset = n, 0
        for lo, hi in reversed(segs):
            k = bisect.bisect_left(yes, hi) - 1
            if k >= 0 and yes[k] >= lo:
                tail = offset + hi - 1 - yes[k]
                break
            offset += hi - lo
        inner = max((max(p_b[max(lo, first + 1):hi], default=0.0) for lo, hi in segs),
                    default=0.0)
        return main, [min(min(p_in[lo:hi]) for lo, hi in segs), p_in[last], head / n, tail / n,
                      inner, p_b[last + 1] if more else 0.0]


@dataclass(slots=True)
class Context:
    """What every candidate of a document is measured against."""

    page: Page
    pieces: Pieces
    tags: dict[str, list[Tagged]]
    quotes: list[Range]
    rule_contents: list[Range]
    rule_sources: list[Range]
    paragraphs: list[int] = field(default_factory=list)
    merged: list[Range] = field(default_factory=list)
    # Rule cues and confident tagger cues (which cue a span lies nearest), sorted.
    cues: list[Range] = field(default_factory=list)
    cue_starts: list[int] = field(default_factory=list)
    # Many candidates share a span: features of spans are computed once per document.
    memo: dict[tuple[object, ...], list[float]] = field(default_factory=dict)
    parts: dict[tuple[object, ...], Part] = field(default_factory=dict)
    edges: dict[str, tuple[frozenset[int], frozenset[int]]] = field(default_factory=dict)
    # Which of the issue-13 features the trees read (the others are not computed).
    filter_score: bool = True
    clause: bool = True
    # The cue phrase's object and structural contents, per cue (asked for several times).
    objects: dict[Range, Token | None] = field(default_factory=dict)
    structural: dict[Range, list[list[Range]]] = field(default_factory=dict)

    def span_features(self, kind: str, ranges: list[Range], role: int) -> list[float]:
        key = (kind, role, *ranges)
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._span_features(kind, ranges, role)
        return found

    def _span_features(self, kind: str, ranges: list[Range], role: int) -> list[float]:
        starts, ends = self.edges[ROLES[role]]
        inner, edge = self.pieces.role_features(ranges, role, with_edges=ROLES[role] != "cue")
        return [*inner, float(bool(ranges) and ranges[0][0] in starts),
                float(bool(ranges) and ranges[-1][1] in ends), *edge]

    @classmethod
    def build(cls, page: Page, found: list[Found], windows_probs: list[tuple[Window, np.ndarray]],
              tagged: list[Tagged]) -> Context:
        by_role: dict[str, list[Tagged]] = {r: [] for r in ROLES}
        for t in tagged:
            by_role[t.role].append(t)
        text = page.text
        paragraphs = [0] + [k + 1 for k, c in enumerate(text) if c == "\n"]
        ctx = cls(page, Pieces(windows_probs), by_role, page.quotes,
                  [r for f in found for r in f.content], [r for f in found for r in f.source],
                  paragraphs)
        ctx.merged = merge(((t.start, t.end) for t in by_role["content"]), text)
        ctx.cues = sorted({*(r for f in found for r in f.cue),
                           *((t.start, t.end) for t in by_role["cue"] if t.score >= 0.5)})
        ctx.cue_starts = [c[0] for c in ctx.cues]
        ctx.edges = {r: (frozenset(t.start for t in ts), frozenset(t.end for t in ts))
                     for r, ts in by_role.items()}
        return ctx


# ---------------------------------------------------------------- candidates


def candidates(ctx: Context, found: list[Found],
               origins: tuple[str, ...] = (*ORIGINS, FILTERED)) -> list[Option]:
    """Every candidate of a document (see the module doc), grouped by cue."""
    out: list[Option] = []
    for group, f in enumerate(found):
        out.append(Option(f, group, "rule"))
        out.extend(o for o in _variants(ctx, f, group) if o.origin in origins)
    group = len(found)
    if FILTERED in origins:
        for f, _ in ctx.page.filter_dropped:
            if f.cue:
                out.append(Option(f, group, FILTERED))
                group += 1
    if "tagger" in origins:
        rule_cues = [r for f in found for r in f.cue]
        for t in ctx.tags["cue"]:
            cue = (t.start, t.end)
            if t.score < MIN_CUE_SCORE or _touches(cue, rule_cues):
                continue
            made = _tagger_options(ctx, cue, t.score, group)
            out.extend(made)
            group += bool(made)
    sizes: dict[int, int] = {}
    for o in out:
        sizes[o.group] = sizes.get(o.group, 0) + 1
    starts = [q[0] for q in ctx.quotes]
    memo: dict[int, dict[str, float]] = {}
    for o in out:
        o.features = features(ctx, o, sizes[o.group])
        if ctx.filter_score:
            o.features[COLUMN["filter_score"]] = learned.score(ctx.page, o.found, starts, memo)
    return out


def _touches(a: Range, ranges: list[Range]) -> bool:
    """``any(overlaps(a, r) for r in ranges)``, written out: the decoder asks it about 250k
    times per 84 texts, and a call of ``overlaps`` per range was most of its cost."""
    start, end = a
    for lo, hi in ranges:  # noqa: SIM110 (a loop: no generator frame per call)
        if start < hi and lo < end:
            return True
    return False


def _paragraph(text: str, at: int) -> Range:
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at)
    return lo, len(text) if hi < 0 else hi


def _merged_contents(ctx: Context) -> list[Range]:
    """The tagger breaks long contents where its confidence dips: pieces separated only by
    spaces or a comma are one content."""
    return ctx.merged


def _variants(ctx: Context, f: Found, group: int) -> list[Option]:
    """The rule attribution with other contents and/or sources: the tagger's spans that
    overlap the rule's, and the options a tagger cue at the rule's cue would get."""
    if not f.cue:
        return []
    cue = f.cue[0]
    token = _cue_token(ctx.page, cue)
    contents = [c for c in [_overlapping_content(ctx, f), *_content_options(ctx, cue, token)]
                if c is not None and c != f.content and not _touches(cue, c)]
    tagged = [(t.start, t.end) for t in ctx.tags["source"] if _touches((t.start, t.end), f.source)]
    sources = [[s] for s in [*tagged, *_source_options(ctx, cue, token)]
               if s is not None and not _touches(s, f.cue)]
    contents = _unique(contents)[:VARIANTS]
    contents += [c for c in _structural_options(ctx, cue)
                 if c not in contents and c != f.content and not _touches(cue, c)]
    sources = [s for s in _unique(sources) if s != f.source][:VARIANTS]
    out = [Option(replace(f, content=c), group, "rule_content") for c in contents
           if not any(_touches(s, c) for s in f.source)]
    out += [Option(replace(f, source=s), group, "rule_source") for s in sources
            if not _touches(s[0], f.content)]
    out += [Option(replace(f, content=c, source=s), group, "rule_both")
            for c in contents[:2] for s in sources[:2] if not _touches(s[0], c)]
    return out


def _unique(items: list[list[Range]]) -> list[list[Range]]:
    out: list[list[Range]] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _overlapping_content(ctx: Context, f: Found) -> list[Range] | None:
    """The tagger's contents that overlap the rule's (within one paragraph), joined."""
    text = ctx.page.text
    if not f.content or "\n" in text[f.content[0][0]:f.content[-1][1]]:
        return None
    near = [r for r in _merged_contents(ctx) if _touches(r, f.content)]
    if not near:
        return None
    return merge([strip_range(text, r) for r in near], text)


def _distance(a: Range, b: Range) -> int:
    return a[0] - b[1] if a[0] >= b[1] else max(b[0] - a[1], 0)


def _tagger_options(ctx: Context, cue: Range, score: float, group: int) -> list[Option]:
    page, text = ctx.page, ctx.page.text
    token = _cue_token(page, cue)
    contents = _content_options(ctx, cue, token)
    sources = _source_options(ctx, cue, token)
    out = []
    lemma = token.lemma_ if token is not None else text[cue[0]:cue[1]]
    for content in contents:
        kind = "direct" if _touches_all(content, ctx.quotes) else "indirect"
        for source in sources:
            if source is not None and any(overlaps(source, c) for c in content):
                continue
            f = Found(cue=[cue], source=[source] if source else [], content=content, kind=kind,
                      cls=cue_class(lemma), score=score, key="tagger",
                      head=token.i if token is not None else -1)
            out.append(Option(f, group, "tagger"))
    return out


def _touches_all(content: list[Range], quotes: list[Range]) -> bool:
    return any(overlaps(c, q) for c in content for q in quotes)


def _content_options(ctx: Context, cue: Range, token: Token | None) -> list[list[Range]]:
    text = ctx.page.text
    lo, hi = _paragraph(text, cue[0])
    near = sorted((r for r in _merged_contents(ctx)
                   if lo <= r[0] and r[1] <= hi and not overlaps(r, cue)
                   and _distance(r, cue) <= CONTENT_GAP),
                  key=lambda r: _distance(r, cue))[:NEAREST]
    raw: list[list[Range]] = [[r] for r in near]
    if token is not None:
        for child in token.children:
            if child.dep_ in ("ccomp", "xcomp") or (child.dep_ == "dobj" and token.pos_ == "VERB"):
                runs = char_runs(ctx.page.doc, subtree(child))
                if runs:
                    raw.append(runs)
    s_lo, s_hi = ctx.page.sentence_at(cue[0])
    quotes = [q for q in ctx.quotes if s_lo - 3 <= q[1] and q[0] < s_hi and not overlaps(q, cue)]
    if quotes:
        raw.append([min(quotes, key=lambda q: _distance(q, cue))])
    return _finish(ctx, cue, raw + _structural_raw(ctx, cue))


def _structural_options(ctx: Context, cue: Range) -> list[list[Range]]:
    """The contents the cue's phrase structure gives, offered beside the capped variants."""
    return _finish(ctx, cue, _structural_raw(ctx, cue))


def _structural_raw(ctx: Context, cue: Range) -> list[list[Range]]:
    found = ctx.structural.get(cue)
    if found is None:
        found = ctx.structural[cue] = _structural_ranges(ctx, cue)
    return found


def _structural_ranges(ctx: Context, cue: Range) -> list[list[Range]]:
    raw: list[list[Range]] = []
    obj = _object_of(ctx, cue) if CUE_OBJECTS else None
    if obj is not None:
        raw.append(char_runs(ctx.page.doc, subtree(obj)))
    pair = _quote_pair(ctx, cue) if QUOTE_PAIRS else None
    if pair is not None:
        raw.append(pair)
    return raw


def _finish(ctx: Context, cue: Range, raw: list[list[Range]]) -> list[list[Range]]:
    """Each option widened to the quotations it touches, trimmed, without the cue, once."""
    text = ctx.page.text
    starts = [q[0] for q in ctx.quotes]
    out: list[list[Range]] = []
    for ranges in raw:
        content = merge([strip_range(text, c) for c in _widen(ranges, ctx.quotes, starts)], text)
        content = [c for c in content if c[1] > c[0]]
        if content and not _touches(cue, content) and content not in out:
            out.append(content)
    return out


def _quote_pair(ctx: Context, cue: Range) -> list[Range] | None:
    """'"X," he said. "Y."': a speech cue between two quotations of its paragraph, each within
    ``PAIR_GAP`` characters of it, is one content of two pieces."""
    lo, hi = _paragraph(ctx.page.text, cue[0])
    before = [q for q in ctx.quotes if lo <= q[0] and q[1] <= cue[0] and cue[0] - q[1] <= PAIR_GAP]
    after = [q for q in ctx.quotes if cue[1] <= q[0] and q[1] <= hi and q[0] - cue[1] <= PAIR_GAP]
    if not before or not after:
        return None
    return [before[-1], after[0]]


def _source_options(ctx: Context, cue: Range, token: Token | None) -> list[Range | None]:
    lo, hi = _paragraph(ctx.page.text, cue[0])
    # "X was accused by Y": with a passive agent, the passive subject is no source.
    patient = _passive_subject(ctx.page, token)
    tagged = sorted(((t.start, t.end) for t in ctx.tags["source"]
                     if lo <= t.start and t.end <= hi and not overlaps((t.start, t.end), cue)
                     and _distance((t.start, t.end), cue) <= CONTENT_GAP
                     and not (patient and overlaps((t.start, t.end), patient))),
                    key=lambda r: _distance(r, cue))[:NEAREST]
    out: list[Range | None] = list(tagged)
    subject = _subject(ctx.page, token)
    if subject is not None and subject not in out and not overlaps(subject, cue):
        out.append(subject)
    out.append(None)
    return out


def _object_of(ctx: Context, cue: Range) -> Token | None:
    if cue not in ctx.objects:
        ctx.objects[cue] = _cue_object(ctx.page, cue)
    return ctx.objects[cue]


def _cue_object(page: Page, cue: Range) -> Token | None:
    """The object that completes a multi-word cue phrase right after it: "confident in *the
    outcome*", "were supporters of *Sanders*", "threw their support to *her*" (the first child,
    outside the cue, of a cue word by an object or complement relation, starting within two
    tokens of the cue's end). The cue word's own clausal complement is found separately."""
    span = page.expanded(cue[0], cue[1])[0]
    if span is None or not len(span):
        return None
    found = [c for t in span for c in t.children
             if c.dep_ in CUE_OBJECT_DEPS and not span.start <= c.i < span.end
             and span.end <= c.left_edge.i <= span.end + 1]
    return min(found, key=lambda c: c.left_edge.i) if found else None


def _cue_token(page: Page, cue: Range) -> Token | None:
    span = page.expanded(cue[0], cue[1])[0]
    return span.root if span is not None and len(span) else None


def _edges(page: Page, token: Token) -> Range:
    end = token.right_edge.idx + len(token.right_edge.text)
    return strip_range(page.text, (token.left_edge.idx, end))


def _subject(page: Page, token: Token | None) -> Range | None:
    """Who does the cue word's act: the object of its passive agent ("by Turkey"), else its
    subject."""
    if token is None:
        return None
    for child in token.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            return _edges(page, objects[0]) if objects else None
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _edges(page, child)
    return None


def _passive_subject(page: Page, token: Token | None) -> Range | None:
    """The passive subject of a cue word that has a passive agent."""
    if token is None or not any(c.dep_ == "agent" for c in token.children):
        return None
    for child in token.children:
        if child.dep_ == "nsubjpass":
            return _edges(page, child)
    return None


# ---------------------------------------------------------------- features


def features(ctx: Context, o: Option, group_size: int) -> list[float]:
    """The feature vector of one candidate, in the order of ``FEATURES``. The parts that
    depend on one span (and the cue) are computed once per document."""
    f = o.found
    row = [0.0] * len(FEATURES)
    row[COLUMN[f"origin={o.origin}"]] = 1.0
    if f.kind in KINDS:
        row[COLUMN[f"kind={f.kind}"]] = 1.0
    if o.origin != "tagger":
        row[COLUMN["rule_score"]] = f.score
    row[COLUMN["has_class"]] = float(f.cls is not None)
    row[COLUMN["class_say"]] = float(f.cls == "say")
    row[COLUMN["group_size"]] = float(group_size)
    cue = f.cue[0] if f.cue else (0, 0)
    for part, span in (("cue", [cue]), ("source", f.source), ("content", f.content)):
        key = (part, cue, *span)
        found = ctx.parts.get(key)
        if found is None:
            found = ctx.parts[key] = _part(ctx, part, cue, span)
        for column, value in found:
            row[column] = value
    return row


def _part(ctx: Context, part: str, cue: Range, span: list[Range]) -> Part:
    values: dict[str, float] = {}
    token = _cue_token(ctx.page, cue) if cue[1] > cue[0] else None
    if part == "cue":
        _cue_features(ctx, cue, token, values)
    elif part == "source":
        _source_features(ctx, cue, token, span, values)
    else:
        _content_features(ctx, cue, token, span, values)
    role = ROLES.index(part)
    names: tuple[str, ...] = ("mean", "cover", "first_b", "before", "after", "start_match", "end_match")
    tagged = ctx.span_features("tagger", span, role)
    if part != "cue":
        names += EDGE
    values.update((f"t_{part}_{n}", v) for n, v in zip(names, tagged, strict=True))
    return [(COLUMN[name], float(v)) for name, v in values.items()]


def _cue_features(ctx: Context, cue: Range, token: Token | None, out: dict[str, float]) -> None:
    page, text = ctx.page, ctx.page.text
    if token is not None:
        lex = lookup(token.lemma_, token.pos_)
        if lex is not None:
            out.update(lex_known=1.0, lex_rate=lex.rate, lex_precision=lex.precision)
        if token.pos_ in POS:
            out[f"pos={token.pos_}"] = 1.0
        if token.dep_ in DEPS:
            out[f"dep={token.dep_}"] = 1.0
    out["cue_words"] = len(text[cue[0]:cue[1]].split())
    # (``overlaps`` written out: every tagged cue of the document is read for each cue)
    out["t_cue_score"] = max((t.score for t in ctx.tags["cue"]
                              if t.start < cue[1] and cue[0] < t.end), default=0.0)
    out["cue_in_quote"] = within(cue, ctx.quotes)
    para = bisect.bisect_right(ctx.paragraphs, cue[0]) - 1
    start = ctx.paragraphs[para]
    out["paragraph_index"] = min(para, 20)
    out["cue_paragraph_offset"] = min((cue[0] - start) / 100, 10)
    out["first_line"] = para == 0
    sents = page.sent_starts
    out["sentence_in_paragraph"] = min(bisect.bisect_right(sents, cue[0])
                                       - bisect.bisect_right(sents, start), 10)
    out["cue_in_rule_content"] = _touches(cue, ctx.rule_contents)
    out["cue_in_rule_source"] = _touches(cue, ctx.rule_sources)
    if token is not None and ctx.clause:
        deps = {c.dep_ for c in token.children}
        out["cue_ccomp"] = "ccomp" in deps
        out["cue_xcomp"] = "xcomp" in deps
        out["cue_dobj"] = "dobj" in deps
        out["cue_prep"] = "prep" in deps
        out["cue_subject"] = bool(deps & {"nsubj", "nsubjpass", "agent"})
        out["cue_neg"] = "neg" in deps
        out["cue_modal"] = any(c.tag_ == "MD" for c in token.children)


def _source_features(ctx: Context, cue: Range, token: Token | None, source: list[Range],
                     out: dict[str, float]) -> None:
    text = ctx.page.text
    words = [w for s, e in source for w in text[s:e].split()]
    out["source_words"] = len(words)
    out["has_source"] = bool(source)
    if not words:
        return
    out["source_pronoun"] = words[0].lower() in ("he", "she", "they", "it", "i", "we", "who")
    out["source_capital"] = words[0][:1].isupper()
    out["source_in_quote"] = within(source[0], ctx.quotes)
    out["cue_source_gap"] = _distance(source[0], cue) / 100
    out["source_after_cue"] = source[0][0] > cue[0]
    out["source_other_cue_gap"] = _other_cue_gap(ctx, cue, source)
    if token is not None:
        out["source_is_subject"] = any(
            c.dep_ in ("nsubj", "nsubjpass", "agent")
            and _touches((c.idx, c.idx + len(c.text)), source) for c in token.children)


def _content_features(ctx: Context, cue: Range, token: Token | None, content: list[Range],
                      out: dict[str, float]) -> None:
    text = ctx.page.text
    out["content_words_log"] = math.log1p(sum(len(text[s:e].split()) for s, e in content))
    out["content_spans"] = len(content)
    if not content:
        return
    size = sum(e - s for s, e in content)
    inside = sum(max(0, min(e, qe) - max(s, qs)) for s, e in content for qs, qe in ctx.quotes
                 if qs < e and s < qe)
    out["content_quote_share"] = inside / size if size else 0.0
    out["content_starts_quote"] = text[content[0][0]] in QUOTE_MARKS
    out["cue_content_gap"] = min(_distance(c, cue) for c in content) / 100
    out["content_before_cue"] = content[0][0] < cue[0]
    lo, hi = ctx.page.sentence_at(cue[0])
    out["content_same_sentence"] = lo <= content[0][0] < hi
    out["rule_content_jaccard"] = _jaccard(content, ctx.rule_contents)
    obj = _object_of(ctx, cue)
    out["content_is_cue_object"] = obj is not None and content[0][0] == obj.left_edge.idx
    out["content_other_cue_gap"] = _other_cue_gap(ctx, cue, content)
    if token is not None:
        out["content_is_complement"] = any(
            c.dep_ in CONTENT_DEPS and _touches((c.idx, c.idx + len(c.text)), content)
            for c in token.children)
    if ctx.clause:
        _clause_features(ctx, token, content, out)


FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _clause_features(ctx: Context, cue: Token | None, content: list[Range],
                     out: dict[str, float]) -> None:
    """Is the content a clause (a finite verb, a "to" infinitive, "that"/"whether" first), is
    its top a verb, of how many parse pieces is it made (tokens whose head lies outside it),
    does one of them hang on the cue word."""
    tokens: list[Token] = []
    for s, e in content:
        tokens.extend(ctx.page.expanded(s, e)[1])
    if not tokens:
        return
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    out["content_finite"] = any(t.tag_ in FINITE_TAGS for t in tokens)
    out["content_infinitive"] = any(t.tag_ == "VB" and any(c.tag_ == "TO" for c in t.children)
                                    for t in tokens)
    first = tokens[0].lower_ if tokens[0].is_alpha else (tokens[1].lower_ if len(tokens) > 1 else "")
    out["content_that"] = first in ("that", "whether", "if")
    out["content_root_verb"] = any(t.pos_ in ("VERB", "AUX") for t in heads)
    out["content_heads"] = min(len(heads), 10)
    out["content_head_is_cue"] = cue is not None and any(t.head.i == cue.i for t in heads)


def _other_cue_gap(ctx: Context, cue: Range, span: list[Range]) -> float:
    """How much nearer the span lies to its own cue than to any other (rule or confident
    tagger) cue within ``CONTENT_GAP`` characters, in 100s of characters (negative: another
    cue is nearer; 3 when there is none)."""
    lo, hi = span[0][0], span[-1][1]
    starts = ctx.cue_starts
    near = ctx.cues[bisect.bisect_left(starts, lo - CONTENT_GAP):
                    bisect.bisect_right(starts, hi + CONTENT_GAP)]
    hull = (lo, hi)
    other = min((_distance(hull, c) for c in near if c != cue and not overlaps(c, cue)),
                default=None)
    if other is None:
        return 3.0
    return max(min((other - _distance(hull, cue)) / 100, 3.0), -3.0)


def _jaccard(a: list[Range], b: list[Range]) -> float:
    """Character Jaccard of ``a`` with the ranges of ``b`` that overlap it."""
    lo, hi = a[0][0], a[-1][1]
    near = [r for r in b if r[0] < hi and lo < r[1] and _touches(r, a)]
    if not near:
        return 0.0
    inter = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in near)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in near) - inter
    return inter / union if union > 0 else 0.0


# ---------------------------------------------------------------- choice


def select(options: list[Option], scores: np.ndarray, threshold: float) -> list[Found]:
    """Best first, one candidate per cue, no overlap with what is kept (module doc)."""
    kept: list[Option] = []
    groups: set[int] = set()
    for k in np.argsort(-scores, kind="stable"):
        o = options[int(k)]
        if scores[k] < threshold:
            break
        if o.group in groups or any(_clash(o, other) for other in kept):
            continue
        kept.append(o)
        groups.add(o.group)
    out = [o.found for o in kept]
    out.sort(key=lambda f: f.cue[0] if f.cue else 0)
    return out


def demote(options: list[Option], scores: np.ndarray, threshold: float,
           foreign: Callable[[Found], bool]) -> np.ndarray:
    """Scores where a candidate that passes ``threshold`` but whose source ``foreign`` says is
    not its cue's (another sentence's speaker: ``fusion.foreign_source``) falls below every
    threshold, when another candidate of its cue passes and is not foreign: the choice takes
    that one. The trees learnt from labels that never check which cue a source and content
    go with (PolNeAR's j50 match is content and source), so they may pair a cue with the
    next sentence's speaker and clause. With no such alternative the candidate stays (the
    default mode's rules strip its source afterwards)."""
    passing: list[int] = np.flatnonzero(scores >= threshold).tolist()
    foreign_ones = {k for k in passing if foreign(options[k].found)}
    if not foreign_ones:
        return scores
    fallback = {options[k].group for k in passing if k not in foreign_ones}
    out = scores.copy()
    for k in foreign_ones:
        if options[k].group in fallback:
            out[k] = -1.0
    return out


# How two kept candidates of different cues may meet: "overlap" (shipped): neither's cue or
# content may overlap the other's; "nested": as "overlap", but a candidate whose cue lies
# inside the other's content (an attribution inside a reported content) meets it freely
# unless the two cues overlap (measured out of fold, docs/attributions.md).
CLASH = "overlap"


def _clash(a: Option, b: Option) -> bool:
    if a.origin in RULE_ORIGINS and b.origin in RULE_ORIGINS:
        return False
    if CLASH == "nested":
        if any(overlaps(x, y) for x in a.found.cue for y in b.found.cue):
            return True
        if (any(overlaps(x, y) for x in a.found.cue for y in b.found.content)
                or any(overlaps(x, y) for x in b.found.cue for y in a.found.content)):
            return False
    mine = a.found.cue + a.found.content
    theirs = b.found.cue + b.found.content
    return any(overlaps(x, y) for x in mine for y in theirs)


# ---------------------------------------------------------------- trees


@dataclass(frozen=True, slots=True)
class Trees:
    """Gradient-boosted regression trees as flat arrays (exported by scripts/train_decoder.py):
    node ``k`` sends a row left when ``x[feature[k]] <= threshold[k]``; leaves have
    ``left == -1`` and carry ``value``; ``roots`` index each tree's first node."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray
    roots: np.ndarray
    base: float
    cut: float
    names: tuple[str, ...]
    mask: tuple[int, ...] = ()

    @property
    def filtered(self) -> bool:
        """Trained with the filter-dropped rule attributions as candidates."""
        column = COLUMN[f"origin={FILTERED}"]
        return column < len(self.names) and column not in self.mask

    def origins(self) -> tuple[str, ...]:
        return (*ORIGINS, FILTERED) if self.filtered else ORIGINS

    def reads(self, columns: tuple[int, ...]) -> bool:
        """Whether the trees read any of these columns (trained on them, not masked)."""
        return any(c < len(self.names) and c not in self.mask for c in columns)

    def predict(self, x: np.ndarray) -> np.ndarray:
        """All trees at once: each step moves every (row, tree) pair not yet at a leaf one level
        down (only those: the trees' depths differ, and the deep ones set the step count)."""
        count = len(self.roots)
        left, right, feature, threshold = self.left, self.right, self.feature, self.threshold
        node = np.tile(self.roots, len(x))
        # each pair's row as its offset into the flat matrix: one 1-d gather per step instead
        # of a 2-d fancy index (same values read, so the same leaves)
        flat = np.ascontiguousarray(x).ravel()
        offsets = np.repeat(np.arange(len(x)) * x.shape[1], count)
        active = np.flatnonzero(left[node] >= 0)
        while len(active):
            at = node[active]
            goes_left = flat[offsets[active] + feature[at]] <= threshold[at]
            moved = np.where(goes_left, left[at], right[at])
            node[active] = moved
            active = active[left[moved] >= 0]
        return self.base + self.value[node].reshape(len(x), count).sum(axis=1)


def load_trees(path: str) -> Trees:
    with np.load(path, allow_pickle=False) as data:
        return trees_of(data, path)


def trees_of(data: Any, where: str) -> Trees:
    """The trees of a decoder file's arrays (``where`` names the file in an error)."""
    names = tuple(str(n) for n in data["names"])
    if names not in (FEATURES, BASE_FEATURES):  # (trees of the features before issue 13 run)
        raise ValueError(f"{where}: trained on other features; retrain the decoder")
    return Trees(data["feature"], data["threshold"], data["left"], data["right"],
                 data["value"], data["roots"], float(data["base"]), float(data["cut"]),
                 names, tuple(int(k) for k in data["mask"]))


def model() -> Trees | None:
    """The shipped trees, loaded once (``DECODER``); None when the file is missing."""
    return DECODER.get()


DECODER: Once[Trees | None] = Once(lambda: read_data(MODEL_FILE, lambda data: trees_of(data, MODEL_FILE)))


def available() -> bool:
    return model() is not None


def matrix(options: list[Option], mask: tuple[int, ...] = ()) -> np.ndarray:
    x = np.asarray([o.features for o in options], dtype=np.float64).reshape(-1, len(FEATURES))
    if mask:
        x[:, list(mask)] = 0.0
    return x


def decode(page: Page, found: list[Found], windows_probs: list[tuple[Window, np.ndarray]],
           tagged: list[Tagged], trees: Trees | None = None) -> list[Found]:
    """The rules' attributions and the tagger's, settled by the trained trees."""
    trees = trees or model()
    if trees is None:
        raise RuntimeError(f"no decoder model ({MODEL_FILE})")
    options, scores = scored(page, found, windows_probs, tagged, trees)
    return select(options, scores, trees.cut)


def scored(page: Page, found: list[Found], windows_probs: list[tuple[Window, np.ndarray]],
           tagged: list[Tagged], trees: Trees) -> tuple[list[Option], np.ndarray]:
    """Every candidate of the rules and the tagger, with the trees' score of each."""
    ctx = Context.build(page, found, windows_probs, tagged)
    ctx.filter_score = trees.reads((COLUMN["filter_score"],))
    ctx.clause = trees.reads(CLAUSE_COLUMNS)
    options = candidates(ctx, found, trees.origins())
    if not options:
        return [], np.zeros(0)
    return options, trees.predict(matrix(options, trees.mask)[:, :len(trees.names)])
