"""Features shared by training (scripts/train_events.py) and extraction, so both see the same.

Two kinds: features of a candidate actor mention relative to the sentence's main predicate (to
rank which noun phrase is the source and which the target), and features of a whole frame (to
pick the PLOVER category). Knowledge comes from ``cameo_verbs.json`` (verb -> PLOVER category
counts, derived from the petrarch2 CAMEO verb dictionary through CAMEO2PLOVER).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from spacy.strings import get_string_id
from spacy.tokens import Span, Token

from sayso.events.frames import ACTOR_ENT_IDS, actorish_at, is_future, mention_tokens
from sayso.knowledge.linear import Features
from sayso.nlp import Tree, encoded, name_of, tree_of

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
        return _place_dateline_end(sent)
    for token in sent[1:DATELINE_REACH]:
        if token.pos_ in VERB_POS:
            return sent.start
        if token.text in DATELINE_DASHES or _wire_end(token):
            return token.i + 1
    return sent.start


# An agency's dateline closed by a quote mark where the wire had a dash ('CAIRO (AP) " Acting
# ...') or with its colon glued to the parenthesis ("KABUL (Pajhwok): ...").
WIRE_QUOTES = ('"', "\u201c", "\u201d", "''")


def _wire_end(token: Token) -> bool:
    """Default mode: does ``token`` close a dateline after an agency in parentheses?"""
    if not encoded(token.doc):
        return False  # (--fast keeps the datelines it had)
    doc = token.doc
    return token.text == "):" or (token.text in WIRE_QUOTES and token.i > 0 and doc[token.i - 1].text == ")")


def _place_dateline_end(sent: Span) -> int:
    """Default mode: a dateline whose place is not in capitals ("Cebu City--Police have ...",
    "Tehran, March 15, IRNA - ...", "Mexico: Since January, ..."): a place name opens the
    sentence, then no verb up to a dash or colon, and a capital after it."""
    first = sent[0]
    if first.ent_type_ != "GPE" or not first.is_title or not encoded(sent.doc):
        return sent.start
    doc = sent.doc
    for token in sent[1:DATELINE_REACH]:
        if token.pos_ in VERB_POS:
            return sent.start
        if token.text in DATELINE_DASHES:
            after = doc[token.i + 1] if token.i + 1 < sent.end else None
            return token.i + 1 if after is not None and after.text[:1].isupper() else sent.start
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
        if name_of(doc, tree.orth[i]).isupper() and in_dateline(doc[i]):  # (no Token for most)
            continue
        if pos == PRON_ID and tree.lower[i] in NON_ACTOR_PRONOUN_IDS:
            continue
        found.append(i)
    return found


def _path_to(tree: Tree, i: int, goal: int) -> tuple[int, str]:
    """Steps from token ``i`` up to token ``goal`` and the last dependency before it (or 'none')."""
    heads = tree.head
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
        return 0, tree.deps(i)
    # Only the last step names the slot: "pobj:against", "prep:in", or the label itself.
    if tree.dep[below] == POBJ_ID:
        return steps, f"pobj:{tree.lowers(goal)}"
    return steps, tree.deps(below) if tree.dep[goal] != PREP_ID else f"prep:{tree.lowers(goal)}"


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
    steps, last = _path_to(tree, i, root)
    ent = name_of(tree.doc, ent_id) if ent_id else ""
    dep, pos, before = tree.deps(i), name_of(tree.doc, tree.pos[i]), i < root
    # Key order matters: scores are float sums in this order (kept as trained).
    return [
        ("dep", dep),
        ("last", last),
        ("steps", min(steps, 6)),
        ("pos", pos),
        ("ent", ent or "none"),
        ("side", "before" if before else "after"),
        ("order", min(order, 5)),
        ("headdep", tree.deps(tree.head[i])),
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
        ("root", (tree.lemmas(root), dep)),
    ]


def governor_index(tree: Tree, i: int) -> int:
    """The nearest verb above the noun ``i`` (the predicate it is an argument of)."""
    heads, pos = tree.head, tree.pos
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
    ``source_governor``: ``governor_index`` of the source when the caller has it already. Named features
    for training; extraction scores ``target_keys_at`` without naming them."""
    tree = tree_of(token.doc)
    if source_governor is None:
        source_governor = governor_index(tree, source.i)
    return as_features(target_keys_at(tree, token.i, source.i, source_governor))


