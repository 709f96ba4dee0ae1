"""The fine-tuned event-type classifier's input (entity markers) and its fusion (issue #14.2)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from minilm import shipped_tokenizer
from sayso.events import types
from sayso.events.types import (
    SOURCE_CLOSE,
    SOURCE_OPEN,
    TARGET_CLOSE,
    TARGET_OPEN,
    mark,
    marked_ids,
)

tokenizers = pytest.importorskip("tokenizers")


def _tokenizer() -> Any:
    return shipped_tokenizer(types.TOKENIZER_FILE)


def test_markers_wrap_the_two_mentions() -> None:
    tokenizer = _tokenizer()
    text = "Iran condemned the US decision."
    ids = marked_ids(tokenizer, text, (0, 4), (15, 21))
    pieces = [tokenizer.id_to_token(i) for i in ids]
    assert pieces == ["[CLS]", "[unused1]", "iran", "[unused2]", "condemned", "[unused3]", "the", "us",
                      "[unused4]", "decision", ".", "[SEP]"]


def test_nested_spans_open_outer_first() -> None:
    # Target inside the source phrase: the outer marker opens first and closes last.
    ids = mark([10, 11, 12], [(0, 3), (4, 7), (8, 11)], (0, 11), (4, 7))
    assert ids[1:-1] == [SOURCE_OPEN, 10, TARGET_OPEN, 11, TARGET_CLOSE, 12, SOURCE_CLOSE]


def test_long_sentences_are_cut_around_the_pair() -> None:
    n = 400
    offsets = [(3 * k, 3 * k + 2) for k in range(n)]
    ids = mark(list(range(1000, 1000 + n)), offsets, (3 * 300, 3 * 300 + 2), (3 * 310, 3 * 310 + 2),
               max_len=64)
    assert len(ids) == 64
    for marker in (SOURCE_OPEN, SOURCE_CLOSE, TARGET_OPEN, TARGET_CLOSE):
        assert ids.count(marker) == 1
    # A pair further apart than the window keeps both opening markers.
    ids = mark(list(range(1000, 1000 + n)), offsets, (0, 2), (3 * 399, 3 * 399 + 2), max_len=64)
    assert len(ids) == 64 and SOURCE_OPEN in ids and TARGET_OPEN in ids


def test_fast_mode_keeps_the_rules_types(nlp: Any) -> None:
    from sayso.model import Article
    from sayso.pipeline import analyse

    text = "Russia attacked Ukrainian positions near Kharkiv on Monday."
    doc = nlp(text)
    found = analyse(doc, Article(doc_id="t", text=text))
    # No encoder pass on this doc (no token states): the classifier is never asked.
    assert types.retype(doc, found.events, "t") == found.events


class _Session:
    """Stands in for onnxruntime: always the same logits."""

    def __init__(self, label: str, logit: float) -> None:
        self.logits = [[0.0] * len(types.LABELS)]
        self.logits[0][types.LABELS.index(label)] = logit

    def run(self, _outputs: Any, _feeds: Any) -> Any:
        import numpy as np

        return [np.array(self.logits)]


def _event(nlp: Any, text: str, kind: str, confidence: float) -> tuple[Any, Any]:
    from sayso.model import Actor, Event
    from sayso.model import Span as TextSpan

    doc = nlp(text)
    first, last = doc[0], doc[-2]
    verb = doc[1]
    event = Event(id="e1", type=kind,
                  source=Actor(name=first.text, country="ISR", spans=[(first.idx, first.idx + len(first))]),
                  target=Actor(name=last.text, country="PSE", spans=[(last.idx, last.idx + len(last))]),
                  trigger=TextSpan(spans=[(verb.idx, verb.idx + len(verb))], text=verb.text),
                  confidence=confidence)
    return doc, event


def test_fusion_rules(nlp: Any) -> None:
    tokenizer = _tokenizer()
    settings = types.Settings(sure=0.7, rules_below=0.7, add=0.5, add_sure=0.5, ruled_sure=0.9)
    sure = types.TypeModel(_Session("ASSAULT", 6.0), tokenizer, settings)   # p about 0.96
    unsure = types.TypeModel(_Session("ASSAULT", 3.0), tokenizer, settings)  # p about 0.59
    doc, event = _event(nlp, "Israel shelled Gaza .", "ACCUSE", 0.5)
    assert types._retyped(doc, event, sure, "d", None, False).type == "ASSAULT"
    assert types._retyped(doc, event, unsure, "d", None, False).type == "ACCUSE"
    # The rules sure of their own category, or a rule that decided it and a classifier below
    # ruled_sure: kept.
    assert types._retyped(doc, replace(event, confidence=0.8), sure, "d", None, False).type == "ACCUSE"
    assert types._retyped(doc, event, types.TypeModel(_Session("ASSAULT", 4.0), tokenizer, settings),
                          "d", None, True).type == "ACCUSE"
    # The manual's SANCTION is never PLV's COERCE, nor its COERCE (a capture) PLV's ASSAULT.
    coerce = types.TypeModel(_Session("COERCE", 6.0), tokenizer, settings)
    assert types._retyped(doc, replace(event, type="SANCTION"), coerce, "d", None, False).type == "SANCTION"
    assert types._retyped(doc, replace(event, type="COERCE"), sure, "d", None, False).type == "COERCE"
    # Negation is a flag: a negated act keeps its category. A target that is no coded actor: kept.
    assert types._retyped(doc, replace(event, negated=True), sure, "d", None, False).type == "ACCUSE"
    assert event.target is not None
    uncoded = replace(event, target=replace(event.target, country=None))
    assert types._retyped(doc, uncoded, sure, "d", None, False).type == "ACCUSE"
    # An event the pair model added takes the classifier's category, or goes.
    assert types._retyped(doc, event, sure, "d", 0.9, False).type == "ASSAULT"
    assert types._retyped(doc, event, sure, "d", 0.3, False) is None
    assert types._retyped(doc, event, types.TypeModel(_Session("ASSAULT", -1.0), tokenizer, settings),
                          "d", 0.9, False) is None


class _PairSession(_Session):
    """With the no-relation head: its logit is ``forward`` when the source is marked first,
    ``backward`` when the target is."""

    def __init__(self, label: str, logit: float, forward: float, backward: float) -> None:
        super().__init__(label, logit)
        self.forward, self.backward = forward, backward

    def run(self, _outputs: Any, feeds: Any) -> Any:
        import numpy as np

        ids = list(feeds["input_ids"][0])
        none = self.forward if ids.index(SOURCE_OPEN) < ids.index(TARGET_OPEN) else self.backward
        return [np.array([[*self.logits[0], none]])]


def test_no_relation_head(nlp: Any) -> None:
    tokenizer = _tokenizer()
    settings = types.Settings(sure=0.7, rules_below=0.7, add=0.5, add_sure=0.5, swap=0.7, veto=0.9)
    doc, event = _event(nlp, "Israel shelled Gaza .", "ASSAULT", 0.5)
    # A model without the head reads no "no relation".
    assert types.TypeModel(_Session("ASSAULT", 6.0), tokenizer, settings).reading([101, 2, 3, 4, 5, 102])[1] == 0.0
    # The pair read as given is no relation, the reversed one is: the roles swap.
    backwards = types.TypeModel(_PairSession("ASSAULT", 6.0, 3.0, -3.0), tokenizer, settings)
    found = types._retyped(doc, event, backwards, "d", None, False)
    assert found is not None and event.source is not None and event.target is not None
    assert found.source == event.target and found.target == event.source and found.type == "ASSAULT"
    # Neither way a relation: the event goes; a relation as given: kept as it is.
    neither = types.TypeModel(_PairSession("ASSAULT", 6.0, 3.0, 3.0), tokenizer, settings)
    assert types._retyped(doc, event, neither, "d", None, False) is None
    forwards = types.TypeModel(_PairSession("ASSAULT", 6.0, -3.0, 3.0), tokenizer, settings)
    assert types._retyped(doc, event, forwards, "d", None, False) == event
    # Off (the shipped settings): nothing moves or goes.
    off = replace(settings, swap=2.0, veto=2.0)
    assert types._retyped(doc, event, types.TypeModel(_PairSession("ASSAULT", 6.0, 3.0, 3.0), tokenizer, off),
                          "d", None, False) is not None


def test_shipped_model_reads_the_pair() -> None:
    from importlib import resources

    pytest.importorskip("onnxruntime")
    if not (resources.files("sayso") / "data" / types.MODEL_FILE).is_file():
        pytest.skip("no events_types.onnx shipped")
    model = types.model()
    assert model is not None and model.settings.sure <= 1.0
    text = "Russian forces shelled Ukrainian positions near Kharkiv."
    probs = model.probabilities(marked_ids(model.tokenizer, text, (0, 14), (23, 42)))
    assert types.LABELS[int(probs.argmax())] == "ASSAULT"
    text = "The United Nations urged Myanmar to release political prisoners."
    probs = model.probabilities(marked_ids(model.tokenizer, text, (0, 18), (25, 32)))
    assert types.LABELS[int(probs.argmax())] == "REQUEST"
