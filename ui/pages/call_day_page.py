"""The call day (Anruftag): a day's calls in the order they are made, printed, then entered."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QDate, QLocale, QStandardPaths, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector import i18n
from prospector.call_day import Call, CallDay
from prospector.changes import Changes
from prospector.local_days import local_now
from prospector.reports.call_sheets import CallDayPdf, write_call_day
from prospector.services import team
from prospector.services.call_list import call_day
from prospector.services.nurture_settings import nurture_settings
from prospector.workdays import WorkCalendar
from ui.context import AppContext
from ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from ui.itemmodels.call_list_model import COLUMNS, CallListModel
from ui.pages.read_when_shown import ReadWhenShown
from ui.widgets.form import fill_owner_filter, long_year_format, to_qdate
from ui.widgets.outcome_entry import OutcomeEntry
from ui.widgets.progress import ProgressDialogs
from ui.widgets.row_table import row_table
from ui.workers import Worker

LAYOUT_KEY = "call_day"
# Column widths of the list in characters: No., company, contact, persona, phone, last touch,
# next step (the talking point; it takes the room left), open criteria, due.
COLUMN_CHARS = (4, 22, 15, 12, 18, 14, 20, 15, 17)
# Ordinary text, to measure a character by: averageCharWidth() counts narrow glyphs too often.
SAMPLE = "Müller Maschinenbau GmbH 0351 4567890"
STRETCHED = 6


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class _CallTable(QTableView):
    """The list's keys: Alt+Up and Alt+Down move the selected call, Del takes it off."""

    move_requested = Signal(int)  # -1 earlier, 1 later
    remove_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers == Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_requested.emit(-1 if key == Qt.Key.Key_Up else 1)
        elif modifiers == Qt.KeyboardModifier.NoModifier and key == Qt.Key.Key_Delete:
            self.remove_requested.emit()
        else:
            super().keyPressEvent(event)


