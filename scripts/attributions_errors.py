"""Error analysis for the attribution extractor on PolNeAR (reads ../shared; prints only).

    python scripts/attributions_errors.py score train      # scores via the shared scorer
    python scripts/attributions_errors.py show train 20    # gold vs predicted, 20 docs
    python scripts/attributions_errors.py cues train       # most missed / spurious cue strings

Texts are printed to the terminal for study; nothing is written into the repository
(predictions go to cache/, which git ignores).
"""

from __future__ import annotations

import collections
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import CACHE, POLNEAR, SHARED, load_docs, read_gold  # noqa: E402
from sayso.attributions import extract_attributions  # noqa: E402


def predict(split: str) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    for doc_id, doc in load_docs(split):
        out[doc_id] = [a.to_dict() for a in extract_attributions(doc)]
    path = CACHE / f"pred_{split}.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, atts in out.items():
            fh.write(json.dumps({"doc_id": doc_id, "attributions": atts}) + "\n")
    return out


def score(split: str) -> None:
    predict(split)
    subprocess.run([sys.executable, str(SHARED / "eval" / "score_attributions.py"),
                    "--gold", str(POLNEAR / split), "--pred", str(CACHE / f"pred_{split}.jsonl")],
                   check=True)


def _text(text: str, spans: list) -> str:
    return " | ".join(text[s:e] for s, e in sorted(spans))


def show(split: str, count: int) -> None:
    preds = predict(split)
    for doc_id, doc in load_docs(split)[:count]:
        text = doc.text
        gold = {tuple(sorted(map(tuple, g["cue"]))): g for g in read_gold(split, doc_id)}
        pred = {tuple(sorted(map(tuple, p["cue"]["spans"]))): p for p in preds[doc_id]}
        for key in sorted(set(gold) | set(pred)):
            g, p = gold.get(key), pred.get(key)
            mark = "OK " if g and p else ("MISS" if g else "SPUR")
            print(f"{mark} cue={_text(text, list(key))!r}")
            if g:
                print(f"   G src={_text(text, g['source'])!r} cont={_text(text, g['content'])[:160]!r}")
            if p:
                src = p["source"]["spans"] if p["source"] else []
                print(f"   P src={_text(text, src)!r} cont={_text(text, p['content']['spans'])[:160]!r}")


def cues(split: str) -> None:
    preds = predict(split)
    missed: collections.Counter = collections.Counter()
    spurious: collections.Counter = collections.Counter()
    for doc_id, doc in load_docs(split):
        text = doc.text
        gold = {_text(text, g["cue"]).lower() for g in read_gold(split, doc_id)}
        pred = {_text(text, p["cue"]["spans"]).lower() for p in preds[doc_id]}
        missed.update(gold - pred)
        spurious.update(pred - gold)
    print("missed:", missed.most_common(60))
    print("spurious:", spurious.most_common(60))


if __name__ == "__main__":
    cmd, split = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "train"
    if cmd == "score":
        score(split)
    elif cmd == "show":
        show(split, int(sys.argv[3]) if len(sys.argv) > 3 else 5)
    else:
        cues(split)
