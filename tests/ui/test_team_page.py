"""The team and capacity page: members through the form, the backlog in weeks, what-ifs."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import factories
import pytest
from helpers import click, when_modal
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.capacity import Assumptions
from prospector.changes import Changes
from prospector.db import Database
from prospector.enums import LeadStatus, TeamRole
from prospector.models import Contact
from prospector.services import capacity_figures, team, trash
from prospector.services.team import TeamMemberInput, TeamMemberRecord
from ui.context import AppContext
from ui.itemmodels.team_model import LEADS, NAME, WEEKS, TeamModel
from ui.pages.team_page import MemberDialog, TeamPage

NO_HOURS = "Nobody has hours for qualification: enter weekly hours for a team member."


def _member(
    db: Database,
    name: str = "Sabine Vogel",
    hours: int = 10,
    calls: int = 12,
    reach: int = 25,
    role: TeamRole = TeamRole.INSIDE_SALES,
) -> TeamMemberRecord:
    data = TeamMemberInput(
        name=name,
        role=role,
        weekly_hours=Decimal(hours),
        calls_per_hour=Decimal(calls),
        reach_percent=reach,
    )
    return team.save_team_member(db, data).value


def _leads(db: Database, count: int, owner_id: int | None = None) -> None:
    """`count` leads awaiting qualification at one company, half of them being qualified."""
    company = factories.company(db, f"Firma {count} {owner_id} GmbH").id
    with db.writing() as session:
        session.add_all(
            Contact(
                company_id=company,
                last_name=f"Lead {n}",
                lead_status=LeadStatus.LEAD if n % 2 else LeadStatus.QUALIFYING,
                owner_id=owner_id,
            )
            for n in range(count)
        )


def _members(db: Database) -> list[TeamMemberRecord]:
    with db.reading() as session:
        return team.list_team_members(session, active_only=False)


@pytest.fixture
def open_page(qtbot: QtBot, context: AppContext) -> Callable[[], TeamPage]:
    """Shows the page, which reads what the test has stored by then."""

    def make() -> TeamPage:
        page = TeamPage(context)
        qtbot.addWidget(page)
        page.resize(1300, 750)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


def _cancel(widget: QWidget) -> None:
    assert isinstance(widget, QMessageBox)
    widget.button(QMessageBox.StandardButton.Cancel).click()


def _cells(model: TeamModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def _publish(context: AppContext, **kinds: bool) -> None:
    """What the app's own writes do after a change: tell every page."""
    context.operations.publish(Changes(**kinds))


# -- the form -------------------------------------------------------------------------------


def test_a_member_added_through_the_form_is_stored_and_listed(
    qtbot: QtBot, context: AppContext, db: Database, open_page: Callable[[], TeamPage]
) -> None:
    page = open_page()
    assert page.model.rowCount() == 0
    assert page.backlog_label.text() == "No leads await qualification right now."
    assert page.warning.isHidden()  # no leads: nothing to warn of, even without a team

    def fill(widget: QWidget) -> None:
        assert isinstance(widget, MemberDialog)
        assert widget.windowTitle() == "New team member"
        widget.set_field("name", "Jonas Weber")
        widget.set_field("role", TeamRole.FIELD_SALES)
        widget.set_field("weekly_hours", "7,5")
        widget.set_field("calls_per_hour", "8")
        widget.set_field("reach_percent", "30")
        widget.set_field("email", "J.Weber@Example.de")
        widget.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    when_modal(fill)
    saved = page.add_member()

    (stored,) = _members(db)
    assert saved == stored.id
    assert (stored.name, stored.role, stored.email, stored.active) == (
        "Jonas Weber",
        TeamRole.FIELD_SALES,
        "j.weber@example.de",
        True,
    )
    assert (stored.weekly_hours, stored.calls_per_hour, stored.reach_percent) == (
        Decimal("7.5"),
        Decimal(8),
        30,
    )
    row = [page.model.index(0, column).data() for column in range(6)]
    assert row == ["Jonas Weber", "Field sales", "7.5", "8", "30 %", "Yes"]
    assert page.table.selectionModel().selectedRows()[0].row() == 0
    assert page.edit_button.isEnabled()


def test_enter_in_the_form_saves(qtbot: QtBot, context: AppContext, db: Database) -> None:
    dialog = MemberDialog(context.operations)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_field("name", "Lea Krause")
    dialog.set_field("weekly_hours", "12")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    assert not dialog.isVisible()
    (stored,) = _members(db)
    assert dialog.saved_id == stored.id
    # The rates a new member starts from: 10 calls an hour, a quarter of them reach someone.
    assert (stored.name, stored.weekly_hours, stored.calls_per_hour, stored.reach_percent) == (
        "Lea Krause",
        Decimal(12),
        Decimal(10),
        25,
    )


