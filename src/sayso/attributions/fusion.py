"""Fusing the learned tagger with the rules: a rule decoder that settles their conflicts.

The rules are precise on what they find (quotation marks, "according to", source-cue
linking through the parse); the tagger (sayso.attributions.tagger) finds cues the lexicon
lacks and cuts content the way PolNeAR's annotators do. The decoder:

1. keeps every rule attribution (``veto``, off by default: only those the tagger agrees on);
2. adds a tagger cue the rules missed, with the tagger's nearest content in the cue's
   paragraph and its nearest source in the cue's sentence (else the cue word's
   grammatical subject), unless that content is already another attribution's;
3. can move a rule attribution's boundaries to the tagger's where the two overlap and the
   tagger is confident (content, source and cue separately, see ``Settings``; measured,
   off by default).

Speakers are resolved afterwards on the fused list, as for the rules alone.

``fuse_learned`` is the default mode's entry: the learned decoder (``decoder``) when its
trained trees ship, else this rule decoder.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Token

from sayso.attributions import bounds, decoder, labels, switch, tagger
from sayso.attributions.direct import Found, Page, _widen
from sayso.attributions.spans import Range, merge, overlaps, strip_range, within
from sayso.attributions.tagger import Tagged
from sayso.attributions.windows import Window
from sayso.knowledge import knowledge, lexicons
from sayso.knowledge.cues import cue_class, lemmas_with_frame, lookup
from sayso.knowledge.lexicons import word_classes


@dataclass(frozen=True, slots=True)
class Settings:
    """What the decoder may do; each switch is measured on its own (docs/attributions.md)."""

    add_cues: bool = True
    # Measured on held-out train articles, the tagger's boundaries are worse than the rules'
    # where both find the attribution: these stay off (docs/attributions.md).
    content_bounds: bool = False
    source_bounds: bool = False
    cue_bounds: bool = False
    # Drop a rule attribution whose cue no tagger cue overlaps (the tagger disagrees).
    veto: bool = False
    # A tagger cue becomes a new attribution at this confidence or above.
    new_cue_score: float = 0.9
    # A tagger span replaces a rule span's boundaries at this confidence or above.
    bounds_score: float = 0.7
    # ...and when the two overlap at least this much (Jaccard on characters).
    bounds_overlap: float = 0.5
    # A new attribution's content lies within this many characters of its cue...
    content_gap: int = 250
    # ...and has at least this many words (after joining the quotation it touches).
    min_content_words: int = 3


DEFAULT = Settings()


def fuse_learned(page: Page, found: list[Found], probs: list[tuple[Window, np.ndarray]]) -> list[Found]:
    """The default mode: the learned decoder's choice among rule and tagger candidates
    (``sayso.attributions.decoder``, its contents reconsidered by ``switch``) given the
    tagger's probabilities per window, or this rule decoder's when the decoder's model file is
    missing; then the content boundary rules of ``bounds`` and a transcript's speaker labels
    (``labels``)."""
    tags = tagger.decode(probs)
    if not decoder.available():
        return _raised_subjects(page, _in_reporting_sense(page, fuse(page, found, tags)))
    chosen = switch.decode(page, found, probs, tags, foreign=lambda f: foreign_source(page, f))
    raised = _raised_subjects(page, _in_reporting_sense(page, chosen))
    fixed = bounds.fix(page, [_dangling_preposition(page, _infinitive_content(page, _addressee_out_of_cue(page, f)))
                              for f in raised])
    return labels.transcript_labels(page, _own_complements(page, fixed))


def _own_complements(page: Page, found: list[Found]) -> list[Found]:
    """Two cue verbs coordinated on one subject ("called the plan 'a fraud' and said that
    voters would punish it", "regard themselves as victims and say that ...") each report
    their own complement: where each of the two attributions holds the content that hangs on
    the other's verb, the contents (and their kinds) are swapped back (default mode only)."""
    out = list(found)
    for i, f in enumerate(out):
        for j in range(i + 1, len(out)):
            g = out[j]
            if "direct" in (f.kind, g.kind) or not f.content or not g.content:
                continue
            vf, vg = _cue_verb(page, f), _cue_verb(page, g)
            if vf is None or vg is None or not _coordinated(vf, vg):
                continue
            if _owner(page, f.content, vf, vg) is vg and _owner(page, g.content, vf, vg) is vf:
                out[i] = replace(f, content=g.content, kind=g.kind)
                out[j] = replace(g, content=f.content, kind=f.kind)
    return out


def _coordinated(a: Token, b: Token) -> bool:
    """Is one verb the other's conjunct ("called ... and said")?"""
    return (b.dep_ == "conj" and b.head.i == a.i) or (a.dep_ == "conj" and a.head.i == b.i)


def _owner(page: Page, content: list[Range], a: Token, b: Token) -> Token | None:
    """Which of the two verbs the content's words hang on (the first of them met walking up
    from each word; None where the words disagree or reach neither)."""
    owners: set[int] = set()
    for tok in _tokens(page, content):
        walk = tok
        while walk.i not in (a.i, b.i) and walk.head.i != walk.i:
            walk = walk.head
        if walk.i not in (a.i, b.i):
            return None
        owners.add(walk.i)
    if len(owners) != 1:
        return None
    return a if a.i in owners else b


def _raised_subjects(page: Page, found: list[Found]) -> list[Found]:
    """A passive of believing or expecting with an infinitive ("Trump and Xi have been
    expected to sign a deal", "North Korea is not thought to be capable of ...", "Several
    people, believed to be as many as 35, ...") reports nobody's words about its subject: the
    subject is part of the content, and the attribution has no source (PolNeAR's annotation:
    "Trump ... is expected ... to deliver a victory speech", no source). Where the source is
    that subject (the passive's ``nsubjpass``, or the noun a passive participle modifies) and
    the verb has no "by" agent, the source joins the content (default mode only; the rules
    already read "is expected to" so, the tagger and decoder do not always). Verbs of receiving
    criticism (``_received``) are read here too (attr25)."""
    raised = [_asked_aside(page, _spoken_about(page, _raised(page, _described(page, _told(page, _expletive(
                page, _source_behind(page, _source_ahead(page, f))))))))
              for f in found]
    return [_received(page, f) for f in raised]


# Lexicon classes of questioning: "Asked about ...", "Questioned on ...", "Challenged on ...".
_ASKING = frozenset({"ask", "question"})


def _asked_aside(page: Page, f: Found) -> Found:
    """A participle of asking set before its clause with no subject of its own ("Asked whether
    she would run, Warren said no", "Asked about the leak on Monday, the spokesman declined"):
    the one asked is the main clause's subject, the one who asked goes unnamed, so the
    attribution at "Asked" has no source (PolNeAR's source is the speaking entity; PolNeAR
    train, default mode: at 27 such cues with the main clause's subject as source, 4 j50 hits
    with it and 15 gold attributions with no source). "Asked" is often parsed as a past tense
    there (VBD), so either tag counts. Default mode only (attr22)."""
    if not f.source or f.kind == "direct":
        return f
    verb = _cue_verb(page, f)
    if verb is None or verb.tag_ not in ("VBN", "VBD") or verb.dep_ != "advcl" or verb.i > verb.head.i:
        return f
    if cue_class(verb.lemma_.lower()) not in _ASKING:
        return f
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent") for c in verb.children):
        return f
    return replace(f, source=[])


def _addressee_out_of_cue(page: Page, f: Found) -> Found:
    """A cue that runs from its verb over the verb's object into the infinitive the object is
    urged to (the tagger's "will advise staff to refuse" before "the pay deal") holds what was
    said: the cue is the verb group before the object ("will advise"), and the object and the
    infinitive join the content ("staff to refuse the pay deal"), as the rules read "urged him
    to continue ..." (default mode only). Only a verb of saying or urging (the lexicon's
    classes): with a verb of causing ("prompted some users to argue", "forced him to admit")
    the object is who speaks and the infinitive the cue, as PolNeAR marks it. A cue with an
    object and no infinitive ("cast their votes for") is left alone."""
    if f.kind != "indirect" or len(f.cue) != 1 or not f.content:
        return f
    cue = _tokens(page, f.cue)
    inside = {t.i for t in cue}
    heads = [t for t in _phrase_heads(cue) if t.pos_ == "VERB"]
    if len(heads) != 1:
        return f
    verb = heads[0]
    if cue_class(verb.lemma_.lower()) in (None, "other"):
        return f  # ("prompted some users to argue", "forced him to admit": the object speaks)
    objects = [c for c in verb.children if c.dep_ == "dobj" and c.i in inside and c.i > verb.i]
    infinitives = [c for c in verb.children if c.dep_ == "xcomp" and c.i in inside and c.i > verb.i
                   and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if len(objects) != 1 or not infinitives or min(s for s, _ in f.content) < f.cue[0][1]:
        return f
    cut = objects[0].left_edge
    if cut.i <= verb.i:
        return f
    end = verb.doc[cut.i - 1]
    return replace(f, cue=[(f.cue[0][0], end.idx + len(end.text))],
                   content=merge(sorted([(cut.idx, f.cue[0][1]), *f.content]), page.text))


def _infinitive_content(page: Page, f: Found) -> Found:
    """A cue verb whose one clause is a "to" infinitive after it ("the deal, which the club
    hopes to sign on Friday", "the council wants to adopt it") reports that infinitive phrase:
    where the decoder's content misses its verb (it kept the bare "to", or a phrase outside the
    clause: the relative pronoun the infinitive's object hangs on lies before the cue, so the
    verb's subtree does not start after it), the content becomes the infinitive phrase from
    "to" to its end (default mode only; the rules read the infinitive so)."""
    if f.kind != "indirect" or not f.cue or not f.content:
        return f
    verb = _cue_verb(page, f)
    if verb is None or any(c.dep_ in ("ccomp", "dobj", "dative", "nsubjpass") for c in verb.children):
        return f
    clauses = [c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i]
    if len(clauses) != 1:
        return f
    clause = clauses[0]
    to = [c for c in clause.children if c.dep_ == "aux" and c.lower_ == "to" and c.i > verb.i]
    cue_end = max(e for _, e in f.cue)
    if not to or to[0].idx < cue_end or any(s <= clause.idx < e for s, e in f.content):
        return f
    start, end = to[0].idx, clause.right_edge.idx + len(clause.right_edge.text)
    while end > start and page.text[end - 1] in ".,;:":
        end -= 1
    return replace(f, content=[(start, end)])


def _dangling_preposition(page: Page, f: Found) -> Found:
    """A content that ends on a preposition whose object follows it ("the ball was stopped by"
    before the keeper's name, "to confirm by" before "Friday") stops mid-phrase: it takes
    the rest of the preposition's phrase, up to the end of its sentence at most (default mode
    only; the decoder's content boundaries, not the rules', end so)."""
    if f.kind == "direct" or not f.content:
        return f
    last = _tokens(page, [f.content[-1]])
    if not last:
        return f
    prep = last[-1]
    objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp") and c.i > prep.i]
    if (prep.pos_ != "ADP" or len(objects) != 1
            or page.sentence_of(objects[0].right_edge) != page.sentence_of(prep)):
        return f
    if objects[0].tag_ in ("WDT", "WP", "WP$"):
        return f  # ("out of which ...": a relative clause, not the phrase's end)
    edge = objects[0].right_edge
    end = edge.idx + len(edge.text)
    if any(f.content[-1][1] <= s < end for r in (f.cue, f.source) for s, _ in r):
        return f  # (the phrase runs into the attribution's own cue or source)
    return replace(f, content=[*f.content[:-1], (f.content[-1][0], end)])


def _source_ahead(page: Page, f: Found) -> Found:
    """A source in a later sentence than its cue, the cue outside every quotation, is not
    the cue's: news names a speaker before or beside the reported clause, never a sentence
    after it ("... before a formal response is released. Meanwhile, the husband of crash
    victim ... says ..."; "those issues are expected to again be a key part of the talks.
    Australia and Indonesia are also discussing ..."). The attribution keeps its cue and
    content and loses the source (default mode only). A cue inside a quotation ("'We
    understand your problem,' ... Mr Kissinger said") keeps the speaker its quotation has."""
    return replace(f, source=[]) if _source_after(page, f) else f


def _source_after(page: Page, f: Found) -> bool:
    """``_source_ahead``'s test: the source starts in a later sentence than the cue's last
    word, the cue outside every quotation (a direct attribution is left alone)."""
    if not f.source or f.kind == "direct" or not f.cue:
        return False
    cue = f.cue[0]
    if within(cue, page.quotes) or _open_quote(page, cue[0]):
        return False
    cue_tokens = _tokens(page, f.cue)
    source = _tokens(page, f.source)
    if not cue_tokens or not source:
        return False
    # (sentence numbers, not ``.sent.start``: the same order, without building the sentences)
    return (page.sentence_of(source[0]) > page.sentence_of(cue_tokens[-1])
            and source[0].i > cue_tokens[-1].i)


def foreign_source(page: Page, f: Found) -> bool:
    """Does the candidate pair its cue with another sentence's attribution: its source in a
    later sentence than the cue's (``_source_after``) or in an earlier one where the cue's verb
    has its own subject (``_source_before``), and its content starting in the source's
    sentence, not the cue's ("X said ... . Y now says ...": "said" with Y and Y's clause,
    "says" with X and X's)? The decoder's choice passes over such a candidate for another of
    its cue (``decoder.demote``); the rules below would only strip its source, leaving the cue
    with the other sentence's clause. A candidate whose content is in the cue's own sentence
    is left to those rules: often nobody is named there ("The tape is alleged to show ...")."""
    if not (_source_after(page, f) or _source_before(page, f)) or not f.content:
        return False
    content, source = _tokens(page, f.content[:1]), _tokens(page, f.source)
    cue = _tokens(page, f.cue)
    if not content or not source or not cue:
        return False
    return page.sentence_of(content[0]) == page.sentence_of(source[0]) != page.sentence_of(cue[0])


_HEDGES = word_classes("speakers_words.tsv")["hedge"]


def _expletive(page: Page, f: Found) -> Found:
    """"It has been confirmed two asylum seekers ...", "It is believed that ...", "It seems
    like ...": the "it" holds the place of the clause after the verb and is nobody; the
    attribution has no source (PolNeAR train never marks such an "it" as a source: its passives
    and "seems" of this shape have none). The subject of a passive with a "by" agent, and an
    "it" that names something ("It said the talks failed"), stay. So is the "it" of an
    adjective and an infinitive of saying or knowing ("Is it fair to say that ...", "It is hard
    to say whether ...", "It is worth noting that ...": ``_extraposed``)."""
    if not f.source or f.kind == "direct":
        return f
    source = _tokens(page, f.source)
    if len(source) != 1 or source[0].lower_ != "it":
        return f
    verb = _cue_verb(page, f)
    it = source[0]
    if verb is not None and _extraposed(it, verb):
        return replace(f, source=[])
    if verb is None or it.head.i != verb.i:
        return f
    kids = list(verb.children)
    if not any(c.dep_ == "ccomp" for c in kids) or any(c.dep_ == "agent" for c in kids):
        return f
    passive = it.dep_ == "nsubjpass" and any(c.dep_ == "auxpass" for c in kids)
    hedge = it.dep_ == "nsubj" and verb.lemma_.lower() in _HEDGES
    return replace(f, source=[]) if passive or hedge else f


def _extraposed(it: Token, verb: Token) -> bool:
    """"it" is the subject of a form of "be" whose adjective ("fair", "hard", "worth") takes
    the cue's verb as its infinitive or gerund, on the adjective or on "be" itself: the "it"
    holds the place of that verb phrase ("it is fair to say that ..." = "to say that ... is
    fair") and is nobody (PolNeAR's guidelines: an empty "it" is no source)."""
    be = it.head
    if it.dep_ != "nsubj" or be.lemma_.lower() != "be" or verb.dep_ != "xcomp":
        return False
    adjectives = [c for c in be.children if c.dep_ == "acomp" and c.pos_ == "ADJ"]
    return bool(adjectives) and verb.head.i in {be.i, *(a.i for a in adjectives)}


# Verbs whose passive subject is who was told, never who told: "they were told (that) ...",
# "residents had been assured the water was safe", "Sanders had been told ...".
_TOLD = word_classes("speakers_words.tsv")["told"]


def _told(page: Page, f: Found) -> Found:
    """A passive of telling with no "by" agent ("they were told the newest hopeful would be
    stopping by") has the one told as its subject, not the one who told: the attribution has
    no source (PolNeAR train: no source in each such passive but one, whose teller is named
    in another sentence). The subject is the addressee, so it does not join the content
    either. "X is assured of winning" (guaranteed, a passive with "of") is left alone."""
    if not _agentless_passive(page, f, _TOLD, of_allowed=False):
        return f
    return replace(f, source=[])


def _agentless_passive(page: Page, f: Found, lemmas: frozenset[str] | set[str],
                       of_allowed: bool = True) -> bool:
    """An indirect attribution whose cue is a passive participle of one of ``lemmas`` with no
    "by" agent, and whose source is that passive's one subject (what is told or described)."""
    if not f.source or f.kind != "indirect":
        return False
    verb = _cue_verb(page, f)
    if verb is None or verb.tag_ != "VBN" or verb.lemma_.lower() not in lemmas:
        return False
    kids = list(verb.children)
    if not any(c.dep_ == "auxpass" for c in kids) or any(c.dep_ == "agent" for c in kids):
        return False
    if not of_allowed and any(c.dep_ == "prep" and c.lower_ == "of" for c in kids):
        return False
    subjects = [c for c in kids if c.dep_ == "nsubjpass"]
    source = {t.i for t in _tokens(page, f.source)}
    return len(subjects) == 1 and subjects[0].i in source


# Verbs whose passive subject is what is described, never who describes it: "The crash has been
# described as a double tragedy", "the plan was dubbed 'Operation X'".
_DESCRIBING = word_classes("speakers_words.tsv")["described"]


def _described(page: Page, f: Found) -> Found:
    """A passive of describing or naming with no "by" agent ("The crash has been described as
    both a tragedy and a miracle") has the thing described as its subject: part of what is
    said of it, not its speaker. The subject joins the content and the attribution has no
    source (PolNeAR train: no source in such passives, the subject inside the content)."""
    if not _agentless_passive(page, f, _DESCRIBING):
        return f
    return Found(cue=f.cue, source=[], content=merge(sorted(f.source + f.content)), kind=f.kind,
                 cls=f.cls, score=f.score, key=f.key, head=f.head)


# Lexicon classes whose verbs, in an agentless passive, have the one spoken to or about as their
# subject ("He was asked about ...", "She has been criticized for ...", "It was announced"):
# every class but the plain "say" class (which holds "persuade", "speak", "inform", where the
# passive subject may be the speaker: 2 of 5 on train) and "other" (mostly states of mind: "was
# thrilled", "was miffed", whose subject holds the attitude).
_SPOKEN_ABOUT_EXCLUDED = frozenset({"say", "other"})


def _spoken_about(page: Page, f: Found) -> Found:
    """A passive of a speech act aimed at someone or something (asking, accusing, criticising,
    praising, urging, announcing, believing, expecting: the lexicon's classes other than
    "say" and "other") with no "by" agent has the one asked, accused or announced as its
    subject, not the speaker: PolNeAR's source is the speaking entity, so the attribution has
    no source, and the subject stays out of the content as with ``_told`` (PolNeAR train,
    default mode: 0 of 36 such subjects are a gold source, 32 are at a gold attribution with
    no source; joining the subject to the content, as ``_described`` does, measured worse)."""
    verb = _cue_verb(page, f)
    if verb is None:
        return f
    lemma = verb.lemma_.lower()
    cls = cue_class(lemma)
    if cls is None or cls in _SPOKEN_ABOUT_EXCLUDED or not _agentless_passive(page, f, {lemma}):
        return f
    if _as_saying(verb):
        return f  # ("X is reported as saying ...": X is the one whose words are reported)
    return replace(f, source=[])


def _as_saying(verb: Token) -> bool:
    """The verb has an "as" phrase with the gerund of a verb of speech: "is reported as
    saying", "was quoted as warning" (not "is seen as having": the lexicon has no class for it,
    and there the subject is what is seen, PolNeAR train)."""
    return any(c.dep_ == "prep" and c.lower_ == "as"
               and any(g.tag_ == "VBG" and cue_class(g.lemma_.lower()) not in (None, "other")
                       for g in c.children)
               for c in verb.children)


def _raised(page: Page, f: Found) -> Found:
    if not f.source or f.kind != "indirect":
        return f
    verb = _cue_verb(page, f)
    source = _tokens(page, f.source)
    if verb is None or verb.tag_ not in ("VBN", "VBD") or not source:
        return f
    kids = list(verb.children)
    infinitive = [c for c in kids if c.dep_ == "xcomp" and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    if any(c.dep_ == "agent" for c in kids) or len(infinitive) != 1:
        return f
    doc = verb.doc
    after = infinitive[0].right_edge.i + 1
    if verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in kids):
        subjects = [c for c in kids if c.dep_ == "nsubjpass"]
    elif verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.head.i < verb.i:
        subjects = [verb.head]
    elif (doc[verb.i - 1].text == "," and source[-1].i == verb.i - 2
          and after < len(doc) and doc[after].text == ","):
        # "Several people, believed to be as many as 35, have been shot": a participle set
        # off by commas after a noun (often parsed as a finite verb with that noun as subject)
        subjects = [source[-1]]
    else:
        return f
    if len(subjects) != 1 or not any(t.i == subjects[0].i for t in source):
        return f
    return Found(cue=f.cue, source=[], content=merge(sorted(f.source + f.content)), kind=f.kind,
                 cls=f.cls, score=f.score, key=f.key, head=f.head)


# Verbs whose subject is at the receiving end of what its object says ("faced criticism over
# ...", "fielded questions about ..."); not "draw" or "get" ("drew up a plan", "got word").
_RECEIVING = frozenset({"face", "receive", "attract", "field", "endure", "weather"})


def _received(page: Page, f: Found) -> Found:
    """ "Republicans have faced criticism over the investigation", "she fielded questions
    about her emails": the subject of a verb of receiving is whom the criticism or the
    questions are aimed at, not who voiced them; PolNeAR marks no source there. Where the
    source is that verb's subject and the cue is the verb's object noun (with or without the
    verb), the attribution loses its source (default mode only)."""
    if not f.source or not f.cue or f.kind == "direct":
        return f
    cue = _tokens(page, f.cue)
    nouns = [t for t in cue if t.pos_ == "NOUN" and t.dep_ == "dobj"]
    if len(nouns) != 1 or nouns[0].head.lemma_.lower() not in _RECEIVING:
        return f
    verb = nouns[0].head
    if any(t.pos_ == "VERB" and t.i != verb.i for t in cue):
        return f  # ("is facing skepticism after saying ...": the cue's own verb of speech)
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1:
        return f
    left, right = subjects[0].left_edge, subjects[0].right_edge
    if not any(overlaps((left.idx, right.idx + len(right.text)), r) for r in f.source):
        return f
    return replace(f, source=[])


def _source_behind(page: Page, f: Found) -> Found:
    """A source wholly in an earlier sentence than its cue, where the cue's verb has a subject
    of its own in its sentence (no pronoun) that the source does not hold, the cue outside every
    quotation, is not the cue's: "The United States says a video tape ... proves ... The tape
    is alleged to show bin Laden ...": the tape is what is alleged about, nobody is said to
    allege it. The attribution keeps its cue and content and loses the source (default mode
    only)."""
    return replace(f, source=[]) if _source_before(page, f) else f


def _source_before(page: Page, f: Found) -> bool:
    """``_source_behind``'s test (a direct attribution is left alone)."""
    if not f.source or f.kind == "direct" or not f.cue:
        return False
    if within(f.cue[0], page.quotes) or _open_quote(page, f.cue[0][0]):
        return False
    verbs = [t for t in _phrase_heads(_tokens(page, f.cue)) if t.pos_ in ("VERB", "AUX")]
    source = _tokens(page, f.source)
    if len(verbs) != 1 or not source or page.sentence_of(source[-1]) >= page.sentence_of(verbs[0]):
        return False
    # (a subject inside the cue, "Early still says", is taken as part of it: left alone)
    verb, inside = verbs[0], {t.i for t in source} | {t.i for t in _tokens(page, f.cue)}
    # (a pronoun subject, "He claimed ...", may well be the earlier source again)
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.i not in inside and c.pos_ != "PRON"
               for c in verb.children)


def _in_reporting_sense(page: Page, found: list[Found]) -> list[Found]:
    """Drops what is not someone reporting a proposition (default mode only):

    - a cue that reports only with a clause (the lexicon's "clause" frame) when its content
      has no verb: "the committee concluded its hearing" finished it (the rules never propose
      it; the tagger may);
    - the writer addressing a hypothetical reader: "you" as the subject of a conditional or
      temporal clause outside any quotation ("if you're considering an external GPU", "once
      you understand my approach") has no one to credit and reports nothing;
    - a medium depicting a thing: a participle of a verb that is not one of saying modifying
      its "source", with a plain noun phrase as content ("a video showing the dramatic
      moment");
    - seeing a thing: a past or "can / could" see, watch or notice with a plain noun phrase as
      content ("We also saw gadgets from tech companies", "police saw the tweet"), or with
      someone doing something ("I saw a lot of people wasting a lot of time");
    - a dateline read as a speaker: a place in capitals opening the paragraph before a colon
      ("NEW DELHI: Their American dream shattered, ...");
    - "look to" with an infinitive: a plan stated by the writer ("will look to ride ...");
    - considering or handing over only a thing ("had not considered that option",
      "gave graphic details of the abuse").
    """
    clause_only = lemmas_with_frame("clause")
    quotes = page.quotes
    return [f for f in found
            if not (any(t.lemma_.lower() in clause_only for t in _tokens(page, f.cue))
                    and not any(t.pos_ in ("VERB", "AUX") for t in _tokens(page, f.content)))
            and not _reader_address(page, f, quotes)
            and not _depicting(page, f)
            and not _seeing_a_thing(page, f)
            and not _that_said(page, f)
            and not _dateline_colon(page, f)
            and not _aiming(page, f)
            and not _thing_only(page, f)
            and not _thing_acting(page, f)]


# Sentence openings in which "said" concedes a point and reports nothing ("That said, the two
# companies ...", "Having said that, ..."): speakers_words.tsv class concessive, lower case, each
# ending with its comma; none is the start of another, so their order does not matter.
_CONCESSIVE_SAID = sorted(word_classes("speakers_words.tsv")["concessive"])


def _open_quote(page: Page, at: int) -> bool:
    """Is ``at`` inside a quotation opened earlier in its paragraph or its sentence (an odd
    count of straight double quotes, or more curly openings than closings, before it)? Catches
    the quotations ``find_quotes`` leaves out (one running over several sentences, or a text
    whose paragraphs were joined, leaving a quotation open by the news convention)."""
    paragraph = page.text[page.text.rfind("\n", 0, at) + 1:at]
    sentence = page.text[page.sentence_at(at)[0]:at]  # where a paragraph's marks are unpaired
    return any(before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
               for before in (paragraph, sentence))


def _that_said(page: Page, f: Found) -> bool:
    """A concessive "That said," (or "Having said that,", "That being said,") opening a
    sentence: an idiom meaning "even so", with no speaker and no reported content."""
    said = [t for t in _tokens(page, f.cue) if t.lemma_.lower() == "say"]
    if not said:
        return False
    sent = said[0].sent
    head = " ".join(t.lower_ for t in sent[: min(len(sent), 6)] if not t.is_space)
    head = head.replace(" ,", ",")
    for opening in _CONCESSIVE_SAID:
        if head.startswith(opening):
            return said[0].i - sent.start < len(opening.split())
    return False


def _depicting(page: Page, f: Found) -> bool:
    """A participle modifying its source ("a video showing the dramatic moment") whose
    content is a plain noun phrase with no verb: a medium depicting a thing."""
    if f.kind == "direct":
        return False
    verb = _cue_verb(page, f)
    if verb is None or verb.dep_ != "acl" or verb.tag_ != "VBG":
        return False
    if cue_class(verb.lemma_) not in (None, "other", "show"):
        return False  # "a statement announcing the pick": a verb of saying has a speaker
    content = _tokens(page, f.content)
    if not content or any(t.pos_ in ("VERB", "AUX") for t in content):
        return False
    heads = _phrase_heads(content)
    return bool(heads) and all(t.pos_ == "NOUN" for t in heads)


def _cue_verb(page: Page, f: Found) -> Token | None:
    """The cue's one verb; None where it has none or more than one."""
    verbs = [t for t in _tokens(page, f.cue) if t.pos_ == "VERB"]
    return verbs[0] if len(verbs) == 1 else None


def _phrase_heads(tokens: list[Token]) -> list[Token]:
    """The tokens of a span whose head lies outside it (or that are their own head)."""
    inside = {t.i for t in tokens}
    return [t for t in tokens if t.head.i not in inside or t.head.i == t.i]


def _unquoted_pronoun_source(page: Page, f: Found, pronouns: frozenset[str], quotes: list[Range]) -> bool:
    """Is the source of ``f`` only words of ``pronouns``, its cue outside every quotation?"""
    if any(page.text[s:e].strip().lower() not in pronouns for s, e in f.source):
        return False
    cue = f.cue[0]
    return not within(cue, quotes)


_SEEING = word_classes("speakers_words.tsv")["seeing"]
_FIRSTHAND = word_classes("speakers_words.tsv")["firsthand"]
_AIMING = word_classes("speakers_words.tsv")["aiming"]
_THING_ONLY = word_classes("speakers_words.tsv")["thing_only"]


def _thing_only(page: Page, f: Found) -> bool:
    """A verb that considers or hands over a thing (speakers_words.tsv ``thing_only``: consider,
    give), active, with no small clause or clause of its own, whose
    one object is a thing with no clause but a relative one: "The court had not considered that
    option", "Mr Langdale then gave graphic details of the abuse to which ...": no proposition
    is reported (default mode)."""
    if f.kind == "direct":
        return False
    verb = _cue_verb(page, f)
    if verb is None or verb.lemma_.lower() not in _THING_ONLY:
        return False
    kids = list(verb.children)
    if any(c.dep_ in ("auxpass", "nsubjpass", "oprd", "xcomp", "ccomp", "acomp", "dative") for c in kids):
        return False  # ("is considered less than dynamic", "considers Kaine her mentor")
    objects = [c for c in kids if c.dep_ == "dobj"]
    if len(objects) != 1 or objects[0].pos_ not in ("NOUN", "PROPN", "PRON"):
        return False
    return _clause_free(objects[0])


_PHYSICAL = word_classes("speakers_words.tsv")["physical"]


def _thing_acting(page: Page, f: Found) -> bool:
    """A thing doing something to another thing: "The storm threatened the coastal towns", "the
    falling river revealed the damage", "the storm threatened to cut power" (a likelihood, not a
    threat made). A verb of the ``physical`` class (speakers_words.tsv: threaten, reveal) whose
    content is a plain noun phrase or a "to" infinitive and whose source is one singular
    common noun that names no one (no name, entity or pronoun in it; not a speaker head, title
    or a noun of the cue lexicon such as "report" or "debate") reports no one's words: the
    guidelines' source is a speaking entity. "revealed that ..." (a clause), and people, bodies
    and documents as subjects ("the union threatened to strike") stay; a pronoun is left alone,
    whatever it stands for (default mode, attrnews23)."""
    if f.kind == "direct" or not f.source:
        return False
    verb = _cue_verb(page, f)
    if verb is None or verb.lemma_.lower() not in _PHYSICAL:
        return False
    content = _tokens(page, f.content)
    if not content or any(t.text in _QUOTE_MARKS for t in content):
        return False
    if not (_noun_phrase_only(content) or _infinitive(content)):
        return False
    source = _tokens(page, f.source)
    if not source or any(t.ent_type_ or t.pos_ in ("PRON", "PROPN") for t in source):
        return False
    heads = [t for t in _phrase_heads(source) if not t.is_punct]
    if len(heads) != 1 or heads[0].tag_ != "NN":
        return False  # (plural "emails", "filings", "services" are often documents or people)
    lemma = heads[0].lemma_.lower()
    return not (lemma in lexicons.heads() or lemma in lexicons.titles() or lookup(lemma, "NOUN") is not None)


_QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "``", "''"})


