"""Dask distributed engine: a scheduler address, or a LocalCluster of worker processes."""

from __future__ import annotations

from typing import Any

from sayso.scale.parts import Item, process_partition, split


class DaskEngine:
    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self.cluster: Any = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            # One thread per process: spaCy holds the GIL, so threads would not add speed.
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def run(self, items: list[Item], model: str, run_id: str, folder: str,
            fast: bool = False) -> None:
        partitions = split(items, self.workers * 2)
        futures = [self.client.submit(process_partition, i, part, model, run_id, folder,
                                      fast, pure=False) for i, part in enumerate(partitions)]
        self.client.gather(futures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
