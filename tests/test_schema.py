"""Real extractor output validates against the published JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema

from sayso.model import Article, InputError
from sayso.pipeline import process

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def schema() -> dict:  # type: ignore[type-arg]
    return json.loads(resources.files("sayso").joinpath("data/document.schema.json").read_text())


def test_examples_validate(nlp) -> None:  # type: ignore[no-untyped-def]
    articles = [Article(doc_id=p.stem, text=p.read_text(encoding="utf-8"))
                for p in sorted(EXAMPLES.glob("*.txt"))]
    validator = jsonschema.Draft202012Validator(schema())
    for result in process(articles, nlp):
        record = result.to_dict()
        validator.validate(record)
        text = next(a.text for a in articles if a.doc_id == record["doc_id"])
        for attribution in record["attributions"]:
            for role in ("cue", "content"):
                for start, end in attribution[role]["spans"]:
                    assert 0 <= start < end <= len(text)


def test_error_record_validates(nlp) -> None:  # type: ignore[no-untyped-def]
    bad = Article(doc_id="bad", text="", error=InputError("bad_encoding", "invalid UTF-8 at byte 0"))
    record = next(process([bad], nlp)).to_dict()
    jsonschema.Draft202012Validator(schema()).validate(record)
    assert (record["error"], record["reason"]) == ("invalid UTF-8 at byte 0", "bad_encoding")
