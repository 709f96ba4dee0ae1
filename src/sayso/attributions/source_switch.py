"""A second look at each kept attribution's source: switch to another candidate's source?

The content switch (``switch``) weighs two contents of one cue with the same source; here the
same idea weighs two sources of one cue with the same content. On PolNeAR train (the decoder's
out-of-fold choices) 219 missed gold attributions had the right source in another candidate of
the same cue with our content (docs/attributions.md, attr25). The decoder scores each
candidate alone; these trees (``data/attribution_source_switch.npz``, trained by
``scripts/train_source_switch.py`` on the decoder's out-of-fold scores over PolNeAR train)
read the pair: both candidates' decoder features, their difference, both decoder scores, and
what each source is (its entity type, a pronoun or a relative pronoun, the subject of the cue
word or of the verb the cue hangs on, the object of "according to", in the cue's sentence or
before it, a source of another kept attribution of the article, inside the other source). The
best alternative at or above the threshold (chosen by 5-fold CV over train articles) takes
the kept one's place. Without the file nothing changes. See docs/attributions.md, "(twenty-
sixth session, src26)".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from sayso.attributions import decoder
from sayso.attributions.decoder import Option, Trees
from sayso.attributions.direct import Found, Page
from sayso.knowledge.linear import Once, read_data

if TYPE_CHECKING:
    from spacy.tokens import Token

MODEL_FILE = "attribution_source_switch.npz"
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us"})
RELATIVES = frozenset({"who", "which", "that", "whom", "whose"})
SOURCE_MARKS: tuple[str, ...] = (
    "none",
    *(f"ent={e}" for e in ENTITY_TYPES),
    "ent=other",
    "pronoun",
    "relative",
    "words",
    "cue_subject",
    "head_subject",
    "according_object",
    "same_sentence",
    "before_cue",
    "char_gap_log",
    "speaker_elsewhere",
    "foreign",
)
FEATURES: tuple[str, ...] = (
    *(f"alt:{n}" for n in decoder.BASE_FEATURES),
    *(f"kept:{n}" for n in decoder.BASE_FEATURES),
    *(f"diff:{n}" for n in decoder.BASE_FEATURES),
    "alt_score",
    "kept_score",
    "score_gap",
    *(f"alt_{n}" for n in SOURCE_MARKS),
    *(f"kept_{n}" for n in SOURCE_MARKS),
    "alt_inside_kept",
    "kept_inside_alt",
)


def pairs(options: list[Option], kept: list[Found]) -> list[tuple[int, int]]:
    """(kept option, alternative option) index pairs: the same cue group and content, another
    source."""
    index = {id(o.found): k for k, o in enumerate(options)}
    out = []
    for f in kept:
        k = index.get(id(f))
        if k is None:
            continue
        group = options[k].group
        seen: list[list[tuple[int, int]]] = []
        for a, alt in enumerate(options):
            if (
                a == k
                or alt.group != group
                or alt.found.content != f.content
                or alt.found.source == f.source
                or alt.found.source in seen
            ):
                continue
            seen.append(alt.found.source)
            out.append((k, a))
    return out


def rows(
    page: Page,
    options: list[Option],
    scores: np.ndarray,
    found: list[tuple[int, int]],
    kept: list[Found],
    foreign: Callable[[Found], bool] | None = None,
) -> np.ndarray:
    """The pair features, in the order of ``FEATURES``."""
    if not found:
        return np.zeros((0, len(FEATURES)))
    x = decoder.matrix(options)[:, : len(decoder.BASE_FEATURES)]
    k = np.asarray([p[0] for p in found])
    a = np.asarray([p[1] for p in found])
    extra = np.stack([scores[a], scores[k], scores[a] - scores[k]], axis=1)
    speakers = _speaker_words(page, kept)
    marks = np.asarray(
        [
            _marks(page, options[j].found, speakers, foreign)
            + _marks(page, options[i].found, speakers, foreign)
            + _nesting(options[j].found.source, options[i].found.source)
            for i, j in found
        ]
    )
    return np.concatenate([x[a], x[k], x[a] - x[k], extra, marks], axis=1)


def _speaker_words(page: Page, kept: list[Found]) -> dict[str, int]:
    """How many kept attributions of the article have a source whose last word is this one
    (a name's last word: "Clinton", "Trump"), lower-cased."""
    out: dict[str, int] = {}
    for f in kept:
        if f.source:
            word = _last_word(page, f.source)
            if word:
                out[word] = out.get(word, 0) + 1
    return out


def _last_word(page: Page, source: list[tuple[int, int]]) -> str:
    words = page.text[source[-1][0] : source[-1][1]].split()
    return words[-1].strip(".,;:'’\"”").lower() if words else ""


def _marks(
    page: Page, f: Found, speakers: dict[str, int], foreign: Callable[[Found], bool] | None
) -> list[float]:
    """What one candidate's source is (``SOURCE_MARKS``)."""
    if not f.source:
        return [1.0] + [0.0] * (len(SOURCE_MARKS) - 2) + [float(bool(foreign and foreign(f)))]
    s, e = f.source[0][0], f.source[-1][1]
    span, tokens = page.expanded(s, e)
    root = span.root if span is not None and len(span) else None
    ent = root.ent_type_ if root is not None else ""
    words = page.text[s:e].split()
    low = page.text[s:e].strip().lower()
    cue = decoder._cue_token(page, f.cue[0]) if f.cue else None
    subject_of = _subject_link(root, cue)
    cue_at = f.cue[0][0] if f.cue else s
    same = page.sentence_at(cue_at) == page.sentence_at(s)
    word = _last_word(page, f.source)
    elsewhere = speakers.get(word, 0) - 1 if word else 0
    return [
        0.0,
        *(float(ent == t) for t in ENTITY_TYPES),
        float(bool(ent) and ent not in ENTITY_TYPES),
        float(low in PRONOUNS),
        float(low in RELATIVES),
        float(len(words)),
        float(subject_of == "cue"),
        float(subject_of == "head"),
        float(_according_object(root)),
        float(same),
        float(e <= cue_at),
        math.log1p(abs(cue_at - s)),
        float(max(elsewhere, 0)),
        float(bool(foreign and foreign(f))),
    ]


def _subject_link(root: Token | None, cue: Token | None) -> str:
    """'cue' where the source's root is the cue word's subject (or passive agent's object),
    'head' where it is the subject of the verb the cue word hangs on ("made the claim",
    "in a statement"), '' otherwise."""
    if root is None or cue is None:
        return ""
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "agent":
        head = head.head
    elif not root.dep_.startswith("nsubj"):
        return ""
    if head.i == cue.i:
        return "cue"
    up = cue
    for _ in range(3):
        if up.head.i == up.i:
            break
        up = up.head
        if up.i == head.i:
            return "head"
    return ""


def _according_object(root: Token | None) -> bool:
    """The source is the object of "according to"."""
    if root is None or root.dep_ != "pobj":
        return False
    prep = root.head
    return prep.lower_ == "to" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "according"


def _nesting(alt: list[tuple[int, int]], kept: list[tuple[int, int]]) -> list[float]:
    """Whether one source lies inside the other ("Mr. Smith" in "Mr. Smith, a senator")."""
    if not alt or not kept:
        return [0.0, 0.0]
    a, k = (alt[0][0], alt[-1][1]), (kept[0][0], kept[-1][1])
    return [float(k[0] <= a[0] and a[1] <= k[1]), float(a[0] <= k[0] and k[1] <= a[1])]


def choose(
    options: list[Option],
    kept: list[Found],
    found: list[tuple[int, int]],
    probs: np.ndarray,
    cut: float,
) -> list[Found]:
    """Each kept attribution, or its best alternative at or above ``cut``."""
    best: dict[int, tuple[float, int]] = {}
    for (k, a), p in zip(found, probs, strict=True):
        if p >= cut and p > best.get(k, (-1.0, -1))[0]:
            best[k] = (float(p), a)
    index = {id(o.found): k for k, o in enumerate(options)}
    out = []
    for f in kept:
        k = index.get(id(f), -1)
        out.append(options[best[k][1]].found if k in best else f)
    return out


def trees_of(data: Any) -> Trees:
    names = tuple(str(n) for n in data["names"])
    if names != FEATURES:
        raise ValueError(f"{MODEL_FILE}: trained on other features; retrain it")
    return Trees(
        data["feature"],
        data["threshold"],
        data["left"],
        data["right"],
        data["value"],
        data["roots"],
        float(data["base"]),
        float(data["cut"]),
        names,
    )


SWITCH: Once[Trees | None] = Once(lambda: read_data(MODEL_FILE, trees_of))


def probabilities(trees: Trees, x: np.ndarray) -> np.ndarray:
    """The classifier's P(switch) from its trees' summed logits."""
    if not len(x):
        return np.zeros(0)
    return np.asarray([1.0 / (1.0 + math.exp(-v)) for v in trees.predict(x)])


def apply(
    page: Page,
    options: list[Option],
    scores: np.ndarray,
    kept: list[Found],
    foreign: Callable[[Found], bool] | None = None,
) -> list[Found]:
    """The kept attributions, each source switched where the trees say so (unchanged without
    the model file)."""
    trees = SWITCH.get()
    if trees is None or not kept:
        return kept
    found = pairs(options, kept)
    if not found:
        return kept
    probs = probabilities(trees, rows(page, options, scores, found, kept, foreign))
    return choose(options, kept, found, probs, trees.cut)
