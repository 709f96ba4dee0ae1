"""The shared encoder pass (tagger hidden states) and the learned event detector (issue #14.1)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pytest

from sayso.attributions import SENTENCE_STATES, extract_attributions, tagger
from sayso.attributions.tagger import HIDDEN_SIZE, Pooled
from sayso.attributions.windows import NO_OFFSET, Window
from sayso.events import detect, reader, trusted

ROOT = Path(__file__).resolve().parents[1]
needs_tagger = pytest.mark.skipif(not tagger.available(), reason="attribution tagger not installed")

TEXT = ("Senator Jane Hollis griped on Tuesday that the bridge would never be finished.\n"
        "\n"
        "The mayor said the budget was balanced. Critics disagreed.\n")


def test_pooled_means_the_pieces_of_each_range() -> None:
    window = Window([101, 7, 8, 9, 102], [NO_OFFSET, (0, 3), (4, 6), (10, 12), NO_OFFSET])
    states = np.arange(5 * HIDDEN_SIZE, dtype=np.float32).reshape(5, HIDDEN_SIZE)
    pooled = Pooled([(8, 20), (0, 7), (30, 40)])  # not in order; the last holds no piece
    pooled.add(window, states)
    vectors = pooled.vectors()
    assert np.allclose(vectors[1], states[1:3].mean(axis=0))
    assert np.allclose(vectors[0], states[3])
    assert not vectors[2].any()


@needs_tagger
def test_tag_pooled_gives_the_same_spans_as_tag() -> None:
    ranges = [(m.start(), m.end()) for m in re.finditer(r"[^.\n]+\.", TEXT)]
    tagged, vectors = tagger.tag_pooled(TEXT, ranges)
    assert tagged == tagger.tag(TEXT)
    assert vectors is not None and vectors.shape == (len(ranges), HIDDEN_SIZE)
    assert np.isfinite(vectors).all() and (np.abs(vectors).sum(axis=1) > 0).all()


@needs_tagger
def test_model_card_names_the_shipped_model() -> None:
    model = ROOT / "src" / "sayso" / "data" / tagger.MODEL_FILE
    card = (ROOT / "src" / "sayso" / "data" / "attribution_tagger.md").read_text(encoding="utf-8")
    assert hashlib.sha256(model.read_bytes()).hexdigest() in card
    assert tagger.has_states()


@needs_tagger
def test_the_default_mode_leaves_sentence_states_and_fast_none(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    extract_attributions(doc)
    states = detect.sentence_states(doc)
    assert states is not None and set(states) == {s.start_char for s in doc.sents}
    extract_attributions(doc, fast=True)  # a later --fast run on the same Doc drops them
    assert SENTENCE_STATES not in doc.user_data and detect.sentence_states(doc) is None


FLAGSHIP = ("Russian Foreign Minister Sergei Lavrov said French troops in Ukraine would be "
            "legitimate targets.")


def _events(nlp, text: str, fast: bool = False) -> list:  # type: ignore[no-untyped-def, type-arg]
    from sayso.model import Article
    from sayso.pipeline import process_one

    return process_one(Article(doc_id="d", text=text, date="2024-02-27"), nlp, fast=fast).events


def _detector(bias: float) -> detect.Detector:
    size = HIDDEN_SIZE + len(detect.RULE_FEATURES) + len(detect.CUE_CLASSES) + len(detect.CATEGORIES)
    return detect.Detector(np.zeros(size, np.float32), np.ones(size, np.float32),
                           np.zeros(size, np.float32), bias, 0.5)


@needs_tagger
def test_a_rejected_sentence_loses_its_events_and_fast_keeps_the_rules(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(reader.READER, "get", lambda: None)  # (the logistic model alone)
    monkeypatch.setattr(detect, "model", lambda: _detector(5.0))
    kept = _events(nlp, FLAGSHIP)
    assert [e.type for e in kept] == ["THREATEN"]
    monkeypatch.setattr(detect, "model", lambda: _detector(-5.0))
    assert _events(nlp, FLAGSHIP) == []
    # --fast: no encoder pass, no states, the rules' events whatever the detector says
    assert [e.to_dict() for e in _events(nlp, FLAGSHIP, fast=True)] == [e.to_dict() for e in kept]


def test_events_are_renumbered_after_a_drop(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sayso.model import Event
    from sayso.model import Span as TextSpan

    doc = nlp("Gunmen attacked the convoy. The match ended in a draw. Troops shelled the town.")
    sents = list(doc.sents)
    doc.user_data[SENTENCE_STATES] = ([(s.start_char, s.end_char) for s in sents],
                                      np.zeros((len(sents), HIDDEN_SIZE), np.float32))
    events = [Event(id=f"e{n + 1}", type="ASSAULT",
                    trigger=TextSpan(spans=[(s[1].idx, s[1].idx + len(s[1].text))], text=s[1].text))
              for n, s in enumerate(sents)]
    answers = iter([0.9, 0.1, 0.9])  # one verdict per sentence, in order
    monkeypatch.setattr(reader.READER, "get", lambda: None)  # (the logistic model alone)
    monkeypatch.setattr(detect, "model", lambda: _detector(0.0))
    monkeypatch.setattr(detect, "probability", lambda x, d: next(answers))
    kept = detect.keep_reported(doc, events, [])
    assert [(e.id, e.trigger.text) for e in kept] == [("e1", "attacked"), ("e2", "shelled")]


def test_a_document_built_on_quotes_needs_a_surer_detector(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typing import Any

    from sayso.model import Event
    from sayso.model import Span as TextSpan

    doc = nlp("Rebels seized the airport. Police detained two reporters.")
    sents = list(doc.sents)
    doc.user_data[SENTENCE_STATES] = ([(s.start_char, s.end_char) for s in sents],
                                      np.zeros((len(sents), HIDDEN_SIZE), np.float32))
    events = [Event(id=f"e{n + 1}", type="COERCE",
                    trigger=TextSpan(spans=[(s[1].idx, s[1].idx + len(s[1].text))], text=s[1].text))
              for n, s in enumerate(sents)]
    monkeypatch.setattr(reader.READER, "get", lambda: None)  # (the logistic model alone)
    monkeypatch.setattr(detect, "model", lambda: _detector(0.0))  # threshold 0.5
    monkeypatch.setattr(detect, "probability", lambda x, d: 0.7)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: None)  # (the detector alone: no filter)
    few: list[Any] = [object()] * (detect.DENSE_ATTRIBUTIONS - 1)
    many: list[Any] = [object()] * detect.DENSE_ATTRIBUTIONS
    assert detect.threshold_for(_detector(0.0), few) == 0.5
    assert detect.threshold_for(_detector(0.0), many) == detect.DENSE_FACTOR * 0.5
    # A short story keeps both events at 0.7; among many quotes 0.7 is below 2 x 0.5.
    assert len(detect.keep_reported(doc, events, few)) == 2
    assert detect.keep_reported(doc, events, many) == []


@needs_tagger
@pytest.mark.skipif(detect.model() is None, reason="no events_detector.npz")
def test_the_shipped_detector_keeps_a_plain_threat(nlp) -> None:  # type: ignore[no-untyped-def]
    assert [e.type for e in _events(nlp, FLAGSHIP)] == ["THREATEN"]


def test_labels_hold_no_text() -> None:
    path = ROOT / "tests" / "data" / "events_detector_labels.jsonl"
    import json

    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 600
    # (rows of the third batch on carry their batch: ``"batch": 3``)
    assert all(set(r) - {"batch"} == {"doc", "sentence", "sha", "rules_type", "event", "pattern"} for r in rows)
    assert all(r.get("batch", 3) >= 3 for r in rows[1051:]) and all("batch" not in r for r in rows[:1051])
    assert all((r["pattern"] is None) == r["event"] for r in rows)


@needs_tagger
def test_a_detector_for_other_states_is_not_applied(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    size = 7  # trained on states this tagger does not give
    other = detect.Detector(np.zeros(size, np.float32), np.ones(size, np.float32),
                            np.zeros(size, np.float32), -5.0, 0.5)
    monkeypatch.setattr(detect, "model", lambda: other)
    assert [e.type for e in _events(nlp, FLAGSHIP)] == ["THREATEN"]
