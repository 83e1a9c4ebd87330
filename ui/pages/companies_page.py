"""The list of target companies."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from prospector.records import CompanyRow
from prospector.services import companies, company_query
from ui.context import AppContext
from ui.models.company_table_model import CompanyTableModel

LAYOUT_KEY = "companies"
# Initial widths in characters, so the first look needs no measuring of 100,000 rows.
COLUMN_CHARS = (34, 7, 18, 21, 24, 10, 16, 24)


class CompaniesPage(QWidget):
    """A table of all companies; Enter or a double click opens one."""

    open_requested = Signal(int)
    count_changed = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.model = CompanyTableModel(self._fetch, self._count, self)
        self.view = QTableView()
        self.view.setObjectName("companyTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        char = self.fontMetrics().averageCharWidth()
        for column, chars in enumerate(COLUMN_CHARS):
            self.view.setColumnWidth(column, chars * char + 16)
        self._restore_layout()
        header.sectionMoved.connect(self._save_layout)
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._save_layout)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        context.events.companies_changed.connect(self.reload)

    def reload(self) -> None:
        self.model.reload()
        self.count_changed.emit(self.model.total)

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        return [self.model.row_at(row).id for row in sorted(rows)]

    def _fetch(self, offset: int, limit: int, sort: str, descending: bool) -> list[CompanyRow]:
        with self._context.database.reading() as session:
            return company_query.list_companies(
                session, offset=offset, limit=limit, sort=sort, descending=descending
            )

    def _count(self) -> int:
        with self._context.database.reading() as session:
            return companies.count_companies(session)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.row_at(index.row()).id)

    def _restore_layout(self) -> None:
        saved = self._context.preferences.layouts.get(LAYOUT_KEY)
        if saved:
            self.view.horizontalHeader().restoreState(QByteArray.fromBase64(saved.encode()))

    def _save_layout(self) -> None:
        state = self.view.horizontalHeader().saveState().toBase64().data().decode()
        layouts = dict(self._context.preferences.layouts)
        layouts[LAYOUT_KEY] = state
        self._context.preferences = self._context.preferences.with_changes(layouts=layouts)
