"""Train the attribution filter (src/sayso/data/attribution_filter.npz) on PolNeAR train.

Each attribution the rules produce on PolNeAR train is labelled by whether it matches a gold
attribution the way the shared scorer's j50 does (sources overlap, content Jaccard >= 0.5).
A logistic regression over ``sayso.attributions.learned.features`` is fitted; the probability
threshold is chosen on 5-fold cross-validation by document (train only) to maximise the j50
F1, and folded into the intercept. The cross-validated predictions are written to
cache/pred_train_cv.jsonl so the shared scorer can report honest train numbers. Only weights
and feature names (lemmas, tags) go into the repository. Run by scripts/train_attributions.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from attributions_corpus import CACHE, POLNEAR, ROOT, SHARED, load_docs, read_gold  # noqa: E402

MODEL = ROOT / "src" / "sayso" / "data" / "attribution_filter.npz"
FOLDS = 5
C = 0.25

Ranges = list[tuple[int, int]]


def _chars(ranges: Ranges) -> set[int]:
    return {i for s, e in ranges for i in range(s, e)}


def _matches(found, gold: list[tuple[set[int], set[int]]]) -> bool:  # type: ignore[no-untyped-def]
    content, source = _chars(found.content), _chars(found.source)
    for g_content, g_source in gold:
        if not ((source & g_source) or (not source and not g_source)):
            continue
        union = len(content | g_content)
        if union and len(content & g_content) / union >= 0.5:
            return True
    return False


def collect(split: str):  # type: ignore[no-untyped-def]
    """Per document: (doc_id, text, rule attributions, their features, their labels)."""
    from sayso.attributions import candidates, direct, learned, quotes, settle

    out = []
    for doc_id, doc in load_docs(split):
        text = doc.text
        page = direct.Page(doc, text)
        marks = quotes.find_quotes(text)
        found = direct.join_quotes(page, settle(candidates(page)), marks)
        gold = [(_chars(g["content"]), _chars(g["source"])) for g in read_gold(split, doc_id)]
        labels = [_matches(f, gold) for f in found]
        out.append((doc_id, text, found, learned.features(page, found, marks), labels))
    return out


def _fit(feats: list[dict[str, float]], labels: list[bool]):  # type: ignore[no-untyped-def]
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    clf = LogisticRegression(C=C, max_iter=2000, solver="liblinear")
    clf.fit(x, np.array(labels))
    return vec, clf


def cross_validate(docs) -> np.ndarray:  # type: ignore[no-untyped-def]
    fold_of = np.arange(len(docs)) % FOLDS
    per_doc = [len(d[2]) for d in docs]
    probs = [np.zeros(n) for n in per_doc]
    for k in range(FOLDS):
        train = [d for d, f in zip(docs, fold_of, strict=True) if f != k]
        vec, clf = _fit([x for d in train for x in d[3]], [y for d in train for y in d[4]])
        for j, d in enumerate(docs):
            if fold_of[j] == k and d[3]:
                probs[j] = clf.predict_proba(vec.transform(d[3]))[:, 1]
    return np.concatenate(probs) if probs else np.zeros(0)


def best_threshold(probs: np.ndarray, labels: np.ndarray, n_gold: int) -> float:
    best, best_f1 = 0.0, -1.0
    for t in np.arange(0.05, 0.8, 0.01):
        kept = probs >= t
        tp, pred = float(labels[kept].sum()), float(kept.sum())
        f1 = 2 * tp / (pred + n_gold) if pred + n_gold else 0.0
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    print(f"threshold {best:.2f}: estimated j50 F1 {best_f1:.3f} "
          f"(all kept: {2 * labels.sum() / (len(labels) + n_gold):.3f})")
    return best


def write_cv_predictions(docs, probs: np.ndarray, threshold: float) -> Path:  # type: ignore[no-untyped-def]
    from sayso.attributions.direct import build

    path = CACHE / "pred_train_cv.jsonl"
    at = 0
    with open(path, "w", encoding="utf-8") as fh:
        for doc_id, text, found, _, _ in docs:
            kept = [f for f, p in zip(found, probs[at:at + len(found)], strict=True) if p >= threshold]
            at += len(found)
            atts = [build(text, f, n).to_dict() for n, f in enumerate(kept, start=1)]
            fh.write(json.dumps({"doc_id": doc_id, "attributions": atts}) + "\n")
    return path


def main() -> None:
    from sayso.knowledge.linear import save

    MODEL.unlink(missing_ok=True)  # features are computed from the unfiltered rule output
    docs = collect("train")
    labels = np.array([y for d in docs for y in d[4]], dtype=bool)
    n_gold = sum(len(read_gold("train", d[0])) for d in docs)
    probs = cross_validate(docs)
    threshold = best_threshold(probs, labels, n_gold)
    path = write_cv_predictions(docs, probs, threshold)
    subprocess.run([sys.executable, str(SHARED / "eval" / "score_attributions.py"),
                    "--gold", str(POLNEAR / "train"), "--pred", str(path)], check=True)
    vec, clf = _fit([x for d in docs for x in d[3]], list(labels))
    bias = clf.intercept_ - np.log(threshold / (1 - threshold))
    save(str(MODEL), list(vec.get_feature_names_out()), ["drop", "keep"], clf.coef_, bias)
    print(f"wrote {MODEL} ({len(vec.vocabulary_)} features)")


if __name__ == "__main__":
    main()
