"""The event gate: is a sentence worth ranking and coding actors for an event?

Most sentences of running news yield no event, yet ranking their noun phrases and coding each
one is most of the events stage's time. The gate is a logistic model (``events_gate.npz``,
trained by scripts/train_event_gate.py on what the ungated extractor finds in PolNeAR train and
in NGEC's synthetic stories) over cheap features of the sentence: its predicate and statement
cue, what its subject and object are, its words and their CAMEO readings, how many actor
entities it names, its length.
"""

from __future__ import annotations

import math
from functools import cached_property

from spacy.tokens import Span, Token

from sayso.events.features import CONTENT_POS_IDS, verb_lexicon
from sayso.knowledge import linear
from sayso.knowledge.linear import MEMO_CAP, Once
from sayso.nlp import tree_of

GATE_MODEL = "events_gate.npz"
# Below this probability of yielding an event a sentence is skipped. Chosen on PolNeAR dev (the
# gate trains on PolNeAR train): it keeps 99.3% of the dev sentences the extractor finds an event
# in and every PLV train sentence, and skips a third of dev sentences (at 1.5%: 99.6% kept, 30%
# skipped, which left the 15% time budget no margin for noise). 0 turns the gate off
# (scripts/train_event_gate.py does, to label what the extractor finds).
GATE_BELOW = 0.02
ACTOR_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def gate_features(sent: Span, root: Token, cue: str, actor_ents: int) -> linear.Features:
    """The gate's features, named (for training). ``cue``: the attribution cue class at the
    predicate, "none" without one."""
    tree = tree_of(sent.doc)
    lex = verb_lexicon()
    lemma = tree.lemmas(root.i)
    feats: linear.Features = {f"root={lemma}": 1.0, f"cue={cue}": 1.0, f"rootpos={root.pos_}": 1.0}
    for name in _clause_features(root, lemma, cue):
        feats[name] = 1.0
    for kind, share in lex.get(lemma, {}).items():
        feats[f"lex={kind}"] = share
    for i in range(sent.start, sent.end):
        if tree.pos[i] in CONTENT_POS_IDS and not tree.stop[i]:
            word = tree.lemmas(i)
            feats[f"w={word}"] = 1.0
            for kind, share in lex.get(word, {}).items():
                feats[f"slex={kind}"] = feats.get(f"slex={kind}", 0.0) + share
    feats[f"ents={min(actor_ents, 3)}"] = 1.0
    feats[f"len={min(len(sent) // 10, 5)}"] = 1.0
    return feats


def _clause_features(root: Token, lemma: str, cue: str) -> tuple[str, str, str]:
    """Who the predicate's subject and object are (entity type, else part of speech: "subj=GPE",
    "obj=none") and the predicate with its cue ("rootcue=say:say")."""
    subject = obj = "none"
    for child in root.children:
        dep = child.dep_
        if subject == "none" and dep in ("nsubj", "nsubjpass"):
            subject = child.ent_type_ or child.pos_
        elif obj == "none" and dep in ("dobj", "dative"):
            obj = child.ent_type_ or child.pos_
    return f"subj={subject}", f"rootcue={lemma}:{cue}", f"obj={obj}"


def worth_a_look(sent: Span, root: Token, cue: str, actor_ents: int) -> bool:
    """Is the sentence likely enough to yield an event (``GATE_BELOW``)? True without a model."""
    if GATE_BELOW <= 0.0:
        return True
    score = gate_score(sent, root, cue, actor_ents)
    return score is None or score >= math.log(GATE_BELOW / (1.0 - GATE_BELOW))


def gate_score(sent: Span, root: Token, cue: str, actor_ents: int) -> float | None:
    """The gate model's decision value for the sentence (None without a model): what
    ``gate_features`` names, scored without naming it. A content word adds its own weight and
    its CAMEO readings' (the "slex" sums are linear), worked out once per lemma."""
    gate = GATE.get()
    if gate is None:
        return None
    weights = gate.model.weights
    tree = tree_of(sent.doc)
    lemma = tree.lemmas(root.i)
    score = gate.model.bias + weights.get(f"root={lemma}", 0.0) + weights.get(f"cue={cue}", 0.0)
    score += weights.get(f"rootpos={root.pos_}", 0.0)
    for name in _clause_features(root, lemma, cue):
        score += weights.get(name, 0.0)
    score += gate.root_lex(lemma)
    own = gate.word_weights
    for i in range(sent.start, sent.end):
        if tree.pos[i] in CONTENT_POS_IDS and not tree.stop[i]:
            key = tree.lemma[i]
            weight = own.get(key)
            if weight is None:
                if len(own) > MEMO_CAP:
                    own.clear()
                weight = own[key] = gate.word_table.get(tree.lemmas(i), 0.0)
            score += weight
    return score + weights.get(f"ents={min(actor_ents, 3)}", 0.0) + weights.get(f"len={min(len(sent) // 10, 5)}", 0.0)


class Gate:
    """The gate model (``events_gate.npz``) with the tables derived from it."""

    def __init__(self, model: linear.LinearModel) -> None:
        self.model = model
        # Lemma id -> a content word's whole contribution (from ``word_table``), as words come.
        self.word_weights: dict[int, float] = {}
        self._root_lex: dict[str, float] = {}

    @classmethod
    def shipped(cls) -> Gate | None:
        model = linear.load(GATE_MODEL)
        return cls(model) if model is not None else None

    @cached_property
    def word_table(self) -> dict[str, float]:
        """Word -> its whole contribution, for every word the model or the CAMEO lexicon knows
        (worked out once, at warm-up: per word as words come it cost a tenth of a second a corpus)."""
        weights = self.model.weights
        lexicon = verb_lexicon()
        words = {name[2:] for name in weights if name.startswith("w=")} | lexicon.keys()
        table: dict[str, float] = {}
        for word in words:
            total = weights.get(f"w={word}", 0.0)
            for kind, share in lexicon.get(word, {}).items():
                total += share * weights.get(f"slex={kind}", 0.0)
            table[word] = total
        return table

    def root_lex(self, lemma: str) -> float:
        """The predicate's CAMEO readings' weight."""
        found = self._root_lex.get(lemma)
        if found is None:
            if len(self._root_lex) > MEMO_CAP:
                self._root_lex.clear()
            weights = self.model.weights
            found = self._root_lex[lemma] = sum(
                share * weights.get(f"lex={kind}", 0.0) for kind, share in verb_lexicon().get(lemma, {}).items())
        return found


GATE: Once[Gate | None] = Once(Gate.shipped)
