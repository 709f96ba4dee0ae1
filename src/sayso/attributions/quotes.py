"""Finding quotation regions in raw text in one linear pass.

Pairs opening and closing marks of every common style; a straight ``"`` toggles; a
single ``'``/``’`` counts as a mark only at a word boundary (not in "don't" or "Jones'
s"). Unbalanced marks never raise: an opening mark left open closes at the end of its
paragraph, a stray closing mark is ignored.
"""

from __future__ import annotations

import re

OPEN_TO_CLOSE = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›", "»": "«"}
DOUBLE = {'"', "“", "”", "„", "«", "»"}
# Every character that opens or closes a quotation, or ends an open one (a line break): the
# scan visits these only, not each character of the text.
MARKS = re.compile("[\"“”«»„‘’‹›'\n]")


def _is_single_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isalnum() and after.isalnum()


def _is_single_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isalnum() or before in ".,!?") and not after.isalnum()


def _paragraph_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    return len(text) if end < 0 else end


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _reopens(text: str, open_at: int, i: int) -> bool:
    """A straight mark after a sentence's end and a space, a capital right after it, inside a
    quotation of more than that one sentence: it opens the next quoted paragraph rather than
    closing this one (a closing mark follows the sentence's end directly)."""
    before = _rstrip(text, open_at, i)
    return (before < i and before - 1 > open_at and text[before - 1] in ".!?"
            and i + 1 < len(text) and text[i + 1].isupper())


def find_quotes(text: str, reopen: bool = False) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` of quotations, marks included, in text order.

    Double-mark quotes may run over paragraphs only where the next paragraph reopens
    the quote (the news convention); otherwise an open quote closes at the paragraph end.
    With ``reopen`` (default mode), a straight mark that opens a sentence after a finished
    one inside a quotation opens the next quoted paragraph (``_reopens``).
    """
    # Two apostrophes stand for a double quotation mark in some wire copy; the stand-in
    # keeps the text length so offsets stay true.
    text = text.replace("''", '"\u2063').replace("``", '"\u2063')
    regions: list[tuple[int, int]] = []
    open_at = -1
    closer = ""
    n = len(text)
    for mark in MARKS.finditer(text):  # (no other character changes the state)
        i = mark.start()
        ch = text[i]
        if open_at >= 0:
            if reopen and ch == '"' and closer == '"' and _reopens(text, open_at, i):
                # (a quoted paragraph left open, the next one opening: paragraphs joined by
                # spaces, as in some wire copy: "... some training. "He came back ...")
                regions.append((open_at, _rstrip(text, open_at, i)))
                open_at = i
            elif ch == closer or (closer in DOUBLE and ch in ('"', "”")):
                if closer in DOUBLE or _is_single_close(text, i):
                    end = i + 2 if i + 1 < n and text[i + 1] == "\u2063" else i + 1
                    regions.append((open_at, end))
                    open_at = -1
            elif ch == "\n":
                regions.append((open_at, _rstrip(text, open_at, i)))
                open_at = -1
        elif ch == '"' or ch in ("“", "«", "„", "»") or (ch in "‘'" and _is_single_open(text, i)):
            open_at = i
            closer = '"' if ch == '"' else OPEN_TO_CLOSE.get(ch, "’")
            if ch == "'":
                closer = "'"
    if open_at >= 0:
        regions.append((open_at, _rstrip(text, open_at, _paragraph_end(text, open_at))))
    return [r for r in regions if r[1] - r[0] > 2]
