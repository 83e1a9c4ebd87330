"""The calendar: touches per day of a month, a week's or a day's agenda, moving touches by drag
or dialog, and the leads nobody looks after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from PySide6.QtCore import QByteArray, QDate, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.changes import Changes
from prospector.errors import ValidationFailed
from prospector.local_days import local_day, local_now
from prospector.qualification import add_months
from prospector.services import activity_log, calendar_view, team
from prospector.services.calendar_view import AgendaItem, CalendarReading
from prospector.services.nurture_settings import NurtureSettings
from prospector.workdays import WorkCalendar
from ui.context import AppContext
from ui.dialogs.reschedule_dialog import RescheduleDialog
from ui.itemmodels.agenda_model import AgendaModel, DraggedTouch, ForgottenModel
from ui.messages import describe, describe_field
from ui.pages.read_when_shown import ReadWhenShown
from ui.widgets.form import fill_owner_filter, to_qdate
from ui.widgets.month_grid import MonthGrid, grid_start
from ui.widgets.row_table import row_table

LAYOUT_KEY = "calendar_agenda"
FORGOTTEN_LAYOUT_KEY = "calendar_forgotten"
MODE_KEY = "calendar_view"  # the view last shown, kept beside the column layouts
FORGOTTEN_LIMIT = 500
# Column widths in characters: the agenda's, then the forgotten leads'.
AGENDA_CHARS = (24, 9, 28, 20, 16, 32, 18, 14)
FORGOTTEN_CHARS = (24, 34, 14, 12, 36, 14)
ONE_DAY = dt.timedelta(days=1)
WEEK_LINES = 4  # a grid row: day and holiday, counts, room between
AGENDA_LINES = 12
OFF_DAY_PROBLEMS = ("holiday", "weekend")


class Mode(StrEnum):
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    FORGOTTEN = "forgotten"


def holiday_language() -> str:
    """Holiday names in the window's language: German, else English."""
    return "de" if QLocale().language() == QLocale.Language.German else "en"


