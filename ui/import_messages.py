"""Translated texts of the import: field names, row actions, unreadable files, refused rows."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject

from prospector.exchange.errors import ReadError
from prospector.exchange.rows import RejectedRow, RowProblem
from prospector.services.import_plan import Action, PlannedRow
from prospector.services.import_run import ImportSummary
from ui.labels import company_field_label, duplicate_reason_label

log = logging.getLogger(__name__)

translate = QCoreApplication.translate

# Literal strings inside translate("ImportMessages", …) so that lupdate finds them; built per
# call so that a language switch takes effect at once.

_OTHER_FIELDS: dict[str, Callable[[], str]] = {
    "name": lambda: translate("ImportMessages", "Company name"),
    "company_id": lambda: translate("ImportMessages", "Company ID (from an export)"),
    "contact_id": lambda: translate("ImportMessages", "Person ID (from an export)"),
    "row_kind": lambda: translate("ImportMessages", "Row type (company or person)"),
    "tags": lambda: translate("ImportMessages", "Tags"),
    "salutation": lambda: translate("ImportMessages", "Salutation"),
    "academic_title": lambda: translate("ImportMessages", "Academic title"),
    "first_name": lambda: translate("ImportMessages", "First name"),
    "last_name": lambda: translate("ImportMessages", "Last name"),
    "full_name": lambda: translate("ImportMessages", "Full name"),
    "job_title": lambda: translate("ImportMessages", "Job title"),
    "department": lambda: translate("ImportMessages", "Department"),
    "contact_phone": lambda: translate("ImportMessages", "Direct phone"),
    "mobile": lambda: translate("ImportMessages", "Mobile"),
    "contact_email": lambda: translate("ImportMessages", "Person's e-mail"),
    "linkedin": lambda: translate("ImportMessages", "LinkedIn"),
    "decision_role": lambda: translate("ImportMessages", "Decision role"),
    "lead_status": lambda: translate("ImportMessages", "Lead status"),
    "legal_basis": lambda: translate("ImportMessages", "Legal basis"),
    "data_source": lambda: translate("ImportMessages", "Data source"),
    "do_not_contact": lambda: translate("ImportMessages", "Do not contact (objection)"),
    "do_not_contact_since": lambda: translate("ImportMessages", "Objection since"),
    "do_not_contact_reason": lambda: translate("ImportMessages", "Reason for the objection"),
}


def field_label(key: str) -> str:
    """The name of an importable field (prospector.exchange.columns) as the wizard shows it."""
    other = _OTHER_FIELDS.get(key)
    return other() if other is not None else company_field_label(key)


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

_PROBLEMS: dict[str, Callable[[], str]] = {
    "required": lambda: translate("ImportMessages", "required, but empty."),
    "too_long": lambda: translate("ImportMessages", "longer than {limit} characters."),
    "phone_invalid": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a valid phone number."
    ),
    "email_invalid": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not an e-mail address."
    ),
    "website_invalid": lambda: translate(
        "ImportMessages", "not a web address such as www.example.de."
    ),
    "postcode_invalid": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a German postcode (five digits)."
    ),
    "country_invalid": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a two-letter country code such as DE."
    ),
    "negative": lambda: translate("ImportMessages", "must not be negative."),
    "empty": lambda: translate("ImportMessages", "The row holds nothing to import."),
    "no_company": lambda: translate(
        "ImportMessages", "a person needs the name or the ID of their company."
    ),
    "unknown_id": lambda: translate("ImportMessages", "no company has the ID {id}."),
    "unknown_person_id": lambda: translate(
        "ImportMessages", "the company has no person with the ID {id}."
    ),
    "objection_dated_today": lambda: translate(
        "ImportMessages", "no date given for the objection; today's date is recorded."
    ),
}

# Why a cell could not be converted ("invalid"), by the reader's English reason.
_INVALID: dict[str, Callable[[], str]] = {
    "not a number": lambda: translate("ImportMessages", "\u201c{value}\u201d is not a number."),
    "a date, not a number": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is a date, not a number."
    ),
    "not a whole number": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a whole number."
    ),
    "unknown value": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not one of the values this field knows."
    ),
    "not a date": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a date such as 31.12.2024."
    ),
    "not yes or no": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is neither yes nor no (ja, nein, x)."
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


def _problem_template(problem: RowProblem) -> Callable[[], str] | None:
    if problem.code == "invalid":
        reason = problem.message.split(" '", 1)[0]  # "unknown value 'x'" -> "unknown value"
        return _INVALID.get(reason)
    return _PROBLEMS.get(problem.code)


def problem_text(problem: RowProblem) -> str:
    """'Phone: “0341 12” is not a valid phone number.' — the field, then what is wrong."""
    template = _problem_template(problem)
    try:
        text = template().format(**problem.params) if template else problem.message
    except (KeyError, IndexError):
        text = problem.message
    if not problem.field or problem.code == "empty":
        return text
    return translate("ImportMessages", "{field}: {problem}").format(
        field=field_label(problem.field), problem=text
    )


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

    def text(self, summary: ImportSummary) -> str:
        new, updated, people = (
            summary.new_companies,
            summary.updated_companies,
            summary.new_contacts,
        )
        skipped, errors = summary.skipped, summary.errors
        parts = [
            self.tr("%Ln new companies", "", new),
            self.tr("%Ln updates", "", updated),
            self.tr("%Ln new contacts", "", people),
        ]
        if summary.updated_contacts:
            parts.append(self.tr("%Ln contacts updated", "", summary.updated_contacts))
        parts += [
            self.tr("%Ln skipped as duplicates", "", skipped),
            self.tr("%Ln rows with errors", "", errors),
        ]
        return self.tr(", ").join(parts)


def counts_text(summary: ImportSummary) -> str:
    """'1,204 new companies, 37 updates, 80 new contacts, 12 skipped as duplicates, 3 rows
    with errors' in the user's language and number format."""
    return _Counts().text(summary)


def rejected_text(row: RejectedRow) -> str:
    """'Row 7: Phone: “0341 12” is not a valid phone number.'"""
    reasons = " ".join(problem_text(p) for p in row.reasons)
    return translate("ImportMessages", "Row {line}: {reasons}").format(
        line=row.line, reasons=reasons
    )
