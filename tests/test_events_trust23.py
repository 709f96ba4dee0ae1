"""The trust filter's cut rules compared leave-one-round-out (scripts/events_trust_cv.py loro;
twenty-third session, trust23): rounds pooled from their rounded numbers, fixed cuts, the pass
verdict. Made-up numbers only."""

from __future__ import annotations

from typing import Any

import pytest

from judged_sets import script

# events_trust_cv imports the PLV training script, which needs scikit-learn (the train extra).
pytest.importorskip(
    "sklearn", reason="the trust filter's script needs scikit-learn (pip install -e .[train])"
)

RECALL = "recall on judged positives (type)"


def module() -> Any:
    return script("events_trust_cv")


def numbers(
    matched: int, types: int, positives: int, found: int, events: int = 10
) -> dict[str, Any]:
    """A round's scorer output as ``events_judged.score`` rounds it, with the events count."""
    return {
        "matched": matched,
        "judged events": positives,
        "events": events,
        "event precision": round(matched / max(1, matched), 3),
        "type precision": round(types / max(1, matched), 3),
        "triple precision": round(types / 2 / max(1, matched), 3),
        RECALL: round(found / max(1, positives), 3),
        "recall on judged positives (any type)": round(found / max(1, positives), 3),
    }


def test_rounds_pool_their_counts_not_their_ratios() -> None:
    cv = module()
    per = {1: numbers(97, 61, 70, 47), 2: numbers(3, 1, 30, 29)}
    out = cv.pooled(per, [1, 2])
    assert out["matched"] == 100 and out["judged events"] == 100 and out["events"] == 20
    assert out["type precision"] == 62 / 100  # not the mean of 0.629 and 0.333
    assert out[RECALL] == 76 / 100


def test_a_fixed_rule_needs_no_fit_and_no_rows() -> None:
    cv = module()
    assert cv.rule_cut(cv.Rule(0.03, fixed=0.3), [], [], [], [], None) == 0.3
    assert "fixed" in cv.describe(cv.Rule(0.03, fixed=0.3), "1-12")
    assert "0.02" in cv.describe(cv.RULES["loss2"], "1-12")


def test_the_shipped_rule_is_among_those_compared() -> None:
    cv = module()
    assert cv.RULES["trust21"] == cv.Rule(0.03, loss=cv.RECALL_LOSS)
    assert all(r.c > 0 for r in cv.RULES.values())


def test_a_rule_that_loses_recall_on_one_late_round_does_not_pass() -> None:
    cv = module()
    rounds = [11, 12]
    plain = {11: numbers(50, 25, 50, 40), 12: numbers(50, 25, 50, 40)}
    steady = {
        11: {**numbers(48, 25, 50, 40), "cut": 0.2},
        12: {**numbers(48, 25, 50, 40), "cut": 0.2},
    }
    lossy = {
        11: {**numbers(40, 24, 50, 38), "cut": 0.4},
        12: {**numbers(48, 25, 50, 40), "cut": 0.4},
    }
    table = cv.loro_table({"detector alone": plain, "steady": steady, "lossy": lossy}, rounds)
    verdicts = {
        row.split(" | ")[0].lstrip("| "): row.rstrip(" |").split(" | ")[-1]
        for row in table.splitlines()[2:5]
    }
    assert verdicts == {"detector alone": "yes", "steady": "yes", "lossy": "no"}
