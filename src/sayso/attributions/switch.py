"""A second look at each kept attribution's content: switch to another candidate's content?

The learned decoder (``decoder``) keeps one candidate per cue; often another candidate of the
same cue, with the same source, has the content PolNeAR's annotators marked (on train, out of
fold, 2,134 kept attributions with a wrong content had an exact one beside them). The trees
score each candidate alone, so they cannot weigh two contents against each other. Here a
second set of trees (``data/attribution_switch.npz``, trained by
``scripts/train_content_switch.py`` on the decoder's out-of-fold scores over PolNeAR train)
reads the pair (the alternative's features, the kept one's, their difference, and both
decoder scores) and gives the probability that the alternative's content is exact where the
kept one's is not; the best alternative above the threshold (chosen by 5-fold CV over train
articles) takes the kept one's place. Only alternatives whose content overlaps the kept one's
(token Jaccard at least ``MIN_JACCARD``) are weighed. Without the file nothing changes.
See docs/attributions.md, "Content boundaries".
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

from sayso.attributions import decoder
from sayso.attributions.decoder import Option, Trees
from sayso.attributions.direct import Found, Page
from sayso.attributions.mentions import Document, Mention, make_mention, similarity
from sayso.knowledge.linear import Once, read_data

if TYPE_CHECKING:
    from sayso.attributions.tagger import Tagged
    from sayso.attributions.windows import Window

MODEL_FILE = "attribution_switch.npz"
MIN_JACCARD = 0.1
FEATURES: tuple[str, ...] = (
    *(f"alt:{n}" for n in decoder.BASE_FEATURES),
    *(f"kept:{n}" for n in decoder.BASE_FEATURES),
    *(f"diff:{n}" for n in decoder.BASE_FEATURES),
    "alt_score", "kept_score", "score_gap",
    # How the two contents differ (docs/attributions.md, "Content boundaries").
    "pair_jaccard", "alt_inside_kept", "kept_inside_alt", "start_shift_words", "end_shift_words",
    "pieces_gap", *(f"{side}_{what}" for side in ("start", "end")
                    for what in ("sentence", "quote", "comma", "newline", "and_but")),
    # Where each content stops (attr24): a content that opens or closes a quotation it does not
    # finish was cut inside it; PolNeAR's contents often run to the paragraph's end.
    *(f"{side}_{what}" for side in ("alt", "kept")
      for what in ("odd_quotes", "starts_paragraph", "ends_paragraph", "ends_sentence", "sentences")),
)
QUOTES = frozenset("\"'“”‘’«»„")
DOUBLE_QUOTES = frozenset('"“”«»„')
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’]?\s+[\"“'‘]?[A-Z]")


def pairs(text: str, options: list[Option], kept: list[Found]) -> list[tuple[int, int]]:
    """(kept option, alternative option) index pairs: the same cue group and source, another
    content that overlaps the kept one's."""
    doc = Document(text)
    index = {id(o.found): k for k, o in enumerate(options)}
    mentions: dict[int, Mention | None] = {}

    def mention(k: int) -> Mention | None:
        if k not in mentions:
            mentions[k] = make_mention(doc, options[k].found.content)
        return mentions[k]

    out = []
    for f in kept:
        k = index[id(f)]
        kept_option = options[k]
        for a, alt in enumerate(options):
            if (a == k or alt.group != kept_option.group or alt.found.source != f.source
                    or alt.found.content == f.content or not alt.found.content):
                continue
            if similarity(mention(a), mention(k)) < MIN_JACCARD:
                continue
            out.append((k, a))
    return out


def rows(text: str, options: list[Option], scores: np.ndarray,
         found: list[tuple[int, int]]) -> np.ndarray:
    """The pair features, in the order of ``FEATURES``."""
    if not found:
        return np.zeros((0, len(FEATURES)))
    x = decoder.matrix(options)[:, :len(decoder.BASE_FEATURES)]
    k = np.asarray([p[0] for p in found])
    a = np.asarray([p[1] for p in found])
    extra = np.stack([scores[a], scores[k], scores[a] - scores[k]], axis=1)
    shape = np.asarray([_shape(text, options[p[1]].found.content, options[p[0]].found.content)
                        + _marks(text, options[p[1]].found.content)
                        + _marks(text, options[p[0]].found.content) for p in found])
    return np.concatenate([x[a], x[k], x[a] - x[k], extra, shape], axis=1)


