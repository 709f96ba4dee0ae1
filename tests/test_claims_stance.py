"""Stance toward a claim's proposition: the rules, the learned model's plumbing, and a
rejection that must never label (and so define) the claim it rejects."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claims_store import make_store
from sayso.claims import db, stance_model
from sayso.claims.assemble import claim_polarity, representatives, stances
from sayso.claims.build import build
from sayso.claims.stance import rejects, stance
from sayso.claims.views import claims, with_members

WALL = "Mexico will pay for the border wall"
# (article, date, outlet, speaker, cue, content): two affirmations and two rejections of one
# proposition; the rejections quote it whole and alike, so they are the most central members.
REJECTED = [
    ("r1", "2024-05-01", "Daily Planet", "Donald Trump", "said", f"that {WALL}"),
    ("r2", "2024-05-02", "The Courier", "Vicente Fox", "called",
     f"the claim that {WALL} patently false"),
    ("r3", "2024-05-03", "Morning Post", "Enrique Pena Nieto", "said",
     f"the claim that {WALL} is patently false"),
    ("r4", "2024-05-04", "Daily Planet", "Mike Pence", "told reporters",
     f"{WALL}, and fast"),
]


@pytest.mark.parametrize(("cue", "content", "expected"), [
    # The CEO's case: a rejection in the content, a neutral cue.
    ("called", f"the claim that {WALL} patently false", "deny"),
    ("said", "those statements were wrong", "deny"),
    ("said", "there is no evidence that the vote was rigged", "deny"),
    ("said", "the story that he was born abroad isn't true", "deny"),  # no double negation
    # Refusals are no denial of what follows; refusing to confirm leaves it open.
    ("refused", "to back an undivided Jerusalem as the capital of Israel", "assert"),
    ("declined", "to confirm that the talks had failed", "question"),
    ("refused", "the offer", "deny"),
    # Negated cues: open, denying, or a negated denial.
    ("has not publicly accused", "Russia of being behind the hack", "question"),
    ("did not recommend", "that she face criminal charges", "deny"),
    ("never denied", "that the plant will close", "assert"),
    # Doubt in a few words questions; a long quote that mentions "wrong" in passing does not.
    ("said", "he was skeptical of the officials' claim that Russia hacked the emails", "question"),
    ("said", "Clinton's honesty is in question", "question"),
    ("said", "“We did everything we could, we worked day and night, and people who say we got "
             "it wrong on the details should look at the record of the agency over the eight "
             "years before that, which speaks for itself,” she said", "assert"),
])
def test_stance_rules_of_the_issue(cue: str, content: str, expected: str) -> None:
    assert stance(cue, None, content, False) == expected


@pytest.mark.parametrize(("cue", "cue_class", "content", "expected"), [
    # A criticised position is opposed; a criticised person is said to be what they are
    # criticised for or as.
    ("blasted", None, "the governor's plan to close three rural hospitals", "deny"),
    ("criticized", "criticize", "the senator's call for a ban on imports", "deny"),
    ("slammed", None, "his proposal as unaffordable", "deny"),
    ("slammed", None, "the mayor for ignoring the flood warnings", "assert"),
    ("denounced", None, "the minister as a liar", "assert"),
    ("denounced", None, "the violence", "deny"),  # neither: the cue decides, as before
    # Rhetorical questions argue; real ones ask.
    ("asked", "ask", "\"If he cannot balance a budget, why should we trust him with ours?\"",
     "assert"),
    ("said", None, "\"Can you really fix the schools when you cut their budget?\"", "assert"),
    ("said", None, "\"She was in charge. She signed it, OK?\"", "assert"),
    ("asked", "ask", "\"Will the plant close next year?\"", "question"),
    ("asked", "ask", "\"Is it OK to drink the water?\"", "question"),
    ("asked", "ask", "\"Is it OK?\"", "question"),
    # New words: a walk-back, a smear, a denial of having said it, a negated disavowal.
    ("said", None, "his remarks about the judge were sarcastic", "deny"),
    ("accused", "accuse", "her rival of an ugly smear", "deny"),
    ("said", None, "\"I never said that,\"", "deny"),
    ("has never disavowed", None, "his plan for a border tax", "assert"),
])
def test_stance_rules_relative_to_the_proposition(cue: str, cue_class: str | None, content: str,
                                                  expected: str) -> None:
    assert stance(cue, cue_class, content, False) == expected


def test_rejection_words_are_matched_as_words() -> None:
    assert rejects("the claim is patently false")
    assert rejects("that isn’t true")  # curly apostrophe folded, "n't" split off
    assert not rejects("the falsetto singer performed")
    assert not rejects("she lied to the families")  # "lied" asserts a dishonesty claim


def test_rejection_never_labels_the_claim_it_rejects(tmp_path: Path) -> None:
    con = db.connect(make_store(tmp_path / "r.duckdb", REJECTED))
    build(con, embedder=None)
    found = claims(con, min_size=2)
    assert len(found) == 1
    claim = with_members(con, found)[0]
    con.close()
    assert claim["text"] == f"that {WALL}"  # an affirmation states the claim
    assert claim["representative_attribution_id"] == "r1:a0"
    assert "patently false" not in claim["sentence"]
    by_speaker = {m["speaker"]["name"]: m["stance"] for m in claim["members"]}
    assert by_speaker == {"Donald Trump": "assert", "Vicente Fox": "deny",
                          "Enrique Pena Nieto": "deny", "Mike Pence": "assert"}
    assert claim["contradiction"] is True


def test_representative_prefers_affirming_members_only_with_cues() -> None:
    texts = [f"that {WALL}", f"the claim that {WALL} patently false"]
    edges = (np.asarray([0]), np.asarray([1]), np.asarray([0.9]))
    # The rejection is longer but as central: without cues the tie-break on centrality
    # alone is what it was; with cues the affirmation always wins.
    assert representatives([0, 0], texts, edges, ["said", "called"], [None, None]) == {0: 0}
    texts_rev = list(reversed(texts))
    assert representatives([0, 0], texts_rev, edges, ["called", "said"], [None, None]) == {0: 1}
    # A claim made of rejections only keeps one of them (there is nothing else to state it).
    only = [texts[1], f"the claim that {WALL} is a hoax"]
    assert representatives([0, 0], only, edges, ["called", "called"], [None, None])[0] in (0, 1)
    # Affirming is read by the stance rules: a criticised position never states the claim,
    # nor does a rhetorical question (it argues, it does not state).
    criticised = [f"the plan that {WALL}", f"that {WALL}"]
    assert representatives([0, 0], criticised, edges, ["blasted", "said"], [None, None]) == {0: 1}
    asked = [f"\"Why would anyone doubt that {WALL}?\"", f"that {WALL}"]
    assert representatives([0, 0], asked, edges, ["asked", "said"], ["ask", None]) == {0: 1}


def _context_rows(cues: list[str], texts: list[str]) -> np.ndarray:
    labels, reps, classes = [0] * len(texts), {0: 0}, [None] * len(texts)
    negated = claim_polarity(labels, reps, texts, cues, classes)
    return stance_model.rows(labels, reps, texts, cues, classes, negated)


def test_stance_model_features_fit_and_threshold() -> None:
    data = [("said", "the plant will close", "assert"),
            ("denied", "that the plant will close", "deny"),
            ("asked", "whether the plant will close", "question"),
            ("said", "allegedly the plant will close", "report"),
            ("claimed", "the plant would close", "assert")] * 4
    x = _context_rows([c for c, _t, _s in data], [t for _c, t, _s in data])
    assert x.shape == (len(data), len(stance_model.FEATURES))
    y = np.asarray([stance_model.LABELS.index(s) for *_r, s in data])
    w = stance_model.fit(x, y, l2=0.01, steps=800)
    model = stance_model.StanceModel(w, threshold=0.3)
    assert stance_model.predict(x, model) == [s for *_r, s in data]
    # A threshold above every probability leaves "assert" everywhere.
    assert set(stance_model.predict(x, stance_model.StanceModel(w, 1.01))) == {"assert"}
    assert stance_model.predict(x[:0], model) == []


def test_weights_of_another_feature_set_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "w.npz"
    np.savez(path, weights=np.zeros((3, 4), dtype=np.float32), threshold=0.5)
    with np.load(path) as data:
        assert stance_model._read(data) is None
    np.savez(path, weights=np.zeros((len(stance_model.FEATURES), 4), dtype=np.float32),
             threshold=0.5)
    with np.load(path) as data:
        got = stance_model._read(data)
    assert got is not None and got.threshold == 0.5


def test_stances_use_the_shipped_model_or_the_rules() -> None:
    texts = ["the plant will close", "the claim that the plant will close is false",
             "whether the plant will close"]
    cues = ["said", "called", "asked"]
    got = stances([0, 0, 0], {0: 0}, texts, cues, [None] * 3)
    assert all(s in ("assert", "deny", "question", "report") for s in got)
    if stance_model.weights() is None:  # no weights ship: the rules decide
        assert got == ["assert", "deny", "question"]
    else:
        pytest.skip("a learned stance model ships: its choices are measured, not fixed here")


def test_shipped_model_card_matches_weights() -> None:
    from importlib import resources

    ref = resources.files("sayso.data").joinpath(stance_model.MODEL_FILE)
    if not ref.is_file():
        pytest.skip("no learned stance model ships (docs/claims.md, Stance): the rules decide")
    card = resources.files("sayso.data").joinpath("claims_stance.md").read_text(encoding="utf-8")
    import hashlib

    assert hashlib.sha256(ref.read_bytes()).hexdigest() in card
    assert json.dumps(stance_model.LABELS)  # labels stay the four of the issue
