"""Speaker resolution: pronouns, described speakers and group speakers (composed sentences)."""

from __future__ import annotations

from sayso.attributions import extract_attributions
from sayso.attributions.ner_repair import repaired_mentions
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


# Issue 13: the classes of speaker errors seen on real news, each on composed sentences.


def test_new_paragraph_naming_its_own_speaker_ends_the_continuation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('Senator Mary Olsen said on Monday: "We will not give up on the farmers."\n\n'
            '"The tariffs have hurt every family in this state." Governor Tom Reddick told '
            "reporters after the vote.\n\n"
            '"Nobody in this chamber wanted a trade war." Governor Reddick then took a harder line.')
    atts = extract_attributions(nlp(text))
    olsen = next(a for a in atts if a.speaker is not None and a.speaker.name == "Mary Olsen")
    assert "tariffs" not in olsen.content.text and "chamber" not in olsen.content.text
    reddick = next(a for a in atts if a.speaker is not None and a.speaker.name == "Tom Reddick")
    assert "tariffs" in reddick.content.text and "reporters" not in reddick.content.text


def test_quoted_paragraph_without_a_new_name_still_continues(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('Senator Mary Olsen said on Monday: "We will not give up on the farmers."\n\n'
            '"They have carried this state through every drought we have had."')
    (att,) = extract_attributions(nlp(text))
    assert "drought" in att.content.text


def test_pronoun_does_not_jump_back_over_a_paragraph_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Prime Minister Anton Varga said on Monday that the border would stay closed.\n\n"
            "The Hungarian president travelled to the border crossing on Sunday. "
            "He warned that the talks were over.")
    he = speakers(nlp, text)["He"]
    assert he.name != "Anton Varga"
    assert he.role == "president" and he.country == "HUN"
    # With no closer candidate the previous paragraph's speaker is still the one meant.
    text = ("Prime Minister Anton Varga said on Monday that the border would stay closed.\n\n"
            "He also warned that the talks were over.")
    assert speakers(nlp, text)["He"].name == "Anton Varga"


