"""One code per named person per article: the codes its speaker mentions share.

Each attribution's speaker is coded from its own mention, so "Senator Hill" and "Defence
Minister Hill" may come out LEG and GOV. ``code_speakers`` settles one code per person before
it builds the referent memory, so that event participants who refer back to the person get
the code the person's speakers share.
"""

from __future__ import annotations

from sayso.model import Actor, Attribution

# Sectors too generic to stand against a specific one read elsewhere for the same person.
GENERIC_SECTORS = frozenset({"CVL", "UNK"})
DETERMINERS = frozenset({"a", "an", "the", "this", "that", "one", "some"})
# Readings a government office read for the same person outranks: a minister sits in the
# legislature (LEG), and an elite (ELI: a former official, often an undated or stale KB row) who
# holds an office in the article's own words is that office's holder.
OUTRANKED_BY_OFFICE = frozenset({"LEG", "ELI"})


def one_code_per_speaker(attributions: list[Attribution]) -> None:
    """Give each named person one country and one sector per article, after actor coding (both
    modes): each attribution codes its own mention, so "Senator Hill" and "Defence Minister
    Hill" may come out LEG and GOV. The code of the first coded mention wins (news introduces a
    person with full name and role first; later mentions are shorter), except that a generic
    sector yields to a specific one and a government reading beats a legislative or elite one
    (a minister sits in the legislature; a former official now in office is the office's
    holder). Mentions coded with nothing take the chosen code too. Descriptions ("a judge")
    are no one person."""
    by_person: dict[str, list[Actor]] = {}
    ordered = sorted((a for a in attributions if a.speaker is not None and a.source is not None),
                     key=lambda a: min((s for s, _ in a.source.spans), default=0) if a.source else 0)
    for attribution in ordered:
        speaker = attribution.speaker
        if speaker is not None and (key := _person_key(speaker)):
            by_person.setdefault(key, []).append(speaker)
    for speakers in by_person.values():
        if len(speakers) > 1:
            _share_code(speakers)
            _share_kb_id(speakers)


def _share_kb_id(speakers: list[Actor]) -> None:
    """One person, one knowledge-base id (reader25): a mention the knowledge base did not link
    ("Mr. Obama's bet" beside "President Obama" linked) takes the one id its person's other
    mentions share, so the store keys it with them. Two ids: left as they are."""
    ids = {s.kb_id for s in speakers if s.kb_id}
    if len(ids) == 1:
        kb_id = ids.pop()
        for s in speakers:
            s.kb_id = kb_id


def _person_key(speaker: Actor) -> str | None:
    """A named person's key, None for anyone else: the canonical name, not the knowledge-base id
    (one mention may match a KB row that another, shorter, does not)."""
    words = speaker.name.split()
    if speaker.kind != "person" or speaker.members or not words or words[0].lower() in DETERMINERS:
        return None
    if not any(c.isupper() for c in speaker.name):
        return None
    return speaker.name.casefold()


def _share_code(speakers: list[Actor]) -> None:
    countries = [s for s in speakers if s.country]
    if countries:
        chosen = countries[0]
        for s in speakers:
            s.country, s.domestic = chosen.country, chosen.domestic
    sectors = [s for s in speakers if s.sector]
    if sectors:
        chosen = min(sectors, key=lambda s: (_sector_rank(s.sector, sectors), sectors.index(s)))
        for s in speakers:
            s.sector, s.secondary_sectors = chosen.sector, list(chosen.secondary_sectors)


def _sector_rank(sector: str | None, sectors: list[Actor]) -> int:
    """0 for a reading that wins over the others, 1 for the ordinary, 2 for a generic one."""
    if sector in GENERIC_SECTORS:
        return 2
    if sector == "GOV" and any(s.sector in OUTRANKED_BY_OFFICE for s in sectors):
        return 0
    return 1
