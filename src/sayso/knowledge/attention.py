"""The shipped encoders' self-attention as one com.microsoft ``MultiHeadAttention`` node per
layer, rewritten in memory when a session is made (docs/speed.md, twenty-first session).

The exported MiniLM graphs spell each layer's attention out in thirteen nodes: the projected
query, key and value each reshaped to heads and transposed, query and key each multiplied
by ``head_size ** -0.25``, ``MatMul``, ``Softmax``, ``MatMul``, ``Transpose`` and
``Reshape`` back, plus the shape nodes that feed the reshapes. onnxruntime (1.32) runs them as
separate kernels (the transposes copy every state); its fused CPU kernel takes the three
projected inputs and does the same products and softmax in one call. The int8 projections
before it are left as they are.

Same function; the scale is applied once to the products (``scale = c_q * c_k``, the graph's
own two constants multiplied in float32) instead of to each operand, so the states differ in
their last bits and int8 dynamic quantisation of the next projection can move a tag
probability a little (measured on the quality sets: docs/speed.md). Model files stay as
shipped; the rewrite works on the protobuf wire format (``knowledge.unfuse``'s reader) and
drops the nodes the chain leaves without a consumer.
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass, field

from sayso.knowledge.unfuse import (
    ATTR_F,
    ATTR_FLOAT,
    ATTR_I,
    ATTR_INT,
    ATTR_NAME,
    BYTES,
    FIXED32,
    GRAPH_NODE,
    MS_DOMAIN,
    NODE_ATTRIBUTE,
    NODE_DOMAIN,
    NODE_INPUT,
    NODE_NAME,
    NODE_OP,
    NODE_OUTPUT,
    VARINT,
    Field,
    _attribute,
    _fields,
    _key,
    _node,
    _read_varint,
    _string,
    _varint,
    rewrite_graph,
)

FUSED_OP = b"MultiHeadAttention"
# onnx.proto field numbers beyond unfuse's: graph initializers and outputs, tensor fields,
# value-info name, and the ints of an attribute (a Transpose's ``perm``).
GRAPH_INITIALIZER, GRAPH_OUTPUT = 5, 12
TENSOR_DIMS, TENSOR_TYPE, TENSOR_NAME, TENSOR_RAW = 1, 2, 8, 9
VALUE_NAME = 1
ATTR_INTS = 8
FLOAT, INT64 = 1, 7
HEADS_PERM, KEYS_PERM = (0, 2, 1, 3), (0, 2, 3, 1)


@dataclass
class Node:
    """One decoded node: what the matching reads, and its bytes to copy when kept."""

    raw: bytes
    op: bytes
    domain: bytes
    inputs: list[bytes]
    outputs: list[bytes]
    name: bytes
    perm: tuple[int, ...] | None = None
    axis: int | None = None


@dataclass
class Graph:
    """A graph's nodes in order, its small initializers and its output names, with who makes
    and who reads each value."""

    nodes: list[Node]
    tensors: dict[bytes, tuple[int, tuple[int, ...], bytes]]  # name -> (type, dims, raw)
    outputs: set[bytes]
    producer: dict[bytes, int] = field(default_factory=dict)
    consumers: dict[bytes, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for at, node in enumerate(self.nodes):
            for name in node.outputs:
                self.producer[name] = at
            for name in node.inputs:
                self.consumers.setdefault(name, []).append(at)

    def made_by(self, name: bytes, op: bytes) -> Node | None:
        """The node of type ``op`` that makes ``name``, when one node alone reads ``name`` and
        the graph does not output it (so the maker can go with the chain)."""
        at = self.producer.get(name)
        if at is None or self.nodes[at].op != op or name in self.outputs:
            return None
        return self.nodes[at] if len(self.consumers.get(name, [])) == 1 else None

    def scalar(self, name: bytes) -> float | None:
        kind, dims, raw = self.tensors.get(name, (0, (), b""))
        if kind != FLOAT or len(raw) != 4 or any(d != 1 for d in dims):
            return None
        return float(struct.unpack("<f", raw)[0])

    def ints(self, name: bytes) -> list[int] | None:
        kind, _, raw = self.tensors.get(name, (0, (), b""))
        if kind != INT64 or len(raw) % 8:
            return None
        return list(struct.unpack(f"<{len(raw) // 8}q", raw))


def fused_attention(model: bytes | mmap.mmap) -> tuple[bytes, int]:
    """``model`` (a serialised ONNX ModelProto) with each layer's attention chain as one
    ``MultiHeadAttention`` node, and how many were rewritten; the bytes unchanged when none."""
    return rewrite_graph(model, _graph)


def _graph(value: memoryview) -> tuple[list[bytes | memoryview], int]:
    """The graph's fields with its attention chains rewritten, and how many were."""
    fields = _fields(value)
    graph = Graph(
        [_decode(bytes(v)) for n, w, _, v in fields if n == GRAPH_NODE and w == BYTES],
        dict(_tensor(v) for n, w, _, v in fields if n == GRAPH_INITIALIZER and w == BYTES),
        {_value_name(v) for n, w, _, v in fields if n == GRAPH_OUTPUT and w == BYTES},
    )
    read_before = {name for node in graph.nodes for name in node.inputs}
    dropped, count = _rewrite(graph)
    if not count:
        return [raw for _, _, raw, _ in fields], 0
    kept = _live(graph, dropped)
    # Initializers that only the dropped nodes read go too (onnxruntime would drop them
    # itself, with a warning on stderr for each).
    read_now = {name for at in kept for name in graph.nodes[at].inputs}
    gone = read_before - read_now - graph.outputs
    nodes = [graph.nodes[at].raw for at in kept]
    pieces: list[bytes | memoryview] = []
    for number, wire, raw, field_value in fields:
        if number == GRAPH_INITIALIZER and wire == BYTES and _tensor(field_value)[0] in gone:
            continue
        if number != GRAPH_NODE:
            pieces.append(raw)
        elif nodes:  # every node where the first one was, in order
            pieces += [b for n in nodes for b in (_key(GRAPH_NODE, BYTES), _varint(len(n)), n)]
            nodes = []
    return pieces, count


