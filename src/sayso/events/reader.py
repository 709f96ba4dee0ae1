"""A fine-tuned reader for the event detector (issue #14, deliverable 1): does a sentence report
the PLOVER event the rules found in it?

The detector's logistic model (``sayso.events.detect``) reads the attribution tagger's states
mean-pooled over the sentence; those rank statements against verbal events in US election news
poorly (docs/events.md). This reader is a small encoder fine-tuned for the question: the
sentence with the rules' trigger marked by unused vocabulary pieces (``[unused5] trigger
[unused6]``; the source and target, where inside the sentence, as the type classifier marks
them: ``[unused1] … [unused2]``, ``[unused3] … [unused4]``), cut to ``MAX_LEN`` pieces around
the trigger; the states at ``[CLS]`` and at the trigger's opening marker feed one logit.
Trained by scripts/train_event_reader.py; int8 ONNX, onnxruntime + tokenizers at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from sayso.knowledge.linear import Once, run_one, shipped_onnx, takes_mask

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_FILE = "events_reader.onnx"
# How the detector uses the reading (any other value in the model's metadata reads "alone").
Use = Literal["alone", "stacked"]
# The MiniLM word-piece tokenizer (the same file the type classifier reads).
TOKENIZER_FILE = "events_types.tokenizer.json"
THREADS_ENV = "SAYSO_TAGGER_THREADS"
CLS, SEP = 101, 102
# [unused1]..[unused6] of MiniLM's (BERT uncased) vocabulary.
OPEN = {"source": 2, "target": 4, "trigger": 6}
CLOSE = {"source": 3, "target": 5, "trigger": 7}
MAX_LEN = 128
# The reader's logit as a feature of the stacked detector is clamped to +-LOGIT_BOUND (every
# out-of-fold logit of its training data lies within +-7), so that the detector can skip the
# encoder pass where its verdict is the same at both bounds.
LOGIT_BOUND = 8.0


def marked_ids(tokenizer: Tokenizer, text: str, marks: Mapping[str, Sequence[int] | None],
               max_len: int = MAX_LEN) -> list[int]:
    """``[CLS] text [SEP]`` as piece ids with the marked character ranges (``trigger``, and
    ``source`` / ``target`` where not None), cut to ``max_len`` pieces around the trigger."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    return mark(enc.ids, enc.offsets, marks, max_len)


def mark(ids: list[int], offsets: list[tuple[int, int]], marks: Mapping[str, Sequence[int] | None],
         max_len: int = MAX_LEN) -> list[int]:
    """Markers inserted into pieces (with their character offsets); see ``marked_ids``."""
    before: dict[int, list[int]] = {}
    after: dict[int, list[int]] = {}
    spans = [(name, span) for name, span in marks.items() if span is not None and name in OPEN]
    opened = []
    closed = []
    for name, (start, end) in spans:
        first = next((k for k, (_, e) in enumerate(offsets) if e > start), max(0, len(offsets) - 1))
        last = max([k for k, (s, _) in enumerate(offsets) if s < end], default=first)
        last = max(first, last)
        opened.append((first, -last, OPEN[name]))
        closed.append((last, -first, CLOSE[name]))
    # Nested spans: the outer one opens first and closes last.
    for at, _, marker in sorted(opened):
        before.setdefault(at, []).append(marker)
    for at, _, marker in sorted(closed, reverse=True):
        after.setdefault(at, []).append(marker)
    out: list[int] = []
    for k, piece in enumerate(ids):
        out += before.get(k, [])
        out.append(piece)
        out += after.get(k, [])
    if not ids:
        out = [OPEN["trigger"], CLOSE["trigger"]]
    room = max_len - 2
    if len(out) > room:
        at = out.index(OPEN["trigger"]) if OPEN["trigger"] in out else 0
        start = max(0, min(at - room // 3, len(out) - room))
        out = out[start:start + room]
    return [CLS, *out, SEP]


@dataclass(slots=True)
class Reader:
    session: Any
    tokenizer: Tokenizer
    threshold: float
    # How the detector uses the reading: "alone" (its probability against ``threshold``) or
    # "stacked" (its logit as one more feature of the logistic model).
    use: Use = "alone"
    mask: bool = True

    def logit(self, text: str, marks: Mapping[str, Sequence[int] | None]) -> float:
        """The log-odds that ``text`` reports the event whose trigger (and actors) ``marks``
        gives; one input per call (int8 dynamic quantisation scales activations per call)."""
        return float(run_one(self.session, marked_ids(self.tokenizer, text, marks), self.mask).reshape(-1)[0])

    def probability(self, text: str, marks: Mapping[str, Sequence[int] | None]) -> float:
        """The reader's probability that ``text`` reports the marked event (its use "alone")."""
        return 1.0 / (1.0 + float(np.exp(-self.logit(text, marks))))


def _load() -> Reader | None:
    loaded = shipped_onnx(MODEL_FILE, TOKENIZER_FILE, THREADS_ENV, unfuse=True)
    if loaded is None:
        return None
    session, tokenizer = loaded
    meta = session.get_modelmeta().custom_metadata_map
    use: Use = "stacked" if meta.get("use") == "stacked" else "alone"
    return Reader(session, tokenizer, float(meta.get("threshold", "0.5")), use, takes_mask(session))


# The reader, loaded once per process (None without the model file or onnxruntime).
READER: Once[Reader | None] = Once(_load)


def model() -> Reader | None:
    return READER.get()
