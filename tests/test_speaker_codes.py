"""One code per named person per article (issue #13, deliverable 5): composed sentences."""

from __future__ import annotations

from sayso.actors.persons import one_code_per_speaker
from sayso.model import Actor, Attribution, Span


def said(at: int, name: str, country: str | None, sector: str | None, kind: str = "person") -> Attribution:
    speaker = Actor(name=name, kind=kind, country=country, sector=sector)  # type: ignore[arg-type]
    return Attribution(id=f"a{at}", kind="indirect", cue=Span([(at + 20, at + 24)], "said"),
                       content=Span([(at + 25, at + 40)], "x"), source=Span([(at, at + 10)], name),
                       speaker=speaker)


def codes(attributions: list[Attribution]) -> list[tuple[str | None, str | None]]:
    return [(a.speaker.country, a.speaker.sector) for a in attributions if a.speaker is not None]


def test_government_reading_beats_legislative_one() -> None:
    # "Senator Ann Holt said ... Defence Minister Ann Holt said ...": a minister sits in the
    # legislature, so the person is coded as the minister in every attribution
    found = [said(0, "Ann Holt", "AUS", "LEG"), said(100, "Ann Holt", "AUS", "GOV")]
    one_code_per_speaker(found)
    assert codes(found) == [("AUS", "GOV"), ("AUS", "GOV")]


def test_first_coded_mention_wins_and_fills_the_uncoded() -> None:
    # "Tom Reyes, a former envoy to Chile, said ... Reyes said ... He said ..."
    found = [said(200, "Tom Reyes", None, None), said(0, "Tom Reyes", "USA", "ELI"),
             said(100, "Tom Reyes", None, "LEG")]
    one_code_per_speaker(found)
    assert codes(found) == [("USA", "ELI")] * 3


def test_generic_sector_yields_to_a_specific_one() -> None:
    found = [said(0, "Dr. Mia Lund", "SWE", "UNK"), said(100, "Dr. Mia Lund", "SWE", "MED")]
    one_code_per_speaker(found)
    assert codes(found) == [("SWE", "MED")] * 2


def test_office_in_the_text_beats_an_elite_row_and_ids_do_not_split_a_person() -> None:
    # "President Sam Ortiz said ... Ortiz said ...": the first mention matched a knowledge-base
    # row of a former official (ELI), the second reads the office: one person, coded GOV
    first = said(0, "Sam Ortiz", "USA", "ELI")
    first.speaker.kb_id = "kb:SAM ORTIZ"  # type: ignore[union-attr]
    found = [first, said(100, "Sam Ortiz", "USA", "GOV")]
    one_code_per_speaker(found)
    assert codes(found) == [("USA", "GOV")] * 2


def test_descriptions_and_bodies_keep_their_own_codes() -> None:
    # two different judges, and an organisation, are no one person
    judges = [said(0, "a judge", "GBR", "JUD"), said(100, "a judge", None, "JUD")]
    bodies = [said(200, "Acme Mining", "CAN", "BUS", "organization"),
              said(300, "Acme Mining", None, "MNC", "organization")]
    one_code_per_speaker(judges + bodies)
    assert codes(judges + bodies) == [("GBR", "JUD"), (None, "JUD"), ("CAN", "BUS"), (None, "MNC")]


def test_pipeline_codes_a_minister_once(nlp) -> None:  # type: ignore[no-untyped-def]
    from sayso.model import Article
    from sayso.pipeline import process_one

    text = ("Defence Minister Ann Holt said the frigates would sail on Monday.\n\n"
            "Senator Holt said the navy had asked for more time.\n\n"
            "Holt told reporters the cost was within the budget.")
    result = process_one(Article("t", text, date="2020-03-01"), nlp)
    holt = {(a.speaker.country, a.speaker.sector) for a in result.attributions
            if a.speaker is not None and a.speaker.name == "Ann Holt"}
    assert len(holt) == 1


def test_participants_refer_back_to_the_shared_code(nlp) -> None:  # type: ignore[no-untyped-def]
    # code_speakers settles one code per person before it builds the referent memory, so a
    # later mention of the person (an event participant) refers back to the code the speakers
    # share (the minister's), not to the first speaker's own (the senator's)
    from sayso.actors import Context, code_speakers
    from sayso.model import Article

    text = "Ann Holt said the frigates would sail.\n\nAnn Holt said the navy was ready."
    doc = nlp(text)
    second = text.index("Ann Holt", 5)
    found = [said(0, "Ann Holt", "AUS", "LEG"), said(second, "Ann Holt", "AUS", "GOV")]
    for attribution, at in zip(found, (0, second), strict=True):
        attribution.source = Span([(at, at + 8)], "Ann Holt")
        attribution.speaker.spans = [(at, at + 8)]  # type: ignore[union-attr]
    context = Context.of(doc, Article("t", text, date="2020-03-01"))
    code_speakers(found, context)
    assert codes(found) == [("AUS", "GOV")] * 2
    remembered = context.actors.by_word.get("holt")
    assert remembered is not None and remembered.sector == "GOV"
