"""Errors as one translated sentence each; details go to the log, never a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from prospector import error_texts
from prospector.errors import FieldProblem

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


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
    "future_date": lambda: translate("Messages", "The date lies in the future."),
    "number_invalid": lambda: translate("Messages", "Not a number, e.g. 2.500.000."),
    "evidence_required": lambda: translate(
        "Messages", "Met needs evidence: note what shows it (who said what, when)."
    ),
    "out_of_range": lambda: translate("Messages", "Must lie between {low} and {high}."),
    "range_reversed": lambda: translate("Messages", "The upper end lies below the lower end."),
    "duplicate": lambda: translate("Messages", "\u201c{value}\u201d exists already."),
    "holiday": lambda: translate("Messages", "A public holiday: {holiday}."),
    "weekend": lambda: translate("Messages", "A Saturday or Sunday."),
    "objected": lambda: translate(
        "Messages", "The person objected to advertising: nothing can be planned with them."
    ),
    "past": lambda: translate("Messages", "The date lies in the past."),
    "no_person": lambda: translate(
        "Messages", "The call went to the switchboard, not to a person; only a person can object."
    ),
    "done": lambda: translate("Messages", "It was done already."),
    "no_steps": lambda: translate("Messages", "The plan needs at least one step."),
    "too_many_steps": lambda: translate("Messages", "At most {most} steps."),
    "negative_days": lambda: translate(
        "Messages", "Days after the step before must not be negative."
    ),
    "too_many_days": lambda: translate("Messages", "At most {days} days after the step before."),
}


def describe(error: BaseException) -> str:
    """One sentence for the user, in their language."""
    return error_texts.describe(error)


def describe_field(problem: FieldProblem) -> str:
    if problem.code in error_texts.REFUSALS:
        return error_texts.refusal_text(problem.code, problem.params)
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
