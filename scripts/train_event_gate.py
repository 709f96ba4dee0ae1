"""Train the event gate (``events_gate.npz``): which sentences are worth ranking for an event.

Most sentences of running news yield no event, yet ranking and coding their actors is most of
the events stage's time. The gate is a logistic model over cheap sentence features
(``sayso.events.gate.gate_features``) that predicts whether the extractor, run without the
gate, finds an event in the sentence. Labels come from the shipped extractor itself (so run this
after scripts/train_events.py and scripts/train_attributions.py): PolNeAR train (840 news
articles) and the first sentences of NGEC's synthetic stories (event reports of other domains,
so the gate does not learn that only US election vocabulary matters). PLV is left out: it is
what the event models are scored on.

Prints, at the threshold ``sayso.events.gate.GATE_BELOW``, the share of event sentences kept and of
all sentences skipped on PolNeAR dev and PLV train (neither trained on).

Usage: python scripts/train_event_gate.py [--c 0.3]
Needs ../shared, scikit-learn (``pip install -e .[train]``) and about a minute (parses cached).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
import sayso.events.gate as gate  # noqa: E402
from attributions_corpus import ROOT, SHARED, load_docs  # noqa: E402
from sayso.events import types  # noqa: E402
from sayso.events.frames import main_verb  # noqa: E402
from sayso.knowledge import linear  # noqa: E402
from sayso.model import Article  # noqa: E402
from sayso.nlp import load  # noqa: E402
from sayso.pipeline import analyse  # noqa: E402
from train_events import parse_cached, plv_rows, synthetic_texts  # noqa: E402

DATA = ROOT / "src" / "sayso" / "data"


def sentences(docs: list[Doc]) -> tuple[list[dict[str, float]], list[int]]:
    """Gate features and labels (1: the ungated extractor found an event there) per sentence."""
    xs: list[dict[str, float]] = []
    ys: list[int] = []
    for n, doc in enumerate(docs):
        result = analyse(doc, Article(doc_id=str(n), text=doc.text))
        triggers = [e.trigger.spans[0][0] for e in result.events if e.trigger.spans]
        cues: dict[int, str] = {}
        for said in result.attributions:
            for start, end in said.cue.spans:
                for char in range(start, end):
                    cues.setdefault(char, said.cue_class or "other")
        for sent in doc.sents:
            if len(sent) < 3:
                continue
            root = main_verb(sent)
            cue = next((cues[c] for c in range(root.idx, root.idx + len(root.text)) if c in cues), "none")
            actors = sum(1 for e in sent.ents if e.label_ in gate.ACTOR_LABELS)
            xs.append(gate.gate_features(sent, root, cue, actors))
            ys.append(int(any(sent.start_char <= c < sent.end_char for c in triggers)))
    return xs, ys


THRESHOLDS = (0.005, 0.01, 0.015, 0.02, 0.03, 0.05)


def report(name: str, below: float, model: Any, vec: DictVectorizer, xs: list[dict[str, float]], ys: list[int]) -> None:
    """Share of event sentences kept and of all sentences skipped, at the shipped threshold
    (marked *) and a few others."""
    probs = model.predict_proba(vec.transform(xs))[:, 1]
    labels = np.array(ys)
    print(f"{name}: {len(ys)} sentences, {int(labels.sum())} with events")
    for threshold in sorted({below, *THRESHOLDS}):
        kept = probs >= threshold
        share = float(kept[labels == 1].mean()) if labels.sum() else float("nan")
        mark = "*" if threshold == below else " "
        print(f"  {mark} below {threshold:<6} event sentences kept {share:.4f}, sentences skipped {1 - kept.mean():.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--c", type=float, default=0.3, help="inverse L2 regularisation")
    args = parser.parse_args()
    # The type classifier (sayso.events.types) acts on what these models produce, after them:
    # they learn and are measured without it (scripts/train_event_types.py measures the fusion).
    types.TYPES.set(None)
    nlp = load()
    below, gate.GATE_BELOW = gate.GATE_BELOW, 0.0  # label what the extractor finds ungated
    train = [doc for _, doc in load_docs("train", nlp)]
    train += parse_cached(nlp, synthetic_texts(SHARED), "ngec_synthetic_first")
    xs, ys = sentences(train)
    vec = DictVectorizer()
    model = LogisticRegression(C=args.c, max_iter=3000).fit(vec.fit_transform(xs), ys)
    linear.save(str(DATA / "events_gate.npz"), list(vec.get_feature_names_out()), ["0", "1"],
                model.coef_, model.intercept_)
    print(f"events_gate.npz: {len(vec.get_feature_names_out())} features, {len(ys)} sentences, {sum(ys)} with events")
    report("train", below, model, vec, xs, ys)
    report("PolNeAR dev", below, model, vec, *sentences([doc for _, doc in load_docs("dev", nlp)]))
    plv = plv_rows(SHARED)
    report("PLV train", below, model, vec, *sentences(parse_cached(nlp, [r["text"] for r in plv], "plv_train")))


if __name__ == "__main__":
    main()