def _infinitive(content: list[Token]) -> bool:
    """A "to" infinitive phrase ("to cut power to thousands of homes")."""
    return len(content) > 1 and content[0].lower_ == "to" and content[1].tag_ == "VB"


def _noun_phrase_only(content: list[Token]) -> bool:
    """One noun phrase with no clause but a relative one, perhaps with prepositional phrases or
    adverbs beside it ("the damage done to the bridge", "its system from travel agents"): no
    proposition, no "to" infinitive."""
    heads = [t for t in _phrase_heads(content) if not t.is_punct]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
    rest = [t for t in heads if t.pos_ not in ("NOUN", "PROPN", "PRON")]
    if len(nouns) != 1 or any(t.dep_ not in ("prep", "advmod", "npadvmod") for t in rest):
        return False
    return all(_clause_free(t) for t in heads)


def _clause_free(noun: Token) -> bool:
    """No finite verb or infinitive in the noun's phrase other than inside a relative clause
    ("the abuse to which Whiting subjected the child" is a thing; "assurances that workers
    will be paid" holds a proposition)."""
    for t in noun.subtree:
        # (a finite verb, the decoder's tags, or "to" and an infinitive: a clause)
        if not (t.tag_ in decoder.FINITE_TAGS or (t.tag_ == "VB" and t.i > 0 and t.doc[t.i - 1].lower_ == "to")):
            continue
        walk, relative = t, False
        while walk.i != noun.i and walk.head.i != walk.i:
            relative = relative or walk.dep_ == "relcl"
            walk = walk.head
        if not relative:
            return False
    return True


