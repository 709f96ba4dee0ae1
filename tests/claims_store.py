"""A real DuckDB store with composed attribution rows, shared by the claim tests."""

from __future__ import annotations

import json
from pathlib import Path

from sayso.claims import db

# (article, date, outlet, speaker, cue, content)
STATEMENTS = [
    ("a1", "2024-03-01", "Daily Planet", "Jean Dupont", "said",
     "French soldiers are already fighting in Ukraine"),
    ("a2", "2024-03-02", "The Courier", "Anna Kowalska", "claimed",
     "French soldiers were already fighting inside Ukraine"),
    ("a3", "2024-03-03", "Morning Post", "Paris ministry", "denied",
     "that French soldiers are fighting in Ukraine"),
    ("a4", "2024-03-04", "Daily Planet", "Jean Dupont", "insisted",
     "French soldiers are already fighting in Ukraine"),
    ("a1", "2024-03-01", "Daily Planet", "Maria Rossi", "said",
     "the central bank will raise interest rates in June"),
    ("a2", "2024-03-02", "The Courier", "Tom Baker", "told reporters",
     "the central bank would raise interest rates by June"),
    ("a3", "2024-03-03", "Morning Post", "Lena Berg", "said",
     "the harvest was the worst in thirty years across the northern provinces"),
    ("a4", "2024-03-04", "Daily Planet", "Omar Haddad", "asked",
     "whether the central bank will raise interest rates in June"),
]


def make_store(path: Path, statements: list[tuple[str, ...]] = STATEMENTS) -> Path:
    con = db.connect(path)
    texts: dict[str, list[str]] = {}
    for article, *_rest, content in statements:
        texts.setdefault(article, []).append(content)
    for article, parts in texts.items():
        date, outlet = next((s[1], s[2]) for s in statements if s[0] == article)
        con.execute(
            "INSERT INTO articles (article_id, text_sha256, doc_id, source, url, site_name, "
            "published, status, text) VALUES (?, ?, ?, ?, ?, ?, ?, 'processed', ?)",
            [article, article, article, f"/corpus/{article}.txt",
             f"https://news.example/{article}", outlet, date, " ".join(parts)])
    offsets: dict[str, int] = {}
    for k, (article, _date, _outlet, speaker, cue, content) in enumerate(statements):
        start = offsets.get(article, 0)
        offsets[article] = start + len(content) + 1
        con.execute(
            "INSERT INTO attributions (attribution_id, article_id, kind, cue_class, source_text,"
            " cue_text, content_text, content_spans, speaker_name, start_char, end_char) "
            "VALUES (?, ?, 'indirect', NULL, ?, ?, ?, ?, ?, ?, ?)",
            [f"{article}:a{k}", article, speaker, cue, content,
             json.dumps([[start, start + len(content)]]), speaker, start, start + len(content)])
    con.close()
    return path
