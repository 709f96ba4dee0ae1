"""Category and roles from the encoder: the learned pair model (issue #14, deliverable 2).

The rules choose one (source, target) pair per sentence and miss the pair PLV marks in about a
quarter of its items (docs/events.md, "Gaps"). The pair model reads every pair of the sentence's
candidate noun phrases (``features.candidate_indices``, the rules' own candidates) from the
attribution tagger's hidden states, summed per token in the default mode's one encoder pass
(``sayso.nlp.TOKEN_STATES``): the mean state of the source mention, of the target
mention, of the main verb and of the sentence, plus the rules' view of the pair (is it the pair
of the rules' event, its category and probability, the statement cue class, dependency labels,
entity types, actor codes, order, distance, negation, passive). Two standardised logistic models
(``events_pairs.npz``, trained by scripts/train_event_pairs.py):

- ``pair``: is this pair the source and target of an event the sentence reports?
- ``type``: its PLOVER category, from the same features and the rules' category model's
  probabilities for that pair (``events_type.npz`` over its frame features).

Used in the default mode only (``--fast`` has no states), before the detector, which then also
judges the sentences the pair model gave an event to: a sentence where the rules found no event
gets one for its likeliest pair when the pair model is at least ``add`` sure and the type model
at least ``type_min`` sure of its category; the rules' event
moves to another pair when the model is surer of that pair by ``rerole``; otherwise it is
re-typed when the type model is at least ``retype`` sure of another category and the rules' own
probability is below ``retype_below``. A model trained on another tagger (its sha256 is stored)
is skipped.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from sayso.events.detect import CATEGORIES, CUE_CLASSES
from sayso.events.extract import TYPES, core_code
from sayso.events.features import candidate_indices, frame_features
from sayso.events.frames import Frame, mention_span
from sayso.knowledge.linear import Once, read_data
from sayso.model import Event
from sayso.nlp import TOKEN_STATES, tree_of

MODEL_FILE = "events_pairs.npz"
TAGGER_FILE = "attribution_tagger.onnx"
# Candidates per sentence the pairs are formed from (in sentence order; speed on long sentences).
MAX_CANDIDATES = 12
DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "poss", "compound", "conj", "appos", "attr",
        "dative", "agent", "npadvmod")
ENTS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
RULE_NAMES = ("rules_pair", "rules_source", "rules_target", "rules_any", "rules_confidence",
              "rules_attributed")
SENTENCE_NAMES = ("negated", "passive")
PAIR_NAMES = ("source_first", "distance", "same_country", "adjacent_conjuncts")


def candidate_names() -> list[str]:
    return ([f"dep={d}" for d in (*DEPS, "other")] + [f"ent={e}" for e in (*ENTS, "none")]
            + ["pronoun", "country", "sector", "argument_of_root", "position"])


def hand_names() -> list[str]:
    """Names of the hand features of a pair, in order (the model card lists them)."""
    return [*RULE_NAMES, *(f"rules_type={c}" for c in CATEGORIES), *(f"cue={c}" for c in CUE_CLASSES),
            *SENTENCE_NAMES, *(f"s:{n}" for n in candidate_names()), *(f"t:{n}" for n in candidate_names()),
            *PAIR_NAMES]


@dataclass(frozen=True, slots=True)
class Linear:
    """Standardised logistic model: scores = ((x - mean) / scale) @ coef + bias."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (features, classes); one column for a binary model
    bias: np.ndarray

    def scores(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(((x - self.mean) / self.scale) @ self.coef + self.bias)


@dataclass(frozen=True, slots=True)
class PairModel:
    pair: Linear
    type: Linear
    classes: tuple[str, ...]
    add: float
    type_min: float
    rerole: float
    retype: float
    retype_below: float
    tagger_sha256: str


def _linear(data: Any, name: str) -> Linear:
    return Linear(data[f"{name}_mean"], data[f"{name}_scale"], data[f"{name}_coef"], data[f"{name}_bias"])


def _read(data: Any) -> PairModel:
    return PairModel(_linear(data, "pair"), _linear(data, "type"), tuple(str(c) for c in data["classes"]),
                     float(data["add"]), float(data["type_min"]), float(data["rerole"]), float(data["retype"]), float(data["retype_below"]),
                     str(data["tagger_sha256"]))


def tagger_sha256() -> str | None:
    """sha256 of the shipped attribution tagger (None without one)."""
    ref = resources.files("sayso.data").joinpath(TAGGER_FILE)
    if not ref.is_file():
        return None
    return hashlib.sha256(ref.read_bytes()).hexdigest()


def _load() -> PairModel | None:
    found = read_data(MODEL_FILE, _read)
    if found is None or found.tagger_sha256 != tagger_sha256():
        return None  # (trained on another tagger's states: they mean something else)
    return found


PAIRS: Once[PairModel | None] = Once(_load)


def model() -> PairModel | None:
    """The shipped pair model, loaded once; None when missing or trained on another tagger."""
    return PAIRS.get()


@dataclass(slots=True)
class Table:
    """A sentence's candidate pairs and their features."""

    cands: list[int]  # candidate head token indices
    spans: list[tuple[int, int]]  # their mentions' first and last token index
    pairs: list[tuple[int, int]]  # (source, target) positions in ``cands``
    states: np.ndarray  # (candidates, hidden): mean state of each mention
    verb: np.ndarray  # state of the main verb
    sentence: np.ndarray  # mean state of the sentence
    hand: np.ndarray  # (pairs, len(hand_names()))
    rules_pair: int | None  # index in ``pairs`` of the rules' event's pair


def token_states(doc: Doc) -> tuple[np.ndarray, np.ndarray] | None:
    """(state sums per token, word pieces per token) when the tagger ran on ``doc``."""
    found = doc.user_data.get(TOKEN_STATES)
    if found is None or len(found[1]) != len(doc):
        return None
    return found


def _mean(sums: np.ndarray, counts: np.ndarray, lo: int, hi: int) -> np.ndarray:
    return np.asarray(sums[lo:hi].sum(axis=0) / max(int(counts[lo:hi].sum()), 1), dtype=np.float32)


def _covers(spans: list[tuple[int, int]], char: int) -> bool:
    return any(s <= char < e for s, e in spans)


def table(sent: Span, root: Token, cue: str, rules: list[Event], date: str | None) -> Table | None:
    """The candidate pairs of ``sent`` with their features; ``rules``: the rules' events in it
    (the first is the one whose pair is marked); None without token states or two candidates."""
    doc = sent.doc
    found = token_states(doc)
    if found is None:
        return None
    sums, counts = found
    tree = tree_of(doc)
    cands = candidate_indices(tree, sent)[:MAX_CANDIDATES]
    if len(cands) < 2:
        return None
    spans = [mention_span(tree, c) for c in cands]
    pairs = [(a, b) for a in range(len(cands)) for b in range(len(cands))
             if a != b and not (spans[a][0] <= spans[b][1] and spans[b][0] <= spans[a][1])]
    if not pairs:
        return None
    states = np.stack([_mean(sums, counts, lo, hi + 1) for lo, hi in spans])
    codes = [core_code(doc[c], date) for c in cands]
    countries = [country for country, _ in codes]
    own = [_candidate(doc[c], n, len(cands), root, codes[n]) for n, c in enumerate(cands)]
    rule = rules[0] if rules else None
    src_hit = [rule is not None and rule.source is not None and _covers(rule.source.spans, doc[c].idx)
               for c in cands]
    tgt_hit = [rule is not None and rule.target is not None and _covers(rule.target.spans, doc[c].idx)
               for c in cands]
    common = np.array(_common(sent, root, cue, rule), dtype=np.float32)
    src = np.array([p[0] for p in pairs], dtype=np.int64)
    tgt = np.array([p[1] for p in pairs], dtype=np.int64)
    both = np.array(src_hit)[src] & np.array(tgt_hit)[tgt]
    hits = np.flatnonzero(both)
    rules_pair = int(hits[0]) if hits.size else None
    confidence = rule.confidence if rule is not None else 0.0
    attributed = float(rule is not None and rule.attribution_id is not None)
    rule_part = np.column_stack([both, np.array(src_hit)[src], np.array(tgt_hit)[tgt],
                                 np.full(len(pairs), float(rule is not None)), both * confidence,
                                 both * attributed]).astype(np.float32)
    kinds = np.array([float(rule is not None and rule.type == c) for c in CATEGORIES], dtype=np.float32)
    types = both[:, None] * kinds[None, :]
    own_rows = np.array(own, dtype=np.float32)
    heads = np.array(cands, dtype=np.int64)
    country_ids = [country or "" for country in countries]
    same = np.array([[bool(x) and x == y for y in country_ids] for x in country_ids], dtype=np.float32)
    conj_of = np.array([doc[c].head.i if doc[c].dep_ == "conj" else -1 for c in cands], dtype=np.int64)
    conj = (conj_of[None, :] == heads[:, None]).astype(np.float32)  # [a, b]: b is a's conjunct
    pair_part = np.column_stack([src < tgt, np.minimum(np.abs(heads[src] - heads[tgt]) / 10.0, 3.0),
                                 same[src, tgt], conj[src, tgt]]).astype(np.float32)
    hand = np.hstack([rule_part, types, np.broadcast_to(common, (len(pairs), common.size)),
                      own_rows[src], own_rows[tgt], pair_part]).astype(np.float32)
    verb = _mean(sums, counts, root.i, root.i + 1)
    sentence = _mean(sums, counts, sent.start, sent.end)
    return Table(cands, spans, pairs, states, verb, sentence, hand, rules_pair)


def _common(sent: Span, root: Token, cue: str, rule: Event | None) -> list[float]:
    """Features of the sentence shared by all its pairs: cue class, negation, passive."""
    cues = [float(cue == c) for c in CUE_CLASSES[:-1]] + [float(cue not in CUE_CLASSES[:-1])]
    negated = any(t.dep_ == "neg" for t in root.children) or bool(rule is not None and rule.negated)
    passive = any(t.dep_ in ("nsubjpass", "auxpass") for t in root.children)
    return [*cues, float(negated), float(passive)]


def _candidate(token: Token, n: int, total: int, root: Token,
               code: tuple[str | None, str | None]) -> list[float]:
    """Features of one candidate (``candidate_names`` order); ``code``: its core (country, sector)."""
    dep = token.dep_ if token.dep_ in DEPS else "other"
    ent = token.ent_type_ if token.ent_type_ in ENTS else "none"
    country, sector = code
    return [*(float(dep == d) for d in (*DEPS, "other")), *(float(ent == e) for e in (*ENTS, "none")),
            float(token.pos_ == "PRON"), float(country is not None), float(sector is not None),
            float(token.head.i == root.i), n / max(total - 1, 1)]


def matrix(t: Table) -> np.ndarray:
    """The pair model's input: one row per pair of ``t`` (training; run time scores by parts)."""
    return np.vstack([row(t, k) for k in range(len(t.pairs))]) if t.pairs else np.zeros((0, 0), np.float32)


def row(t: Table, k: int) -> np.ndarray:
    """The input of the ``k``-th pair of ``t``: source, target, verb and sentence states, hand features."""
    a, b = t.pairs[k]
    return np.concatenate([t.states[a], t.states[b], t.verb, t.sentence, t.hand[k]]).astype(np.float32)


def rules_type_probabilities(sent: Span, frame: Frame, source: Token, target: Token, cue: str | None) -> np.ndarray:
    """The rules' category model over the pair (``CATEGORIES`` order; zeros without it)."""
    types = TYPES.get()
    out = np.zeros(len(CATEGORIES), dtype=np.float32)
    if types is None:
        return out
    probs = types.probabilities(frame_features(sent, frame.chain, source, target, cue))
    for k, c in enumerate(CATEGORIES):
        out[k] = probs.get(c, 0.0)
    return out


def pair_probabilities(t: Table, m: PairModel) -> np.ndarray:
    """P(event) of every pair of ``t``, scored by parts (the standardisation folded into the
    weights; each candidate's state is weighed once, not once per pair)."""
    weights = m.pair.coef[:, 0] / m.pair.scale
    bias = float(m.pair.bias[0] - (m.pair.mean * weights).sum())
    size = t.states.shape[1]
    as_source = t.states @ weights[:size]
    as_target = t.states @ weights[size:2 * size]
    shared = float(t.verb @ weights[2 * size:3 * size] + t.sentence @ weights[3 * size:4 * size]) + bias
    src = np.array([p[0] for p in t.pairs], dtype=np.int64)
    tgt = np.array([p[1] for p in t.pairs], dtype=np.int64)
    z = as_source[src] + as_target[tgt] + t.hand @ weights[4 * size:] + shared
    return np.asarray(1.0 / (1.0 + np.exp(-z)))


def type_probabilities(x_row: np.ndarray, rules_probs: np.ndarray, m: PairModel) -> np.ndarray:
    z = m.type.scores(np.concatenate([x_row, rules_probs])[None, :])[0]
    e = np.exp(z - z.max())
    return np.asarray(e / e.sum())
