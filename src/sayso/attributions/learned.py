"""A trained filter over the rule output: keep an attribution only when it looks like one.

The rules generate attributions; a logistic regression trained on PolNeAR train (by
``scripts/train_attributions.py``) scores each from cheap features of its cue word, spans
and quotation context, and those scoring below zero are dropped (the chosen probability
threshold is folded into the intercept). The model file ``attribution_filter.npz`` uses the
format of ``sayso.knowledge.linear``; without it every attribution is kept.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from sayso.attributions.direct import Found, Page
from sayso.attributions.spans import Range
from sayso.knowledge.linear import LinearModel, Once, load

MODEL_FILE = "attribution_filter.npz"
PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"})
# Children of the cue word that tell a reporting use from another sense.
TELLING_DEPS = frozenset({"ccomp", "xcomp", "dobj", "nsubj", "nsubjpass", "agent", "prep",
                          "mark", "neg", "aux", "auxpass", "dative", "advcl", "oprd"})

Features = dict[str, float]


FILTER: Once[LinearModel | None] = Once(lambda: load(MODEL_FILE))


def model() -> LinearModel | None:
    return FILTER.get()


def keep(page: Page, found: list[Found], quotes: list[Range]) -> list[Found]:
    scorer = model()
    if scorer is None or not found:
        return found
    out = []
    dropped = []
    for f, feats in zip(found, features(page, found, quotes), strict=True):
        if _owned_claim(page, f):
            out.append(f)
            continue
        value = scorer.score(feats)
        if value >= 0.0:
            out.append(f)
        else:
            dropped.append((f, value))
    page.filter_dropped = dropped  # for the learned decoder (its "filtered" candidates)
    return out


def score(page: Page, f: Found, starts: list[int], memo: dict[int, Features]) -> float:
    """The filter's decision value for one attribution (0 without the filter's file);
    ``starts``: the first character of each of ``page.quotes``; ``memo``: the features of
    each cue word, kept between calls for one page (the same values, summed in the same
    order)."""
    scorer = model()
    if scorer is None:
        return 0.0
    return scorer.score(_features(page, f, page.quotes, starts, memo))


def _owned_claim(page: Page, f: Found) -> bool:
    """"Lavrov's claim that ...": a reporting noun with its owner and a that-clause says
    who claims what in so many words; PolNeAR annotators mark about half of them, so the
    filter sits on the fence, but the issue's users want every one."""
    if not f.key.endswith("/NOUN") or not f.source or not f.content:
        return False
    s, e = f.content[0]
    return page.text[s:e].lower().startswith("that ")


def features(page: Page, found: list[Found], quotes: list[Range]) -> list[Features]:
    starts = [q[0] for q in quotes]
    return [_features(page, f, quotes, starts) for f in found]


def _bucket(n: int, top: int) -> str:
    return str(min(n, top))


def _words(text: str, ranges: list[Range]) -> list[str]:
    return [w for s, e in ranges for w in text[s:e].split()]


def _in_quote(r: Range, quotes: list[Range], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, r[0]) - 1
    return k >= 0 and quotes[k][0] <= r[0] and r[1] <= quotes[k][1]


def _token_feats(tok: Token, out: Features) -> None:
    lemma = tok.lemma_.lower()
    out[f"lemma={lemma}"] = 1.0
    out[f"dep={tok.dep_}"] = 1.0
    out[f"tag={tok.tag_}"] = 1.0
    out[f"lemma_tag={lemma}/{tok.tag_}"] = 1.0
    out[f"hdep={tok.head.dep_}"] = 1.0
    deps = sorted({c.dep_ for c in tok.children if c.dep_ in TELLING_DEPS})
    for dep in deps:
        out[f"child={dep}"] = 1.0
        out[f"lemma_child={lemma}/{dep}"] = 1.0
    out[f"frame={'+'.join(deps)}"] = 1.0
    sent = tok.sent
    out[f"sent_pos={_bucket(tok.i - sent.start, 6)}"] = 1.0
    out[f"sent_left={_bucket(sent.end - tok.i - 1, 6)}"] = 1.0


def _features(page: Page, f: Found, quotes: list[Range], starts: list[int],
              memo: dict[int, Features] | None = None) -> Features:
    text = page.text
    out: Features = {"bias_rule": 1.0, "precision": f.score, f"key={f.key}": 1.0,
                     f"kind={f.kind}": 1.0, f"cls={f.cls}": 1.0,
                     f"key_kind={f.key}/{f.kind}": 1.0, f"has_source={bool(f.source)}": 1.0}
    if 0 <= f.head < len(page.doc):
        if memo is None:
            _token_feats(page.doc[f.head], out)
        else:
            part = memo.get(f.head)
            if part is None:
                part = memo[f.head] = {}
                _token_feats(page.doc[f.head], part)
            out.update(part)
    cue_words = _words(text, f.cue)
    out[f"cue_len={_bucket(len(cue_words), 5)}"] = 1.0
    if len(cue_words) <= 3:
        out["cue=" + " ".join(cue_words).lower()] = 1.0
    out[f"cue_in_quote={_in_quote(f.cue[0], quotes, starts)}"] = 1.0
    src_words = _words(text, f.source)
    out[f"src_len={_bucket(len(src_words), 6)}"] = 1.0
    if src_words:
        first = src_words[0].lower()
        out[f"src_pron={first in PRONOUNS and len(src_words) == 1}"] = 1.0
        out[f"src_cap={src_words[0][:1].isupper()}"] = 1.0
        out[f"src_after={f.source[0][0] > f.cue[0][0]}"] = 1.0
    content_words = _words(text, f.content)
    out[f"content_len={_bucket(len(content_words).bit_length(), 8)}"] = 1.0
    out[f"content_spans={_bucket(len(f.content), 3)}"] = 1.0
    out[f"content_before={f.content[0][0] < f.cue[0][0]}"] = 1.0
    if content_words:
        out[f"content_first={content_words[0].lower()[:12]}"] = 1.0
    para = text.rfind("\n", 0, f.cue[0][0])
    out[f"para_cue_offset={_bucket((f.cue[0][0] - para).bit_length(), 10)}"] = 1.0
    return out
