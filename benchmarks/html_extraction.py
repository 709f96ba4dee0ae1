"""Article text extraction on the article-extraction-benchmark (181 real pages, gold text).

Scores as that benchmark does: bag-of-words (token) precision / recall / F1 of the
extracted text against the gold ``articleBody``, per page, averaged over pages.
A page where nothing is extracted scores 0.

    python benchmarks/html_extraction.py [--data ../shared/data/html] [--setting NAME]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sayso.ingest.html import SETTINGS, extract_text

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "html"
SETTINGS_TRIED: dict[str, dict[str, Any]] = {
    "sayso": {},
    "default": {"include_comments": True, "include_tables": True},
    "precision": {"favor_precision": True},
    "recall": {"favor_recall": True},
    "no_tables": {"include_tables": False},
    "precision_no_tables": {"favor_precision": True, "include_tables": False},
    "balanced": {"favor_precision": False},
}
_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(_TOKEN.findall(text))


def prf(extracted: str, gold: str) -> tuple[float, float, float]:
    got, want = tokens(extracted), tokens(gold)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(data: Path, settings: dict[str, Any]) -> dict[str, float]:
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for key, record in sorted(gold.items()):
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        scores.append(prf(extract_text(html, url=record.get("url"), **settings),
                          record["articleBody"]))
    n = len(scores)
    precision, recall = sum(s[0] for s in scores) / n, sum(s[1] for s in scores) / n
    # The benchmark's table reports F1 of the mean precision and recall; we print both.
    return {"pages": n, "precision": precision, "recall": recall,
            "f1": sum(s[2] for s in scores) / n,
            "f1_of_means": 2 * precision * recall / (precision + recall) if n else 0.0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--setting", choices=sorted(SETTINGS_TRIED), action="append")
    args = parser.parse_args()
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark data at {args.data}", file=sys.stderr)
        return 2
    print(f"sayso settings: {SETTINGS}")
    for name in args.setting or ["sayso"]:
        started = time.perf_counter()
        result = evaluate(args.data, SETTINGS_TRIED[name])
        seconds = time.perf_counter() - started
        print(f"{name:10s} pages={result['pages']} P={result['precision']:.3f} "
              f"R={result['recall']:.3f} F1={result['f1']:.3f} "
              f"F1(mean P, mean R)={result['f1_of_means']:.3f}  ({seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
