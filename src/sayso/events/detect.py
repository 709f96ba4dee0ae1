"""The event detector: does a sentence report a PLOVER event at all? (issue #14, deliverable 1)

The rules find an event in many sentences of running news that report none: a speaker's comment
or forecast read as an accusation, descriptions, sport, business, culture (the judged set in
docs/events.md). Their words do not separate them from real events; what the sentence means
does. The detector is a logistic model (``events_detector.npz``, trained by
scripts/train_event_detector.py) over

- the attribution tagger's last hidden state mean-pooled over the sentence: the encoder pass the
  attribution layer already makes (``sayso.nlp.SENTENCE_STATES``), no second pass;
- the rules' view of the sentence: the event gate's score, the statement cue class at the main
  verb, the category the rules chose and its probability, whether the actors have countries.

With the fine-tuned reader shipped (``sayso.events.reader``: a small encoder over the sentence
with the rules' trigger, source and target marked), its logit is one more feature
(``events_detector_reader.npz`` replaces ``events_detector.npz``; docs/events.md, "A fine-tuned
reader for the detector").

It is asked only about sentences the rules found an event in, and only in the default mode: with
``--fast`` (no tagger pass, no states) or without a model the events are the rules' own. A sentence
it keeps is then asked of the trust filter (``sayso.events.trusted``: a second verdict learned
from the judged event set), when ``events_trust.npz`` is shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span

from sayso.events import reader, trust, trusted
from sayso.events.frames import main_verb
from sayso.events.gate import ACTOR_LABELS, gate_score
from sayso.knowledge.linear import Once, read_data
from sayso.model import Attribution, Event, own_country, text_sha256
from sayso.nlp import SENTENCE_STATES, span_ents

MODEL_FILE = "events_detector.npz"
CUE_CLASSES = ("none", "say", "claim", "report", "believe", "urge", "criticize", "praise",
               "intend", "announce", "accuse", "reject", "deny", "threaten", "warn", "promise",
               "other")
CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
RULE_FEATURES = ("gate", "confidence", "attributed", "source_country", "target_country",
                 "same_country", "hypothetical", "negated")


@dataclass(frozen=True, slots=True)
class Detector:
    """Standardised logistic model: p = sigmoid(((x - mean) / scale) . coef + bias)."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: float
    threshold: float


def model() -> Detector | None:
    """The shipped detector, loaded once (``DETECTOR``); None when the file is missing."""
    return DETECTOR.get()


def _detector(data: Any) -> Detector:
    return Detector(data["mean"], data["scale"], data["coef"], float(data["bias"]),
                    float(data["threshold"]))


DETECTOR: Once[Detector | None] = Once(lambda: read_data(MODEL_FILE, _detector))
# The detector with the fine-tuned reader's logit as its last feature (``sayso.events.reader``),
# used when the reader is shipped (``use`` "stacked"); without the reader, ``MODEL_FILE``'s.
STACKED_FILE = "events_detector_reader.npz"
STACKED: Once[Detector | None] = Once(lambda: read_data(STACKED_FILE, _detector))
# Documents built on quotes (at least ``DENSE_ATTRIBUTIONS`` attributions: election coverage,
# commentary) are where a sentence the rules find an event in is most often a statement, a
# forecast or a description; there the detector must be ``DENSE_FACTOR`` times surer. Short
# wire-style stories keep the threshold chosen in training (docs/events.md, "Detector operating
# point": judged precision up in every round, PLV and the composed sets unchanged).
DENSE_ATTRIBUTIONS = 8
DENSE_FACTOR = 2.0
# Set to a list by scripts/detector_sweep.py: every sentence the detector is asked about, with
# its probability; each is then kept, so that thresholds can be applied afterwards.
TRACE: list[dict[str, Any]] | None = None


def chosen() -> tuple[Detector | None, reader.Reader | None]:
    """The detector the default mode applies and the reader it asks (None: none)."""
    fine = reader.model()
    if fine is not None and fine.use == "stacked":
        stacked = STACKED.get()
        if stacked is not None:
            return stacked, fine
        fine = None
    return model(), fine


