"""ClaimReview (fact-check) import and linking, on a real DuckDB store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claims_store import make_store
from sayso.claims import db
from sayso.claims.build import build
from sayso.claims.reviews import find_reviews, import_files, parse_file
from sayso.claims.views import claims, with_members
from sayso.cli import main

PAGE = """<!doctype html><html><head><title>Fact check</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "WebPage", "name": "ignored"},
 {"@type": "ClaimReview", "url": "https://factcheck.example/french-troops",
  "claimReviewed": "French troops are already fighting in Ukraine",
  "datePublished": "2024-03-05",
  "author": {"@type": "Organization", "name": "Example Checks"},
  "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Jean Dupont"}},
  "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1,
                   "alternateName": "False"}}]}
</script>
<script type="application/ld+json">{ this is not json </script>
<script>var notLd = {"@type": "ClaimReview"};</script>
</head><body><p>text</p></body></html>"""

LINES = [
    {"@type": ["ClaimReview"], "url": "https://factcheck.example/harvest",
     "claimReviewed": "The harvest was the worst in thirty years in the northern provinces",
     "reviewRating": {"alternateName": "Mostly true"}, "author": "Field Facts"},
    {"@type": "ClaimReview", "url": "https://factcheck.example/moon",
     "claimReviewed": "The moon landing was staged in a film studio",
     "reviewRating": {"alternateName": "False"}},
    {"@type": "ClaimReview", "url": "https://factcheck.example/empty"},
]


@pytest.fixture()
def files(tmp_path: Path) -> list[Path]:
    page = tmp_path / "check.html"
    page.write_text(PAGE, encoding="utf-8")
    jsonl = tmp_path / "reviews.jsonl"
    jsonl.write_text("\n".join([json.dumps(x) for x in LINES] + ["{broken"]) + "\n",
                     encoding="utf-8")
    return [page, jsonl]


def test_json_ld_parsing(files: list[Path]) -> None:
    found, bad = parse_file(files[0])
    assert [r["claimReviewed"] for r in found] == ["French troops are already fighting in Ukraine"]
    assert bad == 1
    nested = {"mainEntity": [{"@type": "ClaimReview", "claimReviewed": "x"}]}
    assert len(list(find_reviews(nested))) == 1


def test_import_links_reviews_to_claims(tmp_path: Path, files: list[Path]) -> None:
    path = make_store(tmp_path / "store.duckdb")
    con = db.connect(path)
    build(con, embedder=None)
    report = import_files(con, files, embedder=None)
    assert report.imported == 3           # page + 2 usable lines; the empty one is skipped
    assert report.skipped == 3            # bad JSON-LD block, broken line, no claimReviewed
    assert report.linked == 2             # the moon landing matches nothing
    rows = dict(con.execute("SELECT url, claim_id FROM claim_reviews").fetchall())
    assert rows["https://factcheck.example/moon"] is None
    troops = with_members(con, claims(con, ids=[rows["https://factcheck.example/french-troops"]]))
    assert "French soldiers" in troops[0]["text"]
    review = troops[0]["reviews"][0]
    assert review["rating"] == "False" and review["author"] == "Example Checks"
    assert review["item_author"] == "Jean Dupont"
    # Importing again adds nothing; rebuilding claims keeps the links.
    assert import_files(con, files, embedder=None).imported == 3
    assert con.execute("SELECT count(*) FROM claim_reviews").fetchone() == (3,)
    build(con, embedder=None)
    assert con.execute("SELECT count(*) FROM claim_reviews WHERE claim_id IS NOT NULL"
                       ).fetchone() == (2,)


def test_cli_import_and_show_rating(tmp_path: Path, files: list[Path],
                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = make_store(tmp_path / "store.duckdb")
    assert main(["claims", "--db", str(path), "build", "--embedder", "lexical"]) == 0
    assert main(["claims", "--db", str(path), "import-reviews", *map(str, files)]) == 0
    assert "2 linked" in capsys.readouterr().out
    assert main(["claims", "--db", str(path), "--json"]) == 0
    dumped = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    rated = [c for c in dumped if c["reviews"]]
    assert {c["reviews"][0]["rating"] for c in rated} == {"False", "Mostly true"}
    troops = next(c for c in rated if c["reviews"][0]["rating"] == "False")
    assert main(["claims", "--db", str(path), "show", troops["claim_id"]]) == 0
    assert "fact-check: False by Example Checks" in capsys.readouterr().out
    assert main(["claims", "--db", str(path), "import-reviews", str(tmp_path / "nope")]) == 2
