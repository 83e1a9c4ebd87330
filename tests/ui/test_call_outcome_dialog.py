"""The call outcome form: an objection with its reason, the next try after an unanswered call,
a referral to a colleague, and the criteria or the checklist after a call that reached the
person."""

from __future__ import annotations

import datetime as dt

import factories
from helpers import when_modal
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome, Criterion, CriterionStatus, LeadStatus
from prospector.local_days import day_start, local_day, local_now
from prospector.nurturing import retry_on
from prospector.qualification import CriterionState
from prospector.records import ContactRecord
from prospector.services.activities import list_activities
from prospector.services.activity_log import PlanInput, plan_activity
from prospector.services.call_outcomes import CallOutcome, record_call
from prospector.services.contacts import get_contact
from prospector.services.nurture_settings import (
    NurtureSettings,
    nurture_settings,
    save_nurture_settings,
)
from prospector.services.qualification import (
    QualificationInput,
    read_qualification,
    save_qualification,
)
from prospector.workdays import WorkCalendar
from ui.context import AppContext
from ui.dialogs.call_outcome_dialog import CallOutcomeDialog
from ui.dialogs.qualification_dialog import QualificationDialog
from ui.pages.call_day_page import CallDayPage
from ui.widgets.form import select_data, to_qdate


class Firm:
    """A Bavarian firm with two leads, Weiß and Öztürk, and a colleague who objected."""

    def __init__(self, db: Database) -> None:
        save_nurture_settings(db, NurtureSettings(state="BY"))
        with db.reading() as session:
            self.calendar: WorkCalendar = nurture_settings(session).calendar("en")
        self.db = db
        self.today = local_now().date()
        self.day = self.calendar.add_workdays(self.today, 1)
        firm = factories.company(db, "Kühn Maschinenbau GmbH", phone="089 123456")
        self.id = firm.id
        self.weiss = self._person("Weiß", "Jürgen")
        self.oz = self._person("Öztürk", "Ayşe")
        self.objected = self._person(
            "Berger", "Paul", do_not_contact=True, do_not_contact_since=self.today
        )

    def _person(self, last: str, first: str, **fields: object) -> ContactRecord:
        return factories.contact(
            self.db, self.id, last, first_name=first, lead_status=LeadStatus.LEAD, **fields
        )

    def plan(
        self, person: ContactRecord, day: dt.date, kind: ActivityKind = ActivityKind.CALL
    ) -> int:
        plan = PlanInput(self.id, kind, day_start(day), person.id, all_day=True, off_day=True)
        return plan_activity(self.db, plan).value.id

    def planned(self, person: ContactRecord) -> list[int]:
        with self.db.reading() as session:
            return [
                a.id
                for a in list_activities(session, self.id)
                if a.contact_id == person.id and a.done_at is None
            ]


def _dialog(
    qtbot: QtBot, context: AppContext, activity_id: int, outcome: ActivityOutcome | None = None
) -> CallOutcomeDialog:
    dialog = CallOutcomeDialog(context, activity_id, outcome)
    qtbot.addWidget(dialog)
    return dialog


