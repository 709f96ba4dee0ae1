"""Apache Spark engine: local[N] by default, or any master (yarn, k8s://..., spark://...)."""

from __future__ import annotations

import os
import sys
from typing import Any

from sayso.scale.parts import Item, process_partition


class SparkEngine:
    def __init__(self, workers: int = 1, master: str | None = None) -> None:
        from pyspark.sql import SparkSession

        if master is None or master.startswith("local"):
            # Local workers must run the interpreter that has sayso installed (a venv),
            # not whatever `python3` is first on PATH. On a cluster, PYSPARK_PYTHON or
            # spark.pyspark.python names the workers' interpreter (docs/scale.md).
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = SparkSession.builder.appName("sayso-ingest").master(master or f"local[{workers}]")
        # Python workers are reused across tasks, so each loads the spaCy model once.
        builder = builder.config("spark.python.worker.reuse", "true")
        builder = builder.config("spark.ui.enabled", "false")
        self.session = builder.getOrCreate()
        self.session.sparkContext.setLogLevel("ERROR")
        self.workers = workers

    def run(self, items: list[Item], model: str, run_id: str, folder: str,
            fast: bool = False) -> None:
        slices = max(1, min(len(items), self.workers * 2))

        def task(index: int, part: Any) -> list[dict[str, int]]:
            return [process_partition(index, list(part), model, run_id, folder, fast)]

        rdd = self.session.sparkContext.parallelize(items, slices)
        rdd.mapPartitionsWithIndex(task).collect()

    def close(self) -> None:
        self.session.stop()