def test_pronoun_speaker_is_not_a_name_inside_its_own_quotation(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ('Former aide Paul Grady testified on Tuesday. "I now do recall the meeting with '
            'the ambassador Peter Lund," he said.')
    assert speakers(nlp, text)["he"].name == "Paul Grady"


def test_first_person_inside_a_quotation_is_the_quotation_speaker() -> None:
    from sayso.attributions.speakers import _first_person
    from sayso.model import Attribution, Span

    text = 'Paul Grady said: "As the minister put it, I never saw the letter." I doubt that.'
    quote = (text.index('"'), text.rindex('"') + 1)
    i_inside = text.index("I never")
    i_outside = text.index("I doubt")

    def att(n: str, source: tuple[int, int], cue: tuple[int, int], content: tuple[int, int],
            name: str) -> Attribution:
        return Attribution(id=n, kind="direct", cue=Span.of(text, [cue]),
                           content=Span.of(text, [content]), source=Span.of(text, [source]),
                           speaker=Actor(name=name))

    grady = att("a1", (0, 10), (11, 15), quote, "Paul Grady")
    inner = att("a2", (i_inside, i_inside + 1), (i_inside + 8, i_inside + 11),
                (i_inside + 12, i_inside + 22), "I")
    author = att("a3", (i_outside, i_outside + 1), (i_outside + 2, i_outside + 7),
                 (i_outside + 8, i_outside + 12), "I")
    _first_person(text, [grady, inner, author])
    assert inner.speaker is not None and inner.speaker.name == "Paul Grady"
    assert author.speaker is None  # an author's own "I" names no one


def test_relative_pronoun_speaks_for_its_head(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The plan was backed by Senator Ann Kowalski, who said it would save money."
    found = speakers(nlp, text)
    assert found["who"].name == "Ann Kowalski" and found["who"].kind == "person"


def test_apposition_after_a_description_names_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "Another diplomat, former special envoy to Ukraine Kurt Volker, said the aid was never in doubt."
    (actor,) = speakers(nlp, text).values()
    assert actor.name == "Kurt Volker" and actor.kind == "person"
    assert actor.role == "former special envoy to Ukraine"
    assert actor.country is None  # Ukraine is the post, not the envoy's country


def test_a_name_after_a_bare_title_of_the_for_phrase_is_that_titles(nlp) -> None:  # type: ignore[no-untyped-def]
    """"a spokesman for the Trade Minister, Lena Ortiz": Ortiz is the minister, the spokesman is
    unnamed; where the "for" phrase already names its person, the apposition is the head's."""
    (actor,) = speakers(nlp, "But a spokesman for the Trade Minister, Lena Ortiz, said there was no deal.").values()
    assert actor.name == "spokesman" and actor.kind == "person"
    (actor,) = speakers(nlp, "A spokesman for regional governor Omar Faiz, Karim Dal, says the "
                             "prisoner was caught at dawn.").values()
    assert actor.name == "Karim Dal"


def test_a_capitalised_title_alone_is_no_name(nlp) -> None:  # type: ignore[no-untyped-def]
    """The tagger reads "Treasurer" as a person: the name in apposition speaks."""
    (actor,) = speakers(nlp, "The Treasurer, Paul Marsh, says the committee will meet before the budget.").values()
    assert actor.name == "Paul Marsh" and actor.kind == "person"
    # (a surname that is also a title still names its person)
    found = speakers(nlp, "Larry King hosted the show. Mr. King said the network had no say.")
    assert found["Mr. King"].name == "Larry King"


def test_a_name_with_letters_after_it_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Martin Reyes QC" is tagged as an organisation; the pronoun after it needs the person."""
    text = ("The inquiry into the port has ended its first day of hearings. Counsel assisting "
            "Martin Reyes QC told the inquiry of a culture of silence on the docks. He said some "
            "workers were afraid to speak after being threatened.")
    found = speakers(nlp, text)
    assert found["He"].name == "Martin Reyes" and found["He"].kind == "person"
    # tagged as a person with the letters, or not tagged at all: the name without them
    doc = nlp("Counsel assisting Harold Vintner QC told the commission of a culture of fear.")
    assert [m.text for m in repaired_mentions(doc) if m.label == "PERSON"] == ["Harold Vintner"]
    doc.ents = []
    assert [m.text for m in repaired_mentions(doc) if m.label == "PERSON"] == ["Harold Vintner"]


def test_an_untagged_surname_after_an_honorific_is_the_person_named_before(nlp) -> None:  # type: ignore[no-untyped-def]
    """"Mr Hollin" (no full stop) that the tagger leaves untyped is the David Hollin named before."""
    text = ("Bank staff walked out today. Nordvik's David Hollin says the strike is unjustified. "
            "Mr Hollin says there are plans in place to keep branches open.")
    assert speakers(nlp, text)["Mr Hollin"].name == "David Hollin"


def test_a_description_named_by_a_naming_verb_speaks_by_that_name(nlp) -> None:  # type: ignore[no-untyped-def]
    """"The man who calls himself X", "a woman named X", "a group calling itself X": X speaks."""
    cases = {
        "The man who calls himself Abu Salem told the BBC he worked as an engineer for the army.":
            ("Abu Salem", "person"),
        "A woman named Clara Voss told reporters the fire started at night.": ("Clara Voss", "person"),
        "A group calling itself the Free Front said it planted the bomb.": ("the Free Front", "organization"),
    }
    for text, (name, kind) in cases.items():
        (actor,) = speakers(nlp, text).values()
        assert (actor.name, actor.kind) == (name, kind), text


def test_a_posted_officials_post_is_not_their_country(nlp) -> None:  # type: ignore[no-untyped-def]
    """Ambassadors and envoys serve one country in another: the place after "to"/"in" is the post."""
    cases = {
        "The British ambassador in Moscow said the talks had stalled.": "GBR",
        "Germany's envoy to the United States said the tariffs would hurt both sides.": "DEU",
        "The WHO representative in Ukraine said vaccines had arrived.": None,
        "The Polish foreign minister in Warsaw said the border would stay open.": "POL",
    }
    for text, country in cases.items():
        (actor,) = speakers(nlp, text).values()
        assert actor.country == country, text


def test_one_speaker_per_person_in_an_article(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Donald J. Trump spoke in Ohio on Friday. Donald Trump said the economy was rigged. "
            "Trump said he would win the state.\n\n"
            "Douglas Band wrote in a memo that the foundation had raised money. "
            "Band said the work was legal.")
    names = {a.speaker.name for a in extract_attributions(nlp(text)) if a.speaker is not None}
    assert names == {"Donald J. Trump", "Douglas Band"}


def test_two_people_of_one_surname_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Jeh Johnson said the threat was real. Gary Johnson said the threat was overblown. "
            "Gary Johnson spoke again later. Johnson added that the agency had failed.")
    found = speakers(nlp, text)
    assert found["Jeh Johnson"].name == "Jeh Johnson"
    assert found["Gary Johnson"].name == "Gary Johnson"
    assert found["Johnson"].name == "Gary Johnson"  # the one named most often


def test_untagged_full_name_and_bare_surname_of_an_office_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Ivanka Trump, the Republican nominee's eldest daughter, said the plan would help "
            "mothers. Ivanka Trump spoke in Ohio. Donald Trump spoke there later. "
            "Trump said the plan was hers.")
    found = speakers(nlp, text)
    first = next(actor for source, actor in found.items() if source.startswith("Ivanka Trump"))
    assert first.name == "Ivanka Trump" and first.kind == "person"
    assert found["Trump"].name == "Donald Trump"  # a curated office holder owns the bare surname


