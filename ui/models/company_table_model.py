"""Table model over company rows, fetched from SQL window by window and sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable
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

Fetch = Callable[[int, int, str, bool], list[CompanyRow]]
Count = Callable[[], int]
AnyIndex = QModelIndex | QPersistentModelIndex

WINDOW = 200


translate = QCoreApplication.translate


# (sort key in the service, header, how the row shows the value)
COLUMNS: tuple[tuple[str | None, Callable[[], str], Callable[[CompanyRow], Any]], ...] = (
    ("name", lambda: translate("CompanyTableModel", "Name"), lambda r: r.name),
    ("postcode", lambda: translate("CompanyTableModel", "Postcode"), lambda r: r.postcode),
    ("city", lambda: translate("CompanyTableModel", "City"), lambda r: r.city),
    ("state", lambda: translate("CompanyTableModel", "State"), lambda r: r.state),
    ("industry", lambda: translate("CompanyTableModel", "Industry"), lambda r: r.industry),
    ("employees", lambda: translate("CompanyTableModel", "Employees"), lambda r: r.employees),
    (
        None,
        lambda: translate("CompanyTableModel", "Phone"),
        lambda r: phone_for_display(r.phone) if r.phone else None,
    ),
    (None, lambda: translate("CompanyTableModel", "Website"), lambda r: r.domain),
)
EMPLOYEES_COLUMN = 5


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
            value = COLUMNS[index.column()][2](row)
            if isinstance(value, int):
                return self._locale.toString(value)
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == EMPLOYEES_COLUMN:
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
            return COLUMNS[section][1]()
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS) or COLUMNS[column][0] is None:
            return
        key = COLUMNS[column][0]
        assert key is not None
        self._sort = key
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()
