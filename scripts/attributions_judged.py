"""A judged real-news attribution set: precision of attributions and their speakers (issue #13).

PolNeAR dev measures spans; this measures what a reader of real news meets first: is each
attribution a real one, and is it credited to the right canonical speaker? The texts are the
181 HTML pages' gold article texts (../shared/data/html), loaded by ``events_judged.articles``
(dated 2020-01-01). ``tests/data/attributions_judged.jsonl`` keeps only ids, the text's sha256,
character offsets, the speaker the system predicted when the set was drawn, and our judgment;
never article text.

    python scripts/attributions_judged.py inputs      # cache/attr_judged/inputs.jsonl (181 pages)
    sayso extract --jsonl --input-jsonl cache/attr_judged/inputs.jsonl -o cache/attr_judged/pred.jsonl
    python scripts/attributions_judged.py sample --pred cache/attr_judged/pred.jsonl  # draw, once
    python scripts/attributions_judged.py sample --round 2 --n 100   # round 2: the current
                                                      # system's attributions no judged row stands
                                                      # for (pages and ABC texts), appended
    python scripts/attributions_judged.py sample --round 10 --lee --seed 1310 --n 500  # every
                                                      # attribution of the held-out lee texts
    python scripts/attributions_judged.py show [--round 2]   # drawn rows in context (terminal only)
    python scripts/attributions_judged.py drawn       # the drawn predictions' own numbers, by round
    python scripts/attributions_judged.py score       # re-run the current system, score it
                                                      # (each round, and all rounds)
    python scripts/attributions_judged.py score --pred FILE   # or score predictions made elsewhere

One judged row per drawn attribution:

    {"doc_id", "text_sha256", "paragraph": [start, end] (the paragraph holding the cue),
     "source": [[s, e]] or null, "cue": [[s, e]], "content": [[s, e], ...],
     "pred": {"kind", "speaker": {"name", "kind", "country", "sector"} or null},
     "attribution": true/false (someone says, believes or reports the content, PolNeAR sense),
     "speaker_ok": the canonical speaker is the right person or body (null: no attribution, or
     the writer's own "I"/"we", which has no speaker to credit),
     "right_speaker": where it is wrong, the right one's name (null: unnamed or not recoverable);
     where a description was judged right, the name it stands for, if the text gives one,
     "no_source": true where the right answer is no speaker at all (the predicted source is
     part of the content: "X is expected to ..."; round 2),
     "country_ok" / "sector_ok": the coded country / sector is right (null: not coded, or no
     attribution); "right_country" / "right_sector" where wrong (null: none),
     "content_ok": the content covers the reported content roughly (Jaccard about 0.5 or more),
     "pattern": what went wrong, for rows with an error (false cue, pronoun, quote continuation,
     group, description, organisation, ...), else absent}

Round 1 (150 rows, no "round" field) was drawn from main fe5d81c over the 181 pages only.
Round 2 (``"round": 2``) was drawn from the attributions of a later main (c79538d) that no
round-1 row stands for, over the 181 pages and the 300 ABC demo texts (``abc-NNN``, rebuilt
from gensim's wheel by ``events_judged.articles``, dated 2002-01-01), at most ROUND_PER_DOC per
text; the set was judged before any change was written for it.
Round 3 (``"round": 3``, seed 1303) was drawn the same way from main 79a969a over the same
texts and judged before any change (docs/attributions.md, "Round 3").
Round 4 (``"round": 4``, seed 1304) likewise from main cd5adad, judged before any change
(docs/attributions.md, "Round 4").
Round 5 (``"round": 5``, seed 1305) likewise from main 6164a22, judged before any change
(docs/attributions.md, "Round 5").
Round 6 (``"round": 6``, seed 1306) likewise from main 2275573, judged before any change
(docs/attributions.md, "Round 6").
Round 7 (``"round": 7``, ``--seed 1607``) likewise from main cc427f0, judged before any change
(docs/attributions.md, "Round 7").
Round 8 (``"round": 8``, ``--seed 1708 --new-texts``) likewise from main e223ac5, but only from
the texts no earlier round drew from; judged before any change (docs/attributions.md, "Round 8").
Round 9 (``"round": 9``, ``--seed 1809 --new-texts``) likewise from main 3489f0a, from the
texts rounds 1–8 never drew from (85 rows: all the per-text cap allowed); judged before any
change (docs/attributions.md, "Round 9").
Round 10 (``"round": 10``, ``--seed 1310 --lee --n 500``) from main 036782d over the 50 held-out
texts of gensim's ``lee.cor`` only (``lee-NN``, rebuilt by ``events_judged.lee_articles``, dated
2002-01-01; no rule or model was ever read against them): every one of the 104 attributions, no
per-text cap; judged before any change (docs/attributions.md, "Round 10"). ``score`` rebuilds
those texts by id; a plain ``sample`` never draws from them.

Scoring matches each attribution of the scored run to the judged row of the same document
whose cue it overlaps; others are not judged and only counted. Attribution precision: matched
ones judged real. Speaker precision (of those with a speaker to credit): the run's speaker is the drawn one where that
was right, else the judged right one (by name); country and sector likewise over the rows
where they were coded or should have been. Content: the run's content overlaps the drawn one
by Jaccard >= 0.5 where that was judged ok.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_judged import (  # noqa: E402
    articles,
    by_round,
    lee_articles,
    overlap,
    predictions,
    read_jsonl,
    round_of,
    with_rows,
    write_jsonl,
)

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "attributions_judged.jsonl"
CACHE = ROOT / "cache" / "attr_judged"
SEED = 13
SAMPLE = 150
PER_DOC = 3  # at most this many drawn from one page, so the set spreads over documents
ROUND_PER_DOC = 2  # the same for rounds after the first

Row = dict[str, Any]


def pages() -> list[Row]:
    return [a for a in articles() if a["id"].startswith("html-")]


def texts_of(doc_ids: set[str] | None = None) -> list[Row]:
    """The texts (pages and ABC) with the given ids, all of them when None; the held-out lee
    texts (``lee-NN``) only when asked for by id."""
    rows = [a for a in articles() if doc_ids is None or a["id"] in doc_ids]
    return rows if doc_ids is None else rows + lee_articles(doc_ids)


def paragraph(text: str, at: int) -> list[int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return [start, len(text) if end < 0 else end]


def speaker(attr: Row) -> Row | None:
    spk = (attr.get("source") or {}).get("speaker")
    if not spk:
        return None
    return {k: spk.get(k) for k in ("name", "kind", "country", "sector")}


Drawn = tuple[str, str, Row]


def capped(drawn: list[Drawn], per_text: int, n: int) -> tuple[list[Drawn], Counter[str]]:
    """The first ``n`` of the shuffled ``drawn`` (doc id, text digest, attribution), at most
    ``per_text`` a text, in text and cue order; and how many each text gave."""
    per_doc: Counter[str] = Counter()
    kept = []
    for doc_id, digest, attr in drawn:
        if per_doc[doc_id] < per_text and len(kept) < n:
            per_doc[doc_id] += 1
            kept.append((doc_id, digest, attr))
    return sorted(kept, key=lambda d: (d[0], d[2]["cue"]["spans"][0])), per_doc


def sample(pred: Path, out: Path, n: int) -> None:
    """Draw ``n`` predicted attributions at random (seeded), at most PER_DOC per page, unjudged."""
    texts = {a["id"]: a["text"] for a in pages()}
    drawn: list[Drawn] = []
    for record in read_jsonl(pred):
        for attr in record.get("attributions", []):
            drawn.append((record["doc_id"], record["text_sha256"], attr))
    random.Random(SEED).shuffle(drawn)
    kept, per_doc = capped(drawn, PER_DOC, n)
    with out.open("w", encoding="utf-8") as fh:
        for doc_id, digest, attr in kept:
            fh.write(json.dumps(drawn_row(texts[doc_id], doc_id, digest, attr)) + "\n")
    print(f"{out}: {len(kept)} of {len(drawn)} attributions from {len(per_doc)} pages")


def sample_round(judged_path: Path, records: list[Row], round_no: int, n: int,
                 seed: int | None = None, new_texts: bool = False,
                 per_text: int = ROUND_PER_DOC) -> None:
    """Round ``round_no``: draw ``n`` attributions (seeded: ``seed``, else SEED * 100 +
    ``round_no``) of ``records`` whose cue no row already in ``judged_path`` overlaps, at most
    ``per_text`` per text, and append them, unjudged. With ``new_texts``, only from texts
    no earlier round drew from."""
    rows = read_jsonl(judged_path)
    if any(round_of(r) == round_no for r in rows):
        raise SystemExit(f"round {round_no} is already drawn in {judged_path}")
    if new_texts:
        used = {r["doc_id"] for r in rows}
        records = [r for r in records if r["doc_id"] not in used]
    texts = {a["id"]: a["text"] for a in texts_of({r["doc_id"] for r in records})}
    pool: list[Drawn] = []
    for record, doc_rows in with_rows(rows, sorted(records, key=lambda r: r["doc_id"])):
        for attr in record.get("attributions", []):
            if judged_row(doc_rows, attr) is None:
                pool.append((record["doc_id"], record["text_sha256"], attr))
    pool.sort(key=lambda d: (d[0], d[2]["cue"]["spans"][0]))
    random.Random(SEED * 100 + round_no if seed is None else seed).shuffle(pool)
    kept, per_doc = capped(pool, per_text, n)
    with judged_path.open("a", encoding="utf-8") as fh:
        for doc_id, digest, attr in kept:
            fh.write(json.dumps(drawn_row(texts[doc_id], doc_id, digest, attr, round_no)) + "\n")
    print(f"{judged_path}: round {round_no}, {len(kept)} of {len(pool)} unjudged attributions "
          f"from {len(per_doc)} texts")


def drawn_row(text: str, doc_id: str, digest: str, attr: Row, round_no: int = 1) -> Row:
    cue = attr["cue"]["spans"]
    row: Row = {"doc_id": doc_id, "text_sha256": digest}
    if round_no > 1:
        row["round"] = round_no
    row.update({"paragraph": paragraph(text, cue[0][0]),
                "source": (attr.get("source") or {}).get("spans"), "cue": cue,
                "content": attr["content"]["spans"],
                "pred": {"kind": attr["kind"], "speaker": speaker(attr)}})
    return row


def show(judged: list[Row]) -> None:
    """Print each drawn row with its paragraph, spans marked (terminal only, never saved)."""
    texts = {a["id"]: a["text"] for a in texts_of({r["doc_id"] for r in judged})}
    for i, row in enumerate(judged):
        text = texts[row["doc_id"]]
        p0, p1 = row["paragraph"]
        marks = []
        for name, spans in (("S", row["source"] or []), ("C", row["cue"]), ("Q", row["content"])):
            for s, e in spans:
                marks += [(s, f"[{name}:"), (e, "]")]
        para = text[p0:p1]
        for at, mark in sorted(marks, key=lambda m: -m[0]):
            if p0 <= at <= p1:
                para = para[: at - p0] + mark + para[at - p0:]
        before = text[max(0, p0 - 300):p0].replace("\n", " / ")
        print(f"=== {i} {row['doc_id']} r{round_of(row)} {row['pred']}\n... {before}\n>>> {para}\n")


def name_key(name: str | None) -> str:
    return re.sub(r"[^a-z]", "", (name or "").lower())


def same_name(a: str | None, b: str | None) -> bool:
    """Names match when one's last word is the other's, or one holds the other."""
    x, y = name_key(a), name_key(b)
    if not x or not y:
        return False
    if x in y or y in x:
        return True
    la = (a or "").split()[-1:] if a else []
    lb = (b or "").split()[-1:] if b else []
    return bool(la and lb and name_key(la[0]) == name_key(lb[0]))


def jaccard(a: list[list[int]], b: list[list[int]]) -> float:
    inter = sum(overlap(list(x), list(y)) for x in a for y in b)
    union = sum(e - s for s, e in a) + sum(e - s for s, e in b) - inter
    return inter / union if union else 0.0


def speaker_right(row: Row, spk: Row | None) -> bool:
    was = (row["pred"]["speaker"] or {}).get("name")
    name = (spk or {}).get("name")
    if row.get("no_source"):
        return spk is None
    if row.get("speaker_ok"):
        # (a described speaker judged right, "the acting Immigration Minister", is as right
        # named: the judgment may give the name it stands for as right_speaker)
        return same_name(name, was) or same_name(name, row.get("right_speaker"))
    return row.get("right_speaker") is not None and same_name(name, row["right_speaker"])


def field_right(row: Row, spk: Row | None, field: str) -> bool | None:
    """The run's country (sector) is right; None where the judgment has none to compare."""
    ok = row.get(f"{field}_ok")
    if ok is None:
        return None
    want = (row["pred"]["speaker"] or {}).get(field) if ok else row.get(f"right_{field}")
    return (spk or {}).get(field) == want


