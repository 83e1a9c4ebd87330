"""German postcodes to their places and Bundesland, from the open data set shipped with the app."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from prospector import paths
from prospector.normalize import fold
from prospector.postcodes import PostcodeError, normalize_postcode


@dataclass(frozen=True)
class Places:
    """What a postcode names: its places (the main one first) and its state(s); a few
    postcodes reach over a state border (07919: Sachsen and Thüringen)."""

    postcode: str
    cities: tuple[str, ...]
    states: tuple[str, ...]

    @property
    def state(self) -> str | None:
        """The Bundesland, where the postcode names exactly one."""
        return self.states[0] if len(self.states) == 1 else None

    def has_city(self, city: str) -> bool:
        """Whether `city` is one of the places, case and accents aside, with or without a
        district ('muenster' is Münster; 'Dresden-Neustadt' and 'Dresden' agree with
        'Dresden Innere Altstadt'), but 'Münster' is not 'Münster-Sarmsheim'."""
        typed = _town(city)
        return bool(typed) and any(
            typed == place
            or place.startswith(typed + " ")
            or typed.startswith((place + " ", place + "-"))
            for place in map(_town, self.cities)
        )


def _town(name: str) -> str:
    return " ".join(fold(name).split())


@functools.cache
def _table() -> dict[str, Places]:
    path = paths.resources_dir() / "postcodes" / "de.tsv"
    found: dict[str, Places] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not line.strip():
                continue
            code, states, cities = line.rstrip("\n").split("\t")
            found[code] = Places(code, tuple(cities.split("|")), tuple(states.split("|")))
    return found


def german_places(postcode: str | None) -> Places | None:
    """The places of a German postcode as stored ('01069'); None for one the data set does
    not know (a large recipient's own code, a new one, a typing error)."""
    return _table().get(postcode.strip()) if postcode else None


@functools.cache
def _by_town() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for places in _table().values():
        for town in {_town(city) for city in places.cities}:  # 'Dresden', not its districts
            found.setdefault(town, []).append(places.postcode)
    return {town: tuple(sorted(codes)) for town, codes in found.items()}


def postcodes_of(city: str) -> tuple[str, ...]:
    """The postcodes of the German towns of this name, in order ('Münster': 48143 … 48167
    in Westphalia, and those of the smaller Münsters in Hessen and Bayern)."""
    return _by_town().get(_town(city), ())


def state_of(postcode: str | None, country: str) -> str | None:
    """The Bundesland a German company's postcode names alone; None elsewhere or when unsure."""
    if country != "DE":
        return None
    places = german_places(postcode)
    return places.state if places is not None else None


@dataclass(frozen=True)
class PlaceCheck:
    """What a German address's postcode says about its town, for the form to show."""

    postcode: str  # as it will be stored
    padded: bool  # a leading zero was added ("4814" -> "04814"), as Excel loses it
    places: Places | None  # what the postcode names; None for one the data set lacks
    city_agrees: bool | None  # None: no town typed, or an unknown postcode
    city_postcodes: tuple[str, ...]  # the typed town's own postcodes, where they differ


def check_place(postcode: str, city: str, country: str) -> PlaceCheck | None:
    """The postcode read as a German one, its places, and whether the typed town is one of
    them; None outside Germany or for text that is no German postcode (validation says so)."""
    if country != "DE" or not postcode.strip():
        return None
    try:
        stored = normalize_postcode(postcode, "DE")
    except PostcodeError:
        return None
    typed = "".join(postcode.split()).removesuffix(".0")
    places = german_places(stored)
    agrees = places.has_city(city) if places is not None and city.strip() else None
    others = postcodes_of(city) if city.strip() and not agrees else ()
    return PlaceCheck(stored, len(typed) < len(stored), places, agrees, others)


def postcode_ranges(codes: Sequence[str], most: int = 4) -> str:
    """Postcodes by postal region: '48143\u201348167, 64839, 86692' (the towns of one name
    in several regions)."""
    regions: dict[str, list[str]] = {}
    for code in codes:
        regions.setdefault(code[:2], []).append(code)
    parts = [
        group[0] if len(group) == 1 else f"{group[0]}\u2013{group[-1]}"
        for group in regions.values()
    ]
    return ", ".join(parts[:most]) + (", \u2026" if len(parts) > most else "")
