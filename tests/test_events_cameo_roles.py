"""scripts/events_cameo_roles.py: where a predicted event's source and target stand against the
gold S / T / R phrases, and which event of a sentence is scored (own offsets and sentences; no
model run, no shared file)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import events_cameo_roles as roles  # noqa: E402

# "Rebels attacked the town." : S "Rebels" 0-6, T "the town" 16-24.
GOLD = {"S": [[0, 6]], "T": [[16, 24]]}


def _event(
    source: list[list[int]] | None, target: list[list[int]] | None, country: str | None = "XXX"
) -> dict:
    def actor(spans: list[list[int]] | None) -> dict | None:
        return None if spans is None else {"spans": spans, "country": country}

    return {
        "type": "ASSAULT",
        "source": actor(source),
        "target": actor(target),
        "trigger": {"text": "attacked"},
    }


def test_roles_right_reversed_elsewhere_missing() -> None:
    assert roles.placed(_event([[0, 6]], [[16, 24]]), "source", GOLD) == "right"
    assert roles.placed(_event([[16, 24]], [[0, 6]]), "source", GOLD) == "reversed"
    assert roles.placed(_event([[16, 24]], [[0, 6]]), "target", GOLD) == "reversed"
    assert roles.placed(_event([[7, 15]], None), "source", GOLD) == "elsewhere"
    assert roles.placed(_event([[0, 6]], None), "target", GOLD) == "missing"


def test_a_reciprocal_phrase_counts_for_either_role() -> None:
    gold = {"R": [[0, 14]]}
    assert roles.placed(_event([[0, 4]], [[9, 14]]), "source", gold) == "right"
    assert roles.placed(_event([[0, 4]], [[9, 14]]), "target", gold) == "right"


def test_the_best_matching_event_is_scored_first_of_equals() -> None:
    wrong, right = _event([[16, 24]], [[0, 6]]), _event([[0, 6]], [[16, 24]])
    assert roles.best_event([wrong, right], GOLD) is right
    first, second = _event([[7, 15]], None), _event([[8, 15]], None)
    assert roles.best_event([first, second], GOLD) is first
    assert roles.best_event([], GOLD) is None


def test_summary_counts_sentences_without_events_in_recall_only() -> None:
    rows = [{"id": "a", "spans": GOLD}, {"id": "b", "spans": GOLD}]
    outcomes = [
        roles.outcome(rows[0], [_event([[0, 6]], [[16, 24]], None)]),
        roles.outcome(rows[1], []),
    ]
    out = roles.summary(outcomes)
    assert out["with_event"] == 1
    assert (
        out["source"]["right"] == 1
        and out["source"]["right_rate"] == 1.0
        and out["source"]["recall"] == 0.5
    )
    assert out["source"]["uncoded"] == 1
    assert out["both"]["right"] == 1 and out["both"]["recall"] == 0.5
