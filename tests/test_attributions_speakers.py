"""Speaker resolution: pronouns, described speakers and group speakers (composed sentences)."""

from __future__ import annotations

from sayso.attributions import extract_attributions
from sayso.model import Actor


def speakers(nlp, text: str) -> dict[str, Actor]:  # type: ignore[no-untyped-def]
    """Source text -> speaker, last one wins for repeated sources."""
    out = {}
    for att in extract_attributions(nlp(text)):
        if att.source is not None and att.speaker is not None:
            out[att.source.text] = att.speaker
    return out


def test_pronoun_takes_the_nearest_described_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('Government spokeswoman Anna Berg: "We are following this closely."\n\n'
            "Oslo asked Sweden to send advisers, Norway's defence minister said in a statement "
            "on Friday. He denied that foreign troops were already in the country.")
    found = speakers(nlp, text)
    he = found["He"]
    assert he.name == "Norway's defence minister"
    assert he.kind == "person" and he.role == "defence minister" and he.country == "NOR"


def test_pronoun_still_reaches_a_named_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Finnish Prime Minister Liisa Koski visited the port on Monday. "
            "She said the harbour would reopen soon.")
    assert speakers(nlp, text)["She"].name == "Liisa Koski"


def test_owned_description_is_its_own_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    found = speakers(nlp, "Norway's defence minister said the drills would go on.")
    actor = found["Norway's defence minister"]
    assert (actor.name, actor.kind, actor.role, actor.country) == (
        "Norway's defence minister", "person", "defence minister", "NOR")


def test_described_organisation(nlp) -> None:  # type: ignore[no-untyped-def]
    found = speakers(nlp, "Russia's foreign ministry said it would answer the note soon.")
    actor = found["Russia's foreign ministry"]
    assert actor.kind == "organization"
    assert actor.role == "foreign ministry" and actor.country == "RUS"


def test_owned_title_is_not_a_callback(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Trade commissioner Mark Olsen met farmers in Lyon. "
            "The bloc's foreign policy chief said the talks had failed.")
    actor = speakers(nlp, text)["The bloc's foreign policy chief"]
    assert actor.name != "Mark Olsen"
    assert actor.kind == "person" and actor.role == "foreign policy chief"


def test_groups_keep_their_own_nationality(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Israeli military sources said the strike hit a depot near the border. "
            "Palestinian officials said ten people were hurt in the raid. "
            "An Israeli security source said the operation would continue.")
    found = speakers(nlp, text)
    military = found["Israeli military sources"]
    assert military.country == "ISR" and military.kind == "group"
    assert military.role is None or "Palestin" not in military.role
    assert found["Palestinian officials"].country == "PSE"
    assert found["An Israeli security source"].country == "ISR"
    assert military.name != found["Palestinian officials"].name


def test_name_in_the_setting_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Hillary Clinton spoke in Ohio. A narrator in the Clinton ad says the economy is failing."
    speakers = [a.speaker for a in extract_attributions(nlp(text))]
    assert speakers and speakers[-1] is not None
    assert speakers[-1].name == "narrator in the Clinton ad"
    text = "A web video by the Republican National Committee says the senator lied to voters."
    (att,) = extract_attributions(nlp(text))
    assert att.speaker is not None and att.speaker.name == "the Republican National Committee"
    assert att.speaker.role is None  # "web video by" is no one's title