def target_keys_at(tree: Tree, i: int, source: int, source_governor: int) -> list[Key]:
    """``target_features`` of the candidate ``i`` as keys, on token indices."""
    distance = abs(i - source)
    bucket = "1" if distance < 3 else "2" if distance < 8 else "3" if distance < 15 else "4"
    own_governor = governor_index(tree, i)
    same = own_governor == source_governor
    dep = tree.deps(i)
    slot = f"pobj:{tree.lowers(tree.head[i])}" if dep == "pobj" else dep
    return [
        ("same_pred", same),
        ("after_source", i > source),
        ("dist", bucket),
        ("in_source", _is_ancestor(tree.head, source, i)),
        ("same_pred+dep", (same, dep)),
        ("gov", (tree.lemmas(own_governor), slot)),  # the predicate's own slots ("file ... against")
        ("path", _dep_path(tree, i, source_governor)),
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


def _dep_path(tree: Tree, i: int, goal: int) -> str:
    """Dependency labels from token ``i`` up to the token ``goal`` (the source's predicate), at
    most four steps ("pobj:against>prep>dobj"); ">far" when it is not reached."""
    parts: list[str] = []
    heads, steps = tree.head, tree.steps
    current = i
    for _ in range(4):
        if current == goal:
            return ">".join(parts)
        head = heads[current]
        step = steps.get(current)
        if step is None:
            dep = tree.dep_name[current]
            step = steps[current] = f"{dep}:{tree.lowers(head)}" if dep == "pobj" else dep
        parts.append(step)
        if head == current:
            break
        current = head
    return ">".join(parts) + (">" if current == goal else ">far")


def frame_features(sent: Span, chain: list[Token], source: Token | None, target: Token | None, cue: str | None) -> Features:
    lex = verb_lexicon()
    tree = tree_of(sent.doc)
    dep = tree.dep
    feats: Features = {}
    for depth, verb in enumerate(chain):
        lemma = tree.lemmas(verb.i)
        feats[f"v={lemma}"] = 1.0
        weight = 1.0 if depth == len(chain) - 1 else 0.5
        for kind, share in lex.get(lemma, {}).items():
            feats[f"lex={kind}"] = feats.get(f"lex={kind}", 0.0) + weight * share
        kids = tree.kids(verb.i)
        for child in kids:
            if dep[child] in OBJECTISH_IDS:
                feats[f"vo={lemma}:{tree.lemmas(child)}"] = 1.0
            if dep[child] == PREP_ID:
                feats[f"vp={lemma}:{tree.lowers(child)}"] = 1.0
        # The verb's frame: "called X" (a call) vs "called X a liar" (an accusation).
        slots = sorted({tree.deps(c) for c in kids if dep[c] in FRAME_DEP_IDS})
        feats[f"vf={lemma}:{'+'.join(slots)}"] = 1.0
    if chain:
        feats[f"trig={tree.lemmas(chain[-1].i)}"] = 1.0
        feats[f"root={tree.lemmas(chain[0].i)}"] = 1.0
    pos, stop = tree.pos, tree.stop
    for i in range(sent.start, sent.end):
        if pos[i] in CONTENT_POS_IDS and not stop[i]:
            feats[f"w={tree.lemmas(i)}"] = 0.5
    if source is not None and target is not None:
        lo, hi = sorted((source.i, target.i))
        for i in range(lo + 1, hi):
            if pos[i] in CONTENT_POS_IDS and not stop[i]:
                feats[f"b={tree.lemmas(i)}"] = 1.0
        if dep[target.i] == POBJ_ID:
            feats[f"tprep={tree.lowers(tree.head[target.i])}"] = 1.0
        feats[f"th={tree.lemmas(target.i)}"] = 1.0  # what is done to ("aid", "lawsuit", "ban")
        feats[f"sh={tree.lemmas(source.i)}"] = 1.0
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
    tree = tree_of(source.doc)
    up_s = _ancestry(tree, source.i)
    up_t = _ancestry(tree, target.i)
    on_t = set(up_t)
    common = next((i for i in up_s if i in on_t), -1)
    s_dep, t_dep = tree.deps(source.i), tree.deps(target.i)
    s_steps = up_s.index(common) if common >= 0 else 9
    t_steps = up_t.index(common) if common >= 0 else 9
    between = [*up_s[1:s_steps + 1], *up_t[1:t_steps]] if common >= 0 else []
    reported = any(tree.lemmas(i) in speech for i in between if tree.pos[i] in VERB_IDS)
    lca = tree.lemmas(common) if common >= 0 else "none"
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


def _ancestry(tree: Tree, i: int) -> list[int]:
    """``i`` and its heads up to the root (at most 12)."""
    out = [i]
    for _ in range(12):
        head = tree.head[out[-1]]
        if head == out[-1]:
            break
        out.append(head)
    return out


def _same(a: str | None, b: str | None) -> str:
    return "none" if not (a and b) else "same" if a == b else "other"