def test_an_invalid_reach_rate_is_shown_beside_its_field_and_nothing_is_stored(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = MemberDialog(context.operations)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_field("name", "Jonas Weber")
    dialog.set_field("weekly_hours", "10")
    dialog.set_field("reach_percent", "150")
    dialog.buttons.accepted.emit()

    assert dialog.isVisible()
    assert dialog.problem_text("reach_percent") == "Between 0 and 100 %."
    assert dialog.problem_text("name") == ""
    assert dialog.reach_percent.hasFocus() or not dialog.isActiveWindow()
    assert _members(db) == []

    dialog.set_field("weekly_hours", "zehn")
    dialog.set_field("reach_percent", "25")
    dialog.buttons.accepted.emit()
    assert dialog.problem_text("weekly_hours") == "Not a number, e.g. 12.5."
    assert dialog.problem_text("reach_percent") == ""
    assert _members(db) == []


def test_a_name_taken_already_is_refused(qtbot: QtBot, context: AppContext, db: Database) -> None:
    _member(db, "Sabine Vogel")
    dialog = MemberDialog(context.operations)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_field("name", "sabine vogel")
    dialog.buttons.accepted.emit()
    assert dialog.problem_text("name") == "A team member with this name exists already."
    assert len(_members(db)) == 1


def test_a_concurrent_edit_shows_the_message_and_keeps_what_was_typed(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    record = _member(db, "Sabine Vogel", hours=10)
    dialog = MemberDialog(context.operations, record)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.weekly_hours.text() == "10"
    # Someone else saves her after the form has read her.
    team.save_team_member(
        db, TeamMemberInput("Sabine Vogel", TeamRole.INSIDE_SALES, Decimal(4)), record.id
    )
    dialog.set_field("weekly_hours", "20")

    seen = when_modal(click("keep_editing"))
    dialog.buttons.accepted.emit()

    assert seen == [
        "The team member \u201cSabine Vogel\u201d was changed by someone else since you "
        "opened it. Reload it to see the changes."
    ]
    assert dialog.isVisible()
    assert dialog.weekly_hours.text() == "20"
    (stored,) = _members(db)
    assert stored.weekly_hours == Decimal(4)

    when_modal(click("reload"))
    dialog.buttons.accepted.emit()
    assert dialog.weekly_hours.text() == "4"


# -- the figures ----------------------------------------------------------------------------


def test_one_member_clears_60_leads_in_the_4_weeks_aimed_for_and_61_take_longer(
    context: AppContext, db: Database, open_page: Callable[[], TeamPage]
) -> None:
    # 10 h x 12 calls x 25 % reached = 30 conversations, at 2 a lead: 15 leads a week.
    _member(db, "Sabine Vogel", hours=10, calls=12, reach=25)
    _leads(db, 60)
    page = open_page()

    assert page.backlog_label.text() == "60 leads await qualification (60 without owner)."
    assert page.rate_label.text() == "The team qualifies about 15 leads a week."
    assert page.weeks_label.text() == "4 weeks to clear the backlog."
    assert page.warning.isHidden()
    assert _cells(page.model, LEADS) == ["0 + 60"]
    assert _cells(page.model, WEEKS) == ["4"]

    _leads(db, 1)
    _publish(context, contacts=True)

    assert page.backlog_label.text() == "61 leads await qualification (61 without owner)."
    assert page.weeks_label.text() == "4.1 weeks to clear the backlog."
    assert not page.warning.isHidden()
    assert page.warning_label.text() == "More than the 4 weeks you aim for: over capacity."
    weeks = page.model.index(0, WEEKS)
    assert weeks.data() == "4.1"
    assert weeks.data(Qt.ItemDataRole.DecorationRole) is not None
    assert weeks.data(Qt.ItemDataRole.ToolTipRole) == "Over capacity: more weeks than you aim for."


def test_weeks_are_written_as_the_locale_writes_numbers(
    context: AppContext, db: Database, open_page: Callable[[], TeamPage]
) -> None:
    _member(db, hours=10)
    _leads(db, 61)
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        page = open_page()
    finally:
        QLocale.setDefault(before)
    # German wording comes with the translation; the number is German already.
    assert page.weeks_label.text() == "4,1 weeks to clear the backlog."
    assert page.model.index(0, WEEKS).data() == "4,1"


def test_members_own_leads_and_share_the_rest_by_capacity(
    db: Database, open_page: Callable[[], TeamPage]
) -> None:
    sabine = _member(db, "Sabine Vogel", hours=10)
    _member(db, "Jonas Weber", hours=20)
    _leads(db, 10, owner_id=sabine.id)
    _leads(db, 30)
    page = open_page()
    assert _cells(page.model, NAME) == ["Jonas Weber", "Sabine Vogel"]
    assert _cells(page.model, LEADS) == ["0 + 20", "10 + 10"]
    assert page.backlog_label.text() == "40 leads await qualification (30 without owner)."


def test_without_hours_the_page_says_so_instead_of_weeks(
    db: Database, open_page: Callable[[], TeamPage]
) -> None:
    _member(db, "Sabine Vogel", hours=0)
    _leads(db, 10)
    page = open_page()
    assert page.warning_label.text() == NO_HOURS
    assert not page.warning.isHidden()
    assert page.weeks_label.isHidden()
    assert page.weeks_label.text() == ""
    assert page.rate_label.text() == "The team qualifies about 0 leads a week."
    weeks = page.model.index(0, WEEKS)
    assert weeks.data() == "\u2014"
    assert weeks.data(Qt.ItemDataRole.ToolTipRole) == (
        "No hours for qualification: enter weekly hours."
    )


@pytest.mark.parametrize(
    ("calls", "reach", "sentence"),
    [
        (0, 25, "Nobody with hours makes any calls: enter calls per hour for a team member."),
        (
            12,
            0,
            "Nobody with hours ever reaches anyone: enter a reach rate above 0 % for a team "
            "member.",
        ),
    ],
)
def test_without_calls_or_reach_the_page_names_the_missing_rate(
    sqlite_context: AppContext,
    sqlite_db: Database,
    qtbot: QtBot,
    calls: int,
    reach: int,
    sentence: str,
) -> None:
    _member(sqlite_db, hours=10, calls=calls, reach=reach)
    _leads(sqlite_db, 10)
    page = TeamPage(sqlite_context)
    qtbot.addWidget(page)
    page.show()
    assert page.warning_label.text() == sentence
    assert page.weeks_label.text() == ""


def test_agency_hours_shorten_the_backlog_in_the_what_if(
    db: Database, open_page: Callable[[], TeamPage]
) -> None:
    _member(db, "Sabine Vogel", hours=10)
    _leads(db, 120)
    page = open_page()
    assert page.weeks_label.text() == "8 weeks to clear the backlog."
    assert page.warning_label.text() == "More than the 4 weeks you aim for: over capacity."
    # The agency at 12 calls an hour and 25 % reached: 1.5 leads an hour, 15 wanted a week.
    assert page.target_label.text() == (
        "To clear it within 4 weeks you need about 10 agency hours a week."
    )
    assert page.what_if_label.text() == (
        "Enter agency hours to see how much sooner the backlog is cleared."
    )

    page.what_if.setValue(10)

    assert page.what_if_label.text() == "With 10 agency hours a week: 4 weeks instead of 8 weeks."
    # The page's own figures stay those of the team; the table shows the what-if.
    assert page.weeks_label.text() == "8 weeks to clear the backlog."
    assert _cells(page.model, NAME) == ["Sabine Vogel", "Agency (what-if)"]
    assert _cells(page.model, WEEKS) == ["4", "4"]
    assert page.model.index(1, 2).data() == "10"

    page.what_if.setValue(0)
    assert _cells(page.model, NAME) == ["Sabine Vogel"]


def test_call_days_the_team_has_and_the_backlog_needs(
    db: Database, open_page: Callable[[], TeamPage]
) -> None:
    _member(db, "Sabine Vogel", hours=10)
    _leads(db, 120)
    page = open_page()
    # 10 h a week at 6 calling hours a day; 120 leads x 2 / 25 % / 12 an hour = 80 h in 4 weeks.
    assert page.call_days_label.text() == (
        "Your team's hours are about 1.7 call days a week; clearing the backlog in 4 weeks "
        "needs 3.3 call days a week."
    )


def test_assumptions_are_saved_and_read_again(
    qtbot: QtBot, context: AppContext, db: Database, open_page: Callable[[], TeamPage]
) -> None:
    _member(db, "Sabine Vogel", hours=10)
    _leads(db, 120)
    page = open_page()
    assert page.conversations.value() == 2.0
    assert page.target_weeks.value() == 4
    assert not page.save_assumptions_button.isEnabled()

    page.conversations.setValue(1.5)
    page.target_weeks.setValue(6)
    page.call_day_hours.setValue(5.5)
    page.agency_calls.setValue(15)
    page.agency_reach.setValue(30)
    assert page.save_assumptions_button.isEnabled()
    qtbot.keyClick(page.agency_reach, Qt.Key.Key_Return)  # Enter saves, as in a form

    with db.reading() as session:
        stored = capacity_figures.assumptions(session)
    assert stored == Assumptions(
        conversations_per_lead=Fraction(3, 2),
        target_weeks=6,
        call_day_hours=Fraction(11, 2),
        agency_calls_per_hour=Fraction(15),
        agency_reach_rate=Fraction(3, 10),
    )
    assert not page.save_assumptions_button.isEnabled()
    # 10 h x 12 x 25 % / 1.5 = 20 leads a week: 6 weeks, just the 6 aimed for.
    assert page.weeks_label.text() == "6 weeks to clear the backlog."
    assert page.warning.isHidden()

    again = open_page()
    assert (again.conversations.value(), again.target_weeks.value()) == (1.5, 6)
    assert (again.call_day_hours.value(), again.agency_calls.value()) == (5.5, 15.0)
    assert again.agency_reach.value() == 30


# -- taking members out ---------------------------------------------------------------------


def test_deactivating_asks_first_and_keeps_the_member(
    context: AppContext, db: Database, open_page: Callable[[], TeamPage]
) -> None:
    sabine = _member(db, "Sabine Vogel", hours=10)
    _member(db, "Jonas Weber", hours=10)
    _leads(db, 12, owner_id=sabine.id)
    page = open_page()
    page.select_member(sabine.id)
    assert page.active_button.text() == "&Deactivate\u2026"

    seen = when_modal(_cancel)
    assert page.toggle_active() is False
    assert seen == ["Take \u201cSabine Vogel\u201d off the team?"]
    assert all(m.active for m in _members(db))

    when_modal(click("confirmDeactivate"))
    assert page.toggle_active() is True
    by_name = {m.name: m for m in _members(db)}
    assert (by_name["Sabine Vogel"].active, by_name["Jonas Weber"].active) == (False, True)
    assert page.model.index(page.model.row_of_member(sabine.id) or 0, 5).data() == "No"
    # Her leads stay hers, but nobody active works them: they count as without owner.
    assert page.backlog_label.text() == (
        "12 leads await qualification (12 without owner). "
        "12 of them belong to members who are no longer active."
    )
    assert page.active_button.text() == "Ac&tivate again"

    assert page.toggle_active() is True
    assert all(m.active for m in _members(db))


def test_unticking_active_in_the_form_asks_too(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    record = _member(db, "Sabine Vogel")
    dialog = MemberDialog(context.operations, record, leads=3)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_field("active", False)
    when_modal(_cancel)
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert _members(db)[0].active

    when_modal(click("confirmDeactivate"))
    dialog.buttons.accepted.emit()
    assert not dialog.isVisible()
    assert not _members(db)[0].active


# -- refreshing and the model ---------------------------------------------------------------


def test_a_hidden_page_reads_again_when_shown(
    context: AppContext, db: Database, open_page: Callable[[], TeamPage]
) -> None:
    _member(db, hours=10)
    page = open_page()
    assert page.backlog_label.text() == "No leads await qualification right now."
    page.hide()
    _leads(db, 30)
    _publish(context, contacts=True)
    assert page.backlog_label.text() == "No leads await qualification right now."
    page.show()
    assert page.backlog_label.text() == "30 leads await qualification (30 without owner)."


def test_leads_of_trashed_companies_do_not_count(
    context: AppContext, db: Database, open_page: Callable[[], TeamPage]
) -> None:
    _member(db, hours=10)
    _leads(db, 30)
    page = open_page()
    assert page.backlog_label.text().startswith("30 leads")
    with db.reading() as session:
        company_id = session.scalars(select(Contact.company_id).limit(1)).one()
    assert company_id is not None
    context.operations.write(lambda database: trash.trash_companies(database, [company_id]))
    assert page.backlog_label.text() == "No leads await qualification right now."


@pytest.fixture
def team_on_page(qtbot: QtBot, sqlite_context: AppContext, sqlite_db: Database) -> TeamPage:
    sabine = _member(sqlite_db, "Sabine Vogel", hours=10)
    _member(sqlite_db, "Jonas Weber", hours=0, role=TeamRole.FIELD_SALES)
    factories.team_member(sqlite_db, "Uwe Alt", active=False)
    _leads(sqlite_db, 20, owner_id=sabine.id)
    _leads(sqlite_db, 50)
    page = TeamPage(sqlite_context)
    qtbot.addWidget(page)
    page.show()
    page.what_if.setValue(5)
    return page


def test_the_table_model_passes_the_model_tester(
    qtmodeltester: ModelTester, team_on_page: TeamPage
) -> None:
    assert team_on_page.model.rowCount() == 4
    qtmodeltester.check(team_on_page.model)
