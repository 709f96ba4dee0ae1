"""The per-partition function every engine runs: docs in, Parquet parts out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sayso.model import Article
from sayso.store.rows import TABLES, result_rows

PART_TABLES = (*TABLES, "minhash_bands")
Item = tuple[Article, list[str]]  # an article and its MinHash bands (from the driver's triage)


def partition_rows(items: list[Item], model: str, run_id: str, fast: bool = False
                   ) -> dict[str, list[dict[str, Any]]]:
    """Analyse one partition with ``sayso.pipeline.analysed``; rows keyed by table.

    The spaCy model and the attribution tagger are loaded once per worker process (both
    are cached by the process) and reused by every partition it runs."""
    from sayso import nlp as nlp_loader
    from sayso.pipeline import analysed

    nlp = nlp_loader.load(model)  # cached: loaded once per worker process
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in PART_TABLES}
    pairs = analysed((article for article, _bands in items), nlp, fast=fast)
    for (_sent, bands), (article, result) in zip(items, pairs, strict=True):
        doc_rows = result_rows(article, result, run_id, bands)
        for table, table_rows in doc_rows.items():
            rows[table].extend(table_rows)
    return rows


def write_parts(rows: dict[str, list[dict[str, Any]]], folder: str, name: str) -> dict[str, int]:
    """One Parquet file per non-empty table: ``folder/<table>/<name>.parquet``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    counts: dict[str, int] = {}
    for table, table_rows in rows.items():
        if not table_rows:
            continue
        target = Path(folder, table)
        target.mkdir(parents=True, exist_ok=True)
        tmp = target / f".{name}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(table_rows), tmp)
        tmp.rename(target / f"{name}.parquet")  # a part is either whole or absent
        counts[table] = len(table_rows)
    return counts


def process_partition(index: int, items: list[Item], model: str, run_id: str,
                      folder: str, fast: bool = False) -> dict[str, int]:
    return write_parts(partition_rows(items, model, run_id, fast), folder, f"part-{index:05d}")


def split(items: list[Any], parts: int) -> list[list[Any]]:
    """Round-robin split, so long and short articles spread over the workers."""
    parts = max(1, min(parts, len(items)))
    return [items[i::parts] for i in range(parts)]
