"""Postcode formats per country: check a postcode and write it the way the country does."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from prospector.region import DEFAULT_COUNTRY

_EXCEL_NUMBER = re.compile(r"(\d+)\.0+", re.ASCII)


@dataclass(frozen=True)
class PostcodeFormat:
    """How one country writes its postcodes."""

    pattern: re.Pattern[str]  # the whole cleaned, upper-case text; a group per written part
    separator: str  # between the groups: '1234 AB', '00-950'
    example: str
    digits: int = 0  # for codes that are only digits: how many
    lost_zeros: int = 0  # leading zeros a spreadsheet that stored the code as a number drops

    def match(self, plain: str, restore_zeros: bool = True) -> re.Match[str] | None:
        """The parts of `plain` (cleaned, without Excel's '.0') if it is of this format."""
        short = self.digits - len(plain)
        if restore_zeros and 0 < short <= self.lost_zeros and plain.isdigit():
            plain = plain.zfill(self.digits)
        return self.pattern.fullmatch(plain)


def _plain(raw: str) -> str:
    """Trimmed, inner spaces collapsed, upper case; '1069.0' (a number in Excel) -> '1069'."""
    text = " ".join(raw.split()).upper()
    excel = _EXCEL_NUMBER.fullmatch(text)
    return excel.group(1) if excel else text


def _format(
    pattern: str, example: str, separator: str = "", digits: int = 0, lost_zeros: int = 0
) -> PostcodeFormat:
    # ASCII: '\d' would also take Arabic or full-width digits.
    return PostcodeFormat(re.compile(pattern, re.ASCII), separator, example, digits, lost_zeros)


# Only countries whose format is fixed; the rest keep what was typed. A hyphen where the
# format has a space is read as one ("T2L-2K7").
FORMATS: dict[str, PostcodeFormat] = {
    # Five digits; no code starts with 00. Excel drops the zero of 01069 Dresden.
    "DE": _format(r"(?!00)(\d{5})", "01069", digits=5, lost_zeros=1),
    "AT": _format(r"([1-9]\d{3})", "1010", digits=4),
    "CH": _format(r"([1-9]\d{3})", "8001", digits=4),
    "LI": _format(r"(94(?:8[5-9]|9[0-8]))", "9490", digits=4),  # 9485-9498, in the Swiss range
    "LU": _format(r"([1-9]\d{3})", "2449", digits=4),
    "BE": _format(r"([1-9]\d{3})", "1000", digits=4),
    "DK": _format(r"(\d{4})", "1050", digits=4, lost_zeros=1),  # 0800-0999 exist
    "NO": _format(r"(\d{4})", "0150", digits=4, lost_zeros=3),  # Oslo: 0001-1299
    "HU": _format(r"([1-9]\d{3})", "1051", digits=4),
    "SI": _format(r"([1-9]\d{3})", "1000", digits=4),
    "NL": _format(r"([1-9]\d{3})[ -]?((?!SA|SD|SS)[A-Z]{2})", "1012 AB", " "),
    "PL": _format(r"(\d{2})[- ]?(\d{3})", "00-950", "-", digits=5, lost_zeros=2),
    "CZ": _format(r"([1-7]\d{2})[ -]?(\d{2})", "110 00", " ", digits=5),
    "SK": _format(r"([089]\d{2})[ -]?(\d{2})", "811 01", " ", digits=5, lost_zeros=1),
    "SE": _format(r"([1-9]\d{2})[ -]?(\d{2})", "114 55", " ", digits=5),
    "FR": _format(r"(?!00)(\d{5})", "75008", digits=5, lost_zeros=1),
    "IT": _format(r"(\d{5})", "00184", digits=5, lost_zeros=3),  # Rome: 00118 and up
    "ES": _format(r"(0[1-9]|[1-4]\d|5[0-2])(\d{3})", "28001", digits=5, lost_zeros=1),
    "PT": _format(r"([1-9]\d{3})[- ]?(\d{3})", "1000-001", "-"),
    "FI": _format(r"(\d{5})", "00100", digits=5, lost_zeros=3),
    "HR": _format(r"([1-5]\d{4})", "10000", digits=5),
    "GB": _format(
        r"([A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRV-Y]))"
        r"[ -]?(\d[ABD-HJLNP-UW-Z]{2})",
        "SW1A 1AA",
        " ",
    ),
    "IE": _format(r"([AC-FHKNPRTV-Y]\d{2}|D6W)[ -]?([0-9AC-FHKNPRTV-Y]{4})", "D02 X285", " "),
    "US": _format(r"(\d{5})(?:[- ]?(\d{4}))?", "10001", "-", digits=5, lost_zeros=1),
    "CA": _format(
        r"([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])[ -]?(\d[ABCEGHJ-NPRSTV-Z]\d)", "K1A 0B1", " "
    ),
}


class PostcodeError(ValueError):
    """The text is not a postcode of the country; `country` and `example` say what would be."""

    def __init__(self, country: str, example: str) -> None:
        super().__init__(f"not a postcode of {country} (e.g. {example})")
        self.country = country
        self.example = example


# A list names the same postcodes many times over: each is read once.
@functools.lru_cache(maxsize=16_384)
def normalize_postcode(raw: str, country: str = DEFAULT_COUNTRY) -> str:
    """The postcode as `country` writes it ('1234ab' -> '1234 AB' in NL); PostcodeError if
    it is none of that country's. Countries without a known format keep the text, tidied."""
    code = country.upper()
    rule = FORMATS.get(code)
    if rule is None:
        return " ".join(raw.split()).upper()
    found = rule.match(_plain(raw))
    if found is None:
        raise PostcodeError(code, rule.example)
    return rule.separator.join(part for part in found.groups() if part)


def countries_fitting(raw: str, restore_zeros: bool = False) -> frozenset[str]:
    """The countries whose format `raw` has ('1010' -> AT, BE, CH, …); for guessing a country.

    Leading zeros are restored only when asked: a four-digit code fits a five-digit country
    only if the rest of the list shows that the numbers lost their zeros.
    """
    plain = _plain(raw)
    return frozenset(
        code for code, rule in FORMATS.items() if rule.match(plain, restore_zeros) is not None
    )
