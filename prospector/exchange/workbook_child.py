"""The reader process: python-calamine parses workbooks here, so its crash cannot end the app.

Only the standard library and python_calamine are imported, to keep the process start cheap
(a sheet with values far to the right loads openpyxl: see wide_sheet).
From the parent: "open", then ("go", wide sheets as (name, XML member) pairs to stream).
Messages to the parent (all plain tuples):
    ("sheet", name, last_row)               read: the sheet is loaded; last_row for progress
    ("rows", first_row_number, rows)        read: consecutive cleaned rows (see RowSource)
    ("sheets", [(name, hidden, is_worksheet), ...])   inspect: the workbook's sheets
    ("sample", name, last_row, rows)        inspect: the first rows of one sheet (last_row
                                            None: not known, the sheet was streamed)
    ("end",)                                done
    ("error", code, params, detail)         a ReadError for the parent to raise
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from typing import Any

Message = tuple[Any, ...]
# Sheets with values far to the right: (sheet name, its XML member in the archive).
WideSheets = tuple[tuple[str, str], ...]
_TEXT_KINDS = (dt.time, dt.timedelta)
SAMPLE_ROWS = 60


@dataclass(frozen=True)
class Request:
    """What the parent asks the reader process to do."""

    path: str
    mode: str  # "read" or "inspect"
    sheet: str | None = None  # read: the sheet's name (None: the first worksheet)
    sample: tuple[str, ...] | None = None  # inspect: sheets to sample (None: all)
    max_rows: int = 1_000_000
    max_columns: int = 16_384
    chunk_rows: int = 10_000
    chunk_cells: int = 1_000_000
    memory_bytes: int | None = None
    # Sheets with values far to the right, streamed instead of loaded as one grid.
    wide: WideSheets = ()


def main(conn: Connection, request: Request) -> None:
    """Entry point of the process: open, then read, each only once the parent allows it.

    The parent checks the workbook's small parts (shared strings, styles) before "open" and
    the sheet's XML before "go"; meanwhile this process starts up and opens the workbook.
    """
    try:
        _limit_memory(request.memory_bytes)
        import python_calamine  # noqa: F401  (loaded while the parent checks the file)

        if conn.recv() != "open":
            return
        opened = _open(request.path)
        go = conn.recv()
        if not (isinstance(go, tuple) and go[0] == "go"):
            return
        wide = tuple((str(name), str(member)) for name, member in go[1])
        for message in messages(replace(request, wide=wide), opened):
            conn.send(message)
    except (EOFError, BrokenPipeError):
        pass  # the parent stopped listening (cancel): nothing left to do
    finally:
        conn.close()


def messages(request: Request, opened: Any = None) -> Generator[Message, None, None]:
    """The whole conversation for one request; also runs in-process for tests and benchmarks.

    `opened` is what _open returned, if the workbook was opened already.
    """
    workbook = opened if opened is not None else _open(request.path)
    if isinstance(workbook, tuple):
        yield workbook  # the error message of a workbook that cannot be opened
        return
    try:
        if request.mode == "inspect":
            yield from _inspect(workbook, request)
        else:
            yield from _read(workbook, request)
    except _Refused as refusal:
        yield ("error", refusal.code, refusal.params, refusal.detail)
        return
    except Exception as exc:  # every reader failure becomes a message for the parent
        yield _error(exc)
        return
    finally:
        workbook.close()
    yield ("end",)


def _open(path: str) -> Any:
    """The opened workbook (calamine parses shared strings and styles here), or an error."""
    import python_calamine as calamine

    try:
        return calamine.CalamineWorkbook.from_path(path)
    except Exception as exc:
        return _error(exc)


class _Refused(Exception):
    def __init__(self, code: str, detail: str = "", **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
        self.detail = detail


def _read(workbook: Any, request: Request) -> Iterator[Message]:
    name = request.sheet if request.sheet is not None else _first_worksheet(workbook)
    if name not in workbook.sheet_names:
        raise _Refused("sheet_not_found", sheet=name, sheets=", ".join(workbook.sheet_names))
    layout = _Layout()
    rows: Iterable[tuple[int, tuple[Any, ...]]]
    wide = dict(request.wide)
    if name in wide:
        yield ("sheet", name, 0)  # the parent knows the size from the sheet's XML
        rows = _wide_rows(request.path, name, wide[name])
    else:
        sheet = workbook.get_sheet_by_name(name)
        end = sheet.end
        yield ("sheet", name, end[0] + 1 if end else 0)
        rows = _numbered_rows(sheet, layout)
    batch: list[tuple[Any, ...]] = []
    first = 1
    cells = 0
    for number, row in rows:
        if row:
            _check_limits(row, number, layout.column_offset, request)
        if not batch:
            first = number
        batch.append(row)
        cells += len(row)
        if len(batch) >= request.chunk_rows or cells >= request.chunk_cells:
            yield ("rows", first, batch)
            batch, cells = [], 0
    if batch:
        yield ("rows", first, batch)


def _wide_rows(path: str, name: str, member: str) -> Iterator[tuple[int, tuple[Any, ...]]]:
    from prospector.exchange.wide_sheet import WideSheet

    sheet = WideSheet(path, name, member)
    try:
        for number, row in sheet.rows():
            yield number, _clean(row)
    finally:
        sheet.close()


def _wide_sample(path: str, name: str) -> list[tuple[int, tuple[Any, ...]]]:
    from prospector.exchange.wide_sheet import WideSheet

    sheet = WideSheet(path, name)
    try:
        return [(number, _clean(row)) for number, row in sheet.first_rows(SAMPLE_ROWS)]
    finally:
        sheet.close()


def _inspect(workbook: Any, request: Request) -> Iterator[Message]:
    metadata = workbook.sheets_metadata
    yield (
        "sheets",
        [
            (m.name, str(m.visible).rsplit(".", 1)[-1] != "Visible", _is_worksheet(m))
            for m in metadata
        ],
    )
    for meta in metadata:
        wanted = request.sample is None or meta.name in request.sample
        if not (wanted and _is_worksheet(meta)):
            continue
        if meta.name in dict(request.wide):
            yield ("sample", meta.name, None, _wide_sample(request.path, meta.name))
            continue
        sheet = workbook.get_sheet_by_name(meta.name)
        end = sheet.end
        sample = []
        for number, row in _numbered_rows(sheet):
            sample.append((number, row))
            if len(sample) >= SAMPLE_ROWS:
                break
        yield ("sample", meta.name, end[0] + 1 if end else 0, sample)


@dataclass
class _Layout:
    """Where python-calamine's rows start: 0-based offsets of the first row and column."""

    row_offset: int = 0
    column_offset: int = 0


