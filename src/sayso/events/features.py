"""Features shared by training (scripts/train_events.py) and extraction, so both see the same.

Two kinds: features of a candidate actor mention relative to the sentence's main predicate (to
rank which noun phrase is the source and which the target), and features of a whole frame (to
pick the PLOVER category). Knowledge comes from ``cameo_verbs.json`` (verb -> PLOVER category
counts, derived from the petrarch2 CAMEO verb dictionary through CAMEO2PLOVER).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.attrs import DEP, HEAD, IS_STOP, LEMMA, LOWER, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from sayso.events.frames import ACTOR_ENT_IDS, Tree, actorish_at, is_future, mention_tokens, tree_of
from sayso.events.linear import Features

CONTENT_POS = ("NOUN", "VERB", "ADJ", "PROPN", "ADV")
FRAME_DEPS = ("dobj", "dative", "oprd", "ccomp", "xcomp", "attr", "acomp", "nsubjpass", "agent")
SKIP_HEAD_DEPS = ("compound", "amod", "det", "flat", "nummod", "npadvmod", "quantmod", "nmod")


@lru_cache(maxsize=1)
def verb_lexicon() -> dict[str, dict[str, float]]:
    raw: dict[str, dict[str, int]] = json.loads(
        resources.files("sayso.data").joinpath("cameo_verbs.json").read_text(encoding="utf-8")
    )
    out: dict[str, dict[str, float]] = {}
    for verb, counts in raw.items():
        total = sum(counts.values())
        out[verb] = {k: v / total for k, v in counts.items() if v / total >= 0.1}
    return out


@dataclass(slots=True)
class Table:
    """Per-token attributes of a whole document as plain int lists (string ids), read in one
    ``to_array`` call: each ``doc[i]``/``.head``/``.dep_`` on the hot path builds a Token and
    looks up a string, and the rankers touch every token of every sentence several times."""

    doc: Doc
    pos: list[int]
    dep: list[int]
    head: list[int]
    lemma: list[int]
    lower: list[int]
    stop: list[bool]
    dep_name: list[str]  # the dependency labels as strings (a few dozen labels: cheap to list)
    # Token -> its step in a dependency path (``_dep_path``): paths share their upper steps.
    steps: dict[int, str] = field(default_factory=dict)

    def deps(self, i: int) -> str:
        return self.dep_name[i]

    def lowers(self, i: int) -> str:
        return _name(self.doc, self.lower[i])

    def lemmas(self, i: int) -> str:
        """The lower-cased lemma."""
        key = self.lemma[i]
        found = _LEMMAS.get(key)
        if found is None:
            found = _LEMMAS[key] = _name(self.doc, key).lower()
        return found


# String id -> string, shared by all documents (ids are hashes of the strings, so never stale).
_NAMES: dict[int, str] = {}
_LEMMAS: dict[int, str] = {}
NAMES_CAP = 500_000


def _name(doc: Doc, key: int) -> str:
    found = _NAMES.get(key)
    if found is None:
        if len(_NAMES) > NAMES_CAP:
            _NAMES.clear()
            _LEMMAS.clear()
        found = _NAMES[key] = doc.vocab.strings[key]
    return found


def _ids(*names: str) -> frozenset[int]:
    return frozenset(get_string_id(n) for n in names)


CONTENT_POS_IDS = _ids(*CONTENT_POS)
NOUNISH_IDS = _ids("NOUN", "PROPN", "PRON")
VERB_IDS = _ids("VERB", "AUX")
SKIP_HEAD_IDS = _ids(*SKIP_HEAD_DEPS)
PRON_ID, POBJ_ID, PREP_ID = get_string_id("PRON"), get_string_id("pobj"), get_string_id("prep")
NEG_ID = get_string_id("neg")
OBJECTISH_IDS = _ids("dobj", "prt", "attr", "acomp")
FRAME_DEP_IDS = _ids(*FRAME_DEPS)
NON_ACTOR_PRONOUN_IDS = _ids("it", "this", "that", "which", "what", "who")

_LAST: list[Table] = []  # the current document's table (one at a time, documents go in turn)


def table(doc: Doc) -> Table:
    last = _LAST[0] if _LAST else None  # one read: safe if threads share the module
    if last is not None and last.doc is doc:
        return last
    if len(doc) == 0:
        built = Table(doc, [], [], [], [], [], [], [])
    else:
        rows = doc.to_array([POS, DEP, HEAD, LEMMA, LOWER, IS_STOP])
        pos, dep, _, lemma, lower, stop = rows.T.tolist()
        heads = (rows[:, 2].astype(np.int64) + np.arange(len(doc), dtype=np.int64)).tolist()
        labels = {d: _name(doc, d) for d in set(dep)}
        built = Table(doc, pos, dep, heads, lemma, lower, [bool(v) for v in stop], list(map(labels.__getitem__, dep)))
    _LAST[:] = [built]
    return built


DATELINE_ENDS = ("-", "—", "--", ":", "(", ",", "–")
DATELINE_DASHES = ("-", "—", "--", "–", ":")


def in_dateline(token: Token) -> bool:
    """"UNITED NATIONS: ...", "ISLAMABAD - ...": the place a story was filed, not an actor."""
    text = token.text
    if not text.isupper() or not any(c.isalpha() for c in text):
        return False  # cheap tests first: ``left_edge`` walks the subtree
    doc = token.doc
    if token.left_edge.i > 4:
        return False
    if token.i + 1 < len(doc) and doc[token.i + 1].text in DATELINE_DASHES:
        return True  # the parser hung the dash (and the story) under the place name
    end = token.right_edge.i + 1
    return end < len(doc) and doc[end].text in DATELINE_ENDS


DATELINE_REACH = 12
# Amounts and dates are never who did or suffered an act ("gave 352.5 million euros to Ethiopia");
# counts are ("Thousands of teachers protested").
NON_ACTOR_ENTS = ("DATE", "TIME", "MONEY", "QUANTITY", "PERCENT", "ORDINAL")
NON_ACTOR_ENT_IDS = _ids(*NON_ACTOR_ENTS)
VERB_POS = ("VERB", "AUX")


def dateline_end(sent: Span) -> int:
    """Index after a wire dateline opening the sentence ("KABUL (Pajhwok) :", "GAZA CITY, Gaza
    Strip --", "MOGADISHU, Somalia --"): an upper-case place, then anything but a verb up to a
    dash or colon. ``sent.start`` when there is none."""
    first = sent[0]
    if not (first.is_alpha and first.is_upper and len(first) > 1):
        return sent.start
    for token in sent[1:DATELINE_REACH]:
        if token.pos_ in VERB_POS:
            return sent.start
        if token.text in DATELINE_DASHES:
            return token.i + 1
    return sent.start


def candidates(sent: Span) -> list[Token]:
    """Heads of noun phrases in the sentence that could be an actor (none in its dateline)."""
    doc = sent.doc
    return [doc[i] for i in candidate_indices(tree_of(doc), sent)]


def candidate_indices(tree: Tree, sent: Span) -> list[int]:
    """``candidates`` as token indices."""
    found = []
    doc = tree.doc
    pos_of, dep_of, ent_of = tree.pos, tree.dep, tree.ent
    for i in range(dateline_end(sent), sent.end):
        pos = pos_of[i]
        if pos not in NOUNISH_IDS or dep_of[i] in SKIP_HEAD_IDS or ent_of[i] in NON_ACTOR_ENT_IDS:
            continue
        if _name(doc, tree.orth[i]).isupper() and in_dateline(doc[i]):  # (no Token for most)
            continue
        if pos == PRON_ID and tree.lower[i] in NON_ACTOR_PRONOUN_IDS:
            continue
        found.append(i)
    return found


def _path_to(tab: Table, i: int, goal: int) -> tuple[int, str]:
    """Steps from token ``i`` up to token ``goal`` and the last dependency before it (or 'none')."""
    heads = tab.head
    steps, current, below = 0, i, -1
    while current != goal and steps < 12:
        head = heads[current]
        if head == current:
            break
        below, current = current, head
        steps += 1
    if current != goal:
        return 99, "none"
    if below < 0:
        return 0, tab.deps(i)
    # Only the last step names the slot: "pobj:against", "prep:in", or the label itself.
    if tab.dep[below] == POBJ_ID:
        return steps, f"pobj:{tab.lowers(goal)}"
    return steps, tab.deps(below) if tab.dep[goal] != PREP_ID else f"prep:{tab.lowers(goal)}"


# A candidate feature as (family, value): "dep=nsubj" is ("dep", "nsubj"), "dep+side=nsubj:True"
# is ("dep+side", ("nsubj", True)); a binary family ("actorish") is on when its value is true.
Key = tuple[str, object]
BINARY = frozenset({
    "actorish", "propn_head", "ent_head", "first_in_sent", "has_country", "has_sector", "conj", "in_source",
})


def feature_name(key: Key) -> str:
    family, value = key
    if family in BINARY:
        return family
    if isinstance(value, tuple):
        return f"{family}={value[0]}:{value[1]}"
    return f"{family}={value}"


def candidate_features(
    token: Token,
    root: Token,
    order: int,
    coded: tuple[str | None, str | None] = (None, None),
    sent_start: int = 0,
    mention: list[Token] | None = None,
) -> Features:
    """``coded``: the (country, sector) the actor coder gives the mention, if any. Named
    features for training; extraction scores ``mention_keys`` without naming them."""
    tree = tree_of(token.doc)
    mention = mention or mention_tokens(token)
    first, last = mention[0].i, mention[-1].i
    keys = mention_keys(tree, token.i, root.i, order, coded, sent_start, first, first_entity(tree, first, last))
    return as_features(keys)


def as_features(keys: list[Key]) -> Features:
    """Keys as named features: 1.0 each, 0.0 for a binary family that is off."""
    return {feature_name(k): (1.0 if k[1] else 0.0) if k[0] in BINARY else 1.0 for k in keys}


def first_entity(tree: Tree, first: int, last: int) -> int:
    """The entity type id of the first token from ``first`` to ``last`` that has one, else 0."""
    return next((e for e in tree.ent[first:last + 1] if e), 0)


def mention_keys(
    tree: Tree,
    i: int,
    root: int,
    order: int,
    coded: tuple[str | None, str | None],
    sent_start: int,
    first: int,
    ent_id: int,
) -> list[Key]:
    """``candidate_features`` of the head ``i`` as keys, on token indices: ``first`` is where
    its mention starts and ``ent_id`` the first entity type in it (``first_entity``)."""
    tab = table(tree.doc)
    steps, last = _path_to(tab, i, root)
    ent = _name(tree.doc, ent_id) if ent_id else ""
    dep, pos, before = tab.deps(i), _name(tree.doc, tab.pos[i]), i < root
    # Key order matters: scores are float sums in this order (kept as trained).
    return [
        ("dep", dep),
        ("last", last),
        ("steps", min(steps, 6)),
        ("pos", pos),
        ("ent", ent or "none"),
        ("side", "before" if before else "after"),
        ("order", min(order, 5)),
        ("headdep", tab.deps(tab.head[i])),
        ("actorish", actorish_at(tree, i)),
        ("propn_head", pos == "PROPN"),
        ("ent_head", tree.ent[i] in ACTOR_ENT_IDS),
        ("dep+side", (dep, before)),
        ("ent+dep", (ent, dep)),
        ("first_in_sent", first == sent_start),
        ("has_country", bool(coded[0])),
        ("has_sector", bool(coded[1])),
        ("sector", coded[1] or "none"),
        ("conj", dep == "conj"),
        ("root", (tab.lemmas(root), dep)),
    ]


def governor(token: Token) -> Token:
    """The nearest verb above a noun (the predicate it is an argument of)."""
    return token.doc[governor_index(table(token.doc), token.i)]


def governor_index(tab: Table, i: int) -> int:
    """``governor`` of token ``i`` as an index."""
    heads, pos = tab.head, tab.pos
    current = i
    for _ in range(12):
        head = heads[current]
        if head == current:
            return current
        current = head
        if pos[current] in VERB_IDS:
            return current
    return current


def target_features(token: Token, source: Token, source_governor: int | None = None) -> Features:
    """How a target candidate stands to the chosen source (same predicate, order, distance).
    ``source_governor``: ``governor(source).i`` when the caller has it already. Named features
    for training; extraction scores ``target_keys_at`` without naming them."""
    tab = table(token.doc)
    if source_governor is None:
        source_governor = governor_index(tab, source.i)
    return as_features(target_keys_at(tab, token.i, source.i, source_governor))


def target_keys_at(tab: Table, i: int, source: int, source_governor: int) -> list[Key]:
    """``target_features`` of the candidate ``i`` as keys, on token indices."""
    distance = abs(i - source)
    bucket = "1" if distance < 3 else "2" if distance < 8 else "3" if distance < 15 else "4"
    own_governor = governor_index(tab, i)
    same = own_governor == source_governor
    dep = tab.deps(i)
    slot = f"pobj:{tab.lowers(tab.head[i])}" if dep == "pobj" else dep
    return [
        ("same_pred", same),
        ("after_source", i > source),
        ("dist", bucket),
        ("in_source", _is_ancestor(tab.head, source, i)),
        ("same_pred+dep", (same, dep)),
        ("gov", (tab.lemmas(own_governor), slot)),  # the predicate's own slots ("file ... against")
        ("path", _dep_path(tab, i, source_governor)),
    ]


def _is_ancestor(heads: list[int], ancestor: int, i: int) -> bool:
    """``Token.is_ancestor`` on indices: is ``ancestor`` above ``i`` (not ``i`` itself)?"""
    current = i
    for _ in range(len(heads)):  # (spaCy's guard against a cycle)
        head = heads[current]
        if head == current:
            return False
        current = head
        if current == ancestor:
            return True
    return False


def _dep_path(tab: Table, i: int, goal: int) -> str:
    """Dependency labels from token ``i`` up to the token ``goal`` (the source's predicate), at
    most four steps ("pobj:against>prep>dobj"); ">far" when it is not reached."""
    parts: list[str] = []
    heads, steps = tab.head, tab.steps
    current = i
    for _ in range(4):
        if current == goal:
            return ">".join(parts)
        head = heads[current]
        step = steps.get(current)
        if step is None:
            dep = tab.dep_name[current]
            step = steps[current] = f"{dep}:{tab.lowers(head)}" if dep == "pobj" else dep
        parts.append(step)
        if head == current:
            break
        current = head
    return ">".join(parts) + (">" if current == goal else ">far")


def frame_features(sent: Span, chain: list[Token], source: Token | None, target: Token | None, cue: str | None) -> Features:
    lex = verb_lexicon()
    tree = tree_of(sent.doc)
    tab = table(sent.doc)
    dep = tree.dep
    feats: Features = {}
    for depth, verb in enumerate(chain):
        lemma = tab.lemmas(verb.i)
        feats[f"v={lemma}"] = 1.0
        weight = 1.0 if depth == len(chain) - 1 else 0.5
        for kind, share in lex.get(lemma, {}).items():
            feats[f"lex={kind}"] = feats.get(f"lex={kind}", 0.0) + weight * share
        kids = tree.kids(verb.i)
        for child in kids:
            if dep[child] in OBJECTISH_IDS:
                feats[f"vo={lemma}:{tab.lemmas(child)}"] = 1.0
            if dep[child] == PREP_ID:
                feats[f"vp={lemma}:{tab.lowers(child)}"] = 1.0
        # The verb's frame: "called X" (a call) vs "called X a liar" (an accusation).
        slots = sorted({tab.deps(c) for c in kids if dep[c] in FRAME_DEP_IDS})
        feats[f"vf={lemma}:{'+'.join(slots)}"] = 1.0
    if chain:
        feats[f"trig={tab.lemmas(chain[-1].i)}"] = 1.0
        feats[f"root={tab.lemmas(chain[0].i)}"] = 1.0
    pos, stop = tab.pos, tab.stop
    for i in range(sent.start, sent.end):
        if pos[i] in CONTENT_POS_IDS and not stop[i]:
            feats[f"w={tab.lemmas(i)}"] = 0.5
    if source is not None and target is not None:
        lo, hi = sorted((source.i, target.i))
        for i in range(lo + 1, hi):
            if pos[i] in CONTENT_POS_IDS and not stop[i]:
                feats[f"b={tab.lemmas(i)}"] = 1.0
        if dep[target.i] == POBJ_ID:
            feats[f"tprep={tab.lowers(tab.head[target.i])}"] = 1.0
        feats[f"th={tab.lemmas(target.i)}"] = 1.0  # what is done to ("aid", "lawsuit", "ban")
        feats[f"sh={tab.lemmas(source.i)}"] = 1.0
    if any(dep[c] == NEG_ID for v in chain for c in tree.kids(v.i)):
        feats["neg"] = 1.0
    if is_future(chain):
        feats["future"] = 1.0
    if cue:
        feats[f"cue={cue}"] = 1.0
    return feats


def pair_features(
    source: Token,
    target: Token,
    speech: frozenset[str],
    codes: tuple[tuple[str | None, str | None], tuple[str | None, str | None]] = ((None, None), (None, None)),
) -> Features:
    """How a (source, target) pair stands together, for the joint pair ranker: the slots each
    fills, the dependency path between them through their lowest common head, and whether that
    path climbs through a reporting verb (a speaker and an actor of what is reported)."""
    tab = table(source.doc)
    up_s = _ancestry(tab, source.i)
    up_t = _ancestry(tab, target.i)
    on_t = set(up_t)
    common = next((i for i in up_s if i in on_t), -1)
    s_dep, t_dep = tab.deps(source.i), tab.deps(target.i)
    s_steps = up_s.index(common) if common >= 0 else 9
    t_steps = up_t.index(common) if common >= 0 else 9
    between = [*up_s[1:s_steps + 1], *up_t[1:t_steps]] if common >= 0 else []
    reported = any(tab.lemmas(i) in speech for i in between if tab.pos[i] in VERB_IDS)
    lca = tab.lemmas(common) if common >= 0 else "none"
    feats: Features = {
        f"pp_slots={s_dep}:{t_dep}": 1.0,
        f"pp_steps={min(s_steps, 4)}:{min(t_steps, 4)}": 1.0,
        f"pp_lca={lca}": 1.0,
        f"pp_lca_slots={lca}:{s_dep}:{t_dep}": 1.0,
        f"pp_reported={reported}": 1.0,
        f"pp_order={'st' if source.i < target.i else 'ts'}": 1.0,
        f"pp_ents={source.ent_type_ or 'none'}:{target.ent_type_ or 'none'}": 1.0,
        "pp_appos": 1.0 if target.dep_ == "appos" and target.head.i == source.i else 0.0,
        f"pp_sectors={codes[0][1] or 'none'}:{codes[1][1] or 'none'}": 1.0,
        f"pp_countries={_same(codes[0][0], codes[1][0])}": 1.0,
    }
    return feats


def _ancestry(tab: Table, i: int) -> list[int]:
    """``i`` and its heads up to the root (at most 12)."""
    out = [i]
    for _ in range(12):
        head = tab.head[out[-1]]
        if head == out[-1]:
            break
        out.append(head)
    return out


def _same(a: str | None, b: str | None) -> str:
    return "none" if not (a and b) else "same" if a == b else "other"
