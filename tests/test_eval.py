"""Scorers on tiny handmade examples with known answers (no ../shared needed)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sayso.cli import main
from sayso.eval import attributions, events, plv

TEXT = 'The mayor said: "We will rebuild the bridge." Critics disagreed, aides said.\n'


def span(text: str, part: str) -> list[int]:
    start = TEXT.index(part)
    return [start, start + len(part)]


def gold_dir(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc.txt").write_text(TEXT, encoding="utf-8", newline="")
    s, c, q = span(TEXT, "The mayor"), span(TEXT, "said"), span(TEXT, '"We will rebuild the bridge."')
    ann = (f"T1\tSource {s[0]} {s[1]}\tThe mayor\nT2\tCue {c[0]} {c[1]}\tsaid\n"
           f"T3\tContent {q[0]} {q[1]}\t...\nT4\tAttribution 0 1\tT\n"
           "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n# a note\n")
    (tmp_path / "attributions" / "doc_aaaa.ann").write_text(ann, encoding="utf-8")
    # A second annotator that sorts later must be ignored.
    (tmp_path / "attributions" / "doc_zzzz.ann").write_text("", encoding="utf-8")
    return tmp_path


def one(source: Any, cue: Any, content: Any) -> list[dict[str, Any]]:
    return [{"doc_id": "doc", "attributions": [{"source": source, "cue": cue, "content": content}]}]


def test_perfect_attribution(tmp_path: Path) -> None:
    preds = one([span(TEXT, "The mayor")], span(TEXT, "said"),
                {"spans": [span(TEXT, '"We will rebuild the bridge."')]})
    result = attributions.score(gold_dir(tmp_path), preds)
    for role in attributions.ROLES:
        assert result[role]["exact"]["f1"] == 1.0
    assert result["attribution"]["j80"]["f1"] == 1.0


def test_quote_marks_do_not_matter_for_exact(tmp_path: Path) -> None:
    preds = one([span(TEXT, "The mayor")], span(TEXT, "said:"),
                [span(TEXT, "We will rebuild the bridge")])
    result = attributions.score(gold_dir(tmp_path), preds)
    assert result["content"]["exact"]["tp"] == 1
    assert result["cue"]["exact"]["tp"] == 1


def test_shifted_content_fails_exact_passes_overlap(tmp_path: Path) -> None:
    preds = one([span(TEXT, "mayor")], span(TEXT, "said"), [span(TEXT, "will rebuild the bridge")])
    result = attributions.score(gold_dir(tmp_path), preds)
    assert result["content"]["exact"]["tp"] == 0
    assert result["content"]["overlap"]["tp"] == 1
    assert result["source"]["overlap"]["tp"] == 1  # 1 of 2 tokens: Jaccard 0.5
    assert result["attribution"]["j50"]["tp"] == 1  # content Jaccard 4/5
    assert result["attribution"]["j80"]["tp"] == 1
    assert result["attribution"]["j80"]["precision"] == 1.0


def test_wrong_source_fails_attribution(tmp_path: Path) -> None:
    preds = one([span(TEXT, "Critics")], span(TEXT, "said"), [span(TEXT, "We will rebuild the bridge")])
    result = attributions.score(gold_dir(tmp_path), preds)
    assert result["attribution"]["j50"]["tp"] == 0
    assert result["content"]["exact"]["tp"] == 1


def test_empty_and_unknown_predictions(tmp_path: Path) -> None:
    preds = [{"doc_id": "other", "attributions": []}, {"id": "doc", "attributions": [{}]}]
    result = attributions.score(gold_dir(tmp_path), preds)
    assert result["unknown_prediction_ids"] == 1
    assert result["documents_with_predictions"] == 1
    assert result["content"]["exact"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0,
                                          "tp": 0, "pred": 0, "gold": 1}


def actor(country: Any, sector: Any, spans: Any) -> dict[str, Any]:
    return {"country": country, "sector": sector, "spans": spans}


def test_events_known_answer() -> None:
    gold = [{"id": "a", "events": [
        {"type": "THREATEN", "source": actor("RUS", "GOV", [[0, 6]]),
         "target": actor(["FRA", "DEU"], None, [[18, 24]])},
        {"type": "AID", "source": actor("USA", "GOV", [[30, 33]]), "target": None}]}]
    pred = [{"doc_id": "a", "events": [
        {"type": " threaten", "source": actor(["RUS", "X"], "gov", [0, 3]),
         "target": actor("DEU", "MIL", {"spans": [[40, 44]]})},
        {"type": "SAY", "source": None, "target": None}]}]
    result = events.score(gold, pred)
    assert result["type"]["micro"]["tp"] == 1
    assert result["type"]["per_type"]["AID"]["recall"] == 0.0
    assert result["type"]["macro_f1"] == pytest.approx(1 / 3)
    assert result["non_plover_pred_types"] == ["SAY"]
    assert result["triple"]["tp"] == 1
    fields = result["fields"]
    assert fields["target_country"]["accuracy"] == 1.0
    assert fields["target_sector"]["scored"] == 0 and fields["target_sector"]["accuracy"] is None
    assert fields["source_span"]["accuracy"] == 1.0
    assert fields["target_span"]["accuracy"] == 0.0


def test_null_gold_country_requires_no_prediction() -> None:
    gold = [{"id": "a", "events": [{"type": "AID", "source": actor(None, None, []), "target": None}]}]
    wrong = [{"id": "a", "events": [{"type": "AID", "source": actor("USA", None, []), "target": None}]}]
    assert events.score(gold, wrong)["fields"]["source_country"]["accuracy"] == 0.0
    right = [{"id": "a", "events": [{"type": "AID"}]}]
    assert events.score(gold, right)["fields"]["source_country"]["accuracy"] == 1.0


def test_plv_first_matching_event_and_yield() -> None:
    gold = [{"id": "1", "text": "x" * 40, "source_span": [0, 5], "target_span": [10, 15], "label": "YIELD"},
            {"id": "2", "text": "x" * 40, "source_span": None, "target_span": [10, 15], "label": "ACCUSE"}]
    pred = [{"id": "1", "events": [{"type": "AID", "source": {"spans": [[20, 25]]}, "target": {"spans": [[10, 12]]}},
                                   {"type": "CONCEDE", "source": {"spans": [[4, 6]]}, "target": {"spans": [[14, 30]]}}]},
            {"id": "2", "events": [{"type": "ACCUSE", "source": None, "target": {"spans": [11, 12]}}]}]
    result = plv.score(gold, pred)
    assert result["yield_collapsed"] is True
    assert result["accuracy"] == 1.0
    assert result["coverage"] == 1.0


def test_eval_cli_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "events": [{"type": "AID"}]}) + "\n", encoding="utf-8")
    assert main(["eval", "events", "--gold", str(gold), "--pred", str(gold), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["type"]["micro"]["f1"] == 1.0
    assert main(["eval", "events", "--gold", str(gold), "--pred", str(gold)]) == 0
    assert "MICRO" in capsys.readouterr().out
    assert main(["eval", "events", "--gold", str(gold), "--pred", str(tmp_path / "nope")]) == 2
