"""Attributions signalled by a phrase or punctuation: "according to X", "Peskov: ..."."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from sayso.attributions.spans import Candidate, depth, subtree
from sayso.knowledge.cues import lemmas_with_frame
from sayso.nlp import tokens_with

MAX_COLON_SOURCE = 6


def according_candidates(sent: SpacySpan) -> list[Candidate]:
    out: list[Candidate] = []
    for token in tokens_with(sent, "lower", "according"):
        if token.lower_ != "according" or token.i + 1 >= sent.end:
            continue
        to = token.doc[token.i + 1]
        if to.lower_ != "to":
            continue
        objs = [c for c in to.children if c.dep_ == "pobj"] or [
            c for c in token.children if c.dep_ == "pobj"]
        if not objs:
            continue
        source = subtree(objs[0])
        phrase = set(range(token.i, max(source[-1], to.i) + 1))
        content = [t.i for t in sent if t.i not in phrase]
        out.append(Candidate(head=token.i, cue=(token.i, to.i + 1), source=source,
                             content=content, kind="according_to", cls="say", score=0.9,
                             depth=max(depth(token) - 1, 0), key="according/ADP"))
    return out


def document_candidates(sent: SpacySpan) -> list[Candidate]:
    """"In a new poll, Trump leads by four points": "In" is the cue, the poll the source."""
    first = sent[0]
    if first.lower_ != "in" or first.dep_ != "prep" or first.head.i == first.i:
        return []
    objs = [c for c in first.children if c.dep_ == "pobj"]
    if not objs or objs[0].lemma_.lower() not in lemmas_with_frame("document"):
        return []
    source = subtree(objs[0])
    taken = set(range(first.i, source[-1] + 1))
    content = [i for i in subtree(first.head) if i not in taken]
    if not content:
        return []
    return [Candidate(head=first.i, cue=(first.i, first.i + 1), source=source, content=content,
                      kind="according_to", cls="report", score=0.6, depth=max(depth(first) - 1, 0),
                      key="in/ADP")]


def colon_candidates(sent: SpacySpan) -> list[Candidate]:
    """"Peskov: ..." — a short name, a colon, then what was said."""
    doc = sent.doc
    for token in tokens_with(sent, "orth", ":"):
        if token.text != ":":
            continue
        before = list(range(sent.start, token.i))
        if not before or len(before) > MAX_COLON_SOURCE or token.i + 1 >= sent.end:
            return []
        if any(doc[i].pos_ in ("VERB", "AUX", "PRON", "SCONJ") for i in before):
            return []
        if not doc[before[0]].text[:1].isupper():
            return []
        named = any(doc[i].ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for i in before)
        headline = _headline(sent, before)
        if not named and not headline and not doc[token.i + 1].is_quote:
            return []
        end = _line_end(sent) if headline else sent.end
        content = list(range(token.i + 1, end))
        return [Candidate(head=token.i, cue=(token.i, token.i + 1), source=before,
                          content=content, kind="direct", cls="say", score=0.6, depth=0,
                          key=":/PUNCT")]
    return []


def _headline(sent: SpacySpan, before: list[int]) -> bool:
    """"Poll: Trump ties Clinton" as a document's first line: the colon names the source
    even when the tagger sees no entity in a one-word source."""
    doc = sent.doc
    return sent.start_char == 0 and all(doc[i].pos_ in ("NOUN", "PROPN", "PUNCT", "ADJ", "DET")
                                         for i in before)


def _line_end(sent: SpacySpan) -> int:
    """Token index where the sentence's line ends (a headline can span parsed sentences)."""
    doc = sent.doc
    i = sent.end
    while i < len(doc) and "\n" not in doc[i - 1].text_with_ws and "\n" not in doc[i].text:
        i += 1
    return i