def judged_row(rows: list[Row], attr: Row) -> Row | None:
    cue = attr["cue"]["spans"]
    same = [r for r in rows if any(overlap(list(a), list(b)) for a in cue for b in r["cue"])]
    return same[0] if same else None


def score(judged: list[Row], records: list[Row]) -> Row:
    counts: Counter[str] = Counter()
    seen: set[int] = set()
    for record, rows in with_rows(judged, records):
        for attr in record.get("attributions", []):
            row = judged_row(rows, attr)
            if row is None:
                counts["unjudged"] += 1
                continue
            counts["matched"] += 1
            seen.add(id(row))
            if not row["attribution"]:
                continue
            counts["attribution"] += 1
            spk = speaker(attr)
            if row.get("speaker_ok") is not None:
                counts["speaker judged"] += 1
                right = speaker_right(row, spk)
                counts["speaker"] += right
                counts["misattributed"] += not right
            for field in ("country", "sector"):
                right = field_right(row, spk, field)
                if right is not None:
                    counts[f"{field} judged"] += 1
                    counts[field] += right
            if row.get("content_ok") and jaccard(attr["content"]["spans"], row["content"]) >= 0.5:
                counts["content"] += 1
    matched = counts["matched"] or 1
    true = counts["attribution"] or 1
    return {"judged": len(judged), "matched": counts["matched"], "unjudged": counts["unjudged"],
            "judged rows gone": len(judged) - len(seen),
            "attribution precision": round(counts["attribution"] / matched, 3),
            "speaker precision (of true attributions with a named speaker)":
                round(counts["speaker"] / (counts["speaker judged"] or 1), 3),
            "real and not misattributed (of matched)":
                round((counts["attribution"] - counts["misattributed"]) / matched, 3),
            "country precision": round(counts["country"] / (counts["country judged"] or 1), 3),
            "sector precision": round(counts["sector"] / (counts["sector judged"] or 1), 3),
            "content ok (of true attributions)": round(counts["content"] / true, 3)}


