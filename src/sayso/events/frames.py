"""Who-did-what-to-whom frames from the dependency parse of one sentence.

A frame is a trigger predicate with the token heads of its source (the doer) and target (the
one done to). Only the main clause of a sentence makes a frame: when the main verb is a speech
verb ("Lavrov said French troops are in Ukraine"), the frame is the speaker's verbal act toward
the actor the statement is about, never the reported clause's own predicate (that is reported,
not done, by the speaker).

The rules walk the parse as token indices over the document's index (``sayso.nlp.Tree``), not spaCy
Tokens: every ``.children``/``.dep_``/``doc[i]`` builds a Python object and looks up a string,
and these rules run once per sentence and once per candidate noun phrase. Tokens are built only
for what the public functions return.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from sayso.nlp import Tree, tree_of

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
OBJECTS = ("dobj", "dative", "attr", "oprd")
# Prepositions that introduce who an act is directed at, in order of preference.
TARGET_PREPS = ("against", "to", "with", "on", "at", "from", "toward", "towards", "into", "over", "for", "in", "of", "by")
CHAIN_DEPS = ("xcomp", "ccomp", "conj", "advcl")
NEGATIONS = ("not", "n't", "never", "no")
HYPOTHETICAL_MARKS = ("if", "unless", "whether")
MODALS = ("would", "could", "might", "may", "should")
ACTOR_ENTS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")
FUTURE_AUX = ("will", "would", "shall", "'ll")
INTENT_VERBS = ("plan", "intend", "pledge", "promise", "vow", "offer", "expect", "prepare")
NOUNISH = ("NOUN", "PROPN", "PRON", "NUM")
PHRASE_DEPS = ("conj", "appos", "poss", "compound", "nmod", "npadvmod")
# "sanctions on Iran", "a decision by the court": prepositions that put the actor inside an object.
INNER_PREPS = ("on", "against", "to", "of", "with", "from")


def _id(name: str) -> int:
    return get_string_id(name)


def _ids(*names: str) -> frozenset[int]:
    return frozenset(get_string_id(n) for n in names)


# The same names as string ids, to compare with the ints of ``Tree`` without string lookups.
SUBJECT_IDS = _ids(*SUBJECTS)
DOER_IDS = _ids("nsubj", "csubj")
OBJECT_IDS = _ids(*OBJECTS)
NOUNISH_IDS = _ids(*NOUNISH)
VERB_IDS = _ids("VERB", "AUX")
PREP_OR_DATIVE_IDS = _ids("prep", "dative")
ADDRESSEE_IDS = _ids("dobj", "dative")
SHARED_SUBJECT_IDS = _ids("xcomp", "conj", "advcl")
CONTENT_IDS = _ids("ccomp", "xcomp")
CLAUSE_IDS = _ids("relcl", "acl")
NAME_IDS = _ids("compound", "flat", "appos")
OF_IN_IDS = _ids("of", "in")
PHRASE_IDS = _ids(*PHRASE_DEPS)
NEGATION_IDS = _ids(*NEGATIONS)
NEGATION_DEP_IDS = _ids("advmod", "det")
HYPOTHETICAL_IDS = _ids(*HYPOTHETICAL_MARKS)
MODAL_IDS = _ids(*MODALS)
FUTURE_IDS = _ids(*FUTURE_AUX)
ACTOR_ENT_IDS = _ids(*ACTOR_ENTS)
INNER_PREP_IDS = _ids(*INNER_PREPS)
TARGET_RANK = {get_string_id(p): rank for rank, p in enumerate(TARGET_PREPS)}
AGENT, POBJ, PREP, XCOMP, CONJ = _id("agent"), _id("pobj"), _id("prep"), _id("xcomp"), _id("conj")
NSUBJPASS, NEG, MARK, AUX, ADVCL = _id("nsubjpass"), _id("neg"), _id("mark"), _id("aux"), _id("advcl")
PROPN = _id("PROPN")


@dataclass(slots=True)
class Frame:
    trigger: Token
    source: Token | None
    target: Token | None
    speech: Token | None = None  # the speech verb when this is a statement's frame
    chain: list[Token] = field(default_factory=list)  # verbs from the main one down to trigger
    negated: bool = False
    hypothetical: bool = False


def _tokens(doc: Doc, indices: list[int]) -> list[Token]:
    return [doc[i] for i in indices]


def _subject(tree: Tree, verb: int) -> int:
    """The doer of ``verb``: its subject, the passive's agent, or the subject it shares; -1 for
    none."""
    agent = _passive_agent(tree, verb)
    if agent >= 0:
        return agent
    dep = tree.dep
    for child in tree.kids(verb):
        if dep[child] in DOER_IDS:
            return child
    head = verb
    while dep[head] in SHARED_SUBJECT_IDS and tree.head[head] != head:
        head = tree.head[head]
        for child in tree.kids(head):
            if dep[child] in DOER_IDS:
                return child
    return -1


def _passive_agent(tree: Tree, verb: int) -> int:
    dep = tree.dep
    for child in tree.kids(verb):
        if dep[child] == AGENT:
            for grand in tree.kids(child):
                if dep[grand] == POBJ:
                    return grand
    return -1


def _passive_subject(tree: Tree, verb: int) -> int:
    dep = tree.dep
    return next((c for c in tree.kids(verb) if dep[c] == NSUBJPASS), -1)


def actorish_at(tree: Tree, i: int) -> bool:
    """Could the noun head ``i`` name an actor (a person, group, state or organisation)?"""
    ent, pos = tree.ent, tree.pos
    if ent[i] in ACTOR_ENT_IDS or pos[i] == PROPN:
        return True
    for child in tree.kids(i):  # the left children ("the Afghan government")
        if child > i:
            return False
        if ent[child] in ACTOR_ENT_IDS or pos[child] == PROPN:
            return True
    return False


def _objects(tree: Tree, verb: int) -> list[int]:
    dep, pos, lower = tree.dep, tree.pos, tree.lower
    found: list[int] = []
    kids = tree.kids(verb)
    passive = _passive_subject(tree, verb)
    if passive >= 0 and _passive_agent(tree, verb) >= 0:
        found.append(passive)
    found.extend(c for c in kids if dep[c] in OBJECT_IDS and pos[c] in NOUNISH_IDS)
    preps = sorted(
        (c for c in kids if dep[c] in PREP_OR_DATIVE_IDS and lower[c] in TARGET_RANK),
        key=lambda c: TARGET_RANK[lower[c]],
    )
    for prep in preps:
        found.extend(g for g in tree.kids(prep) if dep[g] == POBJ)
    for obj in list(found):
        for prep in tree.kids(obj):
            if dep[prep] == PREP and lower[prep] in INNER_PREP_IDS:
                found.extend(g for g in tree.kids(prep) if dep[g] == POBJ)
    return found


def _choose(tree: Tree, candidates: list[int], source: int) -> int:
    """The first actor-like candidate other than ``source`` (-1 for none), else the first other
    candidate."""
    usable = [c for c in candidates if c != source]
    return next((c for c in usable if actorish_at(tree, c)), usable[0] if usable else -1)


def _down_chain(tree: Tree, verb: int) -> list[int]:
    """The verb and the open complements it governs ("agreed to open", "vowed to punish")."""
    dep, pos = tree.dep, tree.pos
    chain = [verb]
    current = verb
    while True:
        nxt = next((c for c in tree.kids(current) if dep[c] == XCOMP and pos[c] in VERB_IDS), -1)
        if nxt < 0:
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
    doc = verb.doc
    tree = tree_of(doc)
    if verb.lemma_.lower() in speech_lemmas:
        content = next((c for c in tree.kids(verb.i) if tree.dep[c] in CONTENT_IDS), -1)
        if content >= 0:
            return _speech_frame(tree, verb, content)
    chain = _down_chain(tree, verb.i)
    source = _subject(tree, verb.i)
    candidates: list[int] = []
    for link in reversed(chain):
        candidates.extend(_objects(tree, link))
    if source >= 0:  # "The US and the Taliban signed a pact": reciprocal
        candidates.extend(c for c in tree.kids(source) if tree.dep[c] == CONJ)
    target = _choose(tree, candidates, source)
    links = [verb, *_tokens(doc, chain[1:])]  # ``verb`` itself: the trigger may be this object
    return Frame(
        trigger=links[-1] if len(links) > 1 and links[-1].lemma_ not in ("be", "have") else verb,
        source=_token(doc, source),
        target=_token(doc, target),
        chain=links,
        negated=any(_negated(tree, v) for v in chain),
        hypothetical=any(_hypothetical(tree, v) for v in chain),
    )


def _token(doc: Doc, i: int) -> Token | None:
    return None if i < 0 else doc[i]


def _speech_frame(tree: Tree, verb: Token, content: int) -> Frame:
    doc = verb.doc
    dep = tree.dep
    source = _subject(tree, verb.i)
    inner_subject = next((c for c in tree.kids(content) if dep[c] in SUBJECT_IDS), -1)
    candidates = [inner_subject] if inner_subject >= 0 else []
    candidates.extend(_objects(tree, content))
    down = _down_chain(tree, content)
    for link in down[1:]:
        candidates.extend(_objects(tree, link))
    # "told Kyiv that...": the addressee
    candidates.extend(c for c in tree.kids(verb.i) if dep[c] in ADDRESSEE_IDS)
    target = _choose(tree, candidates, source)
    links = _tokens(doc, down)
    return Frame(
        trigger=links[0],
        source=_token(doc, source),
        target=_token(doc, target),
        speech=verb,
        chain=[verb, *links],
        negated=_negated(tree, verb.i) or _negated(tree, content),
        hypothetical=_hypothetical(tree, content) or _hypothetical(tree, verb.i),
    )


def _negated(tree: Tree, verb: int) -> bool:
    dep, lower = tree.dep, tree.lower
    return any(
        dep[c] == NEG or (lower[c] in NEGATION_IDS and dep[c] in NEGATION_DEP_IDS) for c in tree.kids(verb)
    )


def _hypothetical(tree: Tree, verb: int) -> bool:
    """Conditional or modal: "if they appear ... they will become targets", "would be"."""
    dep, lower = tree.dep, tree.lower
    for child in tree.kids(verb):
        label = dep[child]
        if label == MARK and lower[child] in HYPOTHETICAL_IDS:
            return True
        if label == AUX and lower[child] in MODAL_IDS:
            return True
        if label == ADVCL and any(dep[g] == MARK and lower[g] in HYPOTHETICAL_IDS for g in tree.kids(child)):
            return True
    return False


def is_future(chain: list[Token]) -> bool:
    """The act is announced, not done: "will provide", "said it would free", "plans to visit"."""
    if chain:
        tree = tree_of(chain[0].doc)
        dep, lower = tree.dep, tree.lower
        for verb in chain:
            if any(dep[c] == AUX and lower[c] in FUTURE_IDS for c in tree.kids(verb.i)):
                return True
    return any(v.lemma_.lower() in INTENT_VERBS for v in chain[:-1])


def mention_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without its clauses: left edge up to the head, plus names
    that continue it on the right ("Kim Jong Un", "the court in Bishkek"). Do not change the
    list: it is shared."""
    tree = tree_of(head.doc)
    found = tree.mentions.get(head.i)
    if found is None:
        left, right = mention_span(tree, head.i)
        doc = tree.doc
        found = [head] if left == right == head.i else [doc[j] for j in range(left, right + 1)]
        tree.mentions[head.i] = found
    return found


