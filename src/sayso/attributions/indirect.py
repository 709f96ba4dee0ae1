"""Reporting verbs and nouns over the dependency parse: "X said (that) Y", "X's claim that Y".

A verb whose lemma is a lexicon cue becomes an attribution when it has something said
(a complement clause, an object, a preposition's object, or an adjacent quotation).
The source is its subject, the agent of a passive ("it was claimed by Russia that"), or
the subject of the clause it hangs from ("..., adding that").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from sayso.attributions.spans import Candidate, depth, subtree
from sayso.knowledge.cues import Cue, Lexicon, lemmas_with_frame
from sayso.nlp import tokens_with

# Thresholds on the lexicon's measured precision (see scripts/train_attributions.py).
VERB_MIN_PRECISION = 0.35
NOUN_MIN_PRECISION = 0.35
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "oprd", "csubjpass"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
# The verb group: words the guidelines keep in the cue with the verb.
LEFT_GROUP = frozenset({"aux", "auxpass", "neg", "advmod"})
RIGHT_GROUP = frozenset({"prt", "neg"})
# Prepositions that carry the content of a cue ("called for", "talked about").
CONTENT_PREPS = frozenset({"for", "about", "to", "on", "of", "against", "that", "at", "over"})
TOPIC_PREPS = frozenset({"about", "of", "against"})  # after an addressee: "warned voters about"
OBJECT_PREPS = frozenset({"as", "to", "into", "for", "of", "about", "on", "from", "against", "with"})
TRAILING_ASIDES = frozenset({"relcl", "acl", "appos"})
MAX_FALLBACK_SOURCE = 12
SIBLING_DEPS = frozenset({"conj"})
TAIL_STOP = frozenset({"conj", "cc", "punct", "advcl", "parataxis", "ccomp", "xcomp", "dep"})
INHERIT_DEPS = frozenset({"advcl", "conj", "xcomp"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass"})


def _has_passive(verb: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in verb.children)


def cue_range(verb: Token, content_prep: Token | None) -> tuple[int, int]:
    """The contiguous verb group around ``verb`` as a token range [start, end)."""
    start = verb.i
    lefts: set[int] = set()
    for child in verb.lefts:
        if child.dep_ in LEFT_GROUP and child.tag_ != "WRB":
            lefts.update(range(child.left_edge.i, child.i + 1))
    while start - 1 in lefts:
        start -= 1
    end = verb.i + 1
    doc = verb.doc
    rights = {c.i: c for c in verb.rights}
    if content_prep is not None and content_prep.i == end:  # "calling for X to ..."
        end += 1
    while end in rights:
        child = rights[end]
        if child.dep_ in RIGHT_GROUP or _day(child) or (content_prep is not None and child.i == content_prep.i):
            end += 1
        elif child.dep_ == "prep" and _medium(child):
            end = _phrase_end(child)
        else:
            break
    if end < len(doc) and doc[end].text == ":":
        end += 1
    return start, end


def _day(token: Token) -> bool:
    """"said Tuesday": a bare day or date right after the verb joins the cue."""
    return token.dep_ in ("npadvmod", "tmod") and token.ent_type_ in ("DATE", "TIME") and (
        token.left_edge.i == token.i)


def _phrase_end(prep: Token) -> int:
    """End of "in a statement (on Monday)", stopping before a clause hung from it."""
    clauses = [t.left_edge.i for t in prep.subtree if t.dep_ in ("acl", "relcl", "ccomp")]
    end = prep.right_edge.i + 1
    return min([end] + clauses)


def _medium(prep: Token) -> bool:
    media = lemmas_with_frame("medium")  # "said in a statement": the medium joins the cue
    return prep.lower_ in ("in", "on", "during", "via") and any(
        c.dep_ == "pobj" and c.lemma_.lower() in media for c in prep.children)


def _source_of(verb: Token) -> list[int]:
    passive = _has_passive(verb)
    for child in verb.children:
        if child.dep_ == "agent" and passive:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return source_tokens(objs[0])
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS and child.lower_ != "there":
            return source_tokens(child)
    if verb.dep_ in INHERIT_DEPS and verb.head.i != verb.i:
        for child in verb.head.children:
            if child.dep_ in SUBJECT_DEPS:
                return source_tokens(child)
    return _phrase_before(verb)


def _phrase_before(verb: Token) -> list[int]:
    """Parse repair: no subject arc, but a noun phrase right before the verb group.

    ("Following Macron's speech, the chief of ... Sergei Lavrov said ...")
    """
    doc = verb.doc
    start, _ = cue_range(verb, None)
    i = start - 1
    if i < verb.sent.start or doc[i].pos_ not in ("PROPN", "NOUN", "PRON"):
        return []
    first = i
    while (first - 1 >= verb.sent.start and not doc[first - 1].is_punct
           and doc[first - 1].pos_ not in ("VERB", "AUX", "SCONJ", "CCONJ")
           and i - first < MAX_FALLBACK_SOURCE):
        first -= 1
    return list(range(first, i + 1))


def source_tokens(head: Token) -> list[int]:
    """The source phrase: the head's whole subtree.

    Trimming relative clauses, participles or settings ("in his speech") lost more
    matches than it won on PolNeAR train: annotators mostly keep them.
    """
    return subtree(head)


def _inverted_source(verb: Token) -> list[int]:
    """'... ," added a New Hampshire Democrat.' split off as its own sentence."""
    sent = verb.sent
    if any(not (t.is_punct or t.is_space) for t in verb.doc[sent.start:verb.i]):
        return []
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and child.pos_ in ("PROPN", "NOUN"):
            return source_tokens(child)
    return []


def _content_of(verb: Token, passive: bool, frame: str,
                lexicon: Lexicon) -> tuple[list[int], Token | None]:
    """Content tokens of a reporting verb, and the preposition that joins them to it."""
    kids = list(verb.children)
    clauses = [c for c in kids if c.dep_ in ("ccomp", "xcomp", "csubjpass")]
    objects = [c for c in kids if c.dep_ in ("dobj", "oprd")]
    if frame == "recipient" and (clauses or all(o.pos_ in ("PROPN", "PRON") or _audience(o)
                                                for o in objects)):
        # "told reporters after the vote": the addressee is not what was said; the quotation
        # next to the cue is (see ``direct``), or what follows it ("warned voters about ...").
        after = max((o.right_edge.i + 1 for o in objects if o.dep_ != "oprd"), default=verb.i + 1)
        objects = [o for o in objects if o.dep_ == "oprd"]
    else:
        after = verb.i + 1
    if frame == "clause" and not clauses:
        objects = []  # "the committee concluded its hearing": finished, said nothing
    heads = clauses + objects
    if passive or frame == "raising":
        heads += [c for c in kids if (c.dep_ == "nsubjpass" and not (
            clauses and c.lower_ == "it")) or (frame == "raising" and c.dep_ == "nsubj"
                                               and clauses)]
    out: list[int] = []
    for child in heads:
        out.extend(subtree(child))
    prep_used = _for_to_clause(verb, out) if not out else None
    for child in verb.rights:
        if child.dep_ not in ("prep", "dative") or _medium(child):
            continue
        if (objects or prep_used is not None) and child.lower_ in OBJECT_PREPS and not clauses:
            out.extend(subtree(child))
        elif child.lower_ in CONTENT_PREPS and (child.i == verb.i + 1 or (
                child.i == after and child.lower_ in TOPIC_PREPS)):
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if clauses:  # "called on Muslims to ...": the object is the addressee
                if frame == "addressee" and objs:
                    prep_used = child
            elif objs and not out:
                out.extend(subtree(objs[0]))
                prep_used = child
    if objects and not clauses:
        out.extend(_object_tail(verb, objects))
    if not out and verb.dep_ == "parataxis" and verb.head.i != verb.i:
        out = subtree(verb.head, skip=[verb.i])
    out = _without_sibling_cues(verb, sorted(set(out)), lexicon)
    return _cut_trailing(verb.doc, out), prep_used


# People a statement is made to ("told reporters", "asked supporters").
AUDIENCE = frozenset({"reporter", "journalist", "supporter", "crowd", "audience", "voter", "viewer",
                      "listener", "reader", "student", "people", "colleague", "lawmaker", "member"})


def _audience(token: Token) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in AUDIENCE


def _without_sibling_cues(verb: Token, content: list[int], lexicon: Lexicon) -> list[int]:
    """"X suggested A, while Cruz said B": a coordinated reporting clause is not content."""
    doc = verb.doc
    cut: list[int] = []
    for i in content:
        tok = doc[i]
        if tok.dep_ not in SIBLING_DEPS or tok.pos_ != "VERB" or tok.head.i == verb.i:
            continue
        if not any(c.dep_ in SUBJECT_DEPS and c.pos_ in ("PROPN", "NOUN") for c in tok.children):
            continue
        cue = lexicon.get((tok.lemma_.lower(), "VERB"))
        if cue is not None and cue.precision >= VERB_MIN_PRECISION:
            cut.append(i)
    if not cut:
        return content
    banned: set[int] = set()
    for i in cut:
        banned.update(range(doc[i].left_edge.i, doc[i].right_edge.i + 1))
    return [i for i in content if i not in banned]


def _clause_after_cue(doc: Doc, start: int, end: int) -> list[int]:
    """"said in a statement that ...", parsed with the clause hanging from "statement"."""
    for i in range(start, end):
        for child in doc[i].rights:
            if child.i >= end and child.dep_ in ("acl", "ccomp", "relcl") and any(
                    g.dep_ == "mark" and g.lower_ == "that" for g in child.children):
                return subtree(child)
    return []


def _object_tail(verb: Token, objects: list[Token]) -> list[int]:
    """"opposed the deal last summer", "shows Cruz 16 points ahead": what follows the object."""
    after = objects[-1].right_edge.i
    out: list[int] = []
    for child in verb.rights:
        if child.i <= after or child.dep_ in TAIL_STOP or _medium(child):
            continue
        if verb.doc[child.left_edge.i - 1].text in (",", "—", "–", "-", ";"):
            break
        out.extend(subtree(child))
    return out


def _for_to_clause(verb: Token, out: list[int]) -> Token | None:
    """"is calling for the US to act": the clause is content, its "for" joins the cue."""
    for child in verb.rights:
        marks = [m for m in child.children if m.dep_ == "mark" and m.i == verb.i + 1]
        if child.dep_ == "advcl" and marks and marks[0].lower_ in CONTENT_PREPS:
            out.extend(i for i in subtree(child) if i != marks[0].i)
            return marks[0]
    return None


def _cut_trailing(doc: Doc, content: list[int]) -> list[int]:
    """Drop a trailing ", which ..."/", adding ..." aside: the guidelines keep it out."""
    if not content:
        return content
    members = set(content)
    last = content[-1]
    for i in content[1:]:
        tok = doc[i]
        if (tok.dep_ in TRAILING_ASIDES and tok.left_edge.i - 1 in members
                and doc[tok.left_edge.i - 1].text in (",", "—", "–", "-", "--")
                and tok.right_edge.i >= last - 1 and tok.head.i in members):
            return [j for j in content if j < tok.left_edge.i - 1]
    return content


def verb_candidates(sent: SpacySpan, lexicon: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    for token in tokens_with(sent, "pos", "VERB"):
        if token.pos_ != "VERB" or token.lower_ == "according" or (
                token.dep_ in ("acl", "amod") and token.tag_ == "VBN"):
            continue
        cue = lexicon.get((token.lemma_.lower(), "VERB"))
        if cue is None or cue.precision < VERB_MIN_PRECISION:
            continue
        candidate = verb_candidate(token, cue, lexicon)
        if candidate is not None:
            out.append(candidate)
    return out


def chain_top(verb: Token, lexicon: Lexicon) -> Token | None:
    """For "went on to say", "are more likely to say": the governing non-cue verb."""
    participle = _participle_head(verb, lexicon)
    if participle is not None:
        return participle
    top = verb
    while top.dep_ in ("xcomp", "acomp") and top.head.i < top.i:
        top = top.head
        cue = lexicon.get((top.lemma_.lower(), top.pos_))
        if cue is not None and cue.precision >= VERB_MIN_PRECISION and not (
                _has_passive(top) or cue.frame == "raising"):
            return None
    return top if top.i != verb.i and top.pos_ in ("VERB", "AUX") else None


def _participle_head(verb: Token, lexicon: Lexicon) -> Token | None:
    """"began by saying": the non-cue verb a "by"-participle hangs on joins the cue.

    (Chaining ", saying" participles the same way lost cue matches on PolNeAR train.)
    """
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.lower_ != "by":
        return None
    head = verb.head.head
    if head.i >= verb.i or head.pos_ != "VERB":
        return None
    cue = lexicon.get((head.lemma_.lower(), "VERB"))
    if cue is not None and cue.precision >= VERB_MIN_PRECISION:
        return None
    return head


def _reports_speech(verb: Token, lexicon: Lexicon) -> bool:
    """"X is reported to have said ...": the passive verb only frames the inner cue."""
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ == "VERB":
            cue = lexicon.get((child.lemma_.lower(), "VERB"))
            if cue is not None and cue.precision >= VERB_MIN_PRECISION:
                return True
    return False


def verb_candidate(verb: Token, cue: Cue, lexicon: Lexicon) -> Candidate | None:
    passive = _has_passive(verb)
    if (passive or cue.frame == "raising") and _reports_speech(verb, lexicon):
        return None
    content, prep = _content_of(verb, passive, cue.frame, lexicon)
    start, end = cue_range(verb, prep)
    subject_from = verb
    top = chain_top(verb, lexicon)
    if top is not None:
        subjects = [c.right_edge.i for c in top.children if c.dep_ in SUBJECT_DEPS]
        start = max([cue_range(top, None)[0]] + [i + 1 for i in subjects if i < verb.i])
        if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
            subject_from = top
    raised = [c for c in subject_from.children if c.dep_ == "nsubjpass"] if top is not None else []
    if not content:
        content = _clause_after_cue(verb.doc, start, end)
    cue_set = set(range(start, end))
    inverted = _inverted_source(verb) if not _source_of(verb) else []
    if inverted:
        content = [i for i in content if i not in set(inverted)]
    content = [i for i in content if i not in cue_set]
    content_set = set(content)
    found = inverted or _source_of(subject_from) or (subtree(raised[0]) if raised else [])
    source = [i for i in found if i not in cue_set and i not in content_set]
    if cue.frame == "raising" and subject_from.i == verb.i:
        source = []
    return Candidate(head=verb.i, cue=(start, end), source=source, content=content,
                     kind="indirect", cls=cue.cls, score=cue.precision, depth=depth(verb),
                     key=f"{verb.lemma_.lower()}/VERB")


def noun_candidates(sent: SpacySpan, lexicon: Lexicon) -> list[Candidate]:
    """"Lavrov's claim that ...", "her view on ...": a cue noun with a possessor."""
    out: list[Candidate] = []
    for token in tokens_with(sent, "pos", "NOUN"):
        if token.pos_ != "NOUN":
            continue
        cue = lexicon.get((token.lemma_.lower(), "NOUN"))
        if cue is None or cue.precision < NOUN_MIN_PRECISION:
            continue
        poss = [c for c in token.children if c.dep_ == "poss"]
        content, prep = _noun_content(token)
        if not poss or not content:
            continue
        start = poss[0].right_edge.i + 1
        end = prep.i + 1 if prep is not None and prep.i == token.i + 1 else token.i + 1
        out.append(Candidate(head=token.i, cue=(start, end),
                             source=subtree(poss[0]), content=content, kind="indirect",
                             cls=cue.cls, score=cue.precision * 0.8, depth=depth(token),
                             key=f"{cue.lemma}/NOUN"))
    return out


def object_noun_candidates(sent: SpacySpan, lexicon: Lexicon) -> list[Candidate]:
    """"took a swipe at X", "raised questions about X": a cue noun as a light verb's object."""
    out: list[Candidate] = []
    for token in tokens_with(sent, "pos", "NOUN"):
        if token.pos_ != "NOUN" or token.dep_ != "dobj" or token.head.pos_ != "VERB":
            continue
        cue = lexicon.get((token.lemma_.lower(), "NOUN"))
        verb = token.head
        verb_cue = lexicon.get((verb.lemma_.lower(), "VERB"))
        if cue is None or cue.precision < NOUN_MIN_PRECISION or (
                verb_cue is not None and verb_cue.precision >= VERB_MIN_PRECISION):
            continue
        content, prep = _noun_content(token)
        if not content:
            continue
        start = cue_range(verb, None)[0]
        end = prep.i + 1 if prep is not None and prep.i == token.i + 1 else token.i + 1
        if any(i < end for i in content):
            continue
        out.append(Candidate(head=verb.i, cue=(start, end), source=_source_of(verb),
                             content=content, kind="indirect", cls=cue.cls,
                             score=cue.precision * 0.8, depth=depth(verb),
                             key=f"{cue.lemma}/NOUN"))
    return out


