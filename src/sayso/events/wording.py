"""Categories the wording gives where a verb's literal sense was read (default mode only; issue
#14, judged real news; twenty-second session, types22).

- Force in words: a verb of physical force ("attacked", "hit", "blasted", "fired at") whose
  object is something only words can reach — a text, a view, a plan, a law, a record, a quality
  ("attacked her rival's inexperience", "hit the senator's tax plan") — or "fired at" named
  people by a named person or a political actor, with no weapon, casualty or other force in the
  sentence, is the manual's verbal conflict: ACCUSE ("criticize, defame, denigrate responsible
  parties"), not ASSAULT, which is physical force. Armed actors keep their ASSAULT.
- A stance held: "support" in the simple present told by the writer ("Roloson supports Clinton in
  the presidential race") is no event (``held_stance``); the manual's SUPPORT is an act of
  expressing or giving support.
- Not done: "found X guilty" as the manual's SANCTION `convict` (PLV labels it ACCUSE; see
  docs/events.md, types22).

Word classes: ``force_word``, ``spoken_thing``, ``rival``, ``weapon`` of
events_readings.tsv; ``harm`` of events_words.tsv.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from sayso.knowledge.lexicons import word_classes
from sayso.model import Actor, Event

# Sectors that use force themselves (as readings.ARMED): their "attacks" stay force.
ARMED = frozenset({"MIL", "COP", "SPY", "REB", "UAF", "INS", "CRM", "SEP"})
POLITICAL = frozenset({"OPP", "LEG", "PTY", "ELI", "JUD", "JRN", "GOV"})
# Prepositions that take what a verb of force is aimed at ("fired at", "lashed out at").
AIMED = frozenset({"at"})


def worded_category(trigger: Token, event: Event) -> str | None:
    """The category the wording at ``trigger`` gives ``event``, where it differs from a literal
    reading: ACCUSE for force in words and for another's act regretted; REJECT for one's own
    defence against criticism; RETREAT for a surrender read as a concession; ACCUSE for a
    seizing "on" what another said or did; THREATEN for a hostile measure promised; ACCUSE for a
    verb of condemning read as cooperation and for evidence heard; SANCTION for a court's ruling
    against a party; else None. (A
    text put out that asks, ``text_asks``, is read with the manual's requests in readings.)"""
    if event.type == "ASSAULT" and force_in_words(trigger, event):
        return "ACCUSE"
    if event.type != "ACCUSE" and (
        regrets_anothers_act(trigger) or tells_anothers_act_regretted(trigger)
    ):
        return "ACCUSE"
    if event.type != "REJECT" and defends_itself(trigger):
        return "REJECT"
    if event.type == "CONCEDE" and surrenders(trigger):
        return "RETREAT"
    if event.type == "COERCE" and seizes_on(trigger):
        return "ACCUSE"
    if event.type != "THREATEN" and promises_harm(trigger):
        return "THREATEN"
    if event.type in COOPERATION_IN_WORDS and condemns(trigger):
        return "ACCUSE"
    if event.type == "CONSULT" and hears_evidence(trigger):
        return "ACCUSE"
    if event.type != "SANCTION" and rules_against(trigger, event):
        return "SANCTION"
    return None


def _words(name: str) -> frozenset[str]:
    return word_classes("events_readings.tsv").get(name, frozenset())


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def force_in_words(trigger: Token, event: Event) -> bool:
    """Is the verb of force at ``trigger`` used of words? Its object is a thing only words can
    reach, or (``fire``) it is aimed at named people or rivals by a named person or a political
    actor; no actor is armed and the sentence names no weapon, harm or other force."""
    lemma = _lemma(trigger)
    if lemma not in _words("force_word") or trigger.pos_ not in ("VERB", "NOUN", "PROPN"):
        return False
    if any(_armed(a) for a in (event.source, event.target)) or _forceful(trigger):
        return False
    aimed = list(_aimed_at(trigger))
    if aimed and all(_spoken(o) for o in aimed):
        return True
    return lemma == "fire" and _fired_at_people(trigger, aimed, event)


def _armed(actor: Actor | None) -> bool:
    return actor is not None and actor.sector in ARMED


def _aimed_at(verb: Token) -> Iterator[Token]:
    """The verb's direct objects and the objects of "at" (also after a particle, "fired back
    at"), with their conjuncts."""
    for child in verb.children:
        if child.dep_ == "dobj":
            yield from _with_conjuncts(child)
        elif child.dep_ == "prep" and child.lower_ in AIMED:
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                yield from _with_conjuncts(pobj)


def _with_conjuncts(token: Token) -> Iterator[Token]:
    yield token
    yield from token.conjuncts


def _spoken(noun: Token) -> bool:
    """A noun of what only words can attack ("record", "plan", "inexperience")."""
    return _lemma(noun) in _words("spoken_thing")


def _fired_at_people(verb: Token, aimed: list[Token], event: Event) -> bool:
    """ "fired at Trump, Cruz and Kasich", "fired back at his critics": no direct object (a
    weapon or shots fired), every target a named person or a rival, and the doer a named person
    or a political actor; no state is the one fired at ("fired at Israel")."""
    if not aimed or any(c.dep_ == "dobj" for c in verb.children):
        return False
    if event.target is not None and event.target.kind == "country":
        return False
    if not all(_named_person(o) or _lemma(o) in _words("rival") for o in aimed):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    named = any(s.ent_type_ == "PERSON" for s in subjects)
    return named or (event.source is not None and event.source.sector in POLITICAL)


def _named_person(token: Token) -> bool:
    """A person's name: tagged as one, or a proper noun the tagger gave no place or thing type
    ("Trump" is sometimes tagged ORG)."""
    if token.ent_type_ == "PERSON":
        return True
    return token.pos_ == "PROPN" and token.ent_type_ in ("ORG", "")


def _forceful(trigger: Token) -> bool:
    """Does the sentence name a weapon or harm ("rockets", "killed", "wounded"), or another verb
    of force?"""
    from sayso.events.extract import lexicon_hit

    harm = word_classes("events_words.tsv").get("harm", frozenset())
    for token in trigger.sent:
        if token.i == trigger.i:
            continue
        if _lemma(token) in _words("weapon") or _lemma(token) in harm:
            return True
        if (
            token.pos_ == "VERB"
            and (hit := lexicon_hit([token])) is not None
            and hit[0] == "ASSAULT"
        ):
            return True
    return False


# Tags of the simple present: "supports", "support" (not "is supporting", "supported").
SIMPLE_PRESENT = frozenset({"VBZ", "VBP"})
# Complements by which "support" takes an act ("supports squeezing out ...", "support reforming").
SUPPORTED_ACT = frozenset({"xcomp", "ccomp", "dobj"})


def held_stance(trigger: Token) -> bool:
    """ "Roloson supports Clinton in the presidential race", "most state senators support Clinton",
    "Cruz supports squeezing out ...": "support" in the simple present, told by the writer (no
    speaker in the sentence), is a stance held, not the manual's SUPPORT, which is an act of
    expressing or giving support. A speaker's present ("supports the plan, a spokesman said") is
    the expression itself and stays; so do "is supporting" and a dated past."""
    from sayso.events.extract import speech_lemmas

    verb = trigger
    if _lemma(verb) != "support" and verb.dep_ in SUPPORTED_ACT:
        verb = verb.head
    if _lemma(verb) != "support" or verb.tag_ not in SIMPLE_PRESENT:
        return False
    if any(c.dep_ in ("aux", "neg") for c in verb.children):
        return False  # ("will support", "does not support": a promise or a refusal)
    speech = speech_lemmas()
    return not any(_lemma(t) in speech and t.pos_ == "VERB" for t in verb.sent)


# Reflexive objects: "defended itself", "defended himself" (types23).
REFLEXIVE = frozenset(
    {"itself", "himself", "herself", "themselves", "ourselves", "myself", "yourself"}
)
# Possessive pronouns: "his comments", "its record" (the doer's own, where the subject is the doer).
OWN = frozenset({"his", "her", "its", "their", "our", "my"})


def defends_itself(trigger: Token) -> bool:
    """ "X defended itself against criticism of ...", "defended his comments as sarcastic":
    defending oneself, or one's own words, against what others said is rejecting their
    criticism, the manual's REJECT ("all rejections and refusals"), not the SUPPORT of another
    (PLV codes "defended Germany's decision", "defending state judges against criticisms"
    SUPPORT: a named thing or others defended stay so). The object is a reflexive pronoun, or
    a pronoun's own words (``own_words``), or a pronoun's own thing defended "against" criticism
    (``criticism``)."""
    if _lemma(trigger) != "defend" or trigger.pos_ != "VERB":
        return False
    for obj in (c for c in trigger.children if c.dep_ == "dobj"):
        if obj.lower_ in REFLEXIVE:
            return True
        owned = any(c.dep_ == "poss" and c.lower_ in OWN for c in obj.children)
        # ("against" on the verb or, as the parser often puts it, on the object)
        against = _against_criticism(trigger) or _against_criticism(obj)
        if owned and (against or _lemma(obj) in _words("own_words")):
            return True
    return False


def _against_criticism(head: Token) -> bool:
    """ "... against criticism", "against accusations of ...": an "against" phrase on ``head``
    whose object is a word of criticism."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "against"
        and any(o.dep_ == "pobj" and _lemma(o) in _words("criticism") for o in c.children)
        for c in head.children
    )


def regrets_anothers_act(trigger: Token) -> bool:
    """ "regrets and deplores the Israeli raid", "regretted the attack by the rebels": regret is
    the manual's CONCEDE only as remorse for one's own act; another's act regretted (named in the
    object: a nationality, a possessor that is no pronoun of one's own, a "by" doer), or joined to
    a verb of condemning ("regrets and deplores"), is disapproval, the manual's ACCUSE
    (`disapprove`)."""
    verb = trigger
    if verb.pos_ not in ("VERB", "AUX") or _lemma(verb) not in _words("regret"):
        return False
    if any(_lemma(c) in _words("condemn") for c in verb.conjuncts if c.pos_ == "VERB"):
        return True
    return any(c.dep_ == "dobj" and _anothers(c) for c in verb.children)


def tells_anothers_act_regretted(trigger: Token) -> bool:
    """ "'Pakistan regrets the Indian decision to ban access to its airspace,' the spokesman
    said": a speech verb whose reported clause regrets another's act (``regrets_anothers_act``)
    is that disapproval, the manual's ACCUSE, as the regret told by no one is (types26)."""
    from sayso.events.extract import speech_lemmas  # (extract imports this module)

    if _lemma(trigger) not in speech_lemmas():
        return False
    return any(c.dep_ == "ccomp" and regrets_anothers_act(c) for c in trigger.children)


def _anothers(noun: Token) -> bool:
    """An act the noun names as another actor's: a nationality, place, organisation or person
    before its head ("the Indian decision", "Israel's raid"), or after it as the doer ("the
    attack by the rebels"); the doer's own pronoun ("his remarks") is not another's."""
    before = (t for t in noun.subtree if t.i < noun.i)
    if any(
        t.ent_type_ in ("NORP", "GPE", "ORG", "PERSON")
        or (t.dep_ == "poss" and t.lower_ not in OWN)
        for t in before
    ):
        return True
    by = (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by")
    return any(o.dep_ == "pobj" for p in by for o in p.children)


# Verbs of deliberating (types23, events_readings.tsv ``deliberate``): "is considering splitting
# from the party", "weighing sanctions".
DELIBERATE = _words("deliberate")
# Modals under which a deliberation is a veiled threat or an offer ("would consider scaling back
# intelligence co-operation should Huawei be given a role": PLV's THREATEN).
CONDITIONAL = frozenset({"would", "could", "might", "may"})


def deliberated(trigger: Token) -> bool:
    """ "Several MPs are considering splitting from the party", "is weighing leaving the
    coalition": an act only considered is a plan, no act (acts22's plan rule, which keeps
    threats and demands announced: a deliberation announces none). The trigger is the
    deliberation verb with a gerund complement, or that gerund; a modal over the deliberation
    ("would consider ...") keeps the event (a conditional threat, as PLV codes it)."""
    verb = trigger
    if (
        _lemma(verb) not in DELIBERATE
        and verb.dep_ in ("xcomp", "dobj", "ccomp")
        and verb.tag_ == "VBG"
    ):
        verb = verb.head
    if _lemma(verb) not in DELIBERATE or verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "aux" and c.lower_ in CONDITIONAL for c in verb.children):
        return False
    return any(c.dep_ in ("xcomp", "dobj", "ccomp") and c.tag_ == "VBG" for c in verb.children)


# quad24: wordings measured on ConfliBERT's CAMEO class sentences (tune half; docs/events.md).
ISSUE_TEXTS = _words("issue_text")
ASKING_TEXTS = _words("asking_text")
STATEMENT_NOUNS = _words("statement_noun")
POSSIBILITY = _words("possibility")
SURRENDER = _words("surrender")
CONCEDED_TO = _words("conceded_to")


def text_asks(trigger: Token) -> bool:
    """A text put out that asks ("issued a statement calling on the authorities to release ...",
    "adopted a resolution calling for the release of ...", "launched an appeal for $20 million",
    "issued a call to lift sanctions"): the manual's REQUEST ("all requests, demands, and
    orders"; a text is a verbal act), whatever the classifier made of the putting out. The
    trigger is a verb of putting out a text as the subject's own (``issue_text``), not negated,
    whose direct object is an asking text (``asking_text``: ``_asking_text``) or a statement
    (``statement_noun``, extract's ``released_text``) with a clause that asks (``_clause_asks``).
    One reading for quad24's ``text_asks`` and asked24's issued calls (types25)."""
    from sayso.events.extract import RELEASED_TEXTS

    if not _affirmed_verb(trigger, ISSUE_TEXTS):
        return False
    for noun in (c for c in trigger.children if c.dep_ == "dobj"):
        if _lemma(noun) in ASKING_TEXTS:
            if _asking_text(noun):
                return True
        elif _lemma(noun) in RELEASED_TEXTS | STATEMENT_NOUNS and _clause_asks(trigger, noun):
            return True
    return False


def _asking_text(noun: Token) -> bool:
    """Is the appeal, plea, petition or call ``noun`` a request? Not one *of* something ("the
    release of the appeal"); a "call" only with "for" an act or an infinitive ("issued a call to
    lift sanctions"; "made a call" may be a telephone call); and not a call for a conflict's end,
    a measure against a third party or a comment (readings' ``_for_object`` exclusions)."""
    from sayso.events.readings import _asks_infinitive, _for_object

    if any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
        return False
    if _for_object(noun) or _asks_infinitive(noun):
        return True
    return _lemma(noun) != "call" and not _calls_for_no_request(noun)


def _calls_for_no_request(noun: Token) -> bool:
    """Has ``noun`` a "for" or an infinitive that ``_for_object``/``_asks_infinitive`` refuse (a
    ceasefire, sanctions, a comment)? A bare "appeal for $20 million" (no noun object) has none."""
    from sayso.events.readings import words

    w = words()
    asked = [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "for"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    asked += [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VB"]
    return any(
        _lemma(g) in w["asked_no_act"] | w["call_for_hostile"]
        or any(_lemma(t) in w["call_for_intent"] for t in g.subtree)
        for g in asked
    )


def _clause_asks(verb: Token, noun: Token) -> bool:
    """Does a clause of the text ``noun`` put out by ``verb`` ask someone to act? A participle
    on the verb or the text, or a clause on the text ("a statement calling on X to ...", "a
    report that calls on the government to ...", "a resolution calling for the release of"):
    a verb of asking with its addressee and an infinitive (extract's ``asks_to``, readings'
    ``_asked_for``) or a verb of calling for an act (``call_for`` with readings' ``_for_object``),
    not negated."""
    from sayso.events.extract import asks_to
    from sayso.events.readings import _asked_for, _for_object, words

    clauses = [
        c
        for t in (verb, noun)
        for c in t.children
        if (c.dep_ in ("advcl", "acl") and c.tag_ == "VBG")
        or (t is noun and c.dep_ in ("relcl", "acl"))
    ]
    return any(
        not _negated(c)
        and (
            asks_to(c)
            or bool(_asked_for(c))
            or (_lemma(c) in words()["call_for"] and _for_object(c))
        )
        for c in clauses
    )


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _affirmed_verb(token: Token, lemmas: frozenset[str]) -> bool:
    """Is ``token`` a verb of ``lemmas`` that is not negated ("did not promise a veto" promises
    none)? The guard every trigger-verb reading here starts from."""
    return _lemma(token) in lemmas and token.pos_ == "VERB" and not _negated(token)


def weighs_a_possibility(trigger: Token) -> bool:
    """ "is exploring the possibility of sending troops", "considering the option of leaving":
    a possibility only weighed (``possibility``: possibility, option, idea, prospect, ...) with a
    gerund "of" is CAMEO's "consider policy option" (014, a public statement PLOVER drops), like
    ``deliberated``'s gerund. The trigger is the verb of deliberating (``deliberate``) or the
    gerund; a modal over the verb ("would consider") keeps the event, as ``deliberated`` does."""
    verb = trigger
    if _lemma(verb) not in DELIBERATE and verb.dep_ == "pcomp" and verb.tag_ == "VBG":
        noun = verb.head.head  # (gerund -> "of" -> "possibility" -> the verb)
        verb = noun.head if noun.dep_ == "dobj" else verb
    if _lemma(verb) not in DELIBERATE or verb.pos_ != "VERB":
        return False
    if any(c.dep_ == "aux" and c.lower_ in CONDITIONAL for c in verb.children):
        return False
    return any(
        c.dep_ == "dobj" and _lemma(c) in POSSIBILITY and _of_gerund(c) for c in verb.children
    )


def _of_gerund(noun: Token) -> bool:
    return any(
        p.dep_ == "prep"
        and p.lower_ == "of"
        and any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in p.children)
        for p in noun.children
    )


def surrenders(trigger: Token) -> bool:
    """Fighters or a suspect giving themselves up ("a rebel commander surrendered to government
    forces", "surrendered their weapons"): the CAMEO2PLOVER table's 0874 "retreat or surrender
    militarily" is RETREAT (the manual: "disarming ... ceding territory", an immediate material
    consequence), not the verbal CONCEDE. Not a surrender to demands or pressure
    (``conceded_to``: "surrendered to the demands of the strikers" yields in words), not negated."""
    if not _affirmed_verb(trigger, SURRENDER):
        return False
    yielded = [
        g
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return not any(_lemma(g) in CONCEDED_TO for g in yielded)


SEIZE_ON = _words("seize_on")


def seizes_on(trigger: Token) -> bool:
    """ "Clinton seized upon the reference, repeating that ...", "Democrats seized on his
    remarks": seizing *on* or *upon* something (``seize_on``: seize, pounce), with no direct
    object, takes up another's words or acts to use against them. The manual's COERCE `seize' is
    "execute search, confiscate property, raid", which this is not; the use against another is
    its ACCUSE ("criticize, defame, denigrate responsible parties"; types25)."""
    if not _affirmed_verb(trigger, SEIZE_ON):
        return False
    if any(c.dep_ == "dobj" for c in trigger.children):
        return False  # ("seized the floor", "seized weapons": a thing taken)
    return any(
        c.dep_ == "prep"
        and c.lower_ in ("on", "upon")
        and any(g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME") for g in c.children)
        for c in trigger.children
    )  # (not a day: "seized on Monday a ship")


PROMISE_VERBS = _words("promise_verb")
HARM_PROMISED = _words("harm_promised")


def promises_harm(trigger: Token) -> bool:
    """ "The White House has promised a veto of the bill", "vowed retaliation", "pledged new
    sanctions against Iran": a verb of promising (``promise_verb``) whose direct object is a
    hostile measure (``harm_promised``: a veto, sanctions, retaliation, war ...) warns of repercussions: the
    manual's THREATEN ("coercive or forceful warnings with serious potential repercussions"), not
    the AGREE of "agree to, offer, promise ... to cooperate" (types26). Not negated ("did not
    promise a veto"); an infinitive promised ("promised to lift the ban") is read elsewhere."""
    if not _affirmed_verb(trigger, PROMISE_VERBS):
        return False
    return any(c.dep_ == "dobj" and _lemma(c) in HARM_PROMISED for c in trigger.children)


# Verbal cooperation (the manual's quad 1 less CONCEDE): a verb of condemning is none of these.
COOPERATION_IN_WORDS = frozenset({"SUPPORT", "AGREE", "CONSULT"})
# Verbs of condemning or scolding: the manual's ACCUSE "condemn, decry ... criticize" (``condemn``
# and the chiding verbs of ``verbal_attack``; not its verbs of a blow, "hit", "knock").
CONDEMNING = _words("condemn") | {"chide", "scold", "assail", "lash"}


def condemns(trigger: Token) -> bool:
    """ "Putin chides Turkey and praises Trump": a verb of condemning or scolding at the trigger,
    not negated, read as support, agreement or a meeting (the model took the praise conjoined to
    it) is the manual's ACCUSE `disapprove' (types26)."""
    return _affirmed_verb(trigger, CONDEMNING)


EVIDENCE_HEARD = _words("evidence_heard")


def hears_evidence(trigger: Token) -> bool:
    """ "The royal commission has heard evidence that ...": "hear" with evidence or testimony
    as its direct object is an inquiry at work, the manual's ACCUSE `investigate' ("any
    investigation, including commissions, grand juries, judicial or political"), not a
    meeting (CONSULT; types26). Not negated."""
    if not _affirmed_verb(trigger, frozenset({"hear"})):
        return False
    return any(c.dep_ == "dobj" and _lemma(c) in EVIDENCE_HEARD for c in trigger.children)


COURT = _words("court")


def rules_against(trigger: Token, event: Event) -> bool:
    """ "A federal appeals court ruled Friday against Ohio's procedure for removing voters": a
    court or a judge (``court``, or a source coded JUD) ruling "against" a party or a measure
    finds it unlawful or liable, the manual's SANCTION `convict' ("Find an entity or behavior
    guilty, unconstitutional, or liable in a court of law"), not an accusation (types26). Not
    negated; the ruling's own subject must be the court ("the lawyer said the court ruled
    against ..." is read at "said")."""
    if not _affirmed_verb(trigger, frozenset({"rule"})):
        return False
    subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
    court = any(_lemma(c) in COURT for c in subjects) or (
        bool(subjects) and event.source is not None and event.source.sector == "JUD"
    )
    against = any(
        c.dep_ == "prep" and c.lower_ == "against" and any(g.dep_ == "pobj" for g in c.children)
        for c in trigger.children
    )
    return court and against
