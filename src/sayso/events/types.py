"""The event type from a fine-tuned encoder with entity markers (issue #14, deliverable 2).

The sentence is read once per event with its source and target marked by unused vocabulary
pieces: ``[unused1] source [unused2] ... [unused3] target [unused4]``; the encoder's states at
the two opening markers give the category (PLV's 15 labels: YIELD is split into CONCEDE/RETREAT
by the predicate, as the rules' model is trained). Trained by scripts/train_event_types.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from spacy.tokens import Doc, Span

from sayso.events.extract import asks_to, speech_lemmas, text_released
from sayso.events.frames import frame_for, main_verb
from sayso.events.plover import bridge, mode_of
from sayso.knowledge.lexicons import word_classes
from sayso.knowledge.linear import Once, run_one, shipped_onnx, takes_mask
from sayso.model import Event, own_country
from sayso.nlp import encoded

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_FILE = "events_types.onnx"
TOKENIZER_FILE = "events_types.tokenizer.json"
THREADS_ENV = "SAYSO_TAGGER_THREADS"  # (one thread per process, as the tagger)
# PLV's YIELD is CONCEDE or RETREAT in current PLOVER: these predicates make it RETREAT.
RETREAT_VERBS = word_classes("events_words.tsv")["retreat"]
RETREAT_WORDS = re.compile(r"cease-?fire|withdraw|releas|free[ds]? ", re.I)

LABELS = ("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONSULT", "COOPERATE", "MOBILIZE",
          "PROTEST", "REJECT", "REQUEST", "SANCTION", "SUPPORT", "THREATEN", "YIELD")
# Piece ids of [CLS], [SEP] and the markers [unused1]..[unused4] in MiniLM's (BERT uncased) vocabulary.
CLS, SEP = 101, 102
SOURCE_OPEN, SOURCE_CLOSE, TARGET_OPEN, TARGET_CLOSE = 2, 3, 4, 5
# Pieces per input: PLV sentences are about 40 pieces; a longer one is cut around the pair.
MAX_LEN = 128


def marked_ids(tokenizer: Tokenizer, text: str, source: tuple[int, int],
               target: tuple[int, int], max_len: int = MAX_LEN) -> list[int]:
    """``[CLS] text [SEP]`` as piece ids with the two character spans marked, cut around the pair
    to ``max_len`` pieces."""
    enc = tokenizer.encode(text, add_special_tokens=False)
    return mark(enc.ids, enc.offsets, source, target, max_len)


def mark(ids: list[int], offsets: list[tuple[int, int]], source: tuple[int, int],
         target: tuple[int, int], max_len: int = MAX_LEN) -> list[int]:
    """Markers inserted into pieces (with their character offsets); see ``marked_ids``."""
    inside = [(s, e) for s, e in offsets]
    # A marker opens before the first piece that ends after the span start, and closes after
    # the last piece that starts before the span end (a span cut inside a word takes the word).
    s_open = _first(inside, source[0])
    s_close = _last(inside, source[1])
    t_open = _first(inside, target[0])
    t_close = _last(inside, target[1])
    before: dict[int, list[int]] = {}
    after: dict[int, list[int]] = {}
    # Nested or equal spans: the outer one opens first and closes last.
    order = sorted([(s_open, -s_close, SOURCE_OPEN), (t_open, -t_close, TARGET_OPEN)])
    for at, _, marker in order:
        before.setdefault(at, []).append(marker)
    for at, _, marker in sorted([(s_close, -s_open, SOURCE_CLOSE), (t_close, -t_open, TARGET_CLOSE)],
                                reverse=True):
        after.setdefault(at, []).append(marker)
    out: list[int] = []
    for k, piece in enumerate(ids):
        out += before.get(k, [])
        out.append(piece)
        out += after.get(k, [])
    if not ids:
        out = [SOURCE_OPEN, SOURCE_CLOSE, TARGET_OPEN, TARGET_CLOSE]
    room = max_len - 2
    if len(out) > room:
        out = _around(out, room)
    return [CLS, *out, SEP]


def _first(offsets: list[tuple[int, int]], start: int) -> int:
    for k, (_, end) in enumerate(offsets):
        if end > start:
            return k
    return max(0, len(offsets) - 1)


def _last(offsets: list[tuple[int, int]], end: int) -> int:
    found = 0
    for k, (start, _) in enumerate(offsets):
        if start < end:
            found = k
    return found


def _around(ids: list[int], room: int) -> list[int]:
    """``room`` consecutive pieces centred on the marked pair (whole markers kept where they fit)."""
    marks = [k for k, i in enumerate(ids) if i in (SOURCE_OPEN, SOURCE_CLOSE, TARGET_OPEN, TARGET_CLOSE)]
    lo, hi = marks[0], marks[-1] + 1
    if hi - lo >= room:
        # The pair itself is longer than the window: keep both opening markers' neighbourhoods.
        s = ids.index(SOURCE_OPEN)
        t = ids.index(TARGET_OPEN)
        half = room // 2
        first, second = sorted((s, t))
        later = max(first + half, min(second, len(ids) - (room - half)))
        return ids[first:first + half] + ids[later:later + room - half]
    extra = room - (hi - lo)
    start = max(0, min(lo - extra // 2, len(ids) - room))
    return ids[start:start + room]


@dataclass(frozen=True, slots=True)
class Settings:
    """Chosen by 5-fold CV of the whole pipeline on PLV train (scripts/train_event_types.py sweep).

    A rules event takes the classifier's category when the classifier's probability is at least
    ``sure`` (``ruled_sure`` where a rule decided the category) and the rules' own below
    ``rules_below``; never a change the manual rules out (``KEPT``). A sentence the rules left without an event
    gets the pair model's likeliest pair when its pair probability is at least ``add`` (the pair
    model's own category floor is not applied) and the classifier's probability for its
    category at least ``add_sure``; the category is the classifier's."""

    sure: float
    rules_below: float
    add: float
    add_sure: float
    # Where a rule decided the category (a lexicon entry, the statement's cue, the manual's rules)
    # the classifier needs this much instead of ``sure``.
    ruled_sure: float = 2.0
    # The no-relation head (a model with one more output): an event asked about whose pair it
    # calls "no relation" with at least ``swap`` is read the other way round, and takes that
    # direction when the reversed pair is likelier a relation; an event whose (best) pair it calls
    # "no relation" with at least ``veto`` goes. 2.0: off.
    swap: float = 2.0
    veto: float = 2.0
    # Rules events above ``rules_below`` (or without a coded target) are read for the veto and
    # the direction only below this confidence.
    veto_below: float = 0.0
    # An event the pair model added goes when the no-relation probability of its pair is at
    # least this (the pair model's own floor, ``add``, can then be lower).
    add_none: float = 2.0


