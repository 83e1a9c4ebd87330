"""What came of one planned call, recorded with what follows from it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from prospector import i18n
from prospector.enums import ActivityOutcome, Criterion
from prospector.errors import ConcurrentEdit, FieldProblem, ValidationFailed
from prospector.local_days import local_now
from prospector.normalize import phone_for_display
from prospector.nurturing import retry_on
from prospector.services.call_outcomes import (
    REASON_LIMIT,
    CallFacts,
    CallOutcome,
    CallRecorded,
    call_facts,
    record_call,
)
from prospector.workdays import WorkCalendar
from ui.context import AppContext
from ui.dialogs.qualification_dialog import QualificationDialog
from ui.itemmodels.call_list_model import OUTCOMES
from ui.labels import NOT_SET
from ui.widgets.form import (
    FieldProblems,
    add_row,
    align_captions,
    conflict_box,
    long_year_format,
    to_qdate,
)
from ui.widgets.quick_criteria import QuickCriteria

CALL_BACK_HOUR = QTime(10, 0)


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def _date_edit(day: dt.date, first: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit(to_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(long_year_format(QLocale()))
    edit.setMinimumDate(to_qdate(first) if first is not None else QDate(2000, 1, 1))
    return edit


class CallOutcomeDialog(QDialog):
    """The outcome of a planned call, with the details some outcomes need, and notes.

    Save records it at once (record_call: the next try, call back or referral planned, or on
    an objection every planned touch of the person removed) and keeps the result in
    `recorded`; a refused outcome shows its problem beside the field. Opened on an activity
    id alone, so that the call day and the calendar both use it."""

    def __init__(
        self,
        context: AppContext,
        activity_id: int,
        outcome: ActivityOutcome | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callOutcomeDialog")
        self.setWindowTitle(self.tr("Call outcome"))
        self._operations = context.operations
        self._by = context.current_member_id()
        self._activity_id = activity_id
        self.facts: CallFacts | None = None
        self.recorded: CallRecorded | None = None
        self.open_checklist = False  # set by the checklist button: opened after saving
        self.conflict_box: QMessageBox | None = None  # while the user is told of a conflict
        self._problems = FieldProblems()
        self._today = local_now().date()
        self._calendar: WorkCalendar | None = None  # the firm's, once read
        self._attempt_text = ""

        self.heading = QLabel()
        self.heading.setObjectName("callHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.about = QLabel()
        self.about.setObjectName("callAbout")
        self.about.setWordWrap(True)

        self.choices = QButtonGroup(self)
        self.radios: dict[ActivityOutcome, QRadioButton] = {}
        captions = {
            ActivityOutcome.REACHED: self.tr("&Reached"),
            ActivityOutcome.NOT_REACHED: self.tr("&Not reached"),
            ActivityOutcome.CALL_BACK: self.tr("&Call back"),
            ActivityOutcome.WRONG_PERSON: self.tr("&Wrong person"),
            ActivityOutcome.NOT_INTERESTED: self.tr("Not &interested"),
            ActivityOutcome.OBJECTED: self.tr("&Objected (do not contact)"),
            ActivityOutcome.APPOINTMENT: self.tr("Appoint&ment made"),
            ActivityOutcome.INFO_SENT: self.tr("In&formation sent"),
        }
        grid = QGridLayout()
        for n, choice in enumerate(OUTCOMES):
            radio = QRadioButton(captions[choice])
            radio.setObjectName(f"outcome_{choice.value}")
            self.radios[choice] = radio
            self.choices.addButton(radio, n)
            grid.addWidget(radio, n % 4, n // 4)
        box = QGroupBox(self.tr("Outcome"))
        box.setLayout(self._problems.wrap("outcome", _holder(grid)))

        self.details = QStackedWidget()
        self.pages: dict[ActivityOutcome, QWidget] = {}
        self._build_reached()
        self._build_not_reached()
        self._build_call_back()
        self._build_wrong_person()
        self._build_objected()
        blank = QWidget()
        for choice in OUTCOMES:
            self.pages.setdefault(choice, blank)
        for page in dict.fromkeys(self.pages.values()):
            self.details.addWidget(page)

        self.notes = QPlainTextEdit()
        self.notes.setObjectName("callNotes")
        self.notes.setTabChangesFocus(True)
        self.notes.setPlaceholderText(self.tr("What was said, what to remember"))
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 10)
        notes_form = QFormLayout()
        add_row(notes_form, self._problems, "notes", self.tr("Not&es"), self.notes)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("save")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.about)
        layout.addWidget(box)
        layout.addWidget(self.details)
        layout.addLayout(notes_form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 84)

        align_captions((self,))
        self.choices.idToggled.connect(self._on_choice)
        self._load()
        self.choose(outcome)

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        context: AppContext,
        activity_id: int,
        outcome: ActivityOutcome | None = None,
    ) -> CallRecorded | None:
        """Show the form for the planned call, `outcome` chosen; what was recorded, or None
        when nothing was (cancelled, unreadable, or recorded already)."""
        dialog = cls(context, activity_id, outcome, parent)
        facts = dialog.facts
        if facts is None:
            return None
        if facts.call.done_at is not None:
            QMessageBox.information(
                parent,
                dialog.windowTitle(),
                QCoreApplication.translate("CallOutcomeDialog", "This call is recorded already."),
            )
            return None
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        contact_id = facts.call.contact_id
        if dialog.open_checklist and contact_id is not None:
            QualificationDialog.ask(context, contact_id, parent)
        return dialog.recorded

    # -- building -------------------------------------------------------------------------

    def _page(self, outcome: ActivityOutcome) -> QFormLayout:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.pages[outcome] = page
        return form

    def _build_reached(self) -> None:
        form = self._page(ActivityOutcome.REACHED)
        intro = QLabel(self.tr("What the call showed of the four criteria:"))
        intro.setObjectName("criteriaIntro")
        intro.setWordWrap(True)
        self.criteria = QuickCriteria(self._problems)
        form.addRow(intro)
        form.addRow(self.criteria)
        self.checklist_button = QPushButton(self.tr("Save and open the full chec&klist…"))
        self.checklist_button.setObjectName("checklist")
        self.checklist_button.setToolTip(
            self.tr(
                "Also the colleagues who decide, the pains, the budget's range, the decision's date"
            )
        )
        self.checklist_button.clicked.connect(self._save_and_open_checklist)
        row = QHBoxLayout()
        row.addWidget(self.checklist_button)
        row.addStretch(1)
        form.addRow(row)

    def _build_not_reached(self) -> None:
        form = self._page(ActivityOutcome.NOT_REACHED)
        self.retry_on = _date_edit(self._today, self._today)
        self.retry_on.setObjectName("retryOn")
        self.retry_note = QLabel()
        self.retry_note.setObjectName("retryNote")
        self.retry_note.setWordWrap(True)
        add_row(form, self._problems, "retry_on", self.tr("Next tr&y on"), self.retry_on)
        form.addRow(self.retry_note)
        self.retry_on.dateChanged.connect(lambda _day: self._show_off_day())

    def _build_call_back(self) -> None:
        form = self._page(ActivityOutcome.CALL_BACK)
        self.call_back_on = _date_edit(self._today, self._today)
        self.call_back_on.setObjectName("callBackOn")
        self.call_back_time = QTimeEdit(CALL_BACK_HOUR)
        self.call_back_time.setObjectName("callBackTime")
        self.call_back_time.setDisplayFormat(QLocale().timeFormat(QLocale.FormatType.ShortFormat))
        add_row(form, self._problems, "call_back_at", self.tr("&Day"), self.call_back_on)
        add_row(form, self._problems, "call_back_time", self.tr("&Time"), self.call_back_time)

    def _build_wrong_person(self) -> None:
        form = self._page(ActivityOutcome.WRONG_PERSON)
        self.referred = QComboBox()
        self.referred.setObjectName("referredContact")
        hint = QLabel(
            self.tr(
                "The plan with this person ends. A call with the colleague you choose is "
                "planned for the next working day."
            )
        )
        hint.setWordWrap(True)
        add_row(form, self._problems, "referred_contact_id", self.tr("Refer &to"), self.referred)
        form.addRow(hint)

    def _build_objected(self) -> None:
        form = self._page(ActivityOutcome.OBJECTED)
        self.objected_on = _date_edit(self._today)
        self.objected_on.setMaximumDate(to_qdate(self._today))
        self.objected_on.setObjectName("objectedOn")
        self.reason = QLineEdit()
        self.reason.setObjectName("objectionReason")
        self.reason.setMaxLength(REASON_LIMIT)
        self.reason.setPlaceholderText(self.tr("In the person's words, e.g. no advertising calls"))
        self.objection_warning = QLabel()
        self.objection_warning.setObjectName("objectionWarning")
        self.objection_warning.setWordWrap(True)
        self.objection_warning.setStyleSheet("color: #b00020;")
        add_row(form, self._problems, "objected_on", self.tr("O&bjected on"), self.objected_on)
        add_row(form, self._problems, "objection_reason", self.tr("Re&ason *"), self.reason)
        form.addRow(self.objection_warning)

    # -- reading --------------------------------------------------------------------------

    def _load(self) -> None:
        wanted = self._activity_id
        facts = self._operations.read(lambda session: call_facts(session, wanted), parent=self)
        if facts is None:
            self.save_button.setEnabled(False)
            return
        self.facts = facts
        call = facts.call
        self.heading.setText(" \u00b7 ".join(p for p in (call.company, call.contact) if p))
        phone = phone_for_display(call.phone) if call.phone else None
        self.about.setText(" \u00b7 ".join(p for p in (phone, call.subject) if p))
        self.about.setVisible(bool(self.about.text()))

        settings = facts.settings
        calendar = self._calendar = settings.calendar(i18n.current_language())
        self.retry_on.setDate(
            to_qdate(
                retry_on(self._today, settings.retry_days, calendar, off_days=settings.off_days)
            )
        )
        attempt = facts.unanswered + 1
        self._attempt_text = self.tr("Unanswered attempts in a row, this one included: %1").replace(
            "%1", QLocale().toString(attempt)
        )
        self._show_off_day()
        self.call_back_on.setDate(to_qdate(calendar.add_workdays(self._today, 1)))

        self.referred.addItem(NOT_SET, None)
        for person in facts.people:
            if person.id != call.contact_id and not person.do_not_contact:
                name = " ".join(p for p in (person.first_name, person.last_name) if p)
                shown = " \u00b7 ".join(p for p in (name, person.job_title) if p)
                self.referred.addItem(shown, person.id)

        others = facts.planned_others
        self.objection_warning.setText(
            self.tr(
                "The person is marked do-not-contact, and %Ln other planned touch(es) with them "
                "are cancelled.",
                "",
                others,
            )
        )
        # An objection, like the criteria, needs a person to record it on.
        self.radios[ActivityOutcome.OBJECTED].setEnabled(call.contact_id is not None)
        self.criteria.show_records(facts.criteria)
        self.criteria.setEnabled(call.contact_id is not None)
        self.checklist_button.setEnabled(call.contact_id is not None)

    def _show_off_day(self) -> None:
        """The attempt count, and a warning when the next try falls on a day off."""
        lines = [self._attempt_text]
        day = _day(self.retry_on)
        calendar = self._calendar
        if calendar is not None and not calendar.is_workday(day):
            holiday = calendar.holiday(day)
            lines.append(
                self.tr("That day is a public holiday: %1.").replace("%1", holiday)
                if holiday
                else self.tr("That day falls on a weekend.")
            )
        self.retry_note.setText("\n".join(line for line in lines if line))

    # -- choosing -------------------------------------------------------------------------

    def choose(self, outcome: ActivityOutcome | None) -> None:
        """Check the outcome and go to its first detail (the first choice, without one)."""
        if outcome is None:
            self.radios[OUTCOMES[0]].setFocus()
            self._on_choice(-1, True)
            return
        self.radios[outcome].setChecked(True)
        focus: dict[ActivityOutcome, QWidget] = {
            ActivityOutcome.NOT_REACHED: self.retry_on,
            ActivityOutcome.CALL_BACK: self.call_back_on,
            ActivityOutcome.WRONG_PERSON: self.referred,
            ActivityOutcome.OBJECTED: self.reason,
        }
        focus.get(outcome, self.notes).setFocus()

    def current_choice(self) -> ActivityOutcome | None:
        chosen = self.choices.checkedId()
        return OUTCOMES[chosen] if chosen >= 0 else None

    def _on_choice(self, _id: int, checked: bool) -> None:
        if not checked:
            return
        choice = self.current_choice()
        self.details.setCurrentWidget(self.pages[choice or OUTCOMES[-1]])
        self.details.setVisible(choice is not None)
        self.save_button.setEnabled(choice is not None and self.facts is not None)
        self._problems.show({})

    # -- saving ---------------------------------------------------------------------------

    def current_outcome(self) -> CallOutcome:
        """The outcome as the form holds it; ValidationFailed for what the form itself must
        have (a choice, the reason of an objection)."""
        choice = self.current_choice()
        if choice is None:
            raise ValidationFailed({"outcome": FieldProblem("required", "choose an outcome")})
        assert self.facts is not None
        now = local_now()
        done_at = now
        retry = call_back_at = referred = None
        reason = ""
        criteria = None
        if choice is ActivityOutcome.REACHED and self.criteria.changed():
            criteria = self.criteria.states()
        elif choice is ActivityOutcome.NOT_REACHED:
            retry = _day(self.retry_on)
        elif choice is ActivityOutcome.CALL_BACK:
            time = self.call_back_time.time()
            call_back_at = dt.datetime.combine(
                _day(self.call_back_on), dt.time(time.hour(), time.minute())
            ).astimezone()
        elif choice is ActivityOutcome.WRONG_PERSON:
            referred = self.referred.currentData()
        elif choice is ActivityOutcome.OBJECTED:
            reason = self.reason.text().strip()
            if not reason:
                raise ValidationFailed(
                    {"objection_reason": FieldProblem("required", "why the person objected")}
                )
            day = _day(self.objected_on)
            if day != now.date():  # entered later: the objection keeps its own day
                done_at = dt.datetime.combine(day, now.time()).astimezone()
        return CallOutcome(
            activity_id=self._activity_id,
            outcome=choice,
            done_at=done_at,
            notes=self.notes.toPlainText(),
            version=self.facts.call.version,
            retry_on=retry,
            call_back_at=call_back_at,
            referred_contact_id=referred,
            objection_reason=reason,
            criteria=criteria,
            criteria_version=self.facts.criteria_version,
            by_id=self._by,
        )

    def accept(self) -> None:
        try:
            data = self.current_outcome()
            outcome = self._operations.write(
                lambda db: record_call(db, data),
                parent=self,
                expected=(ValidationFailed, ConcurrentEdit),
            )
        except ValidationFailed as exc:
            self._problems.show(exc.problems)
            self._focus(next(iter(exc.problems)))
            return
        except ConcurrentEdit as exc:
            self._on_conflict(exc)
            return
        if outcome is not None:
            self.recorded = outcome.value
            super().accept()

    def _on_conflict(self, error: ConcurrentEdit) -> None:
        """Someone saved the call or the checklist meanwhile: keep every entry, and read the
        stored state again so that a second Save stores them over the other change."""
        wanted = self._activity_id
        facts = self._operations.read(lambda session: call_facts(session, wanted), parent=self)
        if facts is not None:
            self.facts = facts
        box = conflict_box(
            self,
            error,
            self.tr(
                "Your entries are still here. Save again to store them over the other change, "
                "which stays in the history."
            ),
        )
        self.conflict_box = box
        box.exec()
        self.conflict_box = None

    def _save_and_open_checklist(self) -> None:
        self.open_checklist = True
        self.accept()
        if self.recorded is None:
            self.open_checklist = False

    def _focus(self, name: str) -> None:
        widgets: dict[str, QWidget] = {
            "objection_reason": self.reason,
            "call_back_at": self.call_back_on,
            "retry_on": self.retry_on,
            "referred_contact_id": self.referred,
            "notes": self.notes,
        }
        if name in {c.value for c in Criterion}:
            self.criteria.focus(Criterion(name))
            return
        widgets.get(name, self.radios[OUTCOMES[0]]).setFocus()

    def problem_text(self, name: str) -> str:
        return self._problems.text(name)


def _holder(layout: QGridLayout) -> QWidget:
    widget = QWidget()
    widget.setLayout(layout)
    layout.setContentsMargins(0, 0, 0, 0)
    return widget