def sentence_states(doc: Doc) -> dict[int, np.ndarray] | None:
    """Sentence start character -> pooled encoder state, when the tagger ran on ``doc``."""
    found = doc.user_data.get(SENTENCE_STATES)
    if found is None:
        return None
    ranges, vectors = found
    return {start: vectors[k] for k, (start, _) in enumerate(ranges)}


def features(sent: Span, state: np.ndarray, event: Event, cue: str) -> np.ndarray:
    """The detector's input for a sentence and the (first) event the rules found in it."""
    root = main_verb(sent)
    # (``span_ents``: spaCy's ``sent.ents`` rebuilds every entity of the document per sentence)
    actors = sum(1 for e in span_ents(sent) if e.label_ in ACTOR_LABELS)
    gate = gate_score(sent, root, cue, actors)
    source = own_country(event.source) if event.source is not None else None
    target = own_country(event.target) if event.target is not None else None
    rules = [
        0.0 if gate is None else max(-10.0, min(10.0, gate)),
        event.confidence,
        float(event.attribution_id is not None),
        float(source is not None),
        float(target is not None),
        float(source is not None and source == target),
        float(event.hypothetical),
        float(event.negated),
    ]
    cues = [float(cue == c) for c in CUE_CLASSES[:-1]] + [float(cue not in CUE_CLASSES[:-1])]
    types = [float(event.type == c) for c in CATEGORIES]
    return np.concatenate([state.astype(np.float32), np.array(rules + cues + types, dtype=np.float32)])


def marks(sent: Span, event: Event) -> dict[str, list[int] | None]:
    """The event's trigger, source and target as character ranges relative to ``sent`` (the
    longest span of each actor inside it; None for an actor with none there): what the
    fine-tuned reader (``sayso.events.reader``) marks."""
    start, end = event.trigger.spans[0]
    out: dict[str, list[int] | None] = {
        "trigger": [max(0, start - sent.start_char), min(end, sent.end_char) - sent.start_char]}
    for name, actor in (("source", event.source), ("target", event.target)):
        inside = [(s, e) for s, e in (actor.spans if actor is not None else [])
                  if sent.start_char <= s and e <= sent.end_char]
        if inside:
            s, e = max(inside, key=lambda r: r[1] - r[0])
            out[name] = [s - sent.start_char, e - sent.start_char]
        else:
            out[name] = None
    return out


def probability(x: np.ndarray, detector: Detector) -> float:
    z = float(((x - detector.mean) / detector.scale) @ detector.coef + detector.bias)
    return 1.0 / (1.0 + np.exp(-z))


def full_probability(x: np.ndarray, detector: Detector, fine: reader.Reader | None, sentence: Span,
                     event: Event) -> float | None:
    """The detector's probability for the sentence, the reader always asked (no shortcut);
    None where the model does not apply (another tagger export)."""
    if fine is not None and fine.use == "alone":
        return fine.probability(sentence.text, marks(sentence, event))
    if fine is not None and fine.use == "stacked" and x.shape[0] + 1 == detector.mean.shape[0]:
        logit = fine.logit(sentence.text, marks(sentence, event))
        x = np.append(x, np.float32(min(max(logit, -reader.LOGIT_BOUND), reader.LOGIT_BOUND)))
    return None if x.shape != detector.mean.shape else probability(x, detector)


def _traced(x: np.ndarray, detector: Detector, fine: reader.Reader | None, sentence: Span,
            events: list[Event], attributions: list[Attribution], cue: str) -> bool:
    """Record the sentence's probability in ``TRACE`` and keep it (the sweep's verdict); with
    the trigger starts of all its events, those a verdict would drop."""
    mine = _in_sentence(sentence, events)
    event = mine[0]
    if TRACE is not None:
        p = full_probability(x, detector, fine, sentence, event)
        TRACE.append({"doc": text_sha256(sentence.doc.text),
                      "start": sentence.start_char, "end": sentence.end_char, "cue": cue,
                      "attributed": event.attribution_id is not None, "type": event.type,
                      "trigger": event.trigger.spans[0],
                      "triggers": [e.trigger.spans[0][0] for e in mine],
                      "p": p, "x": [round(float(v), 5) for v in x],
                      "trust": None if p is None else
                      trust.features(sentence, event, len(mine), attributions, cue, p,
                                     dense=quote_heavy(attributions)).tolist()})
    return True


