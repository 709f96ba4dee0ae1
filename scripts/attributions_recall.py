"""What the default mode misses on PolNeAR, by cause (prints only; attr13u).

    python scripts/attributions_recall.py dump train      # one pass: rules, tagger, decoder
    python scripts/attributions_recall.py classes train   # gold attributions missed, by cause
    python scripts/attributions_recall.py show train CLASS [N]

``dump`` runs the default mode once per article and keeps, under cache/ (git-ignored), the
rule attributions, every decoder candidate with its score and the final output. ``classes``
compares them with the gold attributions by the shared scorer's definitions (token Jaccard of
merged, stripped spans) and sorts each gold attribution that no output matches exactly on all
three roles into one cause, first that applies:

- ``propositional`` / ``topic``: whether the gold content is a proposition (it holds a verb,
  or is a quotation) or a topic (a noun phrase: "talked about X");
- miss classes: ``no cue`` (no rule, tagger or decoder candidate at the gold cue), ``dropped``
  (a candidate matches at j50 but none is kept), ``blocked`` (kept at the cue, but another
  candidate), ``linked wrong`` (candidates at the cue, none matches at j50);
- partial classes (kept at j50, a role not exact): content too long / short at the start or end,
  in pieces; source missing, extra, wrong; cue wider / narrower.

Texts go to the terminal only; nothing from the corpus enters the repository.
"""

from __future__ import annotations

import collections
import json
import pickle
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import CACHE, POLNEAR, load_docs  # noqa: E402
from sayso.eval.attributions import Document, load_gold, make_mention, similarity  # noqa: E402


def _path(split: str) -> Path:
    return CACHE / f"recall_{split}.pkl"


def dump(split: str) -> None:
    from sayso.attributions import decoder, rule_attributions, tagger
    from sayso.attributions.direct import Page, build
    from sayso.attributions.fusion import fuse_learned

    trees = decoder.model()
    out = {}
    for n, (doc_id, doc) in enumerate(load_docs(split)):
        text = doc.text
        page = Page(doc, text)
        found = rule_attributions(page)
        probs = tagger.probabilities(text)
        tags = tagger.decode(probs)
        options, scores = decoder.scored(page, found, probs, tags, trees)
        final = fuse_learned(Page(doc, text), rule_attributions(Page(doc, text)), probs)
        out[doc_id] = {
            "rules": [_spans(f) for f in found],
            "options": [(_spans(o.found), o.origin, o.group, float(s)) for o, s in zip(options, scores, strict=True)],
            "final": [_spans(f) for f in final],
            "tagger_cues": [(t.start, t.end, t.score) for t in tags if t.role == "cue"],
            "built": [build(text, f, k).to_dict() for k, f in enumerate(final, start=1)],
        }
        if n % 50 == 0:
            print(n, doc_id, flush=True)
    _path(split).write_bytes(pickle.dumps(out))
    with open(CACHE / f"pred_{split}.jsonl", "w", encoding="utf-8") as fh:
        for doc_id, rec in out.items():
            fh.write(json.dumps({"doc_id": doc_id, "attributions": rec["built"]}) + "\n")


def _spans(f) -> dict:  # type: ignore[no-untyped-def]
    return {"source": list(f.source), "cue": list(f.cue), "content": list(f.content)}


def _m(doc: Document, spans):  # type: ignore[no-untyped-def]
    return make_mention(doc, [tuple(s) for s in spans])


def _sim(doc: Document, a, b) -> float:  # type: ignore[no-untyped-def]
    ma, mb = _m(doc, a), _m(doc, b)
    if ma is None and mb is None:
        return 1.0
    return similarity(ma, mb)


def _src_ok(doc: Document, g, p) -> bool:  # type: ignore[no-untyped-def]
    mg, mp = _m(doc, g), _m(doc, p)
    if mg is None and mp is None:
        return True
    if mg is None or mp is None:
        return False
    return bool(mg.tokens & mp.tokens)


def _exact(doc: Document, a, b) -> bool:  # type: ignore[no-untyped-def]
    ma, mb = _m(doc, a), _m(doc, b)
    return (ma.key if ma else ()) == (mb.key if mb else ())


def _j50(doc: Document, g, p) -> bool:  # type: ignore[no-untyped-def]
    return _src_ok(doc, g["source"], p["source"]) and _sim(doc, g["content"], p["content"]) >= 0.5


def _cue_hit(doc: Document, g, p) -> bool:  # type: ignore[no-untyped-def]
    mg, mp = _m(doc, g["cue"]), _m(doc, p["cue"])
    return bool(mg and mp and mg.tokens & mp.tokens)


def _propositional(text: str, g) -> bool:  # type: ignore[no-untyped-def]
    """A clause or a quotation, not a topic: judged by a verb-like word or a quotation mark.
    (Cheap and rough: ``nlp`` would be better; the parse is not at hand for gold spans.)"""
    body = " ".join(text[a:b] for a, b in sorted(g["content"]))
    if not body.strip():
        return False
    if any(q in body for q in "\"“”"):
        return True
    return _DOC_VERB(text, g)


_PARSES: dict = {}