def _noun_content(noun: Token) -> tuple[list[int], Token | None]:
    for child in noun.rights:
        if child.dep_ in ("acl", "ccomp") and any(
                g.lower_ == "that" and g.dep_ == "mark" for g in child.children):
            return subtree(child), None
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPS:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree(objs[0]), child
    return [], None


# Predicative adjectives that carry a stance: "was critical of X", "is confident that X",
# "made it clear that X". Their measured rate is low, so the trained filter decides.
ADJ_MIN_RATE = 0.1
ADJ_HEAD_DEPS = frozenset({"acomp", "oprd", "ccomp"})


def adjective_candidates(sent: SpacySpan, lexicon: Lexicon) -> list[Candidate]:
    out: list[Candidate] = []
    for token in tokens_with(sent, "pos", "ADJ"):
        if token.pos_ != "ADJ" or token.dep_ not in ADJ_HEAD_DEPS or token.head.i >= token.i:
            continue
        cue = lexicon.get((token.lemma_.lower(), "ADJ"))
        if cue is None or cue.rate < ADJ_MIN_RATE:
            continue
        candidate = _adjective_candidate(token, cue)
        if candidate is not None:
            out.append(candidate)
    return out


def _adjective_candidate(adj: Token, cue: Cue) -> Candidate | None:
    verb = adj.head
    content, prep = _adjective_content(adj)
    if not content:
        return None
    start = cue_range(verb, None)[0]
    end = prep.i + 1 if prep is not None and prep.i == adj.i + 1 else adj.i + 1
    cue_set = set(range(start, end))
    if any(i in cue_set for i in content):
        return None
    source = [i for i in _source_of(verb) if i not in cue_set and i not in set(content)]
    return Candidate(head=adj.i, cue=(start, end), source=source, content=content,
                     kind="indirect", cls=cue.cls, score=cue.precision * 0.8,
                     depth=depth(verb), key=f"{cue.lemma}/ADJ")


def _adjective_content(adj: Token) -> tuple[list[int], Token | None]:
    for child in adj.rights:
        if child.dep_ in ("ccomp", "xcomp"):
            return subtree(child), None
        if child.dep_ == "prep" and child.lower_ in CONTENT_PREPS | OBJECT_PREPS:
            objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objs:
                return subtree(objs[0]), child
    return [], None
