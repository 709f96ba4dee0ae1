"""Scale-out: the same per-article pipeline under Dask distributed or Apache Spark.

Workers never open the DuckDB store (one writer): each partition runs
``sayso.pipeline.analysed`` on typed ``(Article, bands)`` items and writes its rows as Parquet parts under
``FOLDER/<table>/part-NNNNN.parquet``; the driver loads them with
``Store.load_parquet(FOLDER)`` or queries them in place.  See docs/scale.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from sayso.scale.parts import Item, process_partition, write_parts

__all__ = ["Engine", "open_engine", "process_partition", "write_parts"]


class Engine(Protocol):
    def run(self, items: list[Item], model: str, run_id: str, folder: str,
            fast: bool = False) -> None: ...


@contextmanager
def open_engine(name: str, workers: int = 1, scheduler: str | None = None) -> Iterator[Engine]:
    """A started Dask or Spark engine; stopped on exit."""
    if name == "dask":
        from sayso.scale.dask_engine import DaskEngine

        engine: Any = DaskEngine(workers, scheduler)
    elif name == "spark":
        from sayso.scale.spark_engine import SparkEngine

        engine = SparkEngine(workers, scheduler)
    else:
        raise ValueError(f"unknown engine {name!r}: expected local, dask or spark")
    try:
        yield engine
    finally:
        engine.close()
