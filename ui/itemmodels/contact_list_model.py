"""Table model over the contact list: counted in SQL, read window by window, sorted in SQL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from prospector.normalize import phone_for_display
from prospector.records import ContactRow
from prospector.services import contact_query
from prospector.services.contact_query import ContactFilter, ContactListQuery
from ui.itemmodels.rows_model import AnyIndex, HeaderedModel
from ui.itemmodels.windows import WINDOW, Windows
from ui.labels import lead_status_label
from ui.operations import Operations

translate = QCoreApplication.translate


def _name(row: ContactRow) -> str:
    """'Dr. Anna Schmidt': academic title, first and last name."""
    return " ".join(part for part in (row.academic_title, row.first_name, row.last_name) if part)


def _phone(row: ContactRow) -> str | None:
    # The landline first; a mobile is better than nothing for someone who has no other number.
    number = row.phone or row.mobile
    return phone_for_display(number) if number else None


@dataclass(frozen=True)
class Column:
    """One column: its stable key, its sort key in the service, header and cell text."""

    key: str
    sort: str | None
    header: Callable[[], str]
    text: Callable[[ContactRow], str | None]


COLUMNS: tuple[Column, ...] = (
    Column("name", "name", lambda: translate("ContactListModel", "Name"), _name),
    Column(
        "company",
        "company",
        lambda: translate("ContactListModel", "Company"),
        lambda r: r.company,
    ),
    Column(
        "job_title",
        None,
        lambda: translate("ContactListModel", "Job title"),
        lambda r: r.job_title,
    ),
    Column("phone", None, lambda: translate("ContactListModel", "Phone"), _phone),
    Column("email", "email", lambda: translate("ContactListModel", "E-mail"), lambda r: r.email),
    Column(
        "lead_status",
        "lead_status",
        lambda: translate("ContactListModel", "Lead status"),
        lambda r: lead_status_label(r.lead_status),
    ),
    Column("owner", None, lambda: translate("ContactListModel", "Owner"), lambda r: r.owner),
)
NAME_COLUMN = 0

DISPLAY = int(Qt.ItemDataRole.DisplayRole)
USER = int(Qt.ItemDataRole.UserRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
# Someone who objected to being contacted must not be overlooked in a list of phone numbers.
_BLOCKED = QBrush(QColor("#b00020"))


@dataclass(slots=True)
class _Line:
    row: ContactRow
    texts: tuple[str | None, ...] | None = None  # made when the view first asks for the row


class ContactListModel(HeaderedModel):
    """Knows how many rows there are; holds only the windows of rows the view has shown.

    The query (search, filter, sort) is the model's one state: the page hands it a new filter,
    the view a new sort, and the model reads the rows that answer it.
    """

    headers = tuple(column.header for column in COLUMNS)

    def __init__(self, operations: Operations, parent: Any = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._query = ContactListQuery()
        self._windows: Windows[_Line] = Windows()
        self._total = 0
        self._counted = False

    @property
    def total(self) -> int:
        return self._total

    @property
    def query(self) -> ContactListQuery:
        return self._query

    def set_filter(self, flt: ContactFilter) -> None:
        self._query = replace(self._query, filter=flt)
        self.reload()

    def reload(self) -> None:
        """Count again and read the first window anew, forgetting the others."""
        self.beginResetModel()
        query = self._query
        first = self._operations.read(
            lambda session: contact_query.first_window(
                session, query.filter, limit=WINDOW, sort=query.sort, descending=query.descending
            )
        )
        self._total = first.total if first is not None else 0
        self._windows.start([_Line(row) for row in first.rows] if first is not None else [])
        self._counted = True
        self.endResetModel()

    def cached_windows(self) -> list[int]:
        return self._windows.numbers()

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort is not None

    def sort_state(self) -> tuple[str, bool]:
        return self._query.sort, self._query.descending

    def row_at(self, row: int) -> ContactRow | None:
        """The row, read with its window if not yet held; None if the list became shorter
        since it was counted."""
        line = self._line(row)
        return None if line is None else line.row

    def _line(self, row: int) -> _Line | None:
        if not 0 <= row < self._total:
            return None
        return self._windows.line(row, self._read)

    def _read(self, offset: int, limit: int) -> list[_Line]:
        query = self._query
        fetched = self._operations.read(
            lambda session: contact_query.list_contact_rows(
                session,
                query.filter,
                offset=offset,
                limit=limit,
                sort=query.sort,
                descending=query.descending,
            )
        )
        return [_Line(r) for r in fetched or ()]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        if role not in (DISPLAY, USER, TOOLTIP, FOREGROUND):
            return None
        line = self._line(index.row())
        if line is None:
            return None
        if role == DISPLAY:
            if line.texts is None:  # once per row: painting asks for each cell many times
                line.texts = tuple(column.text(line.row) for column in COLUMNS)
            return line.texts[index.column()]
        if role == USER:
            return line.row.id
        if index.column() != NAME_COLUMN or not line.row.do_not_contact:
            return None
        if role == TOOLTIP:
            return translate("ContactListModel", "Objected to being contacted.")
        return _BLOCKED

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column):
            return
        key = COLUMNS[column].sort
        assert key is not None
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == self.sort_state():
            return  # the view re-applies its indicator often; the order is already this one
        self._query = replace(self._query, sort=key, descending=descending)
        if self._counted:
            # The same rows in another order: no need to count them again.
            self.beginResetModel()
            self._windows.clear()
            self.endResetModel()
