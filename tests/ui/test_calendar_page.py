"""The calendar page: counts per day, holidays, the agenda, moving touches by drag and dialog,
and the forgotten leads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import factories
import pytest
from helpers import when_modal
from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome, LeadStatus
from prospector.local_days import day_start
from prospector.models import Activity
from prospector.nurturing import Forgotten
from prospector.services.activity_log import DoneInput, PlanInput, log_activity, plan_activity
from prospector.services.calendar_view import AgendaItem, ForgottenLead
from prospector.services.nurture_settings import NurtureSettings, save_nurture_settings
from ui.context import AppContext
from ui.dialogs.reschedule_dialog import RescheduleDialog
from ui.itemmodels.agenda_model import OVERDUE_COLOR, AgendaModel, ForgottenModel
from ui.pages.calendar_page import CalendarPage, Mode

TODAY = dt.date(2027, 1, 13)  # a Wednesday; 6 January is Epiphany in Bavaria
THURSDAY = dt.date(2027, 1, 14)
EPIPHANY = dt.date(2027, 1, 6)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return day_start(day) + dt.timedelta(hours=hour)


@pytest.fixture
def german_dates() -> Iterator[None]:
    """Dates and holiday names as a German user sees them (the texts stay English)."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


@pytest.fixture
def touches(context: AppContext, db: Database) -> dict[str, int]:
    """A Bavarian firm's lead with a call and an e-mail on Thursday, a call done on Tuesday
    and one left undone on Monday; a colleague in nurturing with nothing planned."""
    save_nurture_settings(db, NurtureSettings(state="BY"))
    member = factories.team_member(db, "Anna Muster")
    firm = factories.company(db, "Kühn Maschinenbau GmbH", phone="+4989123456")
    weiss = factories.contact(
        db, firm.id, "Weiß", first_name="Jürgen", lead_status=LeadStatus.LEAD, phone="+4989555111"
    )
    oz = factories.contact(
        db, firm.id, "Öztürk", first_name="Ayşe", lead_status=LeadStatus.NURTURING
    )

    def plan(day: dt.date, hour: int, kind: ActivityKind, subject: str) -> int:
        touch = PlanInput(
            firm.id, kind, _at(day, hour), weiss.id, owner_id=member.id, subject=subject
        )
        return plan_activity(db, touch).value.id

    ids = {
        "call": plan(THURSDAY, 10, ActivityKind.CALL, "Angebot besprechen"),
        "mail": plan(THURSDAY, 14, ActivityKind.EMAIL, "Fallstudie schicken"),
        "overdue": plan(dt.date(2027, 1, 11), 9, ActivityKind.CALL, "Nachfassen"),
    }
    done = DoneInput(
        ActivityKind.CALL,
        _at(dt.date(2027, 1, 12), 11),
        firm.id,
        weiss.id,
        ActivityOutcome.REACHED,
        "Erstgespräch",
        owner_id=member.id,
    )
    ids["done"] = log_activity(db, done).value.done.id
    return {**ids, "company": firm.id, "weiss": weiss.id, "oz": oz.id, "member": member.id}


