"""Table model over company rows, fetched from SQL window by window and sorted in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from prospector.normalize import phone_for_display
from prospector.records import CompanyRow
from ui.company_labels import size_class_label, stage_label

Fetch = Callable[[int, int, str, bool], list[CompanyRow]]
Count = Callable[[], int]
AnyIndex = QModelIndex | QPersistentModelIndex

WINDOW = 200


translate = QCoreApplication.translate


def _date(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return QLocale().toString(value.astimezone().date(), QLocale.FormatType.ShortFormat)


@dataclass(frozen=True)
class Column:
    """One column: its stable key, its sort key in the service, header and cell text."""

    key: str
    sort: str | None
    header: Callable[[], str]
    text: Callable[[CompanyRow], Any]
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("name", "name", lambda: translate("CompanyTableModel", "Name"), lambda r: r.name),
    Column(
        "postcode",
        "postcode",
        lambda: translate("CompanyTableModel", "Postcode"),
        lambda r: r.postcode,
    ),
    Column("city", "city", lambda: translate("CompanyTableModel", "City"), lambda r: r.city),
    Column("state", "state", lambda: translate("CompanyTableModel", "State"), lambda r: r.state),
    Column(
        "industry",
        "industry",
        lambda: translate("CompanyTableModel", "Industry"),
        lambda r: r.industry,
    ),
    Column(
        "employees",
        "employees",
        lambda: translate("CompanyTableModel", "Employees"),
        lambda r: r.employees,
        numeric=True,
    ),
    Column(
        "size",
        "employees",
        lambda: translate("CompanyTableModel", "Size"),
        lambda r: size_class_label(r.size_class) if r.size_class else None,
    ),
    Column(
        "phone",
        None,
        lambda: translate("CompanyTableModel", "Phone"),
        lambda r: phone_for_display(r.phone) if r.phone else None,
    ),
    Column(
        "stage",
        "stage",
        lambda: translate("CompanyTableModel", "Stage"),
        lambda r: stage_label(r.stage),
    ),
    Column("owner", "owner", lambda: translate("CompanyTableModel", "Owner"), lambda r: r.owner),
    Column(
        "follow_up",
        None,
        lambda: translate("CompanyTableModel", "Next follow-up"),
        lambda r: _date(r.next_follow_up),
    ),
    Column(
        "tags",
        None,
        lambda: translate("CompanyTableModel", "Tags"),
        lambda r: ", ".join(r.tags) or None,
    ),
    Column("website", None, lambda: translate("CompanyTableModel", "Website"), lambda r: r.domain),
)


class CompanyTableModel(QAbstractTableModel):
    """Holds only the rows fetched so far; more arrive as the view scrolls."""

    def __init__(self, fetch: Fetch, count: Count, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        self._rows: list[CompanyRow] = []
        self._total = 0
        self._sort = "name"
        self._descending = False
        self._locale = QLocale()
        self._busy = False

    @property
    def total(self) -> int:
        return self._total

    def reload(self) -> None:
        """Start again from the first window (after edits, imports or a sort change)."""
        # Listeners of the reset and insert signals may ask for more rows: never re-enter.
        self._busy = True
        try:
            self.beginResetModel()
            self._total = self._count()
            self._rows = self._fetch(0, WINDOW, self._sort, self._descending)
            self.endResetModel()
        finally:
            self._busy = False

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort is not None

    def sort_state(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def row_at(self, row: int) -> CompanyRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._busy and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._busy:
            return
        more = self._fetch(len(self._rows), WINDOW, self._sort, self._descending)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self._busy = True
        try:
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
            self._rows.extend(more)
            self.endInsertRows()
        finally:
            self._busy = False

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if index.column() >= len(COLUMNS):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = COLUMNS[index.column()].text(row)
            if isinstance(value, int):
                return self._locale.toString(value)
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section].header()
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column):
            return
        key = COLUMNS[column].sort
        assert key is not None
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
