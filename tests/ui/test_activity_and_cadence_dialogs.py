"""Logging a touch and planning the next in one step, planning on a holiday, nurturing plans
edited and applied to leads, and the nurturing settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import factories
from helpers import click, when_modal
from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QMessageBox,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome, LeadStatus
from prospector.local_days import local_day
from prospector.models import Activity, CadenceRun
from prospector.services import cadences
from prospector.services.nurture_settings import (
    NurtureSettings,
    nurture_settings,
    save_nurture_settings,
)
from ui.context import AppContext
from ui.dialogs.activity_dialog import ActivityDialog
from ui.dialogs.cadence_dialog import ApplyCadenceDialog, CadencesDialog
from ui.dialogs.settings_dialog import SettingsDialog
from ui.widgets.form import select_data


def _people(db: Database) -> tuple[int, int]:
    company = factories.company(db, "Kühn Maschinenbau GmbH")
    person = factories.contact(
        db, company.id, "Weiß", first_name="Jürgen", lead_status=LeadStatus.LEAD
    )
    return company.id, person.id


def _set(edit: QDateTimeEdit, day: dt.date, hour: int = 10) -> None:
    edit.setDateTime(QDateTime(QDate(day.year, day.month, day.day), QTime(hour, 0)))


def _answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        box.button(button).click()

    return act


def test_a_call_is_logged_and_the_next_touch_planned_in_one_step(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id, person_id = _people(db)
    dialog = ActivityDialog(context, company_id, contact_id=person_id)
    qtbot.addWidget(dialog)
    select_data(dialog.kind, ActivityKind.CALL)
    select_data(dialog.outcome, ActivityOutcome.REACHED)
    qtbot.keyClicks(dialog.subject, "Bedarf erfragt")
    dialog.follow_up.setChecked(True)
    assert dialog.save_button.text() == "Save && plan next"
    _set(dialog.next_when.edit, dt.date(2027, 3, 2), 14)
    qtbot.keyClicks(dialog.next_subject, "Angebot besprechen")
    dialog.accept()
    assert dialog.result() == ActivityDialog.DialogCode.Accepted
    with db.reading() as session:
        rows = session.scalars(select(Activity).order_by(Activity.id)).all()
        shown = [(a.kind, a.outcome, a.subject, a.done_at is not None) for a in rows]
        due = rows[1].due_at
    assert shown == [
        (ActivityKind.CALL, ActivityOutcome.REACHED, "Bedarf erfragt", True),
        (ActivityKind.CALL, None, "Angebot besprechen", False),
    ]
    assert due is not None
    assert (local_day(due), due.astimezone().hour) == (dt.date(2027, 3, 2), 14)


def test_a_touch_on_a_holiday_is_planned_only_when_the_user_says_so(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    save_nurture_settings(db, NurtureSettings(state="BY"))
    company_id, person_id = _people(db)
    dialog = ActivityDialog(context, company_id, contact_id=person_id, plan_only=True)
    qtbot.addWidget(dialog)
    _set(dialog.when.edit, dt.date(2027, 1, 6))  # Heilige Drei Könige in Bavaria
    seen = when_modal(_answer(QMessageBox.StandardButton.No))
    dialog.accept()
    assert "Heilige Drei Könige" in seen[0]
    with db.reading() as session:
        assert session.scalars(select(Activity)).all() == []
    seen = when_modal(_answer(QMessageBox.StandardButton.Yes))
    dialog.accept()
    assert seen
    with db.reading() as session:
        (planned,) = session.scalars(select(Activity)).all()
        assert planned.due_at is not None
        assert local_day(planned.due_at) == dt.date(2027, 1, 6)


def test_a_plan_is_made_in_the_dialog_and_applied_to_the_chosen_leads(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _company, person_id = _people(db)
    dialog = CadencesDialog(context)
    qtbot.addWidget(dialog)
    assert not dialog.defaults_button.isHidden()  # no plans yet: the suggested ones offered
    dialog.name.setText("Messe-Nachfassen")
    dialog.add_step(ActivityKind.EMAIL, 3, "Unterlagen schicken")
    spin = dialog.steps.cellWidget(1, 1)
    assert isinstance(spin, QSpinBox)
    spin.setValue(5)
    point = dialog.steps.cellWidget(0, 2)
    assert isinstance(point, QLineEdit)
    point.setText("Auf der Messe getroffen")
    assert "2 touch(es) over 5 days" in dialog.summary.text()
    assert dialog.save()
    with db.reading() as session:
        (record,) = cadences.list_cadences(session)
    assert [s.days_after for s in record.steps] == [0, 5]
    assert record.steps[0].talking_point == "Auf der Messe getroffen"

    apply = ApplyCadenceDialog(context, [person_id], [record], NurtureSettings())
    qtbot.addWidget(apply)
    apply.start.setDate(QDate(2027, 3, 1))
    assert apply.dates.text().count("2027") == 2
    apply.accept()
    assert apply.result_value is not None
    assert apply.result_value.started == 1
    with db.reading() as session:
        run = session.scalars(select(CadenceRun)).one()
        touch = session.scalars(select(Activity)).one()
        assert (run.contact_id, touch.subject, touch.step) == (
            person_id,
            "Auf der Messe getroffen",
            0,
        )
        assert touch.due_at is not None
        assert local_day(touch.due_at) == dt.date(2027, 3, 1)


def test_the_firm_s_state_and_the_forgotten_days_are_saved_for_the_team(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = SettingsDialog(context)
    qtbot.addWidget(dialog)
    state = dialog.findChild(QComboBox, "firmState")
    assert isinstance(state, QComboBox)
    select_data(state, "SN")
    assert state.currentText() == "Saxony"
    dialog.quiet_days.setValue(45)
    dialog.accept()
    with db.reading() as session:
        assert nurture_settings(session) == NurtureSettings(state="SN", quiet_days=45)


def test_a_planned_touch_is_marked_done_from_the_company_form(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from prospector.services import activity_log
    from prospector.services.activity_log import PlanInput
    from ui.dialogs.company_dialog import CompanyDialog

    company_id, person_id = _people(db)
    activity_log.plan_activity(
        db,
        PlanInput(
            company_id,
            ActivityKind.LETTER,
            dt.datetime(2027, 3, 2, 9, tzinfo=dt.UTC),
            person_id,
            subject="Katalog",
        ),
    )
    form = CompanyDialog(context, company_id)
    qtbot.addWidget(form, before_close_func=lambda widget: widget.done(0))
    form.show()
    form.history.setCurrentItem(form.history.topLevelItem(0))
    assert form.done_button.isEnabled()

    def done(widget: QWidget) -> None:
        assert isinstance(widget, ActivityDialog)
        assert widget.subject.text() == "Katalog"
        click("save")(widget)

    when_modal(done)
    form.done_button.click()
    with db.reading() as session:
        (letter,) = session.scalars(select(Activity)).all()
        assert letter.done_at is not None
    assert form.history.topLevelItemCount() == 1
