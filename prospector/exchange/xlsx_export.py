"""Streaming .xlsx output through xlsxwriter in constant memory: typed, styled, never a formula."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from prospector.exchange.cells import Cleaner, guard_apostrophes
from prospector.exchange.export_rows import Kind, Row, Sheet
from prospector.leftovers import scratch_prefix

# Rows each sheet sizes its columns from, at least: the first windows of rows up to this
# many (sizing all rows would mean two passes).
SAMPLE_ROWS = 200
MAX_WIDTH = 60
# Pixels per character of width in Excel's default font (Calibri 11), as xlsxwriter counts.
_DIGIT_PIXELS = 7
_OPTIONS = {
    "constant_memory": True,
    # Every cell is written with its type's own method: no text is ever taken for a
    # formula, a number or a link.
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    # A sheet's XML beyond 2 GB gets ZIP64 records rather than failing the export.
    "use_zip64": True,
}
_FORMATS = {
    Kind.CODE: {"num_format": "@"},
    Kind.MONEY: {"num_format": "#,##0.00"},
    Kind.DATETIME: {"num_format": "DD.MM.YYYY HH:MM"},
    Kind.DATE: {"num_format": "DD.MM.YYYY"},
}
_HEADER = {"bold": True, "pattern": 1, "bg_color": "#DCE6F1", "valign": "vcenter"}
_FIRST_LINE = {"bold": True, "font_size": 13}
_LINES_WIDTH = 110
# Excel opens no more rows than this on a sheet, the header included.
MAX_ROWS = 1_048_576


class TooManyRows(Exception):
    """A sheet would hold more rows than Excel opens; nothing past the limit is written."""

    def __init__(self, sheet: str) -> None:
        super().__init__(sheet)
        self.sheet = sheet


@dataclass(frozen=True)
class SheetOfLines:
    """A sheet of plain text lines (the instructions), the first one bold, at `index` among
    the workbook's sheets."""

    title: str
    lines: Sequence[str]
    index: int


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


def _set_width(ws: Any, column: int, width: float, cell_format: Any = None) -> None:
    """The column's width as stored in the file: set_column would add Excel's 5 pixels of
    cell padding to it, which the widths here already allow for."""
    ws.set_column_pixels(column, column, round(width * _DIGIT_PIXELS), cell_format)


class XlsxSheet:
    """One constant-memory worksheet: header, sized columns, typed rows, frozen header, filter."""

    def __init__(
        self, ws: Any, sheet: Sheet, clean: Cleaner, formats: dict[Kind, Any], header: Any
    ) -> None:
        self.sheet = sheet
        self.rows = 0  # data rows taken
        self._ws = ws
        self._clean = clean
        self._kinds = [c.kind for c in sheet.columns]
        self._headers = sheet.headers
        self._formats = [formats.get(kind) for kind in self._kinds]
        self._sample: list[Row] = []
        ws.freeze_panes(1, 0)
        for column, text in enumerate(self._headers):
            ws.write_string(0, column, text, header)

    def add(self, rows: Sequence[Row]) -> None:
        if self.rows + len(rows) >= MAX_ROWS:
            raise TooManyRows(self.sheet.title)  # xlsxwriter would leave them out unsaid
        if len(self._sample) < SAMPLE_ROWS:
            self._sample.extend(rows)
        ws = self._ws
        write_string = ws.write_string
        write_number = ws.write_number
        write_datetime = ws.write_datetime
        clean = self._clean
        title = self.sheet.title
        kinds = self._kinds
        headers = self._headers
        formats = self._formats
        row_index = self.rows  # 0-based, after the header: the previous row's
        for values in rows:
            row_index += 1
            for index, value in enumerate(values):
                if value is None or value == "":
                    continue
                kind = kinds[index]
                if kind is Kind.TEXT or kind is Kind.CODE:
                    # Reported with the row number the spreadsheet shows (the header is 1).
                    text = clean(str(value), title, row_index + 1, headers[index])
                    if not text:
                        continue
                    if text[0] == "'":
                        text = guard_apostrophes(text)
                    # Within Excel's limit after cleaning, so xlsxwriter never truncates it.
                    write_string(row_index, index, text, formats[index])
                elif kind is Kind.MONEY:
                    write_number(row_index, index, value, formats[index])
                elif kind is Kind.DATETIME or kind is Kind.DATE:
                    write_datetime(row_index, index, value, formats[index])
                elif value.__class__ is bool:
                    ws.write_boolean(row_index, index, value)
                else:
                    write_number(row_index, index, value)
        self.rows = row_index

    def close(self) -> None:
        """Size the columns and set the filter over the used range."""
        for index, column in enumerate(self.sheet.columns):
            width = _width(column.header, column.kind, self._sample, index)
            # A CODE column is text as a whole: what the user types into it later stays
            # text too ("01069").
            code = self._formats[index] if column.kind is Kind.CODE else None
            _set_width(self._ws, index, width, code)
        self._sample = []
        self._ws.autofilter(0, 0, self.rows, len(self._headers) - 1)


