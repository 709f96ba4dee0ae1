"""scripts/cameo_data.py: ConfliBERT's tagged tokens joined into a sentence with their phrases'
character spans, and the fixed tune/test halves (own tokens; the shared files are not needed)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import cameo_data  # noqa: E402


def test_joined_spans_point_at_their_phrases() -> None:
    tokens = [("The", "B-S"), ("border", "I-S"), ("guards", "I-S"), ("stopped", "O"), ("two", "B-T"),
              ("smugglers", "I-T"), (",", "O"), ("officials", "O"), ("said", "O"), (".", "O")]
    text, spans = cameo_data.joined(tokens)
    assert text == "The border guards stopped two smugglers, officials said."
    assert [text[s:e] for s, e in spans["S"]] == ["The border guards"]
    assert [text[s:e] for s, e in spans["T"]] == ["two smugglers"]


def test_a_second_phrase_of_one_role_is_its_own_span() -> None:
    tokens = [("Rebels", "B-S"), ("attacked", "O"), ("a", "B-T"), ("convoy", "I-T"), ("and", "O"),
              ("the", "B-T"), ("town", "I-T")]
    text, spans = cameo_data.joined(tokens)
    assert [text[s:e] for s, e in spans["T"]] == ["a convoy", "the town"]


def test_halves_are_fixed_and_both_used() -> None:
    sentences = [f"Sentence number {n} about a ceasefire." for n in range(200)]
    halves = [cameo_data.half(s) for s in sentences]
    assert halves == [cameo_data.half(s) for s in sentences]
    assert 60 < halves.count("tune") < 140
    rows = [{"half": h} for h in halves]
    assert len(cameo_data.split(rows, "tune")) + len(cameo_data.split(rows, "test")) == 200
    assert len(cameo_data.split(rows, "all")) == 200
