"""The shipped encoders' fused layer norms rewritten in memory (sayso.knowledge.unfuse)."""

from __future__ import annotations

import numpy as np
import pytest

from onnx_graphs import TAGGER, assert_close_logits, needs_tagger, ops
from sayso.knowledge import unfuse

_ops = ops


def _rest(model: bytes) -> list[bytes]:
    """Every field of the model and of its graph except the graph's nodes, as bytes."""
    out = []
    for number, _, raw, value in unfuse._fields(memoryview(model)):
        if number != unfuse.MODEL_GRAPH:
            out.append(bytes(raw))
            continue
        out.extend(bytes(r) for n, _, r, _ in unfuse._fields(value) if n != unfuse.GRAPH_NODE)
    return out


def test_a_model_without_fused_norms_comes_back_as_it_was() -> None:
    model = unfuse._key(1, unfuse.VARINT) + unfuse._varint(8)  # ir_version only
    assert unfuse.unfused(model) == (model, 0)


def test_negative_varint_is_ten_bytes_and_reads_back() -> None:
    raw = unfuse._varint(-1)
    assert len(raw) == 10
    assert unfuse._read_varint(memoryview(raw), 0) == ((1 << 64) - 1, 10)


@needs_tagger
def test_the_tagger_loses_its_twelve_fused_norms_and_nothing_else() -> None:
    model = TAGGER.read_bytes()
    new, count = unfuse.unfused(model)
    assert count == 12
    before, after = _ops(model), _ops(new)
    assert after[unfuse.FUSED] == 0
    assert after[b"LayerNormalization"] == before[b"LayerNormalization"] + 12
    assert after[b"Add"] == before[b"Add"] + 24
    assert _rest(new) == _rest(model)  # weights, inputs, outputs, opsets: byte for byte
    assert unfuse.unfused(new) == (new, 0)


@needs_tagger
def test_the_rewritten_tagger_runs_and_stays_close_to_the_fused_one() -> None:
    model = TAGGER.read_bytes()
    assert_close_logits(model, unfuse.unfused(model)[0], (False, True))


@needs_tagger
def test_with_gelu_the_tagger_loses_its_six_bias_gelus_too() -> None:
    model = TAGGER.read_bytes()
    plain, new = unfuse.unfused(model)[0], unfuse.unfused(model, gelu=True)
    assert new[1] == 12 + 6
    before, after = _ops(plain), _ops(new[0])
    assert after[unfuse.BIAS_GELU] == 0 and after[b"Gelu"] == 6
    assert after[b"Add"] == before[b"Add"] + 6
    assert _rest(new[0]) == _rest(model)


def test_a_bias_gelu_becomes_the_same_bits() -> None:
    onnx = pytest.importorskip("onnx")
    ort = pytest.importorskip("onnxruntime")
    from onnx import TensorProto, helper

    width = 16
    rng = np.random.default_rng(3)
    bias = helper.make_tensor("b", TensorProto.FLOAT, [width], rng.normal(0, 1, width))
    node = helper.make_node("BiasGelu", ["x", "b"], ["y"], domain="com.microsoft")
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 5, width])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 5, width])],
        [bias],
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    ).SerializeToString()
    assert unfuse.unfused(model) == (model, 0)  # (only when asked)
    new, count = unfuse.unfused(model, gelu=True)
    assert count == 1
    assert [n.op_type for n in onnx.load_from_string(new).graph.node] == ["Add", "Gelu"]
    feeds = {"x": rng.normal(0, 2, (1, 5, width)).astype(np.float32)}
    got = [
        ort.InferenceSession(
            m, providers=["CPUExecutionProvider"], disabled_optimizers=unfuse.DISABLED_OPTIMIZERS
        ).run(None, feeds)[0]
        for m in (model, new)
    ]
    assert np.array_equal(got[0], got[1])


def test_a_fused_norm_becomes_the_same_function() -> None:
    onnx = pytest.importorskip("onnx")  # (the train extra: builds the one-node model)
    ort = pytest.importorskip("onnxruntime")
    from onnx import TensorProto, helper

    width = 8
    rng = np.random.default_rng(0)
    weights = [
        helper.make_tensor(
            name, TensorProto.FLOAT, [width], rng.normal(0, 1, width).astype(np.float32)
        )
        for name in ("gamma", "beta", "bias")
    ]
    node = helper.make_node(
        "SkipLayerNormalization",
        ["x", "skip", "gamma", "beta", "bias"],
        ["y"],
        domain="com.microsoft",
        epsilon=1e-5,
    )
    graph = helper.make_graph(
        [node],
        "g",
        [helper.make_tensor_value_info(n, TensorProto.FLOAT, [1, 3, width]) for n in ("x", "skip")],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 3, width])],
        weights,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    )
    new, count = unfuse.unfused(model.SerializeToString())
    assert count == 1
    rebuilt = onnx.load_from_string(new)
    assert [n.op_type for n in rebuilt.graph.node] == ["Add", "Add", "LayerNormalization"]
    norm = rebuilt.graph.node[2]
    assert {a.name: helper.get_attribute_value(a) for a in norm.attribute} == {
        "axis": -1,
        "epsilon": node.attribute[0].f,
    }
    feeds = {n: rng.normal(0, 1, (1, 3, width)).astype(np.float32) for n in ("x", "skip")}
    x, skip = feeds["x"], feeds["skip"]
    gamma, beta, bias = (onnx.numpy_helper.to_array(w) for w in weights)
    summed = (x + skip) + bias
    want = (summed - summed.mean(-1, keepdims=True)) / np.sqrt(summed.var(-1, keepdims=True) + 1e-5)
    got = ort.InferenceSession(
        new, providers=["CPUExecutionProvider"], disabled_optimizers=unfuse.DISABLED_OPTIMIZERS
    ).run(None, feeds)[0]
    assert np.allclose(got, want * gamma + beta, atol=1e-5)


@needs_tagger
def test_a_view_of_the_map_outliving_the_rewrite_breaks_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Dask's workers sample their threads' frames, so views of the mapped model file can live
    # on after the rewrite; the loader must not close the map under them (BufferError).
    pytest.importorskip("onnxruntime")
    from sayso.knowledge import linear

    kept: list[memoryview] = []
    rewrite = linear.unfused

    def keeping(model, **options):  # type: ignore[no-untyped-def]
        kept.append(memoryview(model)[:16])
        return rewrite(model, **options)

    monkeypatch.setattr(linear, "unfused", keeping)
    session = linear.onnx_session(str(TAGGER), "SAYSO_TEST_THREADS", unfuse=True)
    assert session.get_inputs() and len(kept) == 1
    kept.clear()
