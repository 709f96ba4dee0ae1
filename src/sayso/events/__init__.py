"""PLOVER event extraction: who did what to whom, tied to its characters.

One event at most per sentence, from its main clause (see ``extract.py``). A sentence whose main
verb is an attribution cue yields the speaker's verbal act (THREATEN, ACCUSE, REQUEST...) linked
by ``attribution_id``; what the statement reports is not coded as an act of its subjects.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span, Token

from sayso.actors import PEOPLE_SECTORS, STATE_SECTORS, Context, DocActors, names_another_country
from sayso.actors.coding import title_of
from sayso.events import pairs
from sayso.events import types as event_types
from sayso.events.detect import keep_reported
from sayso.events.extract import (
    DEONTIC,
    OUTLET_WORDS,
    PLAIN_CUES,
    REPORTED_ACTS,
    SECURITY_SECTORS,
    SURE,
    UNDERGO,
    Found,
    asks_to,
    find,
    is_outlet,
    learned_recipient,
    no_actor,
    passive_doer,
    reduced_passive,
    speech_lemmas,
    thing_target,
    undergoing,
)
from sayso.events.features import dateline_end
from sayso.events.frames import Frame, argument_tokens, frame_for, main_verb, mention_tokens
from sayso.events.gate import ACTOR_LABELS, worth_a_look
from sayso.events.negatives import no_event
from sayso.events.plover import bridge, context_of, mode_of
from sayso.events.readings import asked_party, manual_readings, spans_meet, trigger_token
from sayso.events.referents import earlier_referent
from sayso.events.types import model as types_model
from sayso.events.types import retype
from sayso.events.where_when import event_date, event_location
from sayso.knowledge.lexicons import word_classes
from sayso.model import Actor, Article, Attribution, Event, own_country
from sayso.model import Span as TextSpan
from sayso.nlp import doc_ents, encoded

# Speakers in these sectors report news rather than act in it.
NEWS_SECTORS = ("JRN",)
# A speaker's verbal act reads its recipient from what the statement is about: an accusation,
# a threat, a demand, an agreement, praise or a meeting needs someone to be done to.
ADDRESSED = ("ACCUSE", "THREATEN", "REQUEST", "AGREE", "SUPPORT", "CONSULT")
DOUBTFUL = 0.3
PLACES = ("GPE", "LOC", "FAC")
# Verbs whose subject undergoes the act its object names (extract.undergoing).
UNDERGOING = UNDERGO | {"come"}


def extract_events(doc: Doc, attributions: list[Attribution], article: Article,
                   context: Context | None = None) -> list[Event]:
    """Events found in ``doc``; verbal events reuse ``attributions``. ``context``: the document's
    (``pipeline.analyse`` passes the one its speakers were coded in); a new one without."""
    if context is None:  # (called on its own: the speakers' codes come as they are)
        context = Context.of(doc, article)
        context.actors.refer_to([a.speaker for a in attributions if a.speaker is not None])
    coder = context.actors
    events: list[Event] = []
    ents = list(doc_ents(doc))
    cues = _cue_chars(attributions)
    first = 0
    learned = pairs.model() if pairs.token_states(doc) is not None else None
    # Trigger start -> pair probability of the events the pair model added: the classifier
    # (types.py) decides their category, or drops them.
    added: dict[int, float] = {}
    ruled: set[int] = set()  # trigger starts of rules events whose category a rule decided
    for sent in doc.sents:
        while first < len(ents) and ents[first].start < sent.start:
            first += 1  # sentences and entities both go in document order
        if len(sent) < 3:
            continue
        last = first
        while last < len(ents) and ents[last].start < sent.end:
            last += 1
        sent_ents = ents[first:last]
        root = main_verb(sent)
        attribution = _attribution_at(root, attributions, cues)
        cue = (attribution.cue_class or "other") if attribution is not None else "none"
        if not worth_a_look(sent, root, cue, sum(1 for e in sent_ents if e.label_ in ACTOR_LABELS)):
            continue  # (the gate: most sentences yield no event, see gate.py)
        if no_event(sent) is not None:
            continue  # sport, another language (negatives.py)
        quoted = attribution is not None and attribution.kind == "direct"
        found = find(sent, attribution.cue_class if attribution else None, coder.date, quoted)
        before = len(events)
        if found is not None:
            events.extend(_rule_events(sent, sent_ents, found, coder, attribution, article, before))
            if found.ruled:
                ruled.update(e.trigger.spans[0][0] for e in events[before:])
        if learned is not None:  # default mode: the pair model (pairs.py)
            chance = _learned(learned, sent, sent_ents, root, cue, attribution, events, before, coder, article)
            if chance is not None:
                added[events[-1].trigger.spans[0][0]] = chance
    # Default mode: sentences the learned detector says report no event lose theirs (detect.py);
    # the fine-tuned classifier decides the category of the rest where the rules are unsure (types.py).
    later = _dropped_later(doc, attributions, article, added, ruled)
    typed = retype(doc, keep_reported(doc, events, attributions, later), article.doc_id, added, ruled)
    requests = _asked_to_act(doc, _no_undirected_requests(doc, typed, attributions), coder)
    return _asked_and_criticised(doc, manual_readings(doc, requests, article), coder)


def _dropped_later(doc: Doc, attributions: list[Attribution], article: Article, added: dict[int, float],
                   ruled: set[int]) -> Callable[[Event], bool] | None:
    """Is an event one that the steps after the detector (``extract_events``) drop whatever the
    detector says? The detector then need not ask its reader (an encoder pass) about its
    sentence. Each of those steps reads an event on its own (and numbers the events by their
    position), so the event alone through them answers. Not for a REQUEST whose asked party
    ``_asked_to_act`` codes: the coder remembers the names it codes (an extra call could change
    a later actor). None while a trace is recorded (the classifier's would be doubled)."""
    if event_types.TRACE is not None:
        return None

    def dropped(event: Event) -> bool:
        if event_types.reads(doc, event, added.get(event.trigger.spans[0][0])):
            return False  # (a classifier pass to spare a reader pass: not worth it)
        typed = _no_undirected_requests(doc, retype(doc, [event], article.doc_id, added, ruled), attributions)
        if not typed:
            return True
        if typed[0].type == "REQUEST" and _asked_subject(doc, typed[0]) is not None:
            return False  # (``_asked_to_act`` would code its party: the coder remembers it)
        return not manual_readings(doc, typed, article)

    return dropped


# Set to lists by scripts/train_event_pairs.py: what the pair model did, for its threshold sweep,
# and the tables of the sentences it was asked about (news negatives).
TRACE: list[dict[str, Any]] | None = None
TABLES: list[dict[str, Any]] | None = None


def _learned(model: pairs.PairModel, sent: Span, ents: list[Span], root: Token, cue: str,
             attribution: Attribution | None, events: list[Event], before: int, coder: DocActors,
             article: Article) -> float | None:
    """The pair model on a sentence the rules looked at: give a sentence the rules left without
    an event one for its likeliest pair (its pair probability returned); move the rules' event
    (``events[before]``) to another pair the model is much surer of; re-type it where the model
    is sure of another category. With the type classifier (types.py) an added event's category
    is left to it, and its own floors apply."""
    rule = events[before] if before < len(events) else None
    if rule is not None and model.rerole > 1.0 and (model.retype > 1.0 or rule.confidence >= model.retype_below):
        return None  # (nothing the model could change: the table is not worth its time)
    table = pairs.table(sent, root, cue, events[before:], coder.date)
    if table is None:
        return None
    if TABLES is not None:
        TABLES.append({"doc": article.doc_id, "sentence": sent.start_char, "table": table,
                       "rules": before < len(events)})
    chances = pairs.pair_probabilities(table, model)
    k = int(np.argmax(chances))
    classifier = types_model() if rule is None else None
    if rule is None and chances[k] < (model.add if classifier is None else classifier.settings.add):
        return None
    frame = frame_for(root, speech_lemmas())
    said = attribution.cue_class if attribution is not None else None
    if rule is not None:
        if table.rules_pair is None:
            return None
        margin = float(chances[k] - chances[table.rules_pair])
        if k == table.rules_pair or margin < model.rerole:
            _retype(model, table, sent, frame, said, events, before, article)
            return None
    type_min = model.type_min if classifier is None else 0.0
    event = _pair_event(model, table, k, sent, ents, frame, said, attribution, coder, article, before, type_min)
    if event is None:
        return None
    if rule is None:
        events.append(event)
        _trace(article, event, "add", float(chances[k]), None)
        return float(chances[k])
    events[before] = event
    _trace(article, event, "rerole", margin, rule)
    return None


def _pair_event(model: pairs.PairModel, table: pairs.Table, k: int, sent: Span,
                ents: list[Span], frame: Frame, said: str | None, attribution: Attribution | None,
                coder: DocActors, article: Article, number: int, type_min: float) -> Event | None:
    """The event of the ``k``-th pair of ``table``, its category from the type model."""
    doc = sent.doc
    a, b = table.pairs[k]
    source_head, target_head = doc[table.cands[a]], doc[table.cands[b]]
    if passive_doer(source_head, target_head)[0] is not source_head:
        # ("Russia and Syria have been accused of ...": the one done to is no doer; the rules
        # read the passive so, and a pair the model ranks first is read the same way. Not
        # swapped for the agent: "were outraged by the administration" is no act of the agent.)
        return None
    probs = pairs.type_probabilities(pairs.row(table, k), pairs.rules_type_probabilities(
        sent, frame, source_head, target_head, said), model)
    best = int(np.argmax(probs))
    if probs[best] < type_min:
        return None  # a sure pair of an unsure category: more often wrong than right
    done_by = reduced_passive(source_head, model.classes[best])
    if done_by is not None:
        # ("the Iranians released by the United States": the agent did it, to the noun)
        source_head, target_head = done_by, source_head
    target_head = learned_recipient(frame, source_head, target_head, coder.date)
    doer, done_to = undergoing(frame.trigger, source_head, target_head, coder.date)
    if done_to is not None:  # ("faced criticism from rivals": the rivals criticised)
        source_head, target_head = doer, done_to
    found = Found(frame, source_head, target_head, model.classes[best], float(probs[best]))
    source, recipient = _participants(coder, found, target_head, attribution)
    if not (_is_actor(source) or _named(source_head, attribution)):
        return None  # the rules' own test of a doer
    if source is None or not (own_country(source) or (recipient is not None and own_country(recipient))):
        return None  # no country on either side ("Scientists discovered a new species")
    if _about_nobody(sent, found, target_head, source, attribution, coder, any_type=True):
        return None  # (its category is the classifier's to decide, after this: any reading)
    return _event(sent, ents, found, source, recipient, coder, attribution, article, number)


def _retype(model: pairs.PairModel, table: pairs.Table, sent: Span, frame: Frame,
            said: str | None, events: list[Event], at: int, article: Article) -> None:
    """The rules' event ``events[at]`` takes the type model's category where that is sure and
    the rules' own probability low."""
    rule = events[at]
    if table.rules_pair is None or rule.confidence >= model.retype_below:
        return
    doc = sent.doc
    a, b = table.pairs[table.rules_pair]
    probs = pairs.type_probabilities(pairs.row(table, table.rules_pair), pairs.rules_type_probabilities(
        sent, frame, doc[table.cands[a]], doc[table.cands[b]], said), model)
    best = int(np.argmax(probs))
    kind = model.classes[best]
    if kind != rule.type and probs[best] >= model.retype:
        cameo_root, quad = bridge(kind)
        events[at] = replace(rule, type=kind, confidence=float(probs[best]), mode=mode_of(kind, sent),
                             cameo_root=cameo_root, quad_class=quad)
        _trace(article, events[at], "retype", float(probs[best]), rule)


def _trace(article: Article, event: Event, kind: str, p: float, old: Event | None) -> None:
    if TRACE is not None:
        TRACE.append({"doc": article.doc_id, "event": event.to_dict(), "kind": kind, "p": p,
                      "old": old.to_dict() if old is not None else None})


def _rule_events(sent: Span, ents: list[Span], found: Found, coder: DocActors,
                 attribution: Attribution | None, article: Article, number: int) -> list[Event]:
    """The rules' events of a sentence: ``found``'s act towards each of its recipients; ids
    from ``number`` + 1."""
    out: list[Event] = []
    for target in [found.target, *found.more_targets]:
        source, recipient = _participants(coder, found, target, attribution)
        if not (_is_actor(source) or _named(found.source, attribution) or _outlet_reported(source, attribution, sent)
                or _named_speaker(found.source, source, attribution)) or not _may_be_sure(found, source, recipient):
            continue  # (checked before the date, place and mode are worked out)
        if _about_nobody(sent, found, target, source, attribution, coder):
            continue
        if target is not None and (entity := thing_target(target, found.source, coder.date)) is not target:
            # (default mode: a thing is no recipient, "rejected these accusations"; the actor its
            # phrase names is, "rejected criticism from the UN refugee agency")
            source, recipient = _participants(coder, found, entity, attribution)
        event = _event(sent, ents, found, source, recipient, coder, attribution, article, number + len(out))
        if _sure_enough(event):
            out.append(event)
    return out


def _about_nobody(sent: Span, found: Found, target: Token | None, source: Actor | None,
                  attribution: Attribution | None, coder: DocActors, any_type: bool = False) -> bool:
    """Default mode: is the event a speaker's verbal act read from a plain statement (a cue
    with no category of its own: "said", "claims") about no actor at all? "The king said the
    outrages opened a new stage in history", "X says the plan will cut emissions", '"... this
    is a war," he said': an opinion, forecast or comment, not an accusation or agreement (the
    manual's verbal acts are done to someone). Statements whose cue is itself an act ("accused",
    "denied", "welcomed") and reported material acts ("a man has been stabbed ..., the chief
    says") stay."""
    if not encoded(sent.doc):
        return False  # (--fast keeps the rules as they were)
    if attribution is None or source is None or source is not attribution.speaker:
        return False
    if (found.type not in ADDRESSED and not any_type) or attribution.cue_class not in PLAIN_CUES:
        return False
    # The content's subject, when it names another actor ("says the campaign violated the law");
    # a pronoun there is most often the speaker ("claims that he came under fire").
    about = found.frame.target
    if (about is not None and about.pos_ != "PRON" and found.source is not None and about.i != found.source.i
            and not no_actor(about, coder.date)):
        return False
    if _own_act_named(about, found):
        return False
    return target is not None and no_actor(target, coder.date)


def _own_act_named(about: Token | None, found: Found) -> bool:
    """Default mode (plv22b): does the statement announce the speaker's own act, a pronoun the
    content's subject, whose predicate the manual's tables name with its mode ("said it will
    investigate the attacks", ACCUSE `investigate'; "said they will boycott the meeting",
    THREATEN `restrict')? That is an act done to what the predicate names, no opinion about
    nobody; an opinion or forecast names no mode ("said it was a war")."""
    return about is not None and about.pos_ == "PRON" and found.ruled and found.mode is not None


# Words that give a statement directive force (the manual's REQUEST: "ask, demand, appeal"):
# deontic modals and verbs of asking inside the content ("said Israel must stop", "said it wants
# talks", "said the UN should intervene").
DIRECTIVE = word_classes("events_words.tsv")["directive"]


def _no_undirected_requests(doc: Doc, events: list[Event], attributions: list[Attribution]) -> list[Event]:
    """Default mode: a REQUEST read from a plain statement ("said", "reported") whose content has
    no directive word is no request: "John Smith said schools were closing" reports a happening,
    it asks nothing of the schools. (The classifier reads the speaker-content pair; the cue and
    the content's grammar decide whether anything was asked.)"""
    if not encoded(doc) or not any(e.type == "REQUEST" for e in events):
        return events
    by_id = {a.id: a for a in attributions}
    out = [e for e in events if not _undirected(doc, e, by_id.get(e.attribution_id or ""))]
    if len(out) == len(events):
        return events
    return [replace(e, id=f"e{n}") for n, e in enumerate(out, start=1)]


def _undirected(doc: Doc, event: Event, attribution: Attribution | None) -> bool:
    if event.type != "REQUEST" or attribution is None or attribution.cue_class not in PLAIN_CUES:
        return False
    if attribution.speaker is None or event.source is None or event.source.spans[:1] != attribution.speaker.spans[:1]:
        return False  # (a reported act of the content's own subject)
    trigger = doc.char_span(*event.trigger.spans[0], alignment_mode="expand")
    if trigger is not None and asks_to(trigger.root):
        return False  # ("called on the governor to apologize": the cue itself asks its addressee)
    for start, end in attribution.content.spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        for token in span:
            lemma = token.lemma_.lower()
            if lemma == "have":
                if token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                    return False  # "has to" (not the perfect's "have")
            elif lemma in DIRECTIVE or token.lower_ in DIRECTIVE:
                return False
            if (token.tag_ == "VB" and token.dep_ in ("ROOT", "ccomp")
                    and not any(c.tag_ == "MD" or c.dep_ in ("aux", "auxpass") for c in token.children)):
                return False  # an imperative ("Leave now") or a mandative ("insisted that Pyongyang stop")
    return True


# Statement verbs that carry a demand in their content with no addressee of their own.
ASKING_IN_CONTENT = word_classes("events_words.tsv")["ask_in_content"]


def _asked_to_act(doc: Doc, events: list[Event], coder: DocActors) -> list[Event]:
    """Default mode: the recipient of a REQUEST read from a statement that another actor must or
    should act is the actor asked to act, the content's subject: "Clinton suggested the United
    States should send more special forces into Syria" asks the United States (not Syria, the
    place of the act), "Rajoub says militant groups must recognise who is in control" asks the
    militant groups (not Rajoub himself). The manual's REQUEST: "ask, demand or urge another
    actor to act". Not where the statement has an addressee of its own ("told the UN that ...")
    or the subject is a pronoun, the speaker, or no actor ("it should be safe")."""
    if not encoded(doc) or not any(e.type == "REQUEST" for e in events):
        return events
    out = []
    for event in events:
        asked = _asked(doc, event, coder) if event.type == "REQUEST" else None
        out.append(event if asked is None else replace(event, target=asked))
    return out


def _asked_and_criticised(doc: Doc, events: list[Event], coder: DocActors) -> list[Event]:
    """Default mode: the recipient the manual names where the rankers chose another mention. A
    REQUEST at a verb of asking with an infinitive (or at that infinitive) asks the party asked
    ("Two House Committees asked the Justice Department to investigate whether Clinton ...": the
    Justice Department, not Clinton; "pressed Mr. Yanukovych to sign an agreement with the European
    Union": Yanukovych). An ACCUSE whose target lies in the reason it gives ("blasts Trump for
    skipping debate", "hit Mrs. Clinton over her speeches") criticises its direct object."""
    if not encoded(doc) or not any(e.type in ("REQUEST", "ACCUSE") for e in events):
        return events
    out = []
    for event in events:
        head = _named_recipient(doc, event)
        actor = _actor(coder, head) if head is not None else None
        if actor is not None and _is_actor(actor) and not (event.source is not None and spans_meet(
                event.source.spans, actor.spans)):
            event = replace(event, target=actor)
        out.append(event)
    return out


def _named_recipient(doc: Doc, event: Event) -> Token | None:
    trigger = trigger_token(doc, event)
    if event.target is None or trigger is None:
        return None
    if event.type == "REQUEST":
        party = asked_party(trigger)
    elif event.type == "ACCUSE":
        party = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        reasons = [t for h in (trigger, party) if h is not None for c in h.children
                   if c.dep_ in ("prep", "advcl") and c.lower_ in ("for", "over") for t in c.subtree]
        chars = [(t.idx, t.idx + len(t)) for t in reasons]
        if party is None or not chars or not spans_meet(event.target.spans, chars):
            return None
    else:
        return None
    if party is None or (party.pos_ not in ("PROPN", "NOUN") and not party.ent_type_):
        return None
    if spans_meet(event.target.spans, [(party.idx, party.idx + len(party))]):
        return None  # (already the recipient)
    return party


def _asked(doc: Doc, event: Event, coder: DocActors) -> Actor | None:
    subject = _asked_subject(doc, event)
    if subject is None:
        return None
    actor = _actor(coder, subject)
    return actor if _is_actor(actor) else None


def _asked_subject(doc: Doc, event: Event) -> Token | None:
    """The content's subject that ``_asked`` codes as the party asked, or None where it codes
    nothing (apart, so that ``_dropped_later`` can tell where the coder would be asked)."""
    trigger = trigger_token(doc, event)
    if event.source is None or trigger is None:
        return None
    if trigger.lemma_.lower() not in ASKING_IN_CONTENT or any(
            c.dep_ in ("dobj", "dative", "iobj") for c in trigger.children):
        return None
    for clause in (c for c in trigger.children if c.dep_ == "ccomp"):
        if not any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.pos_ == "PRON":
            return None
        chars = [(t.idx, t.idx + len(t)) for t in subject.subtree]
        if spans_meet(event.source.spans, chars) or (event.target is not None and spans_meet(event.target.spans, chars)):
            return None  # (the speaker's own side, or already the recipient)
        return subject
    return None


def _cue_chars(attributions: list[Attribution]) -> dict[int, int]:
    """Character offset -> index of the first attribution whose cue covers it."""
    chars: dict[int, int] = {}
    for n, attribution in enumerate(attributions):
        for start, end in attribution.cue.spans:
            for char in range(start, end):
                chars.setdefault(char, n)
    return chars


def _attribution_at(root: Token, attributions: list[Attribution], cues: dict[int, int]) -> Attribution | None:
    """The attribution whose cue is the sentence's main verb ``root`` (the statement the
    sentence is); ``cues`` from ``_cue_chars``."""
    found = [cues[c] for c in range(root.idx, root.idx + len(root.text)) if c in cues]
    return attributions[min(found)] if found else None


def _is_actor(actor: Actor | None) -> bool:
    """An event needs a doer we can say something about: coded, or a named entity."""
    return actor is not None and bool(actor.country or actor.sector or actor.kind != "unknown")


def _named(head: Token | None, attribution: Attribution | None) -> bool:
    """A proper-noun doer the coder does not know ("ICE", "Jurisdiction for Peace") is still a
    named actor; in a statement the doer is the speaker, judged by its coding alone."""
    if attribution is not None or head is None or head.ent_type_ in PLACES:
        return False
    return _name_like(head)


def _name_like(head: Token) -> bool:
    # An acronym is a name even when the tagger reads it as a common noun ("ICE returned ...").
    return head.pos_ == "PROPN" or (head.is_alpha and head.is_upper and len(head) > 1)


def _speaker_head(attribution: Attribution, doc: Doc) -> Token | None:
    """The root of the statement's (first) source span."""
    if attribution.source is None:
        return None
    start, end = attribution.source.spans[0]
    span = doc.char_span(start, end, alignment_mode="expand")
    return None if span is None else span.root


def _outlet(attribution: Attribution, doc: Doc) -> bool:
    """Default mode: is the statement's speaker a news outlet (coded JRN, or an outlet word as
    its head: "Xinhua", "state media", "the newspaper"; not "the press secretary")?"""
    speaker = attribution.speaker
    if speaker is None or attribution.source is None or not encoded(doc):
        return False
    if speaker.sector in NEWS_SECTORS and speaker.kind != "person":
        return True  # (a person coded JRN may be a speaker interviewed "on CNN television")
    head = _speaker_head(attribution, doc)
    return head is not None and is_outlet(head, None)


def _named_speaker(head: Token | None, source: Actor | None, attribution: Attribution | None) -> bool:
    """Default mode: a statement's speaker that is a name the coder does not know ("The ELN has
    said it will release ...", "Jurisdiction for Peace ordered an investigation") is a named
    actor as any other doer is (``_named``); not a news outlet ("Bloomberg News reported")."""
    if attribution is None or head is None or source is None or source is not attribution.speaker:
        return False
    if not encoded(head.doc) or attribution.source is None or attribution.cue_class == "report":
        return False  # (outlets report: "CNS reported that ...")
    head = _speaker_head(attribution, head.doc)  # (the speaker's own head: not "his agent", "many")
    if head is None or head.ent_type_ in PLACES or not _name_like(head):
        return False
    return not any(t.lower_ in OUTLET_WORDS for t in mention_tokens(head))


def _sure_enough(event: Event) -> bool:
    """A doubtful category is reported only between two actors coded to countries."""
    if event.confidence >= DOUBTFUL:
        return True
    # (a country read from the document's politics, "His campaign" in US news, is no state's act)
    return bool(event.source and own_country(event.source) and event.target and own_country(event.target))


def _may_be_sure(found: Found, source: Actor | None, target: Actor | None) -> bool:
    """Can ``_sure_enough`` pass once the place is known (it may give sector-coded actors a
    country)?"""
    if found.probability >= DOUBTFUL:
        return True
    return all(a is not None and bool(a.country or a.sector) for a in (source, target))


# CAMEO's material quad classes (material cooperation, material conflict): acts done in a place.
MATERIAL_QUADS = frozenset({2, 4})


def _place_country(event: Event, sent: Span) -> None:
    """"Police arrested protesters in Minsk": actors without a country of their own are of the
    country where the act took place, where the sentence names no other country: a place of
    one clause says nothing of an actor of another country's ("Defence Minister Robert Hill
    has confirmed Australian troops arrived in Afghanistan", "The Federal Government is
    negotiating with the United States about an Adelaide man suspected of fighting in
    Afghanistan"). The source may be the statement's own speaker, one object with the
    attribution's (one referent, one code): "Local commanders said they had captured 40
    foreign fighters ... at Jalalabad" are Afghan in both."""
    country = event.location.get("country") if event.location else None
    if not country:
        return
    actors: tuple[Actor | None, ...] = (event.source, event.target)
    if names_another_country(sent, country):
        # ("A U.S.-British air raid in southern Iraq killed two shepherds": where the only other
        # country the sentence names is the doer's own, in its own mention, those the material
        # act was done to in that place are of it, codes23)
        source = event.source
        if event.quad_class not in MATERIAL_QUADS or source is None or not source.country \
                or names_another_country(sent, country, outside=source.spans):
            return
        actors = (event.target,)
    for actor in actors:
        if actor is not None and actor.country is None and actor.sector is not None:
            actor.country = country


def _actor(coder: DocActors, head: Token | None) -> Actor | None:
    # ("the assistant secretary of state": "state" only completes the title, codes23)
    return None if head is None else coder.code(mention_tokens(title_of(head)), titled=True)


def _widened(actor: Actor, head: Token, other: Token | None) -> Actor:
    """The actor's spans plus the whole argument phrase it heads or sits in ("humanitarian aid
    workers, including those from ... Oxfam"), unless that phrase holds the other participant."""
    phrase = argument_tokens(head)
    if other is not None and phrase[0].i <= other.i <= phrase[-1].i:
        return actor
    span = (phrase[0].idx, phrase[-1].idx + len(phrase[-1].text))
    if span in actor.spans:
        return actor
    return replace(actor, spans=[*actor.spans, span])


def _outlet_reported(source: Actor | None, attribution: Attribution | None, sent: Span) -> bool:
    """Default mode: the doer of an act a news outlet reports as fact ("A suicide bomber carried
    out attacks on Iran's parliament, state media said") is a doer though the coder knows it
    not: the outlet only sources the act."""
    return (source is not None and attribution is not None and source is not attribution.speaker
            and _outlet(attribution, sent.doc))


def _source(coder: DocActors, head: Token | None, attribution: Attribution | None) -> Actor | None:
    """The doer. In a statement it is the speaker, unless the speaker only sources news about
    an act of its own side or is no political actor ("Russian forces struck..., the defence
    ministry said"): then the act reported as fact is the event, done by its own subject."""
    actor = _actor(coder, head)
    speaker = attribution.speaker if attribution is not None else None
    if speaker is None or attribution is None or attribution.source is None:
        return actor
    inside = head is not None and any(s <= head.idx < e for s, e in attribution.source.spans)
    if actor is not None and head is not None and _dateline_speaker(head, attribution):
        return actor  # ("KABUL (Pajhwok) : The OIC ... condemned": the place a story was filed is nobody)
    if head is not None and _outlet(attribution, head.doc) and (not inside or attribution.cue_class in PLAIN_CUES):
        # (default mode: "according to Reuters, police arrested ...": an outlet only reports;
        # the act is its own doer's, and an outlet's plain statement is nothing to code; its
        # other acts stay, "a journalist rejected the resolution")
        return None if inside else actor
    if inside and head is not None:
        # (a coordinated speaker's member the doer is: "Kenya and the Ugandan army have agreed
        # to hold joint exercises" is Kenya's act with the army, not the pair's)
        return next((m for m in speaker.members if any(s <= head.idx < e for s, e in m.spans)), speaker)
    if actor is None or own_country(actor) is None or _dies(head):
        return speaker  # (the one who died is no doer: "Sir John Miller, the British actor, died ..., his agent said")
    if speaker.country is None or speaker.country == actor.country or speaker.sector in NEWS_SECTORS:
        return actor
    if head is not None and head.idx < min(s for s, _ in attribution.source.spans):
        return actor  # "A Turkish court has released X, German officials said": sourcing, not an act
    return speaker


def _dies(head: Token | None) -> bool:
    """The subject of "die" ("X died on Monday"): the one it happens to, not a doer."""
    return head is not None and head.dep_ == "nsubj" and head.head.lemma_.lower() == "die"


def _dateline_speaker(head: Token, attribution: Attribution) -> bool:
    """Default mode: is the statement's speaker the sentence's wire dateline ("KABUL (Pajhwok) :
    ...", taken for the subject by the parser)?"""
    if attribution.source is None or not encoded(head.doc):
        return False
    sent = head.sent
    end = dateline_end(sent)
    if end <= sent.start:
        return False
    limit = head.doc[end - 1].idx + len(head.doc[end - 1].text)
    return all(e <= limit for _, e in attribution.source.spans) and head.idx >= limit


def _reported_doer(coder: DocActors, found: Found, source: Actor | None,
                   attribution: Attribution | None) -> Actor | None:
    """Default mode: an act reported as fact before its speaker ("Armed men attacked an army
    camp in Mali, the armed forces said", "A suicide bomber carried out attacks on Iran's
    parliament, state media said") is done by its own subject, an actor without a country too:
    the speaker of a plain statement only sources it (``_source`` already says so for a doer
    with a country). Only a category the predicate names or the model is sure of (not "died
    from a heart attack, his agent said"); not a passive's subject ("four fighters had been
    killed, he added"), and not the verbal acts a statement is."""
    if attribution is None or attribution.speaker is None or source is not attribution.speaker:
        return source
    head = found.source
    if (head is None or found.type not in REPORTED_ACTS or attribution.cue_class not in PLAIN_CUES
            or not (found.ruled or found.probability >= SURE)
            or head.dep_ == "nsubjpass" or not encoded(head.doc) or attribution.source is None):
        return source
    if head.idx >= min(s for s, _ in attribution.source.spans):
        return source  # (the speaker leads, or is the doer: a head inside the source lies after its start)
    actor = _actor(coder, head)
    return actor if _is_actor(actor) else source


def _participants(
    coder: DocActors, found: Found, target_head: Token | None, attribution: Attribution | None
) -> tuple[Actor | None, Actor | None]:
    """The event's source and target actors, with their whole argument phrases."""
    source = _actor(coder, found.source) if found.reported else _source(coder, found.source, attribution)
    if found.reported:
        source = _own_forces(source, attribution)
    source = _reported_doer(coder, found, source, attribution)
    undergoer = _speaker_undergoes(found, target_head, source, attribution)
    if undergoer:  # (the doer is the "from" phrase's actor, the speaker the one done to)
        source = _actor(coder, found.source) or source
    target = _actor(coder, target_head)
    speaker = attribution.speaker if attribution is not None else None
    if source is not None and source is not speaker and found.source is not None:
        source = _widened(source, found.source, target_head)
    if target is not None and target_head is not None:
        target = _widened(target, target_head, found.source)
    if source is not speaker:  # (a speaker's code is its attribution's: one referent, one code)
        source = earlier_referent(source, found.source, coder.date)
    target = earlier_referent(target, target_head, coder.date)
    # (the recipient only: a doer that is a thing and has a country would pass ``_is_actor``)
    target = _owned_thing(coder, target, target_head)
    if source is not None and target is not None and not undergoer and _same_referent(source, target, attribution):
        target = None
    return source, target


def _speaker_undergoes(found: Found, target_head: Token | None, source: Actor | None,
                       attribution: Attribution | None) -> bool:
    """Default mode: is the statement's speaker, the source, the subject of a verb of undergoing
    ("Mexico's president drew criticism from Washington", the cue read as "drew criticism
    from") that ``undergone`` made the target? Then the speaker is the one the act is done to,
    no doer (it would be both source and target): the "from" phrase's actor is the doer."""
    speaker = attribution.speaker if attribution is not None else None
    if (speaker is None or source is not speaker or attribution is None or attribution.source is None
            or found.source is None or target_head is None or not encoded(target_head.doc)):
        return False
    verb = found.frame.trigger
    if target_head.dep_ != "nsubj" or target_head.head.i != verb.i or verb.lemma_.lower() not in UNDERGOING:
        return False
    said = attribution.source.spans
    return (not any(s <= found.source.idx < e for s, e in said)
            and any(s <= target_head.idx < e for s, e in said))


# Common nouns that stand for people, not things ("Others criticized the plan").
NOT_THINGS = frozenset({"other", "others", "one", "ones"})


def _owned_thing(coder: DocActors, actor: Actor | None, head: Token | None) -> Actor | None:
    """Default mode: a thing as the recipient ("criticized the decision", "blasted the
    statement", "condemned the bill's passage") stands for its owner, and in a document about
    one country's politics an owner the sentence does not name is that country's
    (``DocActors.owner_country``): the thing is coded with it, marked ``domestic`` (read from the
    document, no evidence that an event happened). A thing is a common noun the coder gives no
    country, sector or kind, outside any entity."""
    if actor is None or head is None or actor.country or actor.sector or actor.kind != "unknown":
        return actor
    if head.pos_ != "NOUN" or head.ent_type_ or head.lower_ in NOT_THINGS or not encoded(head.doc):
        return actor
    country = coder.owner_country(head.sent)
    return actor if country is None else replace(actor, country=country, domestic=True)


def _own_forces(source: Actor | None, attribution: Attribution | None) -> Actor | None:
    """Default mode: security forces of no country named in an act a speaker of a country reports
    ("An Israeli military source said the soldiers shot four Palestinians near Jenin") are the
    speaker's own (extract._own_side), not of the place the act happened in (``_place_country``)."""
    speaker = attribution.speaker if attribution is not None else None
    if (source is None or source.country is not None or source.sector not in SECURITY_SECTORS or speaker is None
            or not speaker.country or speaker.sector in NEWS_SECTORS or speaker.kind == "unknown"):
        return source
    return replace(source, country=speaker.country)


def _same_referent(source: Actor, target: Actor, attribution: Attribution | None) -> bool:
    """An actor is not its own recipient: the same person of the knowledge base, or the
    statement's own speaker ("Poland did not plan to send troops, the Polish defence minister said")."""
    if source.kb_id is not None and source.kb_id == target.kb_id and source.kind == target.kind == "person":
        return True  # (organisations: a name inside a longer one, "Senate" in "Senate Resolution 4")
    said = attribution.source.spans if attribution is not None and attribution.source is not None else []
    # (both inside it: "Japan and Australia signed...", two parties.) A country's own
    # institutions or regions stay recipients ("Merkel defended Germany's decision", "the
    # Sudanese government imposed blockades in west Darfur"): PLV codes them so.
    return spans_meet(said, target.spans[:1]) and not spans_meet(said, source.spans[:1])


def _event(
    sent: Span,
    ents: list[Span],
    found: Found,
    source: Actor | None,
    target: Actor | None,
    coder: DocActors,
    attribution: Attribution | None,
    article: Article,
    number: int,
) -> Event:
    frame = found.frame
    trigger = frame.speech if frame.speech is not None else frame.trigger
    cameo_root, quad = bridge(found.type)
    event = Event(
        id=f"e{number + 1}",
        type=found.type,
        mode=found.mode or mode_of(found.type, sent),
        context=context_of(sent),
        source=source,
        target=target,
        trigger=TextSpan(spans=[(trigger.idx, trigger.idx + len(trigger.text))], text=trigger.text),
        negated=frame.negated and not found.refused,
        hypothetical=frame.hypothetical,
        attribution_id=attribution.id if attribution is not None else None,
        date=event_date(sent, ents, article),
        location=event_location(ents, coder),
        confidence=found.probability,
        cameo_root=cameo_root,
        quad_class=quad,
    )
    _place_country(event, sent)
    _state_of_the_politics(event, sent, coder, attribution)
    _people_of_the_politics(event, sent, coder, attribution)
    _held_by_the_state(event, found, sent)
    return event


def _state_of_the_politics(
    event: Event, sent: Span, coder: DocActors, attribution: Attribution | None
) -> None:
    """Default mode: a state body or office left with no country after the place of the act
    (``_place_country``), "The government refused ..." or "the agency" in US political news, is
    the state of the document's one country (``DocActors.owner_country``), as the document's
    people, offices and bodies already are (``DocActors.domestic``); marked ``domestic``, no
    evidence an event happened. Not the statement's own speaker, whose code its attribution
    holds (one referent, one code)."""
    speaker = attribution.speaker if attribution is not None else None
    for role in ("source", "target"):
        actor = getattr(event, role)
        if actor is None or actor is speaker or actor.country or actor.sector not in STATE_SECTORS:
            continue
        country = coder.owner_country(sent) if encoded(sent.doc) else None
        if country is not None:
            setattr(event, role, replace(actor, country=country, domestic=True))


# Sectors of a state body whose coercion (arrest, detention, bans) is exercised at home, on its own
# people: police, courts and the government's authorities. Not the army, which acts abroad too.
HOME_COERCERS = frozenset({"GOV", "COP", "JUD"})
# Those coerced who may be anyone's: people, parties, bodies and suspects, not refugees (foreign by
# what they are) nor armed groups (often another country's).
HELD_SECTORS = (PEOPLE_SECTORS - {"REF"}) | {"CRM"}
# Coercion done to foreigners by what it is: the state sends them out of its territory.
FOREIGN_COERCION = frozenset({"deport", "expel", "extradite", "repatriate", "banish"})


def _held_by_the_state(event: Event, found: Found, sent: Span) -> None:
    """Default mode (cameo24): the people a state's police, courts or government coerce at home
    ("Armenian police detained dozens of demonstrators", "The Vietnamese authorities outlawed
    opposition parties") are of that state where the sentence names no other country: the
    PLOVER manual's COERCE (arrest, detention, bans, curfews) is a state's act of authority over
    those under its jurisdiction, as police and courts act only inside their own state
    (``DocActors.scene_country``). Not deportation or expulsion, done to foreigners; not
    refugees or armed groups; not the army. Marked ``domestic``: read, not said. Their release
    by the state likewise (``_held_or_freed``, codes24)."""
    source, target = event.source, event.target
    if not _held_or_freed(event) or source is None or target is None or not encoded(sent.doc):
        return
    if not source.country or source.sector not in HOME_COERCERS or target.country:
        return
    if not (target.sector in HELD_SECTORS or (target.sector is None and target.kind == "person")):
        return
    if found.frame.trigger.lemma_.lower() in FOREIGN_COERCION or names_another_country(sent, source.country):
        return
    event.target = replace(target, country=source.country, domestic=True)


def _held_or_freed(event: Event) -> bool:
    """A state's act on those it holds: coercion (COERCE), or their release (RETREAT read as a
    release, codes24: CAMEO 0841 "release persons", PLOVER RETREAT's "release" mode). Those a
    state frees from its prisons are those it held, of its jurisdiction as the detained are
    ("The Venezuelan government released 40 opposition politicians")."""
    return event.type == "COERCE" or (event.type == "RETREAT" and event.mode == "release")


def _people_of_the_politics(
    event: Event, sent: Span, coder: DocActors, attribution: Attribution | None
) -> None:
    """Default mode (new, roles22): people and private bodies the coder gives a sector but no
    country ("Muslim advocates", "parents of two victims", "the city's police force" read as
    civilians, "several victims") in a document about one country's politics are that country's
    where the sentence names no other (``DocActors.politics_country``), as its named people and
    its bodies' common nouns already are (``DocActors.domestic``); marked ``domestic``, no
    evidence an event happened. The PLOVER manual codes an actor by its country and sector; the
    judged rows want that country for them. Not the statement's own speaker (its attribution
    holds its code), nor armed or criminal groups (``PEOPLE_SECTORS``)."""
    speaker = attribution.speaker if attribution is not None else None
    for role in ("source", "target"):
        actor = getattr(event, role)
        if actor is None or actor is speaker:
            continue
        country = coder.people_country(actor, sent)
        if country is not None:
            setattr(event, role, replace(actor, country=country, domestic=True))
