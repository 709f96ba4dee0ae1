"""The event detector's operating point: its threshold swept over every measure (issue #14).

Each measure is run once with the detector tracing (``sayso.events.detect.TRACE``: every
sentence it is asked about, with its probability, is kept); a threshold is then applied
afterwards by dropping the events of the traced sentences below it. At the shipped threshold
this reproduces the shipped run (checked: docs/events.md, "Detector operating point").

    python scripts/detector_sweep.py trace judged     # cache/sweep/judged.jsonl (~4 min)
    python scripts/detector_sweep.py trace composed   # both composed sets (~1 min)
    python scripts/detector_sweep.py trace plv        # PLV 5-fold CV, as train_events.py --cv (~12 min)
    python scripts/detector_sweep.py table            # the curve (and per-kind settings)

Settings: one threshold for all sentences, or a second, stricter one for the sentences whose
(first) event lies in an attribution's content or whose cue is a statement ("attributed"), or for
the documents dense in attributions (election news, against wire stories).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sayso.events.detect as detect  # noqa: E402
from attributions_corpus import ROOT, SHARED  # noqa: E402
from events_judged import read_jsonl, write_jsonl  # noqa: E402
from sayso.model import text_sha256  # noqa: E402
from train_events import load_scorer  # noqa: E402

CACHE = ROOT / "cache" / "sweep"
COMPOSED = ("events_composed", "events_composed_holdout")
THRESHOLDS = (0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3)
Row = dict[str, Any]
Keep = Callable[[Row, Row], bool]  # (trace entry, record) -> the sentence keeps its events


def trace_judged() -> None:
    import events_judged

    rows = events_judged.read_jsonl(events_judged.JUDGED)
    detect.TRACE = []
    records = events_judged.predict(events_judged.judged_articles({r["doc_id"] for r in rows}))
    write_jsonl(CACHE / "judged.jsonl", records)
    write_jsonl(CACHE / "judged.trace.jsonl", detect.TRACE)


def trace_composed() -> None:
    from sayso.model import Article
    from sayso.nlp import load
    from sayso.pipeline import process

    nlp = load()
    for name in COMPOSED:
        gold = read_jsonl(ROOT / "tests" / "data" / f"{name}.jsonl")
        detect.TRACE = []
        found = process([Article(doc_id=g["id"], text=g["text"], date=g.get("date")) for g in gold], nlp)
        write_jsonl(CACHE / f"{name}.jsonl", [r.to_dict() for r in found])
        write_jsonl(CACHE / f"{name}.trace.jsonl", detect.TRACE)


def trace_plv() -> None:
    import train_events
    from sayso.model import Article
    from sayso.pipeline import analyse

    def predict(row: Row, doc: Any) -> Row:  # train_events.predict, with the attributions
        result = analyse(doc, Article(doc_id=row["id"], text=row["text"]))
        return {"id": row["id"], "events": [e.to_dict() for e in result.events],
                "attributions": [a.to_dict() for a in result.attributions]}

    train_events.predict = predict
    rows = train_events.plv_rows(SHARED)
    detect.TRACE = []
    sys.argv = ["train_events.py", "--cv", "--cv-out", str(CACHE / "plv.jsonl")]
    train_events.main()
    write_jsonl(CACHE / "plv.trace.jsonl", detect.TRACE)
    write_jsonl(CACHE / "plv.shas.jsonl", [{"id": r["id"], "sha": text_sha256(r["text"])} for r in rows])


def kept(records: list[Row], traces: list[Row], keep: Keep, sha_of: Callable[[Row], str]) -> list[Row]:
    """``records`` without the events of traced sentences ``keep`` rejects."""
    by_doc: dict[str, list[Row]] = {}
    for t in traces:
        by_doc.setdefault(t["doc"], []).append(t)
    out = []
    for record in records:
        mine = by_doc.get(sha_of(record), [])
        dropped = [t for t in mine if not keep(t, record)]
        gone = {start for t in dropped for start in t["triggers"]}
        events = [e for e in record.get("events", []) if e["trigger"]["spans"][0][0] not in gone]
        out.append({**record, "events": events})
    return out


def measures(keep: Keep, data: dict[str, Any]) -> Row:
    import events_judged

    judged = [r for r in events_judged.read_jsonl(events_judged.JUDGED) if "event" in r]
    records = kept(data["judged"], data["judged.trace"], keep, lambda r: r["text_sha256"])
    out: Row = {"judged": events_judged.score(judged, records)}
    score_events = load_scorer(SHARED, "score_events")
    for name in COMPOSED:
        pred = kept(data[name], data[f"{name}.trace"], keep, lambda r: r["text_sha256"])
        gold = {str(g["id"]): [score_events.norm_event(e, True) for e in g.get("events") or []]
                for g in data[f"{name}.gold"]}
        mine = {str(p["doc_id"]): [score_events.norm_event(e, False) for e in p.get("events") or []]
                for p in pred}
        result = score_events.score(gold, mine)
        out[name] = (round(result["type"]["micro"]["f1"], 3), round(result["triple"]["f1"], 3))
    if "plv" in data:
        shas = {r["id"]: r["sha"] for r in data["plv.shas"]}
        pred = kept(data["plv"], data["plv.trace"], keep, lambda r: shas[r["id"]])
        result = load_scorer(SHARED).score(data["plv.gold"], pred)
        out["plv"] = tuple(round(result[k], 3) for k in ("accuracy", "macro_f1", "coverage"))
    return out


def load_data() -> dict[str, Any]:
    data: dict[str, Any] = {}
    for path in sorted(CACHE.glob("*.jsonl")):
        data[path.name.removesuffix(".jsonl")] = read_jsonl(path)
    for name in COMPOSED:
        data[f"{name}.gold"] = read_jsonl(ROOT / "tests" / "data" / f"{name}.jsonl")
    if "plv" in data:
        import train_events

        data["plv.gold"] = train_events.plv_rows(SHARED)
    return data


def line(name: str, m: Row) -> str:
    j = m["judged"]
    composed = " ".join(f"{m[n][0]:.3f}/{m[n][1]:.3f}" for n in COMPOSED)
    plv = "/".join(f"{v:.3f}" for v in m["plv"]) if "plv" in m else "-"
    return (f"| {name} | {j['matched']} | {j['event precision']:.3f} / {j['type precision']:.3f} / "
            f"{j['triple precision']:.3f} | {j['recall on judged positives (type)']:.3f} / "
            f"{j['recall on judged positives (any type)']:.3f} | {plv} | {composed} |")


def table() -> None:
    data = load_data()
    shipped = detect.chosen()[0]
    base = shipped.threshold if shipped else 0.04
    print(f"shipped threshold {base}")
    print("| setting | matched | judged event / type / triple P | recall type / any | PLV CV acc / F1 / cov | composed, holdout type/triple F1 |")
    print("|---|---|---|---|---|---|")
    for t in THRESHOLDS:
        print(line(f"t {t}", measures(at(t), data)))
    print(line("one threshold (before)", measures(at(base), data)))
    shipped_rule = dense(base, detect.DENSE_FACTOR * base, detect.DENSE_ATTRIBUTIONS)
    print(line("shipped (dense documents x2)", measures(shipped_rule, data)))
    for strict in (0.06, 0.08, 0.1, 0.15, 0.2, 0.3):
        for kind in ("speech", "reported", "attributed"):
            print(line(f"{kind} {strict}", measures(stricter(base, strict, {kind}), data)))
        print(line(f"many attributions {strict}", measures(dense(base, strict, MANY), data)))
    print()
    for name, keep in (("one threshold (before)", at(base)), ("shipped", shipped_rule), ("t 0.04", at(0.04)), ("t 0.06", at(0.06)), ("t 0.08", at(0.08)), ("t 0.1", at(0.1)),
                       ("many attributions 0.1", dense(base, 0.1, MANY)),
                       ("many attributions 0.15", dense(base, 0.15, MANY))):
        print(name, rounds(keep, data))
    print()
    for kind in ("speech", "reported", "plain"):
        counts = {k: v for k, v in class_counts(data, kind).items()}
        print(f"{kind}: {counts}")


def at(threshold: float) -> Keep:
    return lambda entry, _record: entry["p"] is None or entry["p"] >= threshold


def rounds(keep: Keep, data: dict[str, Any]) -> str:
    """Event / type precision (matched) and type recall of each judged round."""
    import events_judged

    judged = [r for r in events_judged.read_jsonl(events_judged.JUDGED) if "event" in r]
    records = kept(data["judged"], data["judged.trace"], keep, lambda r: r["text_sha256"])
    out = []
    for k in sorted({events_judged.round_of(r) for r in judged}):
        m = events_judged.score([r for r in judged if events_judged.round_of(r) == k], records)
        out.append(f"r{k} {m['event precision']:.3f}/{m['type precision']:.3f}/"
                   f"{m['recall on judged positives (type)']:.3f}")
    return " ".join(out)


MANY = 8  # attributions in a document that make it "dense" (election news against wire stories)


def kind_of(entry: Row, record: Row) -> str:
    """The traced sentence's (first) event: "speech" (its trigger is an attribution's cue: the
    act of saying), "reported" (the trigger inside an attribution's content), else "plain"."""
    start = entry["trigger"][0]
    for a in record.get("attributions", []):
        if any(s <= start < e for s, e in (a.get("cue") or {}).get("spans", [])):
            return "speech"
    for a in record.get("attributions", []):
        if any(s <= start < e for s, e in (a.get("content") or {}).get("spans", [])):
            return "reported"
    return "plain"


def stricter(base: float, strict: float, kinds: set[str]) -> Keep:
    """``strict`` for the sentences of ``kinds`` ("attributed": in an attribution), ``base`` for the rest."""
    def keep(entry: Row, record: Row) -> bool:
        if entry["p"] is None:
            return True
        kind = kind_of(entry, record)
        hit = kind in kinds or ("attributed" in kinds and (entry["attributed"] or kind != "plain"))
        return entry["p"] >= (strict if hit else base)
    return keep


def dense(base: float, strict: float, many: int) -> Keep:
    """``strict`` in documents with at least ``many`` attributions, ``base`` elsewhere."""
    def keep(entry: Row, record: Row) -> bool:
        limit = strict if len(record.get("attributions", [])) >= many else base
        return entry["p"] is None or entry["p"] >= limit
    return keep


def class_counts(data: dict[str, Any], kind: str) -> dict[str, int]:
    """How many traced sentences of each measure are of ``kind``."""
    out = {}
    shas = {r["id"]: r["sha"] for r in data.get("plv.shas", [])}
    for name, sha_of in (("judged", lambda r: r["text_sha256"]), ("plv", lambda r: shas[r["id"]]),
                         *((n, lambda r: r["text_sha256"]) for n in COMPOSED)):
        if name not in data:
            continue
        records = {sha_of(r): r for r in data[name]}
        out[name] = sum(1 for t in data[f"{name}.trace"] if t["doc"] in records
                        and kind_of(t, records[t["doc"]]) == kind)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["trace", "table"])
    parser.add_argument("what", nargs="?", choices=["judged", "composed", "plv"])
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    if args.command == "trace":
        {"judged": trace_judged, "composed": trace_composed, "plv": trace_plv}[args.what or "judged"]()
        return
    table()


if __name__ == "__main__":
    main()
