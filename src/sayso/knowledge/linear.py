"""Tiny linear models over sparse string features, stored as ``.npz`` in ``sayso/data``.

Trained by ``scripts/train_events.py`` with scikit-learn; scored here with numpy alone so the
default install needs no scikit-learn. A model file holds ``features`` (names), ``classes``,
``coef`` (classes x features, or 1 x features for a binary scorer) and ``intercept``.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import numpy as np

from sayso.knowledge.attention import fused_attention
from sayso.knowledge.unfuse import DISABLED_OPTIMIZERS, unfused

if TYPE_CHECKING:
    from tokenizers import Tokenizer

Features = dict[str, float]
T = TypeVar("T")
# Entries at most in a memo of per-feature weights derived from a model (filled as features
# come; cleared when full, so a long run's memory stays bounded).
MEMO_CAP = 200_000


class Once(Generic[T]):
    """A trained model (with the tables derived from it), built on first use and kept for the
    process: the one object of that model every caller shares. A training script may put a model
    it has just fitted in its place (``set``)."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._built = False

    def get(self) -> T:
        if not self._built:
            self._value = self._build()  # (a failure raises and is tried again next time)
            self._built = True
        return self._value  # type: ignore[return-value]

    def set(self, value: T) -> None:
        self._value, self._built = value, True


@dataclass
class LinearModel:
    index: dict[str, int]
    classes: tuple[str, ...]
    coef: np.ndarray  # (n_classes or 1, n_features)
    intercept: np.ndarray

    def scores(self, feats: Features) -> np.ndarray:
        found = list(map(self.index.get, feats))  # (the loop in C: this runs per sentence)
        rows = [j for j in found if j is not None]
        values = [v for j, v in zip(found, feats.values(), strict=True) if j is not None]
        if not rows:
            return self.start.copy()
        return self.start + np.array(values, dtype=np.float64) @ self.by_feature[rows]

    @cached_property
    def start(self) -> np.ndarray:
        return self.intercept.astype(np.float64)

    @cached_property
    def by_feature(self) -> np.ndarray:
        """Weights as (features x classes) float64 rows, one row gathered per feature."""
        return np.ascontiguousarray(self.coef.T, dtype=np.float64)

    @cached_property
    def weights(self) -> dict[str, float]:
        """Binary models: feature -> weight as plain floats (scoring is a sum)."""
        row = self.coef[0].tolist()  # (plain floats in one call, not one numpy scalar each)
        return {name: row[j] for name, j in self.index.items()}

    def probabilities(self, feats: Features) -> dict[str, float]:
        raw = self.scores(feats)
        if len(self.classes) == 2 and raw.shape[0] == 1:
            p = 1.0 / (1.0 + np.exp(-raw[0]))
            return {self.classes[0]: 1.0 - p, self.classes[1]: float(p)}
        exp = np.exp(raw - raw.max())
        probs = exp / exp.sum()
        return dict(zip(self.classes, probs.tolist(), strict=True))

    def score(self, feats: Features) -> float:
        """Binary models: the decision value of the positive class."""
        return self.bias + dot(self.weights, feats)

    @cached_property
    def bias(self) -> float:
        return float(self.intercept[0])


def dot(weights: dict[str, float], feats: Features, total: float = 0.0) -> float:
    """``total`` plus the sum of feature values times their weights (0 for unknown names)."""
    get = weights.get
    # Summed in the features' order, so scores stay bit-identical run to run; ``total`` carries
    # a sum over other features on (as if both were one dict), without merging them.
    for name, value in feats.items():
        total += value * get(name, 0.0)
    return total


def data_path(name: str) -> str:
    """The path of ``name`` shipped in ``sayso/data`` (a model or tokenizer file)."""
    return str(resources.files("sayso") / "data" / name)


