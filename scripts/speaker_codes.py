"""One code per canonical speaker per article (issue #13, deliverable 5): list every article
where one canonical speaker carries more than one country or sector across its attributions.

    python scripts/speaker_codes.py PRED.jsonl [PRED2.jsonl ...] [--list]

PRED is ``sayso extract --jsonl`` output (``attributions_judged.py score --save``, ``sayso eval
attributions --save-pred``). A canonical speaker is a person speaker's name (case-folded: the
attribution engine's canonical name; knowledge-base ids are compared as a cause); groups, organisations and coordinated speakers are left out (a group's
code may honestly differ with its members). Each conflict is counted once per (article,
speaker, attribute) under its cause:

- ``uncoded``: some attributions carry the code, others none;
- ``kb_vs_text``: some attributions carry a knowledge-base id, others none (a KB row against a
  role read in the text);
- ``role``: the attributions name different roles (or only some name one);
- ``other``: the same id and role, coded apart (the mention's own words differ).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

Row = dict


def speaker_key(speaker: Row) -> str | None:
    if speaker.get("kind") != "person" or speaker.get("members"):
        return None
    return (speaker.get("name") or "").strip().casefold() or None


def conflicts(record: Row) -> list[tuple[str, str, str, list[Row]]]:
    """(speaker key, attribute, cause, the speakers) for each conflict in one article."""
    by_key: dict[str, list[Row]] = defaultdict(list)
    for attribution in record.get("attributions", []):
        speaker = (attribution.get("source") or {}).get("speaker")
        if speaker and (key := speaker_key(speaker)):
            by_key[key].append(speaker)
    found = []
    for key, speakers in by_key.items():
        for attribute in ("country", "sector"):
            values = {s.get(attribute) for s in speakers}
            if len(values) > 1:
                found.append((key, attribute, cause(speakers, values), speakers))
    return found


def cause(speakers: list[Row], values: set) -> str:
    if None in values and len(values) == 2:
        return "uncoded"
    if len({bool(s.get("kb_id")) for s in speakers}) > 1:
        return "kb_vs_text"
    if len({s.get("role") for s in speakers}) > 1:
        return "role"
    return "other"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pred", type=Path, nargs="+")
    parser.add_argument("--list", action="store_true", help="print each conflict")
    args = parser.parse_args()
    for path in args.pred:
        counts: Counter[str] = Counter()
        articles = speakers_seen = 0
        for line in path.open(encoding="utf-8"):
            record = json.loads(line)
            found = conflicts(record)
            articles += bool(found)
            speakers_seen += len({key for key, *_ in found})
            for key, attribute, why, speakers in found:
                counts[f"{attribute}:{why}"] += 1
                if args.list:
                    codes = sorted({(s.get("country"), s.get("sector"), s.get("role"), s.get("kb_id"))
                                    for s in speakers}, key=str)
                    print(f"  {record['doc_id']}\t{key}\t{attribute}\t{why}\t{codes}")
        print(json.dumps({"pred": str(path), "articles": articles, "speakers": speakers_seen,
                          "by_cause": dict(sorted(counts.items()))}))


if __name__ == "__main__":
    main()
