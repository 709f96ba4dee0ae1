"""The sentence encoder of the default install: all-MiniLM-L6-v2 as int8 ONNX, run with
onnxruntime + tokenizers (no torch). Mean-pooled, unit-length 384-d vectors.

The model (``data/claims_encoder.onnx``, exported by scripts/export_claims_encoder.py, see
the model card ``data/claims_encoder.md``) is loaded lazily, once per process. Its name
carries the first hex digits of the file's sha256, so vectors stored by another version of
the model are never mixed with this one's (``claim_embeddings.model``).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from sayso.knowledge.linear import Once, data_path, onnx_session

MODEL_FILE = "claims_encoder.onnx"
TOKENIZER_FILE = "claims_encoder.tokenizer.json"
MAX_PIECES = 128   # contents are short; longer ones are cut (the start holds the main clause)
BATCH = 32
THREADS_ENV = "SAYSO_ENCODER_THREADS"


def available() -> bool:
    if not (os.path.exists(data_path(MODEL_FILE)) and os.path.exists(data_path(TOKENIZER_FILE))):
        return False
    try:
        import onnxruntime  # noqa: F401
        import tokenizers  # noqa: F401
    except ImportError:
        return False
    return True


def _model() -> tuple[Any, Any, str]:
    """(session, tokenizer, model name with the file's sha256 prefix), loaded once (``ENCODER``)."""
    return ENCODER.get()


def _load() -> tuple[Any, Any, str]:
    from tokenizers import Tokenizer

    path = data_path(MODEL_FILE)
    session = onnx_session(path, THREADS_ENV)
    tokenizer = Tokenizer.from_file(data_path(TOKENIZER_FILE))
    tokenizer.enable_truncation(MAX_PIECES)
    tokenizer.no_padding()
    with open(path, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    return session, tokenizer, f"minilm-l6-int8-{digest[:10]}"


ENCODER: Once[tuple[Any, Any, str]] = Once(_load)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (or its fine-tuned successor shipped in its place)."""

    # MiniLM cosines spread lower than e5's: below this a pair counts as unrelated when
    # clustering (cluster.Settings.embed_floor; tuned on the tune half of the gold).
    cosine_floor = 0.30
    # Average-linkage merge threshold with this encoder (cluster.Settings.threshold), tuned on
    # the tune half of the issue-#15 gold: pairwise F1 0.462 at 0.10, 0.530 at 0.06, 0.554
    # at 0.04 (precision 0.68 throughout), 0.558 at 0.02 and 0.569 at 0.01 (precision
    # falling to 0.60 and 0.55: claims from pairs we trust come first).
    merge_threshold = 0.04

    def __init__(self) -> None:
        self._session, self._tokenizer, self.name = _model()

    def encode(self, texts: Sequence[str], chunk: int = 2048) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for start in range(0, len(texts), chunk):  # tokenised a chunk at a time: flat memory
            out[start:start + chunk] = self._encode(texts[start:start + chunk])
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 384), dtype=np.float32)
        encoded = self._tokenizer.encode_batch([t or " " for t in texts])
        order = sorted(range(len(texts)), key=lambda k: len(encoded[k].ids))
        for at in range(0, len(order), BATCH):  # length-sorted batches: little padding
            group = order[at:at + BATCH]
            width = max(len(encoded[k].ids) for k in group)
            ids = np.zeros((len(group), width), dtype=np.int64)
            mask = np.zeros((len(group), width), dtype=np.int64)
            for row, k in enumerate(group):
                n = len(encoded[k].ids)
                ids[row, :n], mask[row, :n] = encoded[k].ids, 1
            out[group] = self._session.run(["embedding"], {"input_ids": ids,
                                                           "attention_mask": mask})[0]
        return out
