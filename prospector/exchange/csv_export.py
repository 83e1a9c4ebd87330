"""CSV output for Excel: one file per sheet, text neutralised, German numbers and dates."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from prospector.exchange.cells import Cleaner, neutralise_csv
from prospector.exchange.export_rows import Kind, Row, Sheet

DELIMITERS = (";", ",", "\t")
# Excel reads UTF-8 only with the byte order mark; without it umlauts turn into mojibake.
ENCODING = "utf-8-sig"


class CsvSheet:
    """One sheet written as CSV rows to an open text file (opened with newline="")."""

    def __init__(self, out: IO[str], sheet: Sheet, clean: Cleaner, delimiter: str = ";") -> None:
        if delimiter not in DELIMITERS:
            raise ValueError(f"unsupported CSV delimiter {delimiter!r}")
        self.sheet = sheet
        self.rows = 0
        self._clean = clean
        self._kinds = [c.kind for c in sheet.columns]
        # German Excel splits ";"-files and reads "1234,50"; with "," the comma is taken.
        self._decimal_comma = delimiter != ","
        self._writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
        self._writer.writerow(sheet.headers)

    def add(self, rows: Sequence[Row]) -> None:
        self._writer.writerows(self._fields(row) for row in rows)

    def _fields(self, values: Row) -> Iterator[str]:
        self.rows += 1
        row_number = self.rows + 1
        for index, value in enumerate(values):
            yield self._field(index, value, row_number)

    def _field(self, index: int, value: Any, row_number: int) -> str:
        if value is None:
            return ""
        kind = self._kinds[index]
        if kind is Kind.TEXT or kind is Kind.CODE:
            header = self.sheet.columns[index].header
            return neutralise_csv(self._clean(str(value), self.sheet.title, row_number, header))
        if kind is Kind.MONEY:
            text = f"{Decimal(value):.2f}"
            return text.replace(".", ",") if self._decimal_comma else text
        if kind is Kind.DATETIME:
            assert isinstance(value, dt.datetime)
            return value.strftime("%d.%m.%Y %H:%M")
        if kind is Kind.DATE:
            assert isinstance(value, dt.date)
            return value.strftime("%d.%m.%Y")
        return str(value)
