"""Sentence -> at most one PLOVER event: pick source and target, classify, flag.

Source and target are chosen among the sentence's noun phrases by two small linear rankers
(``events_source.npz``, ``events_target.npz``); the category by a linear classifier
(``events_type.npz``); all trained by ``scripts/train_events.py``. Where a model file is missing
the dependency rules of ``frames.py`` decide alone.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from importlib import resources
from typing import Any, TypeVar

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from sayso.actors.coding import WEAPONS, country_sector
from sayso.events.features import (
    BINARY,
    Key,
    as_features,
    candidate_indices,
    feature_name,
    first_entity,
    frame_features,
    governor_index,
    mention_keys,
    pair_features,
    target_keys_at,
    verb_lexicon,
)
from sayso.events.frames import (
    Frame,
    actorish_at,
    frame_for,
    is_future,
    main_verb,
    mention_span,
    mention_tokens,
)
from sayso.events.readings import ARMED
from sayso.events.readings import words as reading_classes
from sayso.knowledge import knowledge, linear
from sayso.knowledge.lexicons import heads as speaker_heads
from sayso.knowledge.lexicons import titles, word_classes
from sayso.knowledge.linear import MEMO_CAP, Once
from sayso.nlp import Tree, encoded, tree_of

# The rules' topic words and verb classes (events_words.tsv) and actor nouns (actors_words.tsv):
# knowledge, in data files; the grammar words (pronouns, modals, prepositions) stay here.
EVENT_WORDS = word_classes("events_words.tsv")
ACTOR_WORDS = word_classes("actors_words.tsv")

# Below this probability the category is a guess and no event is reported.
MIN_TYPE_PROBABILITY = 0.12
# A source must look at least this likely (ranker decision value) to be an actor at all.
MIN_SOURCE_SCORE = -2.5

# Below this probability an event needs a predicate that names its kind (see _evidence).
SURE = 0.6
# ... unless both actors are coded to countries and the category is at least this likely.
BETWEEN_STATES = 0.3
EVIDENCE_SHARE = 0.15
# Below this classifier probability the predicate lexicon (events_verbs.tsv) decides.
LEXICON_BELOW = SURE
# A CAMEO verb reading this dominant overrides an unsure classifier.
DOMINANT_SHARE = 0.5
COOPERATIVE = ("CONSULT", "SUPPORT", "COOPERATE", "AID")
CONDITIONS = ("if", "unless")
AGREEING = EVENT_WORDS["agree_to"]
DEONTIC = ("must", "should", "ought")
YIELDING = ("CONCEDE", "RETREAT")
MATERIAL_CONFLICT = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE")
VERBAL_CONFLICT = ("THREATEN", "ACCUSE", "REJECT", "REQUEST")
FIRST_PERSON = frozenset({"i", "we"})
# A verb is forceful when at least this share of its lexicon readings are force or coercion.
FORCE = ("ASSAULT", "COERCE", "SANCTION")
FORCE_SHARE = 0.3
PLACE_PREPS = ("in", "at", "near", "outside", "inside", "across")
PLACE_ENTS = ("GPE", "LOC", "FAC")
PLACE_NOUNS = EVENT_WORDS["place_noun"]  # "over the Kursk region" (default mode)
PLATFORMS = EVENT_WORDS["platform"]  # "mocks Trump on Twitter" (default mode)
NAME_PARTS = ("compound", "conj", "nmod", "amod")  # the words before a place noun
DESTINATION_PREPS = ("to", "into", "in", "near", "towards", "toward", "along")
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "SPY")
# The joint pair ranker (events_pair.npz) weighs pairs of the source ranker's best few sources.
PAIR_MODEL = "events_pair.npz"
PAIR_SOURCES = 3
# ... those within this margin of the best (decision value); the rest pair with its best few targets.
PAIR_MARGIN = 1.0
PAIR_TARGETS = 4
# A pair the pair ranker is this sure of (decision value) counts as evidence for the guard.
PAIR_SURE: float | None = 2.0


@dataclass(slots=True)
class Found:
    frame: Frame
    source: Token | None
    target: Token | None
    type: str
    probability: float
    # Further recipients of the same act ("accused the US and Britain"), most likely first.
    more_targets: list[Token] = field(default_factory=list)
    mode: str | None = None
    refused: bool = False  # a negated offer recoded as REJECT: the rejection itself is not negated
    # The category comes from a rule (a lexicon entry, the statement's cue, the manual's rules for
    # statements, promises, refusals and threats), not from the category model's reading alone.
    ruled: bool = False
    # Default mode: a statement's content reports a third party's act, done by ``source`` (not
    # the speaker's own act: see ``_reported_act``).
    reported: bool = False


@lru_cache(maxsize=1)
def cue_events() -> dict[str, str]:
    """Attribution cue class -> PLOVER category of the statement itself (events_cues.tsv)."""
    text = resources.files("sayso.data").joinpath("events_cues.tsv").read_text(encoding="utf-8")
    rows = csv.reader((line for line in text.splitlines() if line and not line.startswith("#")), delimiter="\t")
    return {row[0]: row[1] for row in rows if len(row) >= 2 and row[0] != "cue_class"}


@lru_cache(maxsize=2)
def verb_table(name: str = "events_verbs.tsv") -> dict[tuple[str, str], tuple[str, str | None]]:
    """(lemma or *, object lemma or *) -> (PLOVER category, mode), from events_verbs.tsv; a
    lemma * is an event noun as the object of any verb."""
    text = resources.files("sayso.data").joinpath(name).read_text(encoding="utf-8")
    table: dict[tuple[str, str], tuple[str, str | None]] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 3 or cells[0] == "lemma":
            continue
        table[(cells[0], cells[1])] = (cells[2], cells[3] if len(cells) > 3 and cells[3] else None)
    return table


def lexicon_hit(chain: list[Token]) -> tuple[str, str | None] | None:
    """The category the predicate itself names ("imposed sanctions", "arrested"), innermost first."""
    return _table_hit(chain, verb_table())


@lru_cache(maxsize=1)
def manual_verb_table() -> dict[tuple[str, str], tuple[str, str | None]]:
    """Default mode: predicates the manual or the CAMEO dictionary names that ``verb_table`` has
    not (events_verbs_manual.tsv, same format): "went on strike", "pressured X to", "accepted
    refugees", "extended the curfew"."""
    return verb_table("events_verbs_manual.tsv")


def _table_hit(chain: list[Token], known: dict[tuple[str, str], tuple[str, str | None]],
               objects_of: frozenset[int] | None = None) -> tuple[str, str | None] | None:
    if not chain:
        return None
    objects_of = LEXICON_OBJECT_IDS if objects_of is None else objects_of
    tree = tree_of(chain[0].doc)
    dep = tree.dep
    for verb in reversed(chain):
        lemma = tree.lemmas(verb.i)
        kids = tree.kids(verb.i)
        objects = [tree.lemmas(c) for c in kids if dep[c] in objects_of]
        objects += [tree.lemmas(g) for c in kids if dep[c] == PREP for g in tree.kids(c)]
        for obj in objects:
            if (lemma, obj) in known:
                return known[(lemma, obj)]
        if (lemma, "*") in known:
            return known[(lemma, "*")]
        for obj in (tree.lemmas(c) for c in kids if dep[c] == DOBJ):
            if ("*", obj) in known:  # a light verb and an event noun: "completed its withdrawal"
                return known[("*", obj)]
    return None


def _named_pair(chain: list[Token], hit: tuple[str, str | None]) -> bool:
    """Does ``hit`` come from a row naming both the verb and its object ("grant asylum", "cancel
    deal"), in either table, rather than a verb or an event noun alone?"""
    tree = tree_of(chain[0].doc) if chain else None
    if tree is None:
        return False
    for table in (verb_table(), manual_verb_table()):
        for verb in chain:
            lemma = tree.lemmas(verb.i)
            kids = tree.kids(verb.i)
            objects = [tree.lemmas(c) for c in kids if tree.dep[c] in LEXICON_OBJECT_IDS]
            objects += [tree.lemmas(g) for c in kids if tree.dep[c] == PREP for g in tree.kids(c)]
            if any(table.get((lemma, obj)) == hit for obj in objects):
                return True
    return False


@lru_cache(maxsize=1)
def hostile_words() -> frozenset[str]:
    return _word_list("events_statement_words.txt")


@lru_cache(maxsize=1)
def speech_lemmas() -> frozenset[str]:
    return _word_list("events_speech.txt")


