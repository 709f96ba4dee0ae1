"""The demo and benchmark corpus: 300 ABC (Australian) news articles shipped in gensim's wheel.

gensim's test data ``lee_background.cor`` holds one article per line.  We read the
file from the installed package (the ``demo`` extra) without importing gensim itself.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path


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


def write_jsonl(target: Path, copies: int = 1) -> Path:
    """The corpus as JSONL ({"id", "text"}); ``copies`` > 1 replicates it with distinct ids
    and texts (a copy number is appended) so that every copy is analysed, not deduplicated."""
    target.parent.mkdir(parents=True, exist_ok=True)
    texts = abc_articles()
    with open(target, "w", encoding="utf-8") as out:
        for copy in range(copies):
            for number, text in enumerate(texts, start=1):
                doc_id = f"abc-{number:03d}" + (f"-c{copy}" if copy else "")
                body = text if not copy else f"{text} (Copy {copy}.)"
                out.write(json.dumps({"id": doc_id, "text": body}) + "\n")
    return target
