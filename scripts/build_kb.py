"""Rebuild sayso's actor knowledge base from the shared reference dictionaries.

Reads (never copies) ../shared/data/dictionaries and ../shared/data/plover, and writes our own
compact JSON files into src/sayso/data/:

- ``kb_actors.json.gz``: named persons/organisations -> dated (country, sector) codes, from the
  petrarch2 Phoenix actor dictionaries (MIT, Copyright (c) 2014 Open Event Data Alliance).
- ``countries.json``: ISO alpha-3 -> country names, nationality words and places (capitals, cities),
  from the Phoenix country dictionary (MIT, as above) and NGEC ``countries.csv``; ``common`` and
  ``common_adj`` mark the names and nationality words of news speakers (``COMMON_NAMES``, ours).
- ``agents.json``: agent words ("minister", "troops") -> PLOVER sectors, from NGEC
  ``PLOVER_agents.txt`` (MIT notice of the Phoenix agents file it derives from).
- ``actors_groups.tsv``: occupational and social groups ("farmer" AGR, "doctor" MED, "student"
  EDU, "refugee" REF) -> their PLOVER sector, the group's own sector first: the plain entries of
  that agents list whose codes are all non-state sectors, plus news words it lacks ("pensioner",
  "health worker"), written here (``GROUP_WORDS``).
- ``cameo_plover.json``: CAMEO code -> PLOVER category/mode/context, from PLOVER's
  ``CAMEO2PLOVER-2021.txt`` (CC BY-SA 4.0, Open Event Data Alliance), with the manual's
  corrections (international sanctions are SANCTION, not COERCE).
- ``cameo_verbs.json``: verb lemma -> PLOVER category counts, from petrarch2 ``CAMEO.2.0.txt``
  (MIT) through the mapping above.

The curated, dated list of office holders (``kb_leaders.tsv``) and the metonym list
(``actors_metonyms.tsv``) are hand-written data files with a source per row; this script does not
touch them.

Usage: python scripts/build_kb.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sayso" / "data"

# CAMEO agent (sector) codes -> PLOVER sector codes. CAMEO MED is media, HLH health.
SECTORS = {
    "GOV": "GOV", "MIL": "MIL", "JUD": "JUD", "LEG": "LEG", "COP": "COP", "REB": "REB",
    "INS": "REB", "SEP": "REB", "SPY": "SPY", "OPP": "OPP", "PTY": "PTY", "BUS": "BUS",
    "CVL": "CVL", "EDU": "EDU", "ELI": "ELI", "LAB": "LAB", "AGR": "AGR", "REF": "REF",
    "REL": "REL", "CRM": "CRM", "UAF": "UAF", "MED": "JRN", "HLH": "MED", "JRN": "JRN",
    "PRM": "PRM", "UNK": "UNK", "PRE": "PRE", "SOC": "SOC", "HRI": "SOC", "ENV": "SOC",
    "NGO": "SOC", "NGM": "SOC", "IMG": "REB", "MNC": "BUS",
}
# NGEC's PLOVER_agents.txt already speaks PLOVER (JRN journalists, MED doctors): only the codes
# PLOVER dropped are mapped, MED stays health.
PLOVER_SECTORS = {**SECTORS, "MED": "MED"}
# Sectors of occupational and social groups (the manual's "less frequently used codes" without
# the political ones); OPP and CVL may come with them ("striking nurse" CVL OPP MED).
GROUP_SECTORS = ("AGR", "BUS", "CRM", "EDU", "JRN", "LAB", "MED", "REF", "REL", "SOC", "CVL")
GROUP_EXTRA = ("CVL", "OPP")
# Group words of running news the agents list lacks, coded by the manual's sector table (ours).
GROUP_WORDS = {
    "PENSIONER": "CVL", "RETIREE": "CVL", "COMMUTER": "CVL", "SHOPPER": "CVL", "PARENT": "CVL",
    "HOMEOWNER": "CVL", "CONSUMER": "CVL", "PATIENT": "MED", "SURVIVOR": "CVL", "YOUTH": "CVL",
    "VETERAN": "CVL", "TRIBESMAN": "CVL", "SCHOOLCHILD": "EDU", "SCHOOLCHILDREN": "EDU",
    "GRADUATE": "EDU", "RESEARCHER": "EDU", "HEALTH WORKER": "MED", "HEALTHCARE WORKER": "MED",
    "HOSPITAL STAFF": "MED", "PHARMACIST": "MED", "MIDWIFE": "MED", "AID WORKER": "SOC",
    "MINER": "LAB", "COAL MINER": "LAB", "TRUCKER": "LAB", "TRUCK DRIVER": "LAB",
    "BUS DRIVER": "LAB", "RAIL WORKER": "LAB", "RAILWAY WORKER": "LAB", "POSTAL WORKER": "LAB",
    "GARMENT WORKER": "LAB", "FACTORY WORKER": "LAB", "CONSTRUCTION WORKER": "LAB",
    "DOCKWORKER": "LAB", "AUTOWORKER": "LAB", "STEELWORKER": "LAB", "SEAFARER": "LAB",
    "TRADE UNIONIST": "LAB", "UNIONIST": "LAB", "HERDER": "AGR", "BANKER": "BUS", "VENDOR": "BUS",
    "STREET VENDOR": "BUS", "RETAILER": "BUS", "EXECUTIVE": "BUS", "PASTOR": "REL", "NUN": "REL",
    # Sport's people are civilians; without a word for them a city before the name made them
    # the state's ("Oklahoma City coach Billy Donovan" GOV).
    "COACH": "CVL", "FOOTBALLER": "CVL", "CRICKETER": "CVL", "SWIMMER": "CVL", "SPORTSMAN": "CVL",
    "SPORTSWOMAN": "CVL", "FOOTBALL CLUB": "CVL",
    # A team's captain is a player, not an officer ("Australian cricket captain Steve Waugh" MIL).
    "CRICKET CAPTAIN": "CVL", "FOOTBALL CAPTAIN": "CVL", "RUGBY CAPTAIN": "CVL",
    "SOCCER CAPTAIN": "CVL", "HOCKEY CAPTAIN": "CVL", "NETBALL CAPTAIN": "CVL",
    "TEAM CAPTAIN": "CVL", "CLUB CAPTAIN": "CVL", "TEST CAPTAIN": "CVL",
    # A company's legal form in its name ("Acme Widgets Inc.") says it is a business.
    "INC": "BUS", "INC.": "BUS", "CORP": "BUS", "CORP.": "BUS", "LLC": "BUS", "LTD": "BUS",
    "LTD.": "BUS", "PLC": "BUS", "FIRM": "BUS",
    # A bank is a business (the agents list: COMMERCIAL_BANK, PRIVATE_BANK BUS), "Russian banks"
    # were the state's; a central or reserve bank is the state's, a food bank a charity's.
    "BANK": "BUS", "LENDER": "BUS", "CENTRAL BANK": "GOV", "RESERVE BANK": "GOV", "FOOD BANK": "SOC",
    # The Westminster title of the finance minister ("Treasurer Peter Costello", "Shadow
    # Treasurer"), the agents list lacks it; a firm's, union's or campaign's treasurer is read as
    # that body's (actors_words.tsv shared_title).
    "TREASURER": "GOV",
    # Artists the agents list lacks beside its ARTIST, SINGER, RAPPER and ACTOR (CVL):
    "MUSICIAN": "CVL", "COMPOSER": "CVL", "PAINTER": "CVL", "SCULPTOR": "CVL", "DANCER": "CVL",
    "POET": "CVL", "FILMMAKER": "CVL",
    # (sectors25) Health specialists the agents list lacks beside its CARDIOLOGIST, NEUROLOGIST,
    # ONCOLOGIST, PEDIATRICIAN (MED): the manual's MED is medical and health personnel; without
    # a word for them a city before the noun made them the state's ("an Adelaide microbiologist"
    # AUS GOV).
    "MICROBIOLOGIST": "MED", "VIROLOGIST": "MED", "EPIDEMIOLOGIST": "MED", "IMMUNOLOGIST": "MED",
    "PATHOLOGIST": "MED", "RADIOLOGIST": "MED", "DERMATOLOGIST": "MED", "PAEDIATRICIAN": "MED",
    "OBSTETRICIAN": "MED", "PSYCHOLOGIST": "MED", "CLINICIAN": "MED",
    # (sectors25) A sports team and its players are civilians (the agents list: SPORTS_TEAM,
    # ATHLETE, FOOTBALL_PLAYER CVL); a country word before "team" made the team the state
    # ("the Australian cricket team" AUS GOV). A team named for what it negotiates or
    # investigates is not one of these and keeps its codes.
    "CRICKET TEAM": "CVL", "FOOTBALL TEAM": "CVL", "SOCCER TEAM": "CVL", "RUGBY TEAM": "CVL",
    "HOCKEY TEAM": "CVL", "BASKETBALL TEAM": "CVL", "BASEBALL TEAM": "CVL", "NETBALL TEAM": "CVL",
    "TENNIS TEAM": "CVL", "OLYMPIC TEAM": "CVL", "NATIONAL TEAM": "CVL", "CRICKET SIDE": "CVL",
    "TEST SIDE": "CVL", "TENNIS PLAYER": "CVL", "CRICKET PLAYER": "CVL", "RUGBY PLAYER": "CVL",
    "SOCCER PLAYER": "CVL", "BASKETBALL PLAYER": "CVL", "BASEBALL PLAYER": "CVL",
    "HOCKEY PLAYER": "CVL", "BATSMAN": "CVL", "BOWLER": "CVL", "GOLFER": "CVL", "CYCLIST": "CVL",
    "JOCKEY": "CVL",
    # (sectors25) Firms news names by their trade, beside the agents list's AUTOMAKER,
    # CARMAKER, STEELMAKER, MANUFACTURER, EXPORTER, INVESTOR (BUS): without a word for them a
    # country word before the noun made the firm the state ("the Chinese e-commerce giant" CHN
    # GOV). A "giant" of a trade is a firm. Not BROKER (the verb "brokered" lemmatizes to it:
    # "UN-brokered talks" read BUS), FACTORY (a thing: coded as its owner) nor OLYMPIAN (its one
    # PLV training sentence moved the retrained CV models at near-ties; docs/attributions.md).
    "CHIPMAKER": "BUS", "DRUGMAKER": "BUS", "PLANEMAKER": "BUS", "IMPORTER": "BUS",
    "SUPPLIER": "BUS", "SHAREHOLDER": "BUS", "STARTUP": "BUS", "INSURER": "BUS",
    "COMMERCE GIANT": "BUS", "TECH GIANT": "BUS", "TECHNOLOGY GIANT": "BUS",
    "OIL GIANT": "BUS", "RETAIL GIANT": "BUS", "ENERGY GIANT": "BUS", "MINING GIANT": "BUS",
    "SOFTWARE GIANT": "BUS", "INTERNET GIANT": "BUS", "PHARMACEUTICAL GIANT": "BUS",
    "BANKING GIANT": "BUS", "CHIP GIANT": "BUS", "TELECOMS GIANT": "BUS", "TELECOM GIANT": "BUS",
    "AUTO GIANT": "BUS", "SEARCH GIANT": "BUS", "FOOD GIANT": "BUS", "AEROSPACE GIANT": "BUS",
    "INSURANCE GIANT": "BUS",
}
# Sectors that name the body more precisely than GOV when CAMEO stacks them (USAGOVLEG).
SPECIFIC = ("MIL", "LEG", "JUD", "COP", "SPY")
OLDEST = "2000-01-01"
# The names and nationality words English news uses for a country's speakers ("French President
# Emmanuel Macron"; "PRC", "U.S."), hand-written for sayso: countries.json marks them "common" and
# "common_adj" and knowledge/lexicons.places reads only these, not the whole gazetteer (whose
# provinces and misspellings would make "Georgia" or "Jordan" speakers of too many sentences).
# "Soviet" is the Soviet Union (SUN), the historical state, as in the gazetteer: "Soviet leader
# Gorbachev" spoke for the USSR, not for today's Russia.
COMMON_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "AFG": (("afghanistan",), ("afghan",)),
    "ALB": (("albania",), ("albanian",)),
    "ARE": (("united arab emirates",), ("emirati",)),
    "ARG": (("argentina",), ("argentine",)),
    "ARM": (("armenia",), ("armenian",)),
    "AUS": (("australia",), ("australian",)),
    "AUT": (("austria",), ("austrian",)),
    "AZE": (("azerbaijan",), ("azerbaijani",)),
    "BEL": (("belgium",), ("belgian",)),
    "BGR": (("bulgaria",), ("bulgarian",)),
    "BLR": (("belarus",), ("belarusian",)),
    "BRA": (("brazil",), ("brazilian",)),
    "CAN": (("canada",), ("canadian",)),
    "CHE": (("switzerland",), ("swiss",)),
    "CHL": (("chile",), ("chilean",)),
    "CHN": (("china", "prc"), ("chinese",)),
    "COL": (("colombia",), ("colombian",)),
    "CUB": (("cuba",), ("cuban",)),
    "CZE": (("czech republic",), ("czech",)),
    "DEU": (("germany",), ("german",)),
    "DNK": (("denmark",), ("danish",)),
    "DZA": (("algeria",), ("algerian",)),
    "EGY": (("egypt",), ("egyptian",)),
    "ESP": (("spain",), ("spanish",)),
    "EST": (("estonia",), ("estonian",)),
    "ETH": (("ethiopia",), ("ethiopian",)),
    "FIN": (("finland",), ("finnish",)),
    "FRA": (("france",), ("french",)),
    "GBR": (("britain", "united kingdom", "uk", "u.k."), ("british", "english", "scottish")),
    "GEO": (("georgia",), ("georgian",)),
    "GRC": (("greece",), ("greek",)),
    "HUN": (("hungary",), ("hungarian",)),
    "IDN": (("indonesia",), ("indonesian",)),
    "IND": (("india",), ("indian",)),
    "IRL": (("ireland",), ("irish",)),
    "IRN": (("iran",), ("iranian",)),
    "IRQ": (("iraq",), ("iraqi",)),
    "ISR": (("israel",), ("israeli",)),
    "ITA": (("italy",), ("italian",)),
    "JOR": (("jordan",), ("jordanian",)),
    "JPN": (("japan",), ("japanese",)),
    "KAZ": (("kazakhstan",), ("kazakh",)),
    "KEN": (("kenya",), ("kenyan",)),
    "KOR": (("south korea", "republic of korea"), ("south korean",)),
    "LBN": (("lebanon",), ("lebanese",)),
    "LBY": (("libya",), ("libyan",)),
    "LTU": (("lithuania",), ("lithuanian",)),
    "LVA": (("latvia",), ("latvian",)),
    "MDA": (("moldova",), ("moldovan",)),
    "MEX": (("mexico",), ("mexican",)),
    "NGA": (("nigeria",), ("nigerian",)),
    "NLD": (("netherlands",), ("dutch",)),
    "NOR": (("norway",), ("norwegian",)),
    "PAK": (("pakistan",), ("pakistani",)),
    "POL": (("poland",), ("polish",)),
    "PRK": (("north korea", "dprk"), ("north korean",)),
    "PRT": (("portugal",), ("portuguese",)),
    "PSE": (("palestine",), ("palestinian", "palestinians")),
    "QAT": (("qatar",), ("qatari",)),
    "ROU": (("romania",), ("romanian",)),
    "RUS": (("russia",), ("russian",)),
    "SAU": (("saudi arabia",), ("saudi",)),
    "SRB": (("serbia",), ("serbian",)),
    "SUN": ((), ("soviet",)),
    "SWE": (("sweden",), ("swedish",)),
    "SYR": (("syria",), ("syrian",)),
    "TUR": (("turkey",), ("turkish",)),
    "TWN": (("taiwan",), ("taiwanese",)),
    "UKR": (("ukraine",), ("ukrainian",)),
    "USA": (("united states", "us", "u.s.", "usa", "america"), ("american",)),
    "VEN": (("venezuela",), ("venezuelan",)),
    "VNM": (("vietnam",), ("vietnamese",)),
    "YEM": (("yemen",), ("yemeni",)),
    "ZAF": (("south africa",), ("south african",)),
}
# Common names the source gazetteer lacks.
EXTRA_NAMES = {"CHN": ("PRC",)}
INTERNATIONAL = {"NGO": "SOC", "MNC": "BUS", "IMG": "REB", "ISM": "CVL"}
# Phoenix codes telephone, network and computer firms MNC...MED (CAMEO's MED is "media", read
# as communications): its industry comment says which ("GOOGLE_ [MNCUSAMED] # Computer Software",
# "NOKIA_ ... # Radio And Television Broadcasting And Communications Equipment", "VERIZON_ ...
# # Telecommunications Equipment"). They are businesses, not the news media (PLOVER JRN):
# a multinational whose media code comes with one of these industries is BUS; newspapers,
# publishers, broadcasters and studios keep JRN.
NOT_NEWS_INDUSTRY = re.compile(r"telecom|equipment|computer|edp services|electronic|catalog", re.I)
CODE_RE = re.compile(r"\[([A-Z~-]*)\s*([<>]?\d{6,8})?(?:-(\d{6,8}))?\s*\]")


def norm(name: str) -> str:
    return " ".join(name.replace("_", " ").split()).upper()


def iso_date(raw: str | None) -> str | None:
    if not raw or len(raw) not in (6, 8):
        return None
    if len(raw) == 6:
        year = int(raw[:2])
        raw = ("20" if year <= 30 else "19") + raw
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:8]}"


def decode_code(code: str) -> tuple[str, str | None, list[str]] | None:
    """CAMEO actor code (USAGOVLEG, IGOUNO...) -> (country, sector, secondary sectors)."""
    if len(code) < 3 or "-" in code:
        return None
    head, rest = code[:3], code[3:]
    chunks = [rest[i : i + 3] for i in range(0, len(rest), 3)]
    if head == "IGO":
        first = chunks[0] if chunks else ""
        country = {"UNO": "UNO", "EUR": "EUR"}.get(first, "IGO")
        chunks = chunks[1:] if first in ("UNO", "EUR") else chunks
        sectors = [SECTORS[c] for c in chunks if c in SECTORS] or ["GOV"]
    elif head in INTERNATIONAL:
        country = head
        sectors = [SECTORS[c] for c in chunks if c in SECTORS] or [INTERNATIONAL[head]]
    elif head == "MED" and not rest:  # the media block: outlets with no country of their own
        return "", SECTORS[head], []
    elif head in SECTORS:  # bare sector code such as [ELI]: no country of its own
        return None
    else:
        country = head
        sectors = [SECTORS[c] for c in chunks if c in SECTORS]
    if not sectors:
        return country, None, []
    primary = next((s for s in sectors if s in SPECIFIC), sectors[0])
    return country, primary, [s for s in dict.fromkeys(sectors) if s != primary]


def parse_codes(text: str) -> list[dict[str, Any]]:
    rows = []
    for code, start, end in CODE_RE.findall(text):
        decoded = decode_code(code.lstrip("~"))
        if decoded is None:
            continue
        row: dict[str, Any] = {"c": decoded[0], "s": decoded[1]}
        if decoded[2]:
            row["x"] = decoded[2]
        if start.startswith(">"):
            row["from"] = iso_date(start[1:])
        elif start.startswith("<"):
            row["to"] = iso_date(start[1:])
        elif start:
            row["from"], row["to"] = iso_date(start), iso_date(end)
        rows.append({k: v for k, v in row.items() if v is not None})
    return rows


def parse_actor_file(path: Path, source: str) -> dict[str, dict[str, Any]]:
    """TABARI actor dictionary -> {canonical name: {"names": [...], "codes": [...]}}."""
    entries: dict[str, dict[str, Any]] = {}
    pending: list[str] = []
    group: list[str] = []
    coded = False

    def add_codes(text: str) -> None:
        nonlocal coded
        codes = parse_codes(text)
        for canon in group:
            entries[canon]["codes"].extend(codes)
        # Any bracketed code closes the group, even one we cannot use (a bare sector such
        # as the media block's [MED]); otherwise the names run on into the next group and
        # take its country (Reuters and the New York Times once came out as ISR JRN).
        coded = coded or CODE_RE.search(text) is not None

    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line, _, comment = raw.partition("#")
        line = line.rstrip()
        if not line.strip():
            continue
        if NOT_NEWS_INDUSTRY.search(comment):
            line = _as_business(line)
        if raw[:1] in ("\t", " "):
            add_codes(line)
            continue
        name_part = line.split("[", 1)[0]
        if line.startswith("+"):
            if group:
                entries[group[-1]]["names"].append(norm(name_part[1:]))
            add_codes(line)
            continue
        if coded:
            group, coded = [], False
        canon = norm(name_part)
        if not canon:
            continue
        entries.setdefault(canon, {"names": [canon], "codes": [], "src": source})
        group.append(canon)
        pending.append(canon)
        add_codes(line)
    return {k: v for k, v in entries.items() if v["codes"]}


def _as_business(line: str) -> str:
    """A multinational's media code (MNCUSAMED, MNCMED) -> its business code (MNCUSA, MNC),
    for a line whose industry comment is a telecom, equipment or computer one."""
    return re.sub(r"\[(~?MNC(?:[A-Z]{3})*?)MED([\s\]])", r"[\1\2", line)


def build_actors(dicts: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    entries: dict[str, dict[str, Any]] = {}
    for fname, tag in (
        ("Phoenix.Countries.actors.txt", "phoenix-countries"),
        ("Phoenix.International.actors.txt", "phoenix-international"),
        ("Phoenix.MilNonState.actors.txt", "phoenix-nonstate"),
    ):
        for canon, entry in parse_actor_file(dicts / fname, tag).items():
            entries.setdefault(canon, entry)
    countries = {k: v for k, v in entries.items() if _is_country(v)}
    actors = {k: v for k, v in entries.items() if k not in countries}
    return actors, countries


def _is_country(entry: dict[str, Any]) -> bool:
    codes = entry["codes"]
    return (
        entry["src"] == "phoenix-countries"
        and len(codes) == 1
        and codes[0].get("s") is None
        and "from" not in codes[0]
        and len(codes[0]["c"]) == 3
    )


def build_countries(dicts: Path, country_entries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, dict[str, Any]] = {}
    with (dicts / "countries.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            iso3 = row["CCA3"].strip()
            if not iso3:
                continue
            item = out.setdefault(iso3, {"name": row["Name"].strip(), "names": [], "adj": []})
            item["names"].append(norm(row["Name"]))
            for word in row["Nationality"].split(","):
                word = norm(word)
                if word and len(word.split()) <= 2:
                    item["adj"].append(word)
                elif word:
                    item["names"].append(word)
    for canon, entry in country_entries.items():
        iso3 = entry["codes"][0]["c"]
        item = out.setdefault(iso3, {"name": canon.title(), "names": [], "adj": []})
        item["names"].extend(n for n in entry["names"] if n)
    for iso3, extra in EXTRA_NAMES.items():
        out[iso3]["names"].extend(extra)
    for item in out.values():
        item["names"] = sorted(set(item["names"]))
        item["adj"] = sorted(set(item["adj"]))
    for iso3, (names, adjectives) in COMMON_NAMES.items():
        out[iso3]["common"] = [norm(n) for n in names]
        out[iso3]["common_adj"] = [norm(a) for a in adjectives]
    return dict(sorted(out.items()))


def build_agents(dicts: Path) -> dict[str, list[str]]:
    macros: dict[str, list[str]] = {}
    agents: dict[str, list[str]] = {}
    for raw in (dicts / "PLOVER_agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("!") and "=" in line:
            key, values = line.split("=", 1)
            macros[key.strip()] = [norm(v) for v in values.split(",") if v.strip()]
            continue
        m = re.match(r"(.+?)\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        code = m.group(2)
        sectors = [PLOVER_SECTORS.get(code[i : i + 3]) for i in range(0, len(code), 3)]
        clean = [s for s in sectors if s]
        if not clean:
            continue
        for phrase in _expand(m.group(1), macros):
            agents.setdefault(phrase, clean)
            if "DEFENSE" in phrase:  # the list is in US spelling; news also writes British
                agents.setdefault(phrase.replace("DEFENSE", "DEFENCE"), clean)
    # One word spelled with a hyphen and with a space is one agent: where the list codes the
    # two apart, the spaced spelling's codes hold for both. (The list has ATTORNEY-GENERAL JUD
    # beside ATTORNEY, but ATTORNEY GENERAL, STATE ATTORNEY GENERAL and the ministry of the
    # attorney general GOV: the government's chief law officer is the state's, and the PLOVER
    # manual counts "the attorney general of Oklahoma" in USA GOV.)
    for phrase in list(agents):
        spaced = phrase.replace("-", " ")
        if spaced != phrase and spaced in agents:
            agents[phrase] = agents[spaced]
    return dict(sorted(agents.items()))


def build_groups(agents: dict[str, list[str]]) -> list[tuple[str, str, str, str]]:
    """(phrase, sector, secondary sectors, source): the agents list's plain group entries (one
    to three words, all codes group sectors, at least one an occupation or a social sector
    beyond CVL/OPP, or CVL alone) and ``GROUP_WORDS``; the group's own sector first."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    for phrase, sectors in agents.items():
        if not 1 <= len(phrase.split()) <= 3 or not re.fullmatch(r"[A-Z][A-Z -]*", phrase):
            continue
        if not all(s in GROUP_SECTORS or s in GROUP_EXTRA for s in sectors):
            continue
        own = [s for s in sectors if s not in GROUP_EXTRA] or ["CVL"]
        rest = [s for s in sectors if s != own[0]]
        rows[phrase] = (phrase, own[0], "|".join(rest), "PLOVER_agents.txt")
    for phrase, sector in GROUP_WORDS.items():
        rows.setdefault(phrase, (phrase, sector, "", "sayso"))
    return sorted(rows.values())