def _word_list(name: str) -> frozenset[str]:
    text = resources.files("sayso.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def _overlaps(a: list[Token], b: list[Token]) -> bool:
    return bool(a and b) and a[0].i <= b[-1].i and b[0].i <= a[-1].i


def _ids(*names: str) -> frozenset[int]:
    return frozenset(get_string_id(n) for n in names)


_CODED: dict[tuple[object, ...], tuple[str | None, str | None]] = {}
CORE_DEPS = ("compound", "flat")
CORE_ENTS = ("NORP", "GPE")
CORE_DEP_IDS = _ids(*CORE_DEPS)
CORE_ENT_IDS = _ids(*CORE_ENTS)
LEXICON_OBJECT_IDS = _ids("dobj", "nsubjpass")
DOBJ_IDS = _ids("dobj")
APPOS, CONJ, DOBJ, PREP, OPRD = (get_string_id(n) for n in ("appos", "conj", "dobj", "prep", "oprd"))
CLAUSES_OF_ACTS = frozenset(get_string_id(n) for n in ("acl", "relcl", "advcl", "xcomp"))
POSS = get_string_id("poss")
ADVCL, AGENT, MARK, NSUBJPASS, POBJ, GPE = (
    get_string_id(n) for n in ("advcl", "agent", "mark", "nsubjpass", "pobj", "GPE")
)
CONDITION_IDS = _ids(*CONDITIONS)
IN_FROM_IDS = _ids("in", "from")
PROPN_ID, PRON_ID = (get_string_id(n) for n in ("PROPN", "PRON"))
ACTOR_ENT_IDS = _ids("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC")


def coded(token: Token, date: str | None, mention: list[Token] | None = None) -> tuple[str | None, str | None]:
    """(country, sector) of the mention headed by ``token``; memoised in the document's index
    by (head, date): a head is asked for several times."""
    tree = tree_of(token.doc)
    found = tree.coded.get((token.i, date))
    if found is None:
        indices = [t.i for t in mention] if mention else _span_indices(tree, token.i)
        found = tree.coded[(token.i, date)] = _coded(tree, indices, date)
    return found


def core_code(token: Token, date: str | None, mention: list[Token] | None = None) -> tuple[str | None, str | None]:
    """(country, sector) of the mention's core, as the rankers read every candidate: the head
    with its compounds and the nationality or place words that modify it ("Russian forces",
    "Kim Jong Un", "the Kremlin"), not what else the phrase holds ("the 2016 presidential
    campaign"). Cores recur across documents far more than whole phrases, so the memo mostly
    hits; the rankers were trained on these codes (CV as good as on whole-phrase codes)."""
    tree = tree_of(token.doc)
    indices = [t.i for t in mention] if mention else _span_indices(tree, token.i)
    return _core_code(tree, token.i, indices, date)


# Entity types of names that are no actor: "the Falklands War", "the Patriot Act".
NAMED_THINGS = frozenset({"EVENT", "LAW", "WORK_OF_ART", "PRODUCT", "DATE", "TIME", "MONEY",
                          "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LANGUAGE"})


# Pronouns of persons and groups (and their possessives): "their arms", "held by them".
PERSONAL = frozenset({
    "i", "you", "he", "she", "we", "they", "me", "him", "her", "us", "them", "my", "your", "his",
    "our", "their", "mine", "yours", "hers", "ours", "theirs", "myself", "himself", "herself",
    "ourselves", "themselves", "who", "whom", "whose",
})
# Nouns of organised bodies, actors whatever the coder makes of them alone ("the committee",
# "the campaign", "the party").
BODIES = ACTOR_WORDS["body"]
# Nouns of people in a country's politics ("surrogates", "aides", "donors"), beside the bodies.
POLITICS_PEOPLE = ACTOR_WORDS["domestic_body"]


def no_actor(token: Token, date: str | None) -> bool:
    """Does the noun phrase headed by ``token`` name no actor and speak of none: a common noun
    whose phrase, places and conjuncts left out, holds no name, nationality or pronoun and that the coder
    reads as no person, group, state or organisation ("the outrages in America", "a war",
    "emissions"), or the name of a thing ("the Falklands War")? Pronouns, agent nouns ("the
    midwives", "a man") and what belongs to, is done by or is aimed at an actor ("the decision
    of the Kaduna State Government", "their arms", "sanctions against the court", "two guards
    held by them") are actors or about one."""
    if token.pos_ == "PRON":
        return token.lower_ not in PERSONAL  # ("this is a war", "what happened")
    if token.ent_type_:
        return token.ent_type_ in NAMED_THINGS
    if token.pos_ != "NOUN":
        return False  # (an unknown name, a number: "half of them")
    if token.lemma_.lower() in BODIES:
        return False
    tree = tree_of(token.doc)
    places = {t.i for c in token.children
              if (c.dep_ == "prep" and c.lower_ in PLACE_PREPS) or c.dep_ in ("conj", "cc") for t in c.subtree}
    phrase = [t.i for t in token.subtree if t.i not in places]
    ent, pos = tree.ent, tree.pos
    doc = tree.doc
    if any(ent[j] in ACTOR_ENT_IDS or pos[j] == PROPN_ID or (pos[j] == PRON_ID and doc[j].lower_ in PERSONAL)
           for j in phrase):
        return False
    return _coded(tree, phrase, date) == (None, None)


def _span_indices(tree: Tree, head: int) -> range:
    left, right = mention_span(tree, head)
    return range(left, right + 1)


def _core_code(tree: Tree, head: int, mention: range | list[int], date: str | None) -> tuple[str | None, str | None]:
    """``core_code`` of the head ``head`` whose mention is the token indices ``mention``."""
    dep, ent, heads = tree.dep, tree.ent, tree.head
    core = [j for j in mention if j == head or dep[j] in CORE_DEP_IDS
            or (ent[j] in CORE_ENT_IDS and heads[j] == head)]
    return _coded(tree, core or _span_indices(tree, head), date)


def _coded(tree: Tree, mention: range | list[int], date: str | None) -> tuple[str | None, str | None]:
    """The actor coder's (country, sector) for the tokens ``mention``, memoised by their words,
    tags and entity types (string ids: no Token is built unless the memo misses)."""
    orth, tag, ent = tree.orth, tree.tag, tree.ent
    key = (date, *[x for j in mention for x in (orth[j], tag[j], ent[j])])
    hit = _CODED.get(key)
    if hit is None:
        if len(_CODED) > 50_000:
            _CODED.clear()
        doc = tree.doc
        hit = _CODED[key] = country_sector([doc[j] for j in mention], date)
    return hit


def rank(
    sent: Span, root: Token, date: str | None = "2020-01-01", sources: int = PAIR_SOURCES
) -> tuple[Token | None, list[tuple[float, Token]], float]:
    """Best source noun head of the sentence, target heads by score (best first), source score.
    ``sources``: how many of the source ranker's best the pair ranker may choose among."""
    rankers = RANKERS.get()
    source_model, target_model = rankers.source, rankers.target
    doc = sent.doc
    tree = tree_of(doc)
    # Token indices throughout: Tokens are built only for what is returned.
    cands = candidate_indices(tree, sent)
    if source_model is None or target_model is None or not cands:
        return None, [], 0.0
    spans = [mention_span(tree, c) for c in cands]
    codes = [_core_code(tree, c, range(lo, hi + 1), date) for c, (lo, hi) in zip(cands, spans, strict=True)]
    keys = [
        mention_keys(tree, c, root.i, n, codes[n], sent.start, lo, first_entity(tree, lo, hi))
        for n, (c, (lo, hi)) in enumerate(zip(cands, spans, strict=True))
    ]
    sums = [_ranker_sums(k, rankers) for k in keys]
    source_scores = [source_model.bias + s for s, _ in sums]
    best = max(range(len(cands)), key=source_scores.__getitem__)
    pair_model = rankers.pair
    if pair_model is not None:
        floor = source_scores[best] - PAIR_MARGIN
        tops = [i for i in sorted(range(len(cands)), key=lambda i: -source_scores[i])[:sources] if source_scores[i] >= floor]
        feats = [as_features(k) for k in keys]
        tokens = [doc[c] for c in cands]
        best, ranked = _joint(tokens, [mention_tokens(t) for t in tokens], feats, tops, codes, pair_model)
        scored = [(score, t.i) for score, t in ranked]
    else:
        scored = _targets(tree, cands, spans, [t for _, t in sums], best, target_model)
    source = doc[cands[best]]
    targets = [(score, doc[j]) for score, j in _referents(tree, scored, source.i)]
    if targets and _is_place(targets[0][1]):
        # Prefer a coded actor ("dozens of protesters") to the place ("in Minsk") it was in.
        # Only an argument of the same predicate that is no place itself ("protested against the
        # government in Budapest"); PLV marks the place where nothing else is done to.
        place_governor = governor_index(tree, targets[0][1].i)
        actors = [
            t for t in targets[1:]
            if not _is_place(t[1]) and coded(t[1], date)[1]
            and t[1].ent_type_ not in PLACE_ENTS and governor_index(tree, t[1].i) == place_governor
        ]
        if actors:
            # The predicate's direct object first, where it is coded: what was done ("shot down
            # 30 Ukrainian drones over the Bryansk region") rather than its doer, which a
            # reported clause makes the source ("the ministry said its forces had shot down ...").
            # Only for a place named by a common noun: before a named place ("in the West Bank")
            # the judged rows keep the ranked order (an object there is often a thing).
            noun = _place_noun(targets[0][1])
            chosen = next((t for t in actors if noun and t[1].dep_ == "dobj"), actors[0])
            targets.remove(chosen)
            targets.insert(0, chosen)
    return source, targets, source_scores[best]


class Rankers:
    """The source and target rankers (``events_source.npz``, ``events_target.npz``) and the
    joint pair ranker when there is one (``events_pair.npz``, not shipped), with the tables
    derived from them and the memos of feature-key weights: one object, loaded once
    (``RANKERS``; scripts/train_events.py puts freshly trained ones in its place)."""

    def __init__(self, source: linear.LinearModel | None, target: linear.LinearModel | None,
                 pair: linear.LinearModel | None) -> None:
        self.source, self.target, self.pair = source, target, pair
        # Feature key -> the rankers' weights (None: a binary feature that is off, or, for the
        # source and target pair, a feature neither model has); filled as keys come.
        self.key_weights: dict[Key, tuple[float, float] | None] = {}
        self.target_key_weights: dict[Key, float | None] = {}

    @classmethod
    def shipped(cls) -> Rankers:
        return cls(linear.load("events_source.npz"), linear.load("events_target.npz"),
                   linear.load(PAIR_MODEL))

    @cached_property
    def weights(self) -> dict[str, tuple[float, float]]:
        """Candidate feature -> (source ranker weight, target ranker weight)."""
        source, target = self.source, self.target
        if source is None or target is None:
            return {}
        return {name: (source.weights.get(name, 0.0), target.weights.get(name, 0.0))
                for name in source.weights.keys() | target.weights.keys()}

    @cached_property
    def pair_weights(self) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """The pair model's weights: pair features, source part ("s:"), target part ("t:")."""
        weights = self.pair.weights if self.pair is not None else {}
        parts = {p: {k[2:]: w for k, w in weights.items() if k.startswith(p)} for p in ("s:", "t:")}
        return weights, parts["s:"], parts["t:"]


RANKERS: Once[Rankers] = Once(Rankers.shipped)
TYPES: Once[linear.LinearModel | None] = Once(lambda: linear.load("events_type.npz"))
# "Not in the memo yet", compared by identity: one dictionary lookup a key on the hot path.
_UNSEEN: Any = object()
T = TypeVar("T")


def _learn(known: dict[Key, T | None], key: Key, lookup: Callable[[str], T | None]) -> T | None:
    """Memoise a key's weights the first time it comes (the memo's miss path)."""
    if len(known) > MEMO_CAP:
        known.clear()
    weights = known[key] = None if key[0] in BINARY and not key[1] else lookup(feature_name(key))
    return weights


def _ranker_sums(keys: list[Key], rankers: Rankers) -> tuple[float, float]:
    """Both rankers' weighted sums over a candidate's features (``mention_keys``) in one
    pass, each in the features' order as ``linear.dot`` sums them (biases not added). All
    values are 1.0, or 0.0 for a binary feature that is off, which adds nothing."""
    known = rankers.key_weights
    source = target = 0.0
    for key in keys:
        weights = known.get(key, _UNSEEN)
        if weights is _UNSEEN:
            weights = _learn(known, key, rankers.weights.get)
        if weights is not None:
            source += weights[0]
            target += weights[1]
    return source, target


def _key_sum(keys: list[Key], total: float, model: linear.LinearModel) -> float:
    """``total`` plus the target ranker's weights of ``keys`` (``target_keys_at``), in order."""
    known = RANKERS.get().target_key_weights
    for key in keys:
        weight = known.get(key, _UNSEEN)
        if weight is _UNSEEN:
            weight = _learn(known, key, lambda name: model.weights.get(name, 0.0))
        if weight is not None:
            total += weight
    return total


def _targets(
    tree: Tree,
    cands: list[int],
    spans: list[tuple[int, int]],
    sums: list[float],
    best: int,
    model: linear.LinearModel,
) -> list[tuple[float, int]]:
    """Target candidates (token indices) for the source ``cands[best]`` by the target ranker,
    best first; ``spans``: their mentions' first and last index; ``sums``: the ranker's sums over
    each candidate's own features (``_ranker_sums``)."""
    source = cands[best]
    targets: list[tuple[float, int]] = []
    source_governor = governor_index(tree, source)
    partners = _conjuncts_at(tree, source)
    first, last = spans[best]
    for cand, own, (lo, hi) in zip(cands, sums, spans, strict=True):
        if not (lo <= last and first <= hi) and cand not in partners:  # (mentions that overlap)
            extra = target_keys_at(tree, cand, source, source_governor)
            targets.append((model.bias + _key_sum(extra, own, model), cand))
    targets.sort(key=lambda item: -item[0])
    return targets


def _joint(
    cands: list[Token],
    mentions: list[list[Token]],
    feats: list[linear.Features],
    tops: list[int],
    codes: list[tuple[str | None, str | None]],
    model: linear.LinearModel,
) -> tuple[int, list[tuple[float, Token]]]:
    """The best (source, target) pair by the joint pair ranker among the sources ``tops`` (the
    source ranker's best few); its source's index and its targets by pair score. Sources after
    the first only pair with the ``PAIR_TARGETS`` best targets on their own (speed)."""
    weights, s_weights, t_weights = RANKERS.get().pair_weights
    t_part = [linear.dot(t_weights, f) for f in feats]
    shortlist = sorted(range(len(cands)), key=lambda j: -t_part[j])[:PAIR_TARGETS]
    speech = speech_lemmas()
    chosen, chosen_score = tops[0], -1e9
    chosen_targets: list[tuple[float, Token]] = []
    for n, si in enumerate(tops):
        source = cands[si]
        s_part = model.bias + linear.dot(s_weights, feats[si])
        tree = tree_of(source.doc)
        source_governor = governor_index(tree, source.i)
        partners = _conjuncts_at(tree, source.i)
        scored: list[tuple[float, int]] = []
        for j in range(len(cands)) if n == 0 else shortlist:
            if _overlaps(mentions[j], mentions[si]) or cands[j].i in partners:
                continue
            extra = as_features(target_keys_at(tree, cands[j].i, source.i, source_governor))
            scored.append((s_part + t_part[j] + linear.dot(weights, extra), j))
        scored.sort(key=lambda item: -item[0])
        # The pair's own features only for its best few targets (the rest keep their order).
        best_few = sorted(
            ((score + linear.dot(weights, pair_features(source, cands[j], speech, (codes[si], codes[j]))), j)
             for score, j in scored[:PAIR_TARGETS]),
            key=lambda item: -item[0],
        )
        floor = min((score for score, _ in best_few), default=0.0)
        rest = [(min(score, floor), j) for score, j in scored[PAIR_TARGETS:]]
        ranked = [(score, cands[j]) for score, j in best_few + rest]
        top = ranked[0][0] if ranked else s_part
        if top > chosen_score:
            chosen, chosen_targets, chosen_score = si, ranked, top
    return chosen, chosen_targets


def _conjuncts_at(tree: Tree, source: int) -> set[int]:
    """Token indices of the coordination of token ``source`` ("Russia and China vetoed..."):
    fellow doers, not recipients (``_partner`` pairs them when the act has no other recipient).
    As ``Token.conjuncts`` finds them: up the ``conj`` links to the first conjunct, then down
    its right ``conj`` children, breadth first."""
    heads, dep = tree.head, tree.dep
    start = source
    while heads[start] != start and dep[start] == CONJ:
        start = heads[start]
    found = {source, start}
    queue = [start]
    for word in queue:
        for child in tree.kids(word):
            if child > word and dep[child] == CONJ:
                found.add(child)
                queue.append(child)
    return found


def _referents(tree: Tree, targets: list[tuple[float, int]], source: int) -> list[tuple[float, int]]:
    """An apposition names the same referent as its head ("Bhutan, a majority-Buddhist nation";
    "the ruler, Gen. Musharraf"): rank the head instead, and never the source itself."""
    out: list[tuple[float, int]] = []
    seen = {source}
    learned = encoded(tree.doc)
    for score, token in targets:
        head = _title_holder(tree.doc[token]).i if learned and tree.dep[token] == POBJ else token
        head = _described(tree.doc[head]).i if learned and tree.dep[head] == OPRD else head
        head = tree.head[head] if tree.dep[head] == APPOS else head
        head = _possessed_people(tree.doc[head]).i if learned and tree.dep[head] == POSS else head
        if head not in seen and token not in seen:
            seen.update((head, token))
            out.append((score, head))
    if learned:
        # (stable: the doer's own phrase after the rest, its conjuncts excepted)
        out.sort(key=lambda item: _in_doers_phrase(tree, item[1], source))
    return out


def _in_doers_phrase(tree: Tree, token: int, source: int) -> bool:
    """Default mode: is ``token`` a word of the doer's own phrase, not one of its conjuncts
    ("Fighters loyal to Ouattara arrested his rival", "Family members of the victims from a
    Mormon community filed a lawsuit", "Workers at the mine in Peru went on strike"): a
    description of the doer, not whom the act is done to."""
    doc = tree.doc
    noun = doc[source]
    if noun.lemma_.lower() in MATERIAL_ACT_NOUNS or _act_noun(noun):
        return False  # (an act as the doer names its target itself: "a strike on a school bus")
    heads, dep = tree.head, tree.dep
    i = token
    while heads[i] != i:
        if dep[i] == CONJ and heads[i] == source:
            return False
        if dep[i] in CLAUSES_OF_ACTS:
            # (a clause of the doer's doing, not a description: "Khan, called Erdogan a brother,
            # ...", "troops trying to arrest a wanted man shot him")
            return False
        i = heads[i]
        if i == source:
            return True
    return False


def _possessed_people(token: Token) -> Token:
    """Default mode: a possessor ranked as the target ("criticized her surrogates", "praised the
    senator's donors") gives way to the people it possesses where they are actors of their own
    (a noun the actor lists give a sector, or a body's word): they are whom the act is aimed
    at. A possessed thing stays with its owner ("rejected Trump's offer": the owner is the one)."""
    noun = token.head
    if noun.i == token.i or noun.pos_ != "NOUN":
        return token
    lemma = noun.lemma_.lower()
    # (the noun alone, not its phrase: "Trump's offer" holds a name, "offer" codes nothing)
    alone = _coded(tree_of(noun.doc), [noun.i], None)[1] is not None
    return noun if lemma in BODIES or lemma in POLITICS_PEOPLE or alone else token


def _described(token: Token) -> Token:
    """Default mode: "called the judge a hater", "named him a traitor": the object predicate
    describes the direct object, it is no referent of its own; the direct object is."""
    return next((c for c in token.head.children if c.dep_ == "dobj"), token)


def _title_holder(token: Token) -> Token:
    """Default mode: the word of an office's name after a title's "of" ("the former secretary of
    state", "the leader of the opposition", "Secretary of State John Kerry") names no referent
    of its own; the title's holder is the referent: the name the title precedes, else the title
    noun. A name after "of" ("the leader of Hamas", "president of Russia") is left as it is."""
    prep = token.head
    if prep.lower_ != "of" or prep.dep_ != "prep" or not (token.pos_ == "NOUN" or token.lower_ in BODIES):
        return token
    title = prep.head
    if title.lower_ not in titles() or title.pos_ not in ("NOUN", "PROPN"):
        return token
    if title.dep_ in ("nmod", "compound") and title.head.pos_ == "PROPN":
        return title.head  # (the name the title precedes)
    return title


def _place_noun(token: Token) -> bool:
    """A place named by a common noun ("over the Bryansk and Oryol regions"; default mode only)."""
    return encoded(token.doc) and _name_head(token).lower_ in PLACE_NOUNS


def _name_head(token: Token) -> Token:
    """The noun a name part belongs to: "Kursk" of "the Belgorod and Kursk regions" -> "regions"."""
    while token.dep_ in NAME_PARTS and token.head.i != token.i:
        token = token.head
    return token


def _is_place(token: Token) -> bool:
    """"in Minsk", "near Kharkiv": where the act happened, not whom it was done to. Default
    mode also "over the Kursk region", "near the border": a place noun after "over" too (drones
    are shot down over a region; that region is not their owner)."""
    if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS and token.ent_type_ in PLACE_ENTS:
        return True
    if not _place_noun(token):
        return False
    noun = _name_head(token)
    return noun.dep_ == "pobj" and (noun.head.lower_ in PLACE_PREPS or noun.head.lower_ == "over")


def _on_a_platform(token: Token) -> bool:
    """"on Twitter", "via Facebook", "on television": a platform (``platform``) as the object of
    "on"/"via" that hangs on a verb or a name, not on a noun ("a ban on Twitter")."""
    if token.dep_ != "pobj" or token.head.lower_ not in ("on", "via") or token.lower_ not in PLATFORMS:
        return False
    return token.head.head.pos_ != "NOUN"


def classify(
    sent: Span, frame: Frame, source: Token | None, target: Token | None, cue: str | None, date: str | None = "2020-01-01"
) -> tuple[str, float]:
    model = TYPES.get()
    direct = cue_events().get(cue or "")
    if model is None:
        return (direct, 0.6) if direct else ("", 0.0)
    probs = model.probabilities(frame_features(sent, frame.chain, source, target, cue))
    if source is not None and coded(source, date)[1] in STATE_SECTORS:
        # The manual: PROTEST is civilian collective action; forces or a government blocking a
        # boat or a road restrict it (COERCE), they do not demonstrate.
        probs.pop("PROTEST", None)
    kind = max(probs, key=probs.__getitem__)
    if direct and probs.get(direct, 0.0) * 2 >= probs[kind]:
        # The statement's own verb ("threatened", "accused") outranks a close content reading.
        return direct, max(probs[direct], 0.5)
    return kind, probs[kind]


def find(sent: Span, cue: str | None = None, date: str | None = "2020-01-01", quoted: bool = False) -> Found | None:
    """``quoted``: the sentence is a direct quote with its cue (the words are the speaker's own)."""
    found, switched = _find(sent, cue, date, quoted)
    if switched and (found is None or found.type not in VERBAL_CONFLICT):
        # The speaker's reading only stands as a verbal act (a threat, an accusation...); a
        # quote reporting a concession or an attack by someone else stays that actor's act.
        found, _ = _find(sent, cue, date, False)
    return found


def _find(sent: Span, cue: str | None, date: str | None, quoted: bool) -> tuple[Found | None, bool]:
    """The event and whether the quote's speaker replaced the ranked doer."""
    switched = False
    root = main_verb(sent)
    if encoded(sent.doc):
        root = _timed_act(root)
    frame = frame_for(root, speech_lemmas())
    # A statement is the speaker's act: the source ranker's doer stays the source, which the
    # statement rules below read ("Lavrov said French troops are in Ukraine" is no pair of
    # troops and Ukraine); the pair ranker picks its target.
    source, targets, source_score = rank(sent, root, date, 1 if frame.speech is not None else PAIR_SOURCES)
    target = _recipient(targets, date)
    if source is None:
        source, target = frame.source, frame.target
    elif source_score < MIN_SOURCE_SCORE and cue is None:
        return None, switched  # (a statement's doer is its speaker, however odd the parse)
    if source is None:
        return None, switched
    source, target = passive_doer(source, target)
    if source is None:
        return None, switched  # a passive with no doer named: nobody to code as the source
    learned = encoded(sent.doc)  # default mode (not --fast)
    if learned and frame.speech is None:
        source, target = _done_after(source, target, date)
        source = _subject_over_clause(root, source, date)
    if learned:
        source, target = _held_in(source, target, date)
        source, target = _act_by(source, target, targets, date)
    if not (learned and target is not None and _answered(frame.chain)):
        # (default mode: coordinated doers of a response to something, "Chamisa and his party
        # have rejected the election results", stay one source; PLV marks what they answer)
        source, target = _partner(source, target, date)
    elif learned:
        target = _fellow_doer(targets, source, target)
    if learned and frame.speech is None:
        target = _past_the_frame(targets, source, target)
        source, target = _joint_parties(frame.chain, source, target, date)
        target = _sent_to(frame.trigger, source, target)
        target = _prep_recipient(frame.trigger, source, target, date)
        target = _against_over_venue(frame.trigger, source, target, date)
        target = _for_whom(frame.trigger, target, date)
        target = _object_or_place(frame.trigger, source, target, date)
        target = _with_recipient(frame.chain, source, target, date)
        target = _proposer(frame.chain, source, target, date)
        target = _declared_place(frame.trigger, source, target, date)
        source, target = undergoing(frame.trigger, source, target, date)
        target = _actor_over_act(frame.trigger, targets, source, target, date)
    if target is not None and learned and _role(target, date):
        target = None  # "resigned as CEO", "was named as ambassador": a position, no recipient
    sure_pair = (
        PAIR_SURE is not None and bool(targets) and target is not None and target.i == targets[0][1].i
        and RANKERS.get().pair is not None and targets[0][0] >= PAIR_SURE
    )
    statement = frame.speech is not None and frame.speech.i < frame.trigger.i
    reported = False
    if quoted and _about_other(frame, source, date):
        # '"..., they will become targets," Lavrov told reporters': the quote's actor is whom
        # the speaker's statement is about, not its doer.
        source, target, statement = frame.source or source, _quoted_target(frame, source, date), True
        switched = True
    kind, probability = classify(sent, frame, source, target, cue, date)
    if not kind or probability < MIN_TYPE_PROBABILITY:
        return None, switched
    done_by = reduced_passive(source, kind) if learned and frame.speech is None else None
    if done_by is not None:
        source, target = done_by, source
    if learned and target is not None and kind in VERBAL_CONFLICT + COOPERATIVE + ("AGREE", "CONCEDE") \
            and _on_a_platform(target):
        # "Saudi prince mocks Trump on Twitter": the platform is where the words were put, not
        # whom they were about; the next ranked target that is no platform and no source.
        target = _recipient([t for t in targets if not _on_a_platform(t[1]) and t[1].i != source.i], date)
    mode = None
    read = kind
    hit = lexicon_hit(frame.chain)
    if hit is None and learned:
        hit = _event_subject(frame.chain)
    if hit is None and learned:
        hit = _restriction(frame.chain)
        if hit is not None:
            # (the manual's own definition of the mode: neither the rules' model nor the
            # classifier, trained on PLV's YIELD and ASSAULT readings of closures, overrules it)
            kind, probability = hit[0], max(probability, MANUAL_SURE)
    if hit is None and learned:
        # (default mode: more predicates the manual names; active voice only, "protests were
        # held in Ohio" names no one who protested)
        hit = _table_hit(frame.chain, manual_verb_table(), DOBJ_IDS) or _compound_hit(frame.chain)
    cue_kind = learned and statement and kind == cue_events().get(cue or "")
    if hit is not None and cue_kind and not _named_by_cue(frame, hit):
        # (default mode: "warned the government that Washington would scale back cooperation
        # should Huawei be given a role": the speaker's verbal act its cue names, which the reading
        # agrees with, is the act; a predicate inside what was said, "given", is not)
        hit = None
    if hit is not None and (probability < LEXICON_BELOW or (hit[0], kind) == ("SANCTION", "COERCE")
                            or (learned and hit[0] != kind and not frame.negated and _named_pair(frame.chain, hit))):
        # (default mode: a predicate and object the tables name together, "granted asylum",
        # "cancelled the deal", outrank the classifier's reading of the words around them; not
        # a negated one, "will not lift the embargo", whose refusal the reading carries)
        kind, probability = hit[0], max(probability, LEXICON_BELOW)
    if hit is None and probability < LEXICON_BELOW and not cue_kind:
        kind, probability = _dominant_reading(frame.chain, kind, probability)
    if hit is not None and hit[0] == kind:
        mode = hit[1]
    if statement and frame.speech is not None and learned and is_outlet(source, date):
        # "Xinhua reported that Chinese troops fired ...": a news outlet reports, it does not
        # act; the event is the act its content reports, done by the content's subject, or none.
        act = _outlet_act(sent, frame, source, targets, date)
        if act is None:
            return None, switched
        source, target = act
        reported = True
        if hit is not None:
            kind, probability, mode = hit[0], max(probability, LEXICON_BELOW), hit[1]
        else:  # (the content's own reading, its subject the doer: not the statement's)
            kind, probability = classify(sent, replace(frame, chain=frame.chain[1:]), source, target, None, date)
            if not kind or probability < MIN_TYPE_PROBABILITY:
                return None, switched
    elif statement and frame.speech is not None:
        # "Lavrov said French troops...": a statement led by its speaker is the speaker's act.
        ranked = target
        target = _statement_target(frame, target, source, date, targets)
        if learned:
            target = _actor_over_place_spoken(frame, ranked, target, date)
            target = _past_own_subject(frame, target, source, date, targets)
            target = _person_spoken_of(frame, target, source, date)
        if cue not in cue_events():
            before = kind
            kind, probability = _statement_type(frame, kind, probability)
            hit = (kind, None) if kind != before else hit
        passive = _reported_passive(frame, source, kind, date) if learned and cue not in cue_events() else None
        act = _reported_act(frame, source, hit, targets, date) if learned and passive is None \
            and cue not in cue_events() else None
        other = _told_act(frame, source, kind, cue, targets, date) if learned and act is None and passive is None \
            else None
        if passive is not None:
            # "Kerry said the Iranians released by the United States were ...": the content's
            # subject is the one the participle's act was done to, its agent the doer.
            source, target, reported = passive[0], passive[1], True
        elif act is not None and hit is not None:
            source, target, reported = act[0], act[1], True
            kind, probability, mode = hit[0], max(probability, LEXICON_BELOW), hit[1]
        elif other is not None:
            # "Roberts says the U.S. military is training Iraqi pilots", "Saavedra says Italy and
            # Spain have refused to allow the plane": the content's own act, read as no verbal
            # act of the speaker's, is its subject's (the manual codes the reported act).
            source, target, reported = other[0], other[1], True
        elif learned and cue in PLAIN_CUES and not frame.negated and _blame_laid(frame, source):
            # "The government said Taliban militants were responsible": the content lays the
            # blame on its subject; the speaker's act is the manual's ACCUSE `allege'.
            kind, probability, mode, hit = "ACCUSE", max(probability, LEXICON_BELOW), "allege", ("ACCUSE", "allege")
        elif learned and kind == "ACCUSE" and cue in PLAIN_CUES and (own := _own_act(frame, source)) is not None:
            # "The army said it had launched airstrikes on ...", "Trump said he cancelled the deal":
            # a plain statement whose content's subject is the speaker itself reports the
            # speaker's own act, which accuses no one: the category its predicate names.
            kind, probability, mode, hit = own[0], max(probability, LEXICON_BELOW), own[1], own
        elif learned and kind == "ACCUSE" and cue in PLAIN_CUES and _own_side(frame, source, date):
            # "Hill confirmed Australian troops arrived in Afghanistan", "An Israeli military source
            # said the soldiers shot four Palestinians": a plain statement about an act of the
            # speaker's own side reports that act; the speaker accuses nobody. The event is the
            # content's act, done by its subject (its lexicon reading, else the model's reading of
            # the content alone), or none.
            act = _outlet_act(sent, frame, source, targets, date) or _own_force_act(frame, source, targets, date)
            if act is None:
                return None, switched
            said = lexicon_hit(frame.chain[1:])  # (the content's own verbs, not the statement's reading)
            if said is not None:
                source, target = act
                reported = True
                kind, probability, mode = said[0], max(probability, LEXICON_BELOW), said[1]
            else:
                read_as, chance = classify(sent, replace(frame, chain=frame.chain[1:]), act[0], act[1], None, date)
                if not read_as or chance < MIN_TYPE_PROBABILITY:
                    return None, switched
                if read_as != "ACCUSE":  # (the content's reading is blame again: the statement stays as it was)
                    source, target = act
                    reported = True
                    kind, probability = read_as, chance
    if _first_person(frame) and _forceful(frame.trigger) and not frame.negated:
        # '"We will strike Ukraine," said the minister': the speaker's own force announced
        # (the quote before or after its speaker) is the speaker's threat, not a promise.
        kind, probability, mode = "THREATEN", max(probability, 0.5), None
    if learned and (told := _untold(frame))[0] and _eased(told[1]):
        # The manual's RETREAT: "ending sanctions, easing curfews and boycotts" ("U.S. reduced
        # tariffs on", "has repealed the Israel Boycott Law"), not the restriction's SANCTION;
        # announced or agreed to, the rule below makes it AGREE, refused REJECT.
        mode = hit[1] if hit is not None and hit[0] == "RETREAT" else None
        kind, probability, hit = "RETREAT", max(probability, LEXICON_BELOW), ("RETREAT", mode)
    if kind in COOPERATIVE + YIELDING and _promised(frame.chain) and not frame.negated:
        # The manual: cooperation (or a concession, CAMEO 035x) announced for the future or
        # agreed to is an intention, AGREE.
        kind, mode = "AGREE", None
    manual = _manual_kind(frame, kind) if learned else None
    if manual is not None:
        kind, probability, mode, hit = manual, max(probability, LEXICON_BELOW), None, (manual, None)
    if manual in FORCE_ACTS and target is not None:
        # "sent fighter jets to destroy the reactor": the force sent is the doer's own; the one
        # the act is done to is the purpose's object (default mode).
        target = _purpose_object(frame.chain, target)
    if learned and not frame.negated and kind != "REQUEST" and _asked_to(frame.chain):
        # "called on the governor to apologize", "told the rebels to release the hostages": the
        # asking is the act (the manual's REQUEST), not the concession or release asked for.
        kind, probability, mode, hit = "REQUEST", max(probability, LEXICON_BELOW), None, ("REQUEST", None)
    if learned and kind == "RETREAT" and text_released(frame.chain):
        # "released a statement in opposition to the deal", "sent out a press release saying ...":
        # a text put out is a verbal act; the manual's RETREAT releases persons, property or
        # territory. The model's likeliest verbal reading of the predicate, or no event.
        named = _text_act(frame.chain)
        verbal = (named, probability) if named is not None else _verbal_reading(sent, frame, source, target, cue)
        if verbal is None:
            return None, switched
        kind, mode, hit = verbal[0], None, (verbal[0], None)
        probability = max(probability, LEXICON_BELOW)
    refused = frame.negated and (_refusal(frame.chain, kind) or (learned and (kind, mode) == ("RETREAT", "access")))
    if refused:
        # "Israel will not release prisoners": a concession or cooperation refused for the
        # future is a rejection (the manual's REJECT); the negation is the rejection itself.
        # (Default mode: permission or approval withheld, "did not give permission for the
        # rally", is a refusal too, past or future.)
        kind, mode = "REJECT", mode if kind == "REJECT" else None
    spoken = cue_events().get(cue or "")
    if (learned and spoken == "ACCUSE" and kind in MATERIAL_CONFLICT and frame.trigger.i == root.i
            and _spoken_reading(root, spoken, source, target, date)):
        # "The governor blasted the budget", "hit out at Moscow": a verb of speaking the
        # attribution tagger reads as criticism or a threat is that verbal act, not force.
        kind, probability, mode = spoken, max(probability, LEXICON_BELOW), None
    if kind in MATERIAL_CONFLICT and (_conditional(frame.chain) or is_future(frame.chain)) and not frame.negated:
        # The manual: force or coercion announced or made conditional ("If Israel attacks, Iran
        # will strike back", "will extend the curfew") is a threat, not the act.
        kind, mode = "THREATEN", None
    if learned and kind == "PROTEST" and _announced(frame):
        # The manual's THREATEN `restrict' names boycotts and strikes: a protest announced or made
        # conditional ("will boycott the meeting", "will hold a protest outside the embassy") is
        # a threat of it, as force announced is above (default mode).
        kind, mode = "THREATEN", "restrict" if mode in RESTRICTING_PROTESTS else None
    if learned and kind == "REJECT":
        target = _conditioned_on(frame.chain, source, target, date)
    if kind == "MOBILIZE" and target is not None:
        target = _destination(target)
    between_states = (
        probability >= BETWEEN_STATES and target is not None
        and (sure_pair or bool(coded(source, date)[0] and coded(target, date)[0]))
    )
    if probability < SURE and not between_states and not _evidence(frame.chain, kind, cue, hit):
        return None, switched
    more = _coordinated(target, date)
    ruled = kind != read or hit is not None or kind == cue_events().get(cue or "")
    return Found(frame, source, target, kind, probability, more, mode, refused, ruled, reported), switched


def _compound_hit(chain: list[Token]) -> tuple[str, str | None] | None:
    """Default mode: a verb and object the manual's table names together where the object is the
    first word of a compound ("will extend the curfew order": extend curfew), or None."""
    known = manual_verb_table()
    for verb in reversed(chain):
        lemma = verb.lemma_.lower()
        for obj in verb.children:
            if obj.dep_ != "dobj":
                continue
            for word in obj.children:
                if word.dep_ == "compound" and (lemma, word.lemma_.lower()) in known:
                    return known[(lemma, word.lemma_.lower())]
    return None


def _named_by_cue(frame: Frame, hit: tuple[str, str | None]) -> bool:
    """Does ``hit`` come from the statement's own verb ("warned", "accused"), not from one inside
    what was said?"""
    speech = frame.speech
    return speech is not None and lexicon_hit([speech]) == hit


# "as part of its programme": the frame an act belongs to, not whom it is done to.
FRAME_NOUNS = ("part",)


def _past_the_frame(targets: list[tuple[float, Token]], source: Token, target: Token | None) -> Token | None:
    """Default mode: a ranked target inside an "as part of ..." phrase ("offer an aid package to
    the cultural sector as part of its New Start for Culture programme") names the programme or
    deal the act belongs to, not whom it is done to: the best ranked candidate outside it."""
    if target is None or _framing(target) is None:
        return target
    return _best_other(targets, source, lambda token: _framing(token) is None) or target


def _best_other(targets: list[tuple[float, Token]], source: Token,
                outside: Callable[[Token], bool]) -> Token | None:
    """The best ranked candidate outside the source's phrase for which ``outside`` holds, or None."""
    return next((t for _, t in targets if t.i != source.i and t not in source.subtree and outside(t)), None)


def _framing(token: Token | None) -> Token | None:
    """The "as" of an "as part of" phrase holding ``token``, if any."""
    while token is not None and token.head.i != token.i:
        if token.lower_ == "as" and token.dep_ == "prep" and any(
                c.dep_ == "pobj" and c.lemma_.lower() in FRAME_NOUNS for c in token.children):
            return token
        if token.lower_ == "during" and token.dep_ == "prep":
            return token  # (when: "condemned the attack on a church during a mass in Quetta")
        token = token.head
    return None


# Verbs that only place their subject in time ("The move came after ..."), and the marks of
# the clause that names the act it came after.
TIMING_VERBS = ("come", "follow")
TIMING_MARKS = ("after", "as", "amid", "following", "when")


def _timed_act(root: Token) -> Token:
    """Default mode: "The move came after the government released 100 prisoners", "This comes
    days after the EU issued a statement criticising ...": a predicate that only says when an
    act (an act noun or a pronoun standing for one) happened reports the act of its time
    clause; that clause's verb is the sentence's predicate. Not a statement there ("That came a
    day after the army said it had launched airstrikes"): the sentence's own reading stays."""
    if root.lemma_.lower() not in TIMING_VERBS:
        return root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return root
    if not (subject.pos_ == "PRON" and subject.lower_ not in PERSONAL or _act_noun(subject)):
        return root  # ("The minister came after the talks": a person's coming is the act)
    for clause in root.children:
        if clause.dep_ != "advcl" or clause.pos_ != "VERB":
            continue
        if clause.lemma_.lower() in speech_lemmas():
            continue
        if any(c.dep_ == "mark" and c.lower_ in TIMING_MARKS for c in clause.children):
            return clause
    return root


def _done_after(source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """Default mode: a passive with no doer named whose ranked source is the one done to, or a
    word of its phrase ("Chun Doo Hwan and Roh Tae Woo were freed this morning after South
    Korea's Cabinet approved a pardon", "The two functionaries of NC ... were released after the
    government revoked PSA against them"): the actor whose act the time clause names (its
    subject, a coded actor, no pronoun) did it; the passive's subject is the target."""
    subject = next((t for t in [source, *source.ancestors] if t.dep_ == "nsubjpass"), None)
    if subject is None or any(c.dep_ == "agent" for c in subject.head.children):
        return source, target
    verb = subject.head
    for clause in verb.children:
        if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ in TIMING_MARKS for c in clause.children):
            continue
        doer = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if doer is None or doer.pos_ == "PRON" or doer in subject.subtree:
            continue
        if doer.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or any(coded(doer, date)):
            return doer, subject
    return source, target


def _subject_over_clause(root: Token, source: Token, date: str | None) -> Token:
    """Default mode: a ranked source inside an adverbial clause of the predicate ("After Israel
    allowed Palestinians to import cattle, the PA lifted its boycott"): that clause's actor did
    the clause's act; the predicate's own subject, where it names an actor, is the doer."""
    if not any(t.dep_ == "advcl" and t.head.i == root.i for t in [source, *source.ancestors]):
        return source
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON" or subject.ent_type_ in NAMED_THINGS:
        return source  # ("Tuesday marks four weeks since Donald Trump won ...": no doer)
    return subject if _names_actor(tree_of(root.doc), subject, date) else source


def _manual_kind(frame: Frame, kind: str) -> str | None:
    """Default mode: the category the manual gives the predicate whatever the reading ``kind``,
    or None; where several rules hold, the last one read here decides."""
    manual: str | None = None
    # (an act reported before its speaker, "Pakistan has refused to send troops, the ministry
    # said", is read like one told by no one: the content's own verbs)
    untold, chain = _untold(frame)
    if _finalized(frame) and not (frame.negated or frame.hypothetical or is_future(frame.chain)):
        # The manual's SUPPORT: "ratify, sign, or finalize an agreement or treaty" ("reached an
        # agreement with", "have agreed a trade deal"); a promise to sign stays AGREE.
        manual = "SUPPORT"
    if untold and not frame.negated and _offered(chain):
        # The manual's AGREE: "agree to, offer, promise ... to cooperate": an offer to send
        # troops to help an ally is no threat, nor the act itself.
        manual = "AGREE"
    if not frame.negated and _ceasefire_violated(frame.chain):
        # CAMEO 196 "violate ceasefire" is ASSAULT (the 2021 table); not the ceasefire's RETREAT.
        manual = "ASSAULT"
    if (untold and not frame.negated and (manual or kind) in ("MOBILIZE", "COOPERATE", "ASSAULT")
            and _peacekeeping(chain)):
        # CAMEO 074 "provide military protection or peacekeeping" is AID: troops sent on a
        # peacekeeping mission, observers deployed, are no mobilisation against anyone.
        manual = "AID"
    if untold and _declined(chain):
        # "Pakistan has refused to provide military aid to Saudi Arabia", "refuses to lift the
        # ban": refusing to act is the manual's REJECT, whatever the act refused.
        manual = "REJECT"
    if untold and not frame.negated and not _promised(chain) and _joint_drill(chain):
        # The manual: "military cooperation or defense should be coded as COOPERATE": exercises
        # held together ("Brazil and Argentina staged joint war games") are no mobilisation
        # (agreed to or announced they stay an intention, AGREE).
        manual = "COOPERATE"
    if untold and not frame.negated and _called_to_commend(chain):
        # The manual's SUPPORT: "express support for, commend": a call or visit made to
        # congratulate or to express support is that support, not only a consultation.
        manual = "SUPPORT"
    if untold and not (frame.negated or _promised(frame.chain)) and _material_support(chain):
        # The manual's SUPPORT is "only for political, diplomatic, and non-material support";
        # material aid is AID: "supported economic assistance to", "Australian aid supported ...",
        # "has received logistics and financial support from" (promised or agreed to, it stays AGREE).
        manual = "AID"
    if untold and not (frame.negated or _promised(frame.chain)) and _information_shared(chain):
        # The manual's COOPERATE: "voluntary exchanges or sharing of intelligence and other
        # significant information" ("gave account information to the Indian government"), not
        # the AID a verb of giving alone would say (agreed to, "agreed to share information", AGREE).
        manual = "COOPERATE"
    if untold and not frame.negated and _committed_to_cooperate(chain):
        # The manual's AGREE: "indicate willingness or commitment to cooperate": "reiterated the
        # commitment of the organization to collaborate with ..." (a commitment to support, "to
        # supporting Lebanon's sovereignty", is that support: SUPPORT, as before).
        manual = "AGREE"
    if untold and not (frame.negated or is_future(frame.chain)) and _expressed_support(chain):
        # The manual's SUPPORT: "express support for": support pledged or declared ("pledged
        # his full support for the initiative", "declared its support for the deal") is given
        # in the words, no promise of a later act (AGREE) nor a concession.
        manual = "SUPPORT"
    if (manual or kind) not in MATERIAL_CONFLICT + VERBAL_CONFLICT and _willing(frame.trigger):
        # The manual's AGREE: "indicate willingness or commitment to cooperate": "is ready to
        # contribute air support to", "is willing to withdraw its troops" (not "must be ready");
        # a willingness denied, "is not willing to withdraw", is a refusal (REJECT).
        manual = "REJECT" if _willingness_denied(frame.trigger) else "AGREE"
    if untold and not (frame.negated or is_future(frame.chain)) and _plan_approved(chain):
        # The manual's SUPPORT: "approve policy, action": "agreed to the dual track approach",
        # "accepted the comprehensive proposal submitted by" (not "agreed to act": AGREE).
        manual = "SUPPORT"
    written = _written_act(chain) if untold and not frame.negated else None
    if written is not None:
        # "sent a letter to the WHO threatening to pull funding": the verbal act is what the
        # letter does (THREATEN, ACCUSE, REQUEST...), not the sending (AID) of it.
        manual = written
    named = _named_speech_act(chain) if untold and not frame.negated else None
    if named is not None:
        # "offered scathing criticism of", "lodged a protest with", "issued a warning to": the
        # light verb's object names the verbal act (ACCUSE, THREATEN, REQUEST), not the verb.
        manual = named
    if untold and not frame.negated and _called_to_discuss(chain):
        # The manual's CONSULT `phone' (CAMEO 041 "discuss by telephone"): "called the Ethiopian
        # president to explain ...", not the support or the words the model reads around it.
        manual = "CONSULT"
    forceful = untold and not frame.negated and kind not in MATERIAL_CONFLICT
    force = _purpose_force(chain) if forceful else None
    if force is not None:
        # "sent fighter jets to destroy the reactor", "launched operations to detain ...": the
        # force a purpose clause names is the act (ASSAULT, COERCE), not the sending.
        manual = force
    retreat = untold and not frame.negated and (manual or kind) == "RETREAT"
    if retreat and _resources_withdrawn(chain):
        # The manual's SANCTION `withdraw': "one's non-military resources (e.g., aid, observers,
        # diplomats, peacekeepers)" withdrawn, not the RETREAT of troops ("withdrew its
        # peacekeepers from Liberia").
        manual = "SANCTION"
    if untold and not frame.negated and (manual or kind) == "ACCUSE" and _imprisoned(chain):
        # The manual: "Convictions that result in imprisonment should also be coded as COERCE
        # `arrest'" ("convicted ... and sentenced him to seven years in prison"): where the reading
        # is an accusation, which the manual never gives a court's conviction (PLV's convention);
        # SANCTION `convict', the manual's other reading, stays.
        manual = "COERCE"
    if (manual or kind) == "COERCE" and _in_absentia(frame.trigger):
        # The manual: "Issuing an in-absentia arrest should be coded as a THREATEN `arrest'".
        manual = "THREATEN"
    answer = _answer_kind(chain) if untold and not frame.negated else None
    # CAMEO 12x "reject a request/proposal" is REJECT, 083 "accede to requests or demands"
    # CONCEDE: the answer's verb decides, not what was asked for.
    return answer or manual


def _untold(frame: Frame) -> tuple[bool, list[Token]]:
    """Is the predicate told by no speaker, or only by one after it ("Pakistan has refused to
    send troops, the ministry said")? With the chain of its own verbs (the speech verb the
    chain starts from left out)."""
    speech = frame.speech
    if speech is None:
        return True, frame.chain
    if speech.i > frame.trigger.i and len(frame.chain) > 1 and frame.chain[0].i == speech.i:
        return True, frame.chain[1:]
    return False, frame.chain


# Cue classes of plain statements (cue_classes.tsv): saying, claiming, reporting, believing...
PLAIN_CUES = frozenset({"say", "report", "claim", "believe", "explain", "predict", "show", "insist",
                        "confirm", "respond"})
# Sectors of security forces: with no country named, those a speaker reports are the speaker's own.
SECURITY_SECTORS = ("MIL", "COP")


def _own_side(frame: Frame, speaker: Token, date: str | None) -> bool:
    """Default mode: is the content of a statement an act of the speaker's own side: its subject
    an actor of the speaker's country ("the Pentagon says the US military is ..."), or security
    forces of no country named ("an Israeli military source said the soldiers shot ...")?"""
    about = _content_subject(frame.trigger)
    if about is None or about.pos_ == "PRON" or about.i == speaker.i or about.dep_ != "nsubj":
        return False
    country, sector = coded(about, date)
    own = coded(speaker, date)[0]
    if own is not None and _speakers_own(about, speaker, date):
        return True  # ("the military said its aircraft struck ...": the speaker's own force)
    if country is not None:
        return country == own
    return own is not None and sector in SECURITY_SECTORS


# Possessive pronouns a statement's content may use for its speaker, as the pronoun they stand for.
POSSESSIVE_PRONOUNS = {"its": "it", "their": "they", "his": "he", "her": "she"}


def _speakers_own(about: Token, speaker: Token, date: str | None) -> bool:
    """Is the content's subject the speaker's own armed personnel or equipment, by a possessive
    pronoun that can be the speaker ("the ministry said its forces had shot down ...", "its
    aircraft struck ...")? The manual codes a state's military personnel and equipment as that
    state (MIL): the act is the speaker's side's. Not other people ("his critics attacked ...")."""
    if about.lower_ not in WEAPONS and coded(about, date)[1] not in ARMED:
        return False
    for child in about.children:
        word = POSSESSIVE_PRONOUNS.get(child.lower_)
        if child.dep_ == "poss" and word is not None:
            return _pronoun_is(word, speaker)
    return False


# Pronouns a statement's content may use for its speaker: a person, or a body or a country
# (singular "it", or "they" for a body or a plural noun).
PERSON_PRONOUNS = frozenset({"he", "she"})
PLURAL_TAGS = ("NNS", "NNPS")


def _own_act(frame: Frame, speaker: Token) -> tuple[str, str | None] | None:
    """Default mode: the category of the speaker's own act that a plain statement reports,
    when the content's subject is a pronoun that agrees with the speaker ("the Israeli military
    said it launched airstrikes", "Trump said he cancelled the deal") and its predicate names
    a category (the lexicon or the manual's table); not a future, conditional or negated act
    (a promise, a threat or a denial are read elsewhere)."""
    if frame.negated or frame.hypothetical or is_future(frame.chain):
        return None
    about = _content_subject(frame.trigger)
    if about is None or about.dep_ != "nsubj" or not _refers_to(about, speaker):
        return None
    content = frame.chain[1:]
    if len(content) != 1:
        return None  # (the content's own verb names the act: "is on track to meet targets" names none)
    return lexicon_hit(content) or _table_hit(content, manual_verb_table(), DOBJ_IDS)


RESPONSIBLE = EVENT_WORDS["responsible"]


def _blame_laid(frame: Frame, speaker: Token) -> bool:
    """Default mode: does a statement's content say that its subject, another actor than the
    speaker, is responsible, guilty or to blame, or was behind something ("said Taliban
    militants were responsible", "said the rebels were behind the attack")?"""
    verb = frame.trigger
    if verb.lemma_.lower() != "be" or frame.hypothetical or is_future(frame.chain):
        return False
    about = _content_subject(verb)
    if about is None or about.pos_ == "PRON" or about.i == speaker.i:
        return False
    for child in verb.children:
        word = child.lemma_.lower()
        if child.dep_ == "acomp" and word in RESPONSIBLE:
            return True
        if (child.dep_ == "prep" and word == "behind") or (child.dep_ == "xcomp" and word == "blame"):
            return True
    return False


def _a_person(speaker: Token) -> bool:
    """A person named, or a title or a noun the speaker lexicons make a person ("the prime
    minister", "a security source")."""
    if speaker.ent_type_ == "PERSON":
        return True
    lemma = speaker.lemma_.lower()
    return lemma in titles() or speaker_heads().get(lemma) == "person"


def _refers_to(pronoun: Token, speaker: Token) -> bool:
    """Can ``pronoun`` be the speaker again: "he"/"she" a person, "it" a body or country named
    in the singular, "they" a body or a plural?"""
    return _pronoun_is(pronoun.lower_, speaker)


def _pronoun_is(word: str, speaker: Token) -> bool:
    """``_refers_to`` for a pronoun's lower-case form."""
    if _a_person(speaker):
        return word in PERSON_PRONOUNS
    if word == "it":
        return speaker.tag_ not in PLURAL_TAGS
    return word == "they"


# Material acts a statement may report as done by a third party (the manual codes the act); a
# trailing speaker of a plain statement only sources them (events._reported_doer).
REPORTED_ACTS = ("ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "AID", "RETREAT", "CONCEDE", "COOPERATE")


def _reported_act(frame: Frame, speaker: Token, hit: tuple[str, str | None] | None,
                  targets: list[tuple[float, Token]], date: str | None) -> tuple[Token, Token | None] | None:
    """Default mode: a plain statement led by its speaker whose content reports a material act
    its predicate names, done by an actor of a country ("Roberts says the U.S. military is
    training Iraqi pilots", "the spokesperson said the Afghan government had released 100
    Taliban prisoners"): the act is the content subject's, with the best ranked other actor as
    its target. Not a future, conditional or negated act (a forecast or a denial is the
    speaker's)."""
    if hit is None or hit[0] not in REPORTED_ACTS or frame.negated or frame.hypothetical or is_future(frame.chain):
        return None
    about = frame.target
    if about is None or about.pos_ == "PRON" or about.i == speaker.i or not coded(about, date)[0]:
        return None
    if about.dep_ != "nsubj":
        return None  # (a passive subject is the one done to)
    return about, _content_recipient(frame, about, speaker, targets, date)


# Readings of a statement's content that are the speaker's own verbal act (blame, a threat, a
# demand), not an act of the content's subject the speaker reports.
SPEAKERS_READINGS = ("ACCUSE", "THREATEN", "REQUEST")
# Statement cues that report, as "said" does ("announced the government had provided ...").
TELLING_CUES = PLAIN_CUES | {"announce"}


def _told_act(frame: Frame, speaker: Token, kind: str, cue: str | None, targets: list[tuple[float, Token]],
              date: str | None) -> tuple[Token, Token | None] | None:
    """Default mode: a plain statement led by its speaker whose content the classifier reads as
    an act other than blame, a threat, a demand or force (``kind``: aid, support, cooperation, a
    refusal, a concession...), done by a coded actor named as the content's subject, not the
    speaker: that act is the subject's, reported (as ``_reported_act`` for predicates the
    lexicon names). Not a future, conditional or negated act (a forecast or a denial is the
    speaker's)."""
    if cue not in TELLING_CUES or kind in SPEAKERS_READINGS or kind in MATERIAL_CONFLICT:
        # (force or coercion in a plain statement is mostly blame in other words, "says Trump
        # is destroying democracy"; a reported attack is ``_reported_act``'s, on its predicate)
        return None
    if frame.negated or frame.hypothetical or is_future(frame.chain):
        return None
    about = _content_subject(frame.trigger)
    if about is None or about.dep_ != "nsubj" or about.pos_ == "PRON" or about.i == speaker.i:
        return None
    tree = tree_of(about.doc)
    if speaker.is_ancestor(about) or not _entity_head(tree, about, date):
        return None
    if not _coded(tree, range(about.left_edge.i, about.i + 1), date)[0]:
        return None  # (a country only after it, "a state of siege in Bolivia", names no doer)
    return about, _content_recipient(frame, about, speaker, targets, date)


def _content_recipient(frame: Frame, about: Token, speaker: Token, targets: list[tuple[float, Token]],
                       date: str | None) -> Token | None:
    """The recipient of an act a statement's content reports, done by ``about``: the best
    ranked actor under the content's verb that is neither the doer's nor the speaker's phrase."""
    taken = {t.i for t in about.subtree} | {t.i for t in speaker.subtree}
    rest = [(score, t) for score, t in targets if t.i not in taken and frame.trigger.is_ancestor(t)]
    return _recipient(rest, date)


# Words of a news outlet's name or description: an outlet reports, it is not the doer.
OUTLET_WORDS = EVENT_WORDS["outlet"]


# Outlet words that also head the names of other bodies ("the International Atomic Energy Agency").
AMBIGUOUS_OUTLET_WORDS = EVENT_WORDS["outlet_ambiguous"]


def is_outlet(speaker: Token, date: str | None) -> bool:
    """Default mode: is a statement's speaker (its head) a news outlet ("Xinhua", "state media",
    "the newspaper", "state television"): an outlet word as its head, or coded JRN? (Not "the
    press secretary".)"""
    if speaker.lower_ in OUTLET_WORDS:
        # ("the International Atomic Energy Agency" is no news agency)
        return speaker.lower_ not in AMBIGUOUS_OUTLET_WORDS or any(
            t.lower_ in ("news", "press") for t in mention_tokens(speaker))
    # (a person coded JRN is a journalist, or a speaker interviewed "on CNN television")
    return speaker.ent_type_ != "PERSON" and coded(speaker, date)[1] == "JRN"


def _content_subject(trigger: Token) -> Token | None:
    """The doer of a statement's content verb: its subject, or a passive's "by" agent."""
    for child in trigger.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _outlet_act(sent: Span, frame: Frame, speaker: Token, targets: list[tuple[float, Token]],
                date: str | None) -> tuple[Token, Token | None] | None:
    """Default mode: the doer and recipient of the act a news outlet's statement reports
    ("state media said Iran had seized a tanker", "Xinhua reported that police arrested ..."):
    the content's subject, with the best ranked other actor as its target; None when the
    content has no such doer (a pronoun, the outlet itself): then there is no event."""
    about = _content_subject(frame.trigger)
    if about is None or about.pos_ == "PRON" or about.i == speaker.i or is_outlet(about, date):
        return None
    if coded(about, date) == (None, None) and not (about.ent_type_ or about.pos_ == "PROPN"):
        return None  # (no actor: "local media reports say four more people died in clashes")
    return about, _content_recipient(frame, about, speaker, targets, date)


def _own_force_act(frame: Frame, speaker: Token, targets: list[tuple[float, Token]],
                   date: str | None) -> tuple[Token, Token | None] | None:
    """Default mode: the doer and recipient of an act a statement reports of the speaker's own
    personnel or equipment named by a possessive pronoun ("the military said its aircraft struck
    ..."): the content's subject, which the actor coder reads as the speaker's, and the best ranked
    other actor; None when the subject is not so named."""
    about = _content_subject(frame.trigger)
    if about is None or about.dep_ != "nsubj" or not _speakers_own(about, speaker, date):
        return None
    return about, _content_recipient(frame, about, speaker, targets, date)


def _spoken_reading(verb: Token, spoken: str, source: Token, target: Token | None, date: str | None) -> bool:
    """Is a verb the attribution tagger takes for a cue of criticism used as speech
    rather than force? When its verbal reading clearly outweighs force in the CAMEO verb
    dictionary ("berated", "slammed"), or when an unarmed doer does it to no actor ("the
    governor blasted the budget", "attacked the plan"). "Russia did not attack Ukraine" and
    "militants attacked the convoy" stay force."""
    shares = verb_lexicon().get(verb.lemma_.lower(), {})
    if shares.get(spoken, 0.0) >= sum(shares.get(kind, 0.0) for kind in FORCE) + SPOKEN_MARGIN:
        return True
    if shares.get(spoken, 0.0) == 0.0:
        return False  # (no speech sense at all: "launched")
    done_to = next((c for c in verb.children if c.dep_ == "dobj"), target)  # "the government's plan"
    if done_to is None or done_to.pos_ != "NOUN" or done_to.ent_type_ or _forceful(done_to):
        return False  # (an act of force as the object: "launched cyber attacks", "ordered strikes")
    if _coded(tree_of(done_to.doc), [done_to.i], date) != (None, None):
        return False  # (a person or group: "the protesters")
    country, sector = coded(source, date)
    return sector is not None and sector not in ARMED and not (country and source.ent_type_ == "GPE")


# How much more a verb must read as speech than as force to be taken as speech.
SPOKEN_MARGIN = 0.1


# Event nouns the PLOVER manual names as acts of a category, when they are the passive subject
# of the predicate ("A security meeting has been arranged between ...", "Tariffs have been
# imposed on ..."); with the light-verb nouns of events_verbs.tsv ("withdrawal", "ceasefire").
SUBJECT_EVENTS = {
    "meeting": ("CONSULT", None), "talk": ("CONSULT", None), "talks": ("CONSULT", None),
    "summit": ("CONSULT", None), "negotiation": ("CONSULT", None), "visit": ("CONSULT", "visit"),
    "sanction": ("SANCTION", "discontinue"), "embargo": ("SANCTION", "discontinue"),
    "tariff": ("SANCTION", "discontinue"),
}


# Verbs that arrange, begin or carry out the act their passive subject names ("a meeting was
# arranged", "sanctions were imposed"); others end or undo it ("the investigation was shelved").
CARRIED_OUT = EVENT_WORDS["carried_out"]


def _role(target: Token, date: str | None) -> bool:
    """Is ``target`` the position its doer holds or leaves, the object of "as" ("resigned as
    CEO", "served as foreign minister") rather than someone the act is done to? The noun must
    name an office or trade the coder knows ("as part of a U.S. law", "as a result of the
    torture" keep theirs)."""
    if not (target.dep_ == "pobj" and target.head.lower_ == "as" and target.head.head.pos_ in ("VERB", "AUX")):
        return False
    return target.pos_ == "NOUN" and _coded(tree_of(target.doc), [target.i], date)[1] is not None


# The manual's COERCE `restrict': "restrict movement of people or goods ... cordoning off
# areas": closing or sealing a border, crossing, port or airspace (default mode).
CLOSED = EVENT_WORDS["close"]
PASSAGES = EVENT_WORDS["passage"]


# Above the type classifier's ``rules_below``: a category the manual defines by the predicate.
MANUAL_SURE = 0.75


def _restriction(chain: list[Token]) -> tuple[str, str | None] | None:
    """COERCE `restrict' when the predicate closes a passage: "Jordan closed its border with Syria"."""
    for verb in reversed(chain):
        if verb.lemma_.lower() not in CLOSED:
            continue
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass") and child.lemma_.lower() in PASSAGES:
                return "COERCE", "restrict"
            if child.dep_ == "prt" and child.lower_ == "off":  # "sealed off the area"
                return "COERCE", "restrict"
    return None


def _event_subject(chain: list[Token]) -> tuple[str, str | None] | None:
    """Default mode: the category an event noun names when it is the passive subject of a
    predicate that arranges or carries it out: the act is the noun's."""
    known = verb_table()
    for verb in reversed(chain):
        if verb.lemma_.lower() not in CARRIED_OUT:
            continue
        for child in verb.children:
            if child.dep_ != "nsubjpass":
                continue
            lemma = child.lemma_.lower()
            hit = SUBJECT_EVENTS.get(lemma) or SUBJECT_EVENTS.get(child.lower_) or known.get(("*", lemma))
            if hit is not None:
                return hit
    return None


def _destination(target: Token) -> Token:
    """"China sent warships near Taiwan": forces moved are the means; the place they are sent to
    is the recipient of a mobilisation."""
    if target.dep_ != "dobj":
        return target
    place = _place_gone_to([target.head], PLACE_ENTS)
    return target if place is None else place


def _place_gone_to(holders: list[Token], labels: tuple[str, ...]) -> Token | None:
    """The first place (entity ``labels``) a destination preposition on one of ``holders``
    names: "sent warships near Taiwan", "a team of engineers into Chad"."""
    return next((g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in DESTINATION_PREPS
                 for g in c.children if g.dep_ == "pobj" and g.ent_type_ in labels), None)


def _sent_to(verb: Token, source: Token, target: Token | None) -> Token | None:
    """Default mode: forces or people sent, deployed or arriving somewhere ("sent teams of
    operatives into Libya", "peacekeepers arrived in South Sudan"): those sent are the doer's
    own means, not whom the act is done to; the country or region they go to is the recipient
    (as ``_destination`` for a mobilisation, whatever the category). Only where the ranked
    target is those sent (the verb's object or a word of its phrase), inside the doer's own
    phrase, or none."""
    if verb.lemma_.lower() not in SENDING:
        return target
    sent = [c for c in verb.children if c.dep_ == "dobj"]
    # (on the verb, or on those sent as the parser often hangs it: "a team of engineers into Chad")
    holders = [verb, *(t for o in sent for t in o.subtree)]
    place = _place_gone_to(holders, ("GPE", "LOC"))
    if place is None or place.i == source.i:
        return target
    if target is None or any(o.i == target.i or o.is_ancestor(target) for o in sent) or source.is_ancestor(target):
        return place
    return target


def _refusal(chain: list[Token], kind: str) -> bool:
    """Is a negated clause a refusal: an offer negated for the future, or a REJECT reading that
    comes from the negation rather than from a verb of rejecting ("will not lift the ban", but
    not "did not reject the offer")?"""
    if kind in COOPERATIVE + YIELDING + ("AGREE",):
        return is_future(chain)
    lex = verb_lexicon()
    return kind == "REJECT" and not any(lex.get(v.lemma_.lower(), {}).get("REJECT", 0.0) >= EVIDENCE_SHARE for v in chain)


# Verbs that finalize an agreement (the manual's SUPPORT: "ratify, sign, or finalize an agreement
# or treaty"), and the agreements they finalize.
FINALIZING = EVENT_WORDS["finalize"]
AGREEMENTS = EVENT_WORDS["agreement"]


def _finalized(frame: Frame) -> bool:
    """Default mode: is the predicate itself the finalizing of an agreement ("reached an
    agreement with", "signed a pact", "have agreed a trade deal", "agreed on the draft text of a
    free-trade deal")? Only the main verb, with no verb after it: "agreed to sign a deal" is a
    promise (AGREE), "failed to reach agreement" no finalizing, and a statement's own verb is
    its speaker's (one after the act, "..., the minister announced", reports it)."""
    untold, chain = _untold(frame)
    if not untold or len(chain) != 1:
        return False
    verb = chain[0]
    if verb.lemma_.lower() not in FINALIZING:
        return False

    def agreement(noun: Token) -> bool:
        if noun.lemma_.lower() in AGREEMENTS:
            return True  # ("the draft text of a free-trade deal")
        return any(p.dep_ == "prep" and p.lower_ == "of" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in AGREEMENTS for g in p.children) for p in noun.children)

    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and agreement(child):
            return True
        if child.dep_ == "prep" and child.lower_ in ("on", "to", "upon") and verb.lemma_.lower() == "agree" and any(
                g.dep_ == "pobj" and agreement(g) for g in child.children):
            return True
    return False


# Verbs of an offer to act ("has offered to send troops to help the Philippines army").
OFFERING = EVENT_WORDS["offer"]


def _offered(chain: list[Token]) -> bool:
    """Default mode: is the predicate an offer to act (the main verb "offer" with the act as its
    open complement)?"""
    return _leads(chain, OFFERING)


# Breaking a truce (CAMEO 196) and what is broken.
VIOLATING = EVENT_WORDS["violate"]
TRUCES = EVENT_WORDS["truce"]


def _ceasefire_violated(chain: list[Token]) -> bool:
    """Default mode: does a verb of the predicate, or one it governs through a preposition
    ("guilty of violating"), violate a ceasefire or truce ("violated Philippine's holiday
    ceasefire", "violated the Ceasefire Agreement")?"""
    verbs = list(chain)
    for verb in chain:
        verbs.extend(g for c in verb.children if c.dep_ in ("prep", "acomp") for g in c.subtree if g.pos_ == "VERB")
    for verb in verbs:
        if verb.lemma_.lower() not in VIOLATING:
            continue
        for obj in verb.children:
            if obj.dep_ in ("dobj", "nsubjpass") and (obj.lemma_.lower() in TRUCES or any(
                    c.dep_ in ("compound", "amod") and c.lower_ in TRUCES for c in obj.children)):
                return True
    return False


EXPRESS_SUPPORT = EVENT_WORDS["express_support"]
MATERIAL = EVENT_WORDS["material"]


def _expressed_support(chain: list[Token]) -> bool:
    """Default mode: does the predicate state or pledge support as its object ("pledged full
    support for", "voiced his support", "declared its support for the deal")? Not support of a
    material kind ("pledged military support", "financial support": aid, or its promise)."""
    for verb in chain:
        if verb.lemma_.lower() not in EXPRESS_SUPPORT:
            continue
        for noun in verb.children:
            if noun.dep_ == "dobj" and noun.lemma_.lower() in SUPPORT_NOUNS and not any(
                    c.lemma_.lower() in MATERIAL for c in noun.children if c.dep_ in ("amod", "compound")):
                return True
    return False


AID_NOUNS = EVENT_WORDS["aid_noun"]
SUPPORTING = EVENT_WORDS["support_verb"]
GIVING = EVENT_WORDS["give_support"]


def _material(noun: Token) -> bool:
    """Is ``noun`` material aid: an aid noun ("assistance", "funding"), or a support noun with a
    material word before it ("financial support", "logistics and financial support")?"""
    lemma = noun.lemma_.lower()
    if lemma in AID_NOUNS:
        return True
    return lemma in SUPPORT_NOUNS | {"support"} and any(
        t.i < noun.i and (t.lemma_.lower() in MATERIAL or t.lower_ in MATERIAL) for t in noun.subtree)


def _material_support(chain: list[Token]) -> bool:
    """Default mode: is the predicate material support, which the manual codes AID: a verb of
    support whose subject or object is material aid ("supported economic assistance to",
    "Australian aid also supported ..."), or material support given or received as the object
    ("received significant logistics and financial support from")?"""
    for verb in chain:
        lemma = verb.lemma_.lower()
        if lemma in SUPPORTING and any(
                c.dep_ in ("nsubj", "dobj") and c.lemma_.lower() in AID_NOUNS for c in verb.children):
            return True
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [g for c in objects for g in c.children if g.dep_ == "conj"]  # ("logistics and financial support")
        if lemma in GIVING and any(c.lemma_.lower() not in AID_NOUNS and _material(c) for c in objects):
            return True  # (an aid noun as the object, "provided assistance", is the lexicon's AID already)
    return False


SHARING = EVENT_WORDS["share"]
INFORMATION = EVENT_WORDS["information"]


def _information_shared(chain: list[Token]) -> bool:
    """Default mode: does the predicate give or share information or intelligence as its object
    ("gave account information to", "shared intelligence with")?"""
    return any(verb.lemma_.lower() in SHARING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in INFORMATION for c in verb.children) for verb in chain)