def _aiming(page: Page, f: Found) -> bool:
    """"The Doobie Brothers will look to ride ... into a tour", "the Democratic nominee looks to
    shore up support": "look to" with an infinitive is a plan the writer states, not anyone's
    words or belief (PolNeAR annotates none of the three on dev; "were looking for an increase
    in sales", an expectation, stays)."""
    if f.kind == "direct":
        return False
    verb = _cue_verb(page, f)
    if verb is None or verb.lemma_.lower() not in _AIMING:
        return False
    content = _tokens(page, f.content)
    return bool(content) and content[0].lower_ == "to" and any(t.tag_ == "VB" for t in content[1:3])


def _seeing_a_thing(page: Page, f: Found) -> bool:
    """Someone having seen a thing, with a plain noun phrase as content: the writer's "We also
    saw gadgets from tech companies", "we saw a write speed of ...", and anyone's "police saw
    the tweet", "could see the frustration on his friend's face", "the email, which was seen
    by The Real Deal": an experience, not a belief reported. "saw that ..." (a clause), "saw
    it as ..." (a judgement) and the plain present ("I see it as ...", "we do see risks": a
    view) stay; "can / could see" is the ability to perceive, not a view."""
    if not f.cue:
        return False
    verb = _cue_verb(page, f)
    if verb is None or verb.lemma_.lower() not in _SEEING:
        return False
    after = page.text[f.cue[-1][1]:f.cue[-1][1] + 14].lstrip(" \"\u201c").lower()
    if any(after.startswith(word) for word in _FIRSTHAND):
        return True  # ("sees first hand their love of their country": seen, in any tense)
    if f.kind != "indirect":
        return False
    modal = any(c.dep_ == "aux" and c.lower_ in ("can", "could") for c in verb.children)
    if verb.tag_ not in ("VBD", "VBN") and not modal:
        return False  # (the present is often a view: "I see it as ...", "we do see risks")
    content = _tokens(page, f.content)
    if any(t.dep_ == "prep" and t.lower_ == "as" for t in [*verb.children, *content]):
        return False  # ("we saw it as a mistake", "saw the comment as a dig": a judgement)
    heads = _phrase_heads(content)
    return bool(heads) and not any(t.pos_ in ("VERB", "AUX") and not _doing(t) for t in heads)


