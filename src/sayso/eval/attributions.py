"""Scoring attributions (who said what) against PolNeAR-style brat gold.

Rules: ``shared/eval/README.md``, section score_attributions.py.  A *mention* is
the set of spans one attribution has for one role; it is compared by its exact
key (spans stripped of punctuation/whitespace and merged) and by token Jaccard.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The mention primitives live with the attribution code, whose content switch measures Jaccard
# too; they are re-exported here, where the scorer and the scripts read them.
from sayso.attributions.mentions import (  # noqa: F401
    Document,
    Mention,
    Spans,
    is_strip,
    make_mention,
    merge,
    similarity,
    strip_span,
)
from sayso.eval.common import Counts, as_spans, greedy_match, group_predictions, overlaps

ROLES = ("source", "cue", "content")


@dataclass(slots=True)
class Attribution:
    roles: dict[str, Mention | None] = field(default_factory=dict)

    def source_key(self) -> Spans:
        mention = self.roles.get("source")
        return mention.key if mention else ()


def build_attribution(doc: Document, role_spans: dict[str, list[tuple[int, int]]]) -> Attribution:
    return Attribution({role: make_mention(doc, role_spans.get(role, [])) for role in ROLES})


# ---------------------------------------------------------------- gold


def load_gold(folder: Path) -> dict[str, tuple[Document, list[Attribution]]]:
    """Gold documents by id: text/<doc>.txt with the first annotator's .ann file."""
    texts = sorted((folder / "text").glob("*.txt"))
    ann_files = annotation_files(folder / "attributions", {p.stem for p in texts})
    gold: dict[str, tuple[Document, list[Attribution]]] = {}
    for path in texts:
        with open(path, encoding="utf-8", newline="") as stream:
            doc = Document(stream.read())
        ann = ann_files.get(path.stem)
        attributions = [] if ann is None else list(read_brat(doc, ann))
        gold[path.stem] = (doc, attributions)
    return gold


def annotation_files(folder: Path, doc_ids: set[str]) -> dict[str, Path]:
    """For each doc, its .ann file; with several annotators, the first annotator id."""
    chosen: dict[str, tuple[str, Path]] = {}
    for path in sorted(folder.glob("*.ann")) if folder.is_dir() else []:
        doc_id, annotator = split_ann_name(path.stem, doc_ids)
        if doc_id is None:
            continue
        if doc_id not in chosen or annotator < chosen[doc_id][0]:
            chosen[doc_id] = (annotator, path)
    return {doc_id: path for doc_id, (_, path) in chosen.items()}


def split_ann_name(stem: str, doc_ids: set[str]) -> tuple[str | None, str]:
    if stem in doc_ids:
        return stem, ""
    # Longest doc id first, since ids may contain underscores themselves.
    parts = stem.split("_")
    for cut in range(len(parts) - 1, 0, -1):
        candidate = "_".join(parts[:cut])
        if candidate in doc_ids:
            return candidate, "_".join(parts[cut:])
    return None, ""


_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^E\d+\t(.*)$")


def read_brat(doc: Document, path: Path) -> Iterator[Attribution]:
    for role_spans in brat_role_spans(path):
        yield build_attribution(doc, role_spans)


