"""Errors as one translated sentence each; details go to the log, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from prospector.errors import FieldProblem, ProspectorError

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


def _entity(name: str) -> str:
    names = {
        "company": translate("Messages", "company"),
        "contact": translate("Messages", "contact"),
        "saved view": translate("Messages", "saved view"),
        "team member": translate("Messages", "team member"),
    }
    return names.get(name, name)


_TEMPLATES: dict[str, Callable[[], str]] = {
    "not_a_database": lambda: translate(
        "Messages", "{location} is not a Prospector database. Choose another file or a new one."
    ),
    "foreign_database": lambda: translate(
        "Messages",
        "{location} is a database of another program, not of Prospector. "
        "Choose another file or a new one.",
    ),
    "database_too_new": lambda: translate(
        "Messages",
        "{location} was written by a newer version of Prospector (schema {revision}). "
        "Install the newer version to open it.",
    ),
    "database_read_only": lambda: translate(
        "Messages",
        "{location} is read-only. Make the file and its folder writable, "
        "or choose another database.",
    ),
    "database_locked": lambda: translate(
        "Messages",
        "{location} is locked by another program. Close the other program and try again.",
    ),
    "database_unreachable": lambda: translate(
        "Messages", "The database server at {location} cannot be reached: {reason}"
    ),
    "database": lambda: translate("Messages", "The database {location} cannot be used: {reason}"),
    "export_failed": lambda: translate("Messages", "The export to {path} failed: {reason}"),
    "export_too_large": lambda: translate(
        "Messages",
        "The sheet {sheet} would have more than {limit} rows, more than Excel can open. "
        "Export to CSV, or export fewer companies.",
    ),
    "export_target_in_use": lambda: translate(
        "Messages",
        "{path} cannot be replaced; it may be open in Excel. Close it there and export again.",
    ),
    "not_found": lambda: translate(
        "Messages", "The {entity} with number {id} no longer exists; it may have been deleted."
    ),
    "concurrent_edit": lambda: translate(
        "Messages",
        "The {entity} \u201c{name}\u201d was changed by someone else since you opened it. "
        "Reload it to see the changes.",
    ),
    "undo_outdated": lambda: translate(
        "Messages",
        "This can no longer be undone or redone: {count} of the companies were changed or "
        "deleted since.",
    ),
}

_FIELD_TEMPLATES: dict[str, Callable[[], str]] = {
    "required": lambda: translate("Messages", "Required."),
    "too_long": lambda: translate("Messages", "At most {limit} characters."),
    "phone_invalid": lambda: translate(
        "Messages",
        "\u201c{value}\u201d is not a valid phone number. Enter it with area code, "
        "e.g. 0351 123456 or +49 351 123456.",
    ),
    "email_invalid": lambda: translate("Messages", "\u201c{value}\u201d is not an e-mail address."),
    "website_invalid": lambda: translate("Messages", "Not a web address such as www.example.de."),
    "postcode_invalid": lambda: translate(
        "Messages", "\u201c{value}\u201d is not a postcode (country: {country}, e.g. {example})."
    ),
    "country_invalid": lambda: translate(
        "Messages",
        "\u201c{value}\u201d is not a country. Enter its name or code, e.g. \u00d6sterreich or AT.",
    ),
    "vat_id_invalid": lambda: translate(
        "Messages", "\u201c{value}\u201d is not a valid VAT ID, e.g. DE136695976."
    ),
    "negative": lambda: translate("Messages", "Must not be negative."),
    "number_invalid": lambda: translate("Messages", "Not a number, e.g. 2.500.000."),
}


def describe(error: BaseException) -> str:
    """One sentence for the user, in their language."""
    if isinstance(error, ProspectorError):
        template = _TEMPLATES.get(error.code)
        if template is not None:
            params = dict(error.params)
            if "entity" in params:
                params["entity"] = _entity(str(params["entity"]))
            try:
                return template().format(**params)
            except (KeyError, IndexError):
                log.warning("message template for %s does not fit %s", error.code, params)
        return error.message
    return translate(
        "Messages", "An unexpected error occurred: {reason}. The details are in the log file."
    ).format(reason=type(error).__name__)


def describe_field(problem: FieldProblem) -> str:
    template = _FIELD_TEMPLATES.get(problem.code)
    if template is None:
        return problem.message
    try:
        from prospector.import_texts import readable  # its country names load on first use

        return template().format(**readable(problem.params))
    except (KeyError, IndexError):
        return problem.message


def show_error(parent: QWidget | None, error: BaseException, title: str | None = None) -> None:
    """The error as one sentence in a message box (the operations module logs it first)."""
    QMessageBox.warning(parent, title or translate("Messages", "Prospector"), describe(error))
