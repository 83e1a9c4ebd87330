"""Translated texts of the import: field names, row actions, unreadable files, refused rows."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from prospector.exchange.errors import ReadError
from prospector.exchange.rows import RejectedRow
from prospector.import_texts import problem_text, reason_text
from prospector.services.import_plan import Action, PlannedRow
from prospector.services.import_run import ImportSummary, ReasonCount
from ui.labels import duplicate_reason_label

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

# Literal strings inside translate("ImportMessages", …) so that lupdate finds them; built per
# call so that a language switch takes effect at once.


def action_label(action: Action) -> str:
    """What the import does with a row, as the preview says it."""
    labels = {
        Action.NEW: translate("ImportMessages", "New"),
        Action.UPDATE: translate("ImportMessages", "Update"),
        Action.SKIP: translate("ImportMessages", "Skip"),
        Action.LINK: translate("ImportMessages", "Add person"),
        Action.ERROR: translate("ImportMessages", "Error"),
    }
    return labels[action]


_READ_ERRORS: dict[str, Callable[[], str]] = {
    "unreadable": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be opened. Check that it exists and that you may read it.",
    ),
    "empty_file": lambda: translate(
        "ImportMessages", "The file {file} cannot be read: it is empty."
    ),
    "unknown_format": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it is not an Excel workbook (.xlsx, .xlsm, .xls), "
        "an OpenDocument spreadsheet (.ods) or a CSV text file. "
        "Save it as an Excel workbook (.xlsx) or as CSV and try again.",
    ),
    "html_file": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it is a web page (HTML), not a real spreadsheet, "
        "even if its name says otherwise. Open it in Excel and save it as an Excel workbook "
        "(.xlsx).",
    ),
    "damaged": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it is damaged or incomplete. "
        "Open it in Excel or LibreOffice, save it again and retry.",
    ),
    "password_protected": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it is protected with a password. "
        "Remove the password in Excel and save it again.",
    ),
    "too_large": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it holds {size_mb} MB of data, more than the "
        "{limit_mb} MB that can be imported at once. Split it into smaller files.",
    ),
    "zip_bomb": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it is packed so that it would unpack to far more data "
        "than a spreadsheet holds, which can make the computer stop responding. "
        "Ask the sender for a copy saved directly from Excel.",
    ),
    "xml_bomb": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it contains XML entity definitions that spreadsheets "
        "never use and that can exhaust the memory. Ask the sender for a copy saved directly "
        "from Excel.",
    ),
    "too_many_rows": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it has more than {limit} rows. "
        "Split it into files of at most {limit} rows.",
    ),
    "too_many_columns": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: it has data in column {column}, beyond the {limit} "
        "columns that can be imported. Delete the columns you do not need and save it again.",
    ),
    "reader_crashed": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: the spreadsheet reader stopped unexpectedly, "
        "so the file is probably damaged. "
        "Open it in Excel or LibreOffice, save it again and retry.",
    ),
    "no_header": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: no row naming the columns was found in its first "
        "{rows} rows. Add a row with column names (for example Firma, PLZ, Ort) above the data.",
    ),
    "header_row_empty": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read with row {row} as the column names: that row is empty "
        "or beyond the first rows. Choose a row with the column names.",
    ),
    "no_rows": lambda: translate(
        "ImportMessages",
        "The file {file} has column names in row {row} but no rows of data below them: "
        "there is nothing to import.",
    ),
    "instructions_sheet": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be imported from the sheet \u201c{sheet}\u201d: it holds "
        "instructions, not a table of records.",
    ),
    "sheet_not_found": lambda: translate(
        "ImportMessages",
        "The file {file} has no sheet named \u201c{sheet}\u201d. Choose one of: {sheets}.",
    ),
    "empty_sheet": lambda: translate(
        "ImportMessages", "The file {file} cannot be read: the sheet \u201c{sheet}\u201d is empty."
    ),
    "encoding": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: its text is not in a known encoding. "
        "Save it again as \u201cCSV UTF-8\u201d from Excel.",
    ),
    "csv_malformed": lambda: translate(
        "ImportMessages",
        "The file {file} cannot be read: a quoted field that starts in row {row} is never "
        'closed. Check the quotation marks (") in that row, or save the file again from Excel.',
    ),
}


def read_error_text(error: ReadError) -> str:
    """The one sentence saying why a file cannot be read, in the user's language."""
    template = _READ_ERRORS.get(error.code)
    if template is None:
        return error.message
    try:
        return template().format(**error.params)
    except (KeyError, IndexError):
        log.warning("read error text for %s does not fit %s", error.code, error.params)
        return error.message


