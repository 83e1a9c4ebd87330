"""The call day page: the day's calls in order, reordered, printed, and their outcomes entered in
the printed order with one key each; the PDF preview."""

from __future__ import annotations

import calendar as months
import dataclasses
import datetime as dt
import re
import subprocess
from pathlib import Path

import factories
import pytest
from helpers import when_modal
from PySide6.QtCore import QModelIndex, Qt, QTime
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from prospector.call_day import Call, CallDay
from prospector.db import Database
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    CompanyStage,
    Criterion,
    CriterionStatus,
    LeadStatus,
)
from prospector.local_days import day_start, local_day, local_now
from prospector.models import Activity
from prospector.nurturing import retry_on
from prospector.reports.call_sheets import write_call_day
from prospector.services.activities import ActivityRecord, list_activities
from prospector.services.activity_log import PlanInput, plan_activity
from prospector.services.calendar_view import DayCount, month_counts
from prospector.services.call_outcomes import CallRecorded
from prospector.services.nurture_settings import (
    NurtureSettings,
    nurture_settings,
    save_nurture_settings,
)
from prospector.workdays import WorkCalendar
from ui.context import AppContext
from ui.dialogs.call_outcome_dialog import CallOutcomeDialog
from ui.dialogs.pdf_preview_dialog import PdfPreviewDialog
from ui.itemmodels.call_list_model import CallListModel, EntryModel
from ui.pages import call_day_page
from ui.pages.call_day_page import CallDayPage
from ui.widgets.form import to_qdate

OUT = ActivityOutcome


def _bavaria(db: Database) -> WorkCalendar:
    save_nurture_settings(db, NurtureSettings(state="BY"))
    with db.reading() as session:
        return nurture_settings(session).calendar("en")


def _plan_calls(db: Database, day: dt.date, names: tuple[str, ...]) -> dict[str, int]:
    """A planned call on `day` with one person of each company; planned call ids by company."""
    ids = {}
    for name in names:
        firm = factories.company(db, name)
        person = factories.contact(
            db, firm.id, f"Frau {name.split()[0]}", lead_status=LeadStatus.LEAD, phone="0351 1234"
        )
        plan = PlanInput(firm.id, ActivityKind.CALL, day_start(day), person.id, all_day=True)
        ids[name] = plan_activity(db, plan).value.id
    return ids


