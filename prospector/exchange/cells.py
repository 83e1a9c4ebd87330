"""Cell text made safe for spreadsheets: characters Excel rejects, overlong text, CSV formulas."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Excel refuses to open a file with these in a cell: the C0 controls other than tab, line feed
# and carriage return (XML 1.0 forbids them), the non-characters U+FFFE and U+FFFF, and lone
# surrogates (in a Python str any code point in D800-DFFF is unpaired by construction).
_REJECTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# Excel's limit per cell, counted in UTF-16 code units as Excel counts them.
CELL_LIMIT = 32_767

# A CSV field that starts with one of these is run as a formula by Excel and LibreOffice
# (OWASP "CSV injection"); a leading apostrophe makes it plain text there.
CSV_TRIGGERS = frozenset("=+-@\t\r\n")


@dataclass(frozen=True)
class CleanedCell:
    """One exported cell whose text had to change to be accepted by Excel."""

    sheet: str
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str  # the column's header
    removed: tuple[str, ...]  # the characters taken out, as code points ("U+0007"), each once
    truncated: int  # how many characters were cut off beyond CELL_LIMIT (0: none)


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _fit(text: str) -> str:
    """The longest prefix of text within CELL_LIMIT UTF-16 units, never half a character."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > CELL_LIMIT:
            return text[:index]
    return text


def clean_text(text: str) -> tuple[str, tuple[str, ...], int]:
    """The text without rejected characters and within the limit; what was removed and cut."""
    removed: tuple[str, ...] = ()
    if _REJECTED.search(text) is not None:
        removed = tuple(dict.fromkeys(f"U+{ord(c):04X}" for c in _REJECTED.findall(text)))
        text = _REJECTED.sub("", text)
    truncated = 0
    # Each code point is at most two UTF-16 units, so shorter text can never be too long.
    if len(text) > CELL_LIMIT // 2 and _utf16_length(text) > CELL_LIMIT:
        kept = _fit(text)
        truncated = len(text) - len(kept)
        text = kept
    return text, removed, truncated


class Cleaner:
    """Cleans the text of exported cells and remembers every cell it had to change."""

    def __init__(self) -> None:
        self.cleaned: list[CleanedCell] = []

    def __call__(self, text: str, sheet: str, row: int, column: str) -> str:
        # The common case, clean short text, costs one regex scan and a length check.
        if len(text) <= CELL_LIMIT // 2 and _REJECTED.search(text) is None:
            return text
        result, removed, truncated = clean_text(text)
        if removed or truncated:
            self.cleaned.append(CleanedCell(sheet, row, column, removed, truncated))
        return result


def guard_apostrophes(text: str) -> str:
    """Text that starts with apostrophes before a trigger, with one more (any other unchanged):
    reading a cell drops one apostrophe before a trigger (values.text), which CSV needs, so
    an .xlsx cell keeps its text through a round trip only with this one."""
    if text[:1] == "'" and text.lstrip("'")[:1] in CSV_TRIGGERS:
        return "'" + text
    return text


def neutralise_csv(text: str) -> str:
    """Text that a spreadsheet opening the CSV shows as text, never runs as a formula.

    Text that already starts with apostrophes before a trigger gets one more, so that reading
    it back (values.text drops one apostrophe before a trigger) gives exactly the text.
    """
    if text.lstrip("'")[:1] in CSV_TRIGGERS:
        return "'" + text
    return text
