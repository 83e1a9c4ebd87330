"""The list of target companies: search, filters, columns, and actions on a selection."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.changes import Changes, Outcome
from prospector.company_filter import CompanyFilter
from prospector.enums import CompanyStage
from prospector.normalize import split_tag_text
from prospector.records import CompanyWindow
from prospector.settings import Preferences
from ui.itemmodels.company_table_model import (
    COLUMNS,
    FIT_COLUMN,
    PERSONAS_COLUMN,
    CompanyTableModel,
)
from ui.labels import stage_label
from ui.widgets.company_filter_bar import CompanyFilterBar
from ui.widgets.first_paint import AfterFirstPaint
from ui.widgets.list_header import keeps_previous_sort, show_column_menu

# The services (and SQLAlchemy under them) come in with attach(): the page can show the rows
# of a first look at start-up before the database layer is loaded.
if TYPE_CHECKING:
    from prospector.db import Database
    from prospector.services.views import SavedViewRecord
    from ui.context import AppContext
    from ui.operations import Operations

log = logging.getLogger(__name__)

T = TypeVar("T")

LAYOUT_KEY = "companies"
# Initial widths in characters, so the first look needs no measuring of 100,000 rows.
COLUMN_CHARS = {
    "name": 34,
    "postcode": 7,
    "city": 18,
    "state": 21,
    "industry": 22,
    "employees": 10,
    "size": 10,
    "phone": 16,
    "stage": 17,
    "owner": 16,
    "follow_up": 12,
    "tags": 20,
    "website": 24,
    "fit": 8,
    "personas": 10,
}
HIDDEN_AT_FIRST = {"employees", "follow_up", "website"}


class CompaniesPage(QWidget):
    """A table of the companies that pass the search and filters."""

    open_requested = Signal(int)
    # (shown, total): how many pass the filters, and how many there are
    count_changed = Signal(int, int)
    selection_changed = Signal(int)  # how many companies are selected
    trashed = Signal(list)

    def __init__(
        self,
        context: AppContext | None = None,
        parent: QWidget | None = None,
        *,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self._context: AppContext | None = None
        self._preferences = context.preferences if context else preferences or Preferences()
        self._total = 0
        self._searches_prepared = False
        self.filter_bar = CompanyFilterBar()
        self.model = CompanyTableModel(parent=self)
        self.view = QTableView()
        self.view.setObjectName("companyTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.setWordWrap(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        char = self.fontMetrics().averageCharWidth()
        # Wide enough for the header text and its sort arrow, whichever language it is in.
        arrow = header.fontMetrics().height() + 16
        for column, spec in enumerate(COLUMNS):
            title = header.fontMetrics().horizontalAdvance(spec.header()) + arrow
            self.view.setColumnWidth(column, max(COLUMN_CHARS.get(spec.key, 14) * char + 16, title))
            header.setSectionHidden(column, spec.key in HIDDEN_AT_FIRST)
        size_column = next(i for i, c in enumerate(COLUMNS) if c.key == "size")
        header.moveSection(header.visualIndex(FIT_COLUMN), header.visualIndex(size_column) + 1)
        header.moveSection(header.visualIndex(PERSONAS_COLUMN), header.visualIndex(FIT_COLUMN) + 1)
        self.empty_hint = QLabel(self.view.viewport())
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.empty_hint.setContentsMargins(24, 24, 24, 24)
        self.empty_hint.hide()
        self.view.viewport().installEventFilter(self)
        self._restore_layout()
        header.sectionMoved.connect(self._save_layout)
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._on_sort_indicator)
        header.customContextMenuRequested.connect(self._on_header_menu)
        self.view.doubleClicked.connect(self._on_activated)
        self.view.activated.connect(self._on_activated)
        self.view.customContextMenuRequested.connect(self._on_context_menu)
        self.view.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.filter_bar.filter_changed.connect(self.set_filter)
        self._build_view_chooser()

        self.trash_action = self._action(self.tr("Move to &trash…"), self.trash_selected)
        self.trash_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.trash_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(self.trash_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view)
        if context is not None:
            self.attach(context)

    def attach(self, context: AppContext) -> None:
        """Work on the open database: the list, its choices and views read through the
        context's operations from now on, and follow its changes."""
        self._context = context
        self.model.attach(context.operations)
        self._connect_choices()
        self._load_views()
        context.operations.changed.connect(self.on_changes)

    @property
    def attached(self) -> bool:
        return self._context is not None

    @property
    def context(self) -> AppContext:
        assert self._context is not None, "the page has no database yet"
        return self._context

    @property
    def _operations(self) -> Operations:
        return self.context.operations

    def show_first(self, first: CompanyWindow) -> None:
        """Show the first rows read at start-up, before attach(), in the order of the list's
        remembered sort (see CompanyTableModel.sort_state)."""
        self._total = first.total
        self.model.show_first(first)
        self._show_count()

    # --- data ---------------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Companies, their contacts (found by name), tags, owners or personas changed: read
        again."""
        if (
            changes.companies
            or changes.contacts
            or changes.tags
            or changes.team
            or changes.profiles
        ):
            self.reload()
        if changes.views:
            self._load_views(self._current_view_id())

    def reload(self) -> None:
        """Read the list again, keeping the selection of the companies still in its first
        window (after a bulk change the user goes on with the same companies)."""
        from prospector.services import company_query

        chosen = set(self.selected_ids())
        total = self._operations.read(company_query.count_companies, parent=self)
        self._total = total if total is not None else self._total
        self.model.reload()
        if chosen:
            self._select(chosen)
        self._show_count()
        if not self._searches_prepared:
            self._searches_prepared = True
            # After the rows are on screen: compiling the searches (30 ms on 100,000
            # companies) would otherwise come before the first frame of the list. A list that
            # is never shown is never searched.
            AfterFirstPaint(self.view.viewport(), self._prepare_searches)

    def _prepare_searches(self) -> None:
        """Once, when the list first shows: so the first keystroke finds its statements ready.
        Quiet: a failure here only costs time, and the first search reports it anyway."""
        from prospector.services import company_query

        query = self.model.query
        self._operations.read(
            lambda session: company_query.prepare_searches(
                session, query.filter.without_query(), sort=query.sort, descending=query.descending
            ),
            quiet=True,
        )

    def set_filter(self, flt: CompanyFilter) -> None:
        self.model.set_filter(flt)
        self._show_count()

    def _show_count(self) -> None:
        """Tell the window how many companies are shown; say why when none is."""
        self.count_changed.emit(self.model.total, self._total)
        if self.model.total:
            self.empty_hint.hide()
            return
        if self._total:
            text = self.tr("No company matches the search and the filters.")
        else:
            text = self.tr(
                "No companies yet. Import a spreadsheet (Ctrl+I), create a company (Ctrl+N)"
                " or load the sample data from the File menu."
            )
        self.empty_hint.setText(text)
        self.empty_hint.setGeometry(self.view.viewport().rect())
        self.empty_hint.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.empty_hint.setGeometry(self.view.viewport().rect())
        return super().eventFilter(watched, event)

    def current_filter(self) -> CompanyFilter:
        return self.model.query.filter

    def _distinct(self, column: str) -> list[str]:
        from prospector.services import company_query

        found = self._operations.read(
            lambda session: company_query.distinct_values(session, column), parent=self
        )
        return found or []

    def _connect_choices(self) -> None:
        from prospector.services import personas, tags, team

        read = self._operations.read
        self.filter_bar.set_loaders(
            industries=lambda: self._distinct("industry"),
            countries=lambda: self._distinct("country"),
            states=lambda: self._distinct("state"),
            tags=lambda: [(t.id, t.name) for t in read(tags.list_tags, parent=self) or ()],
            owners=lambda: [
                (m.id, m.name) for m in read(team.list_team_members, parent=self) or ()
            ],
            personas=lambda: [
                (p.id, p.name)
                for p in read(personas.list_personas, parent=self) or ()
                if p.id is not None
            ],
        )

    def _select(self, ids: set[int]) -> None:
        selection = self.view.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row in self.model.held_rows():
            found = self.model.row_at(row)
            if found is not None and found.id in ids:
                selection.select(self.model.index(row, 0), flags)

    def selected_count(self) -> int:
        """Selected rows, counted from the selection's ranges: Ctrl+A on 100,000 rows
        must not list them one by one."""
        selection = self.view.selectionModel().selection()
        rows = {(span.top(), span.bottom()) for span in map(selection.at, range(selection.size()))}
        count, end = 0, -1
        for top, bottom in sorted(rows):
            if bottom > end:
                count += bottom - max(top, end + 1) + 1
                end = bottom
        return count

    def _on_selection_changed(self) -> None:
        self.selection_changed.emit(self.selected_count())

    def selected_ids(self) -> list[int]:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        found = (self.model.row_at(row) for row in sorted(rows))
        return [row.id for row in found if row is not None]

    # --- saved views --------------------------------------------------------------------------

    def _build_view_chooser(self) -> None:
        self.views = QComboBox()
        self.views.setObjectName("savedViews")
        self.views.setMinimumContentsLength(18)
        self.views.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.views.setToolTip(self.tr("Saved views: filters with their columns"))
        self.save_view_button = QPushButton(self.tr("Save view…"))
        self.delete_view_button = QPushButton(self.tr("Delete view"))
        self.delete_view_button.setEnabled(False)
        self.views.activated.connect(self._on_view_chosen)
        self.save_view_button.clicked.connect(self.save_view)
        self.delete_view_button.clicked.connect(self.delete_view)
        row = self.filter_bar.top_row
        row.addWidget(self.views)
        row.addWidget(self.save_view_button)
        row.addWidget(self.delete_view_button)
        self.views.addItem(self.tr("All companies"), None)

    def _current_view_id(self) -> int | None:
        view = self._view_at(self.views.currentIndex())
        return view.id if view is not None else None

    def _load_views(self, select_id: int | None = None) -> None:
        from prospector.services import views

        saved = self._operations.read(
            lambda session: views.list_views(session, LAYOUT_KEY), parent=self
        )
        if saved is None:
            return
        self.views.blockSignals(True)
        self.views.clear()
        self.views.addItem(self.tr("All companies"), None)
        for view in saved:
            self.views.addItem(view.name, view)
        index = 0
        for i in range(1, self.views.count()):
            listed = self._view_at(i)
            if listed is not None and listed.id == select_id:
                index = i
        self.views.setCurrentIndex(index)
        self.views.blockSignals(False)
        self.delete_view_button.setEnabled(index > 0)

    def _view_at(self, index: int) -> SavedViewRecord | None:
        from prospector.services.views import SavedViewRecord

        data = self.views.itemData(index)
        return data if isinstance(data, SavedViewRecord) else None

    def _on_view_chosen(self, index: int) -> None:
        view = self._view_at(index)
        self.delete_view_button.setEnabled(view is not None)
        if view is None:
            self.filter_bar.apply(CompanyFilter())
            return
        if view.columns:
            self.restore_header_state(view.columns)
            self._save_layout()
        self.filter_bar.apply(CompanyFilter.from_json(view.filters))

    def save_view(self) -> None:
        """Save the current filters and columns under a name (asks before replacing one)."""
        from prospector.services import views

        current = self._view_at(self.views.currentIndex())
        name, ok = QInputDialog.getText(
            self,
            self.tr("Save view"),
            self.tr("Name of the view:"),
            text=current.name if current else "",
        )
        name = name.strip()
        if not ok or not name:
            return
        existing = [self._view_at(i) for i in range(1, self.views.count())]
        if any(v is not None and v.name == name for v in existing) and (
            QMessageBox.question(
                self,
                self.tr("Save view"),
                self.tr("Replace the view \u201c%1\u201d?").replace("%1", name),
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        filters = self.current_filter().to_json()
        columns = self.header_state()
        saved = self._write(lambda db: views.save_view(db, LAYOUT_KEY, name, filters, columns))
        if saved is not None:
            self._load_views(saved.value.id)

    def delete_view(self) -> None:
        from prospector.services import views

        view = self._view_at(self.views.currentIndex())
        if view is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete view"),
            self.tr("Delete the view \u201c%1\u201d? The companies stay as they are.").replace(
                "%1", view.name
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda db: views.delete_view(db, view.id))

    # --- actions on the selection -------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], Any]) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        return action

    def _write(self, change: Callable[[Database], Outcome[T]]) -> Outcome[T] | None:
        return self._operations.write(change, parent=self)

    def trash_selected(self) -> int:
        from prospector.services import trash

        ids = self.selected_ids()
        if not ids:
            return 0
        answer = QMessageBox.question(
            self,
            self.tr("Move to trash"),
            self.tr(
                "Move %Ln company(s) to the trash? "
                "You can restore them from the trash for 30 days.",
                "",
                len(ids),
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        moved = self._write(lambda db: trash.trash_companies(db, ids))
        if moved is not None and moved.value:
            self.trashed.emit(ids)
        return moved.value if moved is not None else 0

    def set_owner_selected(self) -> None:
        from prospector.services import company_bulk, team

        ids = self.selected_ids()
        members = self._operations.read(team.list_team_members, parent=self)
        if members is None:
            return
        names = [self.tr("Nobody"), *(m.name for m in members)]
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Set owner"),
            self.tr("Owner of %Ln company(s):", "", len(ids)),
            names,
            0,
            False,
        )
        if ok and ids:
            owner = next((m.id for m in members if m.name == name), None)
            self._write(lambda db: company_bulk.set_owner(db, ids, owner))

    def add_tags_selected(self) -> None:
        from prospector.services import company_bulk

        ids = self.selected_ids()
        text, ok = QInputDialog.getText(
            self,
            self.tr("Add tags"),
            self.tr("Tags for %Ln company(s), separated by commas:", "", len(ids)),
        )
        names = split_tag_text(text)
        if ok and ids and names:
            self._write(lambda db: company_bulk.add_tags(db, ids, names))

    def remove_tags_selected(self) -> None:
        from prospector.services import company_bulk, tags

        ids = self.selected_ids()
        available = self._operations.read(tags.list_tags, parent=self)
        if not available or not ids:
            return
        name, ok = QInputDialog.getItem(
            self,
            self.tr("Remove tag"),
            self.tr("Remove this tag from %Ln company(s):", "", len(ids)),
            [t.name for t in available],
            0,
            False,
        )
        if ok:
            tag_id = next(t.id for t in available if t.name == name)
            self._write(lambda db: company_bulk.remove_tags(db, ids, [tag_id]))

    def set_stage_selected(self, stage: CompanyStage) -> None:
        from prospector.services import company_bulk

        ids = self.selected_ids()
        if ids:
            self._write(lambda db: company_bulk.set_stage(db, ids, stage))

    def merge_selected(self) -> int | None:
        """Merge the second of two selected companies into the first."""
        ids = self.selected_ids()
        if len(ids) != 2:
            return None
        from ui.dialogs.merge_dialog import MergeDialog

        return MergeDialog.ask(self.context, ids[0], ids[1], self)

    def do_not_contact_selected(self) -> None:
        from prospector.services import company_bulk

        ids = self.selected_ids()
        if not ids:
            return
        reason, ok = QInputDialog.getText(
            self,
            self.tr("Do not contact"),
            self.tr(
                "All contacts of %Ln company(s) objected to being contacted. Reason (optional):",
                "",
                len(ids),
            ),
        )
        if ok:
            today = dt.date.today()
            self._write(
                lambda db: company_bulk.set_do_not_contact(db, ids, today, reason.strip() or None)
            )

    # --- slots --------------------------------------------------------------------------------

    def _on_activated(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is not None:
            self.open_requested.emit(row.id)

    def _on_context_menu(self, position: QPoint) -> None:
        if not self.selected_ids():
            return
        menu = QMenu(self)
        open_action = menu.addAction(self.tr("&Open"))
        open_action.triggered.connect(lambda: self._on_activated(self.view.currentIndex()))
        menu.addSeparator()
        menu.addAction(self.tr("Set &owner…")).triggered.connect(self.set_owner_selected)
        menu.addAction(self.tr("&Add tags…")).triggered.connect(self.add_tags_selected)
        menu.addAction(self.tr("&Remove tag…")).triggered.connect(self.remove_tags_selected)
        stages = menu.addMenu(self.tr("Set &stage"))
        for stage in CompanyStage:
            stages.addAction(stage_label(stage)).triggered.connect(
                lambda _=False, s=stage: self.set_stage_selected(s)
            )
        menu.addAction(self.tr("&Do not contact…")).triggered.connect(self.do_not_contact_selected)
        merge_action = menu.addAction(self.tr("&Merge the two…"))
        merge_action.setEnabled(len(self.selected_ids()) == 2)
        merge_action.triggered.connect(self.merge_selected)
        menu.addSeparator()
        menu.addAction(self.trash_action)
        menu.exec(self.view.viewport().mapToGlobal(position))

    def _on_header_menu(self, position: QPoint) -> None:
        header = self.view.horizontalHeader()
        show_column_menu(self, header, COLUMNS, position, self.set_column_visible)

    def set_column_visible(self, column: int, visible: bool) -> None:
        self.view.horizontalHeader().setSectionHidden(column, not visible)
        self._save_layout()

    def _on_sort_indicator(self, column: int, order: Qt.SortOrder) -> None:
        # Columns the database cannot sort quickly keep the previous order.
        if not keeps_previous_sort(self.view.horizontalHeader(), COLUMNS, self.model, column):
            self._save_layout()

    # --- layout -------------------------------------------------------------------------------

    def header_state(self) -> str:
        return bytes(self.view.horizontalHeader().saveState().toBase64().data()).decode()

    def restore_header_state(self, state: str) -> None:
        self.view.horizontalHeader().restoreState(QByteArray.fromBase64(state.encode()))

    def _restore_layout(self) -> None:
        saved = self._current_preferences().layouts.get(LAYOUT_KEY)
        if saved:
            self.restore_header_state(saved)

    def _save_layout(self) -> None:
        layouts = dict(self._current_preferences().layouts)
        layouts[LAYOUT_KEY] = self.header_state()
        if self._context is not None:
            self._context.preferences = self._context.preferences.with_changes(layouts=layouts)
        else:
            self._preferences = self._preferences.with_changes(layouts=layouts)

    def _current_preferences(self) -> Preferences:
        """The context's once attached (the window and its dialogs change them too)."""
        return self._context.preferences if self._context is not None else self._preferences