def match_text(row: PlannedRow) -> str | None:
    """Why a row updates, links to or skips a company or a person: what it matched."""
    if row.same_as_line is not None:
        line = str(row.same_as_line)
        if row.action is Action.LINK:
            return translate("ImportMessages", "Person added to the company of row {line}.").format(
                line=line
            )
        return translate("ImportMessages", "Same company as row {line}; skipped.").format(line=line)
    if row.target_id is None:
        return None
    if row.person_id is not None:
        return translate("ImportMessages", "Updates the person already in the database (same ID).")
    reason = duplicate_reason_label(row.reason) if row.reason else ""
    texts = {
        Action.SKIP: translate("ImportMessages", "Already in the database ({reason}); skipped."),
        Action.UPDATE: translate(
            "ImportMessages", "Updates the company already in the database ({reason})."
        ),
        Action.LINK: translate(
            "ImportMessages", "Person added to the company in the database ({reason})."
        ),
    }
    text = texts.get(row.action)
    return text.format(reason=reason) if text else None


class _Counts(QObject):
    """Plural texts come from tr(): lupdate reads plural forms only from there."""

    def rows(self, summary: ImportSummary) -> str:
        """Every row's fate: imported (some with warnings), skipped, refused."""
        imported = self.tr("%Ln rows imported", "", summary.imported)
        if summary.warned:
            imported += " " + self.tr("(%Ln of them with notes)", "", summary.warned)
        parts = [
            imported,
            self.tr("%Ln skipped as duplicates", "", summary.skipped_rows),
            self.tr("%Ln refused", "", summary.errors),
        ]
        return self.tr(", ").join(parts)

    def records(self, summary: ImportSummary) -> str:
        """What the imported rows changed in the database."""
        parts = [
            self.tr("%Ln new companies", "", summary.new_companies),
            self.tr("%Ln updates", "", summary.updated_companies),
            self.tr("%Ln new contacts", "", summary.new_contacts),
        ]
        if summary.updated_contacts:
            parts.append(self.tr("%Ln contacts updated", "", summary.updated_contacts))
        return self.tr(", ").join(parts)


def counts_text(summary: ImportSummary) -> str:
    """'1,204 rows imported (3 of them with notes), 12 skipped as duplicates, 3 refused:
    1,150 new companies, 37 updates, 80 new contacts' in the user's language."""
    counts = _Counts()
    return translate("ImportMessages", "{rows}: {records}").format(
        rows=counts.rows(summary), records=counts.records(summary)
    )


def reason_lines(reasons: Sequence[ReasonCount], shown: int = 8) -> list[str]:
    """'412 × Country: not recognised', the most frequent reasons first."""
    locale = QLocale()
    lines = [
        translate("ImportMessages", "{count} \u00d7 {reason}").format(
            count=locale.toString(reason.rows), reason=reason_text(reason.example)
        )
        for reason in reasons[:shown]
    ]
    more = sum(reason.rows for reason in reasons[shown:])
    if more:
        lines.append(
            translate("ImportMessages", "{count} \u00d7 other reasons").format(
                count=locale.toString(more)
            )
        )
    return lines


def reasons_text(summary: ImportSummary) -> str:
    """The reasons of the warnings and refusals, grouped and counted, one per line."""
    blocks = []
    if summary.warnings:
        blocks.append(
            "\n".join(
                [
                    translate("ImportMessages", "Imported with a note in the record:"),
                    *reason_lines(summary.warnings),
                ]
            )
        )
    if summary.refusals:
        blocks.append(
            "\n".join(
                [translate("ImportMessages", "Not imported:"), *reason_lines(summary.refusals)]
            )
        )
    return "\n\n".join(blocks)


def rejected_text(row: RejectedRow) -> str:
    """'Row 7: Phone: “0341 12” is not a valid phone number.'"""
    reasons = " ".join(problem_text(p) for p in row.reasons)
    return translate("ImportMessages", "Row {line}: {reasons}").format(
        line=row.line, reasons=reasons
    )