class CallDayPage(QWidget):
    """Choose a date and an owner: their calls, overdue ones included, in priority order; the
    user may reorder them and take some off, print them as a PDF in that order, and enter the
    outcomes in the printed order. Reads when shown, and again on changes while in sight."""

    pdf_written = Signal(object)  # the Path of the call day just written

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callDayPage")
        self._context = context
        self._operations = context.operations
        # Read when first shown, not when the window starts.
        self._reading = ReadWhenShown(self, self.reload, held=self.is_entering)
        self._first = True  # the date and owner get their defaults at the first reading
        self._calendar = WorkCalendar(None, i18n.current_language())
        self._order: list[int] | None = None  # activity ids as the user arranged them
        self._dropped: set[int] = set()  # taken off today's list by the user
        self._printed: tuple[Call, ...] | None = None  # the last PDF's calls, in its order
        self._printed_for: tuple[dt.date, int | None] | None = None
        self._pdfs = 0  # PDFs made: a new one starts a new entry of outcomes
        self._entry_token: object = None
        self._job = context.operations.job(self)
        ProgressDialogs(self, self._job)

        self._build_bar()
        self.warning = QLabel()
        self.warning.setObjectName("dayWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #8a5a00;")
        self.warning.hide()
        self.model = CallListModel(self)
        self.table = self._build_table()
        self.list_view = self._build_list_view()
        self.entry = OutcomeEntry(context)
        self.entry.back_requested.connect(self.show_list)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.list_view)
        self.stack.addWidget(self.entry)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(self.bar)
        layout.addWidget(self.warning)
        layout.addWidget(self.stack, 1)
        self._update_buttons()
        self._job.finished.connect(self._update_buttons)
        context.operations.changed.connect(self.on_changes)

    # -- building -------------------------------------------------------------------------

    def _build_bar(self) -> None:
        locale = QLocale()
        self.date = QDateEdit(QDate.currentDate())
        self.date.setObjectName("callDayDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd " + long_year_format(locale))
        self.owner = QComboBox()
        self.owner.setObjectName("callDayOwner")
        self.owner.addItem(self.tr("Everyone"), None)
        self.owner.setMinimumContentsLength(14)
        self.pdf_button = QPushButton(self.tr("Create &PDF\u2026"))
        self.pdf_button.setObjectName("createPdf")
        self.pdf_button.setToolTip(self.tr("The list and a sheet per call, in this order (Ctrl+P)"))
        self.pdf_button.clicked.connect(lambda: self.make_pdf())
        self.pdf_action = QAction(self.tr("Create PDF"), self)
        self.pdf_action.setShortcut(QKeySequence("Ctrl+P"))
        self.pdf_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.pdf_action.triggered.connect(lambda: self.make_pdf())
        self.addAction(self.pdf_action)
        self.enter_button = QPushButton(self.tr("&Enter outcomes"))
        self.enter_button.setObjectName("enterOutcomes")
        self.enter_button.setToolTip(self.tr("One key per call, in the printed order"))
        self.enter_button.clicked.connect(self.show_entry)

        bar = QHBoxLayout()
        for caption, widget in ((self.tr("&Date"), self.date), (self.tr("&Owner"), self.owner)):
            label = QLabel(caption)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
            bar.addSpacing(8)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        bar.addWidget(self.enter_button)
        self.bar = bar
        self.date.dateChanged.connect(lambda _date: self._on_choice())
        self.owner.currentIndexChanged.connect(lambda _index: self._on_choice())

    def _build_table(self) -> _CallTable:
        table = row_table(_CallTable(), self.model, "callTable")
        # Rows move by drag inside the list, never out of it.
        table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(False)
        table.setDropIndicatorShown(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The talking point is free text of any length: it gets the width the others leave.
        header.setSectionResizeMode(STRETCHED, QHeaderView.ResizeMode.Stretch)
        char = self.fontMetrics().horizontalAdvance(SAMPLE) / len(SAMPLE)
        for column, chars in enumerate(COLUMN_CHARS):
            title = header.fontMetrics().horizontalAdvance(COLUMNS[column].header())
            table.setColumnWidth(column, max(round(chars * char), title) + 16)
        saved = self._context.preferences.layouts.get(LAYOUT_KEY)
        if saved:
            header.restoreState(QByteArray.fromBase64(saved.encode()))
        header.sectionResized.connect(self._save_layout)
        table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.model.rowsMoved.connect(lambda *_args: self._remember_order())
        table.move_requested.connect(self.move_selected)
        table.remove_requested.connect(self.remove_selected)
        return table

    def _build_list_view(self) -> QWidget:
        self.up_button = QPushButton(self.tr("Move &up"))
        self.up_button.setToolTip(self.tr("Call it earlier (Alt+Up, or drag the row)"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"))
        self.down_button.setToolTip(self.tr("Call it later (Alt+Down, or drag the row)"))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button = QPushButton(self.tr("&Remove from this list"))
        self.remove_button.setObjectName("removeFromList")
        self.remove_button.setToolTip(
            self.tr("Leave it off today's printout (Del); the planned call stays as it is")
        )
        self.remove_button.clicked.connect(self.remove_selected)
        self.priority_button = QPushButton(self.tr("&Sort by priority"))
        self.priority_button.setObjectName("priorityOrder")
        self.priority_button.setToolTip(
            self.tr("Overdue first, then the better fit, then the lead nearer to a deal")
        )
        self.priority_button.clicked.connect(self.sort_by_priority)
        self.count_label = QLabel()
        self.count_label.setObjectName("callCount")
        self.pdf_note = QLabel()
        self.pdf_note.setObjectName("pdfNote")
        actions = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button, self.priority_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.pdf_note)
        actions.addSpacing(12)
        actions.addWidget(self.count_label)
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(
            self.tr(
                "The list prints in this order. Drag a row, or press Alt+Up or Alt+Down, to "
                "move a call; Del leaves it off this printout."
            )
        )
        self.hint.setObjectName("orderHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        return widget

    # -- reading --------------------------------------------------------------------------

    def on_changes(self, changes: Changes) -> None:
        """Calls, or what the list shows of their people and companies, changed: read again
        now, or when the list is next shown."""
        if not (
            changes.activities
            or changes.companies
            or changes.contacts
            or changes.team
            or changes.profiles
        ):
            return
        self._reading.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reading.shown()

    def day(self) -> dt.date:
        return _day(self.date.date())

    def owner_id(self) -> int | None:
        value = self.owner.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        """Read the team and the settings, then the calls of the chosen day and owner."""
        self._reading.stale = False
        found = self._operations.read(
            lambda session: (team.list_team_members(session), nurture_settings(session)),
            parent=self,
        )
        if found is None:
            return
        members, settings = found
        self._calendar = settings.calendar(i18n.current_language())
        self._show_owners(members)
        if self._first:
            self._first = False
            self._set_defaults()
        self._show_warning()
        on, owner_id = self.day(), self.owner_id()
        day = self._operations.read(lambda session: call_day(session, on, owner_id), parent=self)
        if day is not None:
            self._show_calls(day.calls)

    def _set_defaults(self) -> None:
        """The next working day (a call day is prepared the evening before) and the user."""
        self.date.blockSignals(True)
        self.date.setDate(to_qdate(self._calendar.add_workdays(local_now().date(), 1)))
        self.date.blockSignals(False)
        me = self._context.current_member_id()
        index = self.owner.findData(me) if me is not None else -1
        if index >= 0:
            self.owner.blockSignals(True)
            self.owner.setCurrentIndex(index)
            self.owner.blockSignals(False)

    def _show_owners(self, members: Sequence[team.TeamMemberRecord]) -> None:
        chosen = self.owner.currentData()
        fill_owner_filter(self.owner, members, self.tr("Everyone"), chosen)

    def _show_warning(self) -> None:
        day = self.day()
        holiday = self._calendar.holiday(day)
        shown = QLocale().toString(to_qdate(day), QLocale.FormatType.LongFormat)
        if holiday:
            text = (
                self.tr("%1 is a public holiday: %2.").replace("%1", shown).replace("%2", holiday)
            )
        elif not self._calendar.is_workday(day):
            text = self.tr("%1 falls on a weekend.").replace("%1", shown)
        else:
            text = ""
        self.warning.setText(text)
        self.warning.setVisible(bool(text))

    def _show_calls(self, calls: Sequence[Call]) -> None:
        kept = self._selected_id()
        listed = [c for c in calls if c.activity_id not in self._dropped]
        if self._order is not None:
            # The user's order holds; calls that came since go after it, by priority.
            place = {ident: n for n, ident in enumerate(self._order)}
            known = sorted(
                (c for c in listed if c.activity_id in place), key=lambda c: place[c.activity_id]
            )
            listed = known + [c for c in listed if c.activity_id not in place]
        self.model.set_rows(listed)
        self._select_id(kept)
        self._show_count()
        self._update_buttons()

    def _show_count(self) -> None:
        calls = self.model.calls()
        if not calls:
            text = self.tr("No calls planned for this day.")
        else:
            parts = [self.tr("%Ln call(s)", "", len(calls))]
            overdue = sum(1 for c in calls if c.overdue)
            if overdue:
                parts.append(self.tr("%Ln overdue", "", overdue))
            text = ", ".join(parts)
        if self._dropped:
            text += " \u00b7 " + self.tr("%Ln taken off this list", "", len(self._dropped))
        self.count_label.setText(text)

    def _on_choice(self) -> None:
        """Another date or owner: a new list, in priority order."""
        self._order = None
        self._dropped.clear()
        self.pdf_note.clear()
        self.reload()

    # -- arranging ------------------------------------------------------------------------

    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def _selected_id(self) -> int | None:
        call = self.model.call_at(self.selected_row())
        return call.activity_id if call is not None else None

    def _select_id(self, activity_id: int | None) -> None:
        """Select that call again, or else the first: the keys then have a row to act on."""
        rows = [n for n, c in enumerate(self.model.calls()) if c.activity_id == activity_id]
        if rows or self.model.rowCount():
            self.table.selectRow(rows[0] if rows else 0)

    def move_selected(self, step: int) -> bool:
        """Alt+Up and Alt+Down: the selected call one place earlier or later."""
        row = self.selected_row()
        if row < 0 or not self.model.move(row, row + step):
            return False
        self.table.selectRow(row + step)
        return True

    def remove_selected(self) -> bool:
        """Del: take the selected call off today's list; it stays planned as it was."""
        row = self.selected_row()
        call = self.model.remove(row)
        if call is None:
            return False
        self._dropped.add(call.activity_id)
        self._remember_order()
        self.table.selectRow(min(row, self.model.rowCount() - 1))
        self._show_count()
        self._update_buttons()
        return True

    def sort_by_priority(self) -> None:
        """Forget the user's order and removals: the list as the rules put it."""
        self._order = None
        self._dropped.clear()
        self.reload()

    def _remember_order(self) -> None:
        self._order = [c.activity_id for c in self.model.calls()]

    def _update_buttons(self) -> None:
        row = self.selected_row()
        count = self.model.rowCount()
        busy = self._job.busy
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        self.remove_button.setEnabled(row >= 0)
        self.priority_button.setEnabled(self._order is not None or bool(self._dropped))
        entering = self.is_entering()
        self.pdf_button.setEnabled(count > 0 and not busy and not entering)
        self.pdf_action.setEnabled(self.pdf_button.isEnabled())
        self.enter_button.setEnabled(count > 0 and not entering)
        self.date.setEnabled(not entering)
        self.owner.setEnabled(not entering)

    # -- the PDF --------------------------------------------------------------------------

    def default_pdf_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = self.tr("Call-day-%1.pdf").replace("%1", self.day().isoformat())
        return Path(folder or Path.home()) / name

    def make_pdf(self, target: Path | None = None) -> Worker | None:
        """Write the list and the sheets, in the order shown, to `target` (asked for when
        None) in the background; then show the preview."""
        calls = self.model.calls()
        if not calls or self._job.busy:
            return None
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the call day"),
                str(self.default_pdf_path()),
                self.tr("PDF document (*.pdf)"),
            )
            if not chosen:
                return None
            target = Path(chosen).with_suffix(".pdf")
        owner_id = self.owner_id()
        day = CallDay(self.day(), self.owner.currentText() if owner_id is not None else None, calls)
        printed_for = (day.on, owner_id)
        language = i18n.current_language()

        def done(result: object) -> None:
            assert isinstance(result, CallDayPdf)
            self._printed, self._printed_for = calls, printed_for
            self._pdfs += 1
            self.pdf_note.setText(
                self.tr("PDF written: %1, %Ln page(s)", "", result.pages).replace(
                    "%1", result.path.name
                )
            )
            self._update_buttons()
            self.pdf_written.emit(result.path)
            PdfPreviewDialog.ask(self, result.path)

        worker = self._job.start(
            self.tr("Writing the call day\u2026"),
            lambda _db, progress: write_call_day(day, target, language=language, progress=progress),
            done,
            on_failed=lambda error: self._pdf_failed(target, error),
            on_cancelled=lambda: self.pdf_note.setText(self.tr("Cancelled; no PDF was written.")),
        )
        self._update_buttons()
        return worker

    def _pdf_failed(self, target: Path, error: BaseException) -> None:
        if isinstance(error, OSError):
            QMessageBox.warning(
                self,
                self.tr("Create PDF"),
                self.tr("%1 cannot be written: %2")
                .replace("%1", str(target))
                .replace("%2", error.strerror or str(error)),
            )
        else:
            self._operations.report(error, self)

    # -- entering outcomes ----------------------------------------------------------------

    def is_entering(self) -> bool:
        return self.stack.currentWidget() is self.entry

    def printed_calls(self) -> tuple[Call, ...] | None:
        """The calls of the last PDF made for this date and owner, in its order."""
        if self._printed_for == (self.day(), self.owner_id()):
            return self._printed
        return None

    def show_entry(self) -> None:
        """Outcome entry, numbered as printed (as shown, when no PDF was made). Going back
        and forth keeps what was entered, until another PDF is made."""
        printed = self.printed_calls()
        token = (self.day(), self.owner_id(), self._pdfs if printed is not None else None)
        untouched = all(e.recorded is None for e in self.entry.entries())
        if token != self._entry_token or untouched:
            self._entry_token = token
            self.entry.start(printed or self.model.calls(), printed=printed is not None)
        self.stack.setCurrentWidget(self.entry)
        self._update_buttons()
        self.entry.focus_table()

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_view)
        self._update_buttons()
        if self._reading.stale:
            self.reload()
        self.table.setFocus()

    def _save_layout(self) -> None:
        state = bytes(self.table.horizontalHeader().saveState().toBase64().data()).decode()
        layouts = dict(self._context.preferences.layouts)
        layouts[LAYOUT_KEY] = state
        self._context.preferences = self._context.preferences.with_changes(layouts=layouts)