class CalendarPage(QWidget):
    """Reads when shown, and on every change of touches, leads, companies or the team while in
    sight. Opening a touch or a lead is the window's business: the page only says which."""

    open_touch = Signal(int)  # an activity's id
    open_contact = Signal(int)  # a contact's id

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calendarPage")
        self._context = context
        self._operations = context.operations
        self._fixed_today = today  # tests fix the day; the app follows the clock
        self._locale = QLocale()
        # Read when first shown, not when the window starts.
        self._reading = ReadWhenShown(self, self.reload)
        self._owner_chosen = False
        self._keep_id: int | None = None  # the touch to select again after a reading
        self._settings = NurtureSettings()
        self._calendar = WorkCalendar()
        self.selected = self.today()

        self._build_toolbar()
        self.grid = MonthGrid()
        self.grid.day_selected.connect(self.select_day)
        self.grid.day_activated.connect(self._open_day)
        # Queued: no question opens inside the drop.
        self.grid.touch_dropped.connect(self.on_touch_dropped, Qt.ConnectionType.QueuedConnection)
        self.agenda_model = AgendaModel(self)
        self.agenda_table = self._table(self.agenda_model, "agendaTable", AGENDA_CHARS, LAYOUT_KEY)
        self.agenda_table.setDragEnabled(True)
        self.agenda_table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.agenda_table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda_table.activated.connect(self._open_touch_at)
        self.agenda_table.selectionModel().selectionChanged.connect(
            lambda *_args: self._update_buttons()
        )
        self.forgotten_model = ForgottenModel(self)
        self.forgotten_table = self._table(
            self.forgotten_model, "forgottenTable", FORGOTTEN_CHARS, FORGOTTEN_LAYOUT_KEY
        )
        self.forgotten_table.activated.connect(self._open_contact_at)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.grid)
        self.splitter.addWidget(self._agenda_panel())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        # About even: six weeks of four lines above, a dozen rows below.
        line = self.fontMetrics().lineSpacing()
        self.splitter.setSizes([WEEK_LINES * 6 * line, AGENDA_LINES * (line + 8)])
        self.stack = QStackedWidget()
        self.stack.addWidget(self.splitter)
        self.stack.addWidget(self._forgotten_panel())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.stack, 1)
        saved = context.preferences.layouts.get(MODE_KEY, "")
        known = saved in {m.value for m in Mode}
        self._mode_buttons[Mode(saved) if known else Mode.MONTH].setChecked(True)
        self._update_mode()
        context.operations.changed.connect(self.on_changes)

    # -- building -------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        self.back_button = QPushButton("\u25c0")
        self.back_button.setObjectName("calendarBack")
        self.back_button.setToolTip(self.tr("Previous month, week or day (Alt+Left)"))
        self.back_button.setAccessibleName(self.tr("Previous"))
        self.today_button = QPushButton(self.tr("&Today"))
        self.today_button.setToolTip(self.tr("Go to today (Alt+Home)"))
        self.next_button = QPushButton("\u25b6")
        self.next_button.setObjectName("calendarNext")
        self.next_button.setToolTip(self.tr("Next month, week or day (Alt+Right)"))
        self.next_button.setAccessibleName(self.tr("Next"))
        for button in (self.back_button, self.next_button):
            button.setFixedWidth(button.fontMetrics().height() * 2 + 8)
        self.title_label = QLabel()
        self.title_label.setObjectName("calendarTitle")
        font = self.title_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        self.title_label.setFont(font)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button.clicked.connect(self.go_today)
        self._nav_actions = []
        for keys, slot in (
            ("Alt+Left", lambda: self.step(-1)),
            ("Alt+Right", lambda: self.step(1)),
            ("Alt+Home", self.go_today),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            self._nav_actions.append(action)

        self.mode_group = QButtonGroup(self)
        self._mode_buttons: dict[Mode, QPushButton] = {}
        for mode, caption in (
            (Mode.MONTH, self.tr("Mo&nth")),
            (Mode.WEEK, self.tr("&Week")),
            (Mode.DAY, self.tr("&Day")),
            (Mode.FORGOTTEN, self.tr("For&gotten leads")),
        ):
            button = QPushButton(caption)
            button.setObjectName(f"calendar_{mode.value}")
            button.setCheckable(True)
            self.mode_group.addButton(button)
            self._mode_buttons[mode] = button
        self.forgotten_button = self._mode_buttons[Mode.FORGOTTEN]
        self.forgotten_button.setToolTip(
            self.tr("Leads with nothing planned: in nurturing, or not touched for long")
        )
        self.mode_group.buttonClicked.connect(lambda _button: self._on_mode_clicked())
        self.owner = QComboBox()
        self.owner.setObjectName("calendarOwner")
        self.owner.addItem(self.tr("Everyone"), None)
        self.owner.setMinimumContentsLength(14)
        self.owner.currentIndexChanged.connect(lambda _index: self.reload())
        owner_label = QLabel(self.tr("&Owner"))
        owner_label.setBuddy(self.owner)

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.today_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(self.title_label, 1)
        for button in self._mode_buttons.values():
            bar.addWidget(button)
        bar.addSpacing(12)
        bar.addWidget(owner_label)
        bar.addWidget(self.owner)
        self.toolbar = bar

    def _table(
        self, model: AgendaModel | ForgottenModel, name: str, chars: Sequence[int], key: str
    ) -> QTableView:
        table = row_table(QTableView(), model, name)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = self.fontMetrics().averageCharWidth()
        for column, count in enumerate(chars):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            width = max(count * char, header.fontMetrics().horizontalAdvance(title)) + 16
            table.setColumnWidth(column, width)
        saved = self._context.preferences.layouts.get(key)
        if saved:
            header.restoreState(QByteArray.fromBase64(saved.encode()))
        header.sectionMoved.connect(lambda *_args: self._save_layout(key, table))
        header.sectionResized.connect(lambda *_args: self._save_layout(key, table))
        return table

    def _agenda_panel(self) -> QWidget:
        self.agenda_caption = QLabel()
        self.agenda_caption.setObjectName("agendaCaption")
        self.agenda_caption.setWordWrap(True)
        self.move_button = QPushButton(self.tr("&Move\u2026"))
        self.move_button.setObjectName("moveTouch")
        self.move_button.setToolTip(
            self.tr("Move the touch to another day or time (F2, or drag it onto a day)")
        )
        self.move_button.clicked.connect(self.move_selected)
        self.move_action = QAction(self.tr("Move touch"), self)
        self.move_action.setShortcut(QKeySequence("F2"))
        self.move_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.move_action.triggered.connect(self.move_selected)
        self.addAction(self.move_action)
        self.open_button = QPushButton(self.tr("O&pen\u2026"))
        self.open_button.setObjectName("openTouch")
        self.open_button.setToolTip(self.tr("Open the touch (Enter or double-click)"))
        self.open_button.clicked.connect(self._open_selected_touch)
        return _panel(self.agenda_caption, self.agenda_table, self.move_button, self.open_button)

    def _forgotten_panel(self) -> QWidget:
        self.forgotten_summary = QLabel()
        self.forgotten_summary.setObjectName("forgottenSummary")
        self.forgotten_summary.setWordWrap(True)
        self.open_lead_button = QPushButton(self.tr("O&pen lead\u2026"))
        self.open_lead_button.setObjectName("openLead")
        self.open_lead_button.setToolTip(self.tr("Open the person (Enter or double-click)"))
        self.open_lead_button.clicked.connect(
            lambda: self._open_contact_at(self.forgotten_table.currentIndex())
        )
        return _panel(self.forgotten_summary, self.forgotten_table, self.open_lead_button)

    # -- days and modes -------------------------------------------------------------------

    def today(self) -> dt.date:
        return self._fixed_today or local_now().date()

    def now(self) -> dt.datetime:
        """What overdue is judged against: the clock, or noon of a fixed day."""
        if self._fixed_today is None:
            return local_now()
        return dt.datetime.combine(self._fixed_today, dt.time(12)).astimezone()

    def mode(self) -> Mode:
        return next((m for m, b in self._mode_buttons.items() if b.isChecked()), Mode.MONTH)

    def set_mode(self, mode: Mode) -> None:
        self._mode_buttons[mode].setChecked(True)
        self._on_mode_clicked()

    def _on_mode_clicked(self) -> None:
        layouts = dict(self._context.preferences.layouts)
        layouts[MODE_KEY] = self.mode().value
        self._context.preferences = self._context.preferences.with_changes(layouts=layouts)
        self._update_mode()

    def _update_mode(self) -> None:
        mode = self.mode()
        forgotten = mode is Mode.FORGOTTEN
        self.stack.setCurrentIndex(1 if forgotten else 0)
        self.grid.setVisible(mode is Mode.MONTH)
        for widget in (self.back_button, self.today_button, self.next_button):
            widget.setVisible(not forgotten)
        for action in self._nav_actions:
            action.setEnabled(not forgotten)
        if not self._reading.stale:
            self.reload()
        self._update_buttons()

    def shown_days(self) -> tuple[dt.date, dt.date]:
        """The first and last day the agenda lists."""
        if self.mode() is Mode.WEEK:
            monday = self.selected - dt.timedelta(days=self.selected.weekday())
            return monday, monday + 6 * ONE_DAY
        return self.selected, self.selected

    def step(self, direction: int) -> None:
        """A month, week or day on (1) or back (-1), as the view shows."""
        mode = self.mode()
        if mode is Mode.FORGOTTEN:
            return
        if mode is Mode.MONTH:
            self.select_day(add_months(self.selected, direction))
        else:
            self.select_day(self.selected + (7 if mode is Mode.WEEK else 1) * direction * ONE_DAY)

    def go_today(self) -> None:
        self.select_day(self.today())

    def select_day(self, day: dt.date) -> None:
        """Show the day: in the grid (another month is read whole) and in the agenda."""
        month_changed = (day.year, day.month) != (self.selected.year, self.selected.month)
        self.selected = day
        self.grid.set_selected(day)
        if self._reading.stale:
            return
        if month_changed or self.mode() is not Mode.MONTH:
            self.reload()
        else:
            self._read_agenda()

    def _open_day(self, day: dt.date) -> None:
        self.select_day(day)
        self.set_mode(Mode.DAY)

    # -- reading --------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Touches, or the leads, names and owners they show, changed: read again now, or
        when next shown."""
        if changes.activities or changes.contacts or changes.companies or changes.team:
            self._reading.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reading.shown()

    def owner_id(self) -> int | None:
        value = self.owner.currentData()
        return value if isinstance(value, int) else None

    def reload(self) -> None:
        """Read the team for the owner filter, then the month, the agenda and the forgotten
        leads (their count, or the list when shown) in one session."""
        self._reading.stale = False
        self._locale = QLocale()
        members = self._operations.read(team.list_team_members, parent=self)
        if members is not None:
            self._show_owners(members)
        mode, today, owner = self.mode(), self.today(), self.owner_id()
        first, last = self.shown_days()
        start = grid_start(self.selected.year, self.selected.month)
        listed = FORGOTTEN_LIMIT if mode is Mode.FORGOTTEN else 0

        grid = (start, start + 41 * ONE_DAY) if mode is Mode.MONTH else None
        found = self._operations.read(
            lambda session: calendar_view.calendar_reading(
                session, grid, first, last, today, owner, listed
            ),
            parent=self,
        )
        if found is not None:
            self._show(found)

    def _read_agenda(self) -> None:
        """Only the agenda: another day of the month shown was chosen."""
        first, last, today, owner = *self.shown_days(), self.today(), self.owner_id()
        items = self._operations.read(
            lambda s: calendar_view.agenda(s, first, last, owner, overdue=first <= today <= last),
            parent=self,
        )
        if items is not None:
            self._show_agenda(items)

    def _show_owners(self, members: Sequence[team.TeamMemberRecord]) -> None:
        chosen = self.owner.currentData()
        if not self._owner_chosen:
            # At first, the user's own touches when the team knows them.
            self._owner_chosen = True
            chosen = self._context.current_member_id()
        fill_owner_filter(self.owner, members, self.tr("Everyone"), chosen)

    def _show(self, found: CalendarReading) -> None:
        self._settings = found.settings
        self._calendar = found.settings.calendar(holiday_language())
        today, mode = self.today(), self.mode()
        start = grid_start(self.selected.year, self.selected.month)
        holidays = self._calendar.holidays_between(start, start + 41 * ONE_DAY)
        self.grid.show_month(self.selected.year, self.selected.month, found.counts, holidays, today)
        self.grid.set_selected(self.selected)
        self._show_agenda(found.agenda)
        count = self._locale.toString(found.forgotten_total)
        self.forgotten_button.setText(self.tr("For&gotten leads (%1)").replace("%1", count))
        if mode is Mode.FORGOTTEN:
            self.forgotten_model.show_leads(found.forgotten, today)
            self.forgotten_summary.setText(self._forgotten_text(found))
        self.title_label.setText(self._title())

    def _show_agenda(self, items: Sequence[AgendaItem]) -> None:
        kept = self._keep_id if self._keep_id is not None else self._selected_id()
        self._keep_id = None
        first, last = self.shown_days()
        self.agenda_model.show_items(items, self.now(), first if first == last else None)
        self.agenda_caption.setText(self._agenda_text(items))
        at = None if kept is None else self.agenda_model.row_of(kept)
        if at is not None:
            self.agenda_table.selectRow(at)
        self._update_buttons()

    def _long_date(self, day: dt.date) -> str:
        return self._locale.toString(to_qdate(day), QLocale.FormatType.LongFormat)

    def _title(self) -> str:
        mode, day = self.mode(), self.selected
        if mode is Mode.FORGOTTEN:
            return self.tr("Forgotten leads")
        if mode is Mode.MONTH:
            return self._locale.toString(QDate(day.year, day.month, 1), "MMMM yyyy")
        if mode is Mode.DAY:
            return self._long_date(day)
        first, last = self.shown_days()
        short = QLocale.FormatType.ShortFormat
        return (
            self.tr("Week %1: %2 \u2013 %3")
            .replace("%1", str(first.isocalendar().week))
            .replace("%2", self._locale.toString(to_qdate(first), short))
            .replace("%3", self._locale.toString(to_qdate(last), short))
        )

    def _agenda_text(self, items: Sequence[AgendaItem]) -> str:
        first, last = self.shown_days()
        parts = [] if first != last else [self._long_date(first)]
        short = QLocale.FormatType.ShortFormat
        for day, name in self._calendar.holidays_between(first, last).items():
            if first == last:
                parts.append(self.tr("public holiday: %1").replace("%1", name))
            else:
                when = self._locale.toString(to_qdate(day), short)
                holiday = self.tr("public holiday %1: %2").replace("%1", when)
                parts.append(holiday.replace("%2", name))
        earlier = sum(
            1
            for i in items
            if i.done_at is None and i.due_at is not None and local_day(i.due_at) < first
        )
        count = len(items) - earlier
        parts.append(self.tr("%Ln touch(es)", "", count) if count else self.tr("nothing planned"))
        if earlier:
            parts.append(self.tr("%Ln overdue from earlier days", "", earlier))
        return " \u00b7 ".join(parts)

    def _forgotten_text(self, found: CalendarReading) -> str:
        total, shown = found.forgotten_total, len(found.forgotten)
        if not total:
            return self.tr("No forgotten leads: every lead has a touch planned.")
        text = self.tr("%Ln forgotten lead(s)", "", total)
        if shown < total:
            text += self.tr(", the %Ln longest untouched shown", "", shown)
        rule = self.tr(
            "Nothing planned, and in nurturing or not touched for %Ln day(s).",
            "",
            self._settings.quiet_days,
        )
        return f"{text}. {rule}"

    # -- selection and actions ------------------------------------------------------------

    def selected_item(self) -> AgendaItem | None:
        chosen = self.agenda_table.selectionModel().selectedRows()
        return self.agenda_model.item_at(chosen[0].row()) if chosen else None

    def _selected_id(self) -> int | None:
        item = self.selected_item()
        return None if item is None else item.id

    def _update_buttons(self) -> None:
        item = self.selected_item()
        movable = item is not None and item.done_at is None and self.mode() is not Mode.FORGOTTEN
        self.move_button.setEnabled(movable)
        self.move_action.setEnabled(movable)
        self.open_button.setEnabled(item is not None)

    def _open_touch_at(self, index: QModelIndex) -> None:
        item = self.agenda_model.item_at(index.row()) if index.isValid() else None
        if item is not None:
            self.open_touch.emit(item.id)

    def _open_selected_touch(self) -> None:
        item = self.selected_item()
        if item is not None:
            self.open_touch.emit(item.id)

    def _open_contact_at(self, index: QModelIndex) -> None:
        lead = self.forgotten_model.lead_at(index.row()) if index.isValid() else None
        if lead is not None:
            self.open_contact.emit(lead.contact_id)

    def move_selected(self) -> bool:
        """Ask for the selected touch's new day and time, and move it there."""
        item = self.selected_item()
        if item is None or item.done_at is not None or item.due_at is None:
            return False
        answer = RescheduleDialog.ask(self, item.due_at, item.all_day, self._calendar)
        if answer is None:
            return False
        due_at, all_day = answer
        return self.move_touch(item.id, item.version, due_at, all_day)

    def on_touch_dropped(self, touch: DraggedTouch, day: dt.date) -> None:
        """A touch was dropped on a day of the grid: to that day, at its time of day."""
        if day != local_day(touch.due_at):
            self.move_touch(touch.id, touch.version, touch.moved_to(day), touch.all_day)

    def move_touch(
        self, activity_id: int, version: int, due_at: dt.datetime, all_day: bool
    ) -> bool:
        """Move the touch, at the version it was read at; to a weekend or holiday only when the
        user says so. Whether it moved (the page reads again from the change)."""
        day = local_day(due_at)
        off_day = not self._settings.off_days and not self._calendar.is_workday(day)
        if off_day and not self._ask_off_day(day, self._calendar.holiday(day)):
            return False
        return self._write_move(activity_id, version, due_at, all_day, off_day)

    def _write_move(
        self, activity_id: int, version: int, due_at: dt.datetime, all_day: bool, off_day: bool
    ) -> bool:
        self._keep_id = activity_id
        try:
            outcome = self._operations.write(
                lambda db: activity_log.reschedule(
                    db, activity_id, due_at, all_day=all_day, version=version, off_day=off_day
                ),
                parent=self,
                expected=(ValidationFailed,),
            )
        except ValidationFailed as exc:
            self._keep_id = None
            problem = exc.problems.get("due_at")
            if problem is not None and problem.code in OFF_DAY_PROBLEMS and not off_day:
                # The settings changed since the page read them: ask now.
                holiday = problem.params.get("holiday")
                named = holiday if isinstance(holiday, str) else None
                if self._ask_off_day(local_day(due_at), named):
                    return self._write_move(activity_id, version, due_at, all_day, True)
                return False
            text = describe(exc) if problem is None else describe_field(problem)
            QMessageBox.warning(self, self.tr("Move touch"), text)
            self.reload()
            return False
        if outcome is None:
            self._keep_id = None
            self.reload()  # changed or removed by someone else: show what is stored now
        return outcome is not None

    def _ask_off_day(self, day: dt.date, holiday: str | None) -> bool:
        date = self._long_date(day)
        if holiday:
            question = (
                self.tr("%1 is a public holiday (%2). Plan it there anyway?")
                .replace("%1", date)
                .replace("%2", holiday)
            )
        else:
            question = self.tr("%1 falls on a weekend. Plan it there anyway?").replace("%1", date)
        answer = QMessageBox.question(
            self,
            self.tr("Move touch"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _save_layout(self, key: str, table: QTableView) -> None:
        state = bytes(table.horizontalHeader().saveState().toBase64().data()).decode()
        layouts = dict(self._context.preferences.layouts)
        layouts[key] = state
        self._context.preferences = self._context.preferences.with_changes(layouts=layouts)


def _panel(caption: QLabel, table: QTableView, *buttons: QPushButton) -> QWidget:
    """A caption above a list, with the buttons acting on it below."""
    actions = QHBoxLayout()
    for button in buttons:
        actions.addWidget(button)
    actions.addStretch(1)
    panel = QWidget()
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 6, 0, 0)
    layout.addWidget(caption)
    layout.addWidget(table, 1)
    layout.addLayout(actions)
    return panel
