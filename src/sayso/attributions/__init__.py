"""Attribution extraction: who said what (source, cue, content spans) and who the speaker is.

``extract_attributions(doc)`` reads one parsed spaCy ``Doc`` and returns ``Attribution``
records whose spans are character offsets into ``doc.text``. The work is split into small
pure steps: candidates from reporting verbs/nouns (``indirect``), "according to" and colon
forms (``according``); overlaps settled so each token belongs to at most one attribution
(outermost first, as PolNeAR annotates); quotations joined to their cue (``quotes``,
``direct``); speakers resolved and canonicalised (``speakers``).

By default the learned tagger (``tagger``, an int8 ONNX encoder) is fused with the rules
(``fusion``, ``decoder``: trained trees choose among rule and tagger candidates) when its
model file is installed; ``fast=True`` runs the rules alone, with
exactly the output they had before the tagger existed.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from sayso.attributions import tagger
from sayso.attributions.according import (
    according_candidates,
    colon_candidates,
    document_candidates,
)
from sayso.attributions.direct import Found, Page, build, join_quotes
from sayso.attributions.fusion import fuse_learned
from sayso.attributions.indirect import (
    adjective_candidates,
    noun_candidates,
    object_noun_candidates,
    verb_candidates,
)
from sayso.attributions.learned import keep
from sayso.attributions.spans import Candidate
from sayso.attributions.speakers import resolve_speakers
from sayso.attributions.windows import Window
from sayso.knowledge.cues import lexicon
from sayso.model import Attribution
from sayso.nlp import (
    DATELINE,
    SENTENCE_STATES,
    TOKEN_STATES,
    doc_text,
    drop_index,
    index_of,
    tree_of,
)

__all__ = ["extract_attributions"]


def extract_attributions(doc: Doc, fast: bool = False) -> list[Attribution]:
    """Attributions of a parsed document; ``fast``: the rules alone, without the tagger."""
    # The rules read the document's index (``sayso.nlp``: string-id columns and memos of its text
    # and entities); called on its own, the call holds one for its duration only.
    owned = index_of(doc) is None
    if owned:
        tree_of(doc)
    try:
        return _extract(doc, fast)
    finally:
        if owned:
            drop_index(doc)


def _extract(doc: Doc, fast: bool) -> list[Attribution]:
    text = doc_text(doc)  # Doc.text is rebuilt from the tokens on every access: read it once
    for key in (SENTENCE_STATES, TOKEN_STATES):
        doc.user_data.pop(key, None)  # states of an earlier run never outlive it (--fast)
    if not text.strip() or not doc.has_annotation("DEP"):
        return []
    page = Page(doc, text, default_mode=not fast)
    found = rule_attributions(page)
    if not fast and tagger.available():
        found = fuse_learned(page, found, _tag(doc, text))
    attributions = [build(text, f, n) for n, f in enumerate(found, start=1)]
    resolve_speakers(doc, attributions, text)
    return attributions



def _tag(doc: Doc, text: str) -> list[tuple[Window, np.ndarray]]:
    """The tagger's probabilities per window; its hidden states pooled per sentence and summed
    per token (one encoder pass for all) go to ``doc.user_data`` for the events."""
    ranges = [(s.start_char, s.end_char) for s in doc.sents]
    # (each token's first character and length as two columns of one ``to_array``, not a Token
    # built per token: ``LENGTH`` is ``len(token.text)``)
    tokens = [(idx, idx + length) for idx, length in doc.to_array([IDX, LENGTH]).tolist()]
    probs, pools = tagger.probabilities_pools(text, [ranges, tokens])
    if pools is not None:
        doc.user_data[SENTENCE_STATES] = (ranges, pools[0].vectors())
        doc.user_data[TOKEN_STATES] = (pools[1].sums, pools[1].counts)
    return probs


def rule_attributions(page: Page) -> list[Found]:
    """What the rules find: candidates settled, joined to quotations, filtered."""
    quotes = page.quotes
    chosen = settle(candidates(page))
    return keep(page, join_quotes(page, chosen, quotes), quotes)


def candidates(page: Page) -> list[Candidate]:
    table = lexicon()
    out: list[Candidate] = []
    for sent in page.doc.sents:
        out.extend(according_candidates(sent))
        out.extend(document_candidates(sent))
        out.extend(verb_candidates(sent, table))
        out.extend(noun_candidates(sent, table))
        out.extend(object_noun_candidates(sent, table))
        out.extend(adjective_candidates(sent, table))
        out.extend(colon_candidates(sent))
    for cand in out:
        _within_paragraph(page, cand)
    return out


def _within_paragraph(page: Page, cand: Candidate) -> None:
    """Spans stay within the cue's paragraph and out of its dateline. ``sayso.nlp.load()``
    already makes every line break and dateline a sentence boundary, so for its parses this
    changes nothing; it guards a Doc parsed by any other pipeline, where the parser runs
    sentences over paragraph breaks."""
    doc, text = page.doc, page.text
    at = doc[cand.cue[0]].idx
    start = text.rfind("\n", 0, at) + 1
    dateline = DATELINE.match(text, start)
    if dateline is not None and dateline.end() <= at:
        start = dateline.end()
    end = text.find("\n", at)
    end = len(text) if end < 0 else end
    cand.content = [i for i in cand.content if start <= doc[i].idx < end]
    cand.source = [i for i in cand.source if start <= doc[i].idx < end]


def settle(found: list[Candidate]) -> list[Candidate]:
    """Keep each token in at most one attribution: outermost (shallowest) cue first."""
    used: set[int] = set()
    cues: set[int] = set()
    kept: list[Candidate] = []
    for cand in sorted(found, key=lambda c: (c.depth, -c.score, c.head)):
        cue = set(cand.cue_tokens())
        if cue & used or cue & cues:
            continue
        cand.content = [i for i in cand.content if i not in used and i not in cues]
        cand.source = [i for i in cand.source if i not in cues]
        kept.append(cand)
        used.update(cand.content)
        cues.update(cue)
    kept.sort(key=lambda c: c.cue[0])
    return kept


