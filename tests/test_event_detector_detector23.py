"""The stacked detector's card names the reader run whose out-of-fold logits it stacked
(twenty-third session, detector23): the shipped head stacks a reader trained on the first two
label batches (``cv --batches 1 2``), the reader it runs with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from judged_sets import script


def detector() -> Any:
    pytest.importorskip("sklearn", reason="the train extra (scikit-learn) is not installed")
    return script("train_event_detector")


def test_the_card_names_the_batches_of_a_partial_reader_run(tmp_path: Path) -> None:
    module = detector()
    settings = tmp_path / "settings.json"
    assert module.reader_batches(settings) == ""  # no run recorded: nothing to say
    settings.write_text(json.dumps({"batches": [1, 2]}), encoding="utf-8")
    assert module.reader_batches(settings) == " --batches 1 2"
    settings.write_text(json.dumps({"batches": [3, 1, 2]}), encoding="utf-8")
    assert module.reader_batches(settings) == ""  # all batches: the default flags
