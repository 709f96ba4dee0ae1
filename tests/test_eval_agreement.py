"""Our scorers against the reference scorers in ../shared/eval, on generated predictions.

Predictions are derived on the fly from the gold (copies, shifts, drops, swaps, odd
shapes), so no shared data lands in the repository; both scorers must print the
same JSON numbers.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sayso.eval import attributions, events, plv
from sayso.eval.common import read_jsonl

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DEV = SHARED / "data" / "polnear" / "dev"
PLV = SHARED / "data" / "plv" / "plv_train.jsonl"

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(not (SHARED / "eval").is_dir(), reason="needs ../shared"),
]


def reference(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, str(SHARED / "eval" / script), *args, "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def assert_same(ours: Any, theirs: Any, where: str = "") -> None:
    if isinstance(theirs, dict):
        assert isinstance(ours, dict) and set(ours) == set(theirs), where
        for key in theirs:
            assert_same(ours[key], theirs[key], f"{where}.{key}")
    elif isinstance(theirs, float):
        assert ours == pytest.approx(theirs, abs=1e-12), where
    else:
        assert ours == theirs, where


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---------------------------------------------------------------- attributions


def gold_documents(limit: int) -> list[tuple[str, int, list[dict[str, list[tuple[int, int]]]]]]:
    texts = sorted((DEV / "text").glob("*.txt"))[:limit]
    files = attributions.annotation_files(DEV / "attributions", {p.stem for p in texts})
    docs = []
    for path in texts:
        size = len(path.read_text(encoding="utf-8"))
        ann = files.get(path.stem)
        roles = list(attributions.brat_role_spans(ann)) if ann else []
        docs.append((path.stem, size, roles))
    return docs


def shape(spans: list[tuple[int, int]], rng: random.Random) -> Any:
    """The same spans in one of the accepted JSON shapes."""
    lists = [[s, e] for s, e in spans]
    choice = rng.randrange(4)
    if choice == 0 and len(lists) == 1:
        return lists[0]
    if choice == 1:
        return {"spans": lists, "text": "ignored"}
    if not lists and choice == 2:
        return None
    return lists


def perturb(roles: dict[str, list[tuple[int, int]]], size: int, others: list[Any],
            rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for role in attributions.ROLES:
        spans = list(roles.get(role, []))
        move = rng.random()
        if move < 0.15:
            d = rng.randint(-6, 6)
            spans = [(s + d, e + d) for s, e in spans]
        elif move < 0.25:
            spans = [(max(0, s - 1), e + 1) for s, e in spans]  # takes in a quote mark or space
        elif move < 0.3 and spans:
            s, e = spans[0]
            cut = (s + e) // 2
            spans = [(s, cut), (cut + 1, e)] + spans[1:]
        elif move < 0.35:
            spans = []
        elif move < 0.4 and others:
            spans = list(rng.choice(others).get(role, []))
        elif move < 0.43:
            spans = [(size - 3, size + 40)]
        elif move < 0.45:
            spans = [(10, 10), (30, 20)]
        elif move < 0.5 and spans:
            s, e = spans[0]
            spans = [(s, s + 1)]
        if spans or rng.random() < 0.5:
            out[role] = shape(spans, rng)
    return out


def synthetic_predictions(seed: int, docs: list[Any]) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    lines = []
    for doc_id, size, gold in docs:
        if rng.random() < 0.1:
            continue  # a document with no prediction line
        preds = [perturb(r, size, gold, rng) for r in gold if rng.random() < 0.85]
        preds += [perturb(r, size, gold, rng) for r in rng.sample(gold, min(3, len(gold)))]
        for _ in range(rng.randint(0, 3)):
            s = rng.randrange(max(1, size - 50))
            preds.append({"source": [s, s + rng.randint(1, 20)], "cue": [],
                          "content": [[s + 25, s + rng.randint(26, 200)]]})
        rng.shuffle(preds)
        key = "doc_id" if rng.random() < 0.8 else "id"
        half = len(preds) // 2
        if rng.random() < 0.2:  # the same document over two lines
            lines += [{key: doc_id, "attributions": preds[:half]},
                      {key: doc_id, "attributions": preds[half:]}]
        else:
            lines.append({key: doc_id, "attributions": preds, "extra": 1})
    lines.append({"doc_id": "not-a-document", "attributions": []})
    return lines


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_attributions_agree(tmp_path: Path, seed: int) -> None:
    docs = gold_documents(limit=84 if seed == 1 else 20)
    pred = write_jsonl(tmp_path / "pred.jsonl", synthetic_predictions(seed, docs))
    theirs = reference("score_attributions.py", "--gold", str(DEV), "--pred", str(pred))
    ours = attributions.score(DEV, read_jsonl(pred))
    assert_same(ours, theirs)


def test_attributions_agree_on_perfect_copy(tmp_path: Path) -> None:
    docs = gold_documents(limit=84)
    lines = [{"doc_id": d, "attributions": [{k: [list(s) for s in v] for k, v in r.items()}
                                            for r in roles]} for d, _, roles in docs]
    pred = write_jsonl(tmp_path / "pred.jsonl", lines)
    theirs = reference("score_attributions.py", "--gold", str(DEV), "--pred", str(pred))
    ours = attributions.score(DEV, read_jsonl(pred))
    assert_same(ours, theirs)
    assert ours["attribution"]["j80"]["f1"] == 1.0


# ---------------------------------------------------------------- events and PLV

COUNTRIES = ["USA", "RUS", "FRA", "IGO", "CHN"]
SECTORS = ["GOV", "MIL", "REB", "BUS", "CVL"]


def random_actor(rng: random.Random, size: int, gold: bool) -> dict[str, Any] | None:
    if rng.random() < 0.15:
        return None
    start = rng.randrange(max(1, size - 10))
    actor: dict[str, Any] = {"spans": shape([(start, start + rng.randint(1, 10))], rng)}
    roll = rng.random()
    if roll < 0.15:
        actor["country"] = None
    elif roll < 0.3:
        actor["country"] = rng.sample(COUNTRIES, 2) if gold else [rng.choice(COUNTRIES), "XXX"]
    else:
        actor["country"] = rng.choice(COUNTRIES) + (" " if rng.random() < 0.1 else "")
    if rng.random() < 0.8:
        actor["sector"] = rng.choice(SECTORS).lower() if rng.random() < 0.1 else rng.choice(SECTORS)
    if gold and rng.random() < 0.1:
        actor["spans"] = []
    return actor


def random_event(rng: random.Random, size: int, gold: bool) -> dict[str, Any]:
    names = list(events.PLOVER_TYPES[:5])
    event: dict[str, Any] = {"type": rng.choice(names)}
    if not gold and rng.random() < 0.05:
        event["type"] = rng.choice(["MISSING", "SAY", None])
    for role in ("source", "target"):
        event[role] = random_actor(rng, size, gold)
    return event


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_events_agree(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    texts = [item["text"] for item in read_jsonl(PLV)][:120]
    gold, pred = [], []
    for n, text in enumerate(texts):
        doc_events = [random_event(rng, len(text), True) for _ in range(rng.randint(0, 4))]
        gold.append({"id": f"t{n}", "text": text, "events": doc_events})
        guesses = [json.loads(json.dumps(e)) for e in doc_events if rng.random() < 0.7]
        for guess in guesses:
            if rng.random() < 0.4:
                guess.update({k: v for k, v in random_event(rng, len(text), False).items()
                              if rng.random() < 0.5})
        guesses += [random_event(rng, len(text), False) for _ in range(rng.randint(0, 2))]
        if rng.random() > 0.1:
            pred.append({"doc_id" if rng.random() < 0.5 else "id": f"t{n}", "events": guesses})
    pred.append({"id": "unknown", "events": [{"type": "ODD"}]})
    gold_path = write_jsonl(tmp_path / "gold.jsonl", gold)
    pred_path = write_jsonl(tmp_path / "pred.jsonl", pred)
    theirs = reference("score_events.py", "--gold", str(gold_path), "--pred", str(pred_path))
    ours = events.score(read_jsonl(gold_path), read_jsonl(pred_path))
    assert_same(ours, theirs)


@pytest.mark.parametrize("collapse", [True, False])
def test_plv_agree(tmp_path: Path, collapse: bool) -> None:
    rng = random.Random(11)
    items = list(read_jsonl(PLV))
    if not collapse:
        items = [i for i in items if i["label"] != "YIELD"][:300]
    pred = []
    labels = sorted({i["label"] for i in items}) + ["CONCEDE", "RETREAT"]
    for item in items:
        guesses = []
        for _ in range(rng.randint(0, 3)):
            size = len(item["text"])
            source = item["source_span"] if rng.random() < 0.7 else None
            target = item["target_span"] if rng.random() < 0.7 else None
            source = source or [0, rng.randint(1, size)]
            target = target or [size // 2, size]
            guesses.append({"type": item["label"] if rng.random() < 0.5 else rng.choice(labels),
                            "source": None if rng.random() < 0.1 else {"spans": [source]},
                            "target": {"spans": target}})
        if rng.random() > 0.05:
            pred.append({"id": item["id"], "events": guesses})
    gold_path = write_jsonl(tmp_path / "gold.jsonl", items)
    pred_path = write_jsonl(tmp_path / "pred.jsonl", pred + [{"id": "nope", "events": []}])
    theirs = reference("score_plv.py", "--gold", str(gold_path), "--pred", str(pred_path))
    ours = plv.score(read_jsonl(gold_path), read_jsonl(pred_path))
    assert_same(ours, theirs)