def _trusted(x: np.ndarray, detector: Detector, fine: reader.Reader | None, sentence: Span,
             events: list[Event], attributions: list[Attribution], cue: str,
             memo: dict[int, float | None] | None = None, moot: Moot | None = None) -> bool:
    """The learned trust filter's verdict on a sentence the detector kept (``sayso.events.trusted``;
    True without the filter, outside its documents, or where the detector gives no probability).
    Its inputs are the trace's (``_traced``): the sentence's first event, the detector's probability
    with the reader always asked (``memo``: the probabilities ``_reported`` computed, by sentence
    start, so that the reader is not asked twice)."""
    kept = trusted.model()
    dense = quote_heavy(attributions)
    if kept is None or (kept.dense_only and not dense):
        return True
    mine = _in_sentence(sentence, events)
    event = mine[0]

    def keeps(p: float) -> bool:
        return kept.keeps(x, trust.features(sentence, event, len(mine), attributions, cue, p, dense=dense))

    if memo is not None and sentence.start_char in memo:
        p = memo[sentence.start_char]
    elif fine is not None and fine.use == "stacked" and x.shape[0] + 1 == detector.mean.shape[0]:
        # As in ``_reported``: the filter is monotone in the detector's logit, itself monotone in
        # the reader's bounded logit; the same verdict at both bounds needs no encoder pass.
        low, high = (keeps(probability(np.append(x, np.float32(v)), detector))
                     for v in (-reader.LOGIT_BOUND, reader.LOGIT_BOUND))
        if low == high:
            return low
        if moot is not None and moot():
            return False  # (as in ``_reported``)
        p = full_probability(x, detector, fine, sentence, event)
    else:
        p = full_probability(x, detector, fine, sentence, event)
    return p is None or keeps(p)


def _in_sentence(sentence: Span, events: list[Event]) -> list[Event]:
    return [e for e in events if sentence.start_char <= e.trigger.spans[0][0] < sentence.end_char]


def quote_heavy(attributions: list[Attribution]) -> bool:
    """Is the document built on quotes (at least ``DENSE_ATTRIBUTIONS`` attributions)?"""
    return sum(1 for a in attributions if not _speaker_turn(a)) >= DENSE_ATTRIBUTIONS


def _speaker_turn(attribution: Attribution) -> bool:
    """A transcript's speaker turn ("PENCE: Well, look, ...", ``attributions.labels``, attr22):
    not counted towards ``quote_heavy``, whose threshold was chosen when such turns were no
    attributions (with them counted, one judged transcript crossed it and lost two true events)."""
    # (read with getattr: callers may count records of any type, as tests/test_event_detector.py)
    cue, source = getattr(attribution, "cue", None), getattr(attribution, "source", None)
    return (getattr(attribution, "kind", None) == "direct" and cue is not None and cue.text == ":"
            and source is not None and source.text.isupper())


def threshold_for(detector: Detector, attributions: list[Attribution]) -> float:
    """The detector's threshold for a document: ``DENSE_FACTOR`` times higher in one built on
    quotes (``quote_heavy``)."""
    if quote_heavy(attributions):
        return DENSE_FACTOR * detector.threshold
    return detector.threshold


