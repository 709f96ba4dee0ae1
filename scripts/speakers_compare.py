"""Compare the speakers two revisions give on real news (issue 13).

    python scripts/speakers_compare.py texts [--out cache/speakers/texts.jsonl]
    PYTHONPATH=/work/main/src python scripts/speakers_compare.py run cache/speakers/base.jsonl
    PYTHONPATH=src python scripts/speakers_compare.py run cache/speakers/new.jsonl
    python scripts/speakers_compare.py diff cache/speakers/base.jsonl cache/speakers/new.jsonl [--show N]

``texts`` writes the measuring set as JSONL lines {"id", "text", "date"} (under cache/, never
committed: the texts are copyrighted news): the PolNeAR dev articles, the first 80 PolNeAR train
articles (sorted by file name; both dated by the date in the file name) and the 181 HTML pages'
gold texts (../shared/data/html/ground-truth.json, dated 2020-01-01), about 345 texts.

``run`` extracts them with whatever ``sayso`` the ``PYTHONPATH`` selects (``sayso extract --jsonl
--input-jsonl``; ``--fast`` for the rules-only mode).

``diff`` pairs the attributions of two runs by their source span and prints each whose speaker
(name, kind, country, sector) changed, with the source and a window of the text around it, for
reading by hand; then counts of what changed. Attributions present in only one run (the spans
differ) are counted, not shown.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
TEXTS = ROOT / "cache" / "speakers" / "texts.jsonl"
TRAIN_FIRST = 80
HTML_DATE = "2020-01-01"
FIELDS = ("name", "kind", "country", "sector")

Row = dict[str, Any]


def _polnear(split: str, limit: int | None) -> list[Row]:
    folder = SHARED / "polnear" / split / "text"
    files = sorted(folder.glob("*.txt"))[:limit]
    rows = []
    for path in files:
        date = path.stem.split("_")[1]
        text = path.read_text(encoding="utf-8")
        rows.append({"id": f"{split}/{path.stem}", "text": text, "date": date})
    return rows


def texts(out: Path) -> None:
    rows = _polnear("dev", None) + _polnear("train", TRAIN_FIRST)
    pages = json.loads((SHARED / "html" / "ground-truth.json").read_text(encoding="utf-8"))
    rows += [{"id": f"html-{key[:16]}", "text": pages[key]["articleBody"], "date": HTML_DATE}
             for key in sorted(pages)]
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} texts -> {out}")


def run(out: Path, source: Path, fast: bool) -> None:
    cmd = [sys.executable, "-m", "sayso", "extract", "--jsonl", "--input-jsonl", str(source), "-o", str(out)]
    if fast:
        cmd.append("--fast")
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    subprocess.run(cmd, check=True, env=env)


def _read(path: Path) -> dict[str, Row]:
    with path.open(encoding="utf-8") as fh:
        return {str(r.get("doc_id", r.get("id"))): r for r in (json.loads(line) for line in fh if line.strip())}


def _key(att: Row) -> tuple[Any, ...] | None:
    source = att.get("source")
    if not source:
        return None
    cue = tuple(map(tuple, (att.get("cue") or {}).get("spans") or []))
    return (tuple(map(tuple, source.get("spans") or [])), cue)


def _speaker(att: Row) -> tuple[Any, ...]:
    speaker = (att.get("source") or {}).get("speaker") or {}
    return tuple(speaker.get(f) for f in FIELDS)


def _window(text: str, start: int, end: int, width: int = 160) -> str:
    a, b = max(0, start - width), min(len(text), end + width)
    return (text[a:start] + "[[" + text[start:end] + "]]" + text[end:b]).replace("\n", " ¶ ")


def diff(base: Path, new: Path, show: int, texts_path: Path) -> None:
    a, b = _read(base), _read(new)
    source_texts = {r["id"]: r["text"] for r in _read(texts_path).values()} if texts_path.exists() else {}
    counts: Counter[str] = Counter()
    shown = 0
    for doc_id in sorted(set(a) | set(b)):
        left = {_key(x): x for x in (a.get(doc_id) or {}).get("attributions", []) if _key(x)}
        right = {_key(x): x for x in (b.get(doc_id) or {}).get("attributions", []) if _key(x)}
        counts["only base"] += len(set(left) - set(right))
        counts["only new"] += len(set(right) - set(left))
        for key in sorted(set(left) & set(right), key=str):
            counts["paired"] += 1
            before, after = _speaker(left[key]), _speaker(right[key])
            if before == after:
                continue
            changed = [f for f, x, y in zip(FIELDS, before, after, strict=True) if x != y]
            counts["changed"] += 1
            counts.update(f"changed {f}" for f in changed)
            if shown >= show:
                continue
            shown += 1
            spans = key[0]
            start, end = spans[0][0], spans[-1][1]
            text = source_texts.get(doc_id, "")
            print(f"## {doc_id} {start}-{end} {changed}")
            print(f"   base: {before}")
            print(f"   new:  {after}")
            if text:
                print(f"   {_window(text, start, end)}")
    print(dict(counts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("texts")
    p.add_argument("--out", type=Path, default=TEXTS)
    p = sub.add_parser("run")
    p.add_argument("out", type=Path)
    p.add_argument("--texts", type=Path, default=TEXTS)
    p.add_argument("--fast", action="store_true")
    p = sub.add_parser("diff")
    p.add_argument("base", type=Path)
    p.add_argument("new", type=Path)
    p.add_argument("--show", type=int, default=1000)
    p.add_argument("--texts", type=Path, default=TEXTS)
    args = parser.parse_args()
    if args.command == "texts":
        texts(args.out)
    elif args.command == "run":
        run(args.out, args.texts, args.fast)
    else:
        diff(args.base, args.new, args.show, args.texts)


if __name__ == "__main__":
    main()
