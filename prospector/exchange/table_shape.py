"""Where a table sits in a sheet: its header row, its width, and sheets that are instructions."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from prospector.exchange.columns import guess_field
from prospector.exchange.tables import CellValue, Row
from prospector.normalize import fold

LOOKAHEAD_ROWS = 10  # rows after a header candidate that must fill its columns
_MIN_INSIDE_SHARE = 0.8  # share of a data row's cells that lie under the header's span
# Cells that are numbers, dates, times, phone numbers or amounts, even when stored as text.
_NUMBERISH = re.compile(r"[\s\d.,:;/%+\-€$()]*")
_INSTRUCTION_WORDS = frozenset(
    {
        "anleitung",
        "anleitungen",
        "hinweis",
        "hinweise",
        "info",
        "infos",
        "information",
        "informationen",
        "erlaeuterung",
        "erlaeuterungen",
        "erklaerung",
        "erklaerungen",
        "ausfuellhilfe",
        "legende",
        "hilfe",
        "beschreibung",
        "instruction",
        "instructions",
        "readme",
        "help",
        "legend",
        "about",
        "documentation",
        "dokumentation",
    }
)
_LONG_TEXT = 40  # characters: a sentence rather than a value
# An e-mail or web address: a value, never a column name.
_ADDRESS = re.compile(r"\s*(?:[^@\s]+@[^@\s]+\.\w+|(?:https?://|www\.)\S+)\s*$", re.IGNORECASE)
# DATEV's ASCII formats open with a metadata record ("EXTF";700;16;"Debitoren/Kreditoren";…,
# or "DTVF" from older versions); the column names are the next record.
_DATEV_MARKERS = frozenset({"EXTF", "DTVF"})


def is_text(value: CellValue) -> bool:
    """A cell with words in it, not a number or date (whether typed or written as text)."""
    return isinstance(value, str) and not _NUMBERISH.fullmatch(value)


def header_text(value: CellValue) -> str:
    """A header cell as a column name: 2024.0 -> '2024', None -> ''."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def find_header(rows: Sequence[tuple[int, Row]], scan_rows: int) -> int | None:
    """The position in `rows` (non-empty rows, numbered) of the header row, if there is one.

    A header has at least two text cells, no e-mail or web address (a lone data row under
    an address-book export's header may name more fields: "Firstname", "Lastname"), and the
    rows after it fill its columns. Of those, the row naming the most known fields (Firma,
    PLZ, E-Mail ...) wins, else the first.
    Title and metadata rows above the table ("Kundenliste Messe 2024", "Stand: 01.03.2024",
    a LinkedIn export's "Notes:" lines) have fewer cells, or rows after them spill out of
    their columns. A DATEV file's metadata record is known by its first cell.
    """
    if len(rows) > 1 and is_datev_metadata(rows[0][1]):
        return 1
    best: tuple[int, int] | None = None  # (known names, -position)
    for position, (_number, row) in enumerate(rows[:scan_rows]):
        texts = [value for value in row if is_text(value)]
        if len(texts) < 2 or any(_ADDRESS.match(str(value)) for value in texts):
            continue
        following = [r for _n, r in rows[position + 1 : position + 1 + LOOKAHEAD_ROWS]]
        if not _filled_below(row, following):
            continue
        known = sum(1 for value in texts if guess_field(str(value)) is not None)
        if best is None or known > best[0]:
            best = (known, -position)
    if best is not None:
        return -best[1]
    return _single_known_column(rows[:scan_rows])


def is_datev_metadata(row: Row) -> bool:
    """The first record of a DATEV export (EXTF/DTVF): metadata, the header comes next."""
    return bool(row) and isinstance(row[0], str) and row[0].strip().upper() in _DATEV_MARKERS


def looks_like_instructions(name: str, sample: Sequence[tuple[int, Row]] | None) -> bool:
    """A sheet of explanations (by its name or its prose), not of records.

    A sheet named "Info" that holds a table with known column names is data after all, and
    so is a one-column list of long company names under "Firma". A sheet too big to be
    sampled (`sample` None) is data: instructions are short.
    """
    if sample is None:
        return False
    named = _named_like_instructions(name)
    rows = [row for _number, row in sample if row]
    if not rows:
        return named
    if named:
        return _known_header_names(sample) < 2
    return _is_prose(rows) and _known_header_names(sample) == 0


def _filled_below(header: Row, following: Sequence[Row]) -> bool:
    """Do the next rows keep their cells under the header's span?"""
    if not following:
        return True  # a header without data yet is still a header
    span = len(header)  # rows are trimmed: the last cell is the header's last filled cell
    shares = []
    for row in following:
        filled = [index for index, value in enumerate(row) if value is not None]
        shares.append(sum(1 for index in filled if index < span) / max(1, len(filled)))
    return sum(shares) / len(shares) >= _MIN_INSIDE_SHARE and _wide_enough(header, following)


def _wide_enough(header: Row, following: Sequence[Row]) -> bool:
    """A header names most columns the data uses: 'Stand:' | '01.03.2024' over 12 columns
    is not one."""
    header_cells = sum(1 for value in header if value is not None)
    widths = sorted(sum(1 for value in row if value is not None) for row in following)
    typical = widths[len(widths) // 2]
    return header_cells * 2 >= typical


def _single_known_column(rows: Sequence[tuple[int, Row]]) -> int | None:
    """A one-column list (just 'Firma' above names) has one header cell: accept a known one."""
    for position, (_number, row) in enumerate(rows):
        cells = [value for value in row if value is not None]
        if len(cells) == 1 and is_text(cells[0]) and guess_field(str(cells[0])) is not None:
            return position
    return None


def _known_header_names(sample: Sequence[tuple[int, Row]]) -> int:
    """How many known field names the sample's header row has (0 without a header)."""
    rows = [(number, row) for number, row in sample if row]
    position = find_header(rows, len(rows))
    if position is None:
        return 0
    header = rows[position][1]
    return sum(1 for value in header if is_text(value) and guess_field(str(value)))


def _named_like_instructions(name: str) -> bool:
    words = [word for word in re.split(r"[^a-z0-9]+", fold(name)) if word]
    return any(word in _INSTRUCTION_WORDS for word in words) or "read me" in " ".join(words)


def _is_prose(rows: Sequence[Row]) -> bool:
    """Mostly one cell per row, and a good part of those cells are sentences."""
    single = [row for row in rows if sum(1 for value in row if value is not None) == 1]
    if len(single) < max(2, 0.6 * len(rows)):
        return False
    texts = [next(value for value in row if value is not None) for row in single]
    long = sum(1 for value in texts if isinstance(value, str) and len(value) >= _LONG_TEXT)
    return long * 3 >= len(single)
