"""E.164 numbers for the common case straight from phonenumbers' metadata, without its parser.

phonenumbers.parse() handles every way a number can be written (letters, extensions, carrier
codes, phone-context) and costs about 40 µs a number, as much as reading the file it comes
from. Most numbers in a sheet are plain: digits with spaces, slashes, dashes, brackets or dots,
in national form with the trunk prefix ("0351 / 123 45-6") or international ("+49 351 …",
"+49 (0)351 …"). For those, `e164` works out the number as parse() would and checks it against
the same patterns is_valid_number() uses; anything else is None, and the caller asks
phonenumbers itself. A test compares the two on many numbers of many countries.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import PhoneMetadata

# What a plain number may hold besides its digits; a "+" only in front.
_PLAIN = re.compile(r"\+?[0-9 /().\-]+")
_SEPARATORS = str.maketrans("", "", " /().-+")
# The number types is_valid_number() accepts (phonenumberutil._number_type_helper), the
# common ones first: a number is valid when it is of any of them.
_TYPES = (
    "fixed_line",
    "mobile",
    "toll_free",
    "premium_rate",
    "shared_cost",
    "voip",
    "personal_number",
    "pager",
    "uan",
    "voicemail",
)


@dataclass(frozen=True)
class _Country:
    """What validating a country's numbers needs, compiled once."""

    code: str
    trunk_prefix: str | None  # the national prefix a national number starts with, if plain
    international: re.Pattern[str] | None  # the international call prefix ("00")
    general: tuple[frozenset[int], re.Pattern[str]]
    types: tuple[tuple[frozenset[int], re.Pattern[str]], ...]

    def valid(self, national: str) -> bool:
        lengths, pattern = self.general
        if (lengths and len(national) not in lengths) or not pattern.fullmatch(national):
            return False
        return any(
            (not lengths or len(national) in lengths) and pattern.fullmatch(national)
            for lengths, pattern in self.types
        )


def _desc(desc: object) -> tuple[frozenset[int], re.Pattern[str]] | None:
    pattern = getattr(desc, "national_number_pattern", None)
    if pattern is None:
        return None
    return frozenset(getattr(desc, "possible_length", None) or ()), re.compile(pattern)


@functools.cache
def _country(region: str) -> _Country | None:
    """The region's rules when its numbers are simple enough to read here, else None."""
    metadata = PhoneMetadata.metadata_for_region(region)
    if metadata is None or metadata.country_code is None:
        return None
    if len(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(metadata.country_code, ())) != 1:
        return None  # several regions share the code (+1, +7, +44): which one is parse()'s job
    prefix = metadata.national_prefix_for_parsing
    if metadata.national_prefix_transform_rule or (prefix and not prefix.isdigit()):
        return None  # carrier codes or rewritten prefixes (Brazil, Argentina …)
    general = _desc(metadata.general_desc)
    if general is None:
        return None
    types = tuple(d for d in (_desc(getattr(metadata, name)) for name in _TYPES) if d)
    international = metadata.international_prefix
    return _Country(
        code=str(metadata.country_code),
        trunk_prefix=prefix or None,
        international=re.compile(international) if international else None,
        general=general,
        types=types,
    )


@functools.cache
def _region_of(code: str) -> str | None:
    regions = phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(code), ())
    return regions[0] if len(regions) == 1 else None


def _international(digits: str) -> tuple[_Country, str] | None:
    """The country and the national number of digits that follow a "+"."""
    for size in (1, 2, 3):  # country codes are prefix-free: the first that exists is it
        code = digits[:size]
        if code[:1] != "0" and int(code) in phonenumbers.COUNTRY_CODE_TO_REGION_CODE:
            region = _region_of(code)
            country = _country(region) if region else None
            return (country, digits[size:]) if country else None
    return None


def e164(text: str, region: str) -> str | None:
    """`text` as E.164 if it is a plain, valid number (national numbers read in `region`);
    None when it is not plain or not valid here: then phonenumbers decides."""
    if not _PLAIN.fullmatch(text):
        return None
    digits = text.translate(_SEPARATORS)
    if not digits:
        return None
    if text.startswith("+"):
        found = _international(digits)
        if found is None:
            return None
        country, national = found
    else:
        home = _country(region)
        if home is None or home.trunk_prefix is None or not digits.startswith(home.trunk_prefix):
            return None  # without the trunk prefix, parse() may read a country code first
        if home.international is not None and home.international.match(digits):
            return None
        country, national = home, digits
    if country.trunk_prefix and national.startswith(country.trunk_prefix):
        national = national[len(country.trunk_prefix) :]  # "+49 (0)351", "0351"
    if not national or national[0] == "0" or not country.valid(national):
        return None  # leading zeros (Italy) and every doubt go to phonenumbers
    return f"+{country.code}{national}"