# Protest modes whose threat is the manual's THREATEN `restrict' ("boycotts, strikes, blockades").
RESTRICTING_PROTESTS = ("boycott", "strike", "obstruct")


def _announced(frame: Frame) -> bool:
    """Is the act announced for the future or made conditional, and not negated?"""
    return not frame.negated and (is_future(frame.chain) or _conditional(frame.chain))


LIGHT_SPEECH = EVENT_WORDS["light_speech"]
SPEECH_ACTS = {**{w: "ACCUSE" for w in EVENT_WORDS["speech_accuse"]},
               **{w: "THREATEN" for w in EVENT_WORDS["speech_threaten"]},
               **{w: "REQUEST" for w in EVENT_WORDS["speech_request"]}}


APPROVING = EVENT_WORDS["approve"]
PLAN_NOUNS = EVENT_WORDS["plan_noun"]


def _plan_approved(chain: list[Token]) -> bool:
    """Default mode: does the predicate accept, approve or agree to a plan or proposal as its
    object ("accepted the proposal", "agreed to the dual track approach", "agreed on the plan")?"""
    # (verbs joined on the predicate share its object: "formally agreed and accepted the proposal")
    for verb in [*chain, *(c for v in chain for c in v.children if c.dep_ == "conj" and c.pos_ == "VERB")]:
        if verb.lemma_.lower() not in APPROVING:
            continue
        nouns = [c for c in verb.children if c.dep_ == "dobj"]
        nouns += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on")
                  for g in c.children if g.dep_ == "pobj"]
        if any(n.lemma_.lower() in PLAN_NOUNS for n in nouns):
            return True
    return False


