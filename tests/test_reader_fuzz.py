"""Fuzzing the readers with hypothesis: whatever the bytes or the file name, a reader yields
documents or failures (never raises), and what it yields can be stored."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path

import pyarrow as pa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.ingest.files import path_of, source_name
from sayso.ingest.sources import iter_sources, jsonl_items
from sayso.model import Article, Failure
from sayso.pipeline import MAX_CHARS
from sayso.store.rows import article_row, failure_row

SUFFIXES = [".txt", ".md", "", ".html", ".jsonl", ".xml", ".warc", ".txt.gz", ".jsonl.gz",
            ".html.gz", ".warc.gz"]
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Bytes that look like the formats, so the fuzzer reaches past the first check.
SEEDS = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x1f\x8b\x08",
         b"<html><body><p>", b"{\"id\": \"x\", \"text\": \"", b"WARC/1.0\r\n", b"<?xml ",
         b"<rss><channel><item><link>", b"\x00", b"\n"]
data = st.builds(lambda seed, tail: seed + tail, st.sampled_from(SEEDS), st.binary(max_size=400))


def storable(item: Article | Failure) -> None:
    """The row the store would write converts to Arrow (lone surrogates would raise)."""
    row = (failure_row(item, "run") if isinstance(item, Failure)
           else article_row(item, "processed", "run"))
    pa.Table.from_pylist([row])
    if isinstance(item, Article):
        assert len(item.text) <= MAX_CHARS


@FUZZ
@given(data, st.sampled_from(SUFFIXES))
def test_any_file_is_a_document_or_a_failure(content: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, f"input{suffix}")
        path.write_bytes(content)
        for item in iter_sources([str(path)]):
            assert isinstance(item, Article | Failure)
            storable(item)


@FUZZ
@given(st.lists(st.one_of(data, st.builds(lambda t, k: json.dumps({"id": 1, k: t}).encode(),
                                         st.text(max_size=80), st.sampled_from(
                                             ["text", "html", "title", "date", "url"]))),
                max_size=6))
def test_any_jsonl_stream_is_documents_or_failures(lines: list[bytes]) -> None:
    stream = io.BytesIO(b"\n".join(lines))
    for item in jsonl_items(stream, "fuzz.jsonl", {}):
        assert isinstance(item, Article | Failure)
        storable(item)


@FUZZ
@given(st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b
                                                 and not b.startswith(b".")))
def test_any_file_name_is_stored_losslessly(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp, os.fsdecode(name + b".txt"))
        path.write_bytes(b"The minister said the talks would resume.")
        source = source_name(path)
        source.encode("utf-8")  # storable
        assert os.fsencode(path_of(source)) == os.fsencode(path.absolute())
        items = list(iter_sources([tmp]))
        assert len(items) == 1 and isinstance(items[0], Article)
        storable(items[0])
