"""A described speaker named by the office a person of the article holds (reader24, issue #13
deliverable 5).

US campaign news calls a candidate "the Republican nominee" or "the GOP candidate" as often as
by name; as a speaker of its own the description splits one person into several in every
listing. The knowledge base dates each curated office with its words ("Republican presidential
candidate", 2015-06-16 to 2017-01-20): a definite description whose head and modifiers are all
words of the office that exactly one knowledge-base person named among the article's speakers
holds on the article's date is that person, as "the president" after "President X" is X
(``by_title``). Both modes: actor coding is shared.
"""

from __future__ import annotations

from sayso.knowledge import knowledge, resolve
from sayso.model import Actor, Attribution

# Words news uses for an office word of the knowledge base: a party's nominee is its candidate,
# the GOP the Republican party.
SAME_WORD = {"nominee": "candidate", "gop": "republican", "democrat": "democratic"}


def name_by_office(attributions: list[Attribution], date: str | None) -> None:
    """Give each described person speaker ("the Republican nominee") the name, knowledge-base
    id and codes of the one person of the article whose office on ``date`` it describes."""
    if not date:
        return
    holders = _office_holders(attributions, date)
    if not holders:
        return
    for attribution in attributions:
        speaker = attribution.speaker
        words = _described(speaker) if speaker is not None and attribution.source else None
        if speaker is None or not words:
            continue
        fitting = [person for person, office in holders if words <= office]
        if len(fitting) == 1:
            _take(speaker, fitting[0])


def _office_holders(attributions: list[Attribution], date: str) -> list[tuple[Actor, set[str]]]:
    """Each knowledge-base person among the speakers, once, with the words of their office."""
    out: dict[str, tuple[Actor, set[str]]] = {}
    for attribution in attributions:
        speaker = attribution.speaker
        if (
            speaker is None
            or speaker.kind != "person"
            or not speaker.kb_id
            or speaker.members
            or speaker.kb_id in out
        ):
            continue
        office = _office_words(speaker, date)
        if office:
            out[speaker.kb_id] = (speaker, office)
    return list(out.values())


def _office_words(person: Actor, date: str) -> set[str]:
    for hit in knowledge().lookup(person.name or ""):
        if hit.named is not None and hit.named.kb_id == person.kb_id:
            period = resolve(hit.named, date)
            role = period.role if period is not None and period.covers(date) else None
            return _words(role or "")
    return set()


def _words(text: str) -> set[str]:
    words = (w.strip(".,()").lower() for w in text.split())
    return {SAME_WORD.get(w, w) for w in words if w}


def _described(speaker: Actor) -> set[str] | None:
    """The words of a bare definite description of a person with a modifier ("the Republican
    nominee": {"republican", "candidate"}); None for names, possessives and anything else."""
    words = (speaker.name or "").split()
    if (
        speaker.kind != "person"
        or speaker.kb_id
        or speaker.members
        or len(words) < 3
        or words[0] not in ("the", "The")
        or not words[-1].islower()
        or any("'" in w or "’" in w or not w.isalpha() for w in words[1:])
    ):
        return None
    return _words(" ".join(words[1:]))


def _take(speaker: Actor, person: Actor) -> None:
    """The described speaker is the person: their name and codes; its own words stay its role."""
    speaker.role = speaker.role or " ".join((speaker.name or "").split()[1:])
    speaker.name, speaker.kb_id = person.name, person.kb_id
    speaker.country, speaker.sector = person.country, person.sector
    speaker.secondary_sectors = list(person.secondary_sectors)
