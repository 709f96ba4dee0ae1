"""Readable tables for the score objects of the three scorers."""

from __future__ import annotations

from typing import Any

from sayso.eval import attributions

HEADER = f"{'metric':<32}{'P':>7}{'R':>7}{'F1':>7}{'tp':>8}{'pred':>8}{'gold':>8}"


def prf_row(label: str, m: dict[str, Any], width: int = 32) -> str:
    return (f"{label:<{width}}{m['precision']:>7.3f}{m['recall']:>7.3f}{m['f1']:>7.3f}"
            f"{m['tp']:>8}{m['pred']:>8}{m['gold']:>8}")


def attributions_table(result: dict[str, Any]) -> str:
    lines = [f"documents: {result['documents']} gold, {result['documents_with_predictions']} with "
             f"predictions, {result['unknown_prediction_ids']} unknown prediction ids ignored", HEADER]
    for label, (group, name) in attributions.TABLE_ROWS:
        lines.append(prf_row(label, result[group][name]))
    return "\n".join(lines)


def events_table(result: dict[str, Any]) -> str:
    lines = [f"documents: {result['documents']} gold, {result['documents_with_predictions']} with "
             f"predictions, {result['unknown_prediction_ids']} unknown prediction ids ignored"]
    if result["non_plover_pred_types"]:
        lines.append("predicted types outside PLOVER: " + ", ".join(result["non_plover_pred_types"]))
    lines.append(HEADER.replace("metric", "event type"))
    for name, metrics in result["type"]["per_type"].items():
        lines.append(prf_row(name, metrics))
    lines.append(prf_row("MICRO", result["type"]["micro"]))
    lines.append(prf_row("TYPE+SRC+TGT COUNTRY", result["triple"]))
    lines.append(f"{'MACRO F1':<32}{'':>14}{result['type']['macro_f1']:>7.3f}")
    lines.append("")
    lines.append(f"{'field (type-matched pairs)':<32}{'acc':>7}{'correct':>9}{'scored':>8}")
    for name, value in result["fields"].items():
        acc = "-" if value["accuracy"] is None else f"{value['accuracy']:.3f}"
        lines.append(f"{name:<32}{acc:>7}{value['correct']:>9}{value['scored']:>8}")
    return "\n".join(lines)


def plv_table(result: dict[str, Any]) -> str:
    lines = [
        f"items: {result['items']}  accuracy: {result['accuracy']:.3f}  macro-F1: "
        f"{result['macro_f1']:.3f}  coverage: {result['coverage']:.3f}  accuracy on covered: "
        f"{result['accuracy_on_covered']:.3f}",
        f"(CONCEDE/RETREAT counted as YIELD: {'yes' if result['yield_collapsed'] else 'no'}; "
        f"{result['unknown_prediction_ids']} unknown prediction ids ignored)",
        HEADER.replace("metric", "label"),
    ]
    for label, metrics in result["per_label"].items():
        lines.append(prf_row(label, metrics))
    return "\n".join(lines)
