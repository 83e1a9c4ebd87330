"""CSV and tab-separated text: encoding and delimiter detection, then rows of text."""

from __future__ import annotations

import codecs
import csv
import io
import logging
import re
from collections import Counter
from collections.abc import Generator, Iterator
from itertools import compress, count
from pathlib import Path
from typing import TextIO

from prospector.exchange.errors import ReadError
from prospector.exchange.ooxml import column_letters
from prospector.exchange.tables import MB, FileFormat, Limits, Row

log = logging.getLogger(__name__)

DELIMITERS = ";,\t"
# Parsing one-column text needs a delimiter that never occurs: the ASCII unit separator.
_NO_DELIMITER = "\x1f"
_SAMPLE_CHARS = 64 * 1024
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Excel's delimiter hint, a first line such as `sep=;` (some tools quote it).
_SEP_HINT = re.compile(r'"?sep=([^\r\n"])"?[ \t]*(?:\r\n|\r|\n|\Z)', re.IGNORECASE)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Rows wider than this are cleaned by finding their few filled fields first.
_WIDE_ROW = 64


def detect_encoding(path: Path, head: bytes) -> str:
    """UTF-8 (with or without BOM) if the whole file decodes strictly, else Windows-1252.

    Latin-1 is the last resort: it decodes anything, and cp1252 fails only on the five bytes
    it leaves undefined.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith(_UTF16_BOMS):
        return "utf-16"  # Excel's "Unicode text": tab-separated UTF-16 with a BOM
    for encoding in ("utf-8", "cp1252"):
        if _decodes(path, encoding):
            return encoding
    return "latin-1"


def detect_delimiter(sample: str) -> str | None:
    """';', ',' or tab: the Sniffer's choice if the rows agree with it, else the best count.

    The Sniffer alone is easily fooled (decimal commas in a semicolon file, a comma inside
    every address), so each candidate is scored by how consistently it splits the sample.
    None means a single column. Excel's `sep=` line, where there is one, decides.
    """
    hint = sep_hint(sample)
    if hint is not None:
        return hint
    scores = {delimiter: _consistency(sample, delimiter) for delimiter in DELIMITERS}
    usable = {d: score for d, score in scores.items() if score[1] >= 2}
    if not usable:
        return None
    best = max(usable, key=lambda d: usable[d])
    try:
        # The Sniffer splits lines at \n only: a Mac file's CRs would make it one line.
        lines = sample.replace("\r\n", "\n").replace("\r", "\n")
        sniffed = csv.Sniffer().sniff(lines, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return best
    if sniffed in usable and usable[sniffed][0] >= usable[best][0] - 0.05:
        return sniffed
    return best


def sep_hint(sample: str) -> str | None:
    """The delimiter an Excel `sep=` first line names, if the sample starts with one."""
    found = _SEP_HINT.match(sample)
    return found.group(1) if found else None


def read_sample(path: Path, encoding: str) -> str:
    """The first 64 K characters, cut after the last complete record."""
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as file:
            sample = file.read(_SAMPLE_CHARS)
    except OSError as exc:
        raise ReadError("unreadable", path, detail=str(exc)) from exc
    return sample[: _record_end(sample)] if len(sample) == _SAMPLE_CHARS else sample


def _record_end(sample: str) -> int:
    """Where the last complete record of a cut-off text ends: after a line break outside
    quotes (a quoted field may hold line breaks), else after the last line break.

    A stray quote in an unquoted field (24" monitor) upsets the count; a cut that would lose
    more than half the sample falls back to the last line break.
    """
    quotes = 0
    record_end = line_end = 0
    for line_break in _LINE_BREAK.finditer(sample):
        quotes += sample.count('"', line_end, line_break.end())
        line_end = line_break.end()
        if quotes % 2 == 0:
            record_end = line_end
    if line_end == 0:  # not even one whole line: keep what there is
        return len(sample)
    if record_end * 2 < line_end:
        return line_end
    return record_end


def estimate_rows(path: Path, sample: str, encoding: str) -> int:
    """Rows in the file, from the sample's bytes per row (progress needs only an estimate)."""
    try:
        # newline="": CR-only (old Mac) and CRLF line ends split records as in the file.
        records = sum(1 for _ in csv.reader(io.StringIO(sample, newline="")))
    except csv.Error:
        records = len(_LINE_BREAK.findall(sample)) or 1
    if records == 0:
        return 0
    sample_bytes = max(1, len(sample.encode(encoding, errors="replace")))
    return max(records, round(path.stat().st_size * records / sample_bytes))


class CsvSource:
    """The rows of a CSV file; a RowSource."""

    format = FileFormat.CSV
    sheet: str | None = None

    def __init__(self, path: Path, limits: Limits, *, encoding: str, delimiter: str | None):
        self.path = path
        self.encoding: str | None = encoding
        self.delimiter = delimiter
        self._limits = limits
        self._estimate = estimate_rows(path, read_sample(path, encoding), encoding)
        self._file: TextIO | None = None

    @property
    def row_count_estimate(self) -> int:
        return self._estimate

    def chunks(self) -> Generator[tuple[int, list[Row]], None, None]:
        try:
            self._file = self.path.open(encoding=self.encoding, newline="")
        except OSError as exc:
            raise ReadError("unreadable", self.path, detail=str(exc)) from exc
        try:
            yield from self._chunks(self._file)
        except UnicodeDecodeError as exc:
            raise ReadError("encoding", self.path, detail=str(exc)) from exc
        finally:
            self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None

    def _chunks(self, file: TextIO) -> Iterator[tuple[int, list[Row]]]:
        counter = _QuoteCounter(file)
        delimiter = self.delimiter or _NO_DELIMITER
        reader = csv.reader(counter, delimiter=delimiter, strict=False)
        limits = self._limits
        rows: list[Row] = []
        first = number = 1
        cells = 0
        row: Row = ()
        try:
            for number, record in enumerate(reader, start=1):
                if number == 1 and _is_sep_hint(record, delimiter):
                    record = []  # Excel's delimiter hint is no row of the table
                row = self._clean(record, number)
                rows.append(row)
                cells += len(row)
                if len(rows) >= limits.chunk_rows or cells >= limits.chunk_cells:
                    yield first, rows
                    first, rows, cells = number + 1, [], 0
        except csv.Error as exc:
            log.info("CSV error in %s after row %s: %s", self.path, number, exc)
            if "field larger than field limit" in str(exc):  # a quote that is never closed
                raise ReadError(
                    "csv_malformed", self.path, row=number + 1, detail=str(exc)
                ) from exc
            raise ReadError("damaged", self.path, detail=str(exc)) from exc
        if counter.quotes % 2 and any(isinstance(v, str) and "\n" in v for v in row):
            # Without `strict`, csv reads the rest of the file into the field whose quote is
            # never closed. A stray quote inside an unquoted field (24" monitor) makes the
            # count odd too, but does not swallow line breaks.
            raise ReadError("csv_malformed", self.path, row=number, detail="odd quote count")
        if rows:
            yield first, rows

    def _clean(self, record: list[str], number: int) -> Row:
        cells: list[str | None]
        if len(record) > _WIDE_ROW:  # mostly empty fields: look at the filled ones only
            cells = [None] * len(record)
            for index in compress(count(), record):
                if not record[index].isspace():
                    cells[index] = record[index]
        else:
            cells = [None if not v or v.isspace() else v for v in record]
        while cells and cells[-1] is None:
            cells.pop()
        if cells:
            if len(cells) > self._limits.max_columns:
                raise ReadError(
                    "too_many_columns",
                    self.path,
                    column=column_letters(len(cells)),
                    limit=self._limits.max_columns,
                )
            if number > self._limits.max_rows:
                raise ReadError("too_many_rows", self.path, limit=self._limits.max_rows)
        return tuple(cells)


def _is_sep_hint(record: list[str], delimiter: str) -> bool:
    return (
        len(record) <= 2 and delimiter.join(record).strip().strip('"').lower() == f"sep={delimiter}"
    )


class _QuoteCounter:
    """Lines of a text file, counting the quote characters that pass by."""

    def __init__(self, file: TextIO) -> None:
        self._file = file
        self.quotes = 0

    def __iter__(self) -> Iterator[str]:
        for line in self._file:
            self.quotes += line.count('"')
            yield line


def _consistency(sample: str, delimiter: str) -> tuple[float, int]:
    """(share of rows with the most common width, that width) when split by `delimiter`."""
    try:
        widths = [
            len(record)
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter)
            if any(field.strip() for field in record)
        ]
    except csv.Error:
        return (0.0, 0)
    if not widths:
        return (0.0, 0)
    # Of equally common widths the wider: a short file's preamble lines (one cell each) must
    # not outvote its table.
    width, count = max(Counter(widths).items(), key=lambda item: (item[1], item[0]))
    return (round(count / len(widths), 2), width)


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as file:
            while chunk := file.read(MB):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    except OSError as exc:
        raise ReadError("unreadable", path, detail=str(exc)) from exc
    return True
