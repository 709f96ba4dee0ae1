"""The learned decoder's training label (scripts/train_decoder.py): a j50 hit needs the cue."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
pytest.importorskip("sklearn")

import train_decoder  # noqa: E402
from sayso.eval.attributions import Document, build_attribution  # noqa: E402

# Two neighbouring attributions; a swap pairs each cue with the other sentence's speaker and clause.
TEXT = "The mayor said the road was closed. The governor claimed the bridge was open."


def at(word: str) -> list[tuple[int, int]]:
    start = TEXT.index(word)
    return [(start, start + len(word))]


def attribution(doc: Document, source: str, cue: str, content: str):  # type: ignore[no-untyped-def]
    return build_attribution(doc, {"source": at(source), "cue": at(cue), "content": at(content)})


@pytest.fixture
def cue_aware() -> Iterator[None]:
    saved = train_decoder.CUE_AWARE, train_decoder.JOINT
    yield
    train_decoder.CUE_AWARE, train_decoder.JOINT = saved


def keys(gold: list) -> dict:  # type: ignore[type-arg]
    return {
        r: {g.roles[r].key for g in gold if g.roles[r] is not None}
        for r in ("source", "cue", "content")
    }


def test_a_cue_paired_with_the_next_sentences_speaker_and_clause_is_no_hit(cue_aware: None) -> None:
    doc = Document(TEXT)
    gold = [
        attribution(doc, "The mayor", "said", "the road was closed"),
        attribution(doc, "The governor", "claimed", "the bridge was open"),
    ]
    swapped = attribution(doc, "The governor", "said", "the bridge was open")
    train_decoder.CUE_AWARE = True
    # each of the three roles is some gold attribution's exactly: 0.2 each, no j50 hit
    assert train_decoder.label(swapped, gold, keys(gold)) == pytest.approx(0.6)
    train_decoder.JOINT = True  # --label joint: source and content exact only with their cue
    assert train_decoder.label(swapped, gold, keys(gold)) == pytest.approx(0.2)
    train_decoder.CUE_AWARE, train_decoder.JOINT = False, False  # --label j50: blind to the cue
    assert train_decoder.label(swapped, gold, keys(gold)) == pytest.approx(1.0)


def test_the_right_pairing_and_a_gold_attribution_without_cue_still_match(cue_aware: None) -> None:
    doc = Document(TEXT)
    gold = [attribution(doc, "The mayor", "said", "the road was closed")]
    train_decoder.CUE_AWARE, train_decoder.JOINT = True, True
    right = attribution(doc, "The mayor", "said", "the road was closed")
    assert train_decoder.label(right, gold, keys(gold)) == pytest.approx(1.0)
    no_cue = [
        build_attribution(doc, {"source": at("The mayor"), "content": at("the road was closed")})
    ]
    other_cue = attribution(doc, "The mayor", "claimed", "the road was closed")
    assert train_decoder._match(no_cue[0], other_cue)  # gold without a cue: j50 alone
