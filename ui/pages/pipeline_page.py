"""The pipeline: the deals as a board of stage columns or as a list, moved on by drag or key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import QByteArray, QDate, QLocale, QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.changes import Changes
from prospector.enums import OpportunityStage
from prospector.qualification import OPEN_STAGES
from prospector.services import opportunities, team
from prospector.services.opportunities import OpportunityFilter, OpportunityRow, Pipeline
from ui.context import AppContext
from ui.dialogs.opportunity_dialog import LostReasonDialog, OpportunityDialog
from ui.itemmodels.opportunity_model import (
    COLUMNS,
    CardModel,
    OpportunityTableModel,
    lost_reason_text,
    money,
)
from ui.labels import opportunity_stage_label
from ui.pages.read_when_shown import ReadWhenShown
from ui.widgets.form import fill_owner_filter, long_year_format
from ui.widgets.row_table import row_table
from ui.widgets.stage_column import StageColumn

LAYOUT_KEY = "pipeline"
SEARCH_DELAY_MS = 150
STAGES = tuple(OpportunityStage)
# Column widths of the list in characters.
COLUMN_CHARS = (34, 30, 20, 16, 12, 10, 12, 12, 16)


def step_back(stage: OpportunityStage) -> OpportunityStage | None:
    """The stage before; a closed deal is taken up again in negotiation."""
    if stage in (OpportunityStage.WON, OpportunityStage.LOST):
        return OpportunityStage.NEGOTIATION
    at = OPEN_STAGES.index(stage)
    return OPEN_STAGES[at - 1] if at > 0 else None


def step_forward(stage: OpportunityStage) -> OpportunityStage | None:
    """The stage after; negotiation ends in won (lost is never "forward")."""
    if stage not in OPEN_STAGES:
        return None
    following = (*OPEN_STAGES, OpportunityStage.WON)
    return following[following.index(stage) + 1]


class PipelinePage(QWidget):
    """The deals that pass the filter: a board when shown so, else a list; reads when shown,
    and again on every change of deals, companies, contacts or the team while in sight."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pipelinePage")
        self._context = context
        self._operations = context.operations
        self._locale = QLocale()
        # Read when first shown, not when the window starts.
        self._reading = ReadWhenShown(self, self.reload)
        self._pipeline: Pipeline | None = None
        self._keep_id: int | None = None  # the deal to select again after a reading
        self.card_limit = opportunities.COLUMN_LIMIT  # cards a column shows; the list has all

        self._build_filter_bar()
        self.columns = {stage: StageColumn(stage) for stage in STAGES}
        board_row = QHBoxLayout()
        board_row.setSpacing(8)
        for column in self.columns.values():
            board_row.addWidget(column, 1)
            column.model.move_requested.connect(
                self.on_card_dropped, Qt.ConnectionType.QueuedConnection
            )
            column.view.activated.connect(self._open_index)
            column.view.selectionModel().selectionChanged.connect(
                lambda *_args, s=column.stage: self._on_card_selected(s)
            )
            column.more.linkActivated.connect(lambda _link, s=column.stage: self.show_list_of(s))
        self.board = QWidget()
        self.board.setObjectName("pipelineBoard")
        self.board.setLayout(board_row)
        board_row.setContentsMargins(0, 0, 0, 0)

        self.list_model = OpportunityTableModel(self)
        self.table = self._build_table()
        self.stack = QStackedWidget()
        self.stack.addWidget(self.board)
        self.stack.addWidget(self.table)

        self._build_actions()
        self.open_totals = QLabel()
        self.open_totals.setObjectName("openTotals")
        self.lost_reasons = QLabel()
        self.lost_reasons.setObjectName("lostReasons")
        self.lost_reasons.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("listCount")
        summary = QHBoxLayout()
        summary.addWidget(self.open_totals)
        self.lost_reasons.setContentsMargins(24, 0, 0, 0)
        summary.addWidget(self.lost_reasons, 1)
        summary.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.filter_bar)
        layout.addWidget(self.stack, 1)
        layout.addLayout(self.action_bar)
        layout.addLayout(summary)
        self._update_mode()
        self._update_buttons()
        context.operations.changed.connect(self.on_changes)

    # -- building -------------------------------------------------------------------------

    def _build_filter_bar(self) -> None:
        self.owner = QComboBox()
        self.owner.setObjectName("pipelineOwner")
        self.owner.addItem(self.tr("Everyone"), None)
        self.owner.setMinimumContentsLength(14)
        self.search = QLineEdit()
        self.search.setObjectName("pipelineSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Title or company"))
        self.closing = QCheckBox(self.tr("Closing &until"))
        self.closing.setObjectName("closingUntil")
        self.closing_on = QDateEdit(QDate.currentDate().addMonths(3))
        self.closing_on.setCalendarPopup(True)
        self.closing_on.setDisplayFormat(long_year_format(self._locale))
        self.closing_on.setEnabled(False)
        self.stage_filter = QComboBox()
        self.stage_filter.setObjectName("pipelineStage")
        self.stage_filter.addItem(self.tr("All stages"), None)
        for stage in STAGES:
            self.stage_filter.addItem(opportunity_stage_label(stage), stage.value)
        self.stage_caption = QLabel(self.tr("St&age"))
        self.stage_caption.setBuddy(self.stage_filter)
        self.board_button = QPushButton(self.tr("Boar&d"))
        self.list_button = QPushButton(self.tr("&List"))
        self.mode = QButtonGroup(self)
        for n, button in enumerate((self.board_button, self.list_button)):
            button.setCheckable(True)
            self.mode.addButton(button, n)
        self.board_button.setChecked(True)

        bar = QHBoxLayout()
        for caption, widget in ((self.tr("&Owner"), self.owner), (self.tr("Sear&ch"), self.search)):
            label = QLabel(caption)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 1 if widget is self.search else 0)
        bar.addSpacing(8)
        bar.addWidget(self.closing)
        bar.addWidget(self.closing_on)
        bar.addSpacing(8)
        bar.addWidget(self.stage_caption)
        bar.addWidget(self.stage_filter)
        bar.addSpacing(8)
        bar.addWidget(self.board_button)
        bar.addWidget(self.list_button)
        self.filter_bar = bar

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._timer.start)
        self.owner.currentIndexChanged.connect(lambda _index: self.reload())
        self.closing.toggled.connect(self.closing_on.setEnabled)
        self.closing.toggled.connect(lambda _on: self.reload())
        self.closing_on.dateChanged.connect(self._on_closing_date)
        self.stage_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.mode.idClicked.connect(lambda _id: self._update_mode())

    def _build_table(self) -> QTableView:
        table = row_table(QTableView(), self.list_model, "pipelineTable")
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Unsorted at first: as read, the soonest to close first.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        char = self.fontMetrics().averageCharWidth()
        # Wide enough for the header and its sort arrow, and the longest stage, in any language.
        arrow = header.fontMetrics().height() + 16
        stages = max(
            self.fontMetrics().horizontalAdvance(opportunity_stage_label(s)) for s in STAGES
        )
        for column, (spec, chars) in enumerate(zip(COLUMNS, COLUMN_CHARS, strict=True)):
            width = max(
                chars * char + 16, header.fontMetrics().horizontalAdvance(spec.header()) + arrow
            )
            if spec.key == "stage":
                width = max(width, stages + 16)
            table.setColumnWidth(column, width)
        saved = self._context.preferences.layouts.get(LAYOUT_KEY)
        if saved:
            header.restoreState(QByteArray.fromBase64(saved.encode()))
        header.sectionMoved.connect(self._save_layout)
        header.sectionResized.connect(self._save_layout)
        header.sortIndicatorChanged.connect(self._save_layout)
        table.activated.connect(self._open_index)
        table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        return table

    def _build_actions(self) -> None:
        self.back_button = QPushButton(self.tr("\u25c0 &Back"))
        self.back_button.setToolTip(self.tr("Move the deal one stage back (Ctrl+Left)"))
        self.forward_button = QPushButton(self.tr("For&ward \u25b6"))
        self.forward_button.setToolTip(self.tr("Move the deal one stage on (Ctrl+Right)"))
        self.won_button = QPushButton(self.tr("Wo&n"))
        self.lost_button = QPushButton(self.tr("Lo&st\u2026"))
        self.edit_button = QPushButton(self.tr("Ed&it\u2026"))
        self.edit_button.setToolTip(self.tr("Open the deal (Enter or double-click)"))
        self.back_button.clicked.connect(self.move_back)
        self.forward_button.clicked.connect(self.move_forward)
        self.won_button.clicked.connect(lambda: self.move_selected(OpportunityStage.WON))
        self.lost_button.clicked.connect(lambda: self.move_selected(OpportunityStage.LOST))
        self.edit_button.clicked.connect(self.edit_selected)
        self.back_action = QAction(self.tr("Move back"), self)
        self.back_action.setShortcut(QKeySequence("Ctrl+Left"))
        self.back_action.triggered.connect(self.move_back)
        self.forward_action = QAction(self.tr("Move on"), self)
        self.forward_action.setShortcut(QKeySequence("Ctrl+Right"))
        self.forward_action.triggered.connect(self.move_forward)
        for action in (self.back_action, self.forward_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        bar = QHBoxLayout()
        for button in (
            self.back_button,
            self.forward_button,
            self.won_button,
            self.lost_button,
            self.edit_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        self.action_bar = bar

    # -- reading --------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Deals, or the names and owners their cards show, changed: read again now, or
        when next shown."""
        if changes.opportunities or changes.companies or changes.contacts or changes.team:
            self._reading.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reading.shown()

    def current_filter(self) -> OpportunityFilter:
        return OpportunityFilter(
            owner_id=self.owner.currentData(),
            text=self.search.text(),
            closing_until=self._closing_until(),
        )

    def _closing_until(self) -> dt.date | None:
        if not self.closing.isChecked():
            return None
        day = self.closing_on.date()
        return dt.date(day.year(), day.month(), day.day())

    def reload(self) -> None:
        """Read the team for the owner filter, and the board or the list, whichever is shown."""
        self._timer.stop()
        self._reading.stale = False
        self._locale = QLocale()
        members = self._operations.read(team.list_team_members, parent=self)
        if members is not None:
            self._show_owners(members)
        kept = self._keep_id if self._keep_id is not None else self._selected_id()
        self._keep_id = None
        flt = self.current_filter()
        if self.is_list_shown():
            stage = self.stage_filter.currentData()
            if stage is not None:
                flt = OpportunityFilter(
                    flt.owner_id, frozenset({OpportunityStage(stage)}), flt.text, flt.closing_until
                )
            rows = self._operations.read(
                lambda session: opportunities.list_opportunities(session, flt), parent=self
            )
            if rows is not None:
                self.list_model.set_rows(rows)
                self.count_label.setText(self.tr("%Ln deals listed", "", len(rows)))
        else:
            found = self._operations.read(
                lambda session: opportunities.pipeline(session, flt, limit=self.card_limit),
                parent=self,
            )
            if found is not None:
                self._show_pipeline(found)
        self._select(kept)
        self._update_buttons()

    def _show_owners(self, members: Sequence[team.TeamMemberRecord]) -> None:
        chosen = self.owner.currentData()
        fill_owner_filter(self.owner, members, self.tr("Everyone"), chosen)

    def _show_pipeline(self, found: Pipeline) -> None:
        self._pipeline = found
        for column in found.columns:
            self.columns[column.stage].show_column(column, self._locale)
        open_columns = [c for c in found.columns if c.stage in OPEN_STAGES]
        count = sum(c.count for c in open_columns)
        total = sum((c.total_eur for c in open_columns), Decimal(0))
        weighted = sum((c.weighted_eur for c in open_columns), Decimal(0))
        self.open_totals.setText(
            self.tr("Open: %Ln deals \u00b7 %1 \u00b7 weighted %2", "", count)
            .replace("%1", money(self._locale, total))
            .replace("%2", money(self._locale, weighted))
        )
        parts = [
            f"{lost_reason_text(reason)} {self._locale.toString(count)}"
            for reason, count in found.lost_reasons
        ]
        self.lost_reasons.setText(
            self.tr("Lost: %1").replace("%1", " \u00b7 ".join(parts))
            if parts
            else self.tr("Lost: none")
        )
        if not any(c.count for c in found.columns) and self.current_filter() == OpportunityFilter():
            # An empty board, first time round: say where deals come from.
            self.open_totals.setText(
                self.tr(
                    "No deals yet. A lead becomes one when its qualification has all four "
                    "criteria met and you open an opportunity."
                )
            )
            self.lost_reasons.clear()

    # -- mode and selection ---------------------------------------------------------------

    def is_list_shown(self) -> bool:
        return self.list_button.isChecked()

    def show_board(self) -> None:
        self.board_button.setChecked(True)
        self._update_mode()

    def show_list(self) -> None:
        self.list_button.setChecked(True)
        self._update_mode()

    def show_list_of(self, stage: OpportunityStage) -> None:
        """The list of one stage's deals (a column that holds more than it shows)."""
        self.list_button.setChecked(True)
        self.stage_filter.blockSignals(True)
        self.stage_filter.setCurrentIndex(self.stage_filter.findData(stage.value))
        self.stage_filter.blockSignals(False)
        self._update_mode()

    def _update_mode(self) -> None:
        listed = self.is_list_shown()
        self.stack.setCurrentWidget(self.table if listed else self.board)
        for widget in (self.stage_caption, self.stage_filter, self.count_label):
            widget.setVisible(listed)
        for widget in (self.open_totals, self.lost_reasons):
            widget.setVisible(not listed)
        if not self._reading.stale:
            self.reload()

    def focus_search(self) -> None:
        """Ctrl+F: into the search field, its text selected."""
        self.search.setFocus()
        self.search.selectAll()

    def _on_closing_date(self) -> None:
        if self.closing.isChecked():
            self._timer.start()

    def _on_card_selected(self, stage: OpportunityStage) -> None:
        # One card at a time on the whole board: the buttons act on it.
        if self.columns[stage].view.selectionModel().hasSelection():
            for other, column in self.columns.items():
                if other is not stage:
                    column.view.clearSelection()
        self._update_buttons()

    def selected_row(self) -> OpportunityRow | None:
        """The deal the buttons act on: the selected card, or the selected line of the list."""
        if self.is_list_shown():
            chosen = self.table.selectionModel().selectedRows()
            return self.list_model.row_at(chosen[0].row()) if chosen else None
        for column in self.columns.values():
            picked = column.view.selectionModel().selectedIndexes()
            if picked:
                return column.model.row_at(picked[0].row())
        return None

    def _selected_id(self) -> int | None:
        row = self.selected_row()
        return None if row is None else row.id

    def select(self, opportunity_id: int | None) -> bool:
        """Select the deal's card (or line); False when it is not shown."""
        return self._select(opportunity_id)

    def _select(self, opportunity_id: int | None) -> bool:
        if opportunity_id is None:
            return False
        if self.is_list_shown():
            for n in range(self.list_model.rowCount()):
                found = self.list_model.row_at(n)
                if found is not None and found.id == opportunity_id:
                    self.table.selectRow(n)
                    return True
            return False
        board_focused = any(c.view.hasFocus() for c in self.columns.values())
        for column in self.columns.values():
            at = column.model.row_of(opportunity_id)
            if at is not None:
                index = column.model.index(at, 0)
                column.view.setCurrentIndex(index)
                column.view.scrollTo(index)
                if board_focused:
                    column.view.setFocus()  # Ctrl+Right again moves it on again
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected_row()
        stage = row.stage if row is not None else None
        back = stage is not None and step_back(stage) is not None
        forward = stage is not None and step_forward(stage) is not None
        self.back_button.setEnabled(back)
        self.back_action.setEnabled(back)
        self.forward_button.setEnabled(forward)
        self.forward_action.setEnabled(forward)
        self.won_button.setEnabled(stage is not None and stage is not OpportunityStage.WON)
        self.lost_button.setEnabled(stage is not None and stage is not OpportunityStage.LOST)
        self.edit_button.setEnabled(row is not None)

    # -- actions --------------------------------------------------------------------------

    def move_deal(self, row: OpportunityRow, stage: OpportunityStage) -> bool:
        """Move the deal to the stage; to lost only with a reason. Whether it moved."""
        if stage is row.stage:
            return False
        reason, note = None, ""
        if stage is OpportunityStage.LOST:
            answer = LostReasonDialog.ask(self, row.title)
            if answer is None:
                return False
            reason, note = answer
        self._keep_id = row.id
        outcome = self._operations.write(
            lambda db: opportunities.move_stage(
                db, row.id, row.version, stage, lost_reason_code=reason, lost_reason=note
            ),
            parent=self,
        )
        if outcome is None:
            self._keep_id = None
        return outcome is not None

    def move_selected(self, stage: OpportunityStage) -> bool:
        row = self.selected_row()
        return row is not None and self.move_deal(row, stage)

    def move_back(self) -> bool:
        row = self.selected_row()
        target = step_back(row.stage) if row is not None else None
        return row is not None and target is not None and self.move_deal(row, target)

    def move_forward(self) -> bool:
        row = self.selected_row()
        target = step_forward(row.stage) if row is not None else None
        return row is not None and target is not None and self.move_deal(row, target)

    def on_card_dropped(self, opportunity_id: int, version: int, stage: str) -> None:
        """A card was dropped on another column (queued: no dialog opens inside the drop)."""
        row = self._find(opportunity_id)
        if row is not None:
            # At the version the drag carried: a deal changed since is refused, not overwritten.
            self.move_deal(replace(row, version=version), OpportunityStage(stage))

    def _find(self, opportunity_id: int) -> OpportunityRow | None:
        if self._pipeline is None:
            return None
        for column in self._pipeline.columns:
            for row in column.rows:
                if row.id == opportunity_id:
                    return row
        return None

    def edit_selected(self) -> bool:
        row = self.selected_row()
        return row is not None and self.open_opportunity(row)

    def open_opportunity(self, row: OpportunityRow) -> bool:
        """The deal's form; True when it was saved (the page reads again from the change)."""
        self._keep_id = row.id  # the page reads again while the dialog saves
        saved = OpportunityDialog.ask(self, self._context, row)
        self._keep_id = None
        return saved

    def _open_index(self, index: QModelIndex) -> None:
        model = index.model()
        if isinstance(model, (CardModel, OpportunityTableModel)):
            row = model.row_at(index.row())
            if row is not None:
                self.open_opportunity(row)

    def _save_layout(self) -> None:
        state = bytes(self.table.horizontalHeader().saveState().toBase64().data()).decode()
        layouts = dict(self._context.preferences.layouts)
        layouts[LAYOUT_KEY] = state
        self._context.preferences = self._context.preferences.with_changes(layouts=layouts)
