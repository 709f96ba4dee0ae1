"""The demo and benchmark corpus: 300 ABC (Australian) news articles shipped in gensim's wheel.

gensim's test data ``lee_background.cor`` holds one article per line.  We read the
file from the installed package (the ``demo`` extra) without importing gensim itself.

The articles come without dates or titles.  They are the background corpus of Lee, Pincombe
and Welsh (2005), taken from ABC's news mail service; by their content (the war in
Afghanistan, the December 2001 New South Wales bushfires, Argentina's interim president
resigning, New Year's Eve) they were written in the last months of 2001, so the demo dates
them ``PERIOD`` (``ingest --date-default``) and titles each with its first sentence.
"""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path

SITE_NAME = "ABC News (Lee corpus)"
PERIOD = "2001-12-31"
TITLE_CHARS = 120
_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


class CorpusMissing(RuntimeError):
    """gensim is not installed, so the demo corpus is not on this machine."""


def lee_path() -> Path:
    spec = importlib.util.find_spec("gensim")
    if spec is None or not spec.submodule_search_locations:
        raise CorpusMissing("the demo corpus ships with gensim: pip install 'sayso[demo]'")
    path = Path(next(iter(spec.submodule_search_locations)), "test", "test_data",
                "lee_background.cor")
    if not path.exists():
        raise CorpusMissing(f"{path} not found in the installed gensim")
    return path


def abc_articles() -> list[str]:
    with open(lee_path(), encoding="utf-8") as stream:
        return [line.strip() for line in stream if line.strip()]


def abc_test_articles() -> list[str]:
    """The other 50 ABC texts in gensim's test data (``lee.cor``, Lee and Pincombe's similarity set,
    none of them in ``lee_background.cor``). Not part of the demo: the judged sets keep them apart
    as fresh text nobody tuned on. The file is Latin-1 (a pound sign)."""
    path = lee_path().with_name("lee.cor")
    with open(path, encoding="latin-1") as stream:
        return [line.strip() for line in stream if line.strip()]


def title_of(text: str) -> str:
    """The first sentence of the first line, cut at a word when longer than TITLE_CHARS."""
    first = _SENTENCE_END.split(text.strip().splitlines()[0] if text.strip() else "", 1)[0]
    if len(first) <= TITLE_CHARS:
        return first.rstrip(".")
    return first[:TITLE_CHARS].rsplit(" ", 1)[0] + "\u2026"


def write_jsonl(target: Path, copies: int = 1) -> Path:
    """The corpus as JSONL ({"id", "title", "site_name", "text"}); ``copies`` > 1 replicates it with distinct ids
    and texts (a copy number is appended) so that every copy is analysed, not deduplicated."""
    target.parent.mkdir(parents=True, exist_ok=True)
    texts = abc_articles()
    with open(target, "w", encoding="utf-8") as out:
        for copy in range(copies):
            for number, text in enumerate(texts, start=1):
                doc_id = f"abc-{number:03d}" + (f"-c{copy}" if copy else "")
                body = text if not copy else f"{text} (Copy {copy}.)"
                out.write(json.dumps({"id": doc_id, "title": title_of(text),
                                      "site_name": SITE_NAME, "text": body}) + "\n")
    return target