SETTING_KEYS = ("sure", "rules_below", "add", "add_sure", "ruled_sure", "swap", "veto", "veto_below",
                "add_none")


@dataclass(slots=True)
class TypeModel:
    session: Any
    tokenizer: Tokenizer
    settings: Settings
    # Does the graph take an attention mask? The shipped model has none (all ones for one
    # unpadded input per call: scripts/export_neural.py ``drop_attention_mask``).
    mask: bool = True

    def probabilities(self, ids: list[int]) -> np.ndarray:
        """Category probabilities (``LABELS``) of one marked input; see ``reading``."""
        return self.reading(ids)[0]

    def reading(self, ids: list[int]) -> tuple[np.ndarray, float]:
        """Category probabilities (``LABELS``) of one marked input and the probability that its
        pair is no source and target of a reported act (0.0 for a model without the no-relation
        head); one input per call: int8 dynamic quantisation scales the activations per call
        (as the tagger)."""
        logits = run_one(self.session, ids, self.mask)
        cats = logits[:len(LABELS)]
        e = np.exp(cats - cats.max())
        none = float(1.0 / (1.0 + np.exp(-logits[len(LABELS)]))) if len(logits) > len(LABELS) else 0.0
        return np.asarray(e / e.sum()), none


def _load() -> TypeModel | None:
    loaded = shipped_onnx(MODEL_FILE, TOKENIZER_FILE, THREADS_ENV, unfuse=True)
    if loaded is None:
        return None
    session, tokenizer = loaded
    meta = session.get_modelmeta().custom_metadata_map
    # (a setting missing from an older model's metadata: off)
    off = {"veto_below": "0"}
    settings = Settings(**{key: float(meta.get(key, off.get(key, "2"))) for key in SETTING_KEYS})
    return TypeModel(session, tokenizer, settings, takes_mask(session))


