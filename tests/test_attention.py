"""The shipped encoders' attention chains as one MultiHeadAttention node each, rewritten in
memory (sayso.knowledge.attention)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import numpy as np
import pytest

from onnx_graphs import TAGGER, assert_close_logits, needs_tagger, ops
from sayso.knowledge import attention, unfuse

CHAIN_OPS = (b"Softmax", b"Transpose", b"Reshape", b"MatMul")


_ops = ops


def _rest(model: bytes) -> tuple[list[bytes], dict[bytes, bytes]]:
    """Every field of the model and of its graph except the graph's nodes and initializers, as
    bytes; and the initializers by name."""
    out, tensors = [], {}
    for number, _, raw, value in unfuse._fields(memoryview(model)):
        if number != unfuse.MODEL_GRAPH:
            out.append(bytes(raw))
            continue
        for n, _, r, v in unfuse._fields(value):
            if n == attention.GRAPH_INITIALIZER:
                tensors[attention._tensor(v)[0]] = bytes(r)
            elif n != unfuse.GRAPH_NODE:
                out.append(bytes(r))
    return out, tensors


def test_a_model_without_attention_comes_back_as_it_was() -> None:
    model = unfuse._key(1, unfuse.VARINT) + unfuse._varint(8)  # ir_version only
    assert attention.fused_attention(model) == (model, 0)


@needs_tagger
def test_the_tagger_gets_six_fused_attentions_and_keeps_its_projections() -> None:
    model = unfuse.unfused(TAGGER.read_bytes())[0]
    new, count = attention.fused_attention(model)
    assert count == 6
    before, after = _ops(model), _ops(new)
    assert after[attention.FUSED_OP] == 6
    assert all(after[op] == 0 for op in CHAIN_OPS)  # (the tagger's only ones are attention's)
    for op in (b"MatMulInteger", b"DynamicQuantizeLinear", b"LayerNormalization", b"BiasGelu"):
        assert after[op] == before[op]
    assert after[b"Mul"] == before[b"Mul"] - 12  # the two scalings of each layer
    (rest, tensors), (new_rest, new_tensors) = _rest(model), _rest(new)
    assert new_rest == rest  # inputs, outputs, opsets: byte for byte
    # Weights byte for byte; the only ones gone are the small constants of the dropped nodes
    # (scalings, head shapes, the shape nodes' axes).
    assert all(tensors[name] == raw for name, raw in new_tensors.items())
    gone = set(tensors) - set(new_tensors)
    assert gone and all(len(tensors[name]) < 200 for name in gone)
    assert attention.fused_attention(new) == (new, 0)


@needs_tagger
def test_the_rewritten_tagger_runs_and_stays_close() -> None:
    # Same function; the scale is applied to the products, not the operands.
    model = unfuse.unfused(TAGGER.read_bytes())[0]
    assert_close_logits(model, attention.fused_attention(model)[0], (True, True))


def _chain_model(
    heads: int, head: int, softmax_out: bool = False, key_perm: tuple[int, ...] = (0, 2, 3, 1)
) -> Any:
    """One exported attention chain over projected inputs (``Add(bias, x)``), as MiniLM's
    exporter writes it; ``softmax_out``: the probabilities are a graph output too;
    ``key_perm``: how the keys are transposed (the exporter's puts heads' pieces last)."""
    pytest.importorskip("onnx")  # (the train extra: builds the model)
    from onnx import TensorProto, helper, numpy_helper

    width = heads * head
    rng = np.random.default_rng(1)
    consts = {f"b{r}": rng.normal(0, 0.1, width).astype(np.float32) for r in "qkv"}
    consts["c"] = np.array(head**-0.25, dtype=np.float32)
    for name, value in (("b", 1), ("s", -1), ("m", -1), ("h", head)):
        consts[name] = np.array([value], dtype=np.int64)
    nodes = [helper.make_node("Add", [f"b{r}", r], [f"{r}p"]) for r in "qkv"]
    nodes.append(helper.make_node("Concat", ["b", "s", "m", "h"], ["shape4"], axis=0))
    nodes.append(helper.make_node("Concat", ["b", "s", "m"], ["shape3"], axis=0))
    perms = {"q": [0, 2, 1, 3], "k": list(key_perm), "v": [0, 2, 1, 3]}
    for r in "qkv":
        nodes.append(helper.make_node("Reshape", [f"{r}p", "shape4"], [f"{r}r"]))
        nodes.append(helper.make_node("Transpose", [f"{r}r"], [f"{r}t"], perm=perms[r]))
    nodes += [
        helper.make_node("Mul", ["qt", "c"], ["qs"]),
        helper.make_node("Mul", ["kt", "c"], ["ks"]),
        helper.make_node("MatMul", ["qs", "ks"], ["scores"]),
        helper.make_node("Softmax", ["scores"], ["probs"], axis=-1),
        helper.make_node("MatMul", ["probs", "vt"], ["mixed"]),
        helper.make_node("Transpose", ["mixed"], ["merged"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["merged", "shape3"], ["out"]),
    ]
    outputs = [helper.make_tensor_value_info("out", TensorProto.FLOAT, None)]
    if softmax_out:
        outputs.append(helper.make_tensor_value_info("probs", TensorProto.FLOAT, None))
    graph = helper.make_graph(
        nodes,
        "g",
        [helper.make_tensor_value_info(r, TensorProto.FLOAT, [1, None, width]) for r in "qkv"],
        outputs,
        [numpy_helper.from_array(v, n) for n, v in consts.items()],
    )
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    return helper.make_model(graph, opset_imports=opsets), consts


def test_an_attention_chain_becomes_the_same_function() -> None:
    ort = pytest.importorskip("onnxruntime")
    model, consts = _chain_model(heads=4, head=8)
    new, count = attention.fused_attention(model.SerializeToString())
    assert count == 1
    assert _ops(new) == Counter({b"Add": 3, attention.FUSED_OP: 1})  # shapes' Concats gone
    assert set(_rest(new)[1]) == {b"bq", b"bk", b"bv"}  # and the constants only they read
    rng = np.random.default_rng(2)
    feeds = {r: rng.normal(0, 1, (1, 5, 32)).astype(np.float32) for r in "qkv"}
    got = ort.InferenceSession(new, providers=["CPUExecutionProvider"]).run(None, feeds)[0]
    q, k, v = ((feeds[r] + consts[f"b{r}"]).reshape(5, 4, 8).transpose(1, 0, 2) for r in "qkv")
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(8)
    probs = np.exp(scores - scores.max(-1, keepdims=True))
    probs /= probs.sum(-1, keepdims=True)
    want = (probs @ v).transpose(1, 0, 2).reshape(1, 5, 32)
    assert np.allclose(got, want, atol=1e-5)


@pytest.mark.parametrize(
    "other", [{"softmax_out": True}, {"key_perm": (0, 2, 1, 3)}], ids=["read elsewhere", "perm"]
)
def test_a_chain_of_another_shape_is_left_alone(other: dict[str, Any]) -> None:
    # The probabilities also a graph output, or the keys not transposed for the product.
    model, _ = _chain_model(heads=2, head=4, **other)
    raw = model.SerializeToString()
    assert attention.fused_attention(raw) == (raw, 0)


@needs_tagger
def test_only_sessions_that_ask_get_the_fused_attention() -> None:
    # The tagger asks (its long windows gain); the reader and classifier keep their graph.
    ort = pytest.importorskip("onnxruntime")
    from sayso.knowledge import linear

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # (as the loader makes them)
    model = unfuse.unfused(TAGGER.read_bytes())[0]
    ids = {"input_ids": np.array([[101, *range(3000, 3040), 102]], dtype=np.int64)}
    want = []
    for graph in (model, attention.fused_attention(model)[0]):
        session = ort.InferenceSession(
            graph,
            options,
            providers=["CPUExecutionProvider"],
            disabled_optimizers=unfuse.DISABLED_OPTIMIZERS,
        )
        want.append(session.run(["logits"], ids)[0])
    for asks in (False, True):
        session = linear.onnx_session(str(TAGGER), "SAYSO_TEST_THREADS", True, attention=asks)
        assert np.array_equal(session.run(["logits"], ids)[0], want[asks])
