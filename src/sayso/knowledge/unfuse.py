"""The shipped encoders' ``SkipLayerNormalization`` nodes as ``Add`` + ``Add`` +
``LayerNormalization``, rewritten in memory when a session is made (docs/speed.md, twentieth
session).

onnxruntime's CPU kernel for the fused node (com.microsoft ``SkipLayerNormalization``, 1.32)
sums each row's mean and square one element after the other in scalar code; on a 256-piece
window of the 384-wide MiniLM it takes about 0.45 ms, the standard ``LayerNormalization``
kernel with two vectorised ``Add`` about 0.085 ms. The twelve fused nodes were a quarter of the
tagger's onnxruntime time on an AVX-512 Xeon. The three nodes compute the same function
(``(input + skip) + bias``, then layer normalisation over the last axis with the same epsilon
and weights); the mean and variance are summed in another order, so the states differ in
their last bits, and int8 dynamic quantisation of the next projection can turn that into
small changes of a tag probability (measured on the quality sets: docs/speed.md).

With ``gelu`` the com.microsoft ``BiasGelu`` nodes go too, as ``Add`` + com.microsoft
``Gelu``: the same sums and the same erf, so the same bits (every output of the three encoders
on their recorded dev inputs), and 2-5% of each encoder's time faster (twenty-first session).

The model files stay as shipped (their sha256 is what other models record). The rewrite works
on the protobuf wire format directly, because the ``onnx`` package is not a run-time
dependency: only the graph's node list is decoded; every other field (weights included) is
copied as bytes. The session must be made with ``SkipLayerNormFusion`` and ``BiasGeluFusion``
disabled, or onnxruntime fuses the nodes back (``DISABLED_OPTIMIZERS``).
"""

from __future__ import annotations

import mmap
from collections.abc import Callable

DISABLED_OPTIMIZERS = ["SkipLayerNormFusion", "BiasGeluFusion"]
FUSED = b"SkipLayerNormalization"
BIAS_GELU = b"BiasGelu"
MS_DOMAIN = b"com.microsoft"
# Protobuf wire types and the field numbers of onnx.proto used here.
VARINT, FIXED64, BYTES, FIXED32 = 0, 1, 2, 5
MODEL_GRAPH = 7
GRAPH_NODE = 1
NODE_INPUT, NODE_OUTPUT, NODE_NAME, NODE_OP, NODE_ATTRIBUTE, NODE_DOMAIN = 1, 2, 3, 4, 5, 7
ATTR_NAME, ATTR_F, ATTR_I, ATTR_TYPE = 1, 2, 3, 20
ATTR_FLOAT, ATTR_INT = 1, 2

# (number, wire type, raw bytes of key + value, value): views into the message, not copies
# (a model is 17-23 MB, nearly all of it weights that are copied once, into the result).
Field = tuple[int, int, memoryview, memoryview]


def unfused(model: bytes | mmap.mmap, gelu: bool = False) -> tuple[bytes, int]:
    """``model`` (a serialised ONNX ModelProto) with each fused layer norm rewritten, and how
    many nodes were; the bytes unchanged when there is none. ``gelu``: each ``BiasGelu`` too,
    as ``Add`` + com.microsoft ``Gelu`` (the same bits, about a fifth faster: docs/speed.md,
    twenty-first session). The result is joined once from views of ``model`` (no growing
    buffer: a session's peak memory stays as it was)."""
    return rewrite_graph(model, lambda graph: _graph(graph, gelu))


def rewrite_graph(
    model: bytes | mmap.mmap,
    rewrite: Callable[[memoryview], tuple[list[bytes | memoryview], int]],
) -> tuple[bytes, int]:
    """``model`` (a serialised ONNX ModelProto) with its graph's fields as ``rewrite`` returns
    them, and how many nodes it rewrote; the bytes unchanged when none. Every other field is
    copied as it is (shared by ``knowledge.attention``)."""
    pieces: list[bytes | memoryview] = []
    count = 0
    for number, wire, raw, value in _fields(memoryview(model)):
        if number == MODEL_GRAPH and wire == BYTES:
            graph, count = rewrite(value)
            size = sum(len(piece) for piece in graph)
            pieces += [_key(number, BYTES), _varint(size), *graph]
        else:
            pieces.append(raw)
    if not count:
        return (model if isinstance(model, bytes) else bytes(model)), 0
    return b"".join(pieces), count


def _graph(graph: memoryview, gelu: bool) -> tuple[list[bytes | memoryview], int]:
    """The graph's fields, each fused node replaced by the nodes it stands for."""
    pieces: list[bytes | memoryview] = []
    count = 0
    for number, wire, raw, value in _fields(graph):
        nodes = _split(value, gelu) if number == GRAPH_NODE and wire == BYTES else None
        if nodes is None:
            pieces.append(raw)
            continue
        count += 1
        for node in nodes:
            pieces += [_key(GRAPH_NODE, BYTES), _varint(len(node)), node]
    return pieces, count


