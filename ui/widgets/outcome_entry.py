"""Outcomes entered in the printed order of a call day, one key per call."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.call_day import Call
from prospector.enums import ActivityOutcome
from prospector.errors import ValidationFailed
from prospector.local_days import local_now
from prospector.services.call_outcomes import CallOutcome, CallRecorded, record_call
from ui.context import AppContext
from ui.dialogs.call_outcome_dialog import CallOutcomeDialog
from ui.dialogs.qualification_dialog import QualificationDialog
from ui.itemmodels.call_list_model import NEEDS_DETAILS, OUTCOMES, Entry, EntryModel
from ui.labels import activity_outcome_label
from ui.messages import describe_field
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.row_table import row_table

_KEYS = {Qt.Key.Key_1 + n: outcome for n, outcome in enumerate(OUTCOMES)}
# Column widths in characters: number, company, contact, phone, outcome; "next" stretches.
_COLUMN_CHARS = (4, 28, 20, 25, 20)
_SAMPLE = "Müller Maschinenbau GmbH 0351 4567890"  # ordinary text, to measure a character by


class _KeyTable(QTableView):
    """The entry table: a digit chooses the outcome of the current row, Backspace goes back,
    Enter opens the full form, Q the qualification checklist."""

    outcome_key = Signal(object)  # ActivityOutcome
    details_key = Signal()
    checklist_key = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain == Qt.KeyboardModifier.NoModifier:
            if key in _KEYS:
                self.outcome_key.emit(_KEYS[key])
                return
            if key == Qt.Key.Key_Backspace:
                self.selectRow(max(self.currentIndex().row() - 1, 0))
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.details_key.emit()
                return
            if key == Qt.Key.Key_Q:
                self.checklist_key.emit()
                return
        super().keyPressEvent(event)


class OutcomeEntry(QWidget):
    """The calls with their printed numbers. A key records the outcome of the current call at
    once (outcomes that need details open the form, preset) and goes on to the next one."""

    recorded = Signal(int)  # the activity id of the call just recorded
    back_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcomeEntry")
        self._context = context
        self._operations = context.operations
        self.model = EntryModel(self)
        self._last_reached: int | None = None  # row of the last call entered as reached

        self.heading = QLabel()
        self.heading.setObjectName("entryHeading")
        self.heading.setWordWrap(True)
        self.table = row_table(_KeyTable(), self.model, "entryTable")
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        char = self.fontMetrics().horizontalAdvance(_SAMPLE) / len(_SAMPLE)
        for column, chars in enumerate(_COLUMN_CHARS):
            self.table.setColumnWidth(column, round(chars * char) + 16)
        self.table.outcome_key.connect(self.record_current)
        self.table.details_key.connect(lambda: self.open_details(None))
        self.table.checklist_key.connect(self.open_checklist)
        self.table.activated.connect(lambda _index: self.open_details(None))

        self.legend = self._build_legend()
        self.status = QLabel()
        self.status.setObjectName("entryStatus")
        self.status.setWordWrap(True)
        self.details_button = QPushButton(self.tr("&Details…"))
        self.details_button.setToolTip(self.tr("Any outcome, with notes (Enter)"))
        self.details_button.clicked.connect(lambda: self.open_details(None))
        self.checklist_button = QPushButton(self.tr("Qualification chec&klist…"))
        self.checklist_button.setToolTip(self.tr("The lead's four criteria (Q)"))
        self.checklist_button.clicked.connect(self.open_checklist)
        self.back_button = QPushButton(self.tr("Back to the &list"))
        self.back_button.setObjectName("backToList")
        self.back_button.clicked.connect(self.back_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.details_button)
        bar.addWidget(self.checklist_button)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.back_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(self.legend)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update())

    def _build_legend(self) -> FlowLayout:
        """The keys as buttons: a reminder on screen, and a click does what the key does."""
        row = FlowLayout(spacing=4)
        self.key_buttons: dict[ActivityOutcome, QPushButton] = {}
        for n, outcome in enumerate(OUTCOMES, start=1):
            text = activity_outcome_label(outcome) + ("\u2026" if outcome in NEEDS_DETAILS else "")
            button = QPushButton(f"{n}  {text}")
            button.setObjectName(f"key_{outcome.value}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the keys
            button.clicked.connect(lambda _checked=False, o=outcome: self.record_current(o))
            self.key_buttons[outcome] = button
            row.addWidget(button)
        keys = QLabel(self.tr("Backspace: back \u00b7 Enter: details \u00b7 Q: checklist"))
        keys.setStyleSheet("color: palette(placeholder-text);")
        row.addWidget(keys)
        return row

    # -- the calls ------------------------------------------------------------------------

    def start(self, calls: Sequence[Call], *, printed: bool) -> None:
        """Enter the outcomes of these calls, numbered in this order from 1."""
        self.model.set_calls(calls)
        self._last_reached = None
        self.heading.setText(
            self.tr(
                "Enter the outcomes in the order of the printed list: the numbers are those "
                "on the sheets. One key per call; it is recorded at once."
            )
            if printed
            else self.tr(
                "Enter the outcomes in the order shown (no PDF was made for this list). One "
                "key per call; it is recorded at once."
            )
        )
        self.go_to(self._first_open())
        self._update()

    def entries(self) -> tuple[Entry, ...]:
        return self.model.entries()

    def current_row(self) -> int:
        return self.table.currentIndex().row()

    def go_to(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def focus_table(self) -> None:
        self.table.setFocus()

    def _first_open(self) -> int:
        return next((n for n, e in enumerate(self.entries()) if e.recorded is None), 0)

    def _update(self) -> None:
        entries = self.entries()
        done = sum(1 for e in entries if e.recorded is not None)
        if entries and done == len(entries):
            text = self.tr("All %Ln call(s) entered.", "", len(entries))
        else:
            text = (
                self.tr("%1 of %2 entered.")
                .replace("%1", str(done))
                .replace("%2", str(len(entries)))
            )
        self.status.setText(text)
        current = self.model.entry_at(self.current_row())
        open_call = current is not None and current.recorded is None
        for button in self.key_buttons.values():
            button.setEnabled(open_call)
        self.details_button.setEnabled(open_call)
        self.checklist_button.setEnabled(self._checklist_row() is not None)

    # -- recording ------------------------------------------------------------------------

    def record_current(self, outcome: ActivityOutcome) -> CallRecorded | None:
        """Record the outcome of the current call: at once, or through the form when it needs
        details. Then on to the next call."""
        row = self.current_row()
        entry = self.model.entry_at(row)
        if entry is None:
            return None
        if entry.recorded is not None:
            self.status.setText(
                self.tr(
                    "No. %1 is entered already; correct it in the company's activities."
                ).replace("%1", str(entry.number))
            )
            return None
        if outcome in NEEDS_DETAILS:
            return self.open_details(outcome)
        data = CallOutcome(entry.call.activity_id, outcome, local_now(), version=entry.call.version)
        try:
            done = self._operations.write(
                lambda db: record_call(db, data), parent=self, expected=(ValidationFailed,)
            )
        except ValidationFailed as exc:
            problem = next(iter(exc.problems.values()))
            self.status.setText(describe_field(problem))
            return None
        if done is None:
            return None
        self._entered(row, done.value)
        return done.value

    def open_details(self, outcome: ActivityOutcome | None) -> CallRecorded | None:
        """The full form for the current call, `outcome` chosen."""
        row = self.current_row()
        entry = self.model.entry_at(row)
        if entry is None or entry.recorded is not None:
            return None
        recorded = CallOutcomeDialog.ask(self, self._context, entry.call.activity_id, outcome)
        if recorded is not None:
            self._entered(row, recorded)
        self.table.setFocus()
        return recorded

    def _entered(self, row: int, recorded: CallRecorded) -> None:
        self.model.set_recorded(row, recorded)
        if recorded.done.outcome is ActivityOutcome.REACHED:
            self._last_reached = row
        self.recorded.emit(recorded.done.id)
        self.go_to(row + 1)
        self._update()

    def _checklist_row(self) -> int | None:
        """The current call if it was entered as reached, else the last one that was."""
        current = self.model.entry_at(self.current_row())
        if current is not None and _reached(current):
            return self.current_row()
        return self._last_reached

    def open_checklist(self) -> bool:
        row = self._checklist_row()
        entry = self.model.entry_at(row) if row is not None else None
        if entry is None or entry.call.contact_id is None:
            return False  # a call to the switchboard has nobody to qualify
        saved = QualificationDialog.ask(self._context, entry.call.contact_id, self)
        self.table.setFocus()
        return saved


def _reached(entry: Entry) -> bool:
    return entry.recorded is not None and entry.recorded.done.outcome is ActivityOutcome.REACHED
