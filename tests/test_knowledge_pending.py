"""The bulk named actors are built on a phrase's first lookup, with the same hits, in the same
order, as if they had all been built at start-up."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sayso.knowledge import Hit, Knowledge, Named, _load_phoenix, knowledge, normalise


def test_pending_hits_come_after_the_hand_written_ones() -> None:
    kb = Knowledge()
    kb.add("Zed Example", Hit("agent", sectors=("GOV",)))
    kb.add_pending("zed  example", 0)
    kb.pending_rows = lambda row: Named(f"phoenix:{row}", "Zed", "unknown", (), "test")
    hits = kb.lookup("Zed Example")
    assert [h.what for h in hits] == ["agent", "named"]
    assert hits[1].named is not None and hits[1].named.kb_id == "phoenix:0"
    assert kb.pending == {}
    assert kb.lookup("ZED EXAMPLE") == hits  # built once
    assert kb.max_tokens("zed") == 2


def test_names_of_one_row_share_one_actor() -> None:
    kb = Knowledge()
    _load_phoenix(kb)
    by_row: dict[int, list[str]] = {}
    for key, rows in kb.pending.items():
        for row in rows:
            by_row.setdefault(row, []).append(key)
    row, keys = next((r, k) for r, k in by_row.items() if len(k) > 1)
    found = {id(h.named) for key in keys for h in kb.lookup(key) if h.named is not None}
    assert len(found) == 1, f"row {row}: one Named for all its names"


def test_threads_build_each_phrase_once() -> None:
    kb = Knowledge()
    _load_phoenix(kb)
    keys = list(kb.pending)[:300]
    with ThreadPoolExecutor(8) as pool:
        runs = list(pool.map(lambda _: [len(kb.lookup(k)) for k in keys], range(8)))
    assert all(run == runs[0] for run in runs)
    assert all(len(kb.phrases[normalise(k)]) == n for k, n in zip(keys, runs[0], strict=True))


def test_the_shared_index_still_knows_bulk_names() -> None:
    kb = knowledge()
    listed = kb.all_phrases()
    assert not kb.pending
    assert any(h.named is not None and h.named.kb_id.startswith("phoenix:")
               for hits in listed.values() for h in hits)
