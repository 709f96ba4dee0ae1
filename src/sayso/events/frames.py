"""Who-did-what-to-whom frames from the dependency parse of one sentence.

A frame is a trigger predicate with the token heads of its source (the doer) and target (the
one done to). Only the main clause of a sentence makes a frame: when the main verb is a speech
verb ("Lavrov said French troops are in Ukraine"), the frame is the speaker's verbal act toward
the actor the statement is about, never the reported clause's own predicate (that is reported,
not done, by the speaker).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative", "attr", "oprd")
# Prepositions that introduce who an act is directed at, in order of preference.
TARGET_PREPS = ("against", "to", "with", "on", "at", "from", "toward", "towards", "into", "over", "for", "in", "of", "by")
CHAIN_DEPS = ("xcomp", "ccomp", "conj", "advcl")
NEGATIONS = ("not", "n't", "never", "no")
HYPOTHETICAL_MARKS = ("if", "unless", "whether")
MODALS = ("would", "could", "might", "may", "should")
ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


@dataclass(slots=True)
class Frame:
    trigger: Token
    source: Token | None
    target: Token | None
    speech: Token | None = None  # the speech verb when this is a statement's frame
    chain: list[Token] = field(default_factory=list)  # verbs from the main one down to trigger
    negated: bool = False
    hypothetical: bool = False


def subject_of(verb: Token) -> Token | None:
    """The doer of ``verb``: its subject, the passive's agent, or the subject it shares."""
    agent = _passive_agent(verb)
    if agent is not None:
        return agent
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    head = verb
    while head.dep_ in ("xcomp", "conj", "advcl") and head.head.i != head.i:
        head = head.head
        for child in head.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
    return None


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None


def _passive_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return child
    return None


def is_actorish(token: Token) -> bool:
    """Could this noun head name an actor (a person, group, state or organisation)?"""
    if token.ent_type_ in ACTOR_ENTS or token.pos_ == "PROPN":
        return True
    return any(t.ent_type_ in ACTOR_ENTS or t.pos_ == "PROPN" for t in token.lefts)


def object_candidates(verb: Token) -> list[Token]:
    """Noun heads the act of ``verb`` may be directed at, nearest first."""
    found: list[Token] = []
    passive = _passive_subject(verb)
    if passive is not None and _passive_agent(verb) is not None:
        found.append(passive)
    for child in verb.children:
        if child.dep_ in OBJECTS and child.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            found.append(child)
    preps = sorted(
        (c for c in verb.children if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS),
        key=lambda c: TARGET_PREPS.index(c.lower_),
    )
    for prep in preps:
        found.extend(g for g in prep.children if g.dep_ == "pobj")
    for obj in list(found):
        # "sanctions on Iran", "a decision by the court": the actor sits inside the object.
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "to", "of", "with", "from"):
                found.extend(g for g in prep.children if g.dep_ == "pobj")
    return found


def choose_target(candidates: list[Token], source: Token | None) -> Token | None:
    usable = [c for c in candidates if source is None or c.i != source.i]
    actorish = [c for c in usable if is_actorish(c)]
    best = actorish or usable
    return best[0] if best else None


