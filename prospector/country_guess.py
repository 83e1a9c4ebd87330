"""A country for a file without a country column, from the shapes of postcodes and phones."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import phonenumbers

from prospector.countries import country_code
from prospector.postcodes import countries_fitting
from prospector.region import DEFAULT_COUNTRY

SAMPLE = 2000  # postcodes and phones looked at, each
NATIONAL_SAMPLE = 100  # national phone numbers tried in each contender (~35 µs a try)
NATIONAL_CANDIDATES = 10  # at most: countries that fit at least half as many values as the best
MIN_EVIDENCE = 5  # values that tell anything; fewer is too thin to propose
MIN_SHARE = 0.9  # of those, the share that must fit the proposal
# Against each other country: the values that fit only the proposal must be at least this
# many and outnumber those that fit only the other one 4 to 1. Where nothing tells them
# apart (five digits: DE, FR, IT, US …), only the home country is proposed.
MIN_DECISIVE = 3
DECISIVE_RATIO = 4
# Four-digit codes are read as five-digit ones whose leading zero a spreadsheet dropped when
# they are at most this share of the numeric codes.
LOST_ZERO_SHARE = 0.25

_NON_GEOGRAPHIC = "001"  # phonenumbers' region for +800, +808 …
# Old-style addresses put the vehicle code before the postcode: 'A-1010', 'D-80331'.
_PREFIXED = re.compile(r"([A-Za-z]{1,3}) ?- ?(\d.*)")


@dataclass(frozen=True)
class Evidence:
    """How many sampled values fit the proposal, of how many that tell anything."""

    postcodes: int
    postcodes_seen: int
    phones: int
    phones_seen: int


@dataclass(frozen=True)
class CountryGuess:
    """The country proposed for every row, and how well the file supports it."""

    code: str
    share: float  # of the telling values, those that fit `code`
    evidence: Evidence


def _sample(values: Iterable[str | None], limit: int) -> list[str]:
    """Up to `limit` non-empty values, spread over a sequence (a sorted list starts with one
    region), else the first ones."""
    if isinstance(values, Sequence) and len(values) > limit:
        step = len(values) / limit
        values = [values[int(i * step)] for i in range(limit)]
    texts = (value.strip() for value in values if value)
    return list(itertools.islice((text for text in texts if text), limit))


def _postcode_fits(postcodes: list[str]) -> Counter[frozenset[str]]:
    codes = Counter(code for code in postcodes if any(ch.isdigit() for ch in code))
    five = sum(n for code, n in codes.items() if code.isdigit() and len(code) == 5)
    four = sum(n for code, n in codes.items() if code.isdigit() and len(code) == 4)
    text_column = any(code.isdigit() and len(code) == 5 and code[0] == "0" for code in codes)
    # A few four-digit codes among five-digit ones lost their leading zero in Excel (about
    # one German code in ten starts with 0), unless the column kept zeros elsewhere; more
    # of them are more likely Austrian or Swiss, and the file too mixed to propose anything.
    restore = not text_column and four * (1 - LOST_ZERO_SHARE) <= five * LOST_ZERO_SHARE
    fits: Counter[frozenset[str]] = Counter()
    for code, n in codes.items():
        fits[_fitting(code, restore)] += n
    return fits


def _fitting(postcode: str, restore: bool) -> frozenset[str]:
    prefixed = _PREFIXED.fullmatch(postcode)
    if prefixed:
        country = country_code(prefixed.group(1))
        if country is not None:
            return countries_fitting(prefixed.group(2), restore) & {country}
    return countries_fitting(postcode, restore)


def _international_region(phone: str) -> frozenset[str] | None:
    """The regions of a '+43 …' or '0043 …' number's country code; None for other numbers."""
    if phone.startswith("+"):
        digits = "".join(ch for ch in phone[1:] if ch.isdigit())
    elif phone.startswith("00") and not phone.startswith("000"):
        digits = "".join(ch for ch in phone[2:] if ch.isdigit())
    else:
        return None
    for length in (1, 2, 3):  # country codes are prefix-free
        regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(digits[:length] or 0))
        if regions:
            return frozenset(regions) - {_NON_GEOGRAPHIC} or None
    return None


def _national_regions(phone: str, candidates: list[str]) -> frozenset[str]:
    """The candidate countries in which the national number '0512 123456' is a valid one."""
    valid = set()
    for region in candidates:
        try:
            number = phonenumbers.parse(phone, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            valid.add(region)
    return frozenset(valid)


def _contenders(fits: Counter[frozenset[str]]) -> list[str]:
    """The countries that national numbers may still decide between, and the home country."""
    support = Counter({code: _support(fits, code) for code in {c for f in fits for c in f}})
    top = max(support.values(), default=0)
    ranked = sorted(code for code, n in support.items() if n * 2 >= top)
    return [*dict.fromkeys([*ranked[:NATIONAL_CANDIDATES], DEFAULT_COUNTRY])]


def _support(fits: Counter[frozenset[str]], code: str) -> int:
    return sum(n for countries, n in fits.items() if code in countries)


def _only(fits: Counter[frozenset[str]], code: str, other: str) -> int:
    return sum(n for countries, n in fits.items() if code in countries and other not in countries)


def _decided(fits: Counter[frozenset[str]], best: str, ranked: list[str], home: str) -> bool:
    """Whether the values tell `best` apart from every other country that they fit."""
    for other in ranked:
        if other == best:
            continue
        for_best, for_other = _only(fits, best, other), _only(fits, other, best)
        if for_other == 0 and best == home:
            continue
        if for_best < MIN_DECISIVE or for_best < DECISIVE_RATIO * for_other:
            return False
    return True


def propose_country(
    postcodes: Iterable[str | None], phones: Iterable[str | None]
) -> CountryGuess | None:
    """The country of a file's rows from their postcodes and phone numbers; None when the
    evidence is thin or split (see the thresholds above).

    A postcode fits each country whose format it has ('1010': AT, CH, BE …; '1012 AB': NL).
    A phone number with its country code ('+43 …', '0043 …') fits that country; a national
    one ('0512 123456') fits the likeliest countries in which it is a valid number.
    """
    postcode_fits = _postcode_fits(_sample(postcodes, SAMPLE))
    phone_fits: Counter[frozenset[str]] = Counter()
    national: list[str] = []
    for phone in _sample(phones, SAMPLE):
        regions = _international_region(phone)
        if regions is not None:
            phone_fits[regions] += 1
        elif phone.startswith("0"):
            national.append(phone)
    if national:
        candidates = _contenders(postcode_fits + phone_fits)
        for phone, n in Counter(national[:NATIONAL_SAMPLE]).items():
            if regions := _national_regions(phone, candidates):
                phone_fits[regions] += n

    fits = postcode_fits + phone_fits
    total = sum(fits.values())
    countries = {code for fitting in fits for code in fitting}
    if total < MIN_EVIDENCE or not countries:
        return None
    ranked = sorted(
        countries, key=lambda code: (-_support(fits, code), code != DEFAULT_COUNTRY, code)
    )
    best = ranked[0]
    share = _support(fits, best) / total
    if share < MIN_SHARE or not _decided(fits, best, ranked, DEFAULT_COUNTRY):
        return None
    evidence = Evidence(
        postcodes=_support(postcode_fits, best),
        postcodes_seen=sum(postcode_fits.values()),
        phones=_support(phone_fits, best),
        phones_seen=sum(phone_fits.values()),
    )
    return CountryGuess(best, share, evidence)