def _DOC_VERB(text: str, g) -> bool:  # type: ignore[no-untyped-def]
    doc = _PARSES["doc"]
    for a, b in g["content"]:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None and any(t.pos_ in ("VERB", "AUX") and t.tag_ not in ("VBG",) or t.lower_ == "to"
                                    and t.head.pos_ == "VERB" for t in span):
            return True
    return False


def classify(split: str) -> list[tuple[str, str, str, dict, dict | None]]:
    data = pickle.loads(_path(split).read_bytes())
    gold = load_gold(POLNEAR / split)
    docs = dict(load_docs(split))
    rows: list[tuple[str, str, str, dict, dict | None]] = []
    from attributions_corpus import read_gold
    for doc_id, rec in data.items():
        doc, _ = gold[doc_id]
        text = doc.text
        _PARSES["doc"] = docs[doc_id]
        golds = read_gold(split, doc_id)
        final = rec["final"]
        for g in golds:
            if not g["cue"]:
                continue
            kind = "prop" if _propositional(text, g) else "topic"
            exact = [p for p in final if all(_exact(doc, g[r], p[r]) for r in ("source", "cue", "content"))]
            if exact:
                rows.append((doc_id, kind, "exact", g, exact[0]))
                continue
            j50 = [p for p in final if _j50(doc, g, p)]
            if j50:
                p = max(j50, key=lambda p: _sim(doc, g["content"], p["content"]))
                rows.append((doc_id, kind, "partial:" + _partial(doc, g, p), g, p))
                continue
            at_cue = [o for o in rec["options"] if _cue_hit(doc, g, o[0])]
            kept_at_cue = [p for p in final if _cue_hit(doc, g, p)]
            if not at_cue and not kept_at_cue:
                rows.append((doc_id, kind, "miss:no cue", g, None))
            elif any(_j50(doc, g, o[0]) for o in at_cue):
                best = max((o for o in at_cue if _j50(doc, g, o[0])), key=lambda o: o[3])
                cause = "miss:blocked/kept other" if kept_at_cue else "miss:dropped"
                rows.append((doc_id, kind, cause + f" ({best[1]})", g, best[0] | {"score": best[3]}))
            else:
                p = kept_at_cue[0] if kept_at_cue else max(at_cue, key=lambda o: o[3])[0]
                rows.append((doc_id, kind, "miss:linked wrong:" + _partial(doc, g, p), g, p))
    return rows


def _partial(doc: Document, g, p) -> str:  # type: ignore[no-untyped-def]
    parts = []
    if not _exact(doc, g["source"], p["source"]):
        mg, mp = _m(doc, g["source"]), _m(doc, p["source"])
        parts.append("source " + ("missing" if mp is None else "extra" if mg is None
                                  else "overlap" if mg.tokens & mp.tokens else "wrong"))
    if not _exact(doc, g["cue"], p["cue"]):
        parts.append("cue")
    if not _exact(doc, g["content"], p["content"]):
        mg, mp = _m(doc, g["content"]), _m(doc, p["content"])
        if mg is None or mp is None:
            parts.append("content none")
        else:
            gs, ps = sorted(mg.tokens), sorted(mp.tokens)
            bits = []
            if gs[0] < ps[0]:
                bits.append("start short")
            elif gs[0] > ps[0]:
                bits.append("start long")
            if gs[-1] > ps[-1]:
                bits.append("end short")
            elif gs[-1] < ps[-1]:
                bits.append("end long")
            if not bits:
                bits.append("inside")
            parts.append("content " + "+".join(bits))
    return ", ".join(parts)


def classes(split: str) -> None:
    rows = classify(split)
    counts = collections.Counter((kind, cls) for _, kind, cls, _, _ in rows)
    total = collections.Counter(kind for _, kind, _, _, _ in rows)
    print("gold attributions:", dict(total))
    for kind in ("prop", "topic"):
        print(f"--- {kind}")
        for (k, cls), n in sorted(counts.items(), key=lambda x: -x[1]):
            if k == kind and n >= 5:
                print(f"{n:6d}  {cls}")


def show(split: str, name: str, count: int) -> None:
    rows = classify(split)
    gold = load_gold(POLNEAR / split)
    shown = 0
    for doc_id, kind, cls, g, p in rows:
        if kind != "prop" or not cls.startswith(name):
            continue
        text = gold[doc_id][0].text

        def t(spans, text=text):  # type: ignore[no-untyped-def]
            return " | ".join(text[a:b] for a, b in sorted(map(tuple, spans)))

        print(f"[{doc_id}] {cls}")
        print(f"  G src={t(g['source'])!r} cue={t(g['cue'])!r} cont={t(g['content'])[:200]!r}")
        if p:
            print(f"  P src={t(p['source'])!r} cue={t(p['cue'])!r} cont={t(p['content'])[:200]!r}"
                  + (f" score={p['score']:.2f}" if "score" in p else ""))
        shown += 1
        if shown >= count:
            break


if __name__ == "__main__":
    cmd, split = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else "train"
    if cmd == "dump":
        dump(split)
    elif cmd == "classes":
        classes(split)
    elif cmd == "show":
        show(split, sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 30)
