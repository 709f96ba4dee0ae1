"""A second verdict after the event detector, learned from the judged event set (issue #14;
docs/events.md, "Trusting an event: the judged rows as labels" and "The trust filter shipped").

The detector (``detect.py``) was trained on sentence labels of its own; on fresh judged news its
probability separates real events from statements, descriptions, history and no-comments less
well than it did in training (round 11: AUC 0.58). The judged rows of rounds 1-10 are a second,
independent set of labels of what the whole system reports; a logistic model over the detector's
rule features and the sentence's grammar (``trust.features``) fitted on them (``events_trust.npz``,
made by ``scripts/events_trust_cv.py train``) drops the events of a sentence it finds unlikely to
report one. Round 11 of the judged set is its held-out measure.

Applied in the default mode only, after the detector kept the sentence: it needs the detector's
probability and features, which ``--fast`` (no tagger states) does not compute. numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from sayso.knowledge.linear import Once, read_data

MODEL_FILE = "events_trust.npz"


@dataclass(frozen=True, slots=True)
class TrustFilter:
    """p = sigmoid(((v - mean) / scale) . coef + bias) over v = the detector's features from
    ``skip`` on (its rule features: the pooled encoder states are left out) followed by
    ``trust.features``; a sentence is kept when p >= ``cut``. ``dense_only``: applied only in
    documents built on quotes (``detect.quote_heavy``)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: float
    cut: float
    skip: int
    dense_only: bool

    def probability(self, detector_x: np.ndarray, trust_x: np.ndarray) -> float | None:
        """P(the sentence reports an event); None when the inputs do not have the widths the
        model was fitted on (another detector or feature set: the filter is not applied)."""
        v = np.concatenate(
            [
                np.asarray(detector_x, dtype=np.float64)[self.skip :],
                np.asarray(trust_x, dtype=np.float64),
            ]
        )
        if v.shape != self.mean.shape:
            return None
        z = float(((v - self.mean) / self.scale) @ self.coef + self.bias)
        return float(1.0 / (1.0 + np.exp(-z)))

    def keeps(self, detector_x: np.ndarray, trust_x: np.ndarray) -> bool:
        p = self.probability(detector_x, trust_x)
        return p is None or p >= self.cut


def _filter(data: Any) -> TrustFilter:
    return TrustFilter(
        data["mean"],
        data["scale"],
        data["coef"],
        float(data["bias"]),
        float(data["cut"]),
        int(data["skip"]),
        bool(data["dense_only"]),
    )


FILTER: Once[TrustFilter | None] = Once(lambda: read_data(MODEL_FILE, _filter))


def model() -> TrustFilter | None:
    """The shipped filter, loaded once; None when the file is missing (then nothing is dropped)."""
    return FILTER.get()
