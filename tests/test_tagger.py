"""The learned attribution tagger: windows, fusion with the rules, the two modes, no torch."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sayso.attributions import decoder, extract_attributions, rule_attributions, tagger
from sayso.attributions.direct import Page
from sayso.attributions.fusion import Settings, fuse
from sayso.attributions.tagger import Tagged
from sayso.attributions.windows import MAX_LEN, NO_OFFSET, paragraphs, windows

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("Senator Jane Hollis griped on Tuesday that the bridge would never be finished.\n"
        "\n"
        "The mayor said the budget was balanced, and critics disagreed.\n")


def spans(text: str, *parts: str) -> list[Tagged]:
    """Tagger output written by hand: (role, words) pairs as character spans of ``text``."""
    out = []
    for item in parts:
        role, words = item.split(":", 1)
        start = text.index(words)
        out.append(Tagged(start, start + len(words), role, 0.9))
    return out


def ranges(found: list) -> list[tuple]:  # type: ignore[type-arg]
    return [(f.cue, f.source, f.content) for f in found]


def test_paragraphs_are_the_non_blank_lines() -> None:
    assert [TEXT[s:e] for s, e in paragraphs(TEXT)] == [TEXT.split("\n")[0], TEXT.split("\n")[2]]


def test_windows_hold_whole_paragraphs_and_true_offsets() -> None:
    tok = toy_tokenizer()
    vocab = tok.get_vocab()
    text = "The mayor said it rained.\n\n" + "it rained . " * 300 + "\nThe mayor said it."
    cut = windows(text.lower(), tok, max_len=64)
    seen = []
    for window in cut:
        assert len(window.ids) <= 64
        assert window.ids[0] == vocab["[CLS]"] and window.ids[-1] == vocab["[SEP]"]
        for piece, offset in zip(window.ids, window.offsets, strict=True):
            if offset == NO_OFFSET:
                assert piece in (vocab["[CLS]"], vocab["[SEP]"])
            else:
                assert "\n" not in text[offset[0]:offset[1]]
                seen.append(offset)
    assert seen == sorted(seen) and len(seen) == len(set(seen))  # each piece once, in order
    assert MAX_LEN == 256


def toy_tokenizer():  # type: ignore[no-untyped-def]
    tokenizers = pytest.importorskip("tokenizers")
    words = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "mayor", "said", "it", "rained", "."]
    vocab = {t: i for i, t in enumerate(words)}
    tok = tokenizers.Tokenizer(tokenizers.models.WordPiece(vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = tokenizers.pre_tokenizers.BertPreTokenizer()
    return tok


def test_training_labels_tag_each_role_with_bio() -> None:
    """scripts/train_neural.py labels pieces from gold character spans (needs no torch)."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from train_neural import IGNORE, labels, role_marks

    text = "the mayor said it rained ."
    gold = [{"source": [(0, 9)], "cue": [(10, 14)], "content": [(15, 24)]},
            {"source": [], "cue": [], "content": [(18, 24)]}]  # nested: tagged as the union
    (window,) = windows(text, toy_tokenizer())
    rows = labels(window, role_marks(text, gold))
    assert rows[0] == rows[-1] == [IGNORE] * 3  # [CLS], [SEP]
    by_role = list(zip(*rows[1:-1], strict=True))  # source, cue, content over 6 pieces
    assert by_role == [(1, 2, 0, 0, 0, 0), (0, 0, 1, 0, 0, 0), (0, 0, 0, 1, 2, 0)]


def test_fusion_adds_a_cue_the_rules_missed(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TEXT), TEXT)
    rules = rule_attributions(page)
    assert not any(TEXT[f.cue[0][0]:f.cue[0][1]] == "griped" for f in rules)
    tags = spans(TEXT, "cue:griped", "source:Senator Jane Hollis",
                 "content:the bridge would never be finished")
    fused = fuse(page, rules, tags)
    (new,) = [f for f in fused if TEXT[f.cue[0][0]:f.cue[0][1]] == "griped"]
    assert [TEXT[s:e] for s, e in new.source] == ["Senator Jane Hollis"]
    assert [TEXT[s:e] for s, e in new.content] == ["the bridge would never be finished"]
    assert new.key == "tagger"


def test_new_cue_takes_the_parse_subject_when_the_tagger_marks_no_source(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TEXT), TEXT)
    tags = spans(TEXT, "cue:griped", "content:the bridge would never be finished")
    (new,) = [f for f in fuse(page, [], tags) if TEXT[f.cue[0][0]:f.cue[0][1]] == "griped"]
    assert "Hollis" in TEXT[new.source[0][0]:new.source[0][1]]


