"""Sentence -> at most one PLOVER event: pick source and target, classify, flag.

Source and target are chosen among the sentence's noun phrases by two small linear rankers
(``events_source.npz``, ``events_target.npz``); the category by a linear classifier
(``events_type.npz``); all trained by ``scripts/train_events.py``. Where a model file is missing
the dependency rules of ``frames.py`` decide alone.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from sayso.actors.coding import code_tokens
from sayso.events import linear
from sayso.events.features import candidate_features, candidates, frame_features
from sayso.events.frames import Frame, frame_for, mention_tokens

# Below this probability the category is a guess and no event is reported.
MIN_TYPE_PROBABILITY = 0.12
# A source must look at least this likely (ranker decision value) to be an actor at all.
MIN_SOURCE_SCORE = -2.5


# Further targets: only coded actors the ranker finds nearly as likely as the best one.
MAX_TARGETS = 3
EXTRA_TARGET_SCORE = 99.0


@dataclass(slots=True)
class Found:
    frame: Frame
    source: Token | None
    target: Token | None
    type: str
    probability: float
    # Further recipients of the same act ("accused the US and Britain"), most likely first.
    more_targets: list[Token] = field(default_factory=list)


@lru_cache(maxsize=1)
def cue_events() -> dict[str, str]:
    """Attribution cue class -> PLOVER category of the statement itself (events_cues.tsv)."""
    text = resources.files("sayso.data").joinpath("events_cues.tsv").read_text(encoding="utf-8")
    rows = csv.reader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    return {row[0]: row[1] for row in rows if len(row) >= 2 and row[0] != "cue_class"}


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    text = resources.files("sayso.data").joinpath("events_speech.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _overlaps(a: list[Token], b: list[Token]) -> bool:
    return bool(a and b) and a[0].i <= b[-1].i and b[0].i <= a[-1].i


def coded(token: Token, date: str) -> tuple[str | None, str | None]:
    actor, _ = code_tokens(mention_tokens(token), date)
    return actor.country, actor.sector


def rank(sent: Span, root: Token, date: str = "2020-01-01") -> tuple[Token | None, list[tuple[float, Token]], float]:
    """Best source noun head of the sentence, target heads by score (best first), source score."""
    source_model = linear.load("events_source.npz")
    target_model = linear.load("events_target.npz")
    cands = candidates(sent)
    if source_model is None or target_model is None or not cands:
        return None, [], 0.0
    feats = [candidate_features(c, root, n, coded(c, date)) for n, c in enumerate(cands)]
    source_scores = [source_model.score(f) for f in feats]
    best = max(range(len(cands)), key=source_scores.__getitem__)
    source = cands[best]
    source_mention = mention_tokens(source)
    targets: list[tuple[float, Token]] = []
    for cand, feat in zip(cands, feats, strict=True):
        if not _overlaps(mention_tokens(cand), source_mention):
            targets.append((target_model.score(feat), cand))
    targets.sort(key=lambda item: -item[0])
    return source, targets, source_scores[best]


def classify(sent: Span, frame: Frame, source: Token | None, target: Token | None, cue: str | None) -> tuple[str, float]:
    model = linear.load("events_type.npz")
    direct = cue_events().get(cue or "")
    if model is None:
        return (direct, 0.6) if direct else ("", 0.0)
    probs = model.probabilities(frame_features(sent, frame.chain, source, target, cue))
    kind = max(probs, key=probs.__getitem__)
    if direct and probs.get(direct, 0.0) * 2 >= probs[kind]:
        # The statement's own verb ("threatened", "accused") outranks a close content reading.
        return direct, max(probs[direct], 0.5)
    return kind, probs[kind]


def find(sent: Span, cue: str | None = None, date: str = "2020-01-01") -> Found | None:
    root = sent.root
    frame = frame_for(root, speech_lemmas())
    source, targets, source_score = rank(sent, root, date)
    target = targets[0][1] if targets else None
    if source is None:
        source, target = frame.source, frame.target
    elif source_score < MIN_SOURCE_SCORE:
        return None
    if source is None:
        return None
    kind, probability = classify(sent, frame, source, target, cue)
    if not kind or probability < MIN_TYPE_PROBABILITY:
        return None
    more = [t for score, t in targets[1:MAX_TARGETS] if score >= EXTRA_TARGET_SCORE and coded(t, date)[0]]
    return Found(frame, source, target, kind, probability, more)