def _page(qtbot: QtBot, context: AppContext) -> CallDayPage:
    page = CallDayPage(context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    return page


def _companies(page: CallDayPage) -> list[str]:
    return [call.company for call in page.model.calls()]


def _activities(db: Database, company_ids: set[int]) -> list[ActivityRecord]:
    with db.reading() as session:
        return [a for c in sorted(company_ids) for a in list_activities(session, c)]


def test_a_call_day_from_the_date_to_the_pdf_to_the_outcomes_in_printed_order(
    qtbot: QtBot,
    context: AppContext,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calendar = _bavaria(db)
    today = local_now().date()
    day = calendar.add_workdays(today, 2)
    names = ("Alpha GmbH", "Beta AG", "Gamma KG", "Delta OHG")
    ids = _plan_calls(db, day, names)
    page = _page(qtbot, context)
    page.date.setDate(to_qdate(day))
    # Equal in everything else, the calls come by company name.
    assert _companies(page) == ["Alpha GmbH", "Beta AG", "Delta OHG", "Gamma KG"]
    assert page.count_label.text() == "4 call(s)"

    page.table.setFocus()
    page.table.selectRow(3)
    qtbot.keyClick(page.table, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    shown = ["Alpha GmbH", "Beta AG", "Gamma KG", "Delta OHG"]
    assert _companies(page) == shown

    previewed: list[Path] = []
    monkeypatch.setattr(
        call_day_page.PdfPreviewDialog, "ask", lambda _parent, path: previewed.append(path)
    )
    target = tmp_path / "Anruftag.pdf"
    assert page.make_pdf(target) is not None
    qtbot.waitUntil(lambda: previewed == [target], timeout=20000)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    listing, *sheets = text.split("\f")[:-1]
    for number, (name, sheet) in enumerate(zip(shown, sheets, strict=True), start=1):
        assert re.search(rf"^{number}\s+{name}", listing, re.MULTILINE)
        assert name in sheet
        assert re.search(rf"\b{number}\s*/\s*4\b", sheet)
    # Reordered after printing: the entry still follows the paper.
    page.move_selected(-1)
    assert "PDF written" in page.pdf_note.text()

    page.enter_button.click()
    entry = page.entry
    assert page.is_entering()
    assert "printed list" in entry.heading.text()
    assert [(e.number, e.call.company) for e in entry.entries()] == list(enumerate(shown, start=1))
    for key in (Qt.Key.Key_2, Qt.Key.Key_5, Qt.Key.Key_7, Qt.Key.Key_1):
        qtbot.keyClick(entry.table, key)
    assert entry.status.text() == "All 4 call(s) entered."

    stored = _activities(db, {e.call.company_id for e in entry.entries()})
    outcomes = {a.id: a.outcome for a in stored if a.done_at is not None}
    expected = dict(
        zip(shown, (OUT.NOT_REACHED, OUT.NOT_INTERESTED, OUT.APPOINTMENT, OUT.REACHED), strict=True)
    )
    assert outcomes == {ids[name]: outcome for name, outcome in expected.items()}
    (next_try,) = [a for a in stored if a.done_at is None]
    assert next_try.contact_id == entry.entries()[0].call.contact_id
    assert next_try.due_at is not None
    retry = local_day(next_try.due_at)
    assert calendar.is_workday(retry)
    assert retry == retry_on(today, 2, calendar)
    recorded = entry.entries()[0].recorded
    assert recorded is not None
    assert recorded.next is not None
    assert entry.model.index(0, 5).data().startswith("next try ")

    # The calendar: the day's calls are gone from it, the next try is on its day, four done.
    with db.reading() as session:
        for first in {day.replace(day=1), retry.replace(day=1), today.replace(day=1)}:
            last = first.replace(day=months.monthrange(first.year, first.month)[1])
            counts = month_counts(session, first, last)
            if first <= day <= last and day != retry:
                assert counts.get(day, DayCount()).planned == 0
            if first <= retry <= last:
                assert counts[retry].planned == 1
            if first <= today <= last:
                assert counts[today].done == 4

    entry.back_button.click()
    assert not page.is_entering()
    assert _companies(page) == (["Alpha GmbH"] if retry == day else [])


def test_the_day_starts_as_the_next_working_day_for_the_user_and_names_a_holiday(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    calendar = _bavaria(db)
    member = factories.team_member(db, "Anna Muster")
    factories.team_member(db, "Bernd Beispiel")
    context.preferences = context.preferences.with_changes(current_user="Anna Muster")
    page = _page(qtbot, context)
    assert page.day() == calendar.add_workdays(local_now().date(), 1)
    assert page.owner_id() == member.id
    assert [page.owner.itemText(n) for n in range(3)] == [
        "Everyone",
        "Anna Muster",
        "Bernd Beispiel",
    ]
    assert page.warning.isHidden()
    epiphany = dt.date(2031, 1, 6)  # a Monday, and a holiday in Bavaria only
    page.date.setDate(to_qdate(epiphany))
    assert page.warning.isVisible()
    assert str(calendar.holiday(epiphany)) in page.warning.text()
    page.date.setDate(to_qdate(dt.date(2031, 1, 11)))  # a Saturday
    assert "weekend" in page.warning.text()


def test_del_takes_a_call_off_todays_list_only(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    day = _bavaria(db).add_workdays(local_now().date(), 1)
    ids = _plan_calls(db, day, ("Alpha GmbH", "Beta AG", "Gamma KG"))
    page = _page(qtbot, context)
    page.date.setDate(to_qdate(day))
    page.table.setFocus()
    page.table.selectRow(1)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert _companies(page) == ["Alpha GmbH", "Gamma KG"]
    assert page.count_label.text() == "2 call(s) \u00b7 1 taken off this list"
    page.move_selected(1)  # nothing below the last
    page.table.selectRow(1)
    page.move_selected(-1)
    # Another change reads the list again: the order and the removal hold.
    factories.company(db, "Unrelated GmbH")
    page.reload()
    assert _companies(page) == ["Gamma KG", "Alpha GmbH"]
    with db.reading() as session:  # off the list, still planned
        kept = session.get(Activity, ids["Beta AG"])
        assert kept is not None
        assert kept.done_at is None
    page.priority_button.click()
    assert _companies(page) == ["Alpha GmbH", "Beta AG", "Gamma KG"]
    assert page.count_label.text() == "3 call(s)"


def test_keys_that_need_details_open_the_form_and_backspace_goes_back(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    day = _bavaria(db).add_workdays(local_now().date(), 1)
    _plan_calls(db, day, ("Alpha GmbH", "Beta AG"))
    page = _page(qtbot, context)
    page.date.setDate(to_qdate(day))
    page.show_entry()
    entry = page.entry
    assert "no PDF" in entry.heading.text()
    seen: list[ActivityOutcome | None] = []

    def call_back(widget: QWidget) -> None:
        assert isinstance(widget, CallOutcomeDialog)
        seen.append(widget.current_choice())
        widget.call_back_on.setDate(to_qdate(day))
        widget.call_back_time.setTime(QTime(14, 30))
        widget.accept()

    when_modal(call_back)
    qtbot.keyClick(entry.table, Qt.Key.Key_3)
    assert seen == [OUT.CALL_BACK]
    assert entry.current_row() == 1
    assert entry.model.index(0, 4).data() == "\u2713 Call back"
    assert "call back" in entry.model.index(0, 5).data()
    qtbot.keyClick(entry.table, Qt.Key.Key_Backspace)
    assert entry.current_row() == 0
    qtbot.keyClick(entry.table, Qt.Key.Key_5)  # entered already: nothing happens
    assert "entered already" in entry.status.text()
    assert entry.model.index(1, 4).data() == ""


def _call(number: int, **changes: object) -> Call:
    call = Call(
        activity_id=number,
        contact_id=number,
        company_id=number,
        company=f"Firma {number:02d}",
        city="Kassel",
        phone=f"0561 {100000 + number}",
        phone_is_company=number % 2 == 0,
        contact=f"Kontakt {number:02d}",
        job_title="Einkauf",
        persona="Einkaufsleitung",
        status=LeadStatus.LEAD,
        stage=CompanyStage.LEAD,
        fit_score=50,
        due_at=day_start(dt.date(2026, 12, 7)),
        overdue=number == 1,
        talking_point="Ask about the offer",
        persona_points=None,
        pains=None,
        value_proposition=None,
        criteria=tuple((c, CriterionStatus.OPEN) for c in Criterion),
        last_touch=None,
        recent=(),
        data_source=None,
        owner=None,
    )
    return dataclasses.replace(call, **changes)


def test_the_models_keep_qts_rules_and_a_dropped_row_moves(qtmodeltester: ModelTester) -> None:
    model = CallListModel()
    model.set_rows([_call(n) for n in (1, 2, 3)])
    qtmodeltester.check(model)
    # Row 2 dragged above row 0.
    assert not model.dropMimeData(
        model.mimeData([model.index(2, 1)]), Qt.DropAction.MoveAction, 0, 0, QModelIndex()
    )
    assert [c.activity_id for c in model.calls()] == [3, 1, 2]
    assert [model.index(n, 0).data() for n in range(3)] == ["1", "2", "3"]
    assert model.index(2, 4).data() == "0561 100002 (switchboard)"
    entries = EntryModel()
    entries.set_calls(model.calls())
    done = ActivityRecord(
        3, 3, 3, ActivityKind.CALL, None, None, None, local_now(), OUT.REACHED, None, 1
    )
    entries.set_recorded(0, CallRecorded(done, None, 0, 0))
    qtmodeltester.check(entries)
    assert entries.index(0, 4).data() == "\u2713 Reached"


def test_the_preview_shows_every_page_of_the_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    day = CallDay(dt.date(2026, 12, 7), None, (_call(1), _call(2)))
    written = write_call_day(day, tmp_path / "Anruftag-2026-12-07.pdf", language="en")
    dialog = PdfPreviewDialog(written.path)
    qtbot.addWidget(dialog)
    if dialog.document is None:  # Qt's PDF module is an add-on that may be missing
        assert str(written.path) in dialog.message.text()
        assert dialog.open_button.isVisibleTo(dialog)
        return
    assert dialog.page_count() == written.pages == 3
    assert dialog.pages_label.text() == "3 page(s)"
    copy = dialog.save_as(tmp_path / "copy.pdf")
    assert copy is not None
    assert copy.read_bytes() == written.path.read_bytes()
