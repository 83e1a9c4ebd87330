"""The one error a spreadsheet or CSV file that cannot be read ends in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from prospector.errors import ProspectorError

_AGAIN = "Open it in Excel or LibreOffice, save it again and retry."

# One English sentence per reason; the UI translates by `code` and fills in the same params.
TEMPLATES: dict[str, str] = {
    "unreadable": (
        "The file {file} cannot be opened. Check that it exists and that you may read it."
    ),
    "empty_file": "The file {file} cannot be read: it is empty.",
    "unknown_format": (
        "The file {file} cannot be read: it is not an Excel workbook (.xlsx, .xlsm, .xls), "
        "an OpenDocument spreadsheet (.ods) or a CSV text file. "
        "Save it as an Excel workbook (.xlsx) or as CSV and try again."
    ),
    "html_file": (
        "The file {file} cannot be read: it is a web page (HTML), not a real spreadsheet, "
        "even if its name says otherwise. Open it in Excel and save it as an Excel workbook "
        "(.xlsx)."
    ),
    "damaged": f"The file {{file}} cannot be read: it is damaged or incomplete. {_AGAIN}",
    "password_protected": (
        "The file {file} cannot be read: it is protected with a password. "
        "Remove the password in Excel and save it again."
    ),
    "too_large": (
        "The file {file} cannot be read: it holds {size_mb} MB of data, more than the "
        "{limit_mb} MB that can be imported at once. Split it into smaller files."
    ),
    "zip_bomb": (
        "The file {file} cannot be read: it is packed so that it would unpack to far more data "
        "than a spreadsheet holds, which can make the computer stop responding. "
        "Ask the sender for a copy saved directly from Excel."
    ),
    "xml_bomb": (
        "The file {file} cannot be read: it contains XML entity definitions that spreadsheets "
        "never use and that can exhaust the memory. Ask the sender for a copy saved directly "
        "from Excel."
    ),
    "too_many_rows": (
        "The file {file} cannot be read: it has more than {limit} rows. "
        "Split it into files of at most {limit} rows."
    ),
    "too_many_columns": (
        "The file {file} cannot be read: it has data in column {column}, beyond the {limit} "
        "columns that can be imported. Delete the columns you do not need and save it again."
    ),
    "reader_crashed": (
        "The file {file} cannot be read: the spreadsheet reader stopped unexpectedly, "
        f"so the file is probably damaged. {_AGAIN}"
    ),
    "no_header": (
        "The file {file} cannot be read: no row naming the columns was found in its first "
        "{rows} rows. Add a row with column names (for example Firma, PLZ, Ort) above the data."
    ),
    "header_row_empty": (
        "The file {file} cannot be read with row {row} as the column names: that row is empty "
        "or beyond the first rows. Choose a row with the column names."
    ),
    "no_rows": (
        "The file {file} has column names in row {row} but no rows of data below them: "
        "there is nothing to import."
    ),
    "instructions_sheet": (
        "The file {file} cannot be imported from the sheet \u201c{sheet}\u201d: it holds "
        "instructions, not a table of records."
    ),
    "sheet_not_found": (
        "The file {file} has no sheet named \u201c{sheet}\u201d. Choose one of: {sheets}."
    ),
    "empty_sheet": "The file {file} cannot be read: the sheet \u201c{sheet}\u201d is empty.",
    "encoding": (
        "The file {file} cannot be read: its text is not in a known encoding. "
        "Save it again as \u201cCSV UTF-8\u201d from Excel."
    ),
    "csv_malformed": (
        "The file {file} cannot be read: a quoted field that starts in row {row} is never "
        'closed. Check the quotation marks (") in that row, or save the file again from Excel.'
    ),
}


class ReadError(ProspectorError):
    """A file cannot be read; `code` says why, `params` always hold the file's name."""

    code = "read"
    template = "The file {file} cannot be read."

    def __init__(
        self, code: str, path: Path | str, *, detail: str | None = None, **params: Any
    ) -> None:
        if code not in TEMPLATES:
            raise ValueError(f"unknown read error code {code!r}")
        self.code = code
        self.template = TEMPLATES[code]
        self.path = Path(path)
        self.detail = detail  # the library's own words, for the log only
        super().__init__(file=self.path.name, **params)
