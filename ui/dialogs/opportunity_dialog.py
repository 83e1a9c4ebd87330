"""Edit one opportunity, and ask why a deal was lost."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from prospector.enums import LostReason, OpportunityStage
from prospector.errors import ConcurrentEdit, FieldProblem, ValidationFailed
from prospector.numbers import parse_decimal
from prospector.services import opportunities, pipeline_settings, team
from prospector.services.opportunities import OpportunityInput, OpportunityRow
from prospector.services.qualification import TITLE_LIMIT
from ui.context import AppContext
from ui.labels import lost_reason_label, opportunity_stage_label
from ui.widgets.form import (
    FieldProblems,
    add_row,
    ask_reload,
    enum_combo,
    fill_owner_combo,
    long_year_format,
    select_data,
    to_qdate,
)


def _lost_reason_combo(placeholder: str) -> QComboBox:
    """The reasons, none chosen yet: a reason picked for the user would skew the counts."""
    combo = enum_combo(LostReason, lost_reason_label)
    combo.setPlaceholderText(placeholder)
    combo.setCurrentIndex(-1)
    return combo


def _day(date: QDate) -> dt.date:
    return dt.date(date.year(), date.month(), date.day())


class LostReasonDialog(QDialog):
    """Why a deal was lost: a reason from the list, and the user's own words."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Deal lost"))
        question = QLabel(self.tr("Why was \u201c%1\u201d lost?").replace("%1", title))
        question.setWordWrap(True)
        self.reason = _lost_reason_combo(self.tr("Choose a reason"))
        self.reason.setObjectName("lostReason")
        self.note = QLineEdit()
        self.note.setObjectName("lostNote")
        self.note.setPlaceholderText(self.tr("optional, in your own words"))
        self.note.setMinimumWidth(self.fontMetrics().averageCharWidth() * 40)
        form = QFormLayout()
        for caption, widget in (
            (self.tr("&Reason"), self.reason),
            (self.tr("&Details"), self.note),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Mark as &lost"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason.currentIndexChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(self.reason.currentIndex() >= 0)

    def answer(self) -> tuple[LostReason, str] | None:
        data = self.reason.currentData()
        return None if data is None else (LostReason(data), self.note.text().strip())

    @classmethod
    def ask(cls, parent: QWidget | None, title: str) -> tuple[LostReason, str] | None:
        """The reason and the note; None when the user cancelled (nothing is to be written)."""
        dialog = cls(title, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()


class OpportunityDialog(QDialog):
    """The deal's form; Save stores it at the version it was read at, Cancel changes nothing."""

    def __init__(
        self, context: AppContext, row: OpportunityRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self._row = row
        self._locale = QLocale()
        self._defaults: dict[OpportunityStage, int] = {}
        self.saved: OpportunityRow | None = None
        self.setWindowTitle(self.tr("Opportunity \u201c%1\u201d").replace("%1", row.title))

        self.about = QLabel()
        self.about.setObjectName("opportunityAbout")
        self.about.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_LIMIT)
        self.offer = QPlainTextEdit()
        self.offer.setTabChangesFocus(True)
        self.offer.setPlaceholderText(self.tr("What is offered, at what terms"))
        self.offer.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("in euros, e.g. 25.000"))
        self.stage = enum_combo(OpportunityStage, opportunity_stage_label)
        self.probability = QSpinBox()
        self.probability.setRange(0, 100)
        self.probability.setSuffix(" %")
        self.closes_known = QCheckBox(self.tr("E&xpected close"))
        self.closes_on = QDateEdit()
        self.closes_on.setCalendarPopup(True)
        self.closes_on.setDisplayFormat(long_year_format(self._locale))
        self.owner = QComboBox()
        self.lost_reason = _lost_reason_combo(self.tr("Choose a reason"))
        self.lost_note = QLineEdit()
        self.lost_note.setPlaceholderText(self.tr("optional, in your own words"))
        self._problems = FieldProblems()
        self.problem_labels = self._problems.labels

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for name, caption, widget in (
            ("title", self.tr("&Title *"), self.title),
            ("offer", self.tr("O&ffer"), self.offer),
            ("value_eur", self.tr("&Value"), self.value),
            ("stage", self.tr("St&age"), self.stage),
            ("probability", self.tr("&Probability"), self.probability),
        ):
            add_row(form, self._problems, name, caption, widget)
        # The tick is the caption: a deal without a date closes "some time".
        form.addRow(self.closes_known, self._problems.wrap("expected_close_on", self.closes_on))
        add_row(form, self._problems, "owner_id", self.tr("O&wner"), self.owner)
        add_row(
            form, self._problems, "lost_reason_code", self.tr("&Lost because"), self.lost_reason
        )
        add_row(form, self._problems, "lost_reason", self.tr("&Details"), self.lost_note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

        self._load()
        self.stage.currentIndexChanged.connect(self.on_stage_changed)
        self.closes_known.toggled.connect(self.closes_on.setEnabled)
        self._saved_snapshot = self._snapshot()
        self.title.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext, row: OpportunityRow) -> bool:
        """Show the form; True when the deal was saved."""
        dialog = cls(context, row, parent)
        return dialog.exec() == QDialog.DialogCode.Accepted

    # -- loading --------------------------------------------------------------------------

    def _load(self) -> None:
        found = self._operations.read(
            lambda session: (
                pipeline_settings.probabilities(session),
                team.list_team_members(session, active_only=False),
            ),
            parent=self,
        )
        if found is None:
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return
        self._defaults, members = found
        fill_owner_combo(self.owner, members, self._row.owner_id)
        self._show(self._row)

    def _show(self, row: OpportunityRow) -> None:
        self._row = row
        self.about.setText(" \u00b7 ".join(p for p in (row.company, row.contact) if p))
        self.title.setText(row.title)
        self.offer.setPlainText(row.offer or "")
        # With cents always: "27,000" alone would read as 27 (a German decimal comma).
        self.value.setText(
            "" if row.value_eur is None else self._locale.toString(float(row.value_eur), "f", 2)
        )
        self.stage.blockSignals(True)
        select_data(self.stage, row.stage)
        self.stage.blockSignals(False)
        default = self._defaults.get(row.stage, 0)
        self.probability.setValue(default if row.probability is None else row.probability)
        self.closes_known.setChecked(row.expected_close_on is not None)
        self.closes_on.setDate(
            QDate.currentDate()
            if row.expected_close_on is None
            else to_qdate(row.expected_close_on)
        )
        self.closes_on.setEnabled(row.expected_close_on is not None)
        if self.owner.findData(row.owner_id) >= 0:
            select_data(self.owner, row.owner_id)
        index = self.lost_reason.findData(row.lost_reason_code)
        self.lost_reason.setCurrentIndex(index if row.lost_reason_code is not None else -1)
        self.lost_note.setText(row.lost_reason or "")
        self._enable_lost()
        self._problems.show({})

    def _reload(self) -> None:
        """The deal as stored now, with its version: what someone else saved."""
        wanted, company = self._row.id, self._row.company_id
        found = self._operations.read(
            lambda session: opportunities.opportunities_of(session, [company]), parent=self
        )
        row = next((r for r in found or () if r.id == wanted), None)
        if row is not None:
            self._show(row)
            self._saved_snapshot = self._snapshot()

    # -- reacting to the user -------------------------------------------------------------

    def on_stage_changed(self) -> None:
        """A new stage brings its usual probability; the user may still change it."""
        stage = self.current_stage()
        if stage in self._defaults:
            self.probability.setValue(self._defaults[stage])
        self._enable_lost()

    def current_stage(self) -> OpportunityStage:
        return OpportunityStage(self.stage.currentData())

    def _enable_lost(self) -> None:
        lost = self.current_stage() is OpportunityStage.LOST
        self.lost_reason.setEnabled(lost)
        self.lost_note.setEnabled(lost)

    def _snapshot(self) -> tuple[object, ...]:
        return (
            self.title.text(),
            self.offer.toPlainText(),
            self.value.text(),
            self.stage.currentData(),
            self.probability.value(),
            self.closes_known.isChecked(),
            self.closes_on.date().toString("yyyy-MM-dd"),
            self.owner.currentData(),
            self.lost_reason.currentData(),
            self.lost_note.text(),
        )

    def is_modified(self) -> bool:
        return self._snapshot() != self._saved_snapshot

    def problem_text(self, name: str) -> str:
        return self._problems.text(name)

    def _value(self) -> Decimal | None:
        try:
            return parse_decimal(self.value.text())
        except ValueError:
            raise ValidationFailed(
                {"value_eur": FieldProblem("number_invalid", "not a number")}
            ) from None

    def current_input(self) -> OpportunityInput:
        """The deal as the form holds it; ValidationFailed for a value that is no number."""
        lost = self.current_stage() is OpportunityStage.LOST
        reason = self.lost_reason.currentData() if lost else None
        return OpportunityInput(
            title=self.title.text(),
            stage=self.current_stage(),
            value_eur=self._value(),
            probability=self.probability.value(),
            expected_close_on=_day(self.closes_on.date())
            if self.closes_known.isChecked()
            else None,
            owner_id=self.owner.currentData(),
            offer=self.offer.toPlainText(),
            lost_reason_code=None if reason is None else LostReason(reason),
            lost_reason=self.lost_note.text() if lost else "",
        )

    def _focus(self, name: str) -> None:
        widgets: dict[str, QWidget] = {
            "title": self.title,
            "value_eur": self.value,
            "probability": self.probability,
            "lost_reason_code": self.lost_reason,
        }
        if name in widgets:
            widgets[name].setFocus()

    def accept(self) -> None:
        row = self._row
        try:
            data = self.current_input()
            outcome = self._operations.write(
                lambda db: opportunities.save_opportunity(db, row.id, row.version, data),
                parent=self,
                expected=(ValidationFailed, ConcurrentEdit),
            )
        except ValidationFailed as exc:
            self._problems.show(exc.problems)
            self._focus(next(iter(exc.problems)))
            return
        except ConcurrentEdit as exc:
            # Keep editing leaves every typed value; Reload is the user's choice.
            if ask_reload(self, exc):
                self._reload()
            return
        if outcome is not None:
            self.saved = outcome.value
            super().accept()

    def reject(self) -> None:
        """Cancel; typed changes are only thrown away when the user says so."""
        if self.is_modified():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("Discard the changes you made to this opportunity?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()