# The classifier, loaded once per process (None without the model file or onnxruntime).
TYPES: Once[TypeModel | None] = Once(_load)
# Set to a list by scripts/train_event_types.py: each event's classifier probabilities, for the
# threshold sweep.
TRACE: list[dict[str, Any]] | None = None


def pair_spans(sent: Span, event: Event) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The source's and target's longest spans inside the sentence, relative to its start (PLV
    marks whole phrases); None when either has none there (a speaker named in another sentence)."""
    found = []
    for actor in (event.source, event.target):
        inside = [(s, e) for s, e in (actor.spans if actor is not None else [])
                  if sent.start_char <= s and e <= sent.end_char]
        if not inside:
            return None
        s, e = max(inside, key=lambda r: r[1] - r[0])
        found.append((s - sent.start_char, e - sent.start_char))
    return found[0], found[1]


def model() -> TypeModel | None:
    """The classifier (``TYPES``), None without its file or onnxruntime."""
    return TYPES.get()


def retype(doc: Doc, events: list[Event], doc_id: str = "", added: dict[int, float] | None = None,
           ruled: set[int] | None = None) -> list[Event]:
    """``events`` with the classifier's category where it is sure and the rules' category model
    is not (never where a rule decided it: ``ruled``, trigger starts); the events the pair model
    added (``added``: trigger start -> pair probability) take its category, or go where it is
    unsure. Unchanged without token states (``--fast``) or without the model."""
    types = TYPES.get() if events and encoded(doc) else None
    if types is None:
        return events
    added = added or {}
    ruled = ruled or set()
    out = []
    for event in events:
        start = event.trigger.spans[0][0]
        found = _retyped(doc, event, types, doc_id, added.get(start), start in ruled)
        if found is not None:
            out.append(found)
    if len(out) == len(events):
        return out
    return [replace(e, id=f"e{n}") for n, e in enumerate(out, start=1)]


def reads(doc: Doc, event: Event, chance: float | None) -> bool:
    """Would ``retype`` ask the classifier about ``event`` (``chance``: its pair probability where
    the pair model added it)? False where it keeps or drops the event without a reading."""
    types = TYPES.get() if encoded(doc) else None
    if types is None or event.negated:
        return False
    return chance is not None or TRACE is not None or _asked(event, types.settings)


def _retyped(doc: Doc, event: Event, types: TypeModel, doc_id: str, chance: float | None,
             ruled: bool) -> Event | None:
    settings = types.settings
    if event.negated:
        # Negation is a flag on the act ("did not attack" stays ASSAULT); the classifier learned
        # PLV's habit of coding some negated acts as REJECT.
        return event if chance is None else None
    if chance is None and TRACE is None and not _asked(event, settings):
        return event  # (the rules are sure, or no reading would be taken: not worth the encoder pass)
    start = event.trigger.spans[0][0]
    sent = doc.char_span(start, event.trigger.spans[0][1], alignment_mode="expand")
    spans = pair_spans(sent.sent, event) if sent is not None else None
    if sent is None or spans is None:
        if TRACE is not None and chance is not None:
            TRACE.append({"doc": doc_id, "event": event.id, "kind": None, "p": 0.0, "rules": event.type,
                          "rules_p": event.confidence, "added": chance, "ruled": ruled, "none": 0.0})
        return event if chance is None else None
    sentence = sent.sent
    probs, none = types.reading(marked_ids(types.tokenizer, sentence.text, *spans))
    reverse = None
    if (TRACE is not None or none >= settings.swap) and _apart(*spans):
        reverse = types.reading(marked_ids(types.tokenizer, sentence.text, spans[1], spans[0]))
    kind, p = _kind(probs, event, sentence)
    if TRACE is not None:
        TRACE.append({"doc": doc_id, "event": event.id, "kind": kind, "p": p, "rules": event.type,
                      "rules_p": event.confidence, "added": chance, "ruled": ruled, "none": none,
                      **({"reverse": [*_kind(reverse[0], event, sentence), reverse[1]]} if reverse else {})})
    if reverse is not None and none >= settings.swap and reverse[1] < none:
        # The reversed pair is likelier a relation: the rules or the pair model read the
        # direction wrong ("Russia and Syria have been accused by..."); its reading counts.
        event = replace(event, source=event.target, target=event.source)
        none = reverse[1]
        kind, p = _kind(reverse[0], event, sentence)
    if none >= settings.veto:
        return None
    if chance is not None:
        if chance < settings.add or p < settings.add_sure or none >= settings.add_none:
            return None
    elif (kind == event.type or (event.type, kind) in KEPT or event.confidence >= settings.rules_below
          or p < (settings.ruled_sure if ruled else settings.sure) or not _coded_target(event)
          or _yield_of_a_text(kind, event, sentence) or _asking_retyped(kind, event, sentence)):
        return event
    if kind == event.type:
        return replace(event, confidence=p)
    cameo_root, quad = bridge(kind)
    return replace(event, type=kind, confidence=p, mode=mode_of(kind, sentence),
                   cameo_root=cameo_root, quad_class=quad)


def _yield_of_a_text(kind: str, event: Event, sentence: Span) -> bool:
    """Default mode: would the classifier's YIELD turn a rules event at a text put out ("released
    a digital ad targeting ...") into a release? PLV's "released" is a release of people; the
    manual's RETREAT releases persons, property or territory, never a statement or an ad."""
    if kind not in YIELDS or event.type in YIELDS or not encoded(sentence.doc):
        return False
    return text_released(frame_for(main_verb(sentence), speech_lemmas()).chain)


