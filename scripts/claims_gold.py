"""Read PolNeAR gold attributions from ../shared for the claim-tracker gold set.

``python scripts/claims_gold.py candidates REGEX...`` lists gold attributions whose content
matches every REGEX (for labelling; print to a terminal, never into the repository).
The gold file itself (tests/data/claims_gold.tsv) holds only document ids, character
offsets and our labels; texts are re-read from ../shared at evaluation time.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "polnear"

Offsets = list[tuple[int, int]]


@dataclass
class GoldAttribution:
    doc: str
    eid: str
    source: Offsets
    cue: Offsets
    content: Offsets
    text: str
    date: str | None

    def part(self, spans: Offsets) -> str:
        return " … ".join(self.text[s:e] for s, e in spans)


def _spans(field: str) -> Offsets:
    out = []
    for piece in field.split(";"):
        start, end = piece.split()
        out.append((int(start), int(end)))
    return out


def _ann_for(doc: str, folder: Path) -> Path | None:
    files = sorted(folder.glob(f"{doc}_*.ann"))
    return files[0] if files else None


def read_doc(doc: str, split: str = "train", dates: dict[str, str] | None = None
             ) -> list[GoldAttribution]:
    folder = SHARED / split
    ann = _ann_for(doc, folder / "attributions")
    if ann is None:
        return []
    with open(folder / "text" / f"{doc}.txt", encoding="utf-8", newline="") as fh:
        text = fh.read()
    spans: dict[str, Offsets] = {}
    links: list[tuple[str, dict[str, str]]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            head = parts[1].split(" ", 1)
            if len(head) == 2:
                spans[parts[0]] = _spans(head[1])
        elif line.startswith("E") and len(parts) >= 2:
            roles = dict(p.split(":", 1) for p in parts[1].split() if ":" in p)
            links.append((parts[0], roles))
    out = []
    for eid, roles in links:
        content = spans.get(roles.get("Content", ""), []) + spans.get(roles.get("Content2", ""), [])
        out.append(GoldAttribution(
            doc=doc, eid=eid, source=spans.get(roles.get("Source", ""), []),
            cue=spans.get(roles.get("Cue", ""), []), content=sorted(content), text=text,
            date=(dates or {}).get(doc)))
    return out


def publication_dates() -> dict[str, str]:
    dates = {}
    for line in (SHARED / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) > 5:
            dates[cols[1]] = cols[5]
    return dates


def all_docs(split: str = "train") -> list[str]:
    return sorted(p.stem for p in (SHARED / split / "text").glob("*.txt"))


def candidates(patterns: list[str]) -> None:
    regexes = [re.compile(p, re.I) for p in patterns]
    dates = publication_dates()
    for doc in all_docs():
        for att in read_doc(doc, dates=dates):
            content = att.part(att.content)
            if all(r.search(content) for r in regexes):
                offsets = ";".join(f"{s}-{e}" for s, e in att.content)
                print(f"{doc}\t{att.eid}\t{offsets}\t{att.part(att.source)!r}\t"
                      f"{att.part(att.cue)!r}\t{content[:300]!r}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "candidates":
        sys.exit(__doc__)
    candidates(sys.argv[2:])
