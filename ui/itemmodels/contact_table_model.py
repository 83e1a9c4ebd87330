"""Table model over the contacts of one company (a few rows, all held at once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from prospector.normalize import phone_for_display
from prospector.records import ContactRecord
from ui.itemmodels.rows_model import AnyIndex, RowsModel
from ui.labels import decision_role_label, lead_status_label

translate = QCoreApplication.translate


def full_name(contact: ContactRecord) -> str:
    """'Dr. Anna Schmidt': academic title, first and last name."""
    parts = (contact.academic_title, contact.first_name, contact.last_name)
    return " ".join(part for part in parts if part)


def _phone(contact: ContactRecord) -> str | None:
    # The landline first; a mobile is better than nothing for someone who has no other number.
    number = contact.phone or contact.mobile
    return phone_for_display(number) if number else None


COLUMNS: tuple[tuple[Callable[[], str], Callable[[ContactRecord], str | None]], ...] = (
    (lambda: translate("ContactTableModel", "Name"), full_name),
    (lambda: translate("ContactTableModel", "Job title"), lambda c: c.job_title),
    (lambda: translate("ContactTableModel", "Phone"), _phone),
    (lambda: translate("ContactTableModel", "E-mail"), lambda c: c.email),
    (
        lambda: translate("ContactTableModel", "Decision role"),
        lambda c: decision_role_label(c.decision_role),
    ),
    (
        lambda: translate("ContactTableModel", "Lead status"),
        lambda c: lead_status_label(c.lead_status),
    ),
    (
        lambda: translate("ContactTableModel", "Do not contact"),
        lambda c: translate("ContactTableModel", "Yes") if c.do_not_contact else None,
    ),
)
DO_NOT_CONTACT_COLUMN = len(COLUMNS) - 1
# The marker is the one thing in the table that must not be overlooked.
_BLOCKED_COLOUR = QColor("#b00020")


class ContactTableModel(RowsModel):
    """Shows ContactRecord rows; the dialog replaces them after every change."""

    headers = tuple(header for header, _ in COLUMNS)

    def row_at(self, row: int) -> ContactRecord:
        found: ContactRecord = self._rows[row]
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        contact = self._row_of(index)
        if contact is None:
            return None
        blocked_cell = index.column() == DO_NOT_CONTACT_COLUMN and contact.do_not_contact
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](contact)
        if role == Qt.ItemDataRole.ToolTipRole and blocked_cell:
            return self._objection(contact)
        if role == Qt.ItemDataRole.ForegroundRole and blocked_cell:
            return QBrush(_BLOCKED_COLOUR)
        if role == Qt.ItemDataRole.UserRole:
            return contact.id
        return None

    def _objection(self, contact: ContactRecord) -> str:
        if contact.do_not_contact_since is None:
            text = translate("ContactTableModel", "Objected to being contacted.")
        else:
            day = contact.do_not_contact_since
            since = self._locale.toString(
                QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat
            )
            text = translate("ContactTableModel", "Objected to being contacted on {date}.").format(
                date=since
            )
        if contact.do_not_contact_reason:
            text += "\n" + contact.do_not_contact_reason
        return text