def _shape(text: str, alt: list[tuple[int, int]], kept: list[tuple[int, int]]) -> list[float]:
    """How the alternative's content differs from the kept one's: character Jaccard, which
    holds the other, how far each edge moves (in words, signed: later is positive), how many
    more pieces; and what the text between the two starts and between the two ends holds (a
    sentence end, a quotation mark, a comma, a line break, "and"/"but")."""
    a = {i for s, e in alt for i in range(s, e)}
    b = {i for s, e in kept for i in range(s, e)}
    out = [len(a & b) / (len(a | b) or 1), float(a <= b), float(b <= a)]
    starts, ends = (alt[0][0], kept[0][0]), (alt[-1][1], kept[-1][1])
    for one, two in (starts, ends):
        gap = text[min(one, two):max(one, two)]
        out.append((1 if one > two else -1) * len(gap.split()) if one != two else 0.0)
    out.append(float(len(alt) - len(kept)))
    for one, two in (starts, ends):
        gap = text[min(one, two):max(one, two)]
        words = {w.strip(",.;:").lower() for w in gap.split()}
        out += [float(any(c in ".!?" for c in gap)), float(any(c in QUOTES for c in gap)),
                float("," in gap), float("\n" in gap), float(bool(words & {"and", "but"}))]
    return out


def _marks(text: str, content: list[tuple[int, int]]) -> list[float]:
    """Where one content starts and stops: an odd number of double quotation marks in it (a
    quotation cut inside), at a paragraph's start, at its end, at a sentence end, and how many
    sentence breaks it holds."""
    start, end = content[0][0], content[-1][1]
    body = " ".join(text[s:e] for s, e in content)
    odd = sum(body.count(c) for c in DOUBLE_QUOTES) % 2
    # (the line around the content found in place: copying the text's head and tail for
    # every pair would cost the whole text each time)
    before = text[text.rfind("\n", 0, start) + 1:start]
    line_end = text.find("\n", end)
    after = text[end:] if line_end < 0 else text[end:line_end]
    ends_paragraph = not after.strip(" .,;:!?\"'”’)")
    ends_sentence = (ends_paragraph or body.rstrip(" \"'”’)")[-1:] in (".", "!", "?")
                     or bool(re.match(r"[\s\"'”’]*[.!?]", after)))
    return [float(odd), float(not before.strip(" \"“'‘(")), float(ends_paragraph),
            float(ends_sentence), float(len(_SENTENCE_BREAK.findall(body)))]


def choose(options: list[Option], kept: list[Found], found: list[tuple[int, int]],
           probs: np.ndarray, cut: float) -> list[Found]:
    """Each kept attribution, or its best alternative at or above ``cut``."""
    best: dict[int, tuple[float, int]] = {}
    for (k, a), p in zip(found, probs, strict=True):
        if p >= cut and p > best.get(k, (-1.0, -1))[0]:
            best[k] = (float(p), a)
    index = {id(o.found): k for k, o in enumerate(options)}
    out = []
    for f in kept:
        k = index[id(f)]
        out.append(options[best[k][1]].found if k in best else f)
    return out


def probabilities(trees: Trees, x: np.ndarray) -> np.ndarray:
    """The classifier's P(switch) from its trees' summed logits."""
    if not len(x):
        return np.zeros(0)
    logits = trees.predict(x)
    return np.asarray([1.0 / (1.0 + math.exp(-v)) for v in logits])


def trees_of(data: Any) -> Trees:
    names = tuple(str(n) for n in data["names"])
    if names != FEATURES:
        raise ValueError(f"{MODEL_FILE}: trained on other features; retrain it")
    return Trees(data["feature"], data["threshold"], data["left"], data["right"],
                 data["value"], data["roots"], float(data["base"]), float(data["cut"]), names)


SWITCH: Once[Trees | None] = Once(lambda: read_data(MODEL_FILE, trees_of))


def decode(page: Page, found: list[Found], windows_probs: list[tuple[Window, np.ndarray]],
           tagged: list[Tagged], foreign: Callable[[Found], bool] | None = None) -> list[Found]:
    """``decoder.decode``, then each kept content switched where the switch trees say so.
    ``foreign`` marks candidates whose source is not their cue's (``decoder.demote``)."""
    trees = decoder.model()
    if trees is None:
        raise RuntimeError(f"no decoder model ({decoder.MODEL_FILE})")
    options, scores = decoder.scored(page, found, windows_probs, tagged, trees)
    if not options:
        return []
    chosen = scores if foreign is None else decoder.demote(options, scores, trees.cut, foreign)
    kept = decoder.select(options, chosen, trees.cut)
    second = SWITCH.get()
    if second is None or not kept:
        return kept
    found_pairs = pairs(page.text, options, kept)
    if not found_pairs:
        return kept
    probs = probabilities(second, rows(page.text, options, scores, found_pairs))
    return choose(options, kept, found_pairs, probs, second.cut)
