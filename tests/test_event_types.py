"""The fine-tuned event-type classifier's input (entity markers) and its fusion (issue #14.2)."""

from __future__ import annotations

from typing import Any

import pytest

from sayso.events import types
from sayso.events.types import SOURCE_CLOSE, SOURCE_OPEN, TARGET_CLOSE, TARGET_OPEN, mark, marked_ids

tokenizers = pytest.importorskip("tokenizers")


def _tokenizer() -> Any:
    from importlib import resources

    path = resources.files("sayso") / "data" / types.TOKENIZER_FILE
    if not path.is_file():
        pytest.skip("no events_types tokenizer shipped")
    tokenizer = tokenizers.Tokenizer.from_file(str(path))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


def test_markers_wrap_the_two_mentions() -> None:
    tokenizer = _tokenizer()
    text = "Iran condemned the US decision."
    ids = marked_ids(tokenizer, text, (0, 4), (15, 21))
    pieces = [tokenizer.id_to_token(i) for i in ids]
    assert pieces == ["[CLS]", "[unused1]", "iran", "[unused2]", "condemned", "[unused3]", "the", "us",
                      "[unused4]", "decision", ".", "[SEP]"]


def test_nested_spans_open_outer_first() -> None:
    # Target inside the source phrase: the outer marker opens first and closes last.
    ids = mark([10, 11, 12], [(0, 3), (4, 7), (8, 11)], (0, 11), (4, 7))
    assert ids[1:-1] == [SOURCE_OPEN, 10, TARGET_OPEN, 11, TARGET_CLOSE, 12, SOURCE_CLOSE]


def test_long_sentences_are_cut_around_the_pair() -> None:
    n = 400
    offsets = [(3 * k, 3 * k + 2) for k in range(n)]
    ids = mark(list(range(1000, 1000 + n)), offsets, (3 * 300, 3 * 300 + 2), (3 * 310, 3 * 310 + 2),
               max_len=64)
    assert len(ids) == 64
    for marker in (SOURCE_OPEN, SOURCE_CLOSE, TARGET_OPEN, TARGET_CLOSE):
        assert ids.count(marker) == 1
    # A pair further apart than the window keeps both opening markers.
    ids = mark(list(range(1000, 1000 + n)), offsets, (0, 2), (3 * 399, 3 * 399 + 2), max_len=64)
    assert len(ids) == 64 and SOURCE_OPEN in ids and TARGET_OPEN in ids


def test_fast_mode_keeps_the_rules_types(nlp: Any) -> None:
    from sayso.model import Article
    from sayso.pipeline import analyse

    text = "Russia attacked Ukrainian positions near Kharkiv on Monday."
    doc = nlp(text)
    found = analyse(doc, Article(doc_id="t", text=text))
    # No encoder pass on this doc (no token states): the classifier is never asked.
    assert types.retype(doc, found.events, "t") == found.events