def baseline(judged: list[Row]) -> Row:
    """The numbers of the drawn predictions themselves, from the judgments alone."""
    n = len(judged) or 1
    true = [r for r in judged if r["attribution"]]
    t = len(true) or 1
    coded = {f: [r for r in true if r.get(f"{f}_ok") is not None] for f in ("country", "sector")}
    named = [r for r in true if r["speaker_ok"] is not None]
    patterns = Counter((("false attribution: " if not r["attribution"] else "") + r["pattern"])
                       for r in judged if r.get("pattern"))
    return {"judged": len(judged), "attributions": len(true),
            "attribution precision": round(len(true) / n, 3),
            "the writer's own (I, we: no speaker to credit)": len(true) - len(named),
            "speaker precision (of true attributions with a named speaker)":
                round(sum(1 for r in named if r["speaker_ok"]) / (len(named) or 1), 3),
            "real and not misattributed (of all drawn)":
                round(sum(1 for r in true if r["speaker_ok"] is not False) / n, 3),
            "country precision": round(sum(1 for r in coded["country"] if r["country_ok"])
                                       / (len(coded["country"]) or 1), 3),
            "sector precision": round(sum(1 for r in coded["sector"] if r["sector_ok"])
                                      / (len(coded["sector"]) or 1), 3),
            "country / sector judged": [len(coded["country"]), len(coded["sector"])],
            "content ok (of true attributions)": round(sum(1 for r in true if r["content_ok"]) / t, 3),
            "errors by pattern": dict(patterns.most_common())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["inputs", "sample", "show", "score", "drawn"])
    parser.add_argument("--pred", type=Path, help="predictions (sayso extract --jsonl output)")
    parser.add_argument("--judged", type=Path, default=JUDGED)
    parser.add_argument("--n", type=int, default=SAMPLE)
    parser.add_argument("--save", type=Path, help="score: also write the run's predictions here")
    parser.add_argument("--round", type=int, default=None,
                        help="sample: a round after the first appends to --judged (default 1); "
                             "show: only this round's rows")
    parser.add_argument("--seed", type=int, default=None,
                        help="sample: the round's seed (default 1300 + the round)")
    parser.add_argument("--new-texts", action="store_true",
                        help="sample: draw only from texts no earlier round drew from")
    parser.add_argument("--lee", action="store_true",
                        help="sample: draw from the 50 held-out lee texts only, every attribution "
                             "up to --n (no per-text cap; round 10)")
    args = parser.parse_args(argv)
    if args.command == "inputs":
        CACHE.mkdir(parents=True, exist_ok=True)
        write_jsonl(CACHE / "inputs.jsonl", pages())
        print(CACHE / "inputs.jsonl")
        return 0
    if args.command == "sample" and (args.round or 1) == 1:
        if args.pred is None:
            parser.error("sample needs --pred")
        sample(args.pred, args.judged, args.n)
        return 0
    rows = read_jsonl(args.judged)
    if args.command == "show":
        show([r for r in rows if args.round is None or round_of(r) == args.round])
        return 0
    judged = [r for r in rows if "attribution" in r]
    if args.command == "drawn":
        print(json.dumps(by_round(judged, baseline), indent=1))
        return 0
    # sample draws from every text; score runs only on the judged ones
    wanted = None if args.command == "sample" else {r["doc_id"] for r in rows}
    docs = lee_articles if args.command == "sample" and args.lee else lambda: texts_of(wanted)
    records = predictions(args.pred, docs, args.save)
    if args.command == "sample":
        sample_round(args.judged, records, args.round, args.n, args.seed, args.new_texts,
                     args.n if args.lee else ROUND_PER_DOC)
        return 0
    print(json.dumps(by_round(judged, lambda rows: score(rows, records), together=True), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