def _doing(verb: Token) -> bool:
    """A participle with no auxiliary or conjunction of its own ("saw people wasting time",
    "saw him leaving"): what was seen happening, not a clause reporting a belief."""
    return verb.tag_ == "VBG" and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)


def _dateline_colon(page: Page, f: Found) -> bool:
    """"NEW DELHI: Their American dream shattered, nearly 150 Indians returned ...": a colon
    cue whose source opens its paragraph, written in capitals, and is a place the gazetteer
    knows (no person of that name): where the story was filed, not a speaker. A transcript's
    "TRUMP:" (a person) and a headline's "Poll:" stay."""
    if not f.source or not f.cue or page.text[f.cue[0][0]:f.cue[-1][1]].strip() != ":":
        return False
    start = min(s for s, _ in f.source)
    end = max(e for _, e in f.source)
    if page.text.rfind("\n", 0, start) + 1 != start:
        return False
    name = page.text[start:end].strip()
    if not (len(name) > 2 and name.isupper() and all(w.isalpha() for w in name.replace(".", " ").split())):
        return False
    hits = knowledge().lookup(name)
    return bool(hits) and all(h.what in ("place", "country") for h in hits)


_READER = frozenset({"you", "yourself", "yourselves"})
# Words that make a clause a condition or a time to come: "if / once / when you ...".
_HYPOTHETICAL = frozenset({"if", "once", "unless", "when", "whenever", "until", "before"})