def test_an_objection_needs_its_reason_and_cancels_every_planned_touch(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    firm = Firm(db)
    call = firm.plan(firm.weiss, firm.day)
    firm.plan(firm.weiss, firm.day + dt.timedelta(days=14))
    firm.plan(firm.weiss, firm.day + dt.timedelta(days=7), ActivityKind.EMAIL)
    firm.plan(firm.oz, firm.day)
    page = CallDayPage(context)
    qtbot.addWidget(page)
    page.show()
    page.date.setDate(to_qdate(firm.day))
    assert sorted(c.contact for c in page.model.calls()) == ["Ayşe Öztürk", "Jürgen Weiß"]

    dialog = _dialog(qtbot, context, call, ActivityOutcome.OBJECTED)
    assert dialog.current_choice() is ActivityOutcome.OBJECTED
    assert "2 other planned touch(es)" in dialog.objection_warning.text()
    dialog.accept()
    assert dialog.problem_text("objection_reason") == "Required."
    assert dialog.recorded is None
    dialog.reason.setText("Keine Werbeanrufe")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.recorded is not None
    assert dialog.recorded.cancelled == 2
    assert firm.planned(firm.weiss) == []
    with db.reading() as session:
        person = get_contact(session, firm.weiss.id)
    assert person.do_not_contact
    assert person.do_not_contact_since == firm.today
    assert person.do_not_contact_reason == "Keine Werbeanrufe"
    # The page read again from the change: only the colleague is left to call.
    assert [c.contact for c in page.model.calls()] == ["Ayşe Öztürk"]


def test_not_reached_offers_the_next_try_on_a_working_day_and_counts_the_attempts(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    firm = Firm(db)
    first = firm.plan(firm.weiss, firm.today)
    earlier = record_call(db, CallOutcome(first, ActivityOutcome.NOT_REACHED, local_now()))
    retry = earlier.value.next
    assert retry is not None
    dialog = _dialog(qtbot, context, retry.id, ActivityOutcome.NOT_REACHED)
    expected = retry_on(firm.today, 2, firm.calendar)
    assert dialog.retry_on.date() == to_qdate(expected)
    assert "this one included: 2" in dialog.retry_note.text()
    saturday = firm.today + dt.timedelta(days=(5 - firm.today.weekday()) % 7 or 7)
    dialog.retry_on.setDate(to_qdate(saturday))
    assert "weekend" in dialog.retry_note.text()
    dialog.retry_on.setDate(to_qdate(expected))
    dialog.notes.setPlainText("Sekretariat: ab 14 Uhr")
    dialog.accept()
    recorded = dialog.recorded
    assert recorded is not None
    assert recorded.attempts == 2
    assert recorded.done.notes == "Sekretariat: ab 14 Uhr"
    assert recorded.next is not None
    assert recorded.next.due_at is not None
    assert local_day(recorded.next.due_at) == expected


def test_a_referral_plans_the_colleague_and_reached_opens_the_checklist(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    firm = Firm(db)
    call = firm.plan(firm.weiss, firm.day)

    def refer(widget: QWidget) -> None:
        assert isinstance(widget, CallOutcomeDialog)
        offered = [widget.referred.itemData(n) for n in range(widget.referred.count())]
        assert offered == [None, firm.oz.id]  # neither the person called nor one who objected
        widget.referred.setCurrentIndex(1)
        widget.save_button.click()

    when_modal(refer)
    recorded = CallOutcomeDialog.ask(None, context, call, ActivityOutcome.WRONG_PERSON)
    assert recorded is not None
    assert recorded.next is not None
    assert recorded.next.contact_id == firm.oz.id
    assert recorded.next.due_at is not None
    assert local_day(recorded.next.due_at) == firm.calendar.add_workdays(firm.today, 1)

    seen = when_modal(lambda box: box.close())
    assert CallOutcomeDialog.ask(None, context, call) is None
    assert seen == ["This call is recorded already."]

    opened: list[int] = []

    def reached(widget: QWidget) -> None:
        assert isinstance(widget, CallOutcomeDialog)
        assert widget.current_choice() is ActivityOutcome.REACHED
        assert widget.checklist_button.isVisibleTo(widget)

        def checklist(lead: QWidget) -> None:
            assert isinstance(lead, QualificationDialog)
            opened.append(1)
            lead.reject()

        when_modal(checklist)
        widget.checklist_button.click()

    when_modal(reached)
    done = CallOutcomeDialog.ask(None, context, recorded.next.id, ActivityOutcome.REACHED)
    assert done is not None
    assert done.done.outcome is ActivityOutcome.REACHED
    assert opened == [1]


def test_reached_notes_the_four_criteria_with_the_call_and_keeps_them_on_a_conflict(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    firm = Firm(db)
    save_qualification(
        db,
        QualificationInput(
            firm.weiss.id, {Criterion.AUTHORITY: CriterionState(CriterionStatus.MET, "GF selbst")}
        ),
    )
    call = firm.plan(firm.weiss, firm.day)
    dialog = _dialog(qtbot, context, call, ActivityOutcome.REACHED)
    dialog.show()
    quick = dialog.criteria
    assert quick.isVisible()
    # What is stored is shown, ready to be changed.
    assert quick.statuses[Criterion.AUTHORITY].currentData() == CriterionStatus.MET.value
    assert quick.evidence[Criterion.AUTHORITY].text() == "GF selbst"
    assert quick.statuses[Criterion.NEED].currentData() == CriterionStatus.OPEN.value

    select_data(quick.statuses[Criterion.NEED], CriterionStatus.MET)
    assert quick.evidence[Criterion.NEED].placeholderText() == "Required for met: who said what"
    dialog.accept()
    assert dialog.problem_text("need") != ""
    assert dialog.recorded is None
    assert dialog.focusWidget() is quick.evidence[Criterion.NEED]
    quick.evidence[Criterion.NEED].setText("Engpass in der Montage")
    select_data(quick.statuses[Criterion.TIMING], CriterionStatus.NOT_MET)

    # Meanwhile a colleague saves the checklist: the entries stay, a second Save stores them.
    with db.reading() as session:
        stored = read_qualification(session, firm.weiss.id)
    save_qualification(
        db,
        QualificationInput(
            firm.weiss.id, stored.checklist(), version=stored.version, budget_period="2027"
        ),
    )
    told = when_modal(lambda box: box.close())
    dialog.accept()
    assert len(told) == 1
    assert "changed by someone else" in told[0]
    assert dialog.recorded is None
    assert quick.evidence[Criterion.NEED].text() == "Engpass in der Montage"
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.recorded is not None
    assert dialog.recorded.done.outcome is ActivityOutcome.REACHED

    with db.reading() as session:
        lead = read_qualification(session, firm.weiss.id)
    assert lead.lead_status is LeadStatus.QUALIFYING
    assert {c: r.status for c, r in lead.criteria.items()} == {
        Criterion.AUTHORITY: CriterionStatus.MET,
        Criterion.NEED: CriterionStatus.MET,
        Criterion.BUDGET: CriterionStatus.OPEN,
        Criterion.TIMING: CriterionStatus.NOT_MET,
    }
    assert lead.criteria[Criterion.NEED].evidence == "Engpass in der Montage"
    assert lead.budget_period == "2027"  # the colleague's change is kept


def test_reached_without_touching_the_criteria_writes_no_checklist(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    firm = Firm(db)
    call = firm.plan(firm.weiss, firm.day)
    dialog = _dialog(qtbot, context, call, ActivityOutcome.REACHED)
    dialog.accept()
    assert dialog.recorded is not None
    with db.reading() as session:
        lead = read_qualification(session, firm.weiss.id)
    assert lead.version is None
    assert lead.lead_status is LeadStatus.LEAD


def test_a_switchboard_call_offers_no_criteria(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    firm = Firm(db)
    plan = PlanInput(firm.id, ActivityKind.CALL, day_start(firm.day), None, all_day=True)
    call = plan_activity(db, plan).value.id
    dialog = _dialog(qtbot, context, call, ActivityOutcome.REACHED)
    assert not dialog.criteria.isEnabled()
    assert not dialog.checklist_button.isEnabled()