def _split(node: memoryview, gelu: bool = False) -> list[bytes] | None:
    """The three nodes standing for a fused layer norm with a bias and one output (with
    ``gelu``, the two for a ``BiasGelu``); None for any other node (left as it is)."""
    fields = [(n, w, bytes(v)) for n, w, _, v in _fields(node)]
    op = [v for n, w, v in fields if n == NODE_OP and w == BYTES]
    domain = [v for n, w, v in fields if n == NODE_DOMAIN and w == BYTES]
    if domain != [MS_DOMAIN] or op not in ([FUSED], [BIAS_GELU] if gelu else [FUSED]):
        return None
    inputs = [v for n, w, v in fields if n == NODE_INPUT and w == BYTES]
    outputs = [v for n, w, v in fields if n == NODE_OUTPUT and w == BYTES]
    names = [v for n, w, v in fields if n == NODE_NAME and w == BYTES]
    if op == [BIAS_GELU]:
        return _split_gelu(inputs, outputs, names)
    epsilon = _epsilon([v for n, w, v in fields if n == NODE_ATTRIBUTE and w == BYTES])
    if len(inputs) != 5 or not all(inputs) or len(outputs) != 1 or epsilon is None:
        return None
    data, skip, gamma, beta, bias = inputs
    name = names[0] if names else outputs[0]
    summed, biased = name + b"/unfused_skip", name + b"/unfused_bias"
    # The kernel adds input and skip first, then the bias: the same order here.
    return [
        _node(b"Add", [data, skip], summed, summed, []),
        _node(b"Add", [summed, bias], biased, biased, []),
        _node(
            b"LayerNormalization",
            [biased, gamma, beta],
            outputs[0],
            name + b"/unfused",
            [
                _attribute(b"axis", ATTR_INT, _key(ATTR_I, VARINT) + _varint(-1)),
                _attribute(b"epsilon", ATTR_FLOAT, _key(ATTR_F, FIXED32) + epsilon),
            ],
        ),
    ]


def _split_gelu(
    inputs: list[bytes], outputs: list[bytes], names: list[bytes]
) -> list[bytes] | None:
    """``BiasGelu(x, bias)`` as ``Add(x, bias)`` then com.microsoft ``Gelu``: onnxruntime's
    (1.32) CPU kernels compute the same erf of the same sums (bit-identical states on the
    tagger's, reader's and classifier's recorded inputs), the unfused pair faster."""
    if len(inputs) != 2 or not all(inputs) or len(outputs) != 1:
        return None
    name = names[0] if names else outputs[0]
    biased = name + b"/unfused_bias"
    gelu = _node(b"Gelu", [biased], outputs[0], name + b"/unfused", [])
    return [_node(b"Add", inputs, biased, biased, []), gelu + _string(NODE_DOMAIN, MS_DOMAIN)]


def _epsilon(attributes: list[bytes]) -> bytes | None:
    """The four bytes of the ``epsilon`` float attribute (copied bit for bit)."""
    for attribute in attributes:
        fields = [(n, w, bytes(v)) for n, w, _, v in _fields(memoryview(attribute))]
        if [v for n, w, v in fields if n == ATTR_NAME and w == BYTES] == [b"epsilon"]:
            found = [v for n, w, v in fields if n == ATTR_F and w == FIXED32]
            return found[0] if found else None
    return None


def _node(
    op: bytes, inputs: list[bytes], output: bytes, name: bytes, attributes: list[bytes]
) -> bytes:
    out = b"".join(_string(NODE_INPUT, i) for i in inputs)
    out += _string(NODE_OUTPUT, output) + _string(NODE_NAME, name) + _string(NODE_OP, op)
    return out + b"".join(_string(NODE_ATTRIBUTE, a) for a in attributes)


def _attribute(name: bytes, kind: int, value: bytes) -> bytes:
    return _string(ATTR_NAME, name) + value + _key(ATTR_TYPE, VARINT) + _varint(kind)


def _string(number: int, value: bytes) -> bytes:
    return _key(number, BYTES) + _varint(len(value)) + value


def _key(number: int, wire: int) -> bytes:
    return _varint(number << 3 | wire)


def _varint(value: int) -> bytes:
    value &= (1 << 64) - 1  # negative int64 as ten bytes, as protobuf writes them
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def _read_varint(data: memoryview, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, at
        shift += 7


def _fields(data: memoryview) -> list[Field]:
    """The top-level fields of one protobuf message, in order."""
    out: list[Field] = []
    at = 0
    while at < len(data):
        start = at
        key, at = _read_varint(data, at)
        number, wire = key >> 3, key & 7
        if wire == VARINT:
            _, end = _read_varint(data, at)
            value = data[at:end]
        elif wire == BYTES:
            size, at = _read_varint(data, at)
            end = at + size
            value = data[at:end]
        elif wire in (FIXED64, FIXED32):
            end = at + (8 if wire == FIXED64 else 4)
            value = data[at:end]
        else:
            raise ValueError(f"unsupported protobuf wire type {wire}")
        if end > len(data):
            raise ValueError("truncated protobuf message")
        out.append((number, wire, data[start:end], value))
        at = end
    return out
