"""Read spreadsheets and CSV files as tables: inspect_file, read_table and iter_rows."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from types import TracebackType

from prospector.exchange import table_shape, workbook_child, workbook_reader
from prospector.exchange.csv_reader import CsvSource
from prospector.exchange.errors import ReadError
from prospector.exchange.formats import Detected, detect
from prospector.exchange.kept_columns import KeptColumns, filled_positions
from prospector.exchange.tables import (
    CellValue,
    FileFormat,
    Limits,
    Row,
    RowChunk,
    RowSource,
    SheetInfo,
    Table,
    TableHead,
    WorkbookInfo,
)
from prospector.gc_pause import paused
from prospector.progress import Progress

__all__ = [
    "CellValue",
    "FileFormat",
    "Limits",
    "ReadError",
    "Row",
    "RowChunk",
    "SheetInfo",
    "Table",
    "TableHead",
    "TableStream",
    "WorkbookInfo",
    "first_rows",
    "inspect_file",
    "iter_rows",
    "read_table",
]

_DEFAULT_LIMITS = Limits()


def inspect_file(
    path: Path,
    *,
    progress: Progress | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    isolate: bool = True,
) -> WorkbookInfo:
    """The file's real format and its sheets: data sheets first, instruction sheets last.

    Hand the result to read_table or iter_rows: they then read the file without checking it
    again, unless it changed meanwhile. `isolate=False` runs the workbook reader in this
    process (tests, benchmarks only).
    """
    path = Path(path)
    return _inspect(path, detect(path, limits), progress, isolate)


def read_table(
    source: Path | WorkbookInfo,
    sheet: str | None = None,
    *,
    header_row: int | None = None,
    progress: Progress | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    isolate: bool = True,
) -> Table:
    """The whole table of a sheet (default: the suggested one) or of a CSV file, in memory.

    `source` is the file, or what inspect_file found in it. `header_row` (as the user sees
    it, 1-based) names the row of column names instead of looking for it.
    """
    with (
        paused(),
        iter_rows(
            source, sheet, header_row=header_row, progress=progress, limits=limits, isolate=isolate
        ) as stream,
    ):
        rows: list[Row] = []
        numbers: list[int] = []
        skipped: list[int] = []
        for chunk in stream:
            rows.extend(chunk.rows)
            numbers.extend(chunk.source_row_numbers)
            skipped.extend(chunk.skipped_empty)
        head = stream.head
        positions = stream.columns.positions
    headers = head.headers
    width = len(positions)
    if width > len(headers):  # data beyond the header's columns: unnamed columns
        headers = headers + ("",) * (width - len(headers))
        padding = (None,) * width
        rows = [row + padding[len(row) :] if len(row) < width else row for row in rows]
    if positions != sorted(positions):  # such a column turned up late: put it in its place
        order = sorted(range(width), key=positions.__getitem__)
        pick = itemgetter(*order)
        headers = tuple(pick(headers))
        rows = [pick(row) for row in rows]
    return Table(
        path=head.path,
        header_row_index=head.header_row_index,
        headers=headers,
        rows=rows,
        source_row_numbers=numbers,
        sheet=head.sheet,
        format=head.format,
        encoding=head.encoding,
        delimiter=head.delimiter,
        skipped_empty=tuple(skipped),
    )


def iter_rows(
    source: Path | WorkbookInfo,
    sheet: str | None = None,
    *,
    header_row: int | None = None,
    progress: Progress | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    isolate: bool = True,
) -> TableStream:
    """A table streamed in chunks of rows; use it as a context manager.

        with iter_rows(path) as stream:
            stream.head.headers
            for chunk in stream: ...

    `source` is the file, or what inspect_file found in it: the checks the file passed then
    stand while it keeps its size and time, and are done again otherwise. Columns without a
    name and without data are left out. Rows have at least len(headers) cells; data in a
    column not kept so far (far down a long file) adds a cell at the row's end
    (read_table gives such columns an empty name, in their place).
    """
    rows = _row_source(source, sheet, progress, limits, isolate)
    return TableStream(rows, limits, progress, header_row=header_row)


def first_rows(
    source: Path | WorkbookInfo,
    sheet: str | None = None,
    *,
    count: int = 10,
    progress: Progress | None = None,
    limits: Limits = _DEFAULT_LIMITS,
    isolate: bool = True,
) -> list[tuple[int, Row]]:
    """The first `count` rows with content, numbered as the user sees them: to choose the
    row of column names from when none was found. Columns empty in all of them are left out.
    """
    rows_source = _row_source(source, sheet, progress, limits, isolate)
    found: list[tuple[int, Row]] = []
    chunks = rows_source.chunks()
    try:
        for first, rows in chunks:
            found.extend((number, row) for number, row in enumerate(rows, start=first) if row)
            if len(found) >= count:
                break
    finally:
        chunks.close()
        rows_source.close()
    return _narrowed(found[:count], sparse_only=False)


def _row_source(
    source: Path | WorkbookInfo,
    sheet: str | None,
    progress: Progress | None,
    limits: Limits,
    isolate: bool,
) -> RowSource:
    path = Path(source.path if isinstance(source, WorkbookInfo) else source)
    info, detected = _checked(source, path, limits)
    if detected.format is FileFormat.CSV:
        _check_csv_sheet(path, sheet)
        return CsvSource(
            path, limits, encoding=detected.encoding or "utf-8", delimiter=detected.delimiter
        )
    if sheet is None:
        info = (
            info or _only_worksheet(path, detected) or _inspect(path, detected, progress, isolate)
        )
        sheet = info.suggested_sheet
        detected = info.detected or detected
    return workbook_reader.WorkbookSource(path, detected, sheet, progress, isolate=isolate)


def _checked(
    source: Path | WorkbookInfo, path: Path, limits: Limits
) -> tuple[WorkbookInfo | None, Detected]:
    """The inspection handed in and what its checks found, while that holds for the file as it
    is now; else no inspection, and the file checked anew."""
    if isinstance(source, WorkbookInfo):
        detected = source.detected
        if detected is not None and detected.holds_for(path, limits):
            return source, detected
    return None, detect(path, limits)


def _inspect(
    path: Path, detected: Detected, progress: Progress | None, isolate: bool
) -> WorkbookInfo:
    if detected.format is FileFormat.CSV:
        return _inspect_csv(path, detected)
    inspected = workbook_reader.inspect_workbook(path, detected, progress, isolate=isolate)
    sheets = [
        SheetInfo(
            name=sample.name,
            index=sample.index,
            row_count_estimate=sample.last_row,
            looks_like_instructions=table_shape.looks_like_instructions(sample.name, sample.rows),
            hidden=sample.hidden,
        )
        for sample in inspected.samples
    ]
    sheets.sort(key=lambda s: (s.looks_like_instructions, s.hidden, s.index))
    if inspected.parts_verified:
        detected = dataclasses.replace(detected, parts_verified=True)
    return WorkbookInfo(path, detected.format, tuple(sheets), _suggested(sheets), detected=detected)


class TableStream:
    """Rows of one table after its header row, in chunks; empty rows are left out, and so
    are columns without a name and without data."""

    def __init__(
        self,
        source: RowSource,
        limits: Limits,
        progress: Progress | None,
        *,
        header_row: int | None = None,
    ) -> None:
        self._source = source
        self._limits = limits
        self._progress = progress
        self._chunks = source.chunks()
        self._buffer: list[tuple[int, Row]] = []  # rows read ahead to find the header
        self._shared = SharedTexts()
        self._done = 0
        self.columns = KeptColumns(())
        try:
            self.head = self._find_head(header_row)
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> TableStream:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __iter__(self) -> Iterator[RowChunk]:
        width = len(self.head.headers)
        blanks: list[int] = []  # empty rows seen since the last data row
        pending = [(n, r) for n, r in self._buffer if n > self.head.header_row_index + 1]
        self._buffer = []
        try:
            chunk = self._shape(pending, width, blanks)
            if chunk.rows or chunk.skipped_empty:
                yield chunk
            for first, rows in self._chunks:
                self._report(first + len(rows) - 1)
                chunk = self._shape(enumerate(rows, start=first), width, blanks)
                if chunk.rows or chunk.skipped_empty:
                    yield chunk
        finally:
            self.close()
        # `blanks` now holds trailing empty rows (formatted, but not records): dropped.

    def close(self) -> None:
        self._chunks.close()
        self._source.close()

    def _find_head(self, header_row: int | None) -> TableHead:
        scan = self._limits.header_scan_rows
        wanted = scan + table_shape.LOOKAHEAD_ROWS
        filled = 0
        for first, rows in self._chunks:
            self._buffer.extend(enumerate(rows, start=first))
            filled += sum(1 for row in rows if row)
            self._report(first + len(rows) - 1)
            if filled >= wanted:
                break
        candidates = [(n, r) for n, r in self._buffer if r][:wanted]
        source = self._source
        if not candidates:
            if source.format is FileFormat.CSV:
                raise ReadError("empty_file", source.path)
            raise ReadError("empty_sheet", source.path, sheet=source.sheet or "")
        if source.format.is_workbook and table_shape.looks_like_instructions(
            source.sheet or "", _narrowed(self._buffer[: workbook_child.SAMPLE_ROWS])
        ):
            raise ReadError("instructions_sheet", source.path, sheet=source.sheet or "")
        if header_row is None:
            position = table_shape.find_header(_narrowed(candidates), scan)
            if position is None:
                raise ReadError("no_header", source.path, rows=scan)
        else:
            numbers = [n for n, _r in candidates]
            if header_row not in numbers:
                raise ReadError("header_row_empty", source.path, row=header_row)
            position = numbers.index(header_row)
        number, header = candidates[position]
        columns = KeptColumns(header)
        for n, row in self._buffer:
            if n > number:
                columns.take(row)
        columns.sort()
        self.columns = columns
        return TableHead(
            path=source.path,
            format=source.format,
            sheet=source.sheet,
            header_row_index=number - 1,
            headers=tuple(
                table_shape.header_text(header[p]) if p < len(header) else ""
                for p in columns.positions
            ),
            row_count_estimate=source.row_count_estimate,
            encoding=source.encoding,
            delimiter=source.delimiter,
        )

    def _shape(
        self,
        numbered: Iterable[tuple[int, Row]],
        width: int,
        blanks: list[int],
    ) -> RowChunk:
        padding = (None,) * width
        rows: list[Row] = []
        numbers: list[int] = []
        skipped: list[int] = []
        shared = self._shared
        take = self.columns.take
        for number, row in numbered:
            if not row:
                blanks.append(number)
                continue
            if blanks:  # empty rows between data rows: skipped, and said so
                skipped.extend(blanks)
                blanks.clear()
            row = shared.row(take(row))
            rows.append(row + padding[len(row) :] if len(row) < width else row)
            numbers.append(number)
        return RowChunk(rows, numbers, tuple(skipped))

    def _report(self, done: int) -> None:
        self._done = max(self._done, done)
        if self._progress is not None:
            total = max(self._source.row_count_estimate, self._done)
            self._progress.step(self._done, total)


def _narrowed(rows: list[tuple[int, Row]], *, sparse_only: bool = True) -> list[tuple[int, Row]]:
    """The rows without the columns empty in all of them (`sparse_only`: if that leaves out
    most columns): a sparse sheet out to column XFD is looked at as the few it uses."""
    used = sorted({position for _number, row in rows for position in filled_positions(row)})
    width = max((len(row) for _number, row in rows), default=0)
    if len(used) == width or (sparse_only and len(used) * 2 >= width):
        return rows
    pick = itemgetter(*used) if len(used) > 1 else lambda row: (row[used[0]],)
    padding = (None,) * width
    narrowed = []
    for number, row in rows:
        cells = pick(row + padding[len(row) :])
        end = len(cells)
        while end and cells[end - 1] is None:
            end -= 1
        narrowed.append((number, tuple(cells[:end])))
    return narrowed


class SharedTexts:
    """One string object for each text a column repeats.

    Every cell a reader hands over is a new string, and a list of 100,000 rows names the same
    few hundred cities, states and industries over and over: sharing them saves tens of MB.
    """

    # Distinct texts a column may have to be worth it; a column of names or phones has more.
    LIMIT = 5_000

    def __init__(self) -> None:
        self._columns: list[dict[str, str] | None] = []

    def row(self, row: Row) -> Row:
        columns = self._columns
        if len(columns) < len(row):
            columns.extend({} for _ in range(len(row) - len(columns)))
        cells = list(row)
        for index, cell in enumerate(cells):
            seen = columns[index]
            if seen is None or type(cell) is not str:
                continue
            known = seen.get(cell)
            if known is not None:
                cells[index] = known
            elif len(seen) < self.LIMIT:
                seen[cell] = cell
            else:
                columns[index] = None  # too many different texts: stop looking in this column
        return tuple(cells)


def _inspect_csv(path: Path, detected: Detected) -> WorkbookInfo:
    encoding = detected.encoding or "utf-8"
    source = CsvSource(path, detected.limits, encoding=encoding, delimiter=detected.delimiter)
    sheet = SheetInfo(
        name=path.stem,
        index=0,
        row_count_estimate=source.row_count_estimate,
        looks_like_instructions=False,
    )
    return WorkbookInfo(
        path,
        FileFormat.CSV,
        (sheet,),
        sheet.name,
        encoding=detected.encoding,
        delimiter=detected.delimiter,
        detected=detected,
    )


def _only_worksheet(path: Path, detected: Detected) -> WorkbookInfo | None:
    """An .xlsx/.xlsm file's single worksheet, to be read without starting a reader just to
    look at the other sheets; None for other files."""
    package = detected.package
    if package is None or len(package.worksheets) != 1:
        return None
    part = package.worksheets[0]
    sheet = SheetInfo(part.name, part.index, 0, looks_like_instructions=False, hidden=part.hidden)
    return WorkbookInfo(path, detected.format, (sheet,), part.name, detected=detected)


def _check_csv_sheet(path: Path, sheet: str | None) -> None:
    """A CSV file has one sheet, named after the file (as inspect_file reports it)."""
    if sheet is not None and sheet != path.stem:
        raise ReadError("sheet_not_found", path, sheet=sheet, sheets=path.stem)


def _suggested(sheets: list[SheetInfo]) -> str | None:
    """The first data sheet with rows; else the first data sheet (an empty template's sheet
    rather than its instructions); else whatever there is."""
    data = [sheet for sheet in sheets if not sheet.looks_like_instructions]
    for candidates in ([s for s in data if s.row_count_estimate > 0], data, sheets):
        if candidates:
            return candidates[0].name
    return None
