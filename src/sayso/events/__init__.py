"""PLOVER event extraction: who did what to whom, tied to its characters.

One event at most per sentence, from its main clause (see ``extract.py``). A sentence whose main
verb is an attribution cue yields the speaker's verbal act (THREATEN, ACCUSE, REQUEST...) linked
by ``attribution_id``; what the statement reports is not coded as an act of its subjects.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from sayso.actors import DocActors
from sayso.events.extract import Found, find
from sayso.events.frames import mention_tokens
from sayso.events.plover import bridge, context_of, mode_of
from sayso.events.where_when import event_date, event_location
from sayso.model import Actor, Article, Attribution, Event
from sayso.model import Span as TextSpan

# Speakers in these sectors report news rather than act in it.
NEWS_SECTORS = ("JRN",)


def extract_events(doc: Doc, attributions: list[Attribution], article: Article) -> list[Event]:
    """Events found in ``doc``; verbal events reuse ``attributions``."""
    coder = DocActors(doc, article)
    events: list[Event] = []
    for sent in doc.sents:
        if len(sent) < 3:
            continue
        attribution = _attribution_at(sent, attributions)
        found = find(sent, attribution.cue_class if attribution else None, coder.date)
        if found is None:
            continue
        for target in [found.target, *found.more_targets]:
            events.append(_event(doc, sent, found, target, coder, attribution, article, len(events)))
    return events


def _attribution_at(sent: Span, attributions: list[Attribution]) -> Attribution | None:
    """The attribution whose cue is this sentence's main verb (the statement the sentence is)."""
    root = sent.root
    start, end = root.idx, root.idx + len(root.text)
    for attribution in attributions:
        if any(s < end and start < e for s, e in attribution.cue.spans):
            return attribution
    return None


def _actor(coder: DocActors, head: Token | None) -> Actor | None:
    return None if head is None else coder.code(mention_tokens(head))


def _source(coder: DocActors, head: Token | None, attribution: Attribution | None) -> Actor | None:
    """The doer. In a statement it is the speaker, unless the speaker only sources news about
    an act of its own side or is no political actor ("Russian forces struck..., the defence
    ministry said"): then the act reported as fact is the event, done by its own subject."""
    actor = _actor(coder, head)
    speaker = attribution.speaker if attribution is not None else None
    if speaker is None or attribution is None or attribution.source is None:
        return actor
    inside = head is not None and any(s <= head.idx < e for s, e in attribution.source.spans)
    if inside or actor is None or actor.country is None:
        return speaker
    if speaker.country is None or speaker.country == actor.country or speaker.sector in NEWS_SECTORS:
        return actor
    return speaker


def _event(
    doc: Doc,
    sent: Span,
    found: Found,
    target_head: Token | None,
    coder: DocActors,
    attribution: Attribution | None,
    article: Article,
    number: int,
) -> Event:
    frame = found.frame
    source = _source(coder, found.source, attribution)
    target = _actor(coder, target_head)
    trigger = frame.speech if frame.speech is not None else frame.trigger
    cameo_root, quad = bridge(found.type)
    return Event(
        id=f"e{number + 1}",
        type=found.type,
        mode=mode_of(found.type, sent),
        context=context_of(sent),
        source=source,
        target=target,
        trigger=TextSpan.of(doc.text, [(trigger.idx, trigger.idx + len(trigger.text))]),
        negated=frame.negated,
        hypothetical=frame.hypothetical,
        attribution_id=attribution.id if attribution is not None else None,
        date=event_date(sent, article),
        location=event_location(sent, coder),
        confidence=found.probability,
        cameo_root=cameo_root,
        quad_class=quad,
    )
