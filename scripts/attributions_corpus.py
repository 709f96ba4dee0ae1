"""Reading PolNeAR (../shared) and caching its spaCy parses for attribution work.

Used by scripts/train_attributions.py and scripts/attributions_errors.py. Texts are read
from ../shared at run time and parses cached under cache/ (git-ignored); nothing from the
corpus is written into the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
POLNEAR = SHARED / "data" / "polnear"
CACHE = ROOT / "cache"

Spans = list[tuple[int, int]]


def doc_ids(split: str) -> list[str]:
    return sorted(p.stem for p in (POLNEAR / split / "text").glob("*.txt"))


def read_text(split: str, doc_id: str) -> str:
    with open(POLNEAR / split / "text" / f"{doc_id}.txt", encoding="utf-8", newline="") as fh:
        return fh.read()


def ann_path(split: str, doc_id: str) -> Path | None:
    files = sorted((POLNEAR / split / "attributions").glob(f"{doc_id}*.ann"))
    exact = [f for f in files if f.stem == doc_id]
    if exact:
        return exact[0]
    files = [f for f in files if f.stem[len(doc_id):].startswith("_")
             and "_" not in f.stem[len(doc_id) + 1:]]
    return files[0] if files else None


def read_gold(split: str, doc_id: str) -> list[dict[str, Spans]]:
    """Attributions as {"source": spans, "cue": spans, "content": spans} (first annotator)."""
    path = ann_path(split, doc_id)
    if path is None:
        return []
    spans: dict[str, Spans] = {}
    links: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _type, _, offs = parts[1].partition(" ")
            try:
                spans[parts[0]] = [(int(a), int(b)) for a, b in
                                   (o.split() for o in offs.split(";"))]
            except ValueError:
                continue
        elif line.startswith("E") and len(parts) >= 2:
            links.append([tuple(arg.split(":", 1)) for arg in parts[1].split()])  # type: ignore[misc]
    out = []
    for args in links:
        rec: dict[str, Spans] = {"source": [], "cue": [], "content": []}
        for role, tid in args[1:]:
            role = role.lower().rstrip("0123456789")
            if role in rec:
                rec[role].extend(spans.get(tid, []))
        if any(rec.values()):
            out.append(rec)
    return out


def load_docs(split: str, nlp=None, ids: list[str] | None = None,  # type: ignore[no-untyped-def]
              name: str | None = None):
    """(doc_id, Doc) pairs of a split (or of ``ids`` in it, a subset called ``name``), parsed
    once and cached as a DocBin under cache/."""
    from spacy.tokens import DocBin

    from sayso.nlp import PARSE_VERSION, load

    nlp = nlp or load()
    if ids is None:
        ids, path = doc_ids(split), CACHE / f"polnear_{split}.v{PARSE_VERSION}.spacy"
    else:
        path = CACHE / f"polnear_{name or split}.{len(ids)}.v{PARSE_VERSION}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if len(docs) == len(ids):
            return list(zip(ids, docs, strict=True))
    texts = [read_text(split, i) for i in ids]
    docs = list(nlp.pipe(texts, batch_size=16))
    CACHE.mkdir(exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return list(zip(ids, docs, strict=True))


if __name__ == "__main__":
    for name in sys.argv[1:] or ["dev", "train"]:
        print(name, len(load_docs(name)))
