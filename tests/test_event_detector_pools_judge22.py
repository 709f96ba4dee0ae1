"""The event detector's pools keep judged articles that hold labels (twenty-second session,
judge22): only their labelled sentences are instances, and no judged sentence is among them."""

from __future__ import annotations

from typing import Any

import pytest

from judged_sets import script


def detector() -> Any:
    # the training script imports scikit-learn (the train extra): skip cleanly without it
    pytest.importorskip("sklearn", reason="the train extra (scikit-learn) is not installed")
    return script("train_event_detector")


def judged(doc: str, sentence: list[int]) -> dict[str, Any]:
    return {"doc_id": doc, "sentence": sentence, "window": [0, 10_000]}


def test_only_judged_articles_without_labels_are_left_out() -> None:
    module = detector()
    rows = [judged("a", [0, 50]), judged("b", [10, 40])]
    labels = [{"doc": "a", "sentence": [60, 90]}, {"doc": "c", "sentence": [0, 20]}]
    assert module.left_out(rows, labels) == {"b"}


def test_a_judged_sentence_is_never_clear_but_its_window_does_not_count() -> None:
    module = detector()
    seen = module.judged_sentences([judged("a", [100, 180])])
    assert not module.clear_of_judged("a", [150, 200], seen)
    assert module.clear_of_judged("a", [180, 260], seen)  # the next sentence
    assert module.clear_of_judged("a", [0, 99], seen)  # inside the (wide) window only
    assert module.clear_of_judged("b", [100, 180], seen)  # another article


def test_no_label_is_a_judged_sentence() -> None:
    module = detector()
    seen = module.judged_sentences()
    assert all(module.clear_of_judged(x["doc"], x["sentence"], seen) for x in module.labels())
