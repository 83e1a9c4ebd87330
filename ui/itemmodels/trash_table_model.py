"""Table model over the companies in the trash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    Qt,
)

from prospector.services.trash import KEEP_FOR, TrashedCompany
from ui.itemmodels.rows_model import AnyIndex, RowsModel

translate = QCoreApplication.translate


def _local_date_time(moment: dt.datetime) -> QDateTime:
    # Through the epoch so that Qt, not Python, applies this machine's time zone.
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def _local_date(moment: dt.datetime) -> QDate:
    return _local_date_time(moment).date()


# (header, how the row shows the value)
COLUMNS: tuple[tuple[Callable[[], str], Callable[[TrashedCompany], Any]], ...] = (
    (lambda: translate("TrashTableModel", "Name"), lambda r: r.name),
    (lambda: translate("TrashTableModel", "City"), lambda r: r.city),
    (lambda: translate("TrashTableModel", "Contacts"), lambda r: r.contact_count),
    (
        lambda: translate("TrashTableModel", "Deleted on"),
        lambda r: _local_date_time(r.deleted_at),
    ),
    (
        lambda: translate("TrashTableModel", "Removed for good on"),
        lambda r: _local_date(r.deleted_at + KEEP_FOR),
    ),
)
TEXT_COLUMNS = (0, 1)
CONTACTS_COLUMN = 2


class TrashTableModel(RowsModel):
    """All trashed companies at once: the trash is small, it empties itself after 30 days."""

    headers = tuple(header for header, _ in COLUMNS)

    def row_at(self, row: int) -> TrashedCompany:
        found: TrashedCompany = self._rows[row]
        return found

    def _display(self, value: Any) -> Any:
        if isinstance(value, int):
            return self._locale.toString(value)
        if isinstance(value, QDateTime):
            return self._locale.toString(value, QLocale.FormatType.ShortFormat)
        if isinstance(value, QDate):
            return self._locale.toString(value, QLocale.FormatType.ShortFormat)
        return value

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self._row_of(index)
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(COLUMNS[index.column()][1](row))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in TEXT_COLUMNS:
            # Long names and cities are elided in a narrow window; the tip shows them whole.
            return COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == CONTACTS_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None
