"""Events the manual reads otherwise (events/readings.py): refusals to comment, attributed
passives, published media, polls, states of mind, background history; ending a case and regret
as CONCEDE. Own sentences, not the judged set's."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from sayso.events.readings import manual_category, manual_readings, not_an_act, spoken_force, words
from sayso.model import Actor, Event
from sayso.model import Span as TextSpan


def _event(doc: Any, trigger: str, source: str | None = None, kind: str = "ACCUSE") -> tuple[Event, Any]:
    token = next(t for t in doc if t.text == trigger)
    actor = None
    if source is not None:
        start = doc.text.index(source)
        actor = Actor(name=source, kind="group", spans=[(start, start + len(source))])
    event = Event(id="e1", type=kind, source=actor,
                  trigger=TextSpan(spans=[(token.idx, token.idx + len(token.text))], text=token.text))
    return event, token


@pytest.mark.parametrize("text, trigger, why", [
    ("The interior minister refused to say how many officers were involved.", "say", "no-comment"),
    ("A spokeswoman for the ministry declined to comment on the report.", "declined", "no-comment"),
    ("The rebels are believed to have fled into the jungle.", "believed", "attributed"),
    ("The four men were identified as members of a local family.", "identified", "attributed"),
    ("The army released new footage of the border clashes.", "released", "media"),
    ("In 1998, the government was accused of hiding the scale of the famine.", "accused", "history"),
    ("The senator expressed confidence that the bill would pass.", "expressed", "attitude"),
])
def test_no_act(nlp: Any, text: str, trigger: str, why: str) -> None:
    event, token = _event(nlp(text), trigger)
    assert not_an_act(token, event, 2020) == why


def test_a_poll_is_no_act(nlp: Any) -> None:
    doc = nlp("Sixty percent of Canadians say the government mishandled the strike.")
    event, token = _event(doc, "say", "Canadians")
    assert not_an_act(token, event, 2020) == "poll"


@pytest.mark.parametrize("text, trigger, source", [
    ("The rebels refused to talk to the government envoy.", "refused", "The rebels"),  # a rejection
    ("The candidate has refused to disclose his tax returns.", "disclose", "The candidate"),  # a demand refused
    ("The opposition is reported to have rejected the offer of talks.", "reported", None),
    ("The army released two prisoners of war.", "released", "The army"),
    ("Police arrested three protesters in 2019.", "arrested", "Police"),  # within two years
    ("A court has sentenced the warlord to life in prison for a 1996 hostage siege.", "sentenced", "A court"),
    ("Prosecutors alleged that he defrauded investors from 2002 to 2005.", "alleged", "Prosecutors"),
    ("The majority party blamed the opposition for the crisis.", "blamed", "The majority party"),
])
def test_acts_stay(nlp: Any, text: str, trigger: str, source: str | None) -> None:
    event, token = _event(nlp(text), trigger, source)
    assert not_an_act(token, event, 2020) is None


@pytest.mark.parametrize("text, trigger, kind", [
    ("Prosecutors in Norway have dropped their investigation into the banker.", "dropped", "CONCEDE"),
    ("The ministry said it had decided to withdraw the charges against the journalists.", "said", "CONCEDE"),
    ("The government expressed regret over the deaths of the fishermen.", "expressed", "CONCEDE"),
    ("The spokesman said he deeply regrets the loss of life.", "said", "CONCEDE"),
    ("Egypt regrets the Ethiopian decision to fill the dam.", "regrets", None),  # disapproval
    ("The senator demanded that the minister apologise for the remarks.", "demanded", None),
    ("Police opened an investigation into the shooting.", "opened", None),
])
def test_manual_category(nlp: Any, text: str, trigger: str, kind: str | None) -> None:
    _, token = _event(nlp(text), trigger)
    assert manual_category(token, "REQUEST" if trigger == "demanded" else "ACCUSE") == kind


def test_fast_mode_keeps_its_events(nlp: Any) -> None:
    doc = nlp("A spokeswoman declined to comment on the report.")
    event, _ = _event(doc, "comment")
    assert manual_readings(doc, [event]) == [event]  # no encoder pass: --fast


def test_word_classes_load() -> None:
    classes = words()
    assert {"refuse", "comment", "attributed", "publish", "media", "share", "public", "attitude", "end",
            "case", "regret"} <= set(classes)


def test_default_mode_drops_a_refusal_to_comment(nlp: Any) -> None:
    from sayso.model import Article
    from sayso.pipeline import process_one

    text = ("Iraqi police arrested three men in Basra on Monday. The Iraqi interior minister, Qasim "
            "al-Araji, refused to say whether the men were linked to Iran.")
    result = process_one(Article("t", text, date="2024-02-27"), nlp)
    assert result.error is None
    assert [e.type for e in result.events] == ["COERCE"]


@pytest.mark.parametrize("text, trigger, kind, why", [
    ("The former minister died of a heart attack on Sunday.", "died", "ASSAULT", "death"),
    ("Thousands of settlers live in the valley.", "live", "AID", "state"),
    ("The senators asked the general about the cost of the operation.", "asked", "REQUEST", "question"),
    ("Lawmakers grilled the company's chief executive on Tuesday.", "grilled", "ACCUSE", "question"),
    ("The ruling party claimed victory in the regional vote.", "claimed", "ACCUSE", "prize"),
    ("The governor avoided any criticism of the police.", "avoided", "ACCUSE", "abstain"),
])
def test_no_act_batch_two(nlp: Any, text: str, trigger: str, kind: str, why: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2020) == why


@pytest.mark.parametrize("text, trigger, kind", [
    ("Two soldiers died when militants fired on their convoy.", "died", "ASSAULT"),  # a clause of force
    ("The ministry said rebel fighters were responsible for the blast.", "said", "ASSAULT"),  # blame
    ("The German government is one of the largest donors to the region.", "is", "AID"),
    ("The committee issued a report critical of the government.", "issued", "ACCUSE"),
    ("The fighting began when rebels attacked an army post.", "began", "ASSAULT"),
    ("The protesters were guilty of violating the curfew.", "were", "COERCE"),  # an act under the copula
    ("The minister asked the envoy to leave the country.", "asked", "REQUEST"),  # something asked for
    ("The rebels claimed responsibility for the bombing.", "claimed", "ACCUSE"),
])
def test_acts_stay_batch_two(nlp: Any, text: str, trigger: str, kind: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2020) is None


@pytest.mark.parametrize("text, trigger, kind, expected", [
    ("The two foreign ministers are continuing to talk to their Iranian counterparts.", "talk", "CONCEDE", "CONSULT"),
    ("Foreign ministers of the two countries will meet in Geneva next week.", "meet", "AGREE", None),  # the manual: AGREE
    ("The two sides agreed to meet in Geneva next week.", "meet", "AGREE", None),  # agreed to: AGREE
    ("The president said he would impose tariffs on German cars if talks failed.", "said", "AGREE", "THREATEN"),
    ("The president said he would visit Berlin if the talks went well.", "said", "AGREE", None),
    ("The army shut the offices of two opposition newspapers.", "shut", "CONCEDE", "COERCE"),
])
def test_manual_category_batch_two(nlp: Any, text: str, trigger: str, kind: str, expected: str | None) -> None:
    _, token = _event(nlp(text), trigger)
    assert manual_category(token, kind) == expected


@pytest.mark.parametrize("text, trigger, kind, why", [
    ("Tensions between the two neighbours have escalated sharply this month.", "escalated", "ASSAULT", "tension"),
    ("The aid agency shared this year's peace prize with two doctors.", "shared", "COOPERATE", "prize"),
    ("Officials say they are unsure whether the ship has left port.", "say", "ACCUSE", "attitude"),
    ("The refinery is located near the northern border.", "located", "ASSAULT", "state"),
])
def test_no_act_batch_three(nlp: Any, text: str, trigger: str, kind: str, why: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2020) == why


def test_a_visit_at_home_is_no_meeting(nlp: Any) -> None:
    doc = nlp("Modi visited a border village on Monday.")
    event, token = _event(doc, "visited", "Modi", kind="CONSULT")
    assert event.source is not None
    home = Actor(name="village", country="IND", spans=[(doc.text.index("a border"), doc.text.index(" on"))])
    event.source.country = "IND"
    assert not_an_act(token, Event(id="e1", type="CONSULT", source=event.source, target=home,
                                   trigger=event.trigger), 2020) == "home visit"
    abroad = Actor(name="village", country="PAK", spans=home.spans)
    assert not_an_act(token, Event(id="e1", type="CONSULT", source=event.source, target=abroad,
                                   trigger=event.trigger), 2020) is None


def test_a_venue_is_not_the_partner_of_a_joint_act(nlp: Any) -> None:
    from sayso.model import Article
    from sayso.pipeline import process_one

    found = process_one(Article("t", "Washington and the Taliban had been holding direct talks in Doha.",
                                date="2024-02-27"), nlp).events
    assert [(e.type, e.source and e.source.country, e.target and e.target.name) for e in found] == [
        ("CONSULT", "USA", "the Taliban")]
    # (Not yet: "Russia and Iran held talks in Geneva" still ends with Geneva as the recipient:
    # the pair model moves the event back to the pair it ranks first.)
    raid = process_one(Article("t", "Israeli troops raided a house in Nablus on Monday.", date="2024-02-27"), nlp).events
    assert raid and raid[0].target is not None and raid[0].target.name.startswith("a house")


@pytest.mark.parametrize("text, trigger, kind, why", [
    ("The envoy said he would have objected to the plan.", "said", "ACCUSE", "counterfactual"),
    ("The adviser would then have claimed that the call was a threat.", "claimed", "ACCUSE", "counterfactual"),
    ("That would help the governor's rural supporters.", "help", "AID", "speculation"),
    ("Officials say the agreement may fail within weeks.", "say", "REJECT", "speculation"),
])
def test_no_act_what_might_be(nlp: Any, text: str, trigger: str, kind: str, why: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2020) == why


@pytest.mark.parametrize("text, trigger, kind", [
    ("France said it would send troops to Mali.", "said", "AGREE"),  # an announced act
    ("Chinese hackers may have launched attacks on the grid.", "launched", "ASSAULT"),  # perhaps done
    ("Iran said it might close the strait.", "said", "AGREE"),  # the speaker's own act
    ("The minister said the army could be deployed in the capital.", "said", "MOBILIZE"),
])
def test_acts_stay_what_is_announced(nlp: Any, text: str, trigger: str, kind: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2020) is None


@pytest.mark.parametrize("text, trigger", [
    ("Japanese officials say the summit with South Korea faces a difficult agenda.", "say"),
    ("Brazil's trade minister said he believed Argentina would keep its export quotas.", "said"),
    ("A spokesman for the Kenyan embassy said the delegation was proud of its long service.", "said"),
    ("The mayor told reporters the new bridge with Canada would open in spring.", "told"),
])
def test_a_plain_statement_naming_no_wrong_is_no_accusation(nlp: Any, text: str, trigger: str) -> None:
    event, token = _event(nlp(text), trigger, kind="ACCUSE")
    assert not_an_act(token, event, 2020) == "comment"


@pytest.mark.parametrize("text, trigger, kind", [
    ("The Polish president said Russia was responsible for the blackout.", "said", "ACCUSE"),
    ("The opposition leader said the government's handling of the crisis was a scandal.", "said", "ACCUSE"),
    ("The ministry said Pakistan had shelled villages along the border.", "said", "ACCUSE"),
    ("Prosecutors alleged that the two guards had falsified the records.", "alleged", "ACCUSE"),
    ("The senator criticized the governor's budget.", "criticized", "ACCUSE"),
    ("Japanese officials say the summit with South Korea faces a difficult agenda.", "say", "AGREE"),
])
def test_accusations_and_other_statements_stay(nlp: Any, text: str, trigger: str, kind: str) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2020) is None


@pytest.mark.parametrize("text, trigger, why", [
    ("The Indian envoy told reporters it should not be dismissed.", "told", "comment"),
    ("The Dutch minister says the new rules should win wide support.", "says", "comment"),
    ("The Kenyan president said the rebels must lay down their arms.", "said", None),
    ("The French minister says the treaty must be ratified by the German parliament.", "says", None),
])
def test_a_thing_that_must_be_is_no_request(nlp: Any, text: str, trigger: str, why: str | None) -> None:
    event, token = _event(nlp(text), trigger, kind="REQUEST")
    assert not_an_act(token, event, 2020) == why


def _reported(doc: Any, trigger: str, source: str, kind: str, sector: str | None = None) -> tuple[Event, Any]:
    event, token = _event(doc, trigger, source, kind)
    assert event.source is not None
    return replace(event, source=replace(event.source, sector=sector)), token


@pytest.mark.parametrize("text, trigger, source, kind", [
    ("Three guards were badly hurt in the riot, prison officials said.", "said", "prison officials", "ASSAULT"),
    ("The hospital director says a nurse has been stabbed in the car park.", "says", "The hospital director", "ASSAULT"),
    ("The local newspaper reports the smuggler was sentenced to ten years in jail.", "reports", "The local newspaper", "SANCTION"),
    ("A family friend said the businessman was kidnapped on his way home.", "said", "A family friend", "COERCE"),
])
def test_a_speaker_is_no_doer_of_an_act_nobody_is_named_for(nlp: Any, text: str, trigger: str, source: str,
                                                            kind: str) -> None:
    event, token = _reported(nlp(text), trigger, source, kind)
    assert not_an_act(token, event, 2020) == "no doer"


@pytest.mark.parametrize("text, trigger, source, kind, sector", [
    # the doer is named
    ("Local officials said the two farmers were shot by border guards.", "said", "Local officials", "ASSAULT", None),
    # the speaker's forces: most often the doers of the force or arrests they report
    ("Army sources said four gunmen had been shot dead near the border.", "said", "Army sources", "ASSAULT", "MIL"),
    ("Police said twelve protesters were arrested overnight.", "said", "Police", "COERCE", "COP"),
    # a modal: the speaker's own threat or plan
    ("The envoy said troops could be deployed within days.", "said", "The envoy", "MOBILIZE", None),
    # an active content clause (another reading's concern)
    ("The minister said the rebels had attacked a convoy.", "said", "The minister", "ASSAULT", None),
    # a verbal act of the speaker's own
    ("The minister said the talks were postponed.", "said", "The minister", "ACCUSE", None),
])
def test_a_speaker_stays_where_a_doer_is_named_or_may_be_the_speaker(nlp: Any, text: str, trigger: str, source: str,
                                                                     kind: str, sector: str | None) -> None:
    event, token = _reported(nlp(text), trigger, source, kind, sector)
    assert not_an_act(token, event, 2020) != "no doer"


def _pair(doc: Any, trigger: str, source: tuple[str, str, str | None], target: tuple[str, str, str | None],
          kind: str = "ASSAULT") -> tuple[Event, Any]:
    """An event at ``trigger`` between two actors given as (text, kind, sector)."""
    token = next(t for t in doc if t.text == trigger)

    def actor(part: tuple[str, str, str | None]) -> Actor:
        start = doc.text.index(part[0])
        return Actor(name=part[0], kind=part[1], sector=part[2], spans=[(start, start + len(part[0]))])  # type: ignore[arg-type]

    event = Event(id="e1", type=kind, source=actor(source), target=actor(target),
                  trigger=TextSpan(spans=[(token.idx, token.idx + len(token.text))], text=token.text))
    return event, token


@pytest.mark.parametrize("text, trigger, source, target", [
    ("The mayor blasted the city council over the budget cuts.", "blasted",
     ("The mayor", "person", "GOV"), ("the city council", "organization", "GOV")),
    ("The senator attacked her rival for his record on taxes.", "attacked",
     ("The senator", "person", "LEG"), ("her rival", "person", None)),
    ("The party chairman ripped the governor for the delay.", "ripped",
     ("The party chairman", "person", "PTY"), ("the governor", "person", "GOV")),
])
def test_criticism_between_unarmed_political_actors_is_no_force(nlp: Any, text: str, trigger: str,
                                                                source: Any, target: Any) -> None:
    event, token = _pair(nlp(text), trigger, source, target)
    assert spoken_force(token, event) == "ACCUSE"


@pytest.mark.parametrize("text, trigger, source, target", [
    ("Rebels attacked an army convoy near the border.", "attacked",
     ("Rebels", "group", "REB"), ("an army convoy", "group", "MIL")),
    ("Russia attacked Ukraine at dawn.", "attacked", ("Russia", "country", "GOV"), ("Ukraine", "country", "GOV")),
    ("The government attacked the protesters with tear gas.", "attacked",
     ("The government", "organization", "GOV"), ("the protesters", "group", "CVL")),
    ("The minister attacked the journalist and killed him.", "attacked",
     ("The minister", "person", "GOV"), ("the journalist", "person", "JRN")),
])
def test_force_stays_force(nlp: Any, text: str, trigger: str, source: Any, target: Any) -> None:
    event, token = _pair(nlp(text), trigger, source, target)
    assert spoken_force(token, event) is None


@pytest.mark.parametrize("text, trigger, kind", [
    ("Police have been searching for the escaped prisoners since Sunday.", "searching", "COERCE"),
    ("Troops are continuing their hunt for the rebel commander in the hills.", "continuing", "COERCE"),
    ("Soldiers searched the village and shot two men.", "searched", None),  # force besides the search
])
def test_a_search_is_coercion_not_force(nlp: Any, text: str, trigger: str, kind: str | None) -> None:
    token = next(t for t in nlp(text) if t.text == trigger)
    assert manual_category(token, "ASSAULT") == kind


@pytest.mark.parametrize("text, trigger, kind, expected", [
    # attacks bought with money are campaign ads: criticism, not force
    ("A conservative group has spent $3 million targeting Senator Smith in Ohio.", "targeting", "AID", "ACCUSE"),
    ("Governor Jones was targeted by $1.5 million in attack ads from outside groups.", "targeted", "ASSAULT", "ACCUSE"),
    ("The union spent money attacking the mayor before the vote.", "attacking", "ASSAULT", "ACCUSE"),
    # no money, or force besides: the force stays
    ("The militants spent weeks targeting police stations in the north.", "targeting", "ASSAULT", None),
    ("Rebels targeted an army convoy near the border on Tuesday.", "targeted", "ASSAULT", None),
    ("The cartel spent $2 million targeting rivals and killed six of them.", "targeting", "ASSAULT", None),
])
def test_paid_attacks_are_criticism(nlp: Any, text: str, trigger: str, kind: str, expected: str | None) -> None:
    _, token = _event(nlp(text), trigger, kind=kind)
    assert manual_category(token, kind) == expected


@pytest.mark.parametrize("text, trigger, kind, expected", [
    # a blow's verb between unarmed political actors is words, coded as force or coercion
    ("The governor has also hit the senator over his votes on trade.", "hit", "COERCE", "ACCUSE"),
    ("The senator bashed the governor for the delay.", "bashed", "ASSAULT", "ACCUSE"),
    # an instrument, an armed or unnamed-sector actor: the force stays
    ("The senator hit the governor with a chair.", "hit", "ASSAULT", None),
    ("The soldier hit the governor at the checkpoint.", "hit", "ASSAULT", None),
])
def test_verbal_blows_between_political_actors(nlp: Any, text: str, trigger: str, kind: str,
                                               expected: str | None) -> None:
    doc = nlp(text)
    source = ("The soldier", "person", "MIL") if "soldier" in text else (
        ("The governor", "person", "GOV") if text.startswith("The governor") else ("The senator", "person", "LEG"))
    target = ("the senator", "person", "LEG") if source[0] == "The governor" else ("the governor", "person", "GOV")
    event, token = _pair(doc, trigger, source, target, kind=kind)
    assert spoken_force(token, event) == expected


@pytest.mark.parametrize("text, trigger, kind, expected", [
    # a verb of asking with the infinitive of what another is to do: REQUEST, at either verb
    ("Two committees asked the Justice Department to investigate the senator.", "investigate", "ACCUSE", "REQUEST"),
    ("The candidate invited the public to dig up the missing emails.", "invited", "CONSULT", "REQUEST"),
    ("The mayor said in a statement, calling on the council to act.", "calling", "AGREE", "REQUEST"),
    ("Some candidates have called for the allies to organize ground forces.", "called", "SUPPORT", "REQUEST"),
    # no infinitive, a negation, "call" with no "for"/"on": nothing
    ("The minister asked about the strike in the port.", "asked", "CONSULT", None),
    ("She did not ask the police to leave.", "ask", "COERCE", None),
    ("Police were called in to disperse the crowd.", "disperse", "COERCE", None),
])
def test_requests_read_as_other_categories(nlp: Any, text: str, trigger: str, kind: str,
                                           expected: str | None) -> None:
    token = next(t for t in nlp(text) if t.text == trigger)
    assert manual_category(token, kind) == expected


@pytest.mark.parametrize("text, trigger, kind, expected", [
    # a phrasal verb of refusal whose object is a claim, an attack in words or an effort: REJECT
    ("The campaign pushed back against the senator's attack on her speeches.", "pushed", "REQUEST", "REJECT"),
    ("The hosts have forcefully struck down assertions that their show favoured him.", "struck", "ASSAULT", "REJECT"),
    ("The minister brushed off the criticism.", "brushed", "ACCUSE", "REJECT"),
    # force, a law, a negation: nothing
    ("Troops pushed back the attack on the town.", "pushed", "ASSAULT", None),
    ("The court struck down the law.", "struck", "ASSAULT", None),
    ("The governor did not brush aside the proposal.", "brush", "ACCUSE", None),
])
def test_refusals_read_as_other_categories(nlp: Any, text: str, trigger: str, kind: str,
                                           expected: str | None) -> None:
    token = next(t for t in nlp(text) if t.text == trigger)
    assert manual_category(token, kind) == expected


@pytest.mark.parametrize("text, trigger, party", [
    ("Two committees asked the Justice Department to investigate the senator.", "investigate", "Department"),
    ("The mayor said in a statement, calling on the council to act.", "calling", "council"),
    ("Some candidates have called for the allies to organize ground forces.", "called", "allies"),
    ("The minister asked about the strike in the port.", "asked", None),
])
def test_the_party_asked(nlp: Any, text: str, trigger: str, party: str | None) -> None:
    from sayso.events.readings import asked_party

    found = asked_party(next(t for t in nlp(text) if t.text == trigger))
    assert (found.text if found is not None else None) == party


@pytest.mark.parametrize("text, trigger, kind, source, target, expected", [
    # criticism's target in its reason: the direct object is the one criticised
    ("The senator blasted the governor for skipping the debate.", "blasted", "ACCUSE",
     ("The senator", "person", "LEG"), ("the debate", "group", None), "governor"),
    # a request's recipient: the party asked
    ("Two committees asked the Justice Department to investigate the senator.", "investigate", "REQUEST",
     ("Two committees", "group", "LEG"), ("the senator", "person", "LEG"), "Department"),
    # the target is the object already, or not in a reason: nothing
    ("The senator blasted the governor for skipping the debate.", "blasted", "ACCUSE",
     ("The senator", "person", "LEG"), ("the governor", "person", "GOV"), None),
    ("The senator blasted the governor's plan.", "blasted", "ACCUSE",
     ("The senator", "person", "LEG"), ("the governor", "person", "GOV"), None),
])
def test_the_recipient_named(nlp: Any, text: str, trigger: str, kind: str, source: Any, target: Any,
                             expected: str | None) -> None:
    from sayso.events import _named_recipient

    doc = nlp(text)
    event, _ = _pair(doc, trigger, source, target, kind=kind)
    found = _named_recipient(doc, event)
    assert (found.text if found is not None else None) == expected


@pytest.mark.parametrize("text, trigger", [
    ("A reporter asked the mayor on Monday whether she would seek a second term.", "asked"),
    ("The host asked the governor how voters should judge the new tax.", "asked"),
    ("The moderator asked, \"Do you think the treaty will survive?\"", "asked"),
    ("Jones asked.", "asked"),
    ("The journalist asked the minister if the border would reopen.", "asked"),
])
def test_a_question_is_no_request(nlp: Any, text: str, trigger: str) -> None:
    event, token = _event(nlp(text), trigger, kind="REQUEST")
    assert not_an_act(token, event, 2020) == "question"


@pytest.mark.parametrize("text, trigger", [
    ("The mayor asked the state to send more police.", "asked"),
    ("The union asked for talks with the airline.", "asked"),
    ("The tribe asked that the pipeline be halted.", "asked"),
    ("The villagers asked the army's help after the flood.", "asked"),
])
def test_a_request_stays(nlp: Any, text: str, trigger: str) -> None:
    event, token = _event(nlp(text), trigger, kind="REQUEST")
    assert not_an_act(token, event, 2020) is None


@pytest.mark.parametrize("text, trigger", [
    ("Farm groups, historically, have criticized the trade deals.", "criticized"),
    ("The governor has long said that he will back the party's candidate.", "said"),
    ("The mayor used to support the county sheriff.", "support"),
    ("The senator once opposed the pipeline.", "opposed"),
])
def test_a_habit_is_no_act(nlp: Any, text: str, trigger: str) -> None:
    event, token = _event(nlp(text), trigger)
    assert not_an_act(token, event, 2020) == "habitual"


@pytest.mark.parametrize("text, trigger", [
    ("The senator once again criticized the governor.", "criticized"),
    ("We will back the mayor as long as she keeps her promise.", "back"),
    ("Police used tear gas to disperse the marchers.", "disperse"),
    ("The rebels have long refused direct talks with the government.", "refused"),  # PLV: REJECT
])
def test_acts_stay_not_habits(nlp: Any, text: str, trigger: str) -> None:
    event, token = _event(nlp(text), trigger)
    assert not_an_act(token, event, 2020) != "habitual"


@pytest.mark.parametrize("text, trigger, why", [
    ("The governor told AP that the bill would be signed next week.", "told", "interview"),
    ("The minister spoke to reporters after the vote.", "spoke", "interview"),
    ("Subscribe to our daily newsletter.", "Subscribe", "imperative"),
])
def test_press_and_page_furniture_are_no_meetings(nlp: Any, text: str, trigger: str, why: str) -> None:
    event, token = _event(nlp(text), trigger, kind="CONSULT")
    assert not_an_act(token, event, 2020) == why


@pytest.mark.parametrize("text, trigger", [
    ("The mayor spoke with the union's leaders on Friday.", "spoke"),
    ("The envoy told the rebels to lay down their arms.", "told"),
    ("Merkel talked with Putin by phone.", "talked"),
])
def test_meetings_stay(nlp: Any, text: str, trigger: str) -> None:
    event, token = _event(nlp(text), trigger, kind="CONSULT")
    assert not_an_act(token, event, 2020) not in ("interview", "imperative")


@pytest.mark.parametrize("text, trigger, expected", [
    ("The ministry disputed the newspaper's account of the raid.", "disputed", "REJECT"),
    ("The envoy disputed the notion that his country had armed the rebels.", "disputed", "REJECT"),
    ("The governor refuted the allegations of the opposition party.", "refuted", "REJECT"),
    ("The court did not dispute the account of the witnesses.", "dispute", None),
    ("The two states disputed the border for decades.", "disputed", None),  # no claim denied
])
def test_a_denied_claim_is_a_rejection(nlp: Any, text: str, trigger: str, expected: str | None) -> None:
    _, token = _event(nlp(text), trigger)
    assert manual_category(token, "ACCUSE") == expected


@pytest.mark.parametrize("text, trigger, kind, source, why", [
    ("Senator, will you resign before the vote?", "resign", "RETREAT", None, "question"),
    ("Why did the army close the border?", "close", "COERCE", None, "question"),
    ("Large majorities of Democratic voters going to the polls said they back the plan.", "said", "SUPPORT",
     None, "poll"),
    ("The governor refused to speak to reporters after the hearing.", "speak", "REJECT", "The governor",
     "no-comment"),
    ("The senator declined an interview request from the newspaper.", "declined", "REJECT", "The senator",
     "no-comment"),
    ("Back in 1997, the mayor expressed support for the stadium plan.", "expressed", "SUPPORT", "the mayor",
     "history"),
    ("In the late 1960s, the agency spied on student groups.", "spied", "ACCUSE", "the agency", "history"),
    ("The governor suspended her campaign after the primary.", "suspended", "SANCTION", "The governor",
     "campaign"),
    ("The senator ended his presidential bid on Friday.", "ended", "SANCTION", "The senator", "campaign"),
    ("The mayor blamed the flooding on an old drainage system.", "blamed", "ACCUSE", "The mayor", "comment"),
    ("The minister blamed high inflation for the slow recovery.", "blamed", "ACCUSE", "The minister", "comment"),
    ("The analyst warned that the slowdown could deepen next year.", "warned", "THREATEN", "The analyst",
     "comment"),
    ("The senator addressed the students of the college on Monday.", "addressed", "SUPPORT", "The senator",
     "speech"),
    ("The governor delivered her farewell speech in the capital.", "delivered", "ACCUSE", "The governor",
     "speech"),
])
def test_round8_no_acts(nlp: Any, text: str, trigger: str, kind: str, source: str | None, why: str) -> None:
    event, token = _event(nlp(text), trigger, source, kind=kind)
    assert not_an_act(token, event, 2016) == why


def test_a_journalist_asking_to_explain_asks_a_question(nlp: Any) -> None:
    doc = nlp("The anchor asked the senator to explain his vote on the bill.")
    event, token = _event(doc, "explain", "The anchor", kind="REQUEST")
    event = replace(event, source=replace(event.source, sector="JRN"))
    assert not_an_act(token, event, 2016) == "question"


@pytest.mark.parametrize("text, trigger, kind, source", [
    ("The army will close the border on Monday.", "close", "COERCE", "The army"),  # no question
    ("In 2015, the army closed the border.", "closed", "COERCE", "the army"),  # within two years
    ("The rebels ended their campaign of violence.", "ended", "RETREAT", "The rebels"),
    ("Russia suspended its air campaign in Syria.", "suspended", "RETREAT", "Russia"),
    ("The government blamed the attack on Hamas.", "blamed", "ACCUSE", "The government"),
    ("Officials blamed Russia for the attack on the convoy.", "blamed", "ACCUSE", "Officials"),
    ("He blamed the law on Democratic politicians.", "blamed", "ACCUSE", "He"),
    ("Israel warned that retaliation would be swift.", "warned", "THREATEN", "Israel"),
    ("Local commanders warned they will shoot any villager who shelters them.", "warned", "THREATEN",
     "Local commanders"),
    ("The president addressed the UN General Assembly.", "addressed", "CONSULT", "The president"),
    ("The convoy delivered aid to the town.", "delivered", "AID", "The convoy"),
    ("The UN asked the rebels to lay down their arms.", "lay", "REQUEST", "The UN"),
])
def test_round8_acts_stay(nlp: Any, text: str, trigger: str, kind: str, source: str | None) -> None:
    event, token = _event(nlp(text), trigger, source, kind=kind)
    assert not_an_act(token, event, 2016) is None


@pytest.mark.parametrize("text, trigger, kind, expected", [
    ("The mayor boasted that the city had never been safer.", "boasted", "AGREE", "comment"),
    ("The governor is touting her budget record.", "touting", "AGREE", "comment"),
    ("The senator recalled his opposition to the war.", "recalled", "SANCTION", "comment"),
    ("Russia recalled its ambassador from Washington.", "recalled", "SANCTION", None),
    ("The president touted Putin as a strong leader.", "touted", "SUPPORT", None),
])
def test_boasts_and_memories(nlp: Any, text: str, trigger: str, kind: str, expected: str | None) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2016) == expected


@pytest.mark.parametrize("text, trigger, kind, expected", [
    ("The council should reject the plan out of hand.", "reject", "REJECT", "opinion"),
    ("You cannot let the rebels take the city.", "let", "RETREAT", "opinion"),
    ("The union can remind voters of the party's record.", "remind", "ACCUSE", "opinion"),
    ("The army rejected the plan.", "rejected", "REJECT", None),
    ("The army can strike anywhere in the region.", "strike", "THREATEN", None),  # a threat stays
    ("The government should release the prisoners now.", "release", "REQUEST", None),  # a demand stays
])
def test_what_ought_to_be_is_no_act(nlp: Any, text: str, trigger: str, kind: str, expected: str | None) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, event, 2016) == expected


@pytest.mark.parametrize("text, trigger, expected", [
    ("About three-quarters support a temporary ban on imports.", "support", "poll"),
    ("A majority say the country is on the wrong track.", "say", "poll"),
    ("The majority party blamed the opposition for the crisis.", "blamed", None),
    ("A majority of the senators rejected the bill.", "rejected", None),
])
def test_a_bare_share_is_a_poll(nlp: Any, text: str, trigger: str, expected: str | None) -> None:
    event, token = _event(nlp(text), trigger, kind="SUPPORT")
    assert not_an_act(token, event, 2016) == expected


# Round 9 of the judged set: negated accusations, failures, polls that find, requests inside
# statements, rallies behind, launched attacks, support withheld, platforms (sentences composed).
@pytest.mark.parametrize("text, trigger, kind, negated, why", [
    ("The minister has not accused the rebels of the attack.", "accused", "ACCUSE", True, "negated"),
    ("The governor said he does not want to punish the protesters.", "said", "ACCUSE", True, "negated"),
    ("The senator failed to condemn the remarks.", "condemn", "ACCUSE", False, "abstain"),
    ("The senator failed to refuse the endorsement.", "refuse", "REJECT", False, "abstain"),
    ("The two parties failed to reach agreement on the budget.", "reach", "REJECT", False, None),
    ("Most voters oppose the new tax, a survey shows.", "oppose", "ACCUSE", False, "poll"),
    ("A 60% majority of independents back the plan.", "back", "SUPPORT", False, "poll"),
    ("The ministry accused Iran of not complying with the deal.", "accused", "ACCUSE", True, None),
    ("The rebels failed to capture the town.", "capture", "ASSAULT", False, None),
])
def test_round9_no_acts(nlp: Any, text: str, trigger: str, kind: str, negated: bool, why: str | None) -> None:
    event, token = _event(nlp(text), trigger, kind=kind)
    assert not_an_act(token, replace(event, negated=negated), 2020) == why


@pytest.mark.parametrize("text, trigger, kind, expected", [
    ("The mayor says he called the governor and asked him to send more police.", "says", "ACCUSE", "REQUEST"),
    ('"I am asking every candidate to sign the pledge," the activist wrote.', "wrote", "SUPPORT", "REQUEST"),
    ("The mayor says the governor did not ask him to resign.", "says", "ACCUSE", None),
    ("Donors rally behind the senator.", "rally", "PROTEST", "SUPPORT"),
    ("Thousands rallied against the government.", "rallied", "PROTEST", None),
])
def test_round9_manual_category(nlp: Any, text: str, trigger: str, kind: str, expected: str | None) -> None:
    _, token = _event(nlp(text), trigger)
    assert manual_category(token, kind) == expected


def test_a_launched_attack_between_political_actors_is_criticism(nlp: Any) -> None:
    event, token = _pair(nlp("The governor unleashed a withering attack on the senator."), "unleashed",
                         ("The governor", "person", "GOV"), ("the senator", "person", "LEG"))
    assert spoken_force(token, event) == "ACCUSE"
    event, token = _pair(nlp("The army launched an attack on the rebel base."), "launched",
                         ("The army", "organization", "MIL"), ("the rebel base", "group", "REB"))
    assert spoken_force(token, event) is None


@pytest.mark.parametrize("text, trigger, expected", [
    ("The speaker declared that he cannot support the nominee.", "declared", "REJECT"),
    ("The governor said he will not endorse the senator.", "said", "REJECT"),
    ("The candidate has not been endorsed by the party.", "endorsed", None),
])
def test_support_withheld_is_a_rejection(nlp: Any, text: str, trigger: str, expected: str | None) -> None:
    from sayso.events.readings import _withheld_support

    event, token = _event(nlp(text), trigger, kind="SUPPORT")
    assert _withheld_support(token, replace(event, negated=True)) == expected


@pytest.mark.parametrize("text, word, expected", [
    ("The prince mocked the candidate on Twitter.", "Twitter", True),
    ("The spokesman responded on Facebook, calling the charge absurd.", "Facebook", True),
    ("The government imposed a ban on Twitter.", "Twitter", False),
])
def test_a_platform_is_no_recipient(nlp: Any, text: str, word: str, expected: bool) -> None:
    from sayso.events.extract import _on_a_platform

    doc = nlp(text)
    assert _on_a_platform(next(t for t in doc if t.text == word)) is expected


def test_another_actors_failure_said_is_no_denial(nlp: Any) -> None:
    event, token = _event(nlp("The ministry said Iran had not complied with the deal."), "said")
    assert not_an_act(token, replace(event, negated=True), 2020) != "negated"