class _Output:
    """The open file that xlsxwriter's zip archive writes to, taking nothing more after a
    failure: xlsxwriter leaves that archive open, and its close when it is collected would
    fail a second time where no caller can catch it. Positions are counted here, so that
    after a failure the archive still sees the ones it expects."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out
        self._failed = False
        self._position = 0
        self._size = 0

    def write(self, data: bytes) -> Any:
        if not self._failed:
            self._call("write", data)
        self._position += len(data)
        self._size = max(self._size, self._position)
        return len(data)

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = 0) -> int:
        if not self._failed:
            self._call("seek", offset, whence)
        base = (0, self._position, self._size)[whence]
        self._position = base + offset
        return self._position

    def flush(self) -> None:
        if not self._failed:
            self._call("flush")

    def _call(self, name: str, *args: Any) -> None:
        try:
            getattr(self._out, name)(*args)
        except OSError:
            self._failed = True
            raise


class XlsxBook:
    """A constant-memory workbook of export sheets, saved to an open binary file.

    xlsxwriter orders the sheets as they are made, so the sheet of lines (the instructions)
    is given here with its place.
    """

    def __init__(
        self, sheets: Sequence[Sheet], clean: Cleaner, lines: SheetOfLines | None = None
    ) -> None:
        # The rows stream into temporary files until the save; all of them live here, so
        # that a cancel or failure removes them whatever stage xlsxwriter is at.
        self._tmpdir = tempfile.TemporaryDirectory(
            prefix=scratch_prefix(), ignore_cleanup_errors=True
        )
        self._workbook = xlsxwriter.Workbook(None, {**_OPTIONS, "tmpdir": self._tmpdir.name})
        self.sheets: list[XlsxSheet] = []
        try:
            formats = {kind: self._workbook.add_format(style) for kind, style in _FORMATS.items()}
            header = self._workbook.add_format(_HEADER)
            order: list[Sheet | SheetOfLines] = list(sheets)
            if lines is not None:
                order.insert(lines.index, lines)
            for item in order:
                ws = self._workbook.add_worksheet(item.title)
                if isinstance(item, SheetOfLines):
                    self._write_lines(ws, item.lines)
                else:
                    self.sheets.append(XlsxSheet(ws, item, clean, formats, header))
        except BaseException:
            self.discard()
            raise

    def _write_lines(self, ws: Any, lines: Sequence[str]) -> None:
        _set_width(ws, 0, _LINES_WIDTH)
        first = self._workbook.add_format(_FIRST_LINE)
        for number, line in enumerate(lines):
            if line:
                ws.write_string(number, 0, line, first if number == 0 else None)

    def save(self, out: IO[bytes]) -> None:
        """Write the workbook to `out`, which stays open; the temporary files are removed."""
        try:
            for sheet in self.sheets:
                sheet.close()
            # xlsxwriter opens its target (a path or a file object) only when closing.
            self._workbook.filename = _Output(out)
            self._workbook.close()
        except FileCreateError as exc:
            # xlsxwriter wraps the OSError of a failed write; callers report OSErrors.
            cause = exc.args[0] if exc.args else None
            if isinstance(cause, OSError):
                raise cause from None
            raise
        finally:
            self.discard()

    def discard(self) -> None:
        """Close and remove the temporary files after a save, a cancel or a failure."""
        for part in (self._workbook, *self._workbook.worksheets()):
            for name in ("row_data_fh", "fh"):
                handle = getattr(part, name, None)
                if handle is not None:
                    handle.close()
        self._tmpdir.cleanup()
