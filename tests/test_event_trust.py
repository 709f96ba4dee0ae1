"""The trust features (``sayso.events.trust``): the grammar a reader of the news goes by."""

from __future__ import annotations

import pytest

from sayso.events import trust
from sayso.model import Event, Span


def _verb(nlp, text: str, word: str):  # type: ignore[no-untyped-def]
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "word", "tense"), [
    ("The ministers will meet in Geneva next week.", "meet", "future"),
    ("The senator has accused the governor of lying.", "accused", "perfect"),
    ("Rebels attacked the northern town on Monday.", "attacked", "past"),
    ("The governor would sign such a bill.", "sign", "modal"),
    ("The union is protesting against the cuts.", "protesting", "progressive"),
    ("Farmers protest against the cuts every spring.", "protest", "present"),
])
def test_tense_aspect_and_modality_of_the_trigger(nlp, text: str, word: str, tense: str) -> None:  # type: ignore[no-untyped-def]
    assert trust._tense(_verb(nlp, text, word)) == tense


@pytest.mark.parametrize(("text", "word", "kind"), [
    ("We condemn the attack on the embassy.", "condemn", "first_second"),
    ("They condemned the attack on the embassy.", "condemned", "pronoun"),
    ("Angela Merkel condemned the attack on the embassy.", "condemned", "person"),
    ("The committee condemned the attack on the embassy.", "condemned", "noun"),
])
def test_kind_of_subject(nlp, text: str, word: str, kind: str) -> None:  # type: ignore[no-untyped-def]
    assert trust._subject(_verb(nlp, text, word)) == kind


def test_a_trigger_inside_quotation_marks(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp('"We will crush them," the general said of the rebels.')
    sent = next(iter(doc.sents))
    crush = next(t for t in doc if t.text == "crush")
    said = next(t for t in doc if t.text == "said")
    assert trust._quoted(sent, crush.idx)
    assert not trust._quoted(sent, said.idx)


def test_features_match_their_names(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("In 2004 the rebels attacked the town, killing 12 percent of its people.")
    sent = next(iter(doc.sents))
    attacked = next(t for t in doc if t.text == "attacked")
    event = Event(id="e1", type="ASSAULT", trigger=Span([(attacked.idx, attacked.idx + len(attacked))], "attacked"))
    x = trust.features(sent, event, 1, [], "none", 0.5, dense=False)
    named = dict(zip(trust.names(), x.tolist(), strict=True))
    assert named["year"] == 1.0 and named["percent"] == 1.0 and named["lead"] == 1.0
    assert named["tense_past"] == 1.0 and named["cue_none"] == 1.0 and named["quad_3"] == 1.0
    assert named["detector_logit"] == pytest.approx(0.0)


def test_the_detector_trace_records_the_features(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import numpy as np

    from sayso.attributions import SENTENCE_STATES
    from sayso.attributions.tagger import HIDDEN_SIZE
    from sayso.events import detect, reader

    doc = nlp("Gunmen attacked the convoy. Troops will shell the town.")
    sents = list(doc.sents)
    doc.user_data[SENTENCE_STATES] = ([(s.start_char, s.end_char) for s in sents],
                                      np.zeros((len(sents), HIDDEN_SIZE), np.float32))
    events = [Event(id=f"e{n + 1}", type="ASSAULT", trigger=Span([(t.idx, t.idx + len(t))], t.text))
              for n, t in enumerate(t for t in doc if t.text in ("attacked", "shell"))]
    size = HIDDEN_SIZE + len(detect.RULE_FEATURES) + len(detect.CUE_CLASSES) + len(detect.CATEGORIES)
    zeros = np.zeros(size, np.float32)
    monkeypatch.setattr(reader.READER, "get", lambda: None)  # (the logistic model alone)
    monkeypatch.setattr(detect, "model", lambda: detect.Detector(zeros, np.ones(size, np.float32), zeros, 0.0, 0.5))
    monkeypatch.setattr(detect, "TRACE", [])
    assert detect.keep_reported(doc, events, []) == events  # (tracing keeps every sentence)
    assert detect.TRACE is not None and len(detect.TRACE) == 2
    first, second = (dict(zip(trust.names(), t["trust"], strict=True)) for t in detect.TRACE)
    assert len(detect.TRACE[0]["x"]) == size
    assert first["tense_past"] == 1.0 and first["lead"] == 1.0
    assert second["tense_future"] == 1.0 and second["lead"] == 0.0
