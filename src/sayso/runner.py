"""Local execution of the pipeline: in-process, or a pool of worker processes.

Workers each load the spaCy model once (fork start method shares the loaded
pages copy-on-write) and receive small batches of articles, so memory per worker
stays flat however large the corpus is, and output keeps input order.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sayso import nlp as nlp_loader
from sayso.model import Article
from sayso.pipeline import BATCH_SIZE, process

_worker_model: str | None = None


def _init_worker(model: str) -> None:
    global _worker_model
    _worker_model = model
    nlp_loader.load(model)
    # Objects inherited from the parent (the model above all) never die; keeping them out of
    # the collector's scans saves time and stops the scans from un-sharing their pages.
    gc.freeze()


def _work(batch: list[Article]) -> list[dict[str, Any]]:
    assert _worker_model is not None
    nlp = nlp_loader.load(_worker_model)
    return [r.to_dict() for r in process(batch, nlp)]


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def run(
    articles: Iterable[Article],
    model: str = nlp_loader.DEFAULT_MODEL,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
) -> Iterator[dict[str, Any]]:
    """Yield one result dict per article, in input order."""
    if workers <= 1:
        nlp = nlp_loader.load(model)
        for result in process(articles, nlp, batch_size=batch_size):
            yield result.to_dict()
        return
    nlp_loader.load(model)  # once, before forking: workers share its pages copy-on-write
    context = mp.get_context("fork")
    with context.Pool(workers, initializer=_init_worker, initargs=(model,)) as pool:
        # imap keeps order; a bounded batch size keeps the in-flight queue small.
        for results in pool.imap(_work, _batches(articles, batch_size), chunksize=1):
            yield from results
