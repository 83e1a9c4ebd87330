"""A consumer's consents to advertising calls and e-mails (UWG §7a): the record, and withdrawal."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from prospector.enums import ConsentChannel, ConsentMethod
from prospector.errors import ValidationFailed
from prospector.labels import consent_channel_label, consent_method_label
from prospector.services import consents
from prospector.services.consents import ConsentInput, ConsentRecord
from ui.context import AppContext
from ui.messages import describe_field
from ui.widgets.form import combo_value, enum_combo, long_year_format


def _python_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class ConsentDialog(QDialog):
    """The person's consents, newest first; a form below records a new one."""

    def __init__(
        self, context: AppContext, contact_id: int, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self._contact_id = contact_id
        self._locale = QLocale()
        self._rows: list[ConsentRecord] = []
        self.setWindowTitle(self.tr("Consents of %1").replace("%1", name))
        self.setMinimumSize(720, 480)
        intro = QLabel(
            self.tr(
                "A private person may be called or e-mailed for advertising only with their "
                "prior consent (UWG §7). Record when, how and to whom it was given; the record "
                "is kept for five years, also after a withdrawal."
            )
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels(
            [
                self.tr("Given on"),
                self.tr("For"),
                self.tr("How"),
                self.tr("Recorded by"),
                self.tr("Withdrawn on"),
                self.tr("Kept until"),
            ]
        )
        header = self.list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.withdraw_button = QPushButton(self.tr("&Withdrawn today"))
        self.withdraw_button.clicked.connect(self.withdraw_selected)

        form_box = QGroupBox(self.tr("Record a consent"))
        self.given_on = QDateEdit(QDate.currentDate())
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat(long_year_format(self._locale))
        self.given_on.setMaximumDate(QDate.currentDate())
        self.channel: QComboBox = enum_combo(ConsentChannel, consent_channel_label)
        self.method: QComboBox = enum_combo(ConsentMethod, consent_method_label)
        self.recorded_by = QLineEdit()
        self.recorded_by.setPlaceholderText(self.tr("who took it, e.g. Anna Berger"))
        self.wording = QPlainTextEdit()
        self.wording.setPlaceholderText(
            self.tr("what the person agreed to, in the words they were given")
        )
        self.wording.setMaximumHeight(70)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: palette(highlight);")
        self.problem.hide()
        self.add_button = QPushButton(self.tr("&Record"))
        self.add_button.clicked.connect(self.record)
        form = QFormLayout(form_box)
        form.addRow(self.tr("&Given on"), self.given_on)
        form.addRow(self.tr("&For"), self.channel)
        form.addRow(self.tr("&How"), self.method)
        form.addRow(self.tr("Recorded &by"), self.recorded_by)
        form.addRow(self.tr("W&ording"), self.wording)
        form.addRow(self.problem)
        form.addRow(self.add_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.withdraw_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(form_box)
        layout.addWidget(self.buttons)
        self.reload()

    def _date(self, value: dt.date | None) -> str:
        if value is None:
            return ""
        return self._locale.toString(
            QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
        )

    def reload(self) -> None:
        found = self._operations.read(
            lambda session: consents.list_consents(session, self._contact_id), parent=self
        )
        self._rows = found or []
        self.list.clear()
        for record in self._rows:
            item = QTreeWidgetItem(
                [
                    self._date(record.given_on),
                    consent_channel_label(record.channel),
                    consent_method_label(record.method),
                    record.recorded_by or "",
                    self._date(record.withdrawn_on),
                    self._date(record.keep_until),
                ]
            )
            if record.wording:
                item.setToolTip(0, record.wording)
            self.list.addTopLevelItem(item)
        self._update_buttons()

    def selected(self) -> ConsentRecord | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected():
            return None
        return self._rows[self.list.indexOfTopLevelItem(item)]

    def _update_buttons(self) -> None:
        chosen = self.selected()
        self.withdraw_button.setEnabled(chosen is not None and chosen.active)

    def record(self) -> ConsentRecord | None:
        data = ConsentInput(
            channel=combo_value(self.channel, ConsentChannel),
            method=combo_value(self.method, ConsentMethod),
            given_on=_python_date(self.given_on.date()),
            recorded_by=self.recorded_by.text(),
            wording=self.wording.toPlainText(),
        )
        try:
            outcome = self._operations.write(
                lambda db: consents.add_consent(db, self._contact_id, data),
                parent=self,
                expected=(ValidationFailed,),
            )
        except ValidationFailed as exc:
            self.problem.setText(" ".join(describe_field(p) for p in exc.problems.values()))
            self.problem.show()
            return None
        if outcome is None:
            return None
        self.problem.hide()
        self.wording.clear()
        self.reload()
        return outcome.value

    def withdraw_selected(self) -> ConsentRecord | None:
        chosen = self.selected()
        if chosen is None or not chosen.active:
            return None
        outcome = self._operations.write(
            lambda db: consents.withdraw_consent(db, chosen.id), parent=self
        )
        self.reload()
        return None if outcome is None else outcome.value
