"""From cluster labels to claims: representative statement, stances, repeats."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from sayso.claims.stance import AFFIRMING, cue_stance, rhetorical, stance
from sayso.claims.text import is_clausal, is_negated, is_question


def groups(labels: Sequence[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for idx, label in enumerate(labels):
        out[label].append(idx)
    return out


def representatives(labels: Sequence[int], texts: Sequence[str],
                    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
                    cues: Sequence[str] | None = None,
                    cue_classes: Sequence[str | None] | None = None) -> dict[int, int]:
    """Per cluster, the member most similar to the others (ties: an affirmative, shorter text).

    A plainly affirmative statement reads best as "the claim", so negated members only
    represent a cluster when they are clearly more central. With the cues, a member that
    rejects, doubts or relays the proposition ("called the claim patently false", "asked
    whether") never states the claim while another member affirms it: a rejection must not
    label, and so define, the claim it rejects.
    """
    centrality = np.zeros(len(labels), dtype=np.float64)
    lab = np.asarray(labels)
    i, j, s = edges
    same = lab[i] == lab[j]
    np.add.at(centrality, i[same], s[same])
    np.add.at(centrality, j[same], s[same])
    affirms = [True] * len(labels)
    if cues is not None and cue_classes is not None:
        affirms = [affirming(cues[k], cue_classes[k], texts[k]) for k in range(len(labels))]
    reps = {}
    for label, members in groups(labels).items():
        reps[label] = max(members, key=lambda k: (
            is_clausal(texts[k]),  # a full proposition labels a claim, never a noun phrase
            affirms[k],
            round(float(centrality[k]) - (0.5 if is_negated(texts[k]) else 0.0), 3), -len(texts[k]), -k))
    return reps


def affirming(cue: str, cue_class: str | None, content: str) -> bool:
    """Whether a statement affirms its content as worded, by the same rules as its stance
    (``stance.stance`` against its own wording): no denying, questioning or reporting cue,
    no rejection ("false", "no evidence"), no criticised position ("blasted his call for a
    ban"), and no question: a rhetorical one argues for its claim but does not state it."""
    return (stance(cue, cue_class, content, is_negated(content)) in AFFIRMING
            and not is_question(content) and not rhetorical(content))


def seeded_only(labels: Sequence[int], texts: Sequence[str]) -> list[int]:
    """Claims need a proposition to stand on: a group whose members are all noun phrases
    ("the minimum wage", "Hillary Clinton") is split back into single statements."""
    out = list(labels)
    spare = max(out, default=-1) + 1
    for members in groups(labels).values():
        if len(members) > 1 and not any(is_clausal(texts[k]) for k in members):
            for k in members[1:]:
                out[k] = spare
                spare += 1
    return out


def claim_polarity(labels: Sequence[int], reps: dict[int, int], texts: Sequence[str],
                   cues: Sequence[str], cue_classes: Sequence[str | None]) -> dict[int, bool]:
    """Whether each claim is stated negatively: the majority wording of plain assertions.

    A claim is what most of its sources affirm, so "Clinton is not qualified" said by
    five and "Clinton is qualified" by one makes the negative wording the claim.
    """
    votes: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for k, label in enumerate(labels):
        if cue_stance(cues[k], cue_classes[k]) == "assert" and not is_question(texts[k]):
            votes[label][int(is_negated(texts[k]))] += 1
    out = {}
    for label, rep in reps.items():
        plain, negated = votes[label]
        out[label] = is_negated(texts[rep]) if plain == negated else negated > plain
    return out


# Whether a plain assertion whose polarity differs from its claim's counts as a denial.
# Against predicted claims (which mix wordings) it does more harm than good on the
# issue-#15 gold, tune half: stance accuracy 0.759 with it, 0.799 without (macro-F1 0.458
# and 0.442; always-"assert" 0.765). Off until claims are built from propositions.
POLARITY_FLIPS = False


def stances(labels: Sequence[int], reps: dict[int, int], texts: Sequence[str],
            cues: Sequence[str], cue_classes: Sequence[str | None],
            learned: bool = True) -> list[str]:
    """Each member's stance toward its claim: the learned model (sayso.claims.stance_model)
    when its weights ship, else the rules."""
    from sayso.claims import stance_model

    negated = claim_polarity(labels, reps, texts, cues, cue_classes)
    model = stance_model.weights() if learned else None
    if model is not None and len(labels):
        return stance_model.predict(stance_model.rows(labels, reps, texts, cues, cue_classes,
                                                      negated), model)
    # Without POLARITY_FLIPS a member's own wording decides (claim_negated = its own
    # negation), so only its cue denies or questions.
    return [stance(cues[k], cue_classes[k], texts[k],
                   negated[labels[k]] if POLARITY_FLIPS else is_negated(texts[k]))
            for k in range(len(labels))]


def mark_repeats(labels: Sequence[int], member_stances: list[str], speakers: Sequence[str | None],
                 order: Sequence[tuple[str, int]]) -> list[str]:
    """An affirmation by a speaker who affirmed the same claim earlier becomes ``repeat``."""
    out = list(member_stances)
    seen: set[tuple[int, str]] = set()
    for k in sorted(range(len(labels)), key=lambda k: order[k]):
        speaker = (speakers[k] or "").strip().lower()
        if not speaker or out[k] not in AFFIRMING:
            continue
        key = (labels[k], speaker)
        if key in seen:
            out[k] = "repeat"
        seen.add(key)
    return out
