"""What the readers return: formats, limits, sheets, tables and chunks of rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from prospector.exchange.formats import Detected

# A cell as read: text stays text (codes such as "01069" keep their zeros), Excel numbers are
# floats (95101.0), dates are dates. Empty and blank cells are None.
CellValue = str | int | float | Decimal | dt.datetime | dt.date | bool | None
Row = tuple[CellValue, ...]

MB = 1024 * 1024


class FileFormat(StrEnum):
    """What a file really is, judged by its content."""

    XLSX = "xlsx"
    XLSM = "xlsm"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"

    @property
    def is_workbook(self) -> bool:
        return self is not FileFormat.CSV


@dataclass(frozen=True)
class Limits:
    """What an untrusted file may claim before reading stops with a ReadError."""

    max_file_bytes: int = 200 * MB
    max_zip_entries: int = 10_000
    max_unpacked_bytes: int = 1024 * MB
    max_compression_ratio: int = 200
    max_rows: int = 1_000_000
    max_columns: int = 16_384  # Excel's own limit (XFD); columns without data are dropped
    # Address-space cap of the reader process (POSIX only); None leaves it unlimited.
    reader_memory_bytes: int | None = 4096 * MB
    header_scan_rows: int = 30  # the header must be among the first rows with content
    chunk_rows: int = 10_000
    # A chunk also ends at this many cells, so that rows thousands of columns wide (mostly
    # empty, before the empty columns are dropped) never pile up.
    chunk_cells: int = 1_000_000


@dataclass(frozen=True)
class FileStamp:
    """A file's size and modification time: what was checked of it holds while both stay."""

    size: int
    modified_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        """The file's stamp now; None if it cannot be looked at (reading it says why)."""
        try:
            found = path.stat()
        except OSError:
            return None
        return cls(found.st_size, found.st_mtime_ns)


@dataclass(frozen=True)
class SheetInfo:
    """One sheet of a workbook (a CSV file has one, named after the file)."""

    name: str
    index: int  # position in the workbook, 0-based
    row_count_estimate: int  # rows up to the last one with content; declared, not counted
    looks_like_instructions: bool
    hidden: bool = False


@dataclass(frozen=True)
class WorkbookInfo:
    """What a file holds: its real format and its sheets, data sheets first."""

    path: Path
    format: FileFormat
    sheets: tuple[SheetInfo, ...]
    suggested_sheet: str | None
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only
    # What the safety checks found; reading the file with this info does not look again
    # as long as the file is unchanged.
    detected: Detected | None = field(default=None, repr=False)


@dataclass(frozen=True)
class TableHead:
    """Where a table starts: its header row and column names."""

    path: Path
    format: FileFormat
    sheet: str | None  # None for CSV
    header_row_index: int  # 0-based; the user sees row header_row_index + 1
    headers: tuple[str, ...]
    row_count_estimate: int
    encoding: str | None = None
    delimiter: str | None = None


@dataclass(frozen=True)
class RowChunk:
    """Consecutive data rows of a table, with the row numbers the user sees in Excel."""

    rows: list[Row]
    source_row_numbers: list[int]
    skipped_empty: tuple[int, ...] = ()  # empty rows between data rows, by row number


@dataclass(frozen=True)
class Table:
    """A whole table read into memory: headers, data rows and where each row came from."""

    path: Path  # the file it was read from
    header_row_index: int  # 0-based; the user sees row header_row_index + 1
    headers: tuple[str, ...]
    rows: list[Row]
    source_row_numbers: list[int]  # 1-based, as the user sees them in Excel
    sheet: str | None  # None for CSV
    format: FileFormat
    encoding: str | None = None  # CSV only: "utf-8", "utf-8-sig", "cp1252", ...
    delimiter: str | None = None  # CSV only
    skipped_empty: tuple[int, ...] = ()

    @property
    def header_row_number(self) -> int:
        return self.header_row_index + 1


class RowSource(Protocol):
    """Raw rows of one sheet, as a reader produces them (internal to the readers).

    Each chunk is (row number of its first row, rows); rows are consecutive, cleaned (empty
    and blank cells are None, trailing empty cells dropped) and an empty row is `()`.
    """

    path: Path
    format: FileFormat
    sheet: str | None
    encoding: str | None
    delimiter: str | None

    @property
    def row_count_estimate(self) -> int: ...

    def chunks(self) -> Generator[tuple[int, list[Row]], None, None]: ...

    def close(self) -> None: ...