def _reader_address(page: Page, f: Found, quotes: list[Range]) -> bool:
    """The source is only the second person, as the subject of a conditional or temporal
    clause ("if you're considering ...", "once you understand ...", "in case you want to
    know"), and the cue lies outside every quotation: a hypothetical reader, not a speaker."""
    if not f.source or not f.cue or not _unquoted_pronoun_source(page, f, _READER, quotes):
        return False
    for tok in _tokens(page, f.source):
        verb = tok.head
        if any(c.dep_ in ("mark", "advmod") and c.lower_ in _HYPOTHETICAL for c in verb.children):
            return True
        if [t.lower_ for t in tok.doc[max(0, tok.i - 2):tok.i]] == ["in", "case"]:
            return True  # the two-word conjunction, whatever the parse made of "case"
    return False


def _tokens(page: Page, ranges: list[Range]) -> list[Token]:
    return [t for s, e in ranges for t in page.expanded(s, e)[1]]


def fuse(page: Page, found: list[Found], tags: list[Tagged],
         settings: Settings = DEFAULT) -> list[Found]:
    """The rules' attributions adjusted and extended by the tagger's spans."""
    by_role: dict[str, list[Tagged]] = {"source": [], "cue": [], "content": []}
    for t in tags:
        by_role[t.role].append(t)
    out = list(found)
    if settings.veto:
        cues = [(t.start, t.end) for t in by_role["cue"]]
        out = [f for f in out if any(overlaps(c, r) for c in cues for r in f.cue)]
    for f in out:
        _adjust(page, f, by_role, settings)
    if settings.add_cues:
        out.extend(_new(page, out, by_role, settings))
        out.sort(key=lambda f: f.cue[0])
    return out


