"""Nurturing plans (Pflegepläne): edit the templates of steps, and apply one to leads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from prospector.enums import ActivityKind
from prospector.errors import ValidationFailed
from prospector.local_days import local_now
from prospector.nurturing import MAX_DAYS_AFTER, Cadence, CadenceStep, schedule
from prospector.services import cadences
from prospector.services.cadences import Applied, CadenceInput, CadenceRecord, Skipped
from prospector.services.nurture_settings import NurtureSettings, nurture_settings
from ui.context import AppContext
from ui.labels import activity_kind_label
from ui.messages import describe_field
from ui.widgets.form import captioned_rows, long_year_format, select_data, to_qdate

STEP_COLUMNS = 3  # kind, days after the step before, talking point


def _date(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def schedule_text(plan: Cadence, start: dt.date, settings: NurtureSettings) -> str:
    """The touches' dates if each is done on its day: what applying the plan means."""
    if not plan.steps:
        return ""
    locale = QLocale()
    fmt = long_year_format(locale)
    days = schedule(plan, start, settings.calendar(), off_days=settings.off_days)
    return ", ".join(
        f"{locale.toString(to_qdate(touch.on), fmt)} {activity_kind_label(touch.kind)}"
        for touch in days
    )


class CadencesDialog(QDialog):
    """The list of plans on the left, the chosen plan's name and steps on the right."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cadencesDialog")
        self.setWindowTitle(self.tr("Nurturing plans"))
        self._context = context
        self._records: list[CadenceRecord] = []
        self._current: CadenceRecord | None = None
        self._settings = NurtureSettings()

        self.plans = QListWidget()
        self.plans.setObjectName("cadenceList")
        self.plans.currentRowChanged.connect(self._on_chosen)
        # Room for a name such as "Langer Zyklus: 6 Kontakte in 9 Monaten".
        self.plans.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 28)
        self.new_button = QPushButton(self.tr("&New"))
        self.new_button.setObjectName("newCadence")
        self.new_button.clicked.connect(self.new_plan)
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.delete_button.setObjectName("deleteCadence")
        self.delete_button.clicked.connect(self.delete_plan)
        self.defaults_button = QPushButton(self.tr("Add the &suggested plans"))
        self.defaults_button.setObjectName("defaultCadences")
        self.defaults_button.clicked.connect(self.add_defaults)
        left = QVBoxLayout()
        left.addWidget(self.plans, 1)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.delete_button)
        left.addLayout(row)
        left.addWidget(self.defaults_button)

        self.name = QLineEdit()
        self.name.setObjectName("cadenceName")
        self.name.setMaxLength(120)
        self.description = QLineEdit()
        self.description.setObjectName("cadenceDescription")
        self.active = QCheckBox(self.tr("&Offered when applying a plan"))
        self.active.setObjectName("cadenceActive")
        self.steps = QTableWidget(0, STEP_COLUMNS)
        self.steps.setObjectName("cadenceSteps")
        self.steps.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Days after the step before"), self.tr("Talking point")]
        )
        self.steps.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.steps.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.steps.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.verticalHeader().setVisible(True)
        self.add_step_button = QPushButton(self.tr("Add &step"))
        self.add_step_button.setObjectName("addStep")
        self.add_step_button.clicked.connect(self._add_default_step)
        self.remove_step_button = QPushButton(self.tr("&Remove step"))
        self.remove_step_button.setObjectName("removeStep")
        self.remove_step_button.clicked.connect(self.remove_step)
        self.up_button = QPushButton(self.tr("&Up"))
        self.up_button.clicked.connect(self._move_up)
        self.down_button = QPushButton(self.tr("Do&wn"))
        self.down_button.clicked.connect(self._move_down)
        step_buttons = QHBoxLayout()
        for button in (
            self.add_step_button,
            self.remove_step_button,
            self.up_button,
            self.down_button,
        ):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("cadenceSummary")
        self.summary.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("cadenceProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()
        self.save_button = QPushButton(self.tr("&Save plan"))
        self.save_button.setObjectName("saveCadence")
        self.save_button.clicked.connect(self.save)
        form = QFormLayout()
        captioned_rows(
            form,
            (
                (self.tr("&Name:"), self.name),
                (self.tr("D&escription:"), self.description),
            ),
        )
        form.addRow("", self.active)
        note = QLabel(
            self.tr(
                "A plan only puts touches in the calendar for a person to make. It never sends "
                "anything by itself: advertising e-mails need the recipient's consent."
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.steps, 1)
        right.addLayout(step_buttons)
        right.addWidget(self.summary)
        right.addWidget(note)
        right.addWidget(self.problem)
        save_row = QHBoxLayout()
        save_row.addStretch(1)
        save_row.addWidget(self.save_button)
        right.addLayout(save_row)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)
        self.resize(1040, 560)
        self.steps.itemChanged.connect(self._update_summary)
        self.reload()

    # -- reading --------------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        found = self._context.operations.read(
            lambda session: (cadences.list_cadences(session), nurture_settings(session)),
            parent=self,
        )
        if found is None:
            return
        self._records, self._settings = found
        self.plans.blockSignals(True)
        self.plans.clear()
        for record in self._records:
            text = (
                record.name
                if record.active
                else self.tr("{name} (retired)").format(name=record.name)
            )
            item = QListWidgetItem(text, self.plans)
            item.setData(Qt.ItemDataRole.UserRole, record.id)
            if record.running:
                item.setToolTip(self.tr("%Ln lead(s) follow this plan now", "", record.running))
        self.plans.blockSignals(False)
        self.defaults_button.setVisible(not self._records)
        row = next((i for i, r in enumerate(self._records) if r.id == select_id), 0)
        if self._records:
            self.plans.setCurrentRow(row)
            self._on_chosen(row)
        else:
            self.new_plan()

    def _on_chosen(self, row: int) -> None:
        if not 0 <= row < len(self._records):
            return
        record = self._records[row]
        self._current = record
        self.name.setText(record.name)
        self.description.setText(record.description or "")
        self.active.setChecked(record.active)
        self._fill_steps(record.steps)
        self.delete_button.setEnabled(True)
        self.problem.hide()

    def _fill_steps(self, steps: Sequence[CadenceStep]) -> None:
        self.steps.setRowCount(0)
        for step in steps:
            self.add_step(step.kind, step.days_after, step.talking_point or "")
        self._update_summary()

    # -- editing --------------------------------------------------------------------------

    def new_plan(self) -> None:
        self._current = None
        self.plans.clearSelection()
        self.name.setText("")
        self.description.setText("")
        self.active.setChecked(True)
        self._fill_steps([CadenceStep(ActivityKind.CALL, 0, "")])
        self.delete_button.setEnabled(False)
        self.name.setFocus()

    def add_step(self, kind: ActivityKind, days: int, talking_point: str) -> None:
        row = self.steps.rowCount()
        self.steps.insertRow(row)
        combo = QComboBox()
        for value in ActivityKind:
            if value is not ActivityKind.NOTE:
                combo.addItem(activity_kind_label(value), value.value)
        select_data(combo, kind)
        combo.currentIndexChanged.connect(self._update_summary)
        spin = QSpinBox()
        spin.setRange(0, MAX_DAYS_AFTER)
        spin.setValue(days)
        spin.setSuffix(self.tr(" days"))
        spin.valueChanged.connect(self._update_summary)
        point = QLineEdit(talking_point)
        point.setMaxLength(500)
        point.setCursorPosition(0)  # a long talking point is read from its start
        self.steps.setCellWidget(row, 0, combo)
        self.steps.setCellWidget(row, 1, spin)
        self.steps.setCellWidget(row, 2, point)
        self._update_summary()

    def remove_step(self) -> None:
        row = self.steps.currentRow()
        if row >= 0:
            self.steps.removeRow(row)
            self._update_summary()

    def move_step(self, by: int) -> None:
        row = self.steps.currentRow()
        steps = self.current_steps()
        target = row + by
        if row < 0 or not 0 <= target < len(steps):
            return
        steps[row], steps[target] = steps[target], steps[row]
        self._fill_steps(steps)
        self.steps.setCurrentCell(target, 0)

    def current_steps(self) -> list[CadenceStep]:
        found = []
        for row in range(self.steps.rowCount()):
            combo = self.steps.cellWidget(row, 0)
            spin = self.steps.cellWidget(row, 1)
            point = self.steps.cellWidget(row, 2)
            assert isinstance(combo, QComboBox)
            assert isinstance(spin, QSpinBox)
            assert isinstance(point, QLineEdit)
            found.append(
                CadenceStep(ActivityKind(combo.currentData()), spin.value(), point.text() or None)
            )
        return found

    def _add_default_step(self) -> None:
        self.add_step(ActivityKind.CALL, 14, "")

    def _move_up(self) -> None:
        self.move_step(-1)

    def _move_down(self) -> None:
        self.move_step(1)

    def _update_summary(self, *_changed: object) -> None:
        plan = Cadence(self.name.text(), tuple(self.current_steps()))
        if not plan.steps:
            self.summary.setText(self.tr("No steps yet."))
            return
        months = round(plan.span_days / 30.4, 1)
        self.summary.setText(
            self.tr(
                "%Ln touch(es) over {days} days (about {months} months).", "", plan.touches
            ).format(days=plan.span_days, months=QLocale().toString(months, "f", 1))
            + "\n"
            + self.tr("Applied today: {dates}").format(
                dates=schedule_text(plan, local_now().date(), self._settings)
            )
        )

    def save(self) -> bool:
        data = CadenceInput(
            name=self.name.text(),
            steps=tuple(self.current_steps()),
            description=self.description.text(),
            active=self.active.isChecked(),
            id=self._current.id if self._current else None,
            version=self._current.version if self._current else None,
        )
        try:
            saved = self._context.operations.write(
                lambda db: cadences.save_cadence(db, data),
                parent=self,
                expected=(ValidationFailed,),
            )
        except ValidationFailed as exc:
            self.problem.setText("\n".join(describe_field(p) for p in exc.problems.values()))
            self.problem.show()
            return False
        if saved is None:
            return False
        self.problem.hide()
        self.reload(saved.value.id)
        return True

    def delete_plan(self) -> None:
        if self._current is None:
            return
        record = self._current
        question = (
            self.tr(
                "\u201c{name}\u201d has been used, so it is retired instead: it stays in the "
                "history of the leads that followed it, and is no longer offered. Retire it?"
            )
            if record.running
            else self.tr("Delete the plan \u201c{name}\u201d?")
        ).format(name=record.name)
        if QMessageBox.question(self, self.windowTitle(), question) != (
            QMessageBox.StandardButton.Yes
        ):
            return
        if self._context.operations.write(
            lambda db: cadences.delete_cadence(db, record.id), parent=self
        ):
            self.reload()

    def add_defaults(self) -> None:
        if self._context.operations.write(cadences.add_default_cadences, parent=self):
            self.reload()

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None) -> None:
        cls(context, parent).exec()


class ApplyCadenceDialog(QDialog):
    """Which plan and from which day, for the chosen leads; shows the dates it plans."""

    def __init__(
        self,
        context: AppContext,
        contact_ids: Sequence[int],
        records: Sequence[CadenceRecord],
        settings: NurtureSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("applyCadenceDialog")
        self.setWindowTitle(self.tr("Apply a nurturing plan"))
        self._context = context
        self._ids = list(contact_ids)
        self._records = [r for r in records if r.active and r.steps]
        self._settings = settings
        self.result_value: Applied | None = None
        self.plan = QComboBox()
        self.plan.setObjectName("applyPlan")
        for record in self._records:
            self.plan.addItem(record.name, record.id)
        start = settings.calendar().next_workday(local_now().date())
        self.start = QDateEdit(to_qdate(start))
        self.start.setObjectName("applyStart")
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(long_year_format(QLocale()))
        self.start.setMinimumDate(QDate(2000, 1, 1))
        self.dates = QLabel()
        self.dates.setObjectName("applyDates")
        self.dates.setWordWrap(True)
        who = QLabel(
            self.tr(
                "%Ln person(s) chosen. A plan they follow already is replaced; people who "
                "objected, became an opportunity or were disqualified are left out.",
                "",
                len(self._ids),
            )
        )
        who.setWordWrap(True)
        form = QFormLayout()
        captioned_rows(form, ((self.tr("&Plan:"), self.plan), (self.tr("&From:"), self.start)))
        form.addRow(self.tr("Touches:"), self.dates)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.addButton(self.tr("Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setObjectName("ok")
        ok.setEnabled(bool(self._records))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.plan.currentIndexChanged.connect(self._show_dates)
        self.start.dateChanged.connect(self._show_dates)
        self._show_dates()

    def _chosen(self) -> CadenceRecord | None:
        ident = self.plan.currentData()
        return next((r for r in self._records if r.id == ident), None)

    def _show_dates(self, *_changed: object) -> None:
        record = self._chosen()
        if record is None:
            self.dates.setText(self.tr("No plan yet: create one under Nurturing plans…"))
            return
        self.dates.setText(schedule_text(record.plan, _date(self.start), self._settings))

    def accept(self) -> None:
        record = self._chosen()
        if record is None:
            return
        start = _date(self.start)
        ids = self._ids
        done = self._context.operations.write(
            lambda db: cadences.apply_cadence(
                db, ids, record.id, start, by_id=self._context.current_member_id()
            ),
            parent=self,
        )
        if done is None:
            return
        self.result_value = done.value
        super().accept()

    @classmethod
    def ask(
        cls, context: AppContext, contact_ids: Sequence[int], parent: QWidget | None = None
    ) -> Applied | None:
        found = context.operations.read(
            lambda session: (
                cadences.list_cadences(session, active_only=True),
                nurture_settings(session),
            ),
            parent=parent,
        )
        if found is None or not contact_ids:
            return None
        dialog = cls(context, contact_ids, found[0], found[1], parent)
        dialog.exec()
        return dialog.result_value


def skipped_text(applied: Applied) -> str:
    """Why some people got no plan, in one line (empty when all did)."""
    parts = []
    translate = QCoreApplication.translate
    names = {
        Skipped.OBJECTED: translate("CadenceTexts", "objected"),
        Skipped.MOVED_ON: translate("CadenceTexts", "opportunity or disqualified"),
        Skipped.NO_COMPANY: translate("CadenceTexts", "without a company"),
        Skipped.GONE: translate("CadenceTexts", "deleted meanwhile"),
    }
    for code, count in applied.skipped.items():
        parts.append(f"{count} {names.get(code, code)}")
    return ", ".join(parts)