def _asking_retyped(kind: str, event: Event, sentence: Span) -> bool:
    """Default mode: would the classifier re-type a rules REQUEST at a verb of asking with its
    addressee and an infinitive ("has been lobbying Clinton to embrace his proposals") into the act
    asked for? The manual's REQUEST is the asking (``extract.asks_to``)."""
    if event.type != "REQUEST" or kind == "REQUEST" or not encoded(sentence.doc):
        return False
    start, end = event.trigger.spans[0]
    trigger = sentence.doc.char_span(start, end, alignment_mode="expand")
    return trigger is not None and asks_to(trigger.root)


def _asked(event: Event, settings: Settings) -> bool:
    """Whether the classifier reads a rules event: where a reading may change its category (the
    rules unsure, a coded target), or its no-relation answer may move or drop it."""
    if event.confidence < settings.rules_below and _coded_target(event):
        return True
    return event.confidence < settings.veto_below and min(settings.veto, settings.swap) <= 1.0


def _apart(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[1] <= b[0] or b[1] <= a[0]


def _kind(probs: np.ndarray, event: Event, sentence: Span) -> tuple[str, float]:
    """The classifier's likeliest category (YIELD split as the rules split it) and its probability."""
    best = int(np.argmax(probs))
    kind = LABELS[best]
    if kind == "YIELD":
        kind = event.type if event.type in YIELDS else yield_kind(sentence)
    return kind, float(probs[best])


def _coded_target(event: Event) -> bool:
    """The classifier codes the relation between the two mentions it is shown: where the rules'
    target is no coded actor ("talks in Germany") the pair is often wrong, and so is its reading
    (on the judged news; on PLV the re-typed events all have one)."""
    return event.target is not None and own_country(event.target) is not None


YIELDS = ("CONCEDE", "RETREAT")
# (rules' category, classifier's) never replaced: PLV codes imposed sanctions as COERCE (the 2021
# table) and captures and seizures as ASSAULT, the manual and the rules as SANCTION and COERCE.
KEPT = frozenset({("SANCTION", "COERCE"), ("COERCE", "ASSAULT")})


def yield_kind(sent: Span) -> str:
    """PLV's YIELD in current PLOVER: RETREAT for releases, withdrawals, returns..., else CONCEDE
    (as scripts/train_events.py splits it for the rules' model)."""
    chain = frame_for(main_verb(sent), speech_lemmas()).chain
    lemmas = {t.lemma_.lower() for t in chain}
    if lemmas & RETREAT_VERBS or RETREAT_WORDS.search(sent.text):
        return "RETREAT"
    return "CONCEDE"
