"""Ingestion: sources (files, HTML, URLs, feeds, JSONL, WARC) into the store.

Relative dates in the text ("on Tuesday", "March 15") are resolved by the event extractor
(``sayso.events.where_when.resolve_date``) against the article's reference date.
"""