def brat_role_spans(path: Path) -> Iterator[dict[str, list[tuple[int, int]]]]:
    """Raw role spans of each attribution (E line) of a brat .ann file, in file order."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[str] = []
    with open(path, encoding="utf-8", newline="") as stream:
        for line in stream.read().splitlines():
            if match := _T_LINE.match(line):
                spans[match.group(1)] = parse_offsets(match.group(3))
            elif match := _E_LINE.match(line):
                events.append(match.group(1))
    for args in events:
        role_spans = event_roles(args, spans)
        if role_spans is not None:
            yield role_spans


def parse_offsets(text: str) -> list[tuple[int, int]]:
    found = []
    for part in text.split(";"):
        numbers = part.split()
        if len(numbers) == 2:
            found.append((int(numbers[0]), int(numbers[1])))
    return found


def event_roles(args: str, spans: dict[str, list[tuple[int, int]]]) -> dict[str, list[tuple[int, int]]] | None:
    """Role spans of one E line; None for a non-attribution or a line with no role span."""
    items = args.split()
    if not items or items[0].split(":")[0] not in ("Attribution", "Attribution-no-source"):
        return None
    roles: dict[str, list[tuple[int, int]]] = {}
    for item in items[1:]:
        name, _, ref = item.partition(":")
        role = name.lower().rstrip("0123456789")
        if role in ROLES and ref in spans:
            roles.setdefault(role, []).extend(spans[ref])
    if not any(e > s for spans_ in roles.values() for s, e in spans_):
        return None
    return roles


# ---------------------------------------------------------------- predictions


def predicted_attributions(doc: Document, items: list[Any]) -> list[Attribution]:
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        role_spans = {role: as_spans(item.get(role)) for role in ROLES}
        if any(role_spans.values()):
            found.append(build_attribution(doc, role_spans))
    return found


# ---------------------------------------------------------------- metrics


def distinct(mentions: Iterable[Mention | None]) -> list[Mention]:
    seen: dict[Spans, Mention] = {}
    for mention in mentions:
        if mention is not None and mention.key not in seen:
            seen[mention.key] = mention
    return list(seen.values())


def score_role(gold: list[Mention], pred: list[Mention], exact: Counts, overlap: Counts) -> None:
    gold_keys = {m.key for m in gold}
    exact.add(sum(m.key in gold_keys for m in pred), len(pred), len(gold))
    pairs = greedy_match(gold, pred, lambda g, p: _at_least(similarity(g, p), 0.5))
    overlap.add(len(pairs), len(pred), len(gold))


def _at_least(value: float, threshold: float) -> float | None:
    return value if value >= threshold else None


def attribution_pairs(gold: list[Attribution], pred: list[Attribution], theta: float) -> int:
    def score(g: Attribution, p: Attribution) -> float | None:
        gs, ps = g.source_key(), p.source_key()
        if (gs or ps) and not overlaps(gs, ps):
            return None
        return _at_least(similarity(g.roles.get("content"), p.roles.get("content")), theta)

    return len(greedy_match(gold, pred, score))


def score(gold_dir: str | Path, predictions: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The reference scorer's JSON object for these predictions."""
    gold = load_gold(Path(gold_dir))
    grouped, unknown = group_predictions(iter(predictions), set(gold), "doc_id", "id", "attributions")
    role_counts = {role: (Counts(), Counts()) for role in ROLES}
    j50, j80 = Counts(), Counts()
    for doc_id, (doc, gold_attrs) in gold.items():
        pred_attrs = predicted_attributions(doc, grouped.get(doc_id, []))
        for role, (exact, overlap) in role_counts.items():
            score_role(distinct(a.roles.get(role) for a in gold_attrs),
                       distinct(a.roles.get(role) for a in pred_attrs), exact, overlap)
        j50.add(attribution_pairs(gold_attrs, pred_attrs, 0.5), len(pred_attrs), len(gold_attrs))
        j80.add(attribution_pairs(gold_attrs, pred_attrs, 0.8), len(pred_attrs), len(gold_attrs))
    result: dict[str, Any] = {
        "documents": len(gold),
        "documents_with_predictions": len(grouped),
        "unknown_prediction_ids": unknown,
    }
    for role, (exact, overlap) in role_counts.items():
        result[role] = {"exact": exact.to_dict(), "overlap": overlap.to_dict()}
    result["attribution"] = {"j50": j50.to_dict(), "j80": j80.to_dict()}
    return result


TABLE_ROWS = [
    *((f"{role} exact", (role, "exact")) for role in ROLES),
    *((f"{role} overlap (Jaccard>=0.5)", (role, "overlap")) for role in ROLES),
    ("attribution (content J>=0.5)", ("attribution", "j50")),
    ("attribution (content J>=0.8)", ("attribution", "j80")),
]
