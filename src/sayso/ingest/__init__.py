"""Ingestion: sources (files, HTML, URLs, feeds, JSONL, WARC) into the store.

``sayso.ingest.dates.resolve(expr, anchor_date)`` resolves relative dates ("last
week", "on Tuesday") against a publication date for the event extractor.
"""