def _page(qtbot: QtBot, context: AppContext) -> CalendarPage:
    page = CalendarPage(context, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def _due(db: Database, activity_id: int) -> dt.datetime:
    with db.reading() as session:
        due = session.get_one(Activity, activity_id).due_at
    assert due is not None
    return due.astimezone()


def _rows(page: CalendarPage) -> list[int]:
    model = page.agenda_model
    return [item.id for n in range(model.rowCount()) if (item := model.item_at(n))]


@pytest.mark.usefixtures("german_dates")
def test_the_month_shows_counts_today_overdue_and_holidays(
    qtbot: QtBot, context: AppContext, touches: dict[str, int]
) -> None:
    page = _page(qtbot, context)
    grid = page.grid
    assert page.title_label.text() == "Januar 2027"
    assert (grid.first_day(), grid.last_day()) == (dt.date(2026, 12, 28), dt.date(2027, 2, 7))
    thursday = grid.cell(THURSDAY)
    assert (thursday.planned, thursday.done, thursday.overdue) == (2, 0, 0)
    assert "2 planned" in grid.cell_text(THURSDAY)
    assert grid.cell(dt.date(2027, 1, 12)).done == 1
    monday = grid.cell(dt.date(2027, 1, 11))
    assert (monday.overdue, monday.planned) == (1, 0)
    assert [(text, color) for text, color in grid.count_parts(monday)] == [
        ("1 overdue", OVERDUE_COLOR)
    ]
    assert grid.cell(TODAY).today
    assert not grid.cell(THURSDAY).today
    assert grid.cell_text(TODAY).startswith("Today, Mittwoch, 13. Januar 2027")
    epiphany = grid.cell(EPIPHANY)
    assert epiphany.holiday == "Heilige Drei Könige"
    assert "Public holiday: Heilige Drei Könige" in grid.cell_text(EPIPHANY)
    assert grid.cell(dt.date(2027, 1, 16)).weekend
    assert not grid.cell(dt.date(2026, 12, 31)).in_month
    # The month's touches, the undone one of Monday among them, by the day chosen.
    qtbot.mouseClick(grid, Qt.MouseButton.LeftButton, pos=grid.cell_rect(THURSDAY).center())
    assert _rows(page) == [touches["call"], touches["mail"]]
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    qtbot.keyClick(grid, Qt.Key.Key_Left)
    assert page.selected == dt.date(2027, 1, 12)
    assert _rows(page) == [touches["done"]]
    qtbot.keyClick(grid, Qt.Key.Key_PageDown)
    assert page.title_label.text() == "Februar 2027"


def test_the_week_lists_every_touch_marked_and_opens_one(
    qtbot: QtBot, context: AppContext, touches: dict[str, int]
) -> None:
    page = _page(qtbot, context)
    page.set_mode(Mode.WEEK)
    model = page.agenda_model
    ids = [touches[k] for k in ("overdue", "done", "call", "mail")]
    assert _rows(page) == ids
    texts = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(4)]
    assert texts[2][1:] == [
        "Call",
        "Kühn Maschinenbau GmbH",
        "Jürgen Weiß",
        "089 555111",
        "Angebot besprechen",
        "Anna Muster",
        "Planned",
    ]
    assert texts[0][-1] == "Overdue"
    assert texts[1][-1] == "Done: Reached"
    assert model.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
    assert model.index(1, 2).data(Qt.ItemDataRole.ForegroundRole) != OVERDUE_COLOR
    assert not model.flags(model.index(1, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert page.title_label.text().startswith("Week 2: ")
    table = page.agenda_table
    with qtbot.waitSignal(page.open_touch) as opened:
        cell = table.visualRect(model.index(2, 2)).center()
        # A real double-click starts with a click; the view only reacts to both together.
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert opened.args == [touches["call"]]
    # The day view of today: Monday's undone touch stays in sight, overdue.
    page.set_mode(Mode.DAY)
    assert _rows(page) == [touches["overdue"]]
    assert "1 overdue from earlier days" in page.agenda_caption.text()


def test_a_touch_dropped_on_a_day_moves_there_at_its_time(
    qtbot: QtBot, context: AppContext, db: Database, touches: dict[str, int]
) -> None:
    page = _page(qtbot, context)
    page.select_day(THURSDAY)
    row = page.agenda_model.row_of(touches["call"])
    assert row is not None
    mime = page.agenda_model.mimeData([page.agenda_model.index(row, 0)])
    target = dt.date(2027, 1, 19)
    assert page.grid.drop_mime(mime, target)
    qtbot.waitUntil(lambda: _due(db, touches["call"]).date() == target)
    assert _due(db, touches["call"]).time() == dt.time(10)
    assert page.grid.cell(target).planned == 1
    assert page.grid.cell(THURSDAY).planned == 1


@pytest.mark.usefixtures("german_dates")
def test_a_drop_on_a_holiday_asks_first(
    qtbot: QtBot, context: AppContext, db: Database, touches: dict[str, int]
) -> None:
    page = _page(qtbot, context)
    page.select_day(THURSDAY)
    row = page.agenda_model.row_of(touches["mail"])
    assert row is not None
    mime = page.agenda_model.mimeData([page.agenda_model.index(row, 0)])
    answered: list[QWidget] = []

    def answer(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
        def act(box: QWidget) -> None:
            assert isinstance(box, QMessageBox)
            answered.append(box)
            box.button(button).click()

        return act

    page.grid.drop_mime(mime, EPIPHANY)
    seen = when_modal(answer(QMessageBox.StandardButton.No))
    qtbot.waitUntil(lambda: len(answered) == 1)
    assert seen == [
        "Mittwoch, 6. Januar 2027 is a public holiday (Heilige Drei Könige). Plan it there anyway?"
    ]
    assert _due(db, touches["mail"]).date() == THURSDAY
    page.grid.drop_mime(mime, EPIPHANY)
    when_modal(answer(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: _due(db, touches["mail"]).date() == EPIPHANY)
    assert _due(db, touches["mail"]).time() == dt.time(14)


def test_the_dialog_moves_the_selected_touch(
    qtbot: QtBot, context: AppContext, db: Database, touches: dict[str, int]
) -> None:
    page = _page(qtbot, context)
    page.select_day(THURSDAY)
    page.agenda_table.selectRow(0)
    assert page.move_button.isEnabled()

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, RescheduleDialog)
        dialog.date.setDate(QDate(2027, 1, 15))
        dialog.time.setTime(QTime(8, 30))
        dialog.accept()

    when_modal(pick)
    assert page.move_selected()
    assert _due(db, touches["call"]) == dt.datetime(2027, 1, 15, 8, 30).astimezone()
    # The page read again: the touch left Thursday's agenda, and the done one cannot move.
    assert _rows(page) == [touches["mail"]]
    page.select_day(dt.date(2027, 1, 12))
    page.agenda_table.selectRow(0)
    assert not page.move_button.isEnabled()


def test_forgotten_leads_are_listed_until_a_touch_is_planned(
    qtbot: QtBot, context: AppContext, db: Database, touches: dict[str, int]
) -> None:
    brandt = factories.contact(
        db, touches["company"], "Brandt", first_name="Lea", lead_status=LeadStatus.LEAD
    )
    page = _page(qtbot, context)
    assert page.forgotten_button.text() == "For&gotten leads (2)"
    page.set_mode(Mode.FORGOTTEN)
    model = page.forgotten_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Ayşe Öztürk",
        "Lea Brandt",
    ]
    assert [model.index(r, 4).data() for r in range(2)] == [
        "in nurturing, nothing planned",
        "never touched, nothing planned",
    ]
    assert model.index(0, 3).data() == "never"
    assert page.forgotten_summary.text().startswith("2 forgotten lead(s).")
    with qtbot.waitSignal(page.open_contact) as opened:
        page.forgotten_table.activated.emit(model.index(1, 0))
    assert opened.args == [brandt.id]
    call = PlanInput(touches["company"], ActivityKind.CALL, _at(THURSDAY, 9), brandt.id)
    context.operations.write(lambda database: plan_activity(database, call))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["Ayşe Öztürk"]
    assert page.forgotten_button.text() == "For&gotten leads (1)"
    # Out of sight, the page reads on its next showing.
    page.hide()
    later = PlanInput(touches["company"], ActivityKind.CALL, _at(THURSDAY, 11), touches["oz"])
    context.operations.write(lambda database: plan_activity(database, later))
    assert model.rowCount() == 1
    page.show()
    assert model.rowCount() == 0
    assert page.forgotten_summary.text().startswith("No forgotten leads")


def test_the_view_and_owner_are_remembered_or_chosen(
    qtbot: QtBot, context: AppContext, db: Database, touches: dict[str, int]
) -> None:
    other = factories.team_member(db, "Tim Krause")
    context.preferences = context.preferences.with_changes(current_user="Tim Krause")
    page = _page(qtbot, context)
    page.set_mode(Mode.WEEK)
    assert page.owner.currentData() == other.id
    assert _rows(page) == []  # Tim has nothing this week
    page.owner.setCurrentIndex(page.owner.findData(touches["member"]))
    assert len(_rows(page)) == 4
    page.agenda_table.setColumnWidth(2, 333)
    again = _page(qtbot, context)
    assert again.mode() is Mode.WEEK
    assert again.agenda_table.columnWidth(2) == 333


def test_the_item_models_keep_qts_rules(qtmodeltester: ModelTester) -> None:
    due = _at(THURSDAY, 10)
    item = AgendaItem(
        1,
        ActivityKind.CALL,
        due,
        False,
        None,
        None,
        "Angebot",
        2,
        "Kühn GmbH",
        3,
        "Jürgen Weiß",
        "+4989555111",
        None,
        None,
        None,
        1,
    )
    done = AgendaItem(
        4,
        ActivityKind.EMAIL,
        due,
        True,
        due,
        ActivityOutcome.INFO_SENT,
        None,
        2,
        "Kühn GmbH",
        None,
        None,
        None,
        5,
        "Anna",
        1,
        2,
    )
    agenda = AgendaModel()
    agenda.show_items([item, done], _at(TODAY, 12), THURSDAY)
    qtmodeltester.check(agenda)
    lead = ForgottenLead(
        3,
        "Jürgen Weiß",
        2,
        "Kühn GmbH",
        LeadStatus.LEAD,
        dt.date(2026, 10, 1),
        Forgotten.NO_TOUCH,
        None,
    )
    forgotten = ForgottenModel()
    forgotten.show_leads([lead], TODAY)
    qtmodeltester.check(forgotten)
    assert forgotten.index(0, 4).data() == "no touch for 104 day(s)"