WILLING = EVENT_WORDS["willing"]


def _willing(verb: Token) -> bool:
    """Default mode: is ``verb`` a copula of stated willingness to act, "is ready to contribute",
    "is willing to withdraw" (an adjective of willingness with the act as its complement), not
    one made a duty ("must be ready to mediate": a request)?"""
    if verb.lemma_.lower() != "be" or any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in verb.children):
        return False
    return any(c.dep_ == "acomp" and c.lemma_.lower() in WILLING
               and any(x.dep_ == "xcomp" and x.pos_ == "VERB" for x in c.children) for c in verb.children)


def _willingness_denied(verb: Token) -> bool:
    """"is not willing to", "was 'not ready' to support": the negation on the copula or on the
    adjective of willingness."""
    adjectives = [c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in WILLING]
    return any(c.dep_ == "neg" for t in (verb, *adjectives) for c in t.children)


def _named_speech_act(chain: list[Token]) -> str | None:
    """Default mode: the verbal act a light verb's direct object names ("offered scathing
    criticism of the government", "lodged a formal protest with", "issued a warning to"), or
    None."""
    for verb in chain:
        if verb.lemma_.lower() not in LIGHT_SPEECH:
            continue
        for noun in verb.children:
            if noun.dep_ == "dobj" and (kind := SPEECH_ACTS.get(noun.lemma_.lower())) is not None:
                return kind
    return None