def _jaccard(a: list[Range], b: Range) -> float:
    inter = sum(max(0, min(e, b[1]) - max(s, b[0])) for s, e in a)
    union = sum(e - s for s, e in a) + (b[1] - b[0]) - inter
    return inter / union if union else 0.0


def _best_match(ranges: list[Range], spans: list[Tagged], settings: Settings) -> Tagged | None:
    """The one confident tagger span overlapping ``ranges`` enough, if exactly one does."""
    near = [t for t in spans if any(overlaps((t.start, t.end), r) for r in ranges)]
    if len(near) != 1 or near[0].score < settings.bounds_score:
        return None
    t = near[0]
    return t if _jaccard(ranges, (t.start, t.end)) >= settings.bounds_overlap else None


def _same_paragraph(page: Page, ranges: list[Range]) -> bool:
    text = page.text
    start, end = ranges[0][0], ranges[-1][1]
    return "\n" not in text[start:end]


def _adjust(page: Page, f: Found, by_role: dict[str, list[Tagged]], settings: Settings) -> None:
    # A quotation spread over paragraphs stays as the rules joined it: the tagger sees
    # one paragraph at a time.
    if settings.content_bounds and f.content and _same_paragraph(page, f.content):
        t = _best_match(f.content, by_role["content"], settings)
        if t is not None and not any(overlaps((t.start, t.end), c) for c in f.cue):
            f.content = [strip_range(page.text, (t.start, t.end))]
    if settings.source_bounds and f.source:
        t = _best_match(f.source, by_role["source"], settings)
        if t is not None and not any(overlaps((t.start, t.end), c) for c in f.cue + f.content):
            f.source = [(t.start, t.end)]
    if settings.cue_bounds and f.cue:
        t = _best_match(f.cue, by_role["cue"], settings)
        if t is not None and not any(overlaps((t.start, t.end), c) for c in f.source + f.content):
            f.cue = [(t.start, t.end)]