def _reported(x: np.ndarray, detector: Detector, fine: reader.Reader | None, sentence: Span,
              event: Event, threshold: float | None = None,
              memo: dict[int, float | None] | None = None, moot: Moot | None = None) -> bool:
    """The verdict on a sentence: the logistic model's, or with the fine-tuned reader shipped,
    the reader's alone or its logit as the logistic model's last feature (``stacked``);
    ``threshold``: the logistic model's for this document (default its own). ``moot``: True
    where the verdict cannot change the output (``keep_reported``): then no reader is asked
    and the sentence's events go now."""
    if fine is not None and fine.use == "alone":
        return fine.probability(sentence.text, marks(sentence, event)) >= fine.threshold
    limit = detector.threshold if threshold is None else threshold
    if fine is not None and fine.use == "stacked" and x.shape[0] + 1 == detector.mean.shape[0]:
        # The reader's logit, bounded (``reader.LOGIT_BOUND``), is the last feature: when the
        # verdict is the same at both bounds, the encoder pass is not needed.
        low, high = (probability(np.append(x, np.float32(v)), detector) >= limit
                     for v in (-reader.LOGIT_BOUND, reader.LOGIT_BOUND))
        if low == high:
            return low
        if moot is not None and moot():
            return False
    # A model trained on other states (another tagger export) is not applied.
    p = full_probability(x, detector, fine, sentence, event)
    if memo is not None:
        memo[sentence.start_char] = p
    return p is None or p >= limit


def cue_class(event: Event, attributions: list[Attribution]) -> str:
    """The statement cue class of the event's attribution ("none" without one)."""
    if event.attribution_id is None:
        return "none"
    said = next((a for a in attributions if a.id == event.attribution_id), None)
    return (said.cue_class or "other") if said is not None else "none"


def keep_reported(doc: Doc, events: list[Event], attributions: list[Attribution],
                  dropped_later: Callable[[Event], bool] | None = None) -> list[Event]:
    """``events`` without those in sentences the detector says report no event (renumbered);
    unchanged without sentence states (``--fast``) or without a model. ``dropped_later``: is an
    event one that a later step of the caller drops whatever the detector says? Where all of a
    sentence's events are, its verdict cannot change the output, and the reader is not asked
    for it (its events go now: the caller's later steps read each event on its own and number
    them by position, so dropping them here or there gives the same list)."""
    # States first: ``--fast`` has none, and then neither model is loaded.
    states = sentence_states(doc) if events else None
    if states is None:
        return events
    detector, fine = chosen()
    if detector is None:
        return events
    limit = threshold_for(detector, attributions)
    verdict: dict[int, bool] = {}
    memo: dict[int, float | None] = {}  # the detector's full probabilities, by sentence start
    sentences = [_sentence_of(doc, event) for event in events]
    kept: list[Event] = []
    for event, sentence in zip(events, sentences, strict=True):
        if sentence is None:
            kept.append(event)
            continue
        if sentence.start_char not in verdict:
            state = states.get(sentence.start_char)
            if state is None:
                verdict[sentence.start_char] = True
            else:
                cue = cue_class(event, attributions)
                x = features(sentence, state, event, cue)
                moot = None if dropped_later is None else _moot(sentence, events, sentences, dropped_later)
                verdict[sentence.start_char] = (
                    _traced(x, detector, fine, sentence, events, attributions, cue) if TRACE is not None
                    else _reported(x, detector, fine, sentence, event, limit, memo, moot)
                    and _trusted(x, detector, fine, sentence, events, attributions, cue, memo, moot))
        if verdict[sentence.start_char]:
            kept.append(event)
    if len(kept) == len(events):
        return events
    return [replace(e, id=f"e{n}") for n, e in enumerate(kept, start=1)]


# Asked before the reader: can the sentence's verdict not change the output? (memoised per call)
Moot = Callable[[], bool]


def _sentence_of(doc: Doc, event: Event) -> Span | None:
    """The sentence ``keep_reported`` judges the event by: its trigger's."""
    sent = doc.char_span(event.trigger.spans[0][0], event.trigger.spans[0][1], alignment_mode="expand")
    return None if sent is None else sent.sent


def _moot(sentence: Span, events: list[Event], sentences: list[Span | None],
          dropped_later: Callable[[Event], bool]) -> Moot:
    """True where every event judged by ``sentence`` is dropped later whatever its verdict
    (asked at most once, and only where the reader would be asked)."""
    answer: list[bool] = []

    def moot() -> bool:
        if not answer:
            answer.append(all(dropped_later(e) for e, s in zip(events, sentences, strict=True)
                              if s is not None and s.start_char == sentence.start_char))
        return answer[0]

    return moot