COMMITMENTS = EVENT_WORDS["commitment"]
COOPERATING = EVENT_WORDS["cooperate_verb"]


def _committed_to_cooperate(chain: list[Token]) -> bool:
    """Default mode: does the predicate state a commitment to cooperate as its object, the act
    its infinitive ("reiterated the commitment of the organization to collaborate with", "renewed
    its pledge to work with")?"""
    return any(
        noun.dep_ == "dobj" and noun.lemma_.lower() in COMMITMENTS and any(
            act.dep_ in ("acl", "relcl") and act.pos_ == "VERB" and act.lemma_.lower() in COOPERATING
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in act.children) for act in noun.children)
        for verb in chain for noun in verb.children)


WRITING = EVENT_WORDS["write"]
MESSAGES = EVENT_WORDS["message"]
VERBAL_ACTS = (*VERBAL_CONFLICT, "AGREE", "SUPPORT")


def _written_act(chain: list[Token]) -> str | None:
    """Default mode: the verbal act of a letter or message sent or written, named by a participle
    on the verb or on the letter ("sent a letter to the head of the agency threatening to pull
    funding", "wrote a letter urging ..."), or None."""
    for verb in chain:
        if verb.lemma_.lower() not in WRITING:
            continue
        letters = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in MESSAGES]
        if not letters:
            continue
        for clause in (c for t in (verb, *letters) for c in t.children):
            if clause.dep_ in ("advcl", "acl") and clause.tag_ == "VBG":
                hit = lexicon_hit([clause])
                if hit is not None and hit[0] in VERBAL_ACTS:
                    return hit[0]
    return None


def _promised(chain: list[Token]) -> bool:
    """Announced for the future ("will provide") or agreed to ("agreed to lift a ban"; default
    mode: also inside a statement, "the minister says the prime minister has agreed to resign")."""
    if is_future(chain) or _leads(chain, AGREEING):
        return True
    said = len(chain) > 2 and chain[0].lemma_.lower() in speech_lemmas() and encoded(chain[0].doc)
    return said and _leads(chain[1:], AGREEING)


def _leads(chain: list[Token], lemmas: Collection[str]) -> bool:
    """Is the main verb of ``chain`` one of ``lemmas``, with the act as its open complement
    ("agreed to lift", "offered to send", "refused to provide")?"""
    return len(chain) > 1 and chain[0].lemma_.lower() in lemmas


def _conditional(chain: list[Token]) -> bool:
    """Is the act made to depend on a condition ("If Israel attacks, Iran will strike back")?
    (Not a bare modal: "may have launched" doubts a past act.)"""
    if not chain:
        return False
    tree = tree_of(chain[0].doc)
    dep, lower = tree.dep, tree.lower
    return any(
        dep[g] == MARK and lower[g] in CONDITION_IDS
        for v in chain for c in tree.kids(v.i) if dep[c] == ADVCL for g in tree.kids(c)
    )


def _dominant_reading(chain: list[Token], kind: str, probability: float) -> tuple[str, float]:
    """An unsure classifier defers to the CAMEO verb dictionary where the predicate has one
    clear PLOVER reading ("fired" is mostly ASSAULT)."""
    if len(chain) != 1:
        return kind, probability  # "failed to reach agreement": the chain's sense is not its last verb's
    readings = verb_lexicon().get(chain[0].lemma_.lower(), {})
    best = max(readings, key=readings.__getitem__, default=None)
    if best is None or readings[best] < DOMINANT_SHARE or best == kind:
        return kind, probability
    return best, probability


def _evidence(chain: list[Token], kind: str, cue: str | None, hit: tuple[str, str | None] | None) -> bool:
    """Does a predicate of the clause itself name this kind of act (lexicons), beyond the
    classifier's reading of the whole sentence? Guards against events in every sentence."""
    if (hit is not None and hit[0] == kind) or cue_events().get(cue or "") == kind:
        return True
    lex = verb_lexicon()
    return any(lex.get(v.lemma_.lower(), {}).get(kind, 0.0) >= EVIDENCE_SHARE for v in chain)


# Verbs whose passive subject is the one blamed, urged or punished by someone not named.
BLAMED = EVENT_WORDS["blame"]
# Default mode: verbs whose passive subject is the one a court or an authority punished ("was
# sentenced to life", "was convicted", "were fined"): never the doer (``--fast`` keeps the rules).
PUNISHED = EVENT_WORDS["punished"]
# Default mode: verbs of killing or wounding, which anyone does: a passive's place ("14 people
# were killed in San Bernardino") is where, never who, though "kill" is one of HELD_VERBS
# (``--fast`` keeps the place as the doer).
HARMED = EVENT_WORDS["harm"]
# Default mode: verbs of posting forces somewhere, whose place is where they go, not who sends them.
POSTED = EVENT_WORDS["posted"]


# Entity labels of an actor named by a name: a person, group, organisation, state or place.
ACTOR_ENTS = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC")


def _actor_over_act(verb: Token, targets: list[tuple[float, Token]], source: Token,
                    target: Token | None, date: str | None) -> Token | None:
    """Default mode: a target that is a word of an act or state, naming no actor ("violated
    the ceasefire by shelling ... in Poonch district", "called off a strike after reaching
    agreement with the government", "discussed the situation ... with the leaders of France"),
    gives way to the best ranked candidate that names an actor (coded, or a name of an actor or
    place) and is an argument of the predicate ``verb`` itself (``_argument_of``): the manual's
    target is an actor, not the act. Not a candidate inside the act's own phrase ("a ceasefire
    in eastern Ukraine": the phrase already holds it), a possessor, the doer's own ("its
    troops") or the doer's predicate noun ("remains the largest donor")."""
    if target is None or target.pos_ != "NOUN" or not _act_noun(target):
        return target
    if not no_actor(target, date):
        return target
    if thing_target(target, source, date) is not target:
        return target  # (the act's own phrase names whose it is: that rule decides)
    for _, token in targets:
        if token.i in (target.i, source.i) or token in target.subtree:
            continue
        if token.dep_ in ("poss", "attr", "oprd") or not _argument_of(token, verb):
            continue
        if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children):
            continue
        if token.ent_type_ in ACTOR_ENTS or any(coded(token, date)):
            return token
    return target


# Dependencies that open a clause of its own: an actor inside one is that clause's, not the
# predicate's ("denied wrongdoing in the accident in which 14 Australians died", "rejected the
# idea ... and said that Mr. Trump ...", "boycotted the vote, citing repression"); a subject or
# a passive's agent is a doer ("was criticized by economists and by Democrats").
OWN_CLAUSES = ("relcl", "acl", "ccomp", "advcl", "parataxis", "csubj", "xcomp",
               "nsubj", "nsubjpass", "agent")


def _argument_of(token: Token, verb: Token) -> bool:
    """Is ``token`` inside ``verb``'s phrase through objects, prepositions and their
    complements only ("violated the truce by shelling villages in Kashmir", "after reaching
    agreement with the government"), no clause of its own and no clause joined to ``verb``?"""
    while token.i != verb.i:
        if token.dep_ in OWN_CLAUSES or (token.dep_ == "conj" and token.head.i == verb.i):
            return False
        if token.head.i == token.i:
            return False  # (the root reached: not under ``verb``)
        token = token.head
    return True


def _recipient(targets: list[tuple[float, Token]], date: str | None) -> Token | None:
    """The best ranked target that is no weapon without an owner: in "launched missiles and
    drones at Ukraine's energy infrastructure" the drones are what was used, not whom at."""
    for _, token in targets:
        if token.lemma_.lower() not in WEAPONS or coded(token, date)[0]:
            return token
    return None


def passive_doer(source: Token, target: Token | None) -> tuple[Token | None, Token | None]:
    """"Arafat was criticized by Bush administration officials": a passive subject is the one
    done to; the doer is the agent, or, with none, the country or place it was done in ("was
    arrested in Niger": its authorities; default mode: not of killing, wounding or posting forces,
    ``_place_acts``). With neither ("Russia and the Syrian government have been accused of...",
    default mode: "was sentenced to life", "14 people were killed in San Bernardino") the one
    blamed, punished or done to in a place is never the doer: the source is None; nor, default
    mode, is that place where the rankers chose it (``_passive_place``). (Other verbs keep
    their subject, as PLV codes them: "2,000 Russian soldiers were deployed...".)"""
    if encoded(source.doc) and _passive_place(source):
        return None, target
    tree = tree_of(source.doc)
    heads, dep = tree.head, tree.dep
    subject = source.i  # the source or its nearest ancestor that is a passive subject
    for _ in range(len(heads)):  # (at most as many as ``Token.ancestors`` yields)
        if dep[subject] == NSUBJPASS or heads[subject] == subject:
            break
        subject = heads[subject]
    if dep[subject] != NSUBJPASS:
        return source, target
    verb = heads[subject]
    lemma = tree.doc[verb].lemma_.lower()
    blamed = lemma in BLAMED or (lemma in PUNISHED and encoded(tree.doc))
    kids = tree.kids
    doer = next((g for c in kids(verb) if dep[c] == AGENT for g in kids(c) if dep[g] == POBJ), -1)
    doc = tree.doc
    placed = False  # (default mode: a place of killing or wounding, no doer)
    if doer < 0:
        lower, ent = tree.lower, tree.ent
        doer = next((g for c in kids(verb) if dep[c] == PREP and lower[c] in IN_FROM_IDS
                     for g in kids(c) if dep[g] == POBJ and ent[g] == GPE), -1)
        if doer >= 0 and encoded(doc) and not _place_acts(lemma):
            doer, placed = -1, True
    if doer >= 0:
        return doc[doer], doc[subject]
    if blamed or placed or (encoded(doc) and _dative_passive(doc[verb])):
        return None, doc[subject]
    return source, target


def reduced_passive(noun: Token, kind: str) -> Token | None:
    """Default mode: "the Islamist accused by Washington of ...", "the Iranians released by the
    United States": a noun modified by a past participle with an agent is the one done to where
    the event is the act that participle names (its lexicon category is ``kind``); the agent is
    the doer. The agent's head, or None. (In "US forces backed by their allies are pursuing
    militants" the event is the pursuit, not the backing: the forces stay its doer.)"""
    if not encoded(noun.doc):
        return None
    for verb in noun.children:
        doer = _participle_agent(verb, kind) if verb.dep_ == "acl" else None
        if doer is not None:
            return doer
    return None


def _participle_agent(verb: Token, kind: str) -> Token | None:
    """The head of a past participle's "by" agent, where the participle's lexicon category is
    ``kind`` ("released by the United States" for RETREAT: "States"); else None."""
    if verb.tag_ != "VBN":
        return None
    hit = lexicon_hit([verb])
    if hit is None or hit[0] != kind:
        return None
    return next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _reported_passive(frame: Frame, speaker: Token, kind: str, date: str | None) -> tuple[Token, Token] | None:
    """Default mode: a statement whose content is a passive with its agent named: the content's
    subject modified by a past participle with an agent ("Kerry said the Iranians released by the
    United States were close to ...", "officials said the protesters arrested by the police were
    students"), or the content's own verb a participle with an agent ("the spokesman said the
    reporter was detained by the police"). As ``reduced_passive`` and ``passive_doer`` read them
    outside a statement, the participle's act (where ``kind`` is its lexicon category) is the
    agent's, done to the subject: the manual's source is the one who acts, its target the one
    acted on, neither the speaker nor the subject as the doer. Only where the agent is an actor
    (a name, or coded with a country or a sector: not "was killed by machine-gun fire"). (doer,
    done to), or None."""
    verb = frame.trigger
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.i == speaker.i or speaker.is_ancestor(subject):
        return None
    doer = reduced_passive(subject, kind)
    if doer is None:
        # ("the Iranians released by the United States were ..." parsed as a clause of its own:
        # the participle with its agent is the passive all the same)
        doer = _participle_agent(verb, kind)
    if doer is None or doer.i == speaker.i or doer in speaker.subtree or not _named_or_coded(doer, date):
        return None
    return doer, subject


def _place_acts(lemma: str) -> bool:
    """Default mode: does the place a passive of ``lemma`` was done in stand for its doer? As PLV
    codes it ("was arrested in Niger", "were released from captivity in Libya", "have been
    expelled from North Korea": its authorities), except for killing or wounding, which anyone
    does ("14 people were killed in San Bernardino"), and the posting of forces ("will be
    deployed in Afghanistan"): there the place is where, not who."""
    return lemma not in HARMED and lemma not in POSTED


def _passive_place(source: Token) -> bool:
    """Default mode: is ``source`` the place of a passive with no agent whose place is where, not
    who ("were shot dead in Caracas")?"""
    if source.dep_ != "pobj" or source.ent_type_ not in PLACE_ENTS or source.head.dep_ != "prep" \
            or source.head.lower_ not in ("in", "at"):
        return False
    verb = source.head.head
    kids = [c.dep_ for c in verb.children]
    return "nsubjpass" in kids and "agent" not in kids and not _place_acts(verb.lemma_.lower())


# Verbs whose passive subject is the one told or asked ("were told to leave", "was ordered to
# pay", "has been urged to step down"): the addressee, never the doer.
ADDRESSED_VERBS = EVENT_WORDS["address"]