def test_fusion_keeps_rule_attributions_and_moves_confident_bounds(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TEXT), TEXT)
    rules = rule_attributions(page)
    said = [f for f in rules if TEXT[f.cue[0][0]:f.cue[0][1]] == "said"]
    assert said, "the rules find 'The mayor said ...'"
    tags = spans(TEXT, "content:the budget was balanced")
    fused = fuse(page, rule_attributions(page), tags, Settings(content_bounds=True))
    assert len(fused) >= len(rules)
    (after,) = [f for f in fused if TEXT[f.cue[0][0]:f.cue[0][1]] == "said"]
    assert [TEXT[s:e] for s, e in after.content] == ["the budget was balanced"]
    off = Settings(add_cues=False, content_bounds=False, source_bounds=False, cue_bounds=False)
    assert ranges(fuse(page, rule_attributions(page), tags, off)) == ranges(rules)


def test_fusion_without_tags_changes_nothing(nlp) -> None:  # type: ignore[no-untyped-def]
    page = Page(nlp(TEXT), TEXT)
    assert ranges(fuse(page, rule_attributions(page), [])) == ranges(rule_attributions(page))


def test_fast_mode_never_runs_the_tagger(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(TEXT)
    before = [a.to_dict() for a in extract_attributions(doc, fast=True)]

    def boom(text: str) -> list[Tagged]:
        raise AssertionError("the tagger ran in fast mode")

    monkeypatch.setattr(tagger, "available", lambda: True)
    monkeypatch.setattr(tagger, "tag", boom)
    monkeypatch.setattr(tagger, "tag_pooled", lambda text, ranges: boom(text))
    monkeypatch.setattr(tagger, "probabilities_pooled", lambda text, ranges: boom(text))
    monkeypatch.setattr(tagger, "probabilities_pools", lambda text, ranges: boom(text))
    assert [a.to_dict() for a in extract_attributions(doc, fast=True)] == before


def test_default_mode_fuses_the_tagger(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Without the learned decoder's trees, the rule decoder fuses the tagger's spans."""
    monkeypatch.setattr(decoder, "model", lambda: None)
    monkeypatch.setattr(tagger, "available", lambda: True)
    # (the default mode asks for the probabilities and the pooled states of one pass)
    monkeypatch.setattr(tagger, "probabilities_pools", lambda text, ranges: ([], None))
    monkeypatch.setattr(tagger, "decode", lambda probs: spans(
        TEXT, "cue:griped", "source:Senator Jane Hollis",
        "content:the bridge would never be finished"))
    atts = extract_attributions(nlp(TEXT))
    (griped,) = [a for a in atts if a.cue.text == "griped"]
    assert griped.source is not None and griped.source.text == "Senator Jane Hollis"
    assert griped.speaker is not None  # speakers are resolved on the fused list
    assert "griped" not in [a.cue.text for a in extract_attributions(nlp(TEXT), fast=True)]


def test_shipped_tagger_marks_a_plain_report() -> None:
    if not tagger.available():
        pytest.skip("no tagger model installed (src/sayso/data/attribution_tagger.onnx)")
    text = 'The governor said on Monday that taxes would rise.\n"We have no choice," she added.'
    found = tagger.tag(text)
    assert all(0 <= t.start < t.end <= len(text) and 0.0 <= t.score <= 1.0 for t in found)
    cues = {text[t.start:t.end] for t in found if t.role == "cue"}
    assert any(c.split()[0] == "said" for c in cues)  # the 6-layer model marks "said on"


def test_import_and_extract_never_import_torch(tmp_path: Path) -> None:
    """thinc imports torch whenever it is installed (the train extra); sayso refuses that
    probe, so neither ``import sayso`` nor ``sayso extract`` (both modes) loads torch."""
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    code = f"""
import json, sys
import sayso
after_import = "torch" in sys.modules
from sayso.cli import main
codes = [main(["extract", "--jsonl", "-o", {str(tmp_path / 'out.jsonl')!r}, {str(article)!r}]),
         main(["extract", "--fast", "--jsonl", "-o", {str(tmp_path / 'fast.jsonl')!r},
               {str(article)!r}])]
print(json.dumps([after_import, "torch" in sys.modules, codes]))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    after_import, after_extract, codes = json.loads(out.stdout.strip().splitlines()[-1])
    assert (after_import, after_extract, codes) == (False, False, [0, 0])
    record = json.loads((tmp_path / "fast.jsonl").read_text(encoding="utf-8"))
    assert record["attributions"]
