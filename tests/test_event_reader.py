"""The event detector's fine-tuned reader: its marked input and its use (issue #14.1)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import numpy as np
import pytest

from minilm import shipped_tokenizer
from sayso.events import detect, reader
from sayso.events.reader import CLOSE, OPEN, mark, marked_ids

tokenizers = pytest.importorskip("tokenizers")


def _tokenizer() -> Any:
    return shipped_tokenizer(reader.TOKENIZER_FILE)


def test_markers_wrap_trigger_source_and_target() -> None:
    tokenizer = _tokenizer()
    text = "Iran condemned the US decision."
    ids = marked_ids(tokenizer, text, {"trigger": [5, 14], "source": [0, 4], "target": [15, 21]})
    pieces = [tokenizer.id_to_token(i) for i in ids]
    assert pieces == ["[CLS]", "[unused1]", "iran", "[unused2]", "[unused5]", "condemned", "[unused6]",
                      "[unused3]", "the", "us", "[unused4]", "decision", ".", "[SEP]"]
    # An actor outside the sentence is not marked.
    ids = marked_ids(tokenizer, text, {"trigger": [5, 14], "source": None, "target": None})
    assert [tokenizer.id_to_token(i) for i in ids][1:4] == ["iran", "[unused5]", "condemned"]


def test_nested_spans_open_outer_first() -> None:
    ids = mark([10, 11, 12], [(0, 3), (4, 7), (8, 11)], {"trigger": [4, 7], "target": [0, 11]})
    assert ids[1:-1] == [OPEN["target"], 10, OPEN["trigger"], 11, CLOSE["trigger"], 12, CLOSE["target"]]


def test_long_sentences_are_cut_around_the_trigger() -> None:
    n = 400
    offsets = [(3 * k, 3 * k + 2) for k in range(n)]
    for at in (0, 200, 399):
        ids = mark(list(range(1000, 1000 + n)), offsets, {"trigger": [3 * at, 3 * at + 2]}, max_len=64)
        assert len(ids) == 64 and ids[0] == reader.CLS and ids[-1] == reader.SEP
        assert ids.count(OPEN["trigger"]) == 1 and ids.count(CLOSE["trigger"]) == 1


class _Fixed:
    """A reader stand-in: the same probability for every sentence."""

    def __init__(self, p: float, use: str, threshold: float = 0.5) -> None:
        self.p, self.use, self.threshold = p, use, threshold

    def probability(self, text: str, marks: Any) -> float:
        assert "trigger" in marks
        return self.p

    def logit(self, text: str, marks: Any) -> float:
        self.calls = getattr(self, "calls", 0) + 1
        return float(np.log(self.p / (1 - self.p)))


def test_the_reader_decides_alone_or_as_the_last_feature() -> None:
    x = np.zeros(3, dtype=np.float32)
    detector = detect.Detector(mean=np.zeros(4, dtype=np.float32), scale=np.ones(4, dtype=np.float32),
                               coef=np.array([0, 0, 0, 1], dtype=np.float32), bias=0.0, threshold=0.5)

    class _Sent:
        text = "Iran condemned the decision."
        start_char = 0
        end_char = 28

    sent: Any = _Sent()

    class _Event:
        class trigger:  # noqa: N801
            spans = [(5, 14)]
        source = target = None

    event: Any = _Event()
    fine: Any = _Fixed(0.8, "alone", threshold=0.9)
    assert not detect._reported(x, detector, fine, sent, event)
    fine = _Fixed(0.95, "alone", threshold=0.9)
    assert detect._reported(x, detector, fine, sent, event)
    # Stacked: the logit (+1.39 for 0.8, -1.39 for 0.2) is the detector's fourth feature.
    assert detect._reported(x, detector, _Fixed(0.8, "stacked"), sent, event)  # type: ignore[arg-type]
    assert not detect._reported(x, detector, _Fixed(0.2, "stacked"), sent, event)  # type: ignore[arg-type]
    # Where the other features decide whatever the reader says (within its bounds), it is not asked.
    sure: Any = _Fixed(0.2, "stacked")
    assert detect._reported(np.array([20, 0, 0], dtype=np.float32),
                            detect.Detector(mean=np.zeros(4, dtype=np.float32), scale=np.ones(4, dtype=np.float32),
                                            coef=np.array([1, 0, 0, 1], dtype=np.float32), bias=0.0, threshold=0.5),
                            sure, sent, event)
    assert getattr(sure, "calls", 0) == 0


def test_without_the_reader_the_shipped_detector_applies(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reader.READER, "get", lambda: None)
    detector, fine = detect.chosen()
    assert fine is None and detector is detect.model()


def test_shipped_reader_reads_events_and_statements() -> None:
    pytest.importorskip("onnxruntime")
    if not (resources.files("sayso") / "data" / reader.MODEL_FILE).is_file():
        pytest.skip("no events_reader.onnx shipped")
    model = reader.model()
    assert model is not None and 0.0 < model.threshold < 1.0
    event = model.probability("Russian forces shelled Ukrainian positions near Kharkiv.",
                              {"trigger": [15, 22], "source": [0, 14], "target": [23, 42]})
    # a forecast in a statement reports no event (0.96 against 0.002 for the shipped model)
    forecast = model.probability("Trump said the race will be tight in Ohio.",
                                 {"trigger": [11, 15], "source": [0, 5], "target": None})
    assert event > 0.5 > 0.1 > forecast


def test_model_cards_name_the_shipped_files() -> None:
    import hashlib

    data = resources.files("sayso") / "data"
    for model, card in ((reader.MODEL_FILE, "events_reader.md"),
                        (detect.STACKED_FILE, "events_detector_reader.md")):
        if not (data / model).is_file():
            pytest.skip(f"no {model} shipped")
        digest = hashlib.sha256((data / model).read_bytes()).hexdigest()
        assert digest in (data / card).read_text(encoding="utf-8")


def test_fast_mode_never_loads_the_reader(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    # --fast has no sentence states, so the detector and its 22 MB reader are never loaded.
    from sayso.model import Article
    from sayso.pipeline import process_one

    fresh: reader.Once[reader.Reader | None] = reader.Once(reader._load)
    monkeypatch.setattr(reader, "READER", fresh)
    text = "Russian troops shelled the Ukrainian town of Izium on Monday, officials said."
    result = process_one(Article("d", text, date="2022-03-01"), nlp, fast=True)
    assert result.events and not fresh._built