def write_groups(rows: list[tuple[str, str, str, str]]) -> Path:
    path = OUT / "actors_groups.tsv"
    lines = [
        "# Occupational and social groups -> PLOVER sector (the group's own first), built by",
        "# scripts/build_kb.py. source PLOVER_agents.txt: NGEC's PLOVER agents list (MIT, derived",
        "# from the Phoenix/CAMEO agents file of the Computational Event Data System Project);",
        "# source sayso: written for sayso (MIT) by the PLOVER manual's sector table (CC BY-SA 4.0).",
        "phrase\tsector\tsecondary\tsource",
        *("\t".join(row) for row in rows),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _expand(pattern: str, macros: dict[str, list[str]]) -> list[str]:
    m = re.search(r"!([A-Z]+)!", pattern)
    if not m:
        phrase = norm(pattern)
        return [phrase] if phrase else []
    out: list[str] = []
    for value in macros.get(m.group(0), []):
        glue = " " if pattern[: m.start()].endswith(("_", " ")) or m.start() == 0 else ""
        expanded = pattern[: m.start()] + glue + value + " " + pattern[m.end() :]
        out.extend(_expand(expanded.replace("_", " "), macros))
    return out


def build_cameo(plover: Path) -> dict[str, Any]:
    table: dict[str, list[str | None]] = {}
    for raw in (plover / "CAMEO2PLOVER-2021.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        m = re.match(r"(\d{2,4}):\s*(.*)", line)
        if not m:
            continue
        parts = [p.strip() or None for p in m.group(2).split(",")] + [None, None]
        table[m.group(1)] = [parts[0], parts[1], parts[2]]
    # The manual (newer than the table) codes international sanctions/embargo as SANCTION.
    for code in ("163", "16"):
        if code in table:
            table[code] = ["SANCTION", "discontinue", table[code][2]]
    return table


QUADS = {"VERBAL COOPERATION": 1, "MATERIAL COOPERATION": 2, "VERBAL CONFLICT": 3, "MATERIAL CONFLICT": 4}
STOP = {"and", "or", "the", "of", "to", "in", "a", "an", "as", "by", "for", "with", "on", "such", "other", "including", "well", "not", "any", "etc", "more", "all", "its", "their", "that", "which", "from", "both", "into", "e.g", "also"}


def _latex_words(text: str) -> list[str]:
    text = re.sub(r"\\[a-zA-Z]+\{([^}]*)\}", r"\1", text)
    return [w for w in re.findall(r"[a-z][a-z_-]+", text.lower()) if w not in STOP and len(w) > 2]


def build_categories(plover: Path, table: dict[str, Any]) -> dict[str, Any]:
    """Per PLOVER category: quad class, modes and their descriptions (from the manual), and the
    CAMEO root most codes of that category come from (from CAMEO2PLOVER)."""
    tex = (plover / "PLOVER_MANUAL.tex").read_text(encoding="utf-8")
    start = tex.index("\\chapter{Event Categories}")
    end = tex.index("\\chapter{Contexts}")
    out: dict[str, Any] = {}
    for block in re.split(r"\\section\{", tex[start:end])[1:]:
        name = block.split("}", 1)[0].strip()
        quad = re.search(r"Quad category:\s*([A-Z ]+)", block)
        modes: dict[str, list[str]] = {}
        for tabular in re.findall(r"\\hline\s*Name & Content.*?\\end\{tabular\}", block, re.S):
            for row in tabular.split("\\\\")[1:]:
                cells = row.replace("\\hline", "").split("&", 1)
                mode = cells[0].strip()
                if len(cells) == 2 and re.fullmatch(r"[a-z_\\-]+", mode):
                    modes[mode.replace("\\_", "_")] = _latex_words(cells[1])
        roots = Counter(code[:2] for code, hit in table.items() if hit[0] == name)
        out[name] = {
            "quad": QUADS.get(quad.group(1).strip()) if quad else None,
            "cameo_root": roots.most_common(1)[0][0] if roots else None,
            "modes": modes,
        }
    out["CONTEXTS"] = _contexts(tex)
    return out


def _contexts(tex: str) -> dict[str, list[str]]:
    table = tex[tex.index("label{tab:general-contexts}") : tex.index("END CONTEXTS TABLE")]
    out: dict[str, list[str]] = {}
    for row in table.split("\\\\"):
        m = re.search(r"(?:hyperref\[[^\]]*\]\{)?([a-z\\_]+)\}?\s*&(.*)", row.strip(), re.S)
        if m and "Content" not in row:
            name = m.group(1).replace("\\_", "_")
            out[name] = _latex_words(m.group(2))[:12]
    return out


def plover_of(code: str, table: dict[str, Any]) -> str | None:
    for n in (4, 3, 2):
        hit = table.get(code[:n])
        if hit and hit[0] and hit[0].isupper() and hit[0].isalpha():
            return str(hit[0])
    return None


def build_verbs(dicts: Path, table: dict[str, Any]) -> dict[str, Any]:
    verbs: dict[str, Counter[str]] = defaultdict(Counter)
    block: list[str] = []
    header_kind: str | None = None
    in_patterns = False
    for raw in (dicts / "CAMEO.2.0.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        if "VERB PATTERNS" in raw:
            in_patterns = True
            continue
        if not in_patterns:
            continue
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("---"):
            block = []
            head = re.search(r"\[(\d{2,4})", line)
            header_kind = plover_of(head.group(1), table) if head else None
            continue
        if not line.strip():
            continue
        code_m = re.search(r"\[(\d{2,4})", line)
        if line.startswith("-"):
            if code_m:
                kind = plover_of(code_m.group(1), table)
                for verb in block:
                    if kind:
                        verbs[verb][kind] += 1
            continue
        word = line.split("{", 1)[0].split("[", 1)[0].strip().lstrip("+")
        if word and re.fullmatch(r"[A-Z_-]+", word):
            verb = word.split("_")[0].lower()
            block.append(verb)
            if header_kind:
                verbs[verb][header_kind] += 5
            if code_m and (kind := plover_of(code_m.group(1), table)):
                verbs[verb][kind] += 3
    return {v: dict(c.most_common()) for v, c in sorted(verbs.items()) if c}


def compact_actors(actors: dict[str, Any]) -> dict[str, Any]:
    """One row per canonical entry; a name index so lookups are one dict access."""
    rows = []
    index: dict[str, int] = {}
    for canon, entry in actors.items():
        if all(code.get("to", "9999") < OLDEST for code in entry["codes"]):
            continue  # offices that ended long before any news we read
        idx = len(rows)
        rows.append({"id": canon, "codes": entry["codes"], "src": entry["src"]})
        for name in entry["names"]:
            if name and len(name) > 1:
                index.setdefault(name, idx)
    return {"rows": rows, "index": index}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    dicts = args.shared / "data" / "dictionaries"
    plover = args.shared / "data" / "plover"
    actors, country_entries = build_actors(dicts)
    table = build_cameo(plover)
    outputs = {
        "kb_actors.json.gz": compact_actors(actors),
        "countries.json": build_countries(dicts, country_entries),
        "agents.json": (agents := build_agents(dicts)),
        "cameo_plover.json": table,
        "cameo_verbs.json": build_verbs(dicts, table),
        "plover_categories.json": build_categories(plover, table),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        path = OUT / name
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
        if name.endswith(".gz"):  # the big one; mtime 0 keeps rebuilds byte-identical
            path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
        else:
            path.write_text(text, encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(data)} entries, {path.stat().st_size // 1024} KiB")
    groups = build_groups(agents)
    print(f"{write_groups(groups).relative_to(ROOT)}: {len(groups)} groups")


if __name__ == "__main__":
    main()