def test_pronouns_and_honorifics_respect_gender(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Senator Mary Olsen met Governor Tom Reddick in Albany on Monday. "
            "She said the budget talks would resume in May.")
    assert speakers(nlp, text)["She"].name == "Mary Olsen"
    text = ("Michelle Obama spoke at the school on Friday. Michelle Obama praised the teachers. "
            "Mr. Obama said the program would grow.")
    assert speakers(nlp, text)["Mr. Obama"].name == "Obama"


def test_a_bare_title_refers_back_only_to_a_story_subject(nlp) -> None:  # type: ignore[no-untyped-def]
    """"The senator" with no earlier speaker of that title is the person the story was about
    (a subject, outside anyone's quote), never a name in passing, nor a body's name for a person."""
    held = speakers(nlp, "Jane Hollis voted against the bill on Tuesday. The senator said it was too expensive.")
    assert held["The senator"].name == "Jane Hollis"
    passing = speakers(nlp, "Critics said Maria Lopez got crushed in the debate.\n\n"
                            '"We are not going anywhere," the mayor said.')
    assert passing["the mayor"].name == "the mayor"
    body = speakers(nlp, "Lawyers for Maria Lopez filed papers on Monday.\n\nThe campaign said it would appeal.")
    assert body["The campaign"].name != "Maria Lopez"


def test_a_pronoun_prefers_the_subject_to_a_name_in_passing(nlp) -> None:  # type: ignore[no-untyped-def]
    """"He said" after a sentence whose subject is a person and whose nearest name is an object
    or an apposition means the subject; a pronoun of the other gender still takes that name."""
    text = ("Mark Lopez was the second witness who listened in on the call with Prime Minister "
            "John Carter. He said the call was troubling.")
    assert speakers(nlp, text)["He"].name == "Mark Lopez"
    text = ("Counsel Peter Hale asked Anna Berg about the memo of Tom Reed. He asked her about "
            "the meeting as well.")
    assert speakers(nlp, text)["He"].name == "Peter Hale"
    text = "Peter Hale attacked Anna Berg on Monday. She said his plan would fail."
    assert speakers(nlp, text)["She"].name == "Anna Berg"