def mention_span(tree: Tree, i: int) -> tuple[int, int]:
    """``mention_tokens`` of the head ``i`` as its first and last index (the phrase is never
    empty: a phrase of punctuation alone is the head)."""
    found = tree.spans.get(i)
    if found is None:
        found = tree.spans[i] = _mention_span(tree, i)
    return found


def _mention_span(tree: Tree, i: int) -> tuple[int, int]:
    dep = tree.dep
    kids = tree.kids(i)
    if not kids:  # a bare word: no subtree to walk
        return i, i
    doc = tree.doc
    left = doc[i].left_edge.i
    right = i
    for child in kids:
        if child < i:
            if dep[child] in CLAUSE_IDS:  # "those who fled": the clause is not the name
                left = i
        elif dep[child] in NAME_IDS or (dep[child] == PREP and tree.lower[child] in OF_IN_IDS):
            right = max(right, doc[child].right_edge.i)
        else:
            break
    return _trimmed(tree, left, right, i)


def _trimmed(tree: Tree, left: int, right: int, head: int) -> tuple[int, int]:
    """``left``..``right`` without punctuation or space at the ends; ``head`` alone if none."""
    trim = tree.trim
    while left <= right and trim[right]:
        right -= 1
    while left <= right and trim[left]:
        left += 1
    return (left, right) if left <= right else (head, head)


