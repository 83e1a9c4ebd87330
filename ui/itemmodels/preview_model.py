"""Table model of the import preview: each row as it will be stored, its action and problems."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor

from prospector.import_texts import problem_text
from prospector.normalize import phone_for_display
from prospector.services.import_plan import Action, PlannedRow
from ui.import_messages import action_label, match_text
from ui.itemmodels.rows_model import AnyIndex, RowsModel

translate = QCoreApplication.translate

# Colours that read on a light and on a dark background alike.
ACTION_COLOURS = {
    Action.NEW: QColor("#2e7d32"),
    Action.UPDATE: QColor("#1e63b4"),
    Action.SKIP: QColor("#7a7a7a"),
    Action.LINK: QColor("#00838f"),
    Action.ERROR: QColor("#c62828"),
}
WARNING_COLOUR = QColor("#b26a00")


def _stored(row: PlannedRow, name: str) -> Any:
    """A company value as the database will hold it (normalised), else as the file gave it."""
    return getattr(row.parsed.company, name, None)


def _phone(row: PlannedRow) -> str | None:
    stored = _stored(row, "phone")
    if not stored:
        return None
    return phone_for_display(stored) if row.parsed.ok and stored.startswith("+") else stored


def _person(row: PlannedRow) -> str | None:
    contact = row.parsed.contact
    if contact is None:
        return None
    return " ".join(p for p in (contact.academic_title, contact.first_name, contact.last_name) if p)


def _person_tip(row: PlannedRow) -> str | None:
    name, contact = _person(row), row.parsed.contact
    if contact is not None and contact.job_title:
        return f"{name}\n{contact.job_title}"
    return name


def details(row: PlannedRow) -> str:
    """The row's errors and warnings, else what it matched; one line each."""
    lines = [problem_text(p) for p in (*row.parsed.errors, *row.parsed.warnings)]
    if not lines and (matched := match_text(row)):
        lines.append(matched)
    return "\n".join(lines)


COLUMNS: tuple[tuple[Callable[[], str], Callable[[PlannedRow], Any]], ...] = (
    (lambda: translate("PreviewModel", "Row"), lambda r: str(r.parsed.line)),
    (lambda: translate("PreviewModel", "Action"), lambda r: action_label(r.action)),
    (lambda: translate("PreviewModel", "Company"), lambda r: _stored(r, "name")),
    (lambda: translate("PreviewModel", "Postcode"), lambda r: _stored(r, "postcode")),
    (lambda: translate("PreviewModel", "City"), lambda r: _stored(r, "city")),
    (lambda: translate("PreviewModel", "Phone"), _phone),
    (lambda: translate("PreviewModel", "Person"), _person),
    (lambda: translate("PreviewModel", "Problems and notes"), details),
)
LINE_COLUMN, ACTION_COLUMN, PERSON_COLUMN = 0, 1, 6
DETAILS_COLUMN = len(COLUMNS) - 1


class PreviewModel(RowsModel):
    """Shows planned rows; the preview page hands it the ones to show (at most a few hundred)."""

    headers = tuple(header for header, _ in COLUMNS)

    def row_at(self, row: int) -> PlannedRow:
        found: PlannedRow = self._rows[row]
        return found

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_of(index)
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            value = COLUMNS[column][1](row)
            if column == DETAILS_COLUMN:
                # The problems are sentences already: a space is the separator they need.
                return value.replace("\n", " ") or None
            return value
        if role == Qt.ItemDataRole.ToolTipRole and column == PERSON_COLUMN:
            return _person_tip(row)
        if role == Qt.ItemDataRole.ToolTipRole and column >= ACTION_COLUMN:
            # Narrow columns elide; the tip shows the whole text, problems one per line.
            return COLUMNS[column][1](row) or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == LINE_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.action.value  # a plain str: Qt keeps no Python enum
        return None

    @staticmethod
    def _colour(row: PlannedRow, column: int) -> QBrush | None:
        if column == ACTION_COLUMN:
            return QBrush(ACTION_COLOURS[row.action])
        if column == DETAILS_COLUMN:
            if row.parsed.errors:
                return QBrush(ACTION_COLOURS[Action.ERROR])
            if row.parsed.warnings:
                return QBrush(WARNING_COLOUR)
        return None
