"""Ask for a planned touch's new day and time."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from prospector.local_days import day_start
from prospector.workdays import WorkCalendar
from ui.widgets.form import captioned_rows, long_year_format, to_qdate


class RescheduleDialog(QDialog):
    """A day, and a time unless all day; says when the day is a weekend or public holiday."""

    def __init__(
        self,
        due_at: dt.datetime,
        all_day: bool,
        calendar: WorkCalendar | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Move touch"))
        self._calendar = calendar
        locale = QLocale()
        local = due_at.astimezone()
        self.date = QDateEdit(to_qdate(local.date()))
        self.date.setObjectName("rescheduleDate")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(long_year_format(locale))
        self.time = QTimeEdit(QTime(local.hour, local.minute))
        self.time.setObjectName("rescheduleTime")
        self.time.setDisplayFormat(locale.timeFormat(QLocale.FormatType.ShortFormat))
        self.all_day = QCheckBox(self.tr("&All day"))
        self.all_day.setObjectName("rescheduleAllDay")
        self.all_day.setChecked(all_day)
        self.note = QLabel()
        self.note.setObjectName("rescheduleNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        captioned_rows(form, ((self.tr("&Day"), self.date), (self.tr("&Time"), self.time)))
        form.addRow("", self.all_day)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Move"))
        ok.setObjectName("rescheduleOk")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.all_day.toggled.connect(lambda on: self.time.setEnabled(not on))
        self.date.dateChanged.connect(lambda _date: self._update_note())
        self.time.setEnabled(not all_day)
        self._update_note()

    def day(self) -> dt.date:
        chosen = self.date.date()
        return dt.date(chosen.year(), chosen.month(), chosen.day())

    def _update_note(self) -> None:
        day = self.day()
        holiday = None if self._calendar is None else self._calendar.holiday(day)
        if holiday:
            text = self.tr("A public holiday: %1").replace("%1", holiday)
        elif day.weekday() >= 5:
            text = self.tr("A weekend day.")
        else:
            text = ""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def answer(self) -> tuple[dt.datetime, bool]:
        """The new moment (aware; the day's start when all day) and whether it is all day."""
        if self.all_day.isChecked():
            return day_start(self.day()), True
        clock = self.time.time()
        moment = dt.datetime.combine(self.day(), dt.time(clock.hour(), clock.minute()))
        return moment.astimezone(), False

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        current_due: dt.datetime,
        all_day: bool,
        calendar: WorkCalendar | None = None,
    ) -> tuple[dt.datetime, bool] | None:
        """The new moment and all-day flag; None when the user cancelled."""
        dialog = cls(current_due, all_day, calendar, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()