def _phrase(tree: Tree, left: int, right: int, head: Token) -> list[Token]:
    """Tokens ``left``..``right`` without punctuation or space at the ends; ``[head]`` if none."""
    left, right = _trimmed(tree, left, right, head.i)
    if left == right == head.i:
        return [head]
    doc = tree.doc
    return [doc[j] for j in range(left, right + 1)]


def argument_tokens(head: Token) -> list[Token]:
    """The whole argument phrase a noun head belongs to: up through possessors, appositions,
    coordinations and prepositional attachments to the noun that is the predicate's argument
    ("Oxfam" -> "aid workers, including those from ... Oxfam"), with its modifiers and clauses."""
    doc = head.doc
    tree = tree_of(doc)
    heads, dep, pos = tree.head, tree.dep, tree.pos
    top = head.i
    for _ in range(8):
        parent = heads[top]
        if parent == top:
            break
        if dep[top] == POBJ and dep[parent] == PREP and pos[heads[parent]] in NOUNISH_IDS:
            top = heads[parent]
        elif dep[top] in PHRASE_IDS and pos[parent] in NOUNISH_IDS:
            top = parent
        else:
            break
    phrase = head if top == head.i else doc[top]
    return _phrase(tree, phrase.left_edge.i, phrase.right_edge.i, head)