def _numbered_rows(
    sheet: Any, layout: _Layout | None = None
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number as Excel shows it, cleaned row) for every row up to the last with a value.

    python-calamine's iter_rows yields rows from the sheet's first row (A1), but columns from
    the first used column. Should a version start at the first used row instead, its first
    row is not blank, which tells the two apart; a row as wide as the used range starts at
    the first used column.
    """
    layout = layout or _Layout()
    start = sheet.start
    if start is None:
        return
    rows = iter(sheet.iter_rows())
    first = next(rows, None)
    if first is None:
        return
    layout.column_offset = start[1] if len(first) == sheet.width else 0
    first_row = _clean(first)
    layout.row_offset = start[0] if start[0] > 0 and first_row else 0
    yield layout.row_offset + 1, first_row
    for number, row in enumerate(rows, start=layout.row_offset + 2):
        yield number, _clean(row)


def _clean(row: Iterable[Any]) -> tuple[Any, ...]:
    """Empty and blank text to None; times and durations to text; trailing empties dropped.

    One comprehension per row: this runs for every cell of the file.
    """
    cells = [
        (None if not value or value.isspace() else value)
        if (kind := value.__class__) is str
        else (_as_text(value) if kind in _TEXT_KINDS else value)
        for value in row
    ]
    while cells and cells[-1] is None:
        cells.pop()
    return tuple(cells)


def _as_text(value: dt.time | dt.timedelta) -> str:
    """A time of day or a duration, which a Table has no type for, as Excel shows it."""
    if isinstance(value, dt.time):
        return value.isoformat("seconds" if value.second else "minutes")
    return _duration(value)


def _duration(value: dt.timedelta) -> str:
    """A duration as Excel shows [h]:mm:ss."""
    seconds = round(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _check_limits(row: tuple[Any, ...], number: int, column_offset: int, request: Request) -> None:
    """Refuse data below the last allowed row or right of the last allowed column (as Excel
    numbers them, like the parent's scan of the sheet XML)."""
    if number > request.max_rows:
        raise _Refused("too_many_rows", limit=request.max_rows)
    if column_offset + len(row) > request.max_columns:  # the last cell holds data
        first_beyond = max(0, request.max_columns - column_offset)
        index = next(i for i in range(first_beyond, len(row)) if row[i] is not None)
        # The parent turns the column's number into letters.
        raise _Refused(
            "too_many_columns",
            column_number=column_offset + index + 1,
            limit=request.max_columns,
        )


def _first_worksheet(workbook: Any) -> str:
    for meta in workbook.sheets_metadata:
        if _is_worksheet(meta):
            return str(meta.name)
    raise _Refused("empty_file", detail="no worksheet")


def _is_worksheet(meta: Any) -> bool:
    return str(meta.typ).rsplit(".", 1)[-1] == "WorkSheet"


def _error(exc: BaseException) -> Message:
    kind = type(exc).__name__
    code = "password_protected" if kind == "PasswordError" else "damaged"
    return ("error", code, {}, f"{kind}: {exc}")


def _limit_memory(limit: int | None) -> None:
    """Cap the address space (POSIX), so a runaway allocation fails here, not in the system."""
    if limit is None or sys.platform == "win32":
        return
    import resource

    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass  # macOS refuses RLIMIT_AS: the process boundary still protects the app