def _new(page: Page, found: list[Found], by_role: dict[str, list[Tagged]],
         settings: Settings) -> list[Found]:
    cues = [r for f in found for r in f.cue]
    taken = [r for f in found for r in f.content + f.source]
    # The tagger breaks long contents where its confidence dips: pieces separated only by
    # spaces or a comma are one content.
    contents = [Tagged(s, e, "content", 1.0) for s, e in
                merge(((t.start, t.end) for t in by_role["content"]), page.text)]
    quotes = page.quotes
    starts = [q[0] for q in quotes]
    out: list[Found] = []
    for t in by_role["cue"]:
        cue = (t.start, t.end)
        if t.score < settings.new_cue_score or any(overlaps(cue, c) for c in cues):
            continue
        if any(overlaps(cue, r) for r in taken):
            continue  # inside another attribution's source or content
        near = _nearest(page, cue, contents, settings.content_gap, paragraph=True)
        if near is None or any(overlaps(near, r) for r in taken + cues):
            continue
        content = merge([strip_range(page.text, c) for c in _widen([near], quotes, starts)],
                        page.text)
        if (any(overlaps(c, r) for c in content for r in taken + cues + [cue])
                or sum(len(page.text[s:e].split()) for s, e in content) < settings.min_content_words):
            continue
        source = _nearest(page, cue, by_role["source"], settings.content_gap, paragraph=False)
        if source is not None and any(overlaps(source, c) for c in content):
            source = None
        if source is None:
            source = _subject(page, cue, content)
        kind = "direct" if any(overlaps(c, q) for c in content for q in quotes) else "indirect"
        f = Found(cue=[cue], source=[source] if source else [], content=content, kind=kind,
                  cls=cue_class(_lemma(page, cue)), score=t.score, key="tagger")
        out.append(f)
        cues.append(cue)
        taken.extend(content)
    return out


