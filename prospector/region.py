"""Where companies are: the home country, its states, and postcode areas as users type
them ('7', '80-85', '01, 04-09')."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A company entered without a country is in Germany: the firms that use Prospector are.
DEFAULT_COUNTRY = "DE"

GERMAN_STATES = (
    "Baden-Württemberg",
    "Bayern",
    "Berlin",
    "Brandenburg",
    "Bremen",
    "Hamburg",
    "Hessen",
    "Mecklenburg-Vorpommern",
    "Niedersachsen",
    "Nordrhein-Westfalen",
    "Rheinland-Pfalz",
    "Saarland",
    "Sachsen",
    "Sachsen-Anhalt",
    "Schleswig-Holstein",
    "Thüringen",
)


@dataclass(frozen=True)
class PostcodeRange:
    """Postcodes from `low` up to, not including, `high` (text comparison on five digits)."""

    low: str
    high: str

    def contains(self, postcode: str) -> bool:
        return self.low <= postcode < self.high


_PART = re.compile(r"^(\d{1,5})(?:-(\d{1,5}))?$")


def _after(prefix: str) -> str:
    """The first text greater than every code starting with `prefix`: '85' -> '86'."""
    number = int(prefix) + 1
    if len(str(number)) > len(prefix):
        return "A"  # after '9', '99', …: above every digit string
    return str(number).zfill(len(prefix))


def parse_postcode_areas(text: str) -> list[PostcodeRange]:
    """'7' -> 70000..79999; '80-85' -> 80000..85999; ValueError names the bad part."""
    ranges: list[PostcodeRange] = []
    joined = re.sub(r"\s*-\s*", "-", text.strip())
    for raw in re.split(r"[,;\s]+", joined):
        part = raw.strip()
        if not part:
            continue
        found = _PART.match(part)
        if not found:
            raise ValueError(part)
        low, high = found.group(1), found.group(2) or found.group(1)
        if len(low) != len(high) or high < low:
            raise ValueError(part)
        ranges.append(PostcodeRange(low, _after(high)))
    return ranges
