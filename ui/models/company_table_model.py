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
from prospector.services.company_query import CompanyWindow
from ui.labels import size_class_short_label, stage_label

# (offset, limit, sort, descending) -> that window of rows
Fetch = Callable[[int, int, str, bool], list[CompanyRow]]
# (limit, sort, descending) -> the first window and the length of the list
First = Callable[[int, str, bool], CompanyWindow]
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


DISPLAY = int(Qt.ItemDataRole.DisplayRole)
USER = int(Qt.ItemDataRole.UserRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(slots=True)
class _Line:
    row: CompanyRow
    texts: tuple[str | None, ...] | None = None  # made when the view first asks for the row


class CompanyTableModel(QAbstractTableModel):
    """Knows how many rows there are; holds only the windows of rows the view has shown."""

    def __init__(self, fetch: Fetch, first: First, parent: Any = None) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._first = first
        # window number -> its rows with their cell texts, most recently used last
        self._windows: OrderedDict[int, list[_Line]] = OrderedDict()
        self._total = 0
        self._sort = "name"
        self._descending = False
        self._locale = QLocale()
        self._counted = False

    @property
    def total(self) -> int:
        return self._total

    def reload(self) -> None:
        """Count again and read the first window anew, forgetting the others (after edits or a
        filter change)."""
        self.beginResetModel()
        first = self._first(WINDOW, self._sort, self._descending)
        self._total = first.total
        self._windows.clear()
        if first.rows:
            self._windows[0] = [_Line(row) for row in first.rows]
        self._counted = True
        self.endResetModel()

    def _reorder(self) -> None:
        """A new order of the same rows: no need to count them again."""
        self.beginResetModel()
        self._windows.clear()
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
        line = self._line(row)
        return None if line is None else line.row

    def _line(self, row: int) -> _Line | None:
        if not 0 <= row < self._total:
            return None
        number, offset = divmod(row, WINDOW)
        lines = self._windows.get(number)
        if lines is None:
            fetched = self._fetch(number * WINDOW, WINDOW, self._sort, self._descending)
            lines = [_Line(r) for r in fetched]
            self._windows[number] = lines
            while len(self._windows) > MAX_WINDOWS:
                self._windows.popitem(last=False)
        else:
            self._windows.move_to_end(number)
        return lines[offset] if offset < len(lines) else None

    def _texts(self, row: CompanyRow) -> tuple[str | None, ...]:
        """Every cell's text, once per fetched row: painting asks for each cell many times."""
        texts: list[str | None] = []
        for column in COLUMNS:
            value = column.text(row)
            texts.append(self._locale.toString(value) if isinstance(value, int) else value)
        return tuple(texts)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if role == DISPLAY:
            line = self._line(index.row())
            if line is None:
                return None
            if line.texts is None:
                # Once per row, and only for rows on screen: a window holds 200 rows, the view
                # shows some 25, and formatting a phone number for display takes ~30 µs.
                line.texts = self._texts(line.row)
            return line.texts[index.column()]
        if role == USER:
            line = self._line(index.row())
            return None if line is None else line.row.id
        if role == ALIGNMENT and COLUMNS[index.column()].numeric:
            return RIGHT
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
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort, self._descending) and self._counted:
            return  # the view re-applies its indicator often; the order is already this one
        self._sort = key
        self._descending = descending
        if self._counted:
            self._reorder()
        else:
            self.reload()
