"""Streaming .xlsx output with openpyxl's write-only mode: typed, styled, never a formula."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from prospector.exchange.cells import Cleaner, guard_apostrophes
from prospector.exchange.export_rows import Kind, Row, Sheet

# Rows each sheet holds back to size its columns from (sizing all rows would mean two passes).
SAMPLE_ROWS = 200
MAX_WIDTH = 60
_DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
_DATE_FORMAT = "DD.MM.YYYY"
_MONEY_FORMAT = "#,##0.00"
_TEXT_FORMAT = "@"
_FORMATS = {
    Kind.CODE: _TEXT_FORMAT,
    Kind.MONEY: _MONEY_FORMAT,
    Kind.DATETIME: _DATETIME_FORMAT,
    Kind.DATE: _DATE_FORMAT,
}
# The first characters of text that openpyxl would not store as text: "=…" becomes a formula,
# "#N/A" and the other error codes an error cell. Such text always gets a typed cell.
_GUESSED = frozenset("=#")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_HEADER_ALIGNMENT = Alignment(vertical="center")


def _text_cell(ws: Any, text: str, **style: Any) -> Any:
    """A cell that holds text as text: openpyxl would make '=…' a formula and '#N/A' an error."""
    cell = WriteOnlyCell(ws, value=text)
    cell.data_type = "s"
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


def _width(header: str, kind: Kind, sample: Sequence[Row], index: int) -> float:
    if kind is Kind.DATETIME or kind is Kind.DATE:
        longest = 16 if kind is Kind.DATETIME else 10
    else:
        lengths = (len(str(row[index]).split("\n", 1)[0]) for row in sample if row[index])
        longest = max(lengths, default=0)
        if kind is Kind.MONEY:
            longest += longest // 3 + 1  # thousands separators
    # The header is bold and carries the autofilter's button.
    return float(min(max(len(header) + 4, longest + 2), MAX_WIDTH))


class XlsxSheet:
    """One write-only worksheet: header, sized columns, typed rows, frozen header, filter."""

    def __init__(self, workbook: Any, sheet: Sheet, clean: Cleaner) -> None:
        self.sheet = sheet
        self.rows = 0  # data rows taken
        self._written = 0  # data rows handed to openpyxl (some are held back for sizing)
        self._clean = clean
        self._ws = workbook.create_sheet(sheet.title)
        # Write-only sheets write their view and columns with the first row: set them now.
        self._ws.freeze_panes = "A2"
        self._pending: list[Row] | None = []
        self._kinds = [c.kind for c in sheet.columns]
        self._headers = sheet.headers
        # One reusable cell per column with a number format. openpyxl writes each row out as
        # it is appended, and after a styled cell it takes a fresh cell of its own, so the same
        # object can carry the next row's value without a new cell and style lookup per value.
        self._cells: list[Any] = []
        for column in sheet.columns:
            cell = None
            if column.kind in _FORMATS:
                cell = WriteOnlyCell(self._ws)
                cell.number_format = _FORMATS[column.kind]
            self._cells.append(cell)

    def add(self, rows: Sequence[Row]) -> None:
        self.rows += len(rows)
        if self._pending is None:
            for row in rows:
                self._write(row)
            return
        self._pending.extend(rows)
        if len(self._pending) >= SAMPLE_ROWS:
            self._start()

    def close(self) -> None:
        """Write what is held back and set the filter over the used range."""
        if self._pending is not None:
            self._start()
        last = get_column_letter(len(self._headers))
        self._ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"

    def _start(self) -> None:
        pending = self._pending or []
        self._pending = None
        self._size_columns(pending)
        self._ws.append(
            [
                _text_cell(
                    self._ws,
                    header,
                    font=_HEADER_FONT,
                    fill=_HEADER_FILL,
                    alignment=_HEADER_ALIGNMENT,
                )
                for header in self._headers
            ]
        )
        for row in pending:
            self._write(row)

    def _size_columns(self, sample: Sequence[Row]) -> None:
        for index, column in enumerate(self.sheet.columns):
            dimension = self._ws.column_dimensions[get_column_letter(index + 1)]
            dimension.width = _width(column.header, column.kind, sample, index)
            if column.kind is Kind.CODE:
                # Also what the user types into the column later stays text ("01069").
                dimension.number_format = _TEXT_FORMAT

    def _write(self, values: Row) -> None:
        self._written += 1
        row_number = self._written + 1  # the header is row 1
        kinds = self._kinds
        cells = self._cells
        out: list[Any] = []
        for index, value in enumerate(values):
            if value is None or value == "":
                out.append(None)
                continue
            kind = kinds[index]
            if kind is Kind.TEXT or kind is Kind.CODE:
                text = self._clean(str(value), self.sheet.title, row_number, self._headers[index])
                if not text:
                    out.append(None)
                elif kind is Kind.CODE:
                    cell = cells[index]
                    cell.value = text
                    cell.data_type = "s"  # forced after the value, which made "=…" a formula
                    out.append(cell)
                elif text[0] in _GUESSED:
                    out.append(_text_cell(self._ws, text))
                elif text[0] == "'":
                    out.append(guard_apostrophes(text))
                else:
                    # Any other str openpyxl stores as a string cell by itself (the tests pin
                    # it). A bare str is cheaper than a cell object, which openpyxl first
                    # tries to convert and rejects with an exception: ~10% of the export.
                    out.append(text)
            elif kind is Kind.MONEY or kind is Kind.DATETIME or kind is Kind.DATE:
                cell = cells[index]
                cell.value = value
                out.append(cell)
            else:
                out.append(value)
        self._ws.append(out)


class XlsxBook:
    """A write-only workbook of export sheets, saved to an open binary file."""

    def __init__(self, sheets: Sequence[Sheet], clean: Cleaner) -> None:
        self._workbook = Workbook(write_only=True)
        self.sheets = [XlsxSheet(self._workbook, sheet, clean) for sheet in sheets]

    def add_sheet_of_lines(self, title: str, lines: Sequence[str], *, index: int) -> None:
        """A sheet of plain text lines (the template's instructions); the first one bold."""
        ws = self._workbook.create_sheet(title, index)
        ws.column_dimensions["A"].width = 110
        for number, line in enumerate(lines):
            style = {"font": Font(bold=True, size=13)} if number == 0 else {}
            ws.append([_text_cell(ws, line, **style) if line else None])

    def save(self, out: IO[bytes]) -> None:
        for sheet in self.sheets:
            sheet.close()
        self._workbook.save(out)

    def discard(self) -> None:
        """End the sheets and remove their temporary files after a cancel or failure."""
        for ws in self._workbook.worksheets:
            # openpyxl streams each write-only sheet into a temporary file that only a save
            # removes; left open, the row stream also fails noisily when collected.
            try:
                if not ws.closed:
                    ws.close()
                writer = getattr(ws, "_writer", None)
                if writer is not None:
                    writer.cleanup()
            except (OSError, ValueError):
                pass
