"""List PolNeAR gold attributions to label for the claim-tracker gold set.

``python scripts/claims_gold.py candidates REGEX...`` prints (to the terminal, never into
the repository) the train gold attributions whose content matches every REGEX: document,
E id, content offsets, source, cue and content. The gold file (tests/data/claims_gold.tsv)
keeps only document ids, E ids, offsets and our labels; see docs/claims_labelling.md.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from sayso.claims.evaluate import read_brat

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polnear" / "train"


def candidates(patterns: list[str]) -> None:
    regexes = [re.compile(p, re.I) for p in patterns]
    for txt in sorted((POLNEAR / "text").glob("*.txt")):
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        for eid, (source, cue, content) in read_brat(POLNEAR, txt.stem).items():
            said = " … ".join(text[s:e] for s, e in content)
            if content and all(r.search(said) for r in regexes):
                offsets = ";".join(f"{s}-{e}" for s, e in content)
                who = " … ".join(text[s:e] for s, e in source)
                verb = " … ".join(text[s:e] for s, e in cue)
                print(f"{txt.stem}\t{eid}\t{offsets}\t{who!r}\t{verb!r}\t{said[:300]!r}")


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "candidates":
        sys.exit(__doc__)
    candidates(sys.argv[2:])
