"""Shared by the tests of the MiniLM readers (the event-type classifier, the detector's reader):
the word-piece tokenizer the package ships, as the models read it (no truncation, no padding)."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest


def shipped_tokenizer(file_name: str) -> Any:
    """``sayso/data/<file_name>`` loaded with ``tokenizers``; the test is skipped without it."""
    tokenizers = pytest.importorskip("tokenizers")
    path = resources.files("sayso") / "data" / file_name
    if not path.is_file():
        pytest.skip(f"no {file_name} shipped")
    tokenizer = tokenizers.Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer
