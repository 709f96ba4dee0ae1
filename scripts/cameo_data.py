"""ConfliBERT's CAMEO sentences (``../shared/data/cameo``) read at run time, split in two halves.

Real political-conflict news sentences (Multi-CoPED, from the ConfliBERT repository, GPL-3.0;
see ../shared/data/README.md): ``cameo_class/train.tsv`` gives each sentence a CAMEO "penta"
class (0 statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
conflict), ``cameo_ner/train.txt`` tags its source (S), target (T) and reciprocal (R) actors.
Nothing of them is copied into the repository: scripts read them from ../shared and keep ids
(``cameo-class-N`` / ``cameo-ner-N``, the line or sentence number), offsets and labels only.

No rule or model of sayso was tuned on them before the twenty-fourth session, so they are split
once, by a seeded hash of the sentence, into a ``tune`` half (read, tuned on) and a ``test`` half
(scored once for final code): ``split``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from attributions_corpus import SHARED

CAMEO = SHARED / "data" / "cameo"
SALT = "cameo24"
PENTA = ("statement", "verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
# Tokens written without a space before them when the tagged tokens are joined into a sentence.
NO_SPACE_BEFORE = {",", ".", "'s", "'", ")", ":", ";", "?", "!", "n't", "%", "'re", "'ve", "'ll", "'d"}

Row = dict[str, Any]


def half(text: str) -> str:
    """``tune`` or ``test``: a fixed half for each sentence, the same on every machine."""
    digest = hashlib.sha256(f"{SALT}\n{text}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "test"


def class_rows(path: Path | None = None) -> list[Row]:
    """``cameo_class``: ``{"id", "text", "penta", "half"}``, one per line of the file."""
    path = path or CAMEO / "cameo_class" / "train.tsv"
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        text, _, label = line.rstrip("\r").rpartition("\t")
        if text.strip() and label.strip().isdigit():
            rows.append({"id": f"cameo-class-{n}", "text": text, "penta": int(label), "half": half(text)})
    return rows


def ner_rows(path: Path | None = None) -> list[Row]:
    """``cameo_ner``: ``{"id", "text", "spans": {"S"|"T"|"R": [[start, end], ...]}, "half"}``,
    one per tagged sentence, the tokens joined with single spaces except before punctuation."""
    path = path or CAMEO / "cameo_ner" / "train.txt"
    rows: list[Row] = []
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            word, _, tag = line.rpartition(" ")
            tokens.append((word, tag))
            continue
        if tokens:
            text, spans = joined(tokens)
            rows.append({"id": f"cameo-ner-{len(rows)}", "text": text, "spans": spans, "half": half(text)})
        tokens = []
    return rows


def joined(tokens: list[tuple[str, str]]) -> tuple[str, dict[str, list[list[int]]]]:
    """The sentence and the character spans of every tagged phrase (B- opens one, I- extends it)."""
    text, spans = "", {}  # type: tuple[str, dict[str, list[list[int]]]]
    for word, tag in tokens:
        if text and word not in NO_SPACE_BEFORE and not text.endswith("("):
            text += " "
        start = len(text)
        text += word
        role = tag[2:] if tag != "O" else ""
        if tag.startswith("B-"):
            spans.setdefault(role, []).append([start, len(text)])
        elif tag.startswith("I-") and spans.get(role) and spans[role][-1][1] >= start - 1:
            spans[role][-1][1] = len(text)
    return text, spans


def split(rows: list[Row], part: str) -> list[Row]:
    """The rows of one half (``tune`` or ``test``; ``all`` keeps every row)."""
    return rows if part == "all" else [r for r in rows if r["half"] == part]
