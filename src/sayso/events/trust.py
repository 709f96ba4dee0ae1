"""What a reader of the news goes by, beyond the detector: features for a second verdict on the
sentences the event detector keeps (issue #14; docs/events.md, "Trusting an event: the judged
rows as labels").

The detector (``detect.py``) is trained on sentence labels of its own; the judged event set
(``tests/data/events_judged.jsonl``) is a second, independent set of labels of the events the
whole system reports on running news, whose false ones are statements, descriptions, history,
administrative acts and promises. These features read what might tell them apart in the
sentence's grammar: the trigger's tense, aspect and modality, whether it is the act of speaking
or lies inside what is said or quoted, the kind of subject, the sentence's place in the text, a
year or a percentage in it, how quote-heavy the document is, with the detector's probability.
The detector's trace (``detect.TRACE``) records them for every sentence it is asked about, and
scripts/events_trust_cv.py measures a model over them by cross-validation by article. Shipped in
the twenty-first session (``sayso.events.trusted``, ``events_trust.npz``): fitted on judged rounds
1-10, held out on round 11 (docs/events.md, "The trust filter shipped").
"""

from __future__ import annotations

import math

import numpy as np
from spacy.tokens import Span, Token

from sayso.model import Attribution, Event, own_country
from sayso.nlp import sentence_starts

# Statement cue classes, grouped by what the speaker does.
CUE_GROUPS = {
    "none": ("none",),
    "say": ("say",),
    "thinking": ("claim", "believe", "report"),
    "hostile": ("accuse", "criticize", "reject", "deny", "threaten", "warn"),
    "intent": ("intend", "promise", "announce", "urge"),
    "praise": ("praise",),
}
# PLOVER's four quad classes (verbal / material, cooperation / conflict).
QUADS = (("AGREE", "CONSULT", "SUPPORT"), ("CONCEDE", "COOPERATE", "AID", "RETREAT"),
         ("REQUEST", "ACCUSE", "REJECT", "THREATEN"),
         ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"))
TENSES = ("past", "perfect", "future", "modal", "present", "progressive", "other")
SUBJECTS = ("first_second", "pronoun", "person", "group", "noun", "none")
FIRST_SECOND = frozenset({"i", "we", "you", "me", "us"})
FUTURE = frozenset({"will", "shall", "'ll", "wo"})
MODALS = frozenset({"would", "could", "may", "might", "should", "must", "can", "ca", "'d"})
QUOTES = frozenset({'"', "\u201c", "\u201d"})
PEOPLE = ("PERSON",)
GROUPS = ("ORG", "NORP", "GPE")
LOGIT_LIMIT = 8.0


def names() -> list[str]:
    """The feature names, in ``features`` order."""
    return (["detector_logit", "dense", "attributions", "confidence", "speech_act", "reported",
             "hypothetical", "negated", "quoted", "question", "year", "percent", "lead",
             "position", "length", "events", "source_country", "target_country", "no_target"]
            + [f"cue_{g}" for g in CUE_GROUPS] + ["cue_other"]
            + [f"quad_{k}" for k in range(len(QUADS))]
            + [f"tense_{t}" for t in TENSES] + [f"subject_{s}" for s in SUBJECTS])


def features(sentence: Span, event: Event, events: int, attributions: list[Attribution], cue: str,
             p: float, *, dense: bool) -> np.ndarray:
    """The features of a sentence the detector is asked about (with its probability ``p``), its
    first event, how many events it holds, the document's attributions and the event's cue class;
    ``dense``: the document is built on quotes (``detect.quote_heavy``)."""
    trigger = _trigger(sentence, event)
    start = event.trigger.spans[0][0]
    logit = math.log(max(p, 1e-6) / max(1.0 - p, 1e-6))
    # (the sentence's place among the document's: their first tokens, read once per document)
    starts = sentence_starts(sentence.doc) if sentence.doc.has_annotation("SENT_START") else [sentence.start]
    index = next((k for k, s in enumerate(starts) if s == sentence.start), 0)
    values = [
        max(-LOGIT_LIMIT, min(LOGIT_LIMIT, logit)),
        float(dense),
        math.log1p(len(attributions)),
        event.confidence,
        float(any(_within(start, a.cue.spans) for a in attributions)),
        float(any(_within(start, a.content.spans) for a in attributions)),
        float(event.hypothetical),
        float(event.negated),
        float(_quoted(sentence, start)),
        float(sentence.text.rstrip().rstrip("\"'\u201d").endswith("?")),
        float(any(_a_year(t) for t in sentence)),
        float(any(t.text == "%" or t.lower_ in ("percent", "pct") for t in sentence)),
        float(index == 0),
        index / max(1, len(starts) - 1),
        math.log1p(len(sentence)),
        float(events),
        float(event.source is not None and own_country(event.source) is not None),
        float(event.target is not None and own_country(event.target) is not None),
        float(event.target is None),
    ]
    groups = [float(cue in members) for members in CUE_GROUPS.values()]
    groups.append(float(not any(groups)))
    quads = [float(event.type in members) for members in QUADS]
    tense = _tense(trigger)
    subject = _subject(trigger)
    return np.array(values + groups + quads + [float(t == tense) for t in TENSES]
                    + [float(s == subject) for s in SUBJECTS], dtype=np.float64)


def _within(start: int, spans: list[tuple[int, int]] | list[list[int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def _trigger(sentence: Span, event: Event) -> Token:
    start, end = event.trigger.spans[0]
    span = sentence.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else sentence.root


def _quoted(sentence: Span, start: int) -> bool:
    """The trigger stands inside quotation marks: an odd number of them before it in the sentence."""
    marks = sum(1 for t in sentence if t.idx < start and t.text in QUOTES)
    return marks % 2 == 1


def _a_year(token: Token) -> bool:
    return token.shape_ == "dddd" and 1900 <= int(token.text) <= 2099


def _tense(verb: Token) -> str:
    """The trigger's tense, aspect or modality, from its auxiliaries and its tag (a noun or an
    infinitive with none: "other")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & FUTURE or ("going" in words and verb.tag_ == "VB"):
        return "future"
    if words & MODALS:
        return "modal"
    if any(a.lemma_ == "have" for a in auxes):
        return "perfect"
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
        return "progressive"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return "other"


def _subject(verb: Token) -> str:
    """What kind of word the trigger's subject is (a pronoun of the speaker or the reader, another
    pronoun, a person, a group or place, another noun, none)."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return "none"
    if subject.lower_ in FIRST_SECOND:
        return "first_second"
    if subject.pos_ == "PRON":
        return "pronoun"
    if subject.ent_type_ in PEOPLE:
        return "person"
    if subject.ent_type_ in GROUPS:
        return "group"
    return "noun"
