"""speed24: the events detector does not ask its reader about a sentence whose events a later
step drops whatever the detector says, and the output stays as it was. Sentences are our own."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from sayso.attributions import SENTENCE_STATES, tagger
from sayso.attributions.tagger import HIDDEN_SIZE
from sayso.events import detect, reader, trusted
from sayso.events import types as event_types
from sayso.model import Event
from sayso.model import Span as TextSpan

needs_tagger = pytest.mark.skipif(not tagger.available(), reason="attribution tagger not installed")


class _Reader:
    """A stacked reader that says yes and counts what it is asked about."""

    use = "stacked"
    threshold = 0.5

    def __init__(self) -> None:
        self.asked: list[str] = []

    def logit(self, text: str, marks: Any) -> float:
        self.asked.append(text)
        return 1.0


def _setup(nlp, monkeypatch, text: str) -> tuple[Any, list[Event], _Reader]:  # type: ignore[no-untyped-def]
    doc = nlp(text)
    sents = list(doc.sents)
    doc.user_data[SENTENCE_STATES] = (
        [(s.start_char, s.end_char) for s in sents],
        np.zeros((len(sents), HIDDEN_SIZE), np.float32),
    )
    events = [
        Event(
            id=f"e{n + 1}",
            type="ASSAULT",
            trigger=TextSpan(spans=[(s[1].idx, s[1].idx + len(s[1].text))], text=s[1].text),
        )
        for n, s in enumerate(sents)
    ]
    fine = _Reader()
    size = 4
    stacked = detect.Detector(
        np.zeros(size, np.float32), np.ones(size, np.float32), np.zeros(size, np.float32), 0.0, 0.5
    )
    monkeypatch.setattr(detect, "chosen", lambda: (stacked, fine))
    monkeypatch.setattr(detect, "features", lambda *a: np.zeros(size - 1, np.float32))
    # The verdict follows the reader's logit alone (the last feature): every sentence needs it.
    monkeypatch.setattr(detect, "probability", lambda x, d: 0.9 if x[-1] > 0 else 0.1)
    monkeypatch.setattr(trusted.FILTER, "get", lambda: None)
    return doc, events, fine


def test_the_reader_is_not_asked_where_the_events_go_later(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc, events, fine = _setup(
        nlp,
        monkeypatch,
        "Gunmen attacked the convoy. Rebels shelled the town. Troops raided the camp.",
    )
    kept = detect.keep_reported(doc, events, [])
    assert len(fine.asked) == 3 and [e.id for e in kept] == ["e1", "e2", "e3"]
    fine.asked.clear()
    asked_about: list[str] = []

    def later(event: Event) -> bool:
        asked_about.append(event.trigger.text)
        return event.trigger.text == "shelled"

    kept = detect.keep_reported(doc, events, [], later)
    # (the second sentence's verdict cannot change the output: no reader, its event goes now)
    assert [s.split()[0] for s in fine.asked] == ["Gunmen", "Troops"]
    assert [(e.id, e.trigger.text) for e in kept] == [("e1", "attacked"), ("e2", "raided")]
    assert sorted(asked_about) == ["attacked", "raided", "shelled"]  # (once per sentence)


def test_a_sentence_is_moot_only_where_all_its_events_go(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc, events, fine = _setup(
        nlp, monkeypatch, "Gunmen attacked the convoy and burned the trucks."
    )
    sent = next(doc.sents)
    burned = next(t for t in sent if t.text == "burned")
    events = [
        events[0],
        Event(
            id="e2",
            type="ASSAULT",
            trigger=TextSpan(spans=[(burned.idx, burned.idx + 6)], text="burned"),
        ),
    ]
    kept = detect.keep_reported(doc, events, [], lambda e: e.trigger.text == "burned")
    assert len(fine.asked) == 1 and len(kept) == 2
    fine.asked.clear()
    assert detect.keep_reported(doc, events, [], lambda e: True) == [] and fine.asked == []


def test_no_reader_no_question(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A verdict the detector reaches at both bounds of the reader's logit asks nothing more.
    doc, events, fine = _setup(
        nlp, monkeypatch, "Gunmen attacked the convoy. Rebels shelled the town."
    )
    monkeypatch.setattr(detect, "probability", lambda x, d: 0.9)
    asked: list[Event] = []
    kept = detect.keep_reported(doc, events, [], lambda e: asked.append(e) is None)
    assert len(kept) == 2 and asked == [] and fine.asked == []


class _Classifier:
    settings = event_types.Settings(**{key: 0.5 for key in event_types.SETTING_KEYS})

    def reading(self, ids: list[int]) -> Any:
        raise AssertionError("the classifier was asked")


def test_reads_says_when_retype_asks_the_classifier(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Gunmen attacked the convoy.")
    doc.user_data[SENTENCE_STATES] = ([(0, len(doc.text))], np.zeros((1, HIDDEN_SIZE), np.float32))
    monkeypatch.setattr(event_types.TYPES, "get", lambda: _Classifier())
    monkeypatch.setattr(event_types, "encoded", lambda d: True)
    trigger = TextSpan(spans=[(7, 15)], text="attacked")
    for confidence in (0.1, 0.9):
        for negated in (False, True):
            for chance in (None, 0.7):
                event = Event(
                    id="e1", type="ASSAULT", trigger=trigger, confidence=confidence, negated=negated
                )
                if event_types.reads(doc, event, chance):
                    continue
                # (where ``reads`` says no, retype decides without the classifier)
                added = {} if chance is None else {7: chance}
                event_types.retype(doc, [event], "d", added, set())


@needs_tagger
def test_the_default_output_is_the_same_with_and_without_the_shortcut(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import sayso.events as events_module
    from sayso.model import Article
    from sayso.pipeline import process_one

    # (with the models shipped at 1e4e890 the reader is asked 5 times here, 7 without the shortcut)
    text = (
        "The governor said on Tuesday that the state would sue the federal government over the new rules. "
        "A spokesman for the agency declined to comment on the lawsuit. "
        "Last year, the governor criticized the agency for delaying the funds. "
        "Voters in the state mostly support the lawsuit, according to a poll released Monday. "
        "The senator urged the president to veto the bill. "
        "Protesters rallied outside the capitol on Saturday. "
        "The mayor praised the police for their work, and the council thanked the firefighters. "
        "Officials said the talks with Mexico would resume next week. "
        "The minister threatened to expel the ambassador if the attacks continued. "
        "Critics accused the company of hiding the risks."
    )
    article = Article(doc_id="d", text=text, date="2024-02-27")
    asked: list[int] = []
    count = reader.Reader.logit

    def counted(self: reader.Reader, *a: Any) -> float:
        asked.append(1)
        return count(self, *a)

    monkeypatch.setattr(reader.Reader, "logit", counted)
    new = [e.to_dict() for e in process_one(article, nlp).events]
    with_shortcut = len(asked)
    monkeypatch.setattr(events_module, "_dropped_later", lambda *a: None)
    asked.clear()
    old = [e.to_dict() for e in process_one(article, nlp).events]
    assert new == old and with_shortcut <= len(asked)


def test_same_text_lists_the_tokens_of_that_text(nlp) -> None:  # type: ignore[no-untyped-def]
    from sayso.nlp import drop_index, same_text, tree_of

    doc = nlp("Ridgeway said Aden Ridgeway would run. Ridgeway's rival, ridgeway, declined.")
    for with_index in (False, True):
        if with_index:
            tree_of(doc)
        for token in doc:
            assert same_text(doc, token.i) == [t.i for t in doc if t.text == token.text]
    drop_index(doc)


def test_sentence_starts_are_the_sentences_first_tokens(nlp) -> None:  # type: ignore[no-untyped-def]
    from sayso.nlp import drop_index, sentence_starts, tree_of

    doc = nlp(
        "Rebels seized the airport. Police detained two reporters.\n\nTalks resumed on Monday."
    )
    assert sentence_starts(doc) == [s.start for s in doc.sents]
    tree_of(doc)
    assert sentence_starts(doc) == [s.start for s in doc.sents]
    assert sentence_starts(doc) is sentence_starts(doc)  # (read once while the index stands)
    drop_index(doc)
