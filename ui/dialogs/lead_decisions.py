"""What follows a checklist: open an opportunity, nurture until a date, or disqualify."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from prospector.enums import DisqualifyReason
from prospector.services.opportunities import MAX_VALUE
from prospector.services.qualification import (
    TITLE_LIMIT,
    Disqualify,
    Nurture,
    OpenOpportunity,
)
from ui.labels import NOT_SET, disqualify_reason_label
from ui.widgets.form import long_year_format, to_qdate


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    buttons.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole).setObjectName("ok")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def _date(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(long_year_format(QLocale()))
    edit.setMinimumDate(QDate(2000, 1, 1))
    return edit


class OpenOpportunityDialog(QDialog):
    """Title, value and expected close of the new opportunity."""

    def __init__(self, title: str, close_on: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Create opportunity"))
        self.title = QLineEdit(title)
        self.title.setObjectName("opportunityTitle")
        self.title.setMaxLength(TITLE_LIMIT)
        self.value = QDoubleSpinBox()
        self.value.setObjectName("opportunityValue")
        self.value.setRange(0, float(MAX_VALUE))
        self.value.setDecimals(2)
        self.value.setGroupSeparatorShown(True)
        self.value.setSuffix(" \u20ac")
        self.value.setSpecialValueText(NOT_SET)
        self.close_on = _date_edit(close_on)
        self.close_on.setObjectName("opportunityClose")
        self.offer = QPlainTextEdit()
        self.offer.setObjectName("opportunityOffer")
        self.offer.setTabChangesFocus(True)
        self.offer.setPlaceholderText(self.tr("What will be offered"))
        self.offer.setFixedHeight(self.fontMetrics().height() * 4)
        form = QFormLayout()
        for caption, widget in (
            (self.tr("&Title:"), self.title),
            (self.tr("&Value:"), self.value),
            (self.tr("Expected &close:"), self.close_on),
            (self.tr("O&ffer:"), self.offer),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = _buttons(self, self.tr("Create"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)

    def decision(self) -> OpenOpportunity:
        value = self.value.value()
        return OpenOpportunity(
            title=self.title.text(),
            value_eur=Decimal(str(round(value, 2))) if value > 0 else None,
            expected_close_on=_date(self.close_on),
            offer=self.offer.toPlainText(),
        )

    def accept(self) -> None:
        if not self.title.text().strip():
            self.title.setFocus()
            self.title.setPlaceholderText(self.tr("A title is required"))
            return
        super().accept()


class NurtureDialog(QDialog):
    """The date the lead is qualified again, and a note on why it waits."""

    def __init__(self, requalify_on: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nurture the lead"))
        self.requalify_on = _date_edit(requalify_on)
        self.requalify_on.setObjectName("requalifyOn")
        self.requalify_on.setMinimumDate(to_qdate(dt.date.today() + dt.timedelta(days=1)))
        self.note = QLineEdit()
        self.note.setObjectName("nurtureNote")
        self.note.setPlaceholderText(self.tr("Why it waits, what to ask next time"))
        explanation = QLabel(
            self.tr(
                "The lead is not ready yet. It stays in nurturing and is qualified again from "
                "the date you give."
            )
        )
        explanation.setWordWrap(True)
        form = QFormLayout()
        label = QLabel(self.tr("&Qualify again on:"))
        label.setBuddy(self.requalify_on)
        form.addRow(label, self.requalify_on)
        note = QLabel(self.tr("&Note:"))
        note.setBuddy(self.note)
        form.addRow(note, self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Nurture")))
        self.setMinimumWidth(440)

    def decision(self) -> Nurture:
        return Nurture(_date(self.requalify_on), self.note.text())


class DisqualifyDialog(QDialog):
    """Why the lead is given up: a reason from the list, and words of one's own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Disqualify the lead"))
        self.reason = QComboBox()
        self.reason.setObjectName("disqualifyReason")
        self.reason.addItem(self.tr("Choose a reason"), None)
        for reason in DisqualifyReason:
            self.reason.addItem(disqualify_reason_label(reason), reason.value)
        self.note = QLineEdit()
        self.note.setObjectName("disqualifyNote")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        form = QFormLayout()
        label = QLabel(self.tr("&Reason:"))
        label.setBuddy(self.reason)
        form.addRow(label, self.reason)
        note = QLabel(self.tr("&Details:"))
        note.setBuddy(self.note)
        form.addRow(note, self.note)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(_buttons(self, self.tr("Disqualify")))
        self.setMinimumWidth(440)

    def decision(self) -> Disqualify:
        reason = self.reason.currentData()  # the stored string: Qt hands back a plain str
        return Disqualify(DisqualifyReason(reason) if reason else None, self.note.text())

    def accept(self) -> None:
        if self.reason.currentData() is None:
            self.problem.setText(self.tr("Choose why the lead is disqualified."))
            self.problem.show()
            self.reason.setFocus()
            return
        super().accept()
