"""Measure the learned tagger and each part of its fusion with the rules (shared scorer).

    python scripts/neural_fusion.py holdout   # train articles the tagger never saw: tune here
    python scripts/neural_fusion.py dev       # report here (do not tune on it)

Prints one row per decoder setting: rules alone, tagger alone, each fusion step alone and
all together; j50 F1 and exact P/R/F1 per role, with counts. Reads ../shared; parses and
tagger outputs are cached under cache/neural/ (git-ignored), nothing goes into the repo.
"""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import CACHE, POLNEAR, doc_ids, load_docs  # noqa: E402
from sayso.attributions import rule_attributions, tagger  # noqa: E402
from sayso.attributions.direct import Page, build  # noqa: E402
from sayso.attributions.fusion import Settings, fuse  # noqa: E402
from sayso.eval.attributions import score  # noqa: E402
from sayso.knowledge.linear import data_path  # noqa: E402
from train_neural import held_out_ids  # noqa: E402

HOLDOUT = 10
OFF = Settings(add_cues=False, content_bounds=False, source_bounds=False, cue_bounds=False)
VARIANTS: dict[str, Settings | None] = {
    "rules alone (--fast)": OFF,
    "tagger alone": None,
    "+ new cues": dataclasses.replace(OFF, add_cues=True),
    "+ content bounds": dataclasses.replace(OFF, content_bounds=True),
    "+ source bounds": dataclasses.replace(OFF, source_bounds=True),
    "+ cue bounds": dataclasses.replace(OFF, cue_bounds=True),
    "all bounds + new cues": Settings(content_bounds=True, source_bounds=True, cue_bounds=True),
    "default (new cues)": Settings(),
    "default + veto": Settings(veto=True),
}


def articles(name: str) -> tuple[str, list[str]]:
    """(PolNeAR split folder, article ids) for 'dev' or 'holdout' (every 10th train article)."""
    limit = int(os.environ.get("NEURAL_LIMIT", "0")) or None  # for a quick look
    if name == "holdout":
        return "train", held_out_ids(HOLDOUT)[:limit]
    return name, doc_ids(name)[:limit]


def parsed(name: str):  # type: ignore[no-untyped-def]
    split, ids = articles(name)
    return load_docs(split, ids=ids, name=name)


def tagged(name: str, docs: list) -> dict[str, list]:  # type: ignore[type-arg]
    stamp = os.stat(data_path(tagger.MODEL_FILE)).st_mtime_ns
    path = CACHE / "neural" / f"{name}.{len(docs)}.probs.{stamp}.pkl"
    if path.exists():
        return {doc_id: tagger.decode(p) for doc_id, p in pickle.loads(path.read_bytes()).items()}
    probs = {doc_id: tagger.probabilities(doc.text) for doc_id, doc in docs}
    path.write_bytes(pickle.dumps(probs))
    return {doc_id: tagger.decode(p) for doc_id, p in probs.items()}


def gold_folder(name: str, tmp: Path) -> Path:
    """The split folder, or for the holdout a folder of links to its articles only."""
    split, ids = articles(name)
    if name != "holdout" and len(ids) == len(doc_ids(split)):
        return POLNEAR / split
    for sub in ("text", "attributions"):
        (tmp / sub).mkdir(parents=True)
    for doc_id in ids:
        (tmp / "text" / f"{doc_id}.txt").symlink_to(POLNEAR / split / "text" / f"{doc_id}.txt")
        for ann in (POLNEAR / split / "attributions").glob(f"{doc_id}*.ann"):
            (tmp / "attributions" / ann.name).symlink_to(ann)
    return tmp


def predictions(docs: list, tags: dict, settings: Settings | None) -> list[dict]:  # type: ignore[type-arg]
    out = []
    for doc_id, doc in docs:
        page = Page(doc, doc.text)
        if settings is None:  # the tagger's spans linked by the decoder, no rule attribution
            found = fuse(page, [], tags[doc_id], Settings(new_cue_score=0.0))
        else:
            found = fuse(page, rule_attributions(page), tags[doc_id], settings)
        out.append({"doc_id": doc_id,
                    "attributions": [build(page.text, f, n).to_dict()
                                     for n, f in enumerate(found, 1)]})
    return out


def row(label: str, result: dict) -> str:  # type: ignore[type-arg]
    cells = [f"{label:<22}", f"j50 {result['attribution']['j50']['f1']:.3f}"]
    for role in ("source", "cue", "content"):
        e = result[role]["exact"]
        cells.append(f"{role} {e['precision']:.3f}/{e['recall']:.3f}/{e['f1']:.3f}")
    j = result["attribution"]["j50"]
    cells.append(f"(j50 tp {j['tp']} pred {j['pred']} gold {j['gold']})")
    return "  ".join(cells)


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "holdout"
    only = sys.argv[2:]
    docs = parsed(name)
    tags = tagged(name, docs)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        gold = gold_folder(name, Path(tmp))
        for label, settings in VARIANTS.items():
            if only and label not in only:
                continue
            results[label] = score(gold, predictions(docs, tags, settings))
            print(row(label, results[label]), flush=True)
    if not only and not os.environ.get("NEURAL_LIMIT"):  # the model card reads these
        (CACHE / "neural" / f"metrics_{name}.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
