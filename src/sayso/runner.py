"""Local execution of the pipeline: in-process, or a pool of worker processes.

Workers each load the spaCy model once (fork start method shares the loaded
pages copy-on-write) and receive small batches of articles, so memory per worker
stays flat however large the corpus is, and output keeps input order. Each article comes
back with its result as a typed ``(Article, DocumentResult)`` pair (pickled dataclasses),
so the caller never has to keep its own queue of what is in flight.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice

from sayso import nlp as nlp_loader
from sayso.knowledge.gazetteer import lookup_place
from sayso.model import Article, DocumentResult
from sayso.pipeline import BATCH_SIZE, analysed, process

Pair = tuple[Article, DocumentResult]

_worker_model: str | None = None
_worker_fast = False
WARM_UP_TEXT = ('"We will not sign," the French foreign minister told reporters in Paris on Monday, '
                "according to Reuters. Russia accused NATO of provoking the crisis.")


def _init_worker(model: str, fast: bool = False) -> None:
    global _worker_model, _worker_fast
    _worker_model, _worker_fast = model, fast
    nlp_loader.load(model)
    # Objects inherited from the parent (the model above all) never die; keeping them out of
    # the collector's scans saves time and stops the scans from un-sharing their pages.
    gc.freeze()


def _work(batch: list[Article]) -> list[Pair]:
    assert _worker_model is not None
    nlp = nlp_loader.load(_worker_model)
    return list(analysed(batch, nlp, fast=_worker_fast))


def warm_up(model: str, fast: bool = False) -> None:
    """Load the model and everything the extractors load lazily (lexicons, knowledge base,
    the attribution tagger unless ``fast``) by analysing one short text, so forked workers
    inherit them instead of each loading them."""
    nlp = nlp_loader.load(model)
    next(process([Article(doc_id="warm-up", text=WARM_UP_TEXT)], nlp, fast=fast))
    lookup_place("")  # the gazetteer (0.3 s to load) is only read for a place the KB lacks


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(islice(iterator, size)):
        yield batch


def run(
    articles: Iterable[Article],
    model: str = nlp_loader.DEFAULT_MODEL,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    fast: bool = False,
) -> Iterator[Pair]:
    """Yield ``(article, result)`` per article, in input order; ``fast``: rules-only
    attributions."""
    if workers <= 1:
        yield from analysed(articles, nlp_loader.load(model), batch_size=batch_size, fast=fast)
        return
    warm_up(model, fast)  # once, before forking: workers share the loaded pages copy-on-write
    context = mp.get_context("fork")
    # Tasks of half a batch: small enough that workers finish together at the end of a run.
    task_size = max(1, batch_size // 2)
    with context.Pool(workers, initializer=_init_worker, initargs=(model, fast)) as pool:
        # imap keeps order; the task pipe's bounded buffer keeps the parent from reading ahead.
        for results in pool.imap(_work, _batches(articles, task_size), chunksize=1):
            yield from results
