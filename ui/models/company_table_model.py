"""Table model over company rows: counted in SQL, read window by window, sorted in SQL."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
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
from ui.company_labels import size_class_short_label, stage_label

Fetch = Callable[[int, int, str, bool], list[CompanyRow]]
Count = Callable[[], int]
AnyIndex = QModelIndex | QPersistentModelIndex

WINDOW = 200
# At most this many windows stay in memory (10,000 rows); the rest are read again when needed.
MAX_WINDOWS = 50


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
        lambda r: size_class_short_label(r.size_class) if r.size_class else None,
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
    """Knows how many rows there are; holds only the windows of rows the view has shown."""

    def __init__(self, fetch: Fetch, count: Count, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._count = count
        # window number -> its rows, most recently used last
        self._windows: OrderedDict[int, list[CompanyRow]] = OrderedDict()
        self._total = 0
        self._sort = "name"
        self._descending = False
        self._locale = QLocale()
        self._counted = False

    @property
    def total(self) -> int:
        return self._total

    def reload(self) -> None:
        """Count again and forget the windows (after edits, filters or a sort change)."""
        self.beginResetModel()
        self._total = self._count()
        self._windows.clear()
        self._counted = True
        self.endResetModel()

    def cached_windows(self) -> list[int]:
        return list(self._windows)

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort is not None

    def sort_state(self) -> tuple[str, bool]:
        return self._sort, self._descending

    def row_at(self, row: int) -> CompanyRow | None:
        """The row, read from the database with its window if not yet held; None if the list
        became shorter since it was counted."""
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, WINDOW)
        rows = self._windows.get(number)
        if rows is None:
            rows = self._fetch(number * WINDOW, WINDOW, self._sort, self._descending)
            self._windows[number] = rows
            while len(self._windows) > MAX_WINDOWS:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(number)
        return rows[offset] if offset < len(rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() >= len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[index.column()].numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        value = COLUMNS[index.column()].text(row)
        if isinstance(value, int):
            return self._locale.toString(value)
        return value

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
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending) and self._counted:
            return  # the view re-applies its indicator often; the order is already this one
        self._sort = key
        self._descending = descending
        self.reload()
