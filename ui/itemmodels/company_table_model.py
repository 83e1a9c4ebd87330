"""Table model over company rows: counted in SQL, read window by window, sorted in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    Qt,
)

from prospector.company_filter import CompanyFilter, CompanyListQuery
from prospector.normalize import phone_for_display
from prospector.records import CompanyRow, CompanyWindow
from ui.itemmodels.rows_model import AnyIndex, HeaderedModel
from ui.itemmodels.windows import WINDOW, Windows
from ui.labels import size_class_short_label, stage_label

# The list's queries come with the database layer, which the first look at the rows at
# start-up does without (CompaniesPage.show_first).
if TYPE_CHECKING:
    from ui.operations import Operations

translate = QCoreApplication.translate


def _date(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    day = value.astimezone().date()
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def _coverage(row: CompanyRow) -> str | None:
    """'2 of 3': the personas known at the company, of those defined (none defined: empty)."""
    if not row.personas_defined:
        return None
    return (
        translate("CompanyTableModel", "%1 of %2")
        .replace("%1", QLocale().toString(row.personas_known))
        .replace("%2", QLocale().toString(row.personas_defined))
    )


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
    # Last, so that layouts saved before it came keep their columns; shown after the size.
    Column(
        "fit",
        "fit",
        lambda: translate("CompanyTableModel", "Fit"),
        lambda r: r.fit_score,
        numeric=True,
    ),
    Column(
        "personas",
        None,
        lambda: translate("CompanyTableModel", "Personas"),
        lambda r: _coverage(r),
    ),
)
FIT_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "fit")
PERSONAS_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "personas")


DISPLAY = int(Qt.ItemDataRole.DisplayRole)
USER = int(Qt.ItemDataRole.UserRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@dataclass(slots=True)
class _Line:
    row: CompanyRow
    texts: tuple[str | None, ...] | None = None  # made when the view first asks for the row
    fit_reasons: str | None = None  # read when the user first points at the fit


class CompanyTableModel(HeaderedModel):
    """Knows how many rows there are; holds only the windows of rows the view has shown.

    The query (search, filters, sort) is the model's one state: the page hands it a new filter,
    the view a new sort, and the model reads the rows that answer it. Until it has the
    operations (attach()), it shows the first window it was given (show_first()).
    """

    headers = tuple(column.header for column in COLUMNS)

    def __init__(self, operations: Operations | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._operations = operations
        self._query = CompanyListQuery()
        self._windows: Windows[_Line] = Windows()  # the rows with their cell texts
        self._total = 0
        self._locale = QLocale()
        self._counted = False

    @property
    def total(self) -> int:
        return self._total

    @property
    def query(self) -> CompanyListQuery:
        return self._query

    def attach(self, operations: Operations) -> None:
        """From now on, read through the operations (the rows shown stay until reload())."""
        self._operations = operations

    def show_first(self, first: CompanyWindow) -> None:
        """Show rows read before the operations exist: the first window of the unfiltered list
        in the order of sort_state(). Rows past it read nothing until attach()."""
        self.beginResetModel()
        self._query = replace(self._query, filter=CompanyFilter())
        self._total = first.total
        self._windows.start([_Line(row) for row in first.rows])
        self._counted = True
        self.endResetModel()

    def set_filter(self, flt: CompanyFilter) -> None:
        self._query = replace(self._query, filter=flt)
        self.reload()

    def reload(self) -> None:
        """Count again and read the first window anew, forgetting the others (after edits or a
        filter change)."""
        if self._operations is None:
            return
        from prospector.services import company_query

        self.beginResetModel()
        query = self._query
        first = self._operations.read(
            lambda session: company_query.first_window(
                session, query.filter, limit=WINDOW, sort=query.sort, descending=query.descending
            )
        )
        self._total = first.total if first is not None else 0
        self._windows.start([_Line(row) for row in first.rows] if first is not None else [])
        self._counted = True
        self.endResetModel()

    def _reorder(self) -> None:
        """A new order of the same rows: no need to count them again."""
        self.beginResetModel()
        self._windows.clear()
        self.endResetModel()

    def cached_windows(self) -> list[int]:
        return self._windows.numbers()

    def held_rows(self) -> list[int]:
        """The rows read already, in order: looking at them reads nothing more."""
        return self._windows.held_rows()

    @staticmethod
    def is_sortable(column: int) -> bool:
        return 0 <= column < len(COLUMNS) and COLUMNS[column].sort is not None

    def sort_state(self) -> tuple[str, bool]:
        return self._query.sort, self._query.descending

    def row_at(self, row: int) -> CompanyRow | None:
        """The row, read from the database with its window if not yet held; None if the list
        became shorter since it was counted."""
        line = self._line(row)
        return None if line is None else line.row

    def _line(self, row: int) -> _Line | None:
        if not 0 <= row < self._total:
            return None
        if self._operations is None and row // WINDOW not in self._windows.numbers():
            return None  # past the first look: read once attached, not remembered as empty
        return self._windows.line(row, self._read)

    def _read(self, offset: int, limit: int) -> list[_Line]:
        from prospector.services import company_query

        assert self._operations is not None, "only an attached model reads"
        query = self._query
        fetched = self._operations.read(
            lambda session: company_query.list_companies(
                session,
                query.filter,
                offset=offset,
                limit=limit,
                sort=query.sort,
                descending=query.descending,
            )
        )
        return [_Line(r) for r in fetched or ()]

    def _texts(self, row: CompanyRow) -> tuple[str | None, ...]:
        """Every cell's text, once per fetched row: painting asks for each cell many times."""
        texts: list[str | None] = []
        for column in COLUMNS:
            value = column.text(row)
            texts.append(self._locale.toString(value) if isinstance(value, int) else value)
        return tuple(texts)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

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
        if role == TOOLTIP and index.column() == FIT_COLUMN:
            return self._fit_reasons(index.row())
        return None

    def _fit_reasons(self, row: int) -> str | None:
        """Why the company has its score, for the tooltip: read for one row on demand."""
        line = self._line(row)
        if line is None or line.row.fit_score is None or self._operations is None:
            return None
        if line.fit_reasons is None:
            from prospector.fit_texts import explain
            from prospector.services.company_fit import company_fit

            company_id = line.row.id
            found = self._operations.read(lambda s: company_fit(s, company_id), quiet=True)
            if found is None:
                return None
            line.fit_reasons = (
                translate("CompanyTableModel", "Fit %1 against “%2”")
                .replace("%1", str(found.fit.score))
                .replace("%2", found.profile_name)
            )
            reasons = explain(found.fit, translate)
            if reasons:
                line.fit_reasons += "\n" + reasons
        return line.fit_reasons

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column):
            return
        key = COLUMNS[column].sort
        assert key is not None
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == self.sort_state() and self._counted:
            return  # the view re-applies its indicator often; the order is already this one
        self._query = replace(self._query, sort=key, descending=descending)
        if self._counted:
            self._reorder()
        else:
            self.reload()