def _rewrite(graph: Graph) -> tuple[set[int], int]:
    """Each matching chain's last node replaced by the fused one (in ``graph.nodes``); the
    positions of the chains' other nodes, and how many chains."""
    dropped: set[int] = set()
    count = 0
    for at, node in enumerate(graph.nodes):
        found = _chain(graph, at) if node.op == b"Softmax" and not node.domain else None
        if found is not None:
            chain, fused = found
            last = max(chain)  # (its place: the chain's inputs all exist by then)
            graph.nodes[last] = fused
            dropped |= chain - {last}
            count += 1
    return dropped, count


def _chain(graph: Graph, softmax: int) -> tuple[set[int], Node] | None:
    """The nodes of one attention chain around the ``Softmax`` at ``softmax`` and the node that
    stands for them; None unless every piece has the exported shape."""
    node = graph.nodes[softmax]
    if node.axis not in (-1, 3):  # (over the keys; the exporter writes the axis)
        return None
    scores = graph.made_by(node.inputs[0], b"MatMul")
    mixed = _only_consumer(graph, node.outputs[0], b"MatMul")
    if scores is None or mixed is None:
        return None
    query = _scaled(graph, scores.inputs[0], HEADS_PERM)
    key = _scaled(graph, scores.inputs[1], KEYS_PERM)
    value = _split_heads(graph, mixed.inputs[1], HEADS_PERM)
    merged = _merged(graph, mixed.outputs[0])
    if query is None or key is None or value is None or merged is None:
        return None
    (q_nodes, q_in, q_scale, head), (k_nodes, k_in, k_scale, k_head) = query, key
    v_nodes, v_in, v_head = value
    width = _width(graph, q_in)
    if width is None or head <= 0 or width % head or not head == k_head == v_head:
        return None
    nodes = [*q_nodes, *k_nodes, *v_nodes, *merged, scores, node, mixed]
    out = merged[-1]
    scale = struct.pack("<f", q_scale * k_scale)  # (exact in float64, rounded once: float32's)
    attributes = [
        _attribute(b"num_heads", ATTR_INT, _key(ATTR_I, VARINT) + _varint(width // head)),
        _attribute(b"scale", ATTR_FLOAT, _key(ATTR_F, FIXED32) + scale),
    ]
    name = out.name + b"/fused_attention"
    raw = _node(FUSED_OP, [q_in, k_in, v_in], out.outputs[0], name, attributes)
    fused = Node(
        raw + _string(NODE_DOMAIN, MS_DOMAIN),
        FUSED_OP,
        MS_DOMAIN,
        [q_in, k_in, v_in],
        [out.outputs[0]],
        name,
    )
    return {graph.producer[n.outputs[0]] for n in nodes}, fused


def _scaled(
    graph: Graph, name: bytes, perm: tuple[int, ...]
) -> tuple[list[Node], bytes, float, int] | None:
    """``Mul(Transpose(Reshape(x)), c)``: its nodes, ``x``, ``c`` and the head size."""
    mul = graph.made_by(name, b"Mul")
    if mul is None or len(mul.inputs) != 2:
        return None
    scale = graph.scalar(mul.inputs[1])
    split = _split_heads(graph, mul.inputs[0], perm)
    if scale is None or split is None:
        return None
    nodes, source, head = split
    return [mul, *nodes], source, scale, head


def _split_heads(
    graph: Graph, name: bytes, perm: tuple[int, ...]
) -> tuple[list[Node], bytes, int] | None:
    """``Transpose(Reshape(x, [B, S, -1, head]), perm)``: its nodes, ``x`` and ``head``."""
    transpose = graph.made_by(name, b"Transpose")
    if transpose is None or transpose.perm != perm:
        return None
    reshape = graph.made_by(transpose.inputs[0], b"Reshape")
    head = _last_dim(graph, reshape.inputs[1]) if reshape is not None else None
    if reshape is None or head is None:
        return None
    return [transpose, reshape], reshape.inputs[0], head


def _merged(graph: Graph, name: bytes) -> list[Node] | None:
    """``Reshape(Transpose(x, [0, 2, 1, 3]), [B, S, -1])`` after the value product ``x``."""
    transpose = _only_consumer(graph, name, b"Transpose")
    if transpose is None or transpose.perm != HEADS_PERM:
        return None
    reshape = _only_consumer(graph, transpose.outputs[0], b"Reshape")
    return None if reshape is None else [transpose, reshape]


def _only_consumer(graph: Graph, name: bytes, op: bytes) -> Node | None:
    """The one node that reads ``name``, when it is of type ``op`` and reads it first."""
    after = graph.consumers.get(name, [])
    if len(after) != 1 or name in graph.outputs:
        return None
    node = graph.nodes[after[0]]
    return node if node.op == op and node.inputs[0] == name else None


def _last_dim(graph: Graph, shape: bytes) -> int | None:
    """The last entry of a reshape's target when it is a constant: a ``Concat`` whose last
    input is a one-element initializer (the exporter's ``[B, S, -1, head]``)."""
    at = graph.producer.get(shape)
    if at is None or graph.nodes[at].op != b"Concat":
        return None
    last = graph.ints(graph.nodes[at].inputs[-1])
    return last[0] if last is not None and len(last) == 1 else None


def _width(graph: Graph, name: bytes) -> int | None:
    """The projected width: the length of the bias the projection adds (``Add(bias, x)``)."""
    at = graph.producer.get(name)
    if at is None or graph.nodes[at].op != b"Add":
        return None
    for input_name in graph.nodes[at].inputs:
        kind, dims, _ = graph.tensors.get(input_name, (0, (), b""))
        if kind == FLOAT and len(dims) == 1:
            return dims[0]
    return None


def _live(graph: Graph, dropped: set[int]) -> list[int]:
    """The nodes kept, in order: not dropped, and some output used by a kept node or the
    graph (the shape nodes that fed only the dropped reshapes go too)."""
    alive = [at not in dropped for at in range(len(graph.nodes))]
    used = set(graph.outputs)
    for at in range(len(graph.nodes) - 1, -1, -1):
        node = graph.nodes[at]
        if alive[at] and not any(o in used for o in node.outputs):
            alive[at] = False
        if alive[at]:
            used.update(node.inputs)
    return [at for at in range(len(graph.nodes)) if alive[at]]


def _decode(raw: bytes) -> Node:
    node = Node(raw, b"", b"", [], [], b"")
    for number, wire, _, value in _fields(memoryview(raw)):
        if wire != BYTES:
            continue
        if number == NODE_INPUT:
            node.inputs.append(bytes(value))
        elif number == NODE_OUTPUT:
            node.outputs.append(bytes(value))
        elif number == NODE_NAME:
            node.name = bytes(value)
        elif number == NODE_OP:
            node.op = bytes(value)
        elif number == NODE_DOMAIN:
            node.domain = bytes(value)
        elif number == NODE_ATTRIBUTE:
            _read_attribute(node, value)
    if node.domain == b"ai.onnx":
        node.domain = b""
    return node


def _read_attribute(node: Node, attribute: memoryview) -> None:
    """A Transpose's ``perm`` or a Softmax's ``axis``, the only attributes the match reads."""
    fields = _fields(attribute)
    name = next((bytes(v) for n, w, _, v in fields if n == ATTR_NAME and w == BYTES), b"")
    if name == b"perm":
        node.perm = tuple(_signed(v) for v in _int_list(fields, ATTR_INTS))
    elif name == b"axis":
        found = [_signed(_read(v)) for n, w, _, v in fields if n == ATTR_I and w == VARINT]
        node.axis = found[0] if found else None


def _int_list(fields: list[Field], number: int) -> list[int]:
    """The repeated integer field ``number`` of a message, packed or not."""
    out: list[int] = []
    for found, wire, _, value in fields:
        if found != number:
            continue
        if wire == VARINT:
            out.append(_read(value))
        elif wire == BYTES:
            at = 0
            while at < len(value):
                got, at = _read_varint(value, at)
                out.append(got)
    return out


def _tensor(value: memoryview) -> tuple[bytes, tuple[int, tuple[int, ...], bytes]]:
    """An initializer's name, type, dims and raw data (empty when stored another way)."""
    name, kind, raw = b"", 0, b""
    fields = _fields(value)
    for number, wire, _, field_value in fields:
        if number == TENSOR_NAME and wire == BYTES:
            name = bytes(field_value)
        elif number == TENSOR_TYPE and wire == VARINT:
            kind = _read(field_value)
        elif number == TENSOR_RAW and wire == BYTES and len(field_value) <= 64:
            raw = bytes(field_value)  # (only small tensors are read: scales and shapes)
    return name, (kind, tuple(_signed(d) for d in _int_list(fields, TENSOR_DIMS)), raw)


def _value_name(value: memoryview) -> bytes:
    return next((bytes(v) for n, w, _, v in _fields(value) if n == VALUE_NAME and w == BYTES), b"")


def _read(value: memoryview) -> int:
    return _read_varint(value, 0)[0]


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value
