"""The German industry classification WZ 2008: codes, titles, lookup and search."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from prospector.normalize import fold, fold_loose
from prospector.paths import resources_dir

VERSION = "WZ 2008"
SOURCE_NOTICE = (
    "© Statistisches Bundesamt (Destatis), WZ 2008; Vervielfältigung und Verbreitung, "
    "auch auszugsweise, mit Quellenangabe gestattet"
)
LEVELS = ("section", "division", "group", "class", "subclass")

_HEADER = ["code", "level", "parent", "title"]
# Division, then optionally group digit, class digit and subclass digit; a dot or space may
# stand before the group and the subclass digit.
_NUMERIC = re.compile(r"([0-9]{2})(?:[. ]?([0-9])(?:([0-9])(?:[. ]?([0-9]))?)?)?")
_SECTION = re.compile(r"[A-Ua-u]")


@dataclass(frozen=True, slots=True)
class IndustryCode:
    code: str
    level: str
    parent: str | None
    title: str


def data_path() -> Path:
    return resources_dir() / "industry_codes" / "wz2008.tsv"


@functools.cache
def all_codes() -> tuple[IndustryCode, ...]:
    """Every code of the classification in its order: A, 01, 01.1, 01.11, 01.11.0, …"""
    lines = data_path().read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != _HEADER:
        raise ValueError(f"{data_path()}: not a WZ table (header {lines[:1]!r})")
    codes: list[IndustryCode] = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != 4 or fields[1] not in LEVELS:
            raise ValueError(f"{data_path()}, line {number}: {line!r}")
        code, level, parent, title = fields
        codes.append(IndustryCode(code, level, parent or None, title))
    return tuple(codes)


@functools.cache
def _by_code() -> dict[str, IndustryCode]:
    return {item.code: item for item in all_codes()}


@functools.cache
def _positions() -> dict[str, int]:
    return {item.code: index for index, item in enumerate(all_codes())}


@functools.cache
def _folded_titles() -> tuple[tuple[str, str], ...]:
    """Each title folded two ways, aligned with all_codes(): 'Mühlen' -> ('muhlen', 'muehlen')."""
    return tuple((fold_loose(item.title), fold(item.title)) for item in all_codes())


def normalize_code(raw: str) -> str | None:
    """The official form of a WZ-shaped code ('2841' -> '28.41', '28410' -> '28.41.0',
    '28 41' -> '28.41', 'c' -> 'C'); None for anything else. Says nothing about whether
    the code exists (see find)."""
    text = " ".join(raw.split())
    if _SECTION.fullmatch(text):
        return text.upper()
    match = _NUMERIC.fullmatch(text)
    if match is None:
        return None
    division, third, fourth, fifth = match.groups()
    code = division
    if third:
        code += "." + third + (fourth or "")
    if fifth:
        code += "." + fifth
    return code


def find(code: str) -> IndustryCode | None:
    """The entry of a code in any common spelling ('28.41', '2841', ' 28.41 ', 'c')."""
    official = normalize_code(code)
    return _by_code().get(official) if official else None


def digits(code: str) -> str:
    """A numeric code without its dots, for prefix matching ('28.41' -> '2841'). A section
    has no digits of its own: ValueError (use division_range), as for a non-WZ code."""
    official = normalize_code(code)
    if official is None or not official[0].isdigit():
        raise ValueError(f"not a numeric WZ code: {code!r}")
    return official.replace(".", "")


def division_range(section: str) -> tuple[str, ...]:
    """The two-digit divisions of a section in order (C -> ('10', …, '33')); () if unknown."""
    letter = section.strip().upper()
    return tuple(
        item.code for item in all_codes() if item.level == "division" and item.parent == letter
    )


def search(text: str, limit: int = 50) -> list[IndustryCode]:
    """Codes by code prefix ('28.4', '284', 'C') or by words of their title, case and umlauts
    aside ('mühlen', 'muhlen' and 'muehlen' find 'Mühlen'); every word must appear. In the
    classification's order, at most `limit`."""
    if limit <= 0 or not text.strip():
        return []
    code = normalize_code(text)
    codes = all_codes()
    if code is not None and code.isalpha():
        start = _positions().get(code)
        if start is None:
            return []
        end = next((i for i in range(start + 1, len(codes)) if codes[i].level == "section"), None)
        return list(codes[start:end][:limit])
    if code is not None:
        prefix = code.replace(".", "")
        return [
            item
            for item in codes
            if item.level != "section" and item.code.replace(".", "").startswith(prefix)
        ][:limit]
    words = [fold_loose(word) for word in text.split()]
    found: list[IndustryCode] = []
    for item, (loose, full) in zip(codes, _folded_titles(), strict=True):
        if all(word in loose or word in full for word in words):
            found.append(item)
            if len(found) >= limit:
                break
    return found


def title_path(code: str) -> tuple[IndustryCode, ...]:
    """The entries from the section down to the code ('10.73': C, 10, 10.7, 10.73); () if
    the code is unknown."""
    item = find(code)
    path: list[IndustryCode] = []
    while item is not None:
        path.append(item)
        item = _by_code().get(item.parent) if item.parent else None
    return tuple(reversed(path))
