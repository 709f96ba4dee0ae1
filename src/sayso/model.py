"""One record type per concept, serialised to the JSON schema in docs/schema.md.

Every span is a half-open ``[start, end)`` pair of character offsets (Python ``str``
indices) into the document text exactly as read (UTF-8, ``newline=''``).
Records are plain dataclasses so that they pickle cheaply into worker processes
and serialise without a framework; ``to_dict`` is the only JSON shape there is.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

AttributionKind = Literal["direct", "indirect", "mixed", "according_to", "other"]
ActorKind = Literal["person", "organization", "country", "group", "unknown"]

Offsets = tuple[int, int]



def text_sha256(text: str) -> str:
    """The hex SHA-256 of a text's UTF-8 bytes (lone surrogates kept): the one text hash of the
    records, the store and the claim embeddings."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

@dataclass(slots=True)
class Span:
    """One or more character ranges of the text, plus the text they cover."""

    spans: list[Offsets]
    text: str

    @classmethod
    def of(cls, doc_text: str, ranges: list[Offsets]) -> Span:
        ranges = sorted((s, e) for s, e in ranges if e > s)
        return cls(spans=ranges, text=" … ".join(doc_text[s:e] for s, e in ranges))

    @property
    def start(self) -> int:
        return self.spans[0][0] if self.spans else -1

    @property
    def end(self) -> int:
        return self.spans[-1][1] if self.spans else -1

    def to_dict(self) -> dict[str, Any]:
        return {"spans": [[s, e] for s, e in self.spans], "text": self.text}


@dataclass(slots=True)
class Actor:
    """A speaker or event participant, coded to country + PLOVER sector.

    ``country`` is ISO-3166 alpha-3 or a PLOVER international code (IGO, NGO...).
    ``kb_id`` names the knowledge-base row the actor resolved to, if any. ``undated``: that row
    was chosen without a reference date (the knowledge base's latest); serialised only when true.
    """

    name: str
    kind: ActorKind = "unknown"
    country: str | None = None
    sector: str | None = None
    secondary_sectors: list[str] = field(default_factory=list)
    role: str | None = None
    kb_id: str | None = None
    spans: list[Offsets] = field(default_factory=list)
    undated: bool = False
    # A coordinated speaker ("both Vindman and Williams testified"): each of the people or
    # bodies it names; serialised only when there are some.
    members: list[Actor] = field(default_factory=list)
    # The country came from the document's politics (``DocActors.domestic``) or from earlier
    # mentions of the same noun (``events.referents``), not the mention itself: no evidence of
    # an event between states (never serialised).
    domestic: bool = False

    def to_dict(self) -> dict[str, Any]:
        # Written out rather than ``dataclasses.asdict``, which deep-copies every field and
        # every member only for most of it to be replaced (7% of ``--fast``'s rule-path time).
        data: dict[str, Any] = {
            "name": self.name, "kind": self.kind, "country": self.country, "sector": self.sector,
            "secondary_sectors": list(self.secondary_sectors), "role": self.role,
            "kb_id": self.kb_id, "spans": [[s, e] for s, e in self.spans],
        }
        if self.undated:
            data["undated"] = self.undated
        if self.members:
            data["members"] = [m.to_dict() for m in self.members]
        return data


@dataclass(slots=True)
class Attribution:
    """A reported statement: who (source) said (cue) what (content)."""

    id: str
    kind: AttributionKind
    cue: Span
    content: Span
    source: Span | None = None
    speaker: Actor | None = None
    confidence: float = 0.5
    # Semantics of the cue from the lexicon (say, claim, deny...); used by events/claims.
    cue_class: str | None = None

    def to_dict(self) -> dict[str, Any]:
        source: dict[str, Any] | None = None
        if self.source is not None:
            source = self.source.to_dict()
            source["speaker"] = self.speaker.to_dict() if self.speaker else None
        return {
            "id": self.id,
            "kind": self.kind,
            "source": source,
            "cue": self.cue.to_dict(),
            "content": self.content.to_dict(),
            "confidence": round(self.confidence, 3),
            "cue_class": self.cue_class,
        }


@dataclass(slots=True)
class Event:
    """A PLOVER event: source actor does ``type`` to target actor."""

    id: str
    type: str
    trigger: Span
    source: Actor | None = None
    target: Actor | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    attribution_id: str | None = None
    date: str | None = None
    location: dict[str, Any] | None = None
    confidence: float = 0.5
    cameo_root: str | None = None
    quad_class: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "trigger": self.trigger.to_dict(),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "attribution_id": self.attribution_id,
            "date": self.date,
            "location": self.location,
            "confidence": round(self.confidence, 3),
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
        }


class InputError(Exception):
    """The one error type: why an input cannot be read or analysed. ``reason`` is the
    machine-readable code (too_large, binary, bad_encoding, http_404, analysis_failed...) that
    the failures table stores and ``sayso extract`` prints as ``reason``; ``detail`` is the
    sentence for a person (the JSON ``error`` field, the failures table's ``detail``)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(detail or reason)
        self.reason = reason
        self.detail = detail

    def __reduce__(self) -> tuple[type[InputError], tuple[str, str]]:
        return type(self), (self.reason, self.detail)  # pickles whole into worker processes

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, InputError) and (self.reason, self.detail)
                == (other.reason, other.detail))

    def __hash__(self) -> int:
        return hash((self.reason, self.detail))


@dataclass(slots=True)
class Article:
    """One input document as read, from every reader to the store; ``text`` is never altered
    after reading.

    ``source`` is where it was read (a path, ``path:line``, ``archive#record``, a URL);
    ``date`` is the publication date as the source gives it (the store keeps its
    ``YYYY-MM-DD``); ``site_name`` is the outlet. ``language`` is set by triage."""

    doc_id: str
    text: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    language: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    author: str | None = None
    site_name: str | None = None
    error: InputError | None = None  # why it could not be read: analysed as a failure


@dataclass(slots=True)
class Failure:
    """An input that could not become an ``Article``, named by its path or URL."""

    source: str
    error: InputError
    doc_id: str | None = None  # the input's own id when it has one (a JSONL "id")

    @classmethod
    def of(cls, source: str, reason: str, detail: str = "", doc_id: str | None = None
           ) -> Failure:
        return cls(source, InputError(reason, detail), doc_id)

    @property
    def reason(self) -> str:
        return self.error.reason

    @property
    def detail(self) -> str:
        return self.error.detail


@dataclass(slots=True)
class DocumentResult:
    """What ``sayso extract`` prints for one document."""

    doc_id: str
    text_sha256: str
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: InputError | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "doc_id": self.doc_id,
            "text_sha256": self.text_sha256,
            "attributions": [a.to_dict() for a in self.attributions],
            "events": [e.to_dict() for e in self.events],
        }
        if self.language is not None:
            data["language"] = self.language
        if self.error is not None:
            data["error"] = self.error.detail or self.error.reason
            data["reason"] = self.error.reason
        return data


def own_country(actor: Actor) -> str | None:
    """The actor's country where its own mention (or the knowledge base) gives it: one read
    from the document's politics ("His campaign" in US election news, ``DocActors.domestic``)
    codes the actor but is no evidence that an event happened or which one (events stay as
    they were without it)."""
    return None if actor.domestic else actor.country
