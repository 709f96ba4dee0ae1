"""Learned stance toward a claim's proposition: asserts, denies, questions or reports.

A multinomial logistic regression (numpy only at run time) over features of the cue, the
content, and the content *relative to its claim* (the claim's statement and the other
members): the cue lexicon's stance and the cue's class, negation in the cue ("did not
recommend"), rejection, doubt and report words in the content ("patently false", "no
evidence", "allegedly"), question form, hedges, whether the member's polarity differs from
the claim's, how many of the claim's members deny or are negated. It leaves "assert" only
when the probability of another label reaches a threshold chosen by cross-validation
grouped by claim. Trained on the gold's ``tune`` half by scripts/train_claims_stance.py
(``data/claims_stance.npz``, card ``data/claims_stance.md``); without that file the rules of
``sayso.claims.stance`` decide.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sayso.claims.stance import cue_stance, rejects, stance
from sayso.claims.text import is_hedged, is_negated, is_question, lexicon, phrase_hits, words
from sayso.knowledge.linear import Once, read_data

LABELS = ("assert", "deny", "question", "report")
MODEL_FILE = "claims_stance.npz"
# Cue classes of sayso/data/cue_classes.tsv that tell stances apart (the rest share a slot).
CUE_CLASSES = ("say", "claim", "deny", "dismiss", "reject", "oppose", "criticize", "question",
               "ask", "accuse", "report", "respond", "believe", "show", "announce", "admit")


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """What a member's stance is read against: the claim's statement and its other members."""

    negated: bool  # the claim's polarity (majority wording of its plain assertions)
    statement_denies: bool  # the statement's own cue denies or its content rejects
    size: int
    share_negated: float  # members whose content is negated
    share_denying: float  # members whose cue denies or whose content rejects


def denies(cue: str, cue_class: str | None, content: str) -> bool:
    return cue_stance(cue, cue_class) == "deny" or rejects(content)


def contexts(labels: Sequence[int], reps: dict[int, int], texts: Sequence[str],
             cues: Sequence[str], cue_classes: Sequence[str | None],
             negated: dict[int, bool]) -> dict[int, ClaimContext]:
    """Each claim's context (``negated``: ``assemble.claim_polarity``)."""
    count: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
    for k, label in enumerate(labels):
        c = count[label]
        c[0] += 1
        c[1] += is_negated(texts[k])
        c[2] += denies(cues[k], cue_classes[k], texts[k])
    out = {}
    for label, rep in reps.items():
        n, neg, den = count[label]
        out[label] = ClaimContext(negated[label], denies(cues[rep], cue_classes[rep], texts[rep]),
                                  n, neg / max(n, 1), den / max(n, 1))
    return out


FEATURES = (["bias"] + [f"cue_stance={s}" for s in LABELS] + [f"rules={s}" for s in LABELS]
            + [f"cue_class={c}" for c in (*CUE_CLASSES, "other")]
            + ["cue_negated", "cue_refuses", "negated", "question", "question_mark", "whether",
               "hedged", "rejects", "doubts", "reports", "claim_negated", "polarity_differs",
               "statement_denies", "is_statement", "log_size", "share_negated",
               "share_denying", "differs_and_plain"])


def features(cue: str, cue_class: str | None, content: str, claim: ClaimContext,
             is_statement: bool) -> np.ndarray:
    """One member's feature row (names in ``FEATURES``)."""
    lex = lexicon()
    base = cue_stance(cue, cue_class)
    negated = is_negated(content)
    toks = words(content)
    differs = negated != claim.negated
    rule = stance(cue, cue_class, content, negated)  # the rules' stance (no polarity flip)
    values = [1.0] + [float(base == s) for s in LABELS] + [float(rule == s) for s in LABELS]
    values += [float(cue_class == c) for c in CUE_CLASSES]
    values.append(float(cue_class not in CUE_CLASSES))
    values += [
        float(is_negated(cue)),
        float(phrase_hits(cue, lex.refusals)),
        float(negated),
        float(is_question(content)),
        float("?" in content),
        float(bool(toks) and toks[0] in lex.question_openers),
        float(is_hedged(content)),
        float(rejects(content)),
        float(phrase_hits(content, lex.doubts)),
        float(phrase_hits(content, lex.reports) or phrase_hits(cue, lex.reports)),
        float(claim.negated),
        float(differs),
        float(claim.statement_denies),
        float(is_statement),
        math.log(claim.size),
        claim.share_negated,
        claim.share_denying,
        float(differs and base == "assert" and not is_statement),
    ]
    return np.asarray(values, dtype=np.float32)


def rows(labels: Sequence[int], reps: dict[int, int], texts: Sequence[str],
         cues: Sequence[str], cue_classes: Sequence[str | None],
         negated: dict[int, bool]) -> np.ndarray:
    """Feature rows of every member of every claim (``negated``: ``assemble.claim_polarity``)."""
    ctx = contexts(labels, reps, texts, cues, cue_classes, negated)
    out = np.zeros((len(labels), len(FEATURES)), dtype=np.float32)
    for k, label in enumerate(labels):
        out[k] = features(cues[k], cue_classes[k], texts[k], ctx[label], reps[label] == k)
    return out


@dataclass(frozen=True, slots=True)
class StanceModel:
    weights: np.ndarray  # (features, labels)
    threshold: float  # a label other than "assert" needs this probability


def weights() -> StanceModel | None:
    """The shipped stance model, loaded once (``WEIGHTS``); None: none ships, the rules decide."""
    return WEIGHTS.get()


def _read(data: np.lib.npyio.NpzFile) -> StanceModel | None:
    w = np.asarray(data["weights"], dtype=np.float32)
    if w.shape != (len(FEATURES), len(LABELS)):
        return None  # weights of another feature set: the rules decide rather than guess
    return StanceModel(w, float(data["threshold"]))


WEIGHTS: Once[StanceModel | None] = Once(lambda: read_data(MODEL_FILE, _read))


def probabilities(rows: np.ndarray, w: np.ndarray) -> np.ndarray:
    logits = rows @ w
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def decide(p: np.ndarray, threshold: float) -> list[str]:
    """"assert" unless another label is at least ``threshold`` likely (then the likeliest)."""
    other = 1 + np.argmax(p[:, 1:], axis=1)
    confident = p[np.arange(len(p)), other] >= threshold
    return [LABELS[k] if ok else "assert" for k, ok in zip(other.tolist(), confident.tolist(),
                                                          strict=True)]


def predict(rows: np.ndarray, model: StanceModel) -> list[str]:
    if len(rows) == 0:
        return []
    return decide(probabilities(rows, model.weights), model.threshold)


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 3000, lr: float = 0.5,
        class_weight: np.ndarray | None = None) -> np.ndarray:
    """Multinomial logistic regression by full-batch gradient descent (small data)."""
    n, d = x.shape
    w = np.zeros((d, len(LABELS)), dtype=np.float64)
    onehot = np.eye(len(LABELS))[y]
    sample = class_weight[y] if class_weight is not None else np.ones(n)
    for _ in range(steps):
        p = probabilities(x, w)
        grad = x.T @ ((p - onehot) * sample[:, None]) / sample.sum() + l2 * w / n
        w -= lr * grad
    return w.astype(np.float32)
