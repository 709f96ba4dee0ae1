"""Models run on one unpadded window per call ship without an attention mask
(scripts/export_neural.py ``drop_attention_mask``), and dropping it changes no output."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from sayso.attributions import tagger
from sayso.knowledge.linear import takes_mask

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_tagger_takes_only_piece_ids() -> None:
    if not tagger.available():
        pytest.skip("the tagger model or onnxruntime is not installed")
    session, _, _ = tagger.model()
    assert [i.name for i in session.get_inputs()] == ["input_ids"]
    assert not takes_mask(session)


def attention_graph(path: Path) -> None:
    """One attention head as torch exports it: scores + Where(mask, 0, -inf), softmax, NaN guard."""
    onnx = pytest.importorskip("onnx", reason="onnx belongs to the train extra")
    h = onnx.helper
    f, i64 = onnx.TensorProto.FLOAT, onnx.TensorProto.INT64
    nodes = [
        h.make_node("Transpose", ["x"], ["xt"], perm=[0, 2, 1]),
        h.make_node("MatMul", ["x", "xt"], ["scores"]),
        h.make_node("Cast", ["attention_mask"], ["keep"], to=onnx.TensorProto.BOOL),
        h.make_node("Unsqueeze", ["keep", "axis1"], ["keep3"]),
        h.make_node("Where", ["keep3", "zero", "minus_inf"], ["bias"]),
        h.make_node("Add", ["scores", "bias"], ["biased"]),
        h.make_node("Softmax", ["biased"], ["probs"], axis=-1),
        h.make_node("IsNaN", ["probs"], ["nan"]),
        h.make_node("Where", ["nan", "zero", "probs"], ["safe"]),
        h.make_node("MatMul", ["safe", "x"], ["y"]),
    ]
    inits = [h.make_tensor("axis1", i64, [1], [1]), h.make_tensor("zero", f, [], [0.0]),
             h.make_tensor("minus_inf", f, [], [float("-inf")])]
    graph = h.make_graph(nodes, "attention", [
        h.make_tensor_value_info("x", f, [1, "pieces", 4]),
        h.make_tensor_value_info("attention_mask", i64, [1, "pieces"])],
        [h.make_tensor_value_info("y", f, [1, "pieces", 4])], inits)
    model = h.make_model(graph, opset_imports=[h.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(path))


def test_dropping_the_mask_keeps_every_output_bit(tmp_path: Path) -> None:
    ort = pytest.importorskip("onnxruntime")
    path = tmp_path / "attention.onnx"
    attention_graph(path)
    x = np.random.default_rng(3).normal(size=(1, 7, 4)).astype(np.float32)
    before = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    assert takes_mask(before)
    expected = before.run(["y"], {"x": x, "attention_mask": np.ones((1, 7), dtype=np.int64)})[0]
    sys.path.insert(0, str(ROOT / "scripts"))
    from export_neural import drop_attention_mask

    assert drop_attention_mask(path)
    assert not drop_attention_mask(path)  # once only
    after = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    assert not takes_mask(after)
    assert np.array_equal(after.run(["y"], {"x": x})[0], expected)


def test_shipped_event_types_take_only_piece_ids() -> None:
    from sayso.events import types

    model = types.model()
    if model is None:
        pytest.skip("the event-type model or onnxruntime is not installed")
    assert not model.mask
    assert [i.name for i in model.session.get_inputs()] == ["input_ids"]
    probs, none = model.reading([101, 2023, 2003, 1037, 3231, 102])
    assert abs(float(probs.sum()) - 1.0) < 1e-5 and none == 0.0