def load_tokenizer(path: str) -> Tokenizer:
    """A word-piece tokenizer that neither truncates nor pads (callers cut their own windows)."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(path)
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def onnx_session(path: str, threads_env: str, unfuse: bool = False, attention: bool = False) -> Any:
    """An onnxruntime CPU session for a shipped model: one thread unless ``threads_env`` says
    more (workers scale by processes, as spaCy does), nodes run in order. ``unfuse``: its fused
    layer norms run as ``Add`` + ``LayerNormalization`` (``knowledge.unfuse``: onnxruntime's
    fused CPU kernel is five times slower), its ``BiasGelu`` as ``Add`` + ``Gelu`` (the same
    bits, 2-5% of an encoder). ``attention`` (with ``unfuse``): each layer's
    attention chain runs as one ``MultiHeadAttention`` node (``knowledge.attention``: 4-5% of
    the tagger on its 200-piece windows; nothing measurable on the reader's and classifier's
    40-piece sentences, which keep their graph). The file is not changed."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get(threads_env, "1"))
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    if unfuse:
        with open(path, "rb") as fh:
            # (read through a map: only the rewritten copy is ever on the heap)
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        # The map is never closed by hand: views of it made while rewriting can outlive this
        # frame (a sampling profiler such as Dask's workers' holds frames), and closing a map
        # with live views raises BufferError; it closes when its last reference goes.
        model, count = unfused(mapped, gelu=True)
        del mapped
        fused = 0
        if attention:
            model, fused = fused_attention(model)
        if count or fused:
            session = ort.InferenceSession(
                model,
                options,
                providers=["CPUExecutionProvider"],
                disabled_optimizers=DISABLED_OPTIMIZERS,
            )
            # onnxruntime's Python session keeps the bytes it was made from (only to make the
            # session again for another provider, which a CPU session never does): 17-23 MB
            # per encoder held for the process's life. Dropped, RSS stays as with a path.
            if getattr(session, "_model_bytes", None) is not None:
                session._model_bytes = None
            return session
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def takes_mask(session: Any) -> bool:
    """Does the model take an ``attention_mask``? Models run on one unpadded window per call
    ship without it (scripts/export_neural.py ``drop_attention_mask``: 15% faster)."""
    return any(i.name == "attention_mask" for i in session.get_inputs())


def shipped_onnx(
    model_file: str, tokenizer_file: str, threads_env: str, unfuse: bool = False
) -> tuple[Any, Tokenizer] | None:
    """The session and tokenizer of a shipped ONNX model (None without the model file, or
    without onnxruntime / tokenizers: the rules run alone); ``unfuse`` as ``onnx_session``."""
    path = data_path(model_file)
    if not os.path.exists(path):
        return None
    try:
        return onnx_session(path, threads_env, unfuse), load_tokenizer(data_path(tokenizer_file))
    except ImportError:
        return None


def run_one(session: Any, ids: list[int], mask: bool) -> np.ndarray:
    """The ``logits`` output for one unpadded input (int8 dynamic quantisation scales the
    activations per call, so inputs are never batched); ``mask``: the graph takes an
    all-ones ``attention_mask``."""
    x = np.array([ids], dtype=np.int64)
    feeds = {"input_ids": x, "attention_mask": np.ones_like(x)} if mask else {"input_ids": x}
    return np.asarray(session.run(["logits"], feeds)[0][0])


def read_data(name: str, read: Callable[[Any], T]) -> T | None:
    """``read`` over the arrays of the model file ``sayso/data/name`` (an .npz), or None when the
    file is not there: how every optional trained model is read (callers keep it in a ``Once``)."""
    ref = resources.files("sayso.data").joinpath(name)
    if not ref.is_file():
        return None
    with ref.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
        return read(data)


def load(name: str) -> LinearModel | None:
    """A linear model file of ``sayso/data`` (None when it is not there)."""
    return read_data(name, _linear_model)


def _linear_model(data: Any) -> LinearModel:
    features: list[str] = data["features"].tolist()  # (str each: a unicode array)
    return LinearModel(
        index={f: i for i, f in enumerate(features)},
        classes=tuple(str(c) for c in data["classes"]),
        coef=data["coef"].astype(np.float32),
        intercept=data["intercept"].astype(np.float32),
    )


def save(
    path: str, features: list[str], classes: list[str], coef: np.ndarray, intercept: np.ndarray
) -> None:
    np.savez_compressed(
        path,
        features=np.array(features),
        classes=np.array(classes),
        coef=coef.astype(np.float16),
        intercept=intercept.astype(np.float32),
    )
