"""The judged real-news attribution set (issue #13): offsets, predicted speakers and judgments
only, and a scorer that gives the drawn predictions back their own numbers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from judged_sets import judged_rows, script

ROOT = Path(__file__).resolve().parents[1]
JUDGED = ROOT / "tests" / "data" / "attributions_judged.jsonl"
FIELDS = {"doc_id", "text_sha256", "round", "paragraph", "source", "cue", "content", "pred", "attribution",
          "speaker_ok", "right_speaker", "country_ok", "right_country", "sector_ok", "right_sector",
          "content_ok", "pattern", "no_source"}


def scorer() -> Any:
    return script("attributions_judged")


def rows() -> list[dict[str, Any]]:
    return judged_rows(JUDGED)


def test_the_set_holds_no_text_and_every_row_is_judged() -> None:
    judged = rows()
    assert len(judged) == 1039
    for round_no in (2, 3, 4, 5, 6, 7, 8):
        assert sum(1 for row in judged if row.get("round") == round_no) == 100
    # round 9: every attribution of the last unused texts the per-text cap allowed
    assert sum(1 for row in judged if row.get("round") == 9) == 85
    # round 10: every attribution main 036782d finds in the 50 held-out lee texts
    assert sum(1 for row in judged if row.get("round") == 10) == 104
    assert all(row["doc_id"].startswith("lee-") for row in judged if row.get("round") == 10)
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
    for round_no in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10):
        the_drawn_predictions_score_as_judged([r for r in rows() if r.get("round", 1) == round_no])


def test_round_two_draws_only_attributions_no_judged_row_stands_for(tmp_path: Path, shared_dir: Path
                                                                   ) -> None:
    # the draw rebuilds the drawn texts from ../shared's HTML gold (skipped without it)
    module = scorer()
    judged = rows()[:2]
    path = tmp_path / "judged.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in judged), encoding="utf-8")
    first = judged[0]
    old = {"kind": "indirect", "source": None, "cue": {"spans": first["cue"]},
           "content": {"spans": first["content"]}}
    record = {"doc_id": first["doc_id"], "text_sha256": first["text_sha256"], "attributions": [old]}
    module.sample_round(path, [record], 2, 5)
    assert len(judged_rows(path)) == 2  # the only attribution is judged already
    # a round already drawn is not drawn again
    with pytest.raises(SystemExit):
        module.sample_round(tmp_path / "judged.jsonl", [record], 1, 5)


def test_a_round_on_new_texts_skips_every_text_an_earlier_round_drew_from(tmp_path: Path, shared_dir: Path
                                                                         ) -> None:
    # round 8's --new-texts (the draw rebuilds the texts from ../shared: skipped without it)
    module = scorer()
    judged = rows()[:1]
    path = tmp_path / "judged.jsonl"
    path.write_text(json.dumps(judged[0]) + "\n", encoding="utf-8")
    first = judged[0]
    other = {"kind": "indirect", "source": None, "cue": {"spans": [[0, 1]]}, "content": {"spans": [[2, 3]]}}
    record = {"doc_id": first["doc_id"], "text_sha256": first["text_sha256"], "attributions": [other]}
    module.sample_round(path, [record], 2, 5, new_texts=True)
    assert len(judged_rows(path)) == 1  # an unjudged attribution, but of a text already drawn from
    module.sample_round(path, [record], 3, 5)
    assert len(judged_rows(path)) == 2  # without --new-texts it is drawn


def the_drawn_predictions_score_as_judged(judged: list[dict[str, Any]]) -> None:
    module = scorer()
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


def test_the_held_out_lee_texts_are_rebuilt_for_scoring(shared_dir: Path) -> None:
    # round 10's texts come from gensim's lee.cor, rebuilt by id only (never by a plain draw)
    pytest.importorskip("gensim")
    from sayso.model import text_sha256

    module = scorer()
    judged = [r for r in rows() if r.get("round") == 10]
    texts = {a["id"]: a["text"] for a in module.texts_of({r["doc_id"] for r in judged})}
    assert set(texts) == {r["doc_id"] for r in judged}
    for row in judged:
        assert text_sha256(texts[row["doc_id"]]) == row["text_sha256"]
    assert not any(a["id"].startswith("lee-") for a in module.texts_of(None))
