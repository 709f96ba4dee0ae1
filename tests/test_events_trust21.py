"""The learned trust filter after the event detector (``sayso.events.trusted``; docs/events.md,
"The trust filter shipped (twenty-first session, trust21)"). Our own sentences only."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sayso.attributions import SENTENCE_STATES, tagger
from sayso.attributions.tagger import HIDDEN_SIZE
from sayso.events import detect, reader, trust, trusted
from sayso.model import Event, Span

ROOT = Path(__file__).resolve().parents[1]
needs_tagger = pytest.mark.skipif(not tagger.available(), reason="attribution tagger not installed")
RULES = len(detect.RULE_FEATURES) + len(detect.CUE_CLASSES) + len(detect.CATEGORIES)
SIZE = HIDDEN_SIZE + RULES
WIDTH = RULES + len(trust.names())


def _detector(bias: float) -> detect.Detector:
    zeros = np.zeros(SIZE, np.float32)
    return detect.Detector(zeros, np.ones(SIZE, np.float32), zeros, bias, 0.5)


def _filter(
    weights: dict[str, float], bias: float, *, dense_only: bool = False, width: int = WIDTH
) -> trusted.TrustFilter:
    """A filter whose weights sit on named trust features (mean 0, scale 1), cut 0.5."""
    coef = np.zeros(width)
    for name, w in weights.items():
        coef[RULES + trust.names().index(name)] = w
    return trusted.TrustFilter(
        np.zeros(width), np.ones(width), coef, bias, 0.5, HIDDEN_SIZE, dense_only
    )


def _two_sentences(nlp) -> tuple[Any, list[Event]]:  # type: ignore[no-untyped-def]
    """A past-tense act and a forecast, each with an event, and zero sentence states."""
    doc = nlp("Gunmen attacked the convoy. Troops will shell the town.")
    sents = list(doc.sents)
    doc.user_data[SENTENCE_STATES] = (
        [(s.start_char, s.end_char) for s in sents],
        np.zeros((len(sents), HIDDEN_SIZE), np.float32),
    )
    events = [
        Event(id=f"e{n + 1}", type="ASSAULT", trigger=Span([(t.idx, t.idx + len(t))], t.text))
        for n, t in enumerate(t for t in doc if t.text in ("attacked", "shell"))
    ]
    return doc, events


@pytest.fixture
def sure_detector(monkeypatch):  # type: ignore[no-untyped-def]
    """The logistic detector alone, sure of every sentence (p = sigmoid(5))."""
    monkeypatch.setattr(reader.READER, "get", lambda: None)
    monkeypatch.setattr(detect, "model", lambda: _detector(5.0))


def test_the_filter_drops_what_it_distrusts_after_the_detector(
    nlp, monkeypatch, sure_detector
) -> None:  # type: ignore[no-untyped-def]
    doc, events = _two_sentences(nlp)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: _filter({"tense_future": -10.0}, 2.0))
    kept = detect.keep_reported(doc, events, [])
    assert [(e.id, e.trigger.text) for e in kept] == [("e1", "attacked")]


def test_without_the_file_nothing_is_dropped(nlp, monkeypatch, sure_detector) -> None:  # type: ignore[no-untyped-def]
    doc, events = _two_sentences(nlp)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: None)
    assert detect.keep_reported(doc, events, []) == events


def test_a_filter_for_quote_heavy_documents_leaves_short_stories(
    nlp, monkeypatch, sure_detector
) -> None:  # type: ignore[no-untyped-def]
    doc, events = _two_sentences(nlp)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: _filter({}, -10.0, dense_only=True))
    few: list[Any] = [object()] * (detect.DENSE_ATTRIBUTIONS - 1)
    assert detect.keep_reported(doc, events, few) == events


def test_a_filter_of_another_width_is_not_applied(nlp, monkeypatch, sure_detector) -> None:  # type: ignore[no-untyped-def]
    doc, events = _two_sentences(nlp)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: _filter({}, -10.0, width=WIDTH + 3))
    assert detect.keep_reported(doc, events, []) == events


def test_tracing_keeps_every_sentence_whatever_the_filter(nlp, monkeypatch, sure_detector) -> None:  # type: ignore[no-untyped-def]
    doc, events = _two_sentences(nlp)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: _filter({}, -10.0))
    monkeypatch.setattr(detect, "TRACE", [])
    assert detect.keep_reported(doc, events, []) == events


def _events(nlp, text: str, fast: bool = False) -> list[Event]:  # type: ignore[no-untyped-def]
    from sayso.model import Article
    from sayso.pipeline import process_one

    return process_one(Article(doc_id="d", text=text, date="2024-02-27"), nlp, fast=fast).events


WIRE = "Rebels attacked a police station in the north of the country on Monday, killing three officers."


@needs_tagger
def test_fast_never_runs_the_filter(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    before = [e.to_dict() for e in _events(nlp, WIRE, fast=True)]
    assert before
    monkeypatch.setattr(trusted.FILTER, "get", lambda: _filter({}, -50.0))
    assert [e.to_dict() for e in _events(nlp, WIRE, fast=True)] == before


SHIPPED = trusted.model()
needs_filter = pytest.mark.skipif(SHIPPED is None, reason="no events_trust.npz")


@needs_filter
def test_the_shipped_filter_loads_and_its_card_names_it() -> None:
    assert SHIPPED is not None and SHIPPED.mean.shape == (WIDTH,) and 0.0 < SHIPPED.cut < 1.0
    data = ROOT / "src" / "sayso" / "data"
    card = (data / "events_trust.md").read_text(encoding="utf-8")
    assert hashlib.sha256((data / trusted.MODEL_FILE).read_bytes()).hexdigest() in card


# A document built on quotes (at least 8 attributions: where the shipped filter applies), our own.
QUOTES = " ".join(
    [
        '"The budget is a disgrace," the mayor said.',
        '"We need more buses," a council member said.',
        '"Taxes are too high," a shop owner said.',
        '"The roads are in bad shape," a driver said.',
        '"Our schools deserve better," a teacher said.',
        '"Crime is falling," the police chief said.',
        '"Parks need money too," a resident said.',
        '"I will vote against it," another council member said.',
    ]
)


def _last(nlp, sentence: str, fast: bool = False) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """The events of ``sentence`` placed after ``QUOTES``: (type, trigger)."""
    text = f"{QUOTES} {sentence}"
    return [
        (e.type, e.trigger.text)
        for e in _events(nlp, text, fast=fast)
        if e.trigger.spans[0][0] > len(QUOTES)
    ]


@needs_tagger
@needs_filter
def test_the_shipped_filter_keeps_wire_style_acts_among_quotes(nlp) -> None:  # type: ignore[no-untyped-def]
    assert _last(nlp, WIRE) == [("ASSAULT", "attacked")]
    assert _last(nlp, "Police arrested two men after the clashes in the capital on Friday.") == [
        ("COERCE", "arrested")
    ]


@needs_tagger
@needs_filter
def test_the_shipped_filter_drops_a_policy_vow_the_detector_kept(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A vow of policy with no counterpart (the judged set's "promise" class).
    vow = "The senator vowed to shut down private prisons."
    assert _last(nlp, vow) == []
    assert _last(nlp, vow, fast=True)  # (--fast: the rules' own event)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: None)
    assert [t for _, t in _last(nlp, vow)] == ["vowed"]


@needs_tagger
@needs_filter
def test_the_shipped_filter_leaves_short_stories(nlp) -> None:  # type: ignore[no-untyped-def]
    assert SHIPPED is not None and SHIPPED.dense_only
    assert [
        e.trigger.text for e in _events(nlp, "The senator vowed to shut down private prisons.")
    ] == ["vowed"]
