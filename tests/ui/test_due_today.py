"""At start the touches due today and left over are listed beside the window; a double-click
opens one; the list can be switched off."""

from __future__ import annotations

import datetime as dt

import factories
from helpers import main_window, when_modal
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.enums import ActivityKind, LeadStatus
from prospector.local_days import day_start, local_now
from prospector.services import activity_log
from prospector.services.activity_log import PlanInput
from ui.context import AppContext
from ui.dialogs.due_today_dialog import DueTodayDialog


def _plan(db: Database, days: int, subject: str) -> None:
    company = factories.company(db, f"Firma {subject}")
    person = factories.contact(db, company.id, subject, lead_status=LeadStatus.LEAD)
    due = day_start(local_now().date() + dt.timedelta(days=days)) + dt.timedelta(hours=9)
    activity_log.plan_activity(
        db,
        PlanInput(company.id, ActivityKind.CALL, due, person.id, subject=subject, off_day=True),
    )


def test_the_touches_due_today_and_overdue_are_listed_at_start(
    qtbot: QtBot, context: AppContext, db: Database, qtmodeltester: ModelTester
) -> None:
    _plan(db, -3, "Überfällig")
    _plan(db, 0, "Heute")
    _plan(db, 2, "Später")
    window = main_window(qtbot, context)
    qtbot.waitUntil(lambda: window.findChild(DueTodayDialog) is not None)
    dialog = window.findChild(DueTodayDialog)
    assert isinstance(dialog, DueTodayDialog)
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.heading.text() == "2 touch(es) due today or earlier, 1 of them overdue."
    shown = [dialog.model.item_at(row) for row in range(dialog.model.rowCount())]
    assert [item.subject for item in shown if item] == ["Überfällig", "Heute"]
    qtmodeltester.check(dialog.model)
    opened: list[int] = []
    dialog.open_touch.connect(opened.append)
    asked: list[str] = []

    def outcome_asked(widget: QWidget) -> None:
        asked.append(type(widget).__name__)
        widget.close()

    when_modal(outcome_asked)
    dialog.view.doubleClicked.emit(dialog.model.index(1, 0))
    assert shown[1] is not None
    assert opened == [shown[1].id]
    assert asked == ["CallOutcomeDialog"]  # the window asks what came of the call
    dialog.at_start.setChecked(False)
    assert context.preferences.show_due_at_start is False
    dialog.close()


def test_nothing_is_shown_when_nothing_is_due_or_the_list_is_switched_off(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _plan(db, 2, "Später")
    window = main_window(qtbot, context)
    qtbot.wait(50)
    assert window.show_due_today() is None
    _plan(db, 0, "Heute")
    context.update_preferences(show_due_at_start=False)
    second = main_window(qtbot, context)
    qtbot.wait(50)
    assert second.findChild(DueTodayDialog) is None
