"""The judged real-news attribution set (issue #13): offsets, predicted speakers and judgments
only, and a scorer that gives the drawn predictions back their own numbers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from judged_sets import judged_rows, script

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "attributions_judged.jsonl"
FIELDS = {"doc_id", "text_sha256", "paragraph", "source", "cue", "content", "pred", "attribution",
          "speaker_ok", "right_speaker", "country_ok", "right_country", "sector_ok", "right_sector",
          "content_ok", "pattern"}


def scorer() -> Any:
    return script("attributions_judged")


def rows() -> list[dict[str, Any]]:
    return judged_rows(JUDGED)


def test_the_set_holds_no_text_and_every_row_is_judged() -> None:
    judged = rows()
    assert len(judged) == 150
    for row in judged:
        assert set(row) <= FIELDS, set(row) - FIELDS
        assert set(row["pred"]) == {"kind", "speaker"}
        assert isinstance(row["attribution"], bool)
        if not row["attribution"]:
            assert row["pattern"] and row["speaker_ok"] is None and row["content_ok"] is None
        else:
            assert isinstance(row["content_ok"], bool)
            assert row["speaker_ok"] is not False or row.get("pattern")
        start, end = row["paragraph"]
        assert start <= row["cue"][0][0] < end


def test_the_drawn_predictions_score_as_judged() -> None:
    module = scorer()
    judged = rows()
    records: dict[str, dict[str, Any]] = {}
    for row in judged:
        record = records.setdefault(row["doc_id"], {"doc_id": row["doc_id"], "text_sha256": row["text_sha256"],
                                                    "attributions": []})
        source = None if row["source"] is None else {"spans": row["source"], "speaker": row["pred"]["speaker"]}
        record["attributions"].append({"kind": row["pred"]["kind"], "source": source,
                                       "cue": {"spans": row["cue"]}, "content": {"spans": row["content"]}})
    scored = module.score(judged, list(records.values()))
    drawn = module.baseline(judged)
    assert scored["matched"] == len(judged) and scored["unjudged"] == 0
    for key in ("attribution precision", "speaker precision (of true attributions with a named speaker)",
                "country precision", "sector precision", "content ok (of true attributions)"):
        assert scored[key] == drawn[key], key