def _dative_passive(verb: Token) -> bool:
    """Default mode: is ``verb`` a passive whose subject is the recipient, the doer left unsaid?
    A passive that keeps a direct object ("Zimbabwe has been given five weeks", "was handed a
    life ban", "were granted asylum", "was denied entry": the subject was the indirect object),
    or a verb of telling or ordering with what to do ("were told to leave the area")."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return True
    return verb.lemma_.lower() in ADDRESSED_VERBS and any(c.dep_ in ("xcomp", "ccomp") for c in verb.children)


# Verbs of what is done to a detainee, nouns of a place of detention, and the words that make a
# death in custody an act ("died in prison after torture").
HELD_VERBS = EVENT_WORDS["held"]
CUSTODY = EVENT_WORDS["custody"]
MISTREATMENT = EVENT_WORDS["mistreatment"]


def _act_by(source: Token, target: Token | None, targets: list[tuple[float, Token]],
            date: str | None) -> tuple[Token, Token | None]:
    """Default mode: an act noun as the doer with its actor after "by" ("A car bombing by the
    Islamic State group killed 75 people", "The action by the security council stops the work
    of aid groups"): the actor is the source, as the manual codes who acts; the target stays the
    ranked one unless that is the actor itself, then the next ranked outside the actor's phrase."""
    if source.pos_ != "NOUN":
        return source, target
    if source.lemma_.lower() not in MATERIAL_ACT_NOUNS and not _act_noun(source):
        return source, target
    agent = next((g for prep in source.children if prep.dep_ == "prep" and prep.lower_ == "by"
                  for g in prep.children if g.dep_ == "pobj"), None)
    if agent is None or not (agent.ent_type_ in ACTOR_ENTS or any(coded(agent, date))):
        return source, target
    if target is not None and target not in agent.subtree:
        return agent, target
    others = (t for _, t in targets if t.i != source.i and t not in agent.subtree)
    return agent, next(others, None)


def _held_in(source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """Default mode: one tortured, killed or arrested with no doer named, or who died in custody
    after torture, is the target; the place of detention ("was tortured and killed in a secret
    CIA prison in Afghanistan", "dies in prison in Rangoon after torture") or the country it
    happened in ("was arrested on Monday in Niger", a name the tagger took for a person) is the
    source, as PLV codes the detaining authority."""
    # (a name in apposition to the subject is that subject: "The journalist Moussa Tchangari
    # was arrested in Niger")
    subject = source.head if source.dep_ == "appos" else source
    verb = subject.head
    if subject.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return source, target
    lemma = verb.lemma_.lower()
    died = lemma == "die" and subject.dep_ == "nsubj"
    if not died and not (lemma in HELD_VERBS and subject.dep_ == "nsubjpass"):
        return source, target
    verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
    if any(c.dep_ == "agent" for v in verbs for c in v.children):
        return source, target
    if died and not any(t.lower_ in MISTREATMENT for t in source.sent):
        return source, target  # (dying in prison is no act of anyone's)
    for v in verbs:
        for prep in v.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            for place in prep.children:
                if place.dep_ != "pobj":
                    continue
                if place.lemma_.lower() in CUSTODY or place.lower_ in CUSTODY:
                    return place, source
                if not died and lemma not in HARMED and place.pos_ == "PROPN" and core_code(place, date)[0]:
                    return place, source
    return source, target


def _partner(source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """"Japan and Australia agreed to hold exercises": with no coded actor as the object, the
    coordinated subjects are the parties of a joint act, the first named as the source. (Both
    modes, whatever the predicate, the source's own conjuncts; ``_joint_parties`` is the default
    mode's reading of joint acts, which also looks inside the subject: kept apart, as --fast
    must not change.)"""
    if target is not None and _state_or_actor(target, date) and not _venue(target):
        return source, target
    first = source.head if source.dep_ == "conj" and source.head.dep_ in ("nsubj", "nsubjpass") else source
    parties = [first, *(c for c in first.children if c.dep_ == "conj")]
    parties = [p for p in parties if p.i == first.i or any(coded(p, date)) or actorish_at(tree_of(p.doc), p.i)]
    if len(parties) < 2:
        return source, target
    return parties[0], parties[1]


def _state_or_actor(token: Token, date: str | None) -> bool:
    """Is ``token`` coded to a country, or a name or national word (``actorish_at``): a party
    of a joint act?"""
    return bool(coded(token, date)[0]) or actorish_at(tree_of(token.doc), token.i)


# Predicates of an act two parties do together (the manual's CONSULT, AGREE, COOPERATE and the
# signing of deals): "Jordan and Britain have agreed to ...", "Russia and Turkey's foreign
# ministers met", "UK and EU negotiators agreed a deal", "The US and the Taliban signed a pact".
RECIPROCAL = EVENT_WORDS["reciprocal"]
# Objects that make any verb such an act ("reached a deal", "held talks", "performed joint war games").
JOINT_OBJECTS = EVENT_WORDS["joint_object"]
JOINT_WORDS = EVENT_WORDS["joint"]


def _reciprocal(chain: list[Token]) -> bool:
    """Is the predicate an act done together (``RECIPROCAL`` verbs, or a verb whose object is
    a deal, talks or a joint exercise)?"""
    for n, verb in enumerate(chain):
        lemma = verb.lemma_.lower()
        if lemma in RECIPROCAL and (lemma != "agree" or n == len(chain) - 1):
            return True  # ("agreed to lift a ban on imports from Egypt": what they agreed decides)
        for child in verb.children:
            if child.dep_ == "dobj" and (child.lemma_.lower() in JOINT_OBJECTS
                                         or any(m.lower_ in JOINT_WORDS for m in child.children)):
                return True
            if child.dep_ == "prep" and child.lower_ in ("to", "into", "on") and any(  # "agreed to a deal"
                    g.dep_ == "pobj" and g.lemma_.lower() in JOINT_OBJECTS for g in child.children):
                return True
    return False  # (not "in a joint statement, X accused Y")


# Verbs of a response to something put to the doers: rejecting, accepting, condemning.
ANSWERS = EVENT_WORDS["answer"]


def _answered(chain: list[Token]) -> bool:
    return any(v.lemma_.lower() in ANSWERS for v in chain)


def _with_partner(chain: list[Token], date: str | None) -> Token | None:
    """The actor a joint act is done with ("held talks in Jordan with King Abdullah", "discussed
    the crisis with the leaders of France"): the object of "with" on a verb of the chain or on
    its object, or the named object of a verb of joint action ("met Mr Zinni")."""
    tree = tree_of(chain[0].doc)
    for verb in chain:
        if verb.lemma_.lower() in RECIPROCAL:  # "Sharon and Arafat met Mr Zinni"
            met = next((c for c in verb.children if c.dep_ == "dobj" and actorish_at(tree, c.i)), None)
            if met is not None:
                return met
        holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != "with":
                    continue
                for noun in prep.children:
                    if noun.dep_ == "pobj" and (any(core_code(noun, date)) or actorish_at(tree, noun.i)):
                        return noun
    return None


# Objects whose "with" phrase names the other party ("established diplomatic ties with Bhutan",
# "closed its borders with Brazil") and verbs of a clash with someone.
WITH_OBJECTS = EVENT_WORDS["with_object"]
WITH_VERBS = EVENT_WORDS["with_verb"]


def _with_recipient(chain: list[Token], source: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: the actor an act is done with is its recipient where the act is one done
    together (``_reciprocal``: "discussed the migrant crisis ... with the leaders of France"), a
    clash ("clashed with police"), or ties or borders with someone ("established diplomatic
    ties with Bhutan"), rather than a thing or place the rankers took."""
    if not chain:
        return target
    joint = _reciprocal(chain) or any(v.lemma_.lower() in WITH_VERBS for v in chain) or any(
        c.dep_ == "dobj" and c.lemma_.lower() in WITH_OBJECTS for v in chain for c in v.children)
    if not joint:
        return target
    partner = _with_partner(chain, date)
    if partner is None or partner.i == source.i or source.is_ancestor(partner) or partner.is_ancestor(source):
        return target
    if target is not None and (target.i == partner.i or partner.is_ancestor(target)):
        return target
    return partner


# Nouns of something put to an actor, whose author is whom an answer is given ("refused a
# request from the justice minister", "accepted the demands by protesters").
PROPOSALS = EVENT_WORDS["proposal"]
# Verbs whose doer is given the proposal, not the one answering it.
RECEIVING = EVENT_WORDS["receive"]


# Verbs of sending forces or people somewhere, and the words of a peacekeeping or observing role.
SENDING = EVENT_WORDS["send"]
PEACEKEEPING = EVENT_WORDS["peacekeeping"]


def _peacekeeping(chain: list[Token]) -> bool:
    """Default mode: does a verb of sending forces or people in the predicate send them as
    peacekeepers or observers ("The Ecowas peacekeepers are being deployed", "sent 200 troops
    in Syria to serve as a peacekeeping force", "has deployed election observers in Zimbabwe")?
    Not where the sending is refused ("has refused to send peacekeepers")."""
    if any(v.lemma_.lower() in REFUSING for v in chain):
        return False
    for verb in chain:
        if verb.lemma_.lower() not in SENDING:
            continue
        if any(t.lower_ in PEACEKEEPING for t in verb.subtree):
            return True
    return False


# Verbs of ending or easing a restriction, and the restrictions (the manual's RETREAT `ease').
EASING = EVENT_WORDS["ease"]
RESTRICTIONS = EVENT_WORDS["restriction"]


def _eased(chain: list[Token]) -> bool:
    """Default mode: does a verb of the predicate end or ease a restriction: its object (or
    the object's compound, "the Israel Boycott Law", or what it is "on"/"of", "the decision on
    pre-trial detention") a sanction, ban, tariff, curfew, blockade...? Not negated."""
    for verb in chain:
        if verb.lemma_.lower() not in EASING or any(c.dep_ == "neg" for c in verb.children):
            continue
        for obj in verb.children:
            if obj.dep_ not in ("dobj", "nsubjpass"):
                continue
            words = [obj, *(c for c in obj.children if c.dep_ == "compound")]
            words += [g for p in obj.children if p.dep_ == "prep" and p.lower_ in ("on", "of")
                      for g in p.children if g.dep_ == "pobj"]
            if any(w.lemma_.lower() in RESTRICTIONS for w in words):
                return True
    return False


def _declined(chain: list[Token]) -> bool:
    """Default mode: is the predicate a refusal to act, the main verb "refuse"/"decline" with the
    act as its open complement ("refused to send peacekeepers", "has declined to resign")? The
    verbs are the "refuse" class of events_readings.tsv, the one refusals to comment read."""
    return _leads(chain, reading_classes()["refuse"]) and not any(
        c.dep_ == "neg" for c in chain[0].children)


def _conditioned_on(chain: list[Token], source: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: a refusal made to depend on another actor's act ("will not end the strike
    until the government provides sufficient resources", "unless Cuba releases its political
    prisoners") is addressed to that actor, the subject of the "until"/"unless" clause, where
    the rankers took a thing, a pronoun or nothing."""
    tree = tree_of(source.doc)
    if target is not None and target.pos_ != "PRON" and not _thing(tree, target, date):
        return target
    for verb in chain:
        for clause in verb.children:
            if clause.dep_ != "advcl" or not any(m.dep_ == "mark" and m.lower_ in ("until", "unless", "till")
                                                  for m in clause.children):
                continue
            subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON" and subject.i != source.i and _names_actor(
                    tree, subject, date):
                return subject
    return target


# Verbs that answer what was put to the doer: refusing it, or acceding to it.
REFUSING = EVENT_WORDS["reject"]
ACCEDING = EVENT_WORDS["accede"]
# What one accedes to (an invitation or offer accepted is no concession).
DEMANDS = EVENT_WORDS["demand"]


def _answer_kind(chain: list[Token]) -> str | None:
    """Default mode: REJECT where the predicate refuses a request, demand, call or proposal
    ("dismissed a cease-fire proposal by the government", "refused a request from"), CONCEDE
    where it accedes to a request or demand ("accepted the key demands by protesters",
    "conceded to demands from")."""
    refused = any(v.lemma_.lower() in REFUSING for v in chain)  # ("refused to accept a request")
    for verb in chain:
        lemma = verb.lemma_.lower()
        if lemma not in REFUSING and lemma not in ACCEDING:
            continue
        nouns = [c for c in verb.children if c.dep_ == "dobj"]  # (not "his call has been met with scepticism")
        nouns += [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                  for g in c.children if g.dep_ == "pobj"]
        for noun in nouns:
            word = noun.lemma_.lower()
            if refused and word in PROPOSALS:
                return "REJECT"
            if lemma in ACCEDING and word in DEMANDS:
                return "CONCEDE"
    return None


def _proposer(chain: list[Token], source: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: the author of a request, demand, call or offer the predicate answers
    ("Pakistan refused a request from Indian Prime Minister Narendra Modi", "conceded to demands
    from the Neighborhood Association", "dismissed a cease-fire proposal by the U.N.-supported
    government") is its recipient: the object of "from"/"by" on the predicate's object, or on
    the object of its preposition."""
    tree = tree_of(source.doc)
    for verb in chain:
        if verb.lemma_.lower() in RECEIVING:
            return target
        nouns = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        nouns += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "on", "with")
                  for g in c.children if g.dep_ == "pobj"]
        for noun in nouns:
            if noun.lemma_.lower() not in PROPOSALS:
                continue
            for prep in noun.children:
                if prep.dep_ != "prep" or prep.lower_ not in ("from", "by"):
                    continue
                for author in prep.children:
                    if author.dep_ != "pobj" or source.is_ancestor(author) or author.i == source.i:
                        continue
                    if _names_actor(tree, author, date):
                        return author
    return target


def _names_actor(tree: Tree, token: Token, date: str | None) -> bool:
    """Is ``token`` an actor the coder knows: a name or national word, a word with a country or
    sector code, or a noun of an organised body ("the committee", "the party")?"""
    return actorish_at(tree, token.i) or any(core_code(token, date)) or token.lemma_.lower() in BODIES


def _joint_parties(chain: list[Token], source: Token, target: Token | None,
                   date: str | None) -> tuple[Token, Token | None]:
    """Default mode: the coordinated parties of the subject of a joint act are its source and
    target, before any other actor the sentence names ("Trump and Putin have agreed to share
    information on North Korea" is Trump and Putin, not North Korea), also where the
    coordination is inside the subject ("Russia and Turkey's foreign ministers met", "UK and
    EU negotiators", "the armies of Brazil and Argentina"). Only for a source inside the subject
    and a predicate of joint action (``_reciprocal``): "Italy and Spain have refused ..." is
    one doer."""
    if not chain or not (_reciprocal(chain) or _ceasefire_violated(chain)):
        # (default mode: a truce broken by two coordinated subjects, "the rebels and the army
        # violated the ceasefire", is broken between them, as PLV marks it)
        return source, target
    verb = chain[0]
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or not (subject.i == source.i or subject.is_ancestor(source)):
        return source, target
    partner = _with_partner(chain, date)
    if partner is not None:
        return source, partner  # "X and Y held talks with Z": the coordination is one side
    skip = {t.i for c in subject.subtree if c.dep_ in ("relcl", "acl", "appos", "advcl") or _where(c) for t in c.subtree}
    for token in subject.subtree:
        if token.i in skip:
            continue
        other = next((c for c in token.children if c.dep_ == "conj" and c.i not in skip), None)
        if other is None:
            continue
        if all(_state_or_actor(p, date) for p in (token, other)):
            return token, other
        return source, target  # (the first coordination only: "negotiators and experts from ...")
    return source, target


# Prepositions that name whom an act with a thing as its object is done to or for: "handed over
# equipment to the Ministry of Health", "filed a lawsuit against X", "an investigation into X",
# "imposed sanctions on X", "returned the painting to its owner".
RECIPIENT_PREPS = frozenset({"to", "against", "on", "upon", "into"})


def _prep_recipient(verb: Token, source: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: where the predicate's direct object is a thing, no actor ("a lawsuit", "a
    shipment of ventilators", "sanctions", "a centuries-old ban"), an actor after one of
    ``RECIPIENT_PREPS`` on the verb or on that object is the recipient, rather than the thing or
    a place ("filed a lawsuit in a Paris court against the crown prince"). Condemning an act
    ("condemned the attack on a church") keeps its object: a church is no actor."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None and any(c.dep_ == "agent" for c in verb.children):
        # (a passive with its doer named: "the painting was returned by US officials to
        # Spanish authorities", the thing is its subject)
        obj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    tree = tree_of(verb.doc)
    if obj is None or not _thing(tree, obj, date):
        return target
    if (target is not None and target.i != obj.i and not _is_place(target) and not _thing(tree, target, date)
            and not _own_phrase(verb, source, target)):
        return target  # (the rankers already chose an actor: "share information on North Korea" with Putin)
    skip = {t.i for t in source.subtree} if source.i != verb.i else set()
    for holder in (verb, obj):
        for prep in holder.children:
            if prep.dep_ != "prep" or prep.lower_ not in RECIPIENT_PREPS:
                continue
            for noun in prep.children:
                if noun.dep_ != "pobj" or noun.i in skip or noun.i == source.i:
                    continue
                if noun.ent_type_ in NAMED_THINGS or noun.pos_ not in ("NOUN", "PROPN", "PRON"):
                    continue  # ("on Thursday")
                if any(core_code(noun, date)) or noun.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or (
                        noun.pos_ == "PRON" and noun.lower_ in PERSONAL):
                    return noun
    purpose = _purpose_recipient(verb, skip | {source.i}, date)
    if purpose is None:
        purpose = _charged(verb, obj, skip | {source.i})
    return purpose if purpose is not None else target


def _against_over_venue(verb: Token, source: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: a target that is where the act was done ("filed a lawsuit in a Paris court
    against the crown prince": the court, after "in" or "at") gives way to the actor the act is
    "against", on the predicate or on its direct object: whom the act is done to."""
    if target is None or target.dep_ != "pobj" or target.head.lower_ not in ("in", "at"):
        return target
    # (the venue too: the parser often hangs the "against" phrase on "a Paris court")
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj"), target]
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "against"):
        # (its object, or the object of a participle the parser made of a name's first word:
        # "against visiting Saudi Crown Prince ...")
        nouns = [*prep.children, *(g for c in prep.children if c.dep_ == "pcomp" for g in c.children)]
        for noun in nouns:
            if noun.dep_ not in ("pobj", "dobj") or noun in source.subtree or noun.ent_type_ in NAMED_THINGS:
                continue
            if _named_or_coded(noun, date):
                return noun
    return target


# Entity types of actors' names: a person, a body, a state, a people.
ACTOR_NAMES = ("PERSON", "ORG", "GPE", "NORP")


def _named_or_coded(token: Token, date: str | None) -> bool:
    """Is ``token`` an actor's name, or a word whose core the coder gives a country or sector?"""
    return token.ent_type_ in ACTOR_NAMES or any(core_code(token, date))


def _fellow_doer(targets: list[tuple[float, Token]], source: Token, target: Token | None) -> Token | None:
    """Default mode: in a response the coordinated doers give together ("Chamisa and his party,
    the Movement for Democratic Change, have rejected the election results"), a target that is
    one of the doers (or named in apposition to one) is a fellow doer, not what they answer:
    the best ranked candidate outside the doers' phrases."""
    if target is None:
        return target
    doers = [t for t in source.conjuncts]
    if not any(target.i == d.i or target in d.subtree for d in doers):
        return target
    return _best_other(targets, source, lambda token: not any(token in d.subtree for d in doers)) or target


def _for_whom(verb: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: "gave approval for the United Nations to deliver aid": a thing given, whose
    "for ... to" clause names who is to act with it, is given to that clause's subject (a named
    or coded actor), not to a word the clause's own act reaches ("near a U.S. garrison")."""
    if not any(c.dep_ == "dobj" for c in verb.children):
        return target
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if not any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.pos_ in ("NOUN", "PROPN") and _named_or_coded(subject, date):
            return subject
    return target


# Participles of charge or protest ("filed a lawsuit accusing ...", "protesting ...").
CHARGING = EVENT_WORDS["charging"]


def _charged(verb: Token, obj: Token, skip: set[int]) -> Token | None:
    """Default mode: a thing done (a lawsuit, a strike, a statement) whose participle of
    charge or protest, on the predicate or on the thing, names what it is against ("filed a
    federal lawsuit accusing the cartel of ...", "has started a hunger strike, protesting the
    state's pension system"): that participle's object is the target."""
    for holder in (verb, obj):
        for clause in holder.children:
            if clause.dep_ not in ("advcl", "acl") or clause.tag_ != "VBG" or clause.lemma_.lower() not in CHARGING:
                continue
            charged = next((c for c in clause.children if c.dep_ == "dobj" and c.i not in skip), None)
            if charged is not None and (charged.pos_ in ("NOUN", "PROPN") or charged.lower_ in PERSONAL):
                return charged
    return None


# Prepositions of whom or where a purpose clause serves: "to provide care for refugees",
# "to promote investment in Ethiopia" (a place only there: the country the help is for).
PURPOSE_PREPS = ("for", "to", "in")


def _purpose_recipient(verb: Token, skip: set[int], date: str | None) -> Token | None:
    """Default mode: a thing given, sent or handed over ("donated ventilators", "gave 350
    million euros") whose recipient the predicate names only in its purpose clause, an infinitive
    of purpose ("to assist Ethiopia", "to promote investment in Ethiopia", "to support services
    for children"): the one the clause's act serves is the recipient. Its direct object first
    where that names an actor, then an actor (or, after "in", a country) in its prepositions."""
    for clause in verb.children:
        if clause.dep_ not in ("advcl", "xcomp") or not any(
                c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
            continue
        objects = [c for c in clause.children if c.dep_ == "dobj" and c.i not in skip]
        for obj in objects:
            if _serves(obj, "dobj", date):
                return obj
        for holder in [clause, *objects, *(c for o in objects for c in o.children if c.dep_ == "conj")]:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ not in PURPOSE_PREPS:
                    continue
                noun = next((c for c in prep.children if c.dep_ == "pobj" and c.i not in skip), None)
                if noun is not None and _serves(noun, prep.lower_, date):
                    return noun
    return None


def _serves(noun: Token, how: str, date: str | None) -> bool:
    """Is ``noun`` (an object, or the object of ``how``) one a purpose clause can serve: a
    state or a named or coded actor, no region or building; after "in", only a country."""
    if noun.ent_type_ in NAMED_THINGS or noun.ent_type_ in ("LOC", "FAC") or noun.pos_ not in ("NOUN", "PROPN"):
        return False
    if how == "in":
        return noun.ent_type_ == "GPE"
    # (the word itself, not its phrase: "a Russian-backed offensive" names no one served)
    return _entity_head(tree_of(noun.doc), noun, date)


def _own_phrase(verb: Token, source: Token, target: Token) -> bool:
    """Is ``target`` inside the doer's own phrase ("The U.S. Department of Justice and the U.S.
    Attorney's Office ... launched an investigation into X": the office is a fellow doer), where
    the act is not one done together ("Trump and Putin agreed to share information")?"""
    return source.is_ancestor(target) and not _reciprocal([verb])


def learned_recipient(frame: Frame, source: Token, target: Token, date: str | None) -> Token:
    """The pair model's target, or, where that is the thing the predicate's object names
    ("handed over $4 million worth of equipment to the Ministry of Health"), the actor after a
    preposition of recipients (``_prep_recipient``, as the rules read it)."""
    if frame.speech is not None or source.i == frame.trigger.i:
        return target
    return _prep_recipient(frame.trigger, source, target, date) or target


# Prepositions of where an act happened, as PLV marks the place ("in Mumbai", "along the fence").
WHERE_PREPS = frozenset({*PLACE_PREPS, "along", "during", "throughout"})


def _where(token: Token) -> bool:
    """Is ``token`` the object of a preposition of place or time ("in western Iran", "during a mass")?"""
    return token.dep_ == "pobj" and token.head.lower_ in WHERE_PREPS


def _in_where(token: Token) -> bool:
    """Default mode: is ``token`` such an object, or a name inside one ("in the Old City of
    Mosul", "in the eastern department of Pando": up "of" and compounds to the object)?"""
    while token.dep_ in ("pobj", "compound") and token.head.lower_ == "of" or token.dep_ == "compound":
        token = token.head.head if token.dep_ == "pobj" else token.head
    return _where(token)


def _object_or_place(verb: Token, source: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: the predicate's direct object, when it is a named or national actor, is the
    target rather than where (or when) the act happened ("killed one Turkish soldier and wounded another in
    northwest Syria", "killed an Israeli soldier along the Gaza fence"): PLV marks the place
    only where nothing else is done to."""
    if target is None:
        return target
    tree = tree_of(verb.doc)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    where = _in_where(target)  # ("in the Old City of Mosul")
    if (where and obj is not None and obj.i != source.i and obj.pos_ in ("NOUN", "PROPN")
            and obj.ent_type_ not in PLACE_ENTS and actorish_at(tree, obj.i)):
        return obj
    if (obj is not None and obj.i != source.i and obj.pos_ in ("NOUN", "PROPN") and obj.ent_type_ not in PLACE_ENTS
            and (where or _in_clause_of(obj, target)) and _group_word(obj)
            and verb.lemma_.lower() not in speech_lemmas()  # ("says a man who ... against Australia")
            and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)):  # ("its forces")
        return obj
    return target


def _in_clause_of(noun: Token, target: Token) -> bool:
    """Is ``target`` inside a clause that describes ``noun`` ("killed another ethnic Chechen who
    had fought on the Ukrainian side": the side is no one the killing was done to)?"""
    return any(c.dep_ in ("relcl", "acl") and (c.i == target.i or c.is_ancestor(target)) for c in noun.children)


def _group_word(noun: Token) -> bool:
    """Default mode: is ``noun`` a named or national actor, or a word the actor lists give a
    sector ("civilians", "prisoners", "police", "troops"; not "incursions in the Gaza Strip",
    which only its place codes)?"""
    if actorish_at(tree_of(noun.doc), noun.i):
        return True
    kb = knowledge()
    return any(hit.what in ("agent", "modifier") for word in {noun.lower_, noun.lemma_.lower()}
               for hit in kb.lookup(word))


def _thing(tree: Tree, token: Token, date: str | None) -> bool:
    """Is the head ``token`` a thing or an amount, no actor and no one's ("a lawsuit", "$4
    million worth of equipment"; not "the regime's attacks", "the committee", "troops")?"""
    if token.pos_ not in ("NOUN", "NUM", "SYM") or token.ent_type_ in PLACE_ENTS + ("PERSON", "ORG", "NORP"):
        return False
    if token.lemma_.lower() in BODIES or actorish_at(tree, token.i):
        return False
    if any(c.dep_ == "poss" for c in token.children):
        return False
    return _coded(tree, [token.i], date) == (None, None)


# Nouns of what is said or done, not of who: speech acts and acts without a nominal suffix
# ("rejected the call", "denied the charge", "dismissed the claims"); with ``ACT_SUFFIXES``
# (nominalisations: "accusations", "criticism", "involvement", "responsibility", "the arrest" is
# in the list) they are the word class of ``_act_noun``.
ACT_NOUNS = EVENT_WORDS["act_noun"]
ACT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence", "ism", "ity", "ure", "sal", "ing", "ness")


def _act_noun(token: Token) -> bool:
    """Is the common noun ``token`` a word of an act, statement or state ("accusations", "the
    call", "involvement", "responsibility") rather than of a person, group or place?"""
    lemma = token.lemma_.lower()
    return lemma in ACT_NOUNS or (len(lemma) > 5 and lemma.endswith(ACT_SUFFIXES))


# Prepositions under a thing that name whose it is or whom it concerns, the likeliest first:
# "criticism from the UN refugee agency", "talks with the Taliban", "information to the Indian
# government", "sanctions against the regime", "the appeal of two journalists".
THING_ACTOR_PREPS = ("from", "by", "with", "to", "against", "of", "on", "upon", "toward", "towards")
# Nouns of material acts: what follows their "of", "on", "against" is the one the act is done to,
# never the recipient of a reaction to it ("condemned the attack on a church", "the bombing of a
# military academy"); only their "by"/"from" names an actor that counts (the doer).
MATERIAL_ACT_NOUNS = EVENT_WORDS["material_act_noun"]
DOER_PREPS = ("from", "by")


def thing_target(target: Token, source: Token | None, date: str | None) -> Token | None:
    """Default mode: a target that is a word of an act or statement, no actor ("rejected
    criticism from the opposition", "rejected the appeal of two journalists", "welcomed the
    decision of the state government"), gives way to the entity its own phrase names after one
    of ``THING_ACTOR_PREPS`` (prepositional phrases only, not clauses; the nearest first): the
    manual's recipient is an entity. A thing that names none stays ("condemned the attacks",
    "boycotted the vote": PLV marks the thing then), and so do things of a named actor ("the
    Palestinian attack", "Al Qaeda positions")."""
    tree = tree_of(target.doc)
    if target.ent_type_ or target.pos_ != "NOUN" or not _thing(tree, target, date) or not _act_noun(target):
        return target
    if not encoded(target.doc):
        return target  # (--fast keeps the rules' target)
    skip = {t.i for t in source.subtree} | {source.i} if source is not None else set()
    actors: list[tuple[int, int, int, Token]] = []
    frontier, depth = [target], 0
    while frontier and depth < 3:  # ("criticism of X's stand on asylum seekers from the UN agency")
        nouns = []
        for noun in frontier:
            for prep in noun.children:
                if prep.dep_ != "prep":
                    continue
                for token in prep.children:
                    if token.dep_ != "pobj" or token.i in skip:
                        continue
                    nouns.append(token)
                    if (prep.lower_ not in THING_ACTOR_PREPS or token.ent_type_ in NAMED_THINGS
                            or token.ent_type_ in PLACE_ENTS):
                        continue
                    if noun.lemma_.lower() in MATERIAL_ACT_NOUNS and prep.lower_ not in DOER_PREPS:
                        continue  # (the one the act is done to)
                    if _entity_head(tree, token, date):  # ("the opposition" is one, "the declaration" is not)
                        actors.append((depth, THING_ACTOR_PREPS.index(prep.lower_), token.i, token))
        frontier, depth = nouns, depth + 1
    return min(actors, key=lambda f: f[:3])[3] if actors else target


def _entity_head(tree: Tree, token: Token, date: str | None) -> bool:
    """Does the head ``token`` itself name a person, group, state or organisation (a name, a
    nationality, a body, a personal pronoun, or a noun the coder reads alone: "journalists")?"""
    if token.pos_ == "PRON":
        return token.lower_ in PERSONAL
    if token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or token.pos_ == "PROPN":
        return True
    return token.lemma_.lower() in BODIES or _coded(tree, [token.i], date) != (None, None)


# Prepositions of a venue: "held talks in Doha", "met at Camp David".
VENUE_PREPS = frozenset({"in", "at"})


def _venue(target: Token) -> bool:
    """Default mode: is the ranked target only where the joint act took place ("Washington and
    the Taliban had been holding direct talks in Doha"), a place in an "in"/"at" phrase of the
    verb or its object? Then the coordinated subjects are the parties."""
    if not (encoded(target.doc) and target.ent_type_ in ("GPE", "LOC", "FAC") and target.dep_ == "pobj"
            and target.head.lower_ in VENUE_PREPS):
        return False
    held = target.head.head  # the verb, or its object ("held talks in Geneva")
    return held.pos_ in ("VERB", "AUX") or (held.dep_ == "dobj" and held.head.pos_ in ("VERB", "AUX"))


def _coordinated(target: Token | None, date: str | None) -> list[Token]:
    """"accused the US and Britain": each coordinated, coded actor is a recipient too."""
    if target is None:
        return []
    return [c for c in target.children if c.dep_ == "conj" and coded(c, date)[0]]


def _statement_target(
    frame: Frame, ranked: Token | None, source: Token, date: str | None, targets: list[tuple[float, Token]]
) -> Token | None:
    """In a statement, the actor the content is about (its subject) when it is a coded actor of
    another country than the speaker. One of the speaker's own ("Macron said France would send
    aid to Ukraine") is news of its own side's act: its recipient, the best ranked actor of
    another country, is the target."""
    own = coded(source, date)[0]
    about = frame.target
    if about is None or about.i == source.i:
        return ranked
    country, sector = coded(about, date)
    if country and country == own and sector == "GOV" and about.ent_type_ == "GPE":
        other = next((t for _, t in targets if (c := coded(t, date)[0]) and c != own), None)
        return other if other is not None else ranked
    return about if country else ranked


def _past_own_subject(frame: Frame, target: Token | None, source: Token, date: str | None,
                      targets: list[tuple[float, Token]]) -> Token | None:
    """Default mode: a statement's target that is its content's subject of the speaker's own
    body ("The CIA official threatened that if Israel did not ..., the CIA would sever ties";
    the subject's name is a word of the speaker's phrase) is the speaker's side acting, not whom
    the statement is about: the best ranked other actor of another country than the speaker,
    else the best ranked other candidate that is no word of the speaker's phrase."""
    about = _content_subject(frame.trigger)
    if target is None or about is None or target.i != about.i or not _speakers_body(about, source, date):
        return target
    own = coded(source, date)[0]
    others = [t for _, t in targets if t.i not in (about.i, source.i) and t not in source.subtree
              and t.dep_ != "poss"]
    foreign = next((t for t in others if (c := coded(t, date)[0]) and own and c != own), None)
    if foreign is not None:
        return foreign
    return others[0] if others else target


def _actor_over_place_spoken(frame: Frame, ranked: Token | None, target: Token | None,
                             date: str | None) -> Token | None:
    """Default mode: where a statement's target is a place after a preposition of its content
    ("Reagan declared that he will not go to Moscow to meet Gorbachev": Moscow, where he would go)
    and the rankers' own choice is a person or body of the content with a code, that actor is
    whom the statement is about, not the place."""
    if target is None or ranked is None or target.i == ranked.i:
        return target
    if target.dep_ != "pobj" or target.head.lower_ not in PLACE_PREPS + DESTINATION_PREPS \
            or target.ent_type_ not in PLACE_ENTS:
        return target
    if _is_place(ranked) or ranked.ent_type_ not in ("PERSON", "ORG") or not frame.trigger.is_ancestor(ranked):
        return target
    return ranked if coded(ranked, date)[0] else target


def _person_spoken_of(frame: Frame, target: Token | None, source: Token, date: str | None) -> Token | None:
    """Default mode: a statement whose target names no actor ("Mr Erdogan's critics say he has
    used the failed coup as an excuse": the excuse) and whose content's subject is "he" or "she"
    that cannot be the speaker again (a plural speaker, "critics"; a single one may be "he" whatever
    the entity tagger says): that person,
    whose act the statement speaks of, is the target."""
    about, speaker = _content_subject(frame.trigger), frame.source or source
    if about is None or about.lower_ not in PERSON_PRONOUNS or speaker.tag_ != "NNS" or speaker.ent_type_:
        return target  # (only a plural common noun, "critics", "officials", is surely no "he": a
        # name the tagger reads as plural, "Sanders", may be)
    if target is not None and (target.pos_ != "NOUN" or target.ent_type_ or any(core_code(target, date))):
        return target  # (an actor's word, a name or a pronoun: the rankers' choice stands)
    return about


# A state's executive ("the government", "the administration"): bare, in a statement of a
# government speaker, the speaker's own.
EXECUTIVES = ACTOR_WORDS["led_body"]


def _speakers_body(about: Token, speaker: Token, date: str | None) -> bool:
    """Is the content's subject ``about`` the speaker's own body: a name of the speaker's own
    phrase ("The CIA official" ... "the CIA"), or a bare executive ("the government", no
    country or leader named with it) where the speaker is a government's ("Prime Minister Andrew
    Holness announced that the government will extend the curfew")?"""
    if about.i in {t.i for t in speaker.subtree}:
        return False
    if about.pos_ == "PROPN":
        # (the speaker's own name words only: "The CIA official", not "a woman who has accused
        # Bill Clinton" or "Murphy's spokeswoman", who speaks of another)
        return about.lower_ in {t.lower_ for t in speaker.children if t.dep_ == "compound" and t.pos_ == "PROPN"}
    bare = not any(c.dep_ in ("amod", "compound", "poss", "prep", "nmod") for c in about.children)
    return bare and about.lower_ in EXECUTIVES and coded(speaker, date)[1] == "GOV"


def _first_person(frame: Frame) -> bool:
    """Is the reported clause the speaker's own act in the first person, announced or made to
    depend on a condition ('"We will strike Ukraine," said the minister', '"I would veto it,"
    he said'), whatever the order of quote and speaker?"""
    content = frame.trigger
    if not encoded(content.doc):
        return False  # (--fast keeps the rules as they were: default mode only)
    subject = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return (subject is not None and subject.lower_ in FIRST_PERSON
            and (is_future(frame.chain) or frame.hypothetical))


def _forceful(verb: Token) -> bool:
    """Is force or coercion a usual reading of the verb ("strike", "hit", "punish")?"""
    shares = verb_lexicon().get(verb.lemma_.lower(), {})
    return sum(shares.get(kind, 0.0) for kind in FORCE) >= FORCE_SHARE


def _about_other(frame: Frame, source: Token, date: str | None) -> bool:
    """Is the ranked doer an actor inside the quote, of another country than the speaker? (One
    of the speaker's own side is news of its own act: "Our forces will withdraw," Putin said.)"""
    speaker = frame.source
    if frame.speech is None or speaker is None:
        return False
    inside = frame.trigger.i == source.i or frame.trigger.is_ancestor(source)
    country, own = coded(source, date)[0], coded(speaker, date)[0]
    return inside and bool(country and own) and country != own


def _quoted_target(frame: Frame, ranked: Token, date: str | None) -> Token:
    """The quote's subject when it is coded to another country than the speaker, else the
    actor the ranker took for the doer."""
    about, speaker = frame.target, frame.source
    if about is None or speaker is None or about.i == speaker.i:
        return ranked
    country = coded(about, date)[0]
    return about if country and country != coded(speaker, date)[0] else ranked


def _statement_type(frame: Frame, kind: str, probability: float) -> tuple[str, float]:
    """A statement that another actor must or should act is a request; one in hostile words is a
    threat (conditional, modal or future) or an accusation (anything else); unless the model is
    sure of a verbal category."""
    if kind in VERBAL_CONFLICT and probability >= 0.5:
        return kind, probability
    content = frame.trigger
    if any(c.dep_ == "aux" and c.lower_ in DEONTIC for c in content.children):
        return "REQUEST", max(probability, 0.5)  # "said the EU must be ready to mediate"
    words = {t.lower_ for t in content.subtree}
    if not words & hostile_words():
        return kind, probability
    future = frame.hypothetical or any(t.lower_ in ("will", "shall") for t in content.children)
    if future and kind in YIELDING + COOPERATIVE and not frame.negated and encoded(content.doc):
        # (default mode: a concession or aid announced in words of arms, "announced it will
        # return the weapons depots it seized", is a promise, AGREE below, not a threat)
        return kind, probability
    return ("THREATEN" if future else "ACCUSE"), max(probability, 0.5)


# Objects that declare a restriction or a truce on a place (the manual's COERCE `curfew',
# `martial-law' and the declared ceasefire: "declared a state of siege in Bolivia", "will extend
# the curfew in Jamaica"), and verbs that found or build something somewhere ("agreed to set up a
# centre in Mumbai").
DECLARED = EVENT_WORDS["declared"]
FOUNDING = EVENT_WORDS["found"]


def _declared_place(verb: Token, source: Token, target: Token | None, date: str | None) -> Token | None:
    """Default mode: the place a restriction or truce is declared in, or something is founded
    in, is the recipient where the rankers took the thing itself, a place it happens in or
    nothing (PLV marks the place: "declared the state of siege on May 3 in Santa Cruz Barillas",
    "set up a new company in Berlin"); an actor the rankers took stays ("imposed a curfew on
    protesters"). The place is the object of "in" on the verb or in the object's own noun phrase
    (not in a clause inside it: "a state of siege following X's announcement that he had taken
    refuge in the Brazilian Embassy")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ not in ("NOUN", "PROPN") or obj.ent_type_ in ("PERSON", "NORP", "GPE"):
        return target
    words = [obj, *(g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                    for g in p.children if g.dep_ == "pobj")]  # ("a state of siege")
    declared = any(w.lemma_.lower() in DECLARED for w in words)
    founded = verb.lemma_.lower() in FOUNDING and (verb.lemma_.lower() != "set" or any(
        c.dep_ == "prt" and c.lower_ == "up" for c in verb.children))
    if not (declared or founded):
        return target  # (the thing founded is new, so no recipient: "set up a company" names no one)
    tree = tree_of(verb.doc)
    if (target is not None and not (founded and obj.is_ancestor(target)) and target.i != obj.i
            and not _in_where(target) and not _thing(tree, target, date)):
        return target  # (the thing founded and its own name are no recipient: "set up National Centre of Excellence")
    skip = {t.i for t in source.subtree}
    holders = [verb, *(t for t in obj.subtree if t.pos_ in ("NOUN", "PROPN") and _in_phrase(t, obj))]
    places = sorted(g.i for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ == "in"
                    for g in p.children if g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC") and g.i not in skip)
    return verb.doc[places[0]] if places else target


UNDERGO = EVENT_WORDS["undergo"]


def undergone(verb: Token, source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """Default mode: "Trump has faced criticism from rivals", "the plan drew condemnation from
    the UN": the subject of a verb of undergoing (``UNDERGO``) whose object is a thing, no actor,
    is the one the act is done to; the entity that thing's "from"/"by" phrase names is its doer.
    The pair is reversed: that entity the source, the subject the target."""
    if verb.lemma_.lower() not in UNDERGO or source.dep_ != "nsubj" or source.head.i != verb.i:
        return source, target
    tree = tree_of(verb.doc)
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if not _thing(tree, obj, date):
            continue
        for prep in (c for c in [*obj.children, *verb.children] if c.dep_ == "prep" and c.lower_ in DOER_PREPS):
            doer = next((g for g in prep.children if g.dep_ == "pobj"), None)
            if doer is not None and _entity_head(tree, doer, date):
                return doer, source
    return source, target


def undergone_by_owner(verb: Token, source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """Default mode: "Mexico's president drew criticism from Washington": a ranked doer that is
    the possessor of a verb of undergoing's subject is no doer (the pair model ranks "Mexico",
    and the subject's phrase then gives the same actor both roles); read as ``undergone`` reads
    the subject. Unchanged where no "from"/"by" phrase names the doer."""
    subject = source.head
    if source.dep_ != "poss" or subject.dep_ != "nsubj" or subject.head.i != verb.i:
        return source, target
    doer, done_to = undergone(verb, subject, target, date)
    return (doer, done_to) if doer.i != subject.i else (source, target)


def came_under(verb: Token, source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """Default mode: "The police have come under criticism from rights groups": the subject of
    "come under" a thing (no actor) undergoes it, done by the entity its "from"/"by" phrase
    names: that entity the source, the subject (or the subject a ranked possessor sits in) the
    target, as ``undergone`` reads "faced criticism from"."""
    subject = source.head if source.dep_ == "poss" else source
    if verb.lemma_.lower() != "come" or subject.dep_ != "nsubj" or subject.head.i != verb.i:
        return source, target
    tree = tree_of(verb.doc)
    for under in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"):
        for obj in (g for g in under.children if g.dep_ == "pobj" and _thing(tree, g, date)):
            for prep in (c for c in obj.children if c.dep_ == "prep" and c.lower_ in DOER_PREPS):
                doer = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if doer is not None and _entity_head(tree, doer, date):
                    return doer, subject
    return source, target


def charged_in(verb: Token, source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """Default mode: "Assange faces a charge of conspiracy in the US", "the banker faces three
    counts of fraud in Germany": the subject of a verb of undergoing (``UNDERGO``) whose object
    is a thing and names no doer ("from"/"by": ``undergone``) is the one the act is done to;
    a ranked target inside that object's phrase (the state it names, or the thing coded with
    that state's country) stands for the doer, the prosecuting state (the manual's ACCUSE:
    "charge, indict"). The pair is reversed."""
    if (target is None or verb.lemma_.lower() not in UNDERGO or source.dep_ != "nsubj"
            or source.head.i != verb.i):
        return source, target
    tree = tree_of(verb.doc)
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if _thing(tree, obj, date) and (target.i == obj.i or obj.is_ancestor(target) or _venue_of(verb, target)):
            return target, source
    return source, target


def undergoing(verb: Token, source: Token, target: Token | None, date: str | None) -> tuple[Token, Token | None]:
    """Default mode: the readings of a verb of undergoing, in order (``undergone_by_owner``,
    ``came_under``, ``undergone``, ``charged_in``): the one who faces, draws or comes under an act
    is its target. Shared by the rules (``_find``) and the pair model's events."""
    for reading in (undergone_by_owner, came_under, undergone, charged_in):
        source, target = reading(verb, source, target, date)
    return source, target


def _venue_of(verb: Token, place: Token) -> bool:
    """Is ``place`` a place in an "in"/"at" phrase of ``verb`` itself ("faces charges in Turkey")?"""
    return (place.ent_type_ in ("GPE", "LOC") and place.dep_ == "pobj" and place.head.lower_ in VENUE_PREPS
            and place.head.head.i == verb.i)


def _in_phrase(token: Token, head: Token) -> bool:
    """Is ``token`` inside ``head``'s own noun phrase: no verb on the way up to it?"""
    while token.i != head.i:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return False
    return True


# Military exercises (word forms and lemmas).
DRILLS = EVENT_WORDS["drill"]


def _joint_drill(chain: list[Token]) -> bool:
    """Default mode: does the predicate hold military exercises together: an exercise as the
    object of a verb of the chain, with a coordinated subject ("The US and its allies launched
    war games"), a joint word on it ("performed joint war games"), or a "with" partner ("held
    drills with the Japanese navy")? One actor's drills ("China began drills near Taiwan") are
    not."""
    if not chain:
        return False
    subject = next((c for c in chain[0].children if c.dep_ == "nsubj"), None)
    together = subject is not None and any(t.dep_ == "conj" for t in subject.subtree)
    for verb in chain:
        with_partner = any(c.dep_ == "prep" and c.lower_ == "with" for c in verb.children)
        for obj in verb.children:
            if obj.dep_ != "dobj" or (obj.lemma_.lower() not in DRILLS and obj.lower_ not in DRILLS):
                continue
            joint = any(m.lower_ in JOINT_WORDS for m in obj.children)
            if together or joint or with_partner or any(c.dep_ == "prep" and c.lower_ == "with" for c in obj.children):
                return True
    return False


# Verbs of a call or visit, the purposes that make it support (the manual's SUPPORT "express
# support for, commend"), and what is expressed or conveyed as support.
CALLS = EVENT_WORDS["call_visit"]
COMMENDING = EVENT_WORDS["commend"]
SUPPORT_NOUNS = EVENT_WORDS["support_noun"]


def _called_to_commend(chain: list[Token]) -> bool:
    """Default mode: is the predicate a call or visit made to congratulate, assure, thank or
    praise, or to express or convey support ("called the new prime minister to congratulate him",
    "called President X to express his support for Sudan")? Not a call made to discuss or
    explain (CONSULT), nor to apologise (the manual's CONCEDE)."""
    if not chain or chain[0].lemma_.lower() not in CALLS:
        return False
    purposes = [*chain[1:], *(c for c in chain[0].children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
                              and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))]
    for verb in purposes:
        lemma = verb.lemma_.lower()
        if lemma in COMMENDING:
            return True
        if any(c.dep_ == "dobj" and c.lemma_.lower() in SUPPORT_NOUNS for c in verb.children):
            return True  # ("to express his support", "to convey Pakistan's support and solidarity")
    return False


RELEASE_VERBS = EVENT_WORDS["release_verb"]
RELEASED_TEXTS = EVENT_WORDS["released_text"]
# The categories of words: what a text put out can do (it moves no persons, property or troops).
VERBAL_KINDS = (*VERBAL_ACTS, "CONCEDE", "CONSULT")


def _released_texts(chain: list[Token]) -> list[tuple[Token, Token]]:
    """Default mode: (verb, text) where the predicate is a statement, an ad or a call put out
    ("released a statement in opposition to the deal", "is releasing a robocall spotlighting ...",
    "sent out a press release saying ..."); not a release *of* someone ("issued the release of the
    prisoners")."""
    out = []
    for verb in chain:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in RELEASE_VERBS:
            continue
        for noun in verb.children:
            if noun.dep_ != "dobj" or noun.lemma_.lower() not in RELEASED_TEXTS:
                continue
            if not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children):
                out.append((verb, noun))
    return out


def text_released(chain: list[Token]) -> bool:
    """Default mode: does the predicate put out a statement, an ad or a call (``_released_texts``)?"""
    return bool(_released_texts(chain))


def _text_act(chain: list[Token]) -> str | None:
    """Default mode: the verbal act a text put out names by a participle on the text or the verb,
    or by a relative clause on the text ("released a statement condemning the attack": ACCUSE;
    "an ad that urges voters to ...": REQUEST), from either lexicon, or None."""
    for verb, noun in _released_texts(chain):
        for clause in (c for t in (verb, noun) for c in t.children):
            if not (clause.dep_ in ("advcl", "acl") and clause.tag_ == "VBG") and clause.dep_ != "relcl":
                continue  # (a participle, or a relative clause: "an ad that urges voters to ...")
            hit = lexicon_hit([clause]) or _table_hit([clause], manual_verb_table(), DOBJ_IDS)
            if hit is not None and hit[0] in VERBAL_KINDS:
                return hit[0]
    return None


def _verbal_reading(sent: Span, frame: Frame, source: Token | None, target: Token | None,
                    cue: str | None) -> tuple[str, float] | None:
    """The category model's likeliest verbal conflict for the predicate (``VERBAL_CONFLICT``), or
    None without a model. (A concession, an agreement or support is an act the text must name,
    ``_text_act``; the model, trained on PLV where "released" is a release of people, reads a text
    put out as YIELD or AGREE, whatever it says.)"""
    model = TYPES.get()
    if model is None:
        return None
    probs = model.probabilities(frame_features(sent, frame.chain, source, target, cue))
    verbal = {k: p for k, p in probs.items() if k in VERBAL_CONFLICT}
    if not verbal:
        return None
    kind = max(verbal, key=verbal.__getitem__)
    return kind, verbal[kind]


ASKING = EVENT_WORDS["ask_to"]
# (a call is made *on* someone to act, an appeal *to* someone: "called the new prime minister to
# congratulate him" is a telephone call, not a request; see ``_called_to_commend``)
ADDRESSEE_PREPS = {"call": ("on", "upon"), "appeal": ("to",)}


def _asked_to(chain: list[Token]) -> bool:
    """Default mode: is the predicate a verb of asking or telling with its addressee and the act
    asked for as its infinitive ("called on the governor to apologize", "told the rebels to
    release the hostages", "urged Congress to act")? The manual's REQUEST is the asking, whatever
    the act asked for."""
    for verb, act in zip(chain, chain[1:], strict=False):
        lemma = verb.lemma_.lower()
        if verb.pos_ != "VERB" or lemma not in ASKING or act.head.i != verb.i or act.dep_ != "xcomp":
            continue
        if not any(c.dep_ == "aux" and c.lower_ == "to" for c in act.children) or act.i < verb.i:
            continue
        preps = ADDRESSEE_PREPS.get(lemma)
        if preps is None and any(c.dep_ == "dobj" for c in verb.children):
            return True
        if preps is not None and any(c.dep_ == "prep" and c.lower_ in preps and verb.i < c.i < act.i
                                     and any(g.dep_ == "pobj" for g in c.children) for c in verb.children):
            # (between the verb and the infinitive: not "On Nov. 2, ... called Lavrov to discuss")
            return True
    return False


def asks_to(token: Token) -> bool:
    """Default mode: is ``token`` a verb of asking with its addressee and an infinitive, or that
    infinitive ("called on the governor to apologize": "called" or "apologize")? See ``_asked_to``."""
    if token.dep_ == "xcomp" and _asked_to([token.head, token]):
        return True
    return any(_asked_to([token, c]) for c in token.children if c.dep_ == "xcomp")


# plv22: the manual's readings of a call made to discuss, a force sent or an order given for an
# act, a conviction that imprisons, and a warrant issued in absentia (all default mode, through
# ``_manual_kind``; own sentences in tests/test_events_plv22.py).
DISCUSS_CALLS = EVENT_WORDS["discuss_call"]
PHONE_CALLS = ("call", "phone", "telephone", "ring")
DISPATCHING = EVENT_WORDS["dispatch"]
ORDER_NOUNS = EVENT_WORDS["order_noun"]
JAIL_TERMS = EVENT_WORDS["jail_term"]
FORCE_ACTS = ("ASSAULT", "COERCE")


def _to_infinitives(token: Token, deps: tuple[str, ...]) -> list[Token]:
    """The verbs of ``token``'s purpose clauses: its children of ``deps`` with "to"."""
    return [
        c
        for c in token.children
        if c.dep_ in deps
        and c.pos_ == "VERB"
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]


def _called_to_discuss(chain: list[Token]) -> bool:
    """Default mode: is the predicate a telephone call to someone made to discuss, explain or
    brief ("called the Ethiopian president to explain ...")? The manual's CONSULT `phone'. Not a
    call *on* someone (a request or a visit: ``_asked_to``), not one made to commend (SUPPORT)."""
    if not chain or chain[0].lemma_.lower() not in PHONE_CALLS:
        return False
    call = chain[0]
    callees = [c for c in call.children if c.dep_ == "dobj"]
    if not callees or any(c.pos_ == "NOUN" and not c.ent_type_ and _act_noun(c) for c in callees):
        # (a call has its callee as object: not "called for talks", nor "called an emergency
        # meeting to discuss the test", a meeting convened)
        return False
    on = [c for c in call.children if c.dep_ in ("prep", "prt") and c.lower_ in ("on", "upon")]
    if any(not _dated(c) for c in on):
        return False
    return _called_purposes(call, chain)


def _dated(prep: Token) -> bool:
    """Is ``prep`` a time phrase ("on Friday", "on Nov. 2")?"""
    return any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in prep.children)


def _called_purposes(call: Token, chain: list[Token]) -> bool:
    """Is a purpose of ``call`` (its chain or its "to" clauses) one of ``discuss_call``?"""
    purposes = [*chain[1:], *_to_infinitives(call, ("advcl", "xcomp"))]
    return any(v.lemma_.lower() in DISCUSS_CALLS for v in purposes)


def _purpose_force(chain: list[Token]) -> str | None:
    """Default mode: the force a purpose clause names where a force is sent or an operation set
    to work for it ("sent fighter jets to destroy the reactor": ASSAULT; "launched operations to
    detain 110 people": COERCE), or an order given for it ("issued an order to implement an
    arrest warrant"); PLV and the manual code the act, not the sending. Else None."""
    for verb in chain:
        purposes = _to_infinitives(verb, ("advcl",)) if verb.lemma_.lower() in DISPATCHING else []
        orders = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in ORDER_NOUNS]
        purposes += [p for o in orders for p in _to_infinitives(o, ("acl",))]
        purposes += [p for p in _to_infinitives(verb, ("advcl",)) if orders]
        for purpose in purposes:
            read = _purpose_reading(purpose)
            if read in FORCE_ACTS:
                return read
    return None


def _purpose_reading(verb: Token) -> str | None:
    """The category the tables name for ``verb`` alone, else its one clear reading in the CAMEO
    verb dictionary ("destroy": ASSAULT), as ``_dominant_reading`` reads an unsure predicate."""
    hit = lexicon_hit([verb]) or _table_hit([verb], manual_verb_table(), DOBJ_IDS)
    if hit is not None:
        return hit[0]
    readings = verb_lexicon().get(verb.lemma_.lower(), {})
    best = max(readings, key=readings.__getitem__, default=None)
    return best if best is not None and readings[best] >= DOMINANT_SHARE else None


def _imprisoned(chain: list[Token]) -> bool:
    """Default mode: is the predicate a conviction or sentence that imprisons ("convicted ... and
    sentenced him to seven years in prison")? The manual (SANCTION): "Convictions that result in
    imprisonment should also be coded as COERCE `arrest'"; a sentence to death or a fine is not."""
    for verb in chain[:1]:
        if verb.lemma_.lower() not in ("convict", "sentence"):
            continue
        sentences = [v for v in (verb, *verb.conjuncts) if v.lemma_.lower() == "sentence"]
        for sentence in sentences:
            for prep in (c for c in sentence.children if c.dep_ == "prep" and c.lower_ == "to"):
                if any(t.lemma_.lower() in JAIL_TERMS for t in prep.subtree):
                    return True
    return False


def _in_absentia(sent_of: Token) -> bool:
    """Is the act done "in absentia" ("issued an arrest warrant in absentia")? The manual (COERCE
    ambiguities): "Issuing an in-absentia arrest should be coded as a THREATEN `arrest'"."""
    words = [t.lower_ for t in sent_of.sent]
    return any(a == "in" and b == "absentia" for a, b in zip(words, words[1:], strict=False))


def _purpose_object(chain: list[Token], target: Token) -> Token:
    """Default mode: where ``target`` is the force a verb of ``dispatch`` sends ("sent fighter
    jets to destroy the reactor"), the direct object of the purpose clause of force, else
    ``target``."""
    verb = target.head
    if target.dep_ != "dobj" or verb not in chain or verb.lemma_.lower() not in DISPATCHING:
        return target
    for purpose in _to_infinitives(verb, ("advcl",)):
        obj = next((c for c in purpose.children if c.dep_ == "dobj"), None)
        if obj is not None and _purpose_reading(purpose) in FORCE_ACTS:
            return obj
    return target


WITHDRAWN_RESOURCES = EVENT_WORDS["withdrawn_resource"]
WITHDRAWING = ("withdraw", "pull", "recall", "evacuate")


def _resources_withdrawn(chain: list[Token]) -> bool:
    """Default mode: does the predicate withdraw one's non-military resources ("withdrew the
    batch of 200 peacekeepers from Liberia", "pulled out its observers")? The object, or the
    noun of its "of" phrase ("the batch of peacekeepers"), is one of ``withdrawn_resource``."""
    for verb in chain:
        if verb.lemma_.lower() not in WITHDRAWING:
            continue
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            nouns = [obj, *(g for p in obj.children if p.lower_ == "of" for g in p.children)]
            if any(n.lemma_.lower() in WITHDRAWN_RESOURCES for n in nouns):
                return True
    return False
