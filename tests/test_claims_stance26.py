"""Stance rules of the twenty-sixth session: a rejection stated inside the content."""

from __future__ import annotations

import pytest

from sayso.claims.stance import (
    criticised_for_position,
    inner_rejection,
    negated_act,
    refusal,
    stance,
)
from sayso.claims.text import is_negated, words


@pytest.mark.parametrize(
    ("cue", "cue_class", "content", "expected"),
    [
        # A denying or criticising verb inside the content, aimed at someone's position.
        ("said", "say", "that she rejects the mayor's latest remarks about the budget", "deny"),
        ("passed", "other", "a motion condemning the governor's plan to close the port", "deny"),
        ("wrote", "say", "that the party opposes the minister's proposal for a toll road", "deny"),
        # ... but not a noun naming a rejection, a negated verb, or a verb without a position.
        ("said", "say", "his attacks on the plan were unfair", "assert"),
        ("said", "say", "the union's criticism of the proposal had grown louder", "assert"),
        ("said", "say", "she does not oppose the council's plan", "assert"),
        ("said", "say", "the army rejected the rebels at the river crossing", "assert"),
        # A person criticised for saying or proposing something: that position is opposed.
        ("criticized", "criticize", "the senator for suggesting that the vote was rigged", "deny"),
        ("slammed", None, "the mayor over his call for a curfew", "deny"),
        ("slammed", None, "the mayor for ignoring the flood warnings", "assert"),
        ("blasted", None, "the agency for closing the office without notice", "assert"),
        # The content's own negated act of saying or recommending.
        ("said", "say", "he had never suggested that the city should sell the park", "deny"),
        ("announced", "announce", "that she would not recommend charges against the clerk", "deny"),
        ("decided", "other", "not to recommend a recall of the mayor", "deny"),
        (
            "said",
            "say",
            "\"I don't say anything in private that I don't say in public,\"",
            "assert",
        ),
        ("said", "say", "the council did not approve the budget", "assert"),
        # Refusing to admit withholds assent; refusing to back something is an act.
        ("refused", "reject", "to admit that the project was over budget", "deny"),
        ("refused", "reject", "to back the new stadium", "assert"),
    ],
)
def test_rejection_inside_the_content(
    cue: str, cue_class: str | None, content: str, expected: str
) -> None:
    # As the build asks it: a member's own polarity is its claim's (POLARITY_FLIPS off).
    assert stance(cue, cue_class, content, is_negated(content)) == expected


def test_helpers_read_only_the_first_words() -> None:
    late = "the report, which ran to forty pages and many tables, rejects the plan"
    assert not inner_rejection(late)
    assert not negated_act("the budget grew again this year and nobody had never suggested it")
    assert criticised_for_position(words("the mayor over his remarks"))
    assert not criticised_for_position(words("the mayor over the summer"))
    assert refusal("declined", "to concede that the plan failed") == "deny"
    assert refusal("declined", "to confirm that the plan failed") == "question"
