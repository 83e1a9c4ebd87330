"""The rows an import refused, written to an .xlsx file with the reason next to each."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from prospector.exchange.cells import clean_text
from prospector.exchange.rows import RejectedRow, RowProblem

SHEET_TITLE = "Nicht importiert"
_BOLD = Font(bold=True)


def describe_problem(problem: RowProblem) -> str:
    """The English reason, as the command line prints it: 'phone: … is not a valid …'."""
    return f"{problem.field or 'row'}: {problem.message}"


def write_rejected(
    path: Path,
    headers: Sequence[str],
    rejected: Sequence[RejectedRow],
    *,
    reason_header: str = "Grund",
    describe: Callable[[RowProblem], str] = describe_problem,
) -> None:
    """The refused rows with the file's own headers and a reason column, so the user can fix
    them and import this file again. The file appears whole or not at all."""
    path = Path(path)
    # Saved beside the target and then renamed: a failure never leaves half a file behind.
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=path.parent)
    os.close(handle)
    workbook = Workbook(write_only=True)
    try:
        _fill(workbook, headers, rejected, reason_header, describe)
        workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        _discard(workbook)
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _fill(
    workbook: Any,
    headers: Sequence[str],
    rejected: Sequence[RejectedRow],
    reason_header: str,
    describe: Callable[[RowProblem], str],
) -> None:
    sheet = workbook.create_sheet(SHEET_TITLE)
    sheet.freeze_panes = "A2"  # a write-only sheet takes its view before the first row
    sheet.append([_text(sheet, h, font=_BOLD) for h in (*headers, reason_header)])
    width = len(headers)
    for row in rejected:
        values = list(row.values[:width]) + [None] * (width - len(row.values))
        reasons = "; ".join(describe(problem) for problem in row.reasons)
        sheet.append([_cell(sheet, value) for value in values] + [_text(sheet, reasons)])


def _discard(workbook: Any) -> None:
    """Close the write-only sheets' temporary files, which only a save would remove."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError, ValueError):
                writer.close()
                writer.cleanup()


def _cell(sheet: Any, value: Any) -> Any:
    if isinstance(value, str):
        return _text(sheet, value)
    return value  # numbers and dates keep their type, as they were in the file


def _text(sheet: Any, text: str, **style: Any) -> Any:
    """Text as a text cell: openpyxl would turn '=…' into a formula and '#N/A' into an error."""
    cleaned, _removed, _cut = clean_text(text)  # characters Excel refuses to open
    if not cleaned:
        return None
    cell = WriteOnlyCell(sheet, value=cleaned)
    cell.data_type = "s"
    for name, value in style.items():
        setattr(cell, name, value)
    return cell
