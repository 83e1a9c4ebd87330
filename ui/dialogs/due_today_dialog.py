"""At start: the touches due today and those left over, so that no lead waits unnoticed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.local_days import local_now
from prospector.nurturing import is_overdue
from prospector.services import calendar_view
from prospector.services.calendar_view import AgendaItem
from ui.context import AppContext
from ui.itemmodels.agenda_model import AgendaModel


def due_now(context: AppContext) -> list[AgendaItem]:
    """The current user's touches (everyone's, when nobody is chosen) due today or before,
    not done."""
    today = local_now().date()
    owner = context.current_member_id()
    items = context.operations.read(
        lambda session: calendar_view.agenda(session, today, today, owner, overdue=True),
        quiet=True,
    )
    return [item for item in items or () if item.done_at is None]


class DueTodayDialog(QDialog):
    """A list, not a question: it stays open beside the window; a double-click opens a touch."""

    open_touch = Signal(int)
    show_calendar = Signal()

    def __init__(
        self, context: AppContext, items: Sequence[AgendaItem], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dueTodayDialog")
        self.setWindowTitle(self.tr("Due today"))
        self._context = context
        now = local_now()
        overdue = sum(1 for item in items if item.due_at and is_overdue(item.due_at, now))
        self.heading = QLabel(
            self.tr("%Ln touch(es) due today or earlier", "", len(items))
            + (self.tr(", {count} of them overdue.").format(count=overdue) if overdue else ".")
        )
        self.heading.setObjectName("dueHeading")
        self.model = AgendaModel(self)
        self.model.show_items(items, now, None)
        self.view = QTableView()
        self.view.setObjectName("dueList")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.resizeColumnsToContents()
        # A long company name must not push the talking point out of sight.
        widest = self.fontMetrics().horizontalAdvance("M") * 22
        for column in range(self.model.columnCount()):
            self.view.setColumnWidth(column, min(self.view.columnWidth(column), widest))
        self.view.activated.connect(self._open)
        self.view.doubleClicked.connect(self._open)
        self.at_start = QCheckBox(self.tr("&Show this list when Prospector starts"))
        self.at_start.setObjectName("dueAtStart")
        self.at_start.setChecked(context.preferences.show_due_at_start)
        self.at_start.toggled.connect(lambda on: context.update_preferences(show_due_at_start=on))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        calendar = buttons.addButton(
            self.tr("Open the &calendar"), QDialogButtonBox.ButtonRole.ActionRole
        )
        calendar.setObjectName("openCalendar")
        calendar.clicked.connect(self._to_calendar)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.at_start)
        layout.addWidget(buttons)
        self.resize(900, 360)

    def _open(self, index: QModelIndex) -> None:
        item = self.model.item_at(index.row())
        if item is not None:
            self.open_touch.emit(item.id)

    def _to_calendar(self) -> None:
        self.show_calendar.emit()
        self.accept()
