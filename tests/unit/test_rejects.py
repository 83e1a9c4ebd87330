"""The file of rows not imported: original values, a reason column, text kept as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from prospector.exchange.rejects import SHEET_TITLE, write_rejected
from prospector.exchange.rows import RejectedRow, RowProblem

HEADERS = ("Firma", "PLZ", "Telefon", "Gegründet")
PHONE = RowProblem("phone", "phone_invalid", "'0341 12' is not a valid phone number", {})
NAME = RowProblem("name", "required", "a company name is required")


def _read(path: Path) -> list[tuple[object, ...]]:
    workbook = openpyxl.load_workbook(path)
    try:
        assert workbook.sheetnames == [SHEET_TITLE]
        return list(workbook[SHEET_TITLE].iter_rows(values_only=True))
    finally:
        workbook.close()


def test_rows_keep_their_values_and_get_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "nicht importiert.xlsx"
    rejected = [
        RejectedRow(7, ("Bäckerei Groß", "04109", "0341 12", dt.datetime(1990, 5, 1)), (PHONE,)),
        RejectedRow(9, (None, "01069", 351.0, None), (NAME, PHONE)),
    ]
    write_rejected(path, HEADERS, rejected)
    rows = _read(path)
    assert rows[0] == (*HEADERS, "Grund")
    assert rows[1] == (
        "Bäckerei Groß",
        "04109",
        "0341 12",
        dt.datetime(1990, 5, 1),
        "phone: '0341 12' is not a valid phone number",
    )
    assert rows[2][:4] == (None, "01069", 351.0, None)
    assert rows[2][4] == (
        "name: a company name is required; phone: '0341 12' is not a valid phone number"
    )


def test_text_never_becomes_a_formula_or_an_error_value(tmp_path: Path) -> None:
    path = tmp_path / "rejects.xlsx"
    values = ('=HYPERLINK("http://x")', "#N/A", "01069", "bell\x07")
    write_rejected(path, HEADERS, [RejectedRow(2, values, (NAME,))])
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[SHEET_TITLE]
    cells = [sheet.cell(2, column) for column in range(1, 5)]
    assert [c.data_type for c in cells] == ["s", "s", "s", "s"]
    assert [c.value for c in cells] == ['=HYPERLINK("http://x")', "#N/A", "01069", "bell"]
    workbook.close()


def test_a_translated_reason_and_short_or_long_rows(tmp_path: Path) -> None:
    path = tmp_path / "rejects.xlsx"
    rejected = [
        RejectedRow(3, ("Nur Firma",), (NAME,)),
        RejectedRow(4, ("A", "B", "C", "D", "beyond the last header"), (NAME,)),
    ]
    write_rejected(
        path, HEADERS, rejected, reason_header="Reason", describe=lambda p: f"[{p.code}]"
    )
    rows = _read(path)
    assert rows[0][-1] == "Reason"
    assert rows[1] == ("Nur Firma", None, None, None, "[required]")
    assert rows[2] == ("A", "B", "C", "D", "[required]")


def test_a_failed_write_leaves_no_file_behind(tmp_path: Path) -> None:
    folder = tmp_path / "missing"
    with pytest.raises(FileNotFoundError):
        write_rejected(folder / "rejects.xlsx", HEADERS, [])
    target = tmp_path / "rejects.xlsx"
    target.write_bytes(b"old")
    write_rejected(target, HEADERS, [])
    assert _read(target) == [(*HEADERS, "Grund")]
    assert [p.name for p in tmp_path.iterdir()] == ["rejects.xlsx"]