def _nearest(page: Page, cue: Range, spans: list[Tagged], gap: int,
             paragraph: bool) -> Range | None:
    """The tagger span closest to the cue within its paragraph (or sentence)."""
    text = page.text
    if paragraph:
        lo = text.rfind("\n", 0, cue[0]) + 1
        hi = text.find("\n", cue[1])
        hi = len(text) if hi < 0 else hi
    else:
        lo, hi = page.sentence_at(cue[0])
    best: tuple[int, Range] | None = None
    for t in spans:
        if t.start < lo or t.end > hi or overlaps((t.start, t.end), cue):
            continue
        distance = t.start - cue[1] if t.start >= cue[1] else cue[0] - t.end
        if distance <= gap and (best is None or distance < best[0]):
            best = (distance, (t.start, t.end))
    return best[1] if best else None


def _cue_token(page: Page, cue: Range):  # type: ignore[no-untyped-def]
    span = page.doc.char_span(cue[0], cue[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _lemma(page: Page, cue: Range) -> str:
    token = _cue_token(page, cue)
    return token.lemma_ if token is not None else page.text[cue[0]:cue[1]]


def _subject(page: Page, cue: Range, content: list[Range]) -> Range | None:
    """The cue word's grammatical subject, when the tagger marked no source."""
    token = _cue_token(page, cue)
    if token is None:
        return None
    for child in token.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            start, end = child.left_edge.idx, child.right_edge.idx + len(child.right_edge.text)
            if not any(overlaps((start, end), r) for r in [*content, cue]):
                return strip_range(page.text, (start, end))
    return None
