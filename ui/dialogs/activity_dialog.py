"""Log what was done with a company and plan what comes next in one step, or plan a touch."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from prospector.enums import ActivityKind, ActivityOutcome
from prospector.errors import ValidationFailed
from prospector.local_days import local_now
from prospector.nurturing import touch_date
from prospector.records import ContactRecord
from prospector.services import activity_log, calendar_view, contacts, team
from prospector.services.activity_log import SUBJECT_LIMIT, DoneInput, Logged, PlanInput
from prospector.services.calendar_view import AgendaItem
from prospector.services.nurture_settings import NurtureSettings, nurture_settings
from prospector.services.team import TeamMemberRecord
from ui.context import AppContext
from ui.labels import NOT_SET, activity_kind_label, activity_outcome_label
from ui.messages import describe_field
from ui.widgets.form import captioned_rows, fill_owner_combo, long_year_format, select_data

PLAN_HOUR = 9  # a new touch is planned for 09:00 unless the user says otherwise


def to_qdatetime(moment: dt.datetime) -> QDateTime:
    local = moment.astimezone()
    return QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))


def from_qdatetime(value: QDateTime) -> dt.datetime:
    """The edit's local date and time as an aware moment."""
    day, time = value.date(), value.time()
    naive = dt.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())
    return naive.astimezone()


