"""Countries: ISO 3166-1 alpha-2 codes from names and codes as people write them, and names."""

from __future__ import annotations

import functools
import gettext
import os
import re
from collections.abc import Iterable, Iterator

import pycountry

from prospector.normalize import fold, fold_loose

# Codes people write that ISO 3166 lacks: the EU's own for Greece and the UK, the German
# "BRD", and the international vehicle codes of German address lists ("A-1010 Wien").
_CODE_ALIASES = {
    "UK": "GB",
    "EL": "GR",
    "BRD": "DE",
    "D": "DE",
    "A": "AT",
    "B": "BE",
    "F": "FR",
    "I": "IT",
    "E": "ES",
    "L": "LU",
    "P": "PT",
    "S": "SE",
    "N": "NO",
    "H": "HU",
    "FL": "LI",
    "SLO": "SI",
}
# Everyday names that pycountry's names and translations do not carry.
_NAME_ALIASES = {
    "U.S.": "US",
    "U.S.A.": "US",
    "U.K.": "GB",
    "Great Britain": "GB",
    "Britain": "GB",
    "Großbritannien": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Schottland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Nordirland": "GB",
    "Holland": "NL",
    "Russland": "RU",
    "Russia": "RU",
    "Turkey": "TR",
    "Macedonia": "MK",
    "Mazedonien": "MK",
    "Elfenbeinküste": "CI",
    "Ivory Coast": "CI",
    "Kapverden": "CV",
    "Lëtzebuerg": "LU",
    "Swaziland": "SZ",
    "Burma": "MM",
}


_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def _key(text: str) -> str:
    """Letters and digits only: 'U.S.A.' and 'usa' are one key, so are 'Bosnia & H.' and
    'Bosnia&H.'."""
    return _NOT_ALPHANUMERIC.sub("", text)


def _keys(name: str) -> set[str]:
    # Both foldings: 'Oesterreich' must find Österreich, and so must 'Osterreich'.
    return {key for key in (_key(fold(name)), _key(fold_loose(name))) if key}


def _names(country: pycountry.db.Country) -> Iterator[str]:
    """A country's English names: short, official and common ('South Korea')."""
    for attribute in ("name", "official_name", "common_name"):
        name = getattr(country, attribute, None)
        if name:
            yield name
            if " and " in name:  # 'Bosnia and Herzegovina' is also written with '&'
                yield name.replace(" and ", " & ")


@functools.cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _settle(table: dict[str, str | None], entries: Iterable[tuple[str, str]]) -> None:
    """Add `entries` (key, code) to `table` where it has no say yet; a key that names two
    countries at this level names none (and no later level can claim it)."""
    level: dict[str, set[str]] = {}
    for key, code in entries:
        if key not in table:
            level.setdefault(key, set()).add(code)
    for key, codes in level.items():
        table[key] = codes.pop() if len(codes) == 1 else None


@functools.cache
def _codes() -> dict[str, str]:
    """Alpha-2, alpha-3 and the aliases, lower case: 'at', 'aut', 'a' -> 'AT'."""
    codes = {alias.lower(): code for alias, code in _CODE_ALIASES.items()}
    for country in pycountry.countries:
        codes.setdefault(country.alpha_2.lower(), country.alpha_2)
        codes.setdefault(country.alpha_3.lower(), country.alpha_2)
    return codes


@functools.cache
def _main_table() -> dict[str, str | None]:
    """Aliases, English and German names: what nearly every list uses (~0.1 s, once)."""
    countries = list(pycountry.countries)
    german = _translation("de")
    table: dict[str, str | None] = {}
    _settle(table, ((key, code) for alias, code in _NAME_ALIASES.items() for key in _keys(alias)))
    _settle(table, ((key, c.alpha_2) for c in countries for n in _names(c) for key in _keys(n)))
    _settle(
        table,
        (
            (key, c.alpha_2)
            for c in countries
            for n in _names(c)
            for key in _keys(german.gettext(n))
        ),
    )
    return table


def _languages() -> list[str]:
    return sorted(
        name
        for name in os.listdir(pycountry.LOCALES_DIR)
        if name not in ("de", "en")
        and os.path.exists(os.path.join(pycountry.LOCALES_DIR, name, "LC_MESSAGES", "iso3166-1.mo"))
    )


@functools.cache
def _world_table() -> dict[str, str | None]:
    """The names in every other language pycountry ships ('Polska', 'Česko', 'Suisse').

    Built on the first text the main table does not know: ~160 languages take about half a
    second, once per process. A name two countries share across languages names neither.
    """
    main = _main_table()
    table: dict[str, str | None] = {key: None for key in main}  # main's say stands
    english = [(name, c.alpha_2) for c in pycountry.countries for name in _names(c)]
    keys: dict[str, str] = {}  # many languages spell a country alike: fold each spelling once
    entries = []
    for language in _languages():
        # Not through the cached _translation: ~160 catalogues are not worth keeping.
        translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [language])
        for name, code in english:
            translated = translation.gettext(name)
            if translated != name:
                key = keys.get(translated)
                if key is None:
                    key = keys[translated] = _key(fold_loose(translated))
                entries.append((key, code))
    _settle(table, ((key, code) for key, code in entries if key))
    return {key: code for key, code in table.items() if key not in main}


@functools.lru_cache(maxsize=8192)
def country_code(text: str | None) -> str | None:
    """'Österreich', 'Austria', 'AUT', 'A' -> 'AT'; None when the text names no country.

    A code, or a name in German, English or any language pycountry translates, in any case,
    with or without accents and punctuation. A code counts only written as letters alone, so
    'N/A' and 'n.a.' stay what they mean, not Namibia. An import asks once per row, so
    answers are cached per text.
    """
    if not text:
        return None
    bare = text.strip()
    if bare.isascii() and bare.isalpha() and len(bare) <= 3:
        code = _codes().get(bare.lower())
        if code is not None:
            return code
    keys = [key for key in (_key(fold(bare)), _key(fold_loose(bare))) if key]
    main = _main_table()
    for key in keys:
        if key in main:
            return main[key]
    if not keys:
        return None
    world = _world_table()
    for key in keys:
        if key in world:
            return world[key]
    return None


@functools.lru_cache(maxsize=1024)
def country_name(code: str, language: str) -> str:
    """'DE', 'de' -> 'Deutschland'; 'GB', 'en' -> 'United Kingdom'.

    The common short name where ISO's is long ('South Korea', not 'Korea, Republic of'); in
    English for a language pycountry has no names in. LookupError for an unknown code.
    """
    country = pycountry.countries.get(alpha_2=code.upper())
    if country is None:
        raise LookupError(f"no country has the code {code!r}")
    return _translation(language).gettext(getattr(country, "common_name", None) or country.name)


@functools.lru_cache(maxsize=4)
def country_choices(language: str) -> tuple[tuple[str, str], ...]:
    """Every country as (code, name in `language`), in the order of their names."""
    found = (
        (country.alpha_2, country_name(country.alpha_2, language))
        for country in pycountry.countries
    )
    return tuple(sorted(found, key=lambda pair: fold_loose(pair[1])))
