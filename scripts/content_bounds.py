"""Where the default mode's content boundaries differ from PolNeAR's (prints only).

    python scripts/content_bounds.py classes train      # boundary classes, counted
    python scripts/content_bounds.py show train CLASS   # examples of one class
    python scripts/content_bounds.py score train        # the shared scorer's numbers

For each predicted attribution whose cue equals a gold attribution's cue and whose source is
compatible with it (both absent, or overlapping), the content is compared with the gold one
(by the shared scorer's word tokens): too long or too short, at the start or the end, and what
the difference begins with (", but", a relative clause, a cue inside, a quotation mark, a
sentence or paragraph end). Default-mode predictions come from the cached parses and tagger
probabilities (scripts/decoder_cache.py); nothing is written into the repository.
"""

from __future__ import annotations

import collections
import pickle
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import CACHE, POLNEAR, load_docs  # noqa: E402
from decoder_cache import model_stamp, probabilities  # noqa: E402
from sayso.attributions import bounds, fusion, rule_attributions  # noqa: E402
from sayso.attributions.direct import Found, Page  # noqa: E402
from sayso.eval.attributions import Document, build_attribution, load_gold  # noqa: E402
from train_decoder import Scorer  # noqa: E402


def predictions(split: str, fix: Any = None) -> tuple[dict[str, list[Found]], dict[str, Page]]:
    """Default-mode attributions per article (cached before ``bounds.fix``, then ``fix`` or
    ``bounds.fix`` applied)."""
    docs = load_docs(split)
    pages = {doc_id: Page(doc, doc.text) for doc_id, doc in docs}
    path = CACHE / "decoder" / f"{split}.default.{model_stamp()}.pkl"
    if path.exists():
        found: dict[str, list[Found]] = pickle.loads(path.read_bytes())
    else:
        probs = probabilities(split, docs)
        found = {}
        gap, bounds.GAP = bounds.GAP, 0  # cached before the boundary fixes, applied below
        for doc_id, page in pages.items():
            found[doc_id] = fusion.fuse_learned(page, rule_attributions(page), probs[doc_id])
        bounds.GAP = gap
        for fs in found.values():
            for f in fs:
                f.head = -1
        path.write_bytes(pickle.dumps(found))
    fix = fix or bounds.fix
    found = {d: fix(pages[d], fs) for d, fs in found.items()}
    return found, pages


def _word(doc: Document, tokens: list[int], k: int) -> str:
    return doc.text[doc.token_starts[tokens[k]]:doc.token_ends[tokens[k]]].lower()


def _between(text: str, a: int, b: int) -> str:
    gap = text[a:b]
    if "\n" in gap:
        return "¶"
    gap = gap.strip()
    return gap if gap else "_"


def classify(doc: Document, sents: list[int], gold: Any, pred: Any) -> str:
    """One class name for a content difference."""
    text = doc.text
    g, p = sorted(gold.tokens), sorted(pred.tokens)
    if not g or not p:
        return "empty"
    if len(gold.key) != len(pred.key):
        return f"pieces gold {min(len(gold.key), 3)} pred {min(len(pred.key), 3)}"
    if p[-1] > g[-1] and p[0] == g[0]:
        k = p.index(g[-1] + 1) if g[-1] + 1 in p else None
        if k is None:
            return "long end ?"
        first = _word(doc, p, k)
        punct = _between(text, doc.token_ends[g[-1]], doc.token_starts[g[-1] + 1])
        sent = any(doc.token_ends[g[-1]] <= s <= doc.token_starts[g[-1] + 1] for s in sents)
        return f"long end: {punct} {first}" + (" [sent]" if sent else "")
    if p[-1] < g[-1] and p[0] == g[0]:
        first = _word(doc, g, g.index(p[-1] + 1)) if p[-1] + 1 in g else "?"
        punct = _between(text, doc.token_ends[p[-1]], doc.token_starts[p[-1] + 1])
        sent = any(doc.token_ends[p[-1]] <= s <= doc.token_starts[p[-1] + 1] for s in sents)
        return f"short end: {punct} {first}" + (" [sent]" if sent else "")
    if p[0] < g[0] and p[-1] == g[-1]:
        return f"long start: {_word(doc, p, 0)}"
    if p[0] > g[0] and p[-1] == g[-1]:
        return f"short start: {_word(doc, g, 0)}"
    if p[-1] == g[-1] and p[0] == g[0]:
        return "inner"
    return "both sides"


def differences(split: str, fix: Any = None) -> list[tuple[str, str, str, str]]:
    """(class, document, gold content, predicted content) for every compared pair."""
    found, pages = predictions(split, fix)
    gold = load_gold(POLNEAR / split)
    out = []
    for doc_id, fs in found.items():
        doc, gattrs = gold[doc_id]
        sents = pages[doc_id].sent_starts
        by_cue: dict[Any, list[Any]] = collections.defaultdict(list)
        for g in gattrs:
            if g.roles["cue"] is not None:
                by_cue[g.roles["cue"].key].append(g)
        for f in fs:
            p = build_attribution(doc, {"source": f.source, "cue": f.cue, "content": f.content})
            if p.roles["cue"] is None or p.roles["content"] is None:
                continue
            same = [g for g in by_cue.get(p.roles["cue"].key, [])
                    if g.roles["content"] is not None
                    and (bool(g.source_key()) == bool(p.source_key()))
                    and (not g.source_key() or set(g.roles["source"].tokens) & set(p.roles["source"].tokens))]
            if not same:
                continue
            g = max(same, key=lambda a: len(a.roles["content"].tokens & p.roles["content"].tokens))
            gc, pc = g.roles["content"], p.roles["content"]
            name = "exact" if gc.key == pc.key else classify(doc, sents, gc, pc)
            out.append((name, doc_id, _show(doc, gc), _show(doc, pc)))
    return out


def _show(doc: Document, mention: Any) -> str:
    return " | ".join(doc.text[s:e] for s, e in mention.key)


def main() -> None:
    cmd, split = sys.argv[1], sys.argv[2]
    if cmd == "score":
        found, _ = predictions(split)
        result = Scorer(split).score(found)
        print(result["attribution"]["j50"], {r: result[r]["exact"]["f1"] for r in ("source", "cue", "content")})
        return
    diffs = differences(split)
    if cmd == "classes":
        counts = collections.Counter(d[0] for d in diffs)
        print("compared", len(diffs), "exact", counts["exact"])
        groups = collections.Counter()
        for name, n in counts.items():
            groups[name.split(":")[0]] += n
        print(groups.most_common())
        for name, n in counts.most_common(80):
            print(f"{n:5d}  {name}")
    else:
        want = sys.argv[3]
        hits = [d for d in diffs if want in d[0]]
        for name, _doc, g, p in hits[: int(sys.argv[4]) if len(sys.argv) > 4 else 30]:
            print(f"[{name}]\n  G {g[:300]!r}\n  P {p[:300]!r}")


if __name__ == "__main__":
    main()
