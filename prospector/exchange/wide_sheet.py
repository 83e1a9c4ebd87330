"""Sheets too wide for python-calamine's grid, streamed row by row with openpyxl."""

# Runs in the reader process, which starts for every file: only the standard library is
# imported here; openpyxl (parsing with defusedxml) is loaded when such a sheet is read.

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from itertools import compress, count, islice, repeat
from operator import is_not, itemgetter
from typing import Any

Values = tuple[Any, ...]

# Formula errors as openpyxl gives them; calamine gives such cells as empty.
_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)
_MIDNIGHT = dt.time(0)
# A character escaped in cell text as Excel and xlsxwriter write it: "_x000D_" for a carriage
# return, "_x005F_" for the "_" of a literal "_x…_". calamine decodes them. openpyxl leaves
# them in inline strings and only drops "x005F_" in shared strings, so decoding what it gives
# is exact but for a literal "_x…_" in a shared string, which comes back decoded.
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
# A cell with content and its column: `<c r="AB12" t="s"><v>3</v></c>`, not `<c r="AB12"/>`.
_FILLED_CELL = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})\d+"[^>]*(?<!/)>')
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_CELL_WITH_REF = re.compile(rb'<(?:\w+:)?c\s[^>]*?\br="')


class WideSheet:
    """One worksheet of an .xlsx/.xlsm file, read without a grid of all its cells.

    Rows hold the columns with a value somewhere in the sheet (found in a first pass), so a
    row of a sheet with twelve used columns out to XFD is twelve cells. Values come as
    python-calamine gives them: numbers as floats, a date at midnight as a date.
    """

    def __init__(self, path: str, sheet: str, member: str | None = None) -> None:
        import openpyxl

        self._path = path
        self._member = member  # the sheet's XML in the zip archive, to find its used columns

        # A file object: given a path, openpyxl refuses names that do not end in .xlsx.
        self._file = open(path, "rb")  # noqa: SIM115  (closed in close())
        try:
            self._workbook = openpyxl.load_workbook(
                self._file, read_only=True, data_only=True, keep_links=False
            )
            self._sheet = self._workbook[sheet]
            self._sheet.reset_dimensions()  # rows end at their last cell, not at <dimension>
        except BaseException:
            self._file.close()
            raise

    def close(self) -> None:
        self._workbook.close()
        self._file.close()

    def rows(self) -> Iterator[tuple[int, Values]]:
        """(row number, values of the used columns) for every row up to the last."""
        used = used_columns(self._path, self._member) if self._member else None
        if used is None:
            used = set()
            for values in self._values():  # slow: openpyxl parses every cell twice
                used.update(_filled(values))
        pick = _picker(sorted(used))
        for number, values in enumerate(self._values(), start=1):
            yield number, pick(values)

    def first_rows(self, limit: int) -> list[tuple[int, Values]]:
        """The first `limit` rows, of the columns used in them."""
        rows = list(islice(enumerate(self._values(), start=1), limit))
        pick = _picker(sorted({p for _number, values in rows for p in _filled(values)}))
        return [(number, pick(values)) for number, values in rows]

    def _values(self) -> Iterator[Values]:
        for values in self._sheet.iter_rows(values_only=True):
            yield tuple(values)


def used_columns(path: str, member: str) -> set[int] | None:
    """The 0-based columns with a filled cell, from a quick look at the sheet's XML; None if
    some cell has no reference (its column follows from its place, which openpyxl counts).
    """
    used: set[bytes] = set()
    rest = b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        while True:
            chunk = stream.read(1024 * 1024)
            text = rest + chunk
            # A tag cut in two is looked at with the next chunk.
            cut = text.rfind(b"<") if chunk else len(text)
            text, rest = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            if len(_ANY_CELL.findall(text)) != len(_CELL_WITH_REF.findall(text)):
                return None
            used.update(_FILLED_CELL.findall(text))
            if not chunk:
                return {_column_index(letters) for letters in used}


def _column_index(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64  # ord("A") - 1
    return number - 1


def _filled(values: Values) -> Iterator[int]:
    return compress(count(), map(is_not, values, repeat(None)))


def _picker(columns: list[int]) -> Callable[[Values], Values]:
    """The cells of these columns of a row (padded where it is shorter), as calamine's."""
    if not columns:
        return lambda values: ()
    padding = (None,) * (columns[-1] + 1)
    if len(columns) == 1:
        only = columns[0]

        def pick(values: Values) -> Values:
            return (_as_calamine((values + padding)[only]),)

        return pick
    getter = itemgetter(*columns)

    def pick_many(values: Values) -> Values:
        if len(values) < len(padding):
            values = values + padding[len(values) :]
        return tuple(map(_as_calamine, getter(values)))

    return pick_many


def _as_calamine(value: Any) -> Any:
    kind = value.__class__
    if kind is int:
        return float(value)
    if kind is str:
        if value in _ERRORS:
            return None
        return _ESCAPED.sub(_unescaped, value) if "_x" in value else value
    if kind is dt.datetime and value.time() == _MIDNIGHT and value.tzinfo is None:
        return value.date()
    return value


def _unescaped(match: re.Match[str]) -> str:
    return chr(int(match.group(1), 16))