def _down_chain(verb: Token) -> list[Token]:
    """The verb and the open complements it governs ("agreed to open", "vowed to punish")."""
    chain = [verb]
    current = verb
    while True:
        nxt = next((c for c in current.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None:
            return chain
        chain.append(nxt)
        current = nxt


def main_verb(sent: Span) -> Token:
    """The sentence's predicate; when the parser made a noun the root ("Thousands of teachers
    protested..." read as a noun phrase), the verb that hangs from it."""
    root = sent.root
    if root.pos_ in ("VERB", "AUX"):
        return root
    for child in root.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and child.i > root.i:
            return child
    return root


def frame_for(verb: Token, speech_lemmas: frozenset[str]) -> Frame:
    """The frame headed by ``verb`` (the main verb of a sentence or clause)."""
    if verb.lemma_.lower() in speech_lemmas:
        content = next((c for c in verb.children if c.dep_ in ("ccomp", "xcomp")), None)
        if content is not None:
            return _speech_frame(verb, content)
    chain = _down_chain(verb)
    source = subject_of(verb)
    candidates: list[Token] = []
    for link in reversed(chain):
        candidates.extend(object_candidates(link))
    for conj in _subject_conjuncts(source):
        candidates.append(conj)  # "The US and the Taliban signed a pact": reciprocal
    target = choose_target(candidates, source)
    return Frame(
        trigger=chain[-1] if len(chain) > 1 and chain[-1].lemma_ not in ("be", "have") else verb,
        source=source,
        target=target,
        chain=chain,
        negated=any(_negated(v) for v in chain),
        hypothetical=any(_hypothetical(v) for v in chain),
    )


def _speech_frame(verb: Token, content: Token) -> Frame:
    source = subject_of(verb)
    inner_subject = next((c for c in content.children if c.dep_ in SUBJECTS), None)
    candidates = [inner_subject] if inner_subject is not None else []
    candidates.extend(object_candidates(content))
    for link in _down_chain(content)[1:]:
        candidates.extend(object_candidates(link))
    for child in verb.children:  # "told Kyiv that...": the addressee
        if child.dep_ in ("dobj", "dative"):
            candidates.append(child)
    target = choose_target(candidates, source)
    return Frame(
        trigger=content,
        source=source,
        target=target,
        speech=verb,
        chain=[verb, *_down_chain(content)],
        negated=_negated(verb) or _negated(content),
        hypothetical=_hypothetical(content) or _hypothetical(verb),
    )


def _subject_conjuncts(source: Token | None) -> list[Token]:
    if source is None:
        return []
    return [c for c in source.children if c.dep_ == "conj"]


def _negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in ("advmod", "det")) for c in verb.children)


def _hypothetical(verb: Token) -> bool:
    """Conditional or modal: "if they appear ... they will become targets", "would be"."""
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in HYPOTHETICAL_MARKS:
            return True
        if child.dep_ == "aux" and child.lower_ in MODALS:
            return True
        if child.dep_ == "advcl" and any(
            g.dep_ == "mark" and g.lower_ in HYPOTHETICAL_MARKS for g in child.children
        ):
            return True
    return False


FUTURE_AUX = ("will", "would", "shall", "'ll")
INTENT_VERBS = ("plan", "intend", "pledge", "promise", "vow", "offer", "expect", "prepare")


def is_future(chain: list[Token]) -> bool:
    """The act is announced, not done: "will provide", "said it would free", "plans to visit"."""
    for verb in chain:
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            return True
    return any(v.lemma_.lower() in INTENT_VERBS for v in chain[:-1])


# The current document's mentions by head index: the rankers, the classifier and the actor
# coder ask for the same heads several times (one document at a time, in turn).
_MENTIONS: list[tuple[Doc, dict[int, list[Token]]]] = []


def mention_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without its clauses: left edge up to the head, plus names
    that continue it on the right ("Kim Jong Un", "the court in Bishkek"). Do not change the
    list: it is shared."""
    doc = head.doc
    last = _MENTIONS[0] if _MENTIONS else None  # one read: safe if threads share the module
    if last is None or last[0] is not doc:
        last = (doc, {})
        _MENTIONS[:] = [last]
    found = last[1].get(head.i)
    if found is None:
        found = last[1][head.i] = _mention_tokens(head)
    return found


def _mention_tokens(head: Token) -> list[Token]:
    left = head.left_edge.i
    if left < head.i and any(t.dep_ in ("relcl", "acl") for t in head.lefts):
        left = head.i
    right = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "appos") or (child.dep_ == "prep" and child.lower_ in ("of", "in")):
            right = max(right, child.right_edge.i)
        else:
            break
    tokens = list(head.doc[left:right + 1])
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return tokens or [head]


NOUNISH = ("NOUN", "PROPN", "PRON", "NUM")
PHRASE_DEPS = ("conj", "appos", "poss", "compound", "nmod", "npadvmod")


def argument_tokens(head: Token) -> list[Token]:
    """The whole argument phrase a noun head belongs to: up through possessors, appositions,
    coordinations and prepositional attachments to the noun that is the predicate's argument
    ("Oxfam" -> "aid workers, including those from ... Oxfam"), with its modifiers and clauses."""
    top = head
    for _ in range(8):
        parent = top.head
        if parent.i == top.i:
            break
        if top.dep_ == "pobj" and parent.dep_ == "prep" and parent.head.pos_ in NOUNISH:
            top = parent.head
        elif top.dep_ in PHRASE_DEPS and parent.pos_ in NOUNISH:
            top = parent
        else:
            break
    doc = head.doc
    tokens = [doc[i] for i in range(top.left_edge.i, top.right_edge.i + 1)]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return tokens or [head]