def test_pronoun_after_a_report_is_the_reporter_not_a_name_in_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Lawyer Dana Whitlock represents the guard. Whitlock declined to address whether "
            "Moreno slept on the job on the night Castillo died. \u201cThe whole system failed,\u201d he said.")
    assert speakers(nlp, text)["he"].name == "Dana Whitlock"


def test_relative_pronoun_stops_at_the_people_it_follows(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The panel heard four officials, including a veteran Navy officer who described the order as reckless."
    assert speakers(nlp, text)["who"].name != "four officials"
    text = "Democrats on Capitol Hill, who have long opposed the plan, said the vote would fail."
    assert speakers(nlp, text)["who"].name == "Democrats"


def test_paragraph_subject_known_by_surname_only(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Halvorsen, a banker the governor picked as his envoy to Norway, is more deeply involved "
            "than any witness in the effort to question rival Peter Lindqvist. Yet Halvorsen has "
            "already changed his account once \u2014 \u201cI now remember,\u201d he said.\n\n"
            "Erik Halvorsen spoke on Monday.")
    assert speakers(nlp, text)["he"].name == "Erik Halvorsen"


def test_a_place_or_person_owning_a_profession_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    found = speakers(nlp, "Ohio's chief medical examiner said the driver had not been drinking.")
    assert found["Ohio's chief medical examiner"].name != "Ohio"
    assert found["Ohio's chief medical examiner"].kind == "person"
    found = speakers(nlp, "Senator Ann Kowalski's doctor said she was fit to serve.")
    assert found["Senator Ann Kowalski's doctor"].name != "Ann Kowalski"


def test_full_name_tagged_as_a_place_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small tagger reads "Delmont Okafor" as a place and misses the lone "Okafor".
    text = ("Delmont Okafor, who represents Reyes, said his client would appeal. "
            "\u201cWe expected more,\u201d Okafor said.")
    found = speakers(nlp, text)
    assert found["Okafor"].name == "Delmont Okafor" and found["Okafor"].kind == "person"
    assert found["Delmont Okafor, who represents Reyes"].kind == "person"


def test_dateline_is_not_the_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("WASHINGTON \u2013 Two prison guards lied on their forms, stating that they had "
            "checked the cells every hour.")
    names = {a.speaker.name for a in extract_attributions(nlp(text)) if a.speaker is not None}
    assert names == {"Two prison guards"}
    assert speakers(nlp, "NATO said on Monday that the drills would go on.")["NATO"].name == "NATO"


def test_addressee_of_the_last_paragraph_is_not_the_next_he(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Customers \u201cbegan to ask for more,\u201d Ward told Ferris, which meant a better phone "
            "for offices.\n\n\u201cWe really took that challenge to heart,\u201d he said.\n\n"
            "Tom Ward and Dan Ferris spoke in Boston.")
    assert speakers(nlp, text)["he"].name == "Tom Ward"


def test_body_behind_a_document_not_a_place_describing_it(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("A 2021 study by the Institute for Rail Research, a Lyon-based think tank, concluded "
            "that fares had doubled.")
    (att,) = extract_attributions(nlp(text))
    assert att.speaker is not None and att.speaker.name == "the Institute for Rail Research"


def test_family_name_first(nlp) -> None:  # type: ignore[no-untyped-def]
    # Chinese, Korean and Vietnamese names put the family name first: "Zhou" is "Zhou Minghao".
    text = ("The Chinese envoy Wang Haoran has said that talks would resume.\n\n"
            "Wang said that the navy could be deployed in the region.")
    assert speakers(nlp, text)["Wang"].name == "Wang Haoran"


def test_a_headline_in_title_case_gives_no_full_name(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Obama Says New Museum Will Tell of Suffering and Delight\n\n"
            "Speaking to thousands of people, Obama said the museum would document the stories "
            "of Americans.")
    assert speakers(nlp, text)["Obama"].name == "Obama"


def test_they_after_a_place_inside_what_a_group_believes(nlp) -> None:  # type: ignore[no-untyped-def]
    # The nearest place ("Beijing") is inside the protesters' belief, so "They" are the protesters.
    text = ("Protesters believe the extradition bill is a sign of the city's eroding autonomy under "
            "Beijing.\n\nThey worry the freedoms given to the city will be taken back.")
    assert speakers(nlp, text)["They"].name == "Protesters"


def test_honorifics_and_ages_are_no_roles(nlp) -> None:  # type: ignore[no-untyped-def]
    found = speakers(nlp, "Mr. Haddad, the secretary general of the league, said the vote was fair.")
    assert found["Mr. Haddad, the secretary general of the league"].role == (
        "secretary general of the league")
    assert speakers(nlp, "Mr. Haddad said the vote was fair.")["Mr. Haddad"].role is None
    assert speakers(nlp, "Maria Lopez, 58, said the vote was fair.")["Maria Lopez, 58"].role is None


def test_full_name_after_a_title_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    # The small tagger may read a full name as an organisation and its surname as a place
    # ("Marcelo Claure" ORG, "Claure" GPE on a real wire story): a person's title before the
    # full name, or ", who" after the lone surname, makes them one person.
    from sayso.attributions.ner_repair import Mention
    from sayso.attributions.speakers import _canonical_names

    doc = nlp("Cuts will come, said executive chair Marcelo Quintero. "
              "Quintero, who is also an investor, left.")
    words = [t.text for t in doc]
    full, lone = words.index("Marcelo"), words.index("Quintero", words.index("Marcelo") + 2)
    mentions = [Mention(full, full + 2, "ORG", "Marcelo Quintero", (doc[full].idx, doc[full + 1].idx + 8)),
                Mention(lone, lone + 1, "GPE", "Quintero", (doc[lone].idx, doc[lone].idx + 8))]
    names, people = _canonical_names(mentions, doc, doc.text)
    assert names["Quintero"] == "Marcelo Quintero" and "Marcelo Quintero" in people


def test_a_person_from_a_place_is_described_not_the_place(nlp) -> None:  # type: ignore[no-untyped-def]
    actor = speakers(nlp, "A farmer from Kansas said the tariffs hurt.")["A farmer from Kansas"]
    assert actor.name == "farmer from Kansas" and actor.kind == "person"
    assert speakers(nlp, "A spokesman from the ministry said the talks were over.")[
        "A spokesman from the ministry"].name != "the ministry"


def test_coordinated_sources_speak_as_a_group_of_both(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Lt. Col. Alexander Vindman and Jennifer Williams listened to the call. "
            "Both Vindman and Williams testified that the call was improper. "
            "They said it worried them.")
    found = speakers(nlp, text)
    both = found["Both Vindman and Williams"]
    assert both.name == "Alexander Vindman and Jennifer Williams" and both.kind == "group"
    assert [m.name for m in both.members] == ["Alexander Vindman", "Jennifer Williams"]
    assert all(m.kind == "person" for m in both.members)
    assert found["They"].name == both.name  # (a name inside the group's source is the group)
    record = both.to_dict()
    assert [m["name"] for m in record["members"]] == ["Alexander Vindman", "Jennifer Williams"]
    assert "members" not in both.members[0].to_dict()  # (only a group has the field)
    found = speakers(nlp, "Senator Rita Holm spoke in Iowa. Holm and her aides said the polls were wrong.")
    assert found["Holm and her aides"].name == "Rita Holm and her aides"


def test_two_titles_of_one_person_stay_one_speaker(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The former secretary of state and current Democratic nominee said she would win."
    actor = speakers(nlp, text)["The former secretary of state and current Democratic nominee"]
    assert actor.kind == "person" and not actor.members


def test_family_nouns_are_people_a_pronoun_can_mean(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The reporter met one mother, who knew her teenage daughter and son were posing as "
            'shops on Pinstagram. "I am ahead of every other parent," she said.')
    she = speakers(nlp, text)["she"]
    assert she.name == "one mother" and she.kind == "person" and she.role == "mother"
    text = "Senator Mark Olsen met a widow in Ohio on Monday. She said the program had failed her."
    assert speakers(nlp, text)["She"].name == "widow"
    # a family noun a pronoun owns is someone's family in passing, not the next "he"
    text = "Senator Mark Olsen told reporters about his mother. He said the program had failed."
    assert speakers(nlp, text)["He"].name == "Mark Olsen"
    # a family noun inside an earlier source is that speaker
    text = "The mother of the victim said the police had lied. She said they never called back."
    assert speakers(nlp, text)["She"].name == "the mother of the victim"
    assert speakers(nlp, "A neighbour said the family had moved away.")["A neighbour"].kind == "person"
    # "Trump's wife": the wife speaks, not the husband
    found = speakers(nlp, "Donald Trump spoke first. Trump's wife said she was proud.")
    assert found["Trump's wife"].kind == "person" and found["Trump's wife"].role == "wife"


def test_a_body_named_with_for_or_of_stays_whole(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The U.S. Attorney's Office for the Western District of New York said the men would be charged."
    actor = next(iter(speakers(nlp, text).values()))
    assert actor.name == "U.S. Attorney's Office for the Western District of New York"
    assert actor.kind == "organization"
    text = "The Court of Appeals for the Ninth Circuit said the law stands."
    assert next(iter(speakers(nlp, text).values())).name == "The Court of Appeals for the Ninth Circuit"


def test_an_acronym_in_capitals_is_no_pronoun(nlp) -> None:  # type: ignore[no-untyped-def]
    text = "The man told doctors he ate rabbit meat. Untreated plague is always fatal, says WHO."
    found = speakers(nlp, text)
    assert found["WHO"].name == "WHO"


def test_an_unnamed_described_speaker_is_not_met_paragraphs_later(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Adam Neumann founded the firm in 2010.\n\n"
            "A company spokesperson said the firm was cooperating with the inquiry.\n\n"
            "The firm's shares fell sharply in October.\n\n"
            "Investors sold the stock, though he said the board had acted too late.")
    assert speakers(nlp, text)["he"].name == "Adam Neumann"
    text = ("Adam Neumann founded the firm in 2010.\n\n"
            "A company spokesperson said the firm was cooperating with the inquiry.\n\n"
            "The statement came late. He said the board had acted too late.")
    assert speakers(nlp, text)["He"].name == "A company spokesperson"


def test_bare_title_means_the_person_the_text_titles_before_the_name(nlp) -> None:  # type: ignore[no-untyped-def]
    """ "President Quint" outside any source, then "Mr. Quint said": a later "The president says"
    is Quint, the latest titled speaker, not the president of a council quoted before him, whose
    role alone says "president" (issue #13)."""
    text = ("President Harold Quint's advisers spent the week on the trade talks.\n\n"
            "“Farmers are worried,” said Maria Fenwick, the president of the Midland Grain Council.\n\n"
            "Mr. Quint said on Monday that a deal was close.\n\n"
            "The president says his tariffs have created leverage.")
    found = speakers(nlp, text)
    assert "Quint" in found["The president"].name
    assert found["Maria Fenwick, the president of the Midland Grain Council"].name == "Maria Fenwick"


def test_bare_title_without_a_titled_name_keeps_the_latest_holder(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Mr. Quint said on Monday that a deal was close.\n\n"
            "“Farmers are worried,” said Maria Fenwick, the president of the Midland Grain Council.\n\n"
            "The president said prices had fallen.")
    assert speakers(nlp, text)["The president"].name == "Maria Fenwick"


def test_it_never_means_a_name_that_modifies_another_noun(nlp) -> None:  # type: ignore[no-untyped-def]
    # "30 Boeing jets": the maker only modifies "jets"; the carrier is what "it" means.
    text = ("Qantas is the largest carrier in the country. On top of its order of 30 Boeing jets "
            "on Wednesday, it announced an order of 40 Airbus jets on Friday.")
    assert speakers(nlp, text)["it"].name == "Qantas"


def test_they_after_a_name_modifying_a_plural_noun_is_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Although E.U. nations have mustered joint efforts, they have often said the bloc is slow.\n\n"
            "The post got the attention of two Democratic senators. They criticised the company "
            "for its silence.")
    found = speakers(nlp, text)
    assert found["they"].name == "E.U. nations" and found["they"].kind == "group"
    assert found["They"].name == "two Democratic senators"


def test_he_never_means_a_plural_name(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the Rolling Stones" / "a Rolling Stones reunion" is a band, no "he".
    text = ("Harrison left the band in 1975. After the Rolling Stones broke up he found solo "
            "success with one record. Always against a Rolling Stones reunion, he famously "
            "declared in 1989 that the band would play again when pigs could fly.")
    assert speakers(nlp, text)["he"].name == "Harrison"


def test_a_description_of_a_body_is_the_body_named_before_it(nlp) -> None:  # type: ignore[no-untyped-def]
    # "the bank" after "The Reserve Bank" (every word of the description in the name); a bare
    # "the company" after a firm named as a subject in its sentence or the one before; "the
    # appeals court" is not "the Supreme Court"; a firm named further back is not "the company".
    text = ("The Reserve Bank says growth remains weak. The bank says 2002 will be the weakest "
            "year since the early 1990s.\n\n"
            "GateHouse laid off more than 60 employees this year, and the company said the number "
            "was immaterial.\n\n"
            "The Supreme Court heard the case in May. The appeals court said the rule was lawful.\n\n"
            "Big Machine says she will be allowed to play her old songs.\n\n"
            "Swift got support last week from fans across the country.\n\n"
            "But the company says she did not need its permission.")
    atts = [a for a in extract_attributions(nlp(text)) if a.source is not None and a.speaker is not None]
    names = [(a.source.text, a.speaker.name) for a in atts]
    assert ("The bank", "The Reserve Bank") in names
    assert ("the company", "GateHouse") in names
    assert ("The appeals court", "The appeals court") in names
    assert ("the company", "the company") in names


def test_a_part_of_a_group_is_no_owner_of_the_group(nlp) -> None:  # type: ignore[no-untyped-def]
    # "One of Clinton's aides" is an aide, not Clinton; a name in apposition still speaks.
    text = ("One of Clinton's aides said the campaign would not comment.\n\n"
            "Shortly after, some of Trump's defenders took to social media, claiming that the "
            "ambassador was rich.\n\n"
            "One of the protesters, John Smith, said the march would go on.")
    found = speakers(nlp, text)
    aide = found["One of Clinton's aides"]
    assert aide.name == "One of Clinton's aides" and aide.kind == "person"
    defenders = found["some of Trump's defenders"]
    assert defenders.name == "some of Trump's defenders" and defenders.kind == "group"
    assert found["One of the protesters, John Smith"].name == "John Smith"


def test_a_person_of_a_body_is_the_person(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Reporter Ilse Vandersloot has covered the port for years. "
            "Vandersloot of the Courier reports that the docks will close in May.")
    actor = speakers(nlp, text)["Vandersloot of the Courier"]
    assert actor.name == "Ilse Vandersloot" and actor.kind == "person"
    # a title with its place is no person's name
    found = speakers(nlp, "The Senator from Ohio said the bill would pass.")
    assert all(a.name != "Senator" for a in found.values())


def test_the_company_reaches_back_two_sentences(nlp) -> None:  # type: ignore[no-untyped-def]
    # A bare "the company" is the firm named as a subject in its sentence or the two before it
    # ("General Motors reported ... Most of the loss ... But the company said ..."); three
    # sentences back it stays its own.
    text = ("General Motors reported a loss of $304 million in the third quarter. Most of the loss "
            "reflected a write-down of its plants. But the company said its finances were strong "
            "enough to pay the pension fund.\n\n"
            "Boeing posted record sales in May. Prices rose. Stocks fell. Then the company said it "
            "would cut jobs.")
    atts = [a for a in extract_attributions(nlp(text)) if a.source is not None and a.speaker is not None]
    names = [(a.source.text, a.speaker.name) for a in atts]
    assert ("the company", "General Motors") in names
    assert ("the company", "the company") in names
