"""Paragraph-aware word-piece windows for the attribution tagger, and the tag scheme.

Shared by training (scripts/train_neural.py) and run time (sayso.attributions.tagger), so
that both cut a text the same way. Needs only the ``tokenizers`` package.

A window is ``[CLS] paragraph [SEP] paragraph [SEP] ...`` holding whole paragraphs (lines
of the text) up to ``max_len`` pieces; a paragraph longer than a window is cut into
consecutive chunks. Attributions in news rarely cross a paragraph, and the [SEP] between
paragraphs tells the encoder where one ends.

Tags: three independent BIO labels per piece, one per role (source, cue, content), so
that the cue of an inner attribution can sit inside the content of an outer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tokenizers import Tokenizer

ROLES = ("source", "cue", "content")
O, B, I = 0, 1, 2  # noqa: E741 - the standard names of the BIO tags
MAX_LEN = 256
NO_OFFSET = (-1, -1)


@dataclass(slots=True)
class Window:
    """Piece ids of one window and, per piece, its character range in the text
    (``NO_OFFSET`` for [CLS] and [SEP])."""

    ids: list[int]
    offsets: list[tuple[int, int]]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-blank lines of ``text``."""
    out = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            out.append((start, end))
        start = end + 1
    return out


def windows(text: str, tokenizer: Tokenizer, max_len: int = MAX_LEN) -> list[Window]:
    """Cut ``text`` into windows of whole paragraphs (see the module doc)."""
    cls, sep = _special(tokenizer, "[CLS]"), _special(tokenizer, "[SEP]")
    paras = paragraphs(text)
    encoded = tokenizer.encode_batch([text[s:e] for s, e in paras], add_special_tokens=False)
    room = max_len - 2
    out: list[Window] = []
    ids: list[int] = [cls]
    offs: list[tuple[int, int]] = [NO_OFFSET]
    for (start, _), enc in zip(paras, encoded, strict=True):
        pieces = list(zip(enc.ids, [(s + start, e + start) for s, e in enc.offsets],
                          strict=True))
        for at in range(0, len(pieces), room):
            chunk = pieces[at:at + room]
            if len(ids) + len(chunk) + 1 > max_len and len(ids) > 1:
                out.append(Window(ids, offs))
                ids, offs = [cls], [NO_OFFSET]
            ids.extend(i for i, _ in chunk)
            offs.extend(o for _, o in chunk)
            ids.append(sep)
            offs.append(NO_OFFSET)
    if len(ids) > 1:
        out.append(Window(ids, offs))
    return out


def _special(tokenizer: Tokenizer, token: str) -> int:
    found = tokenizer.token_to_id(token)
    if found is None:
        raise ValueError(f"the tokenizer has no {token} token")
    return int(found)