class _When(QWidget):
    """A date and time with an "all day" box that hides the time."""

    def __init__(self, moment: dt.datetime, all_day: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateTimeEdit(to_qdatetime(moment))
        self.edit.setCalendarPopup(True)
        self.all_day = QCheckBox(self.tr("All day"))
        self.all_day.setChecked(all_day)
        self.all_day.toggled.connect(self._show_time)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(self.all_day)
        self._show_time(all_day)

    def _show_time(self, all_day: bool) -> None:
        locale = QLocale()
        date_format = long_year_format(locale)
        time_format = locale.timeFormat(QLocale.FormatType.ShortFormat)
        self.edit.setDisplayFormat(date_format if all_day else f"{date_format} {time_format}")

    def moment(self) -> dt.datetime:
        return from_qdatetime(self.edit.dateTime())


class ActivityDialog(QDialog):
    """Three uses, one form: log an activity afresh, mark a planned one done (both with an
    optional next touch: "done & plan next"), or plan a touch. A planned date on a weekend or
    holiday is asked about, never silently moved."""

    def __init__(
        self,
        context: AppContext,
        company_id: int,
        *,
        contact_id: int | None = None,
        planned: AgendaItem | None = None,
        plan_only: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("activityDialog")
        self._context = context
        self._company_id = company_id
        self._planned = planned
        self._plan_only = plan_only
        self.result_value: Logged | None = None
        self.planned_value: object | None = None
        if plan_only:
            self.setWindowTitle(self.tr("Plan a touch"))
        elif planned is not None:
            self.setWindowTitle(self.tr("Mark as done"))
        else:
            self.setWindowTitle(self.tr("Log activity"))
        read = context.operations.read(
            lambda session: (
                contacts.list_contacts(session, company_id),
                team.list_team_members(session, active_only=False),
                nurture_settings(session),
            ),
            parent=parent,
        )
        people: Sequence[ContactRecord] = read[0] if read else ()
        members: Sequence[TeamMemberRecord] = read[1] if read else ()
        settings = read[2] if read else NurtureSettings()
        me = context.current_member_id()
        now = local_now().replace(second=0, microsecond=0)
        next_day = touch_date(now.date(), 1, settings.calendar(), off_days=settings.off_days)

        self.kind = QComboBox()
        self.kind.setObjectName("activityKind")
        for kind in ActivityKind:
            self.kind.addItem(activity_kind_label(kind), kind.value)
        self.person = self._person_combo(
            people,
            contact_id if contact_id is not None else planned.contact_id if planned else None,
        )
        self.owner = QComboBox()
        self.owner.setObjectName("activityOwner")
        fill_owner_combo(self.owner, members, planned.owner_id if planned else me)
        when = (
            now if not plan_only else dt.datetime.combine(next_day, dt.time(PLAN_HOUR)).astimezone()
        )
        self.when = _When(when, all_day=False)
        self.when.edit.setObjectName("activityWhen")
        self.outcome = QComboBox()
        self.outcome.setObjectName("activityOutcome")
        self.outcome.addItem(NOT_SET, None)
        for outcome in ActivityOutcome:
            self.outcome.addItem(activity_outcome_label(outcome), outcome.value)
        self.subject = QLineEdit()
        self.subject.setObjectName("activitySubject")
        self.subject.setMaxLength(SUBJECT_LIMIT)
        self.subject.setPlaceholderText(
            self.tr("What to talk about") if plan_only else self.tr("What it was about")
        )
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("activityNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().height() * 5)
        self.problem = QLabel()
        self.problem.setObjectName("activityProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b3261e;")
        self.problem.hide()

        form = QFormLayout()
        rows: list[tuple[str, QWidget]] = [
            (self.tr("&Kind:"), self.kind),
            (self.tr("&Person:"), self.person),
            (self.tr("&When:") if not plan_only else self.tr("&Due:"), self.when),
        ]
        if not plan_only:
            rows.append((self.tr("&Outcome:"), self.outcome))
        rows += [
            (self.tr("&Subject:") if not plan_only else self.tr("&Talking point:"), self.subject),
            (self.tr("N&otes:"), self.notes),
            (self.tr("&By:") if not plan_only else self.tr("&For:"), self.owner),
        ]
        captioned_rows(form, rows)
        if plan_only:
            self.when.all_day.setChecked(False)

        # "Done & plan next": the follow-up in the same unit of work.
        self.follow_up = QGroupBox(self.tr("Plan the &next touch"))
        self.follow_up.setObjectName("followUp")
        self.follow_up.setCheckable(True)
        self.follow_up.setChecked(False)
        self.next_kind = QComboBox()
        self.next_kind.setObjectName("nextKind")
        for kind in ActivityKind:
            if kind is not ActivityKind.NOTE:
                self.next_kind.addItem(activity_kind_label(kind), kind.value)
        self.next_when = _When(
            dt.datetime.combine(next_day, dt.time(PLAN_HOUR)).astimezone(), all_day=False
        )
        self.next_when.edit.setObjectName("nextWhen")
        self.next_subject = QLineEdit()
        self.next_subject.setObjectName("nextSubject")
        self.next_subject.setMaxLength(SUBJECT_LIMIT)
        self.next_subject.setPlaceholderText(self.tr("What to talk about next time"))
        self.next_owner = QComboBox()
        self.next_owner.setObjectName("nextOwner")
        fill_owner_combo(self.next_owner, members, planned.owner_id if planned else me)
        follow_form = QFormLayout(self.follow_up)
        captioned_rows(
            follow_form,
            (
                (self.tr("Ki&nd:"), self.next_kind),
                (self.tr("D&ue:"), self.next_when),
                (self.tr("T&alking point:"), self.next_subject),
                (self.tr("&For:"), self.next_owner),
            ),
        )
        self.plan_hint = QLabel()
        self.plan_hint.setWordWrap(True)
        self.plan_hint.setVisible(False)
        if planned is not None and planned.step is not None:
            self.plan_hint.setText(
                self.tr(
                    "This touch is a step of a nurturing plan: when it is done, the plan's next "
                    "step is planned by itself, unless you plan another touch here."
                )
            )
            self.plan_hint.setVisible(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            self.tr("Plan") if plan_only else self.tr("Save"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.save_button.setObjectName("save")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.follow_up.toggled.connect(self._name_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if not plan_only:
            layout.addWidget(self.follow_up)
            layout.addWidget(self.plan_hint)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        if planned is not None:
            self._fill(planned)
        self.subject.setFocus()

    def _person_combo(self, people: Sequence[ContactRecord], current: int | None) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName("activityPerson")
        combo.addItem(self.tr("\u2014 (the company)"), None)
        for person in people:
            name = " ".join(p for p in (person.first_name, person.last_name) if p)
            if person.do_not_contact:
                name = self.tr("{name} (objected)").format(name=name)
            combo.addItem(name, person.id)
        if current is not None and combo.findData(current) >= 0:
            select_data(combo, current)
        return combo

    def _fill(self, planned: AgendaItem) -> None:
        select_data(self.kind, planned.kind)
        self.subject.setText(planned.subject or "")
        if planned.kind is ActivityKind.CALL:
            select_data(self.outcome, ActivityOutcome.REACHED)

    def _name_button(self, planning: bool) -> None:
        self.save_button.setText(self.tr("Save && plan next") if planning else self.tr("Save"))

    # -- the data -----------------------------------------------------------------------

    def _plan_input(self) -> PlanInput:
        moment = self.next_when.moment() if not self._plan_only else self.when.moment()
        all_day = (self.next_when if not self._plan_only else self.when).all_day.isChecked()
        kind = self.next_kind.currentData() if not self._plan_only else self.kind.currentData()
        owner = (self.next_owner if not self._plan_only else self.owner).currentData()
        subject = self.next_subject.text() if not self._plan_only else self.subject.text()
        return PlanInput(
            company_id=self._company_id,
            kind=ActivityKind(kind),
            due_at=moment,
            contact_id=self.person.currentData(),
            all_day=all_day,
            owner_id=owner,
            subject=subject,
            notes="" if not self._plan_only else self.notes.toPlainText(),
        )

    def _done_input(self) -> DoneInput:
        outcome = self.outcome.currentData()
        return DoneInput(
            kind=ActivityKind(self.kind.currentData()),
            done_at=self.when.moment(),
            company_id=self._company_id,
            contact_id=self.person.currentData(),
            outcome=ActivityOutcome(outcome) if outcome else None,
            subject=self.subject.text(),
            notes=self.notes.toPlainText(),
            owner_id=self.owner.currentData(),
            activity_id=self._planned.id if self._planned else None,
            version=self._planned.version if self._planned else None,
        )

    def accept(self) -> None:
        off_day = False
        while True:
            try:
                if self._save(off_day):
                    super().accept()
                return
            except ValidationFailed as exc:
                if off_day or set(exc.problems) != {"due_at"}:
                    self._show_problems(exc)
                    return
                problem = exc.problems["due_at"]
                if problem.code not in ("holiday", "weekend"):
                    self._show_problems(exc)
                    return
                asked = QMessageBox.question(
                    self,
                    self.tr("Plan on a day off?"),
                    self.tr("{problem} Plan the touch on that day anyway?").format(
                        problem=describe_field(problem)
                    ),
                )
                if asked != QMessageBox.StandardButton.Yes:
                    return
                off_day = True

    def _save(self, off_day: bool) -> bool:
        operations = self._context.operations
        if self._plan_only:
            plan = replace(self._plan_input(), off_day=off_day)
            outcome = operations.write(
                lambda db: activity_log.plan_activity(db, plan),
                parent=self,
                expected=(ValidationFailed,),
            )
            if outcome is None:
                return False
            self.planned_value = outcome.value
            return True
        follow = None
        if self.follow_up.isChecked():
            follow = replace(self._plan_input(), off_day=off_day)
        done = self._done_input()
        logged = operations.write(
            lambda db: activity_log.log_activity(db, done, follow),
            parent=self,
            expected=(ValidationFailed,),
        )
        if logged is None:
            return False
        self.result_value = logged.value
        return True

    def _show_problems(self, error: ValidationFailed) -> None:
        self.problem.setText("\n".join(describe_field(p) for p in error.problems.values()))
        self.problem.show()

    @classmethod
    def ask(
        cls,
        context: AppContext,
        company_id: int,
        *,
        contact_id: int | None = None,
        activity_id: int | None = None,
        plan_only: bool = False,
        parent: QWidget | None = None,
    ) -> bool:
        """Show the form; True when something was saved. With `activity_id`, the planned
        activity is marked done."""
        planned = None
        if activity_id is not None:
            planned = context.operations.read(
                lambda session: calendar_view.agenda_item(session, activity_id), parent=parent
            )
            if planned is None:
                return False
        dialog = cls(
            context,
            company_id,
            contact_id=contact_id,
            planned=planned,
            plan_only=plan_only,
            parent=parent,
        )
        return dialog.exec() == QDialog.DialogCode.Accepted
