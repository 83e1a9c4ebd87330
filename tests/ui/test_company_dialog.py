"""Adding and editing a company, its tags and contacts through the real dialogs."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal

import factories
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    ActivityType,
    CompanyStructure,
    DecisionRole,
)
from prospector.models import Activity
from prospector.records import CompanyInput
from prospector.services import companies, contacts, tags
from ui.context import AppContext
from ui.dialogs.company_dialog import CompanyDialog
from ui.dialogs.contact_dialog import ContactDialog
from ui.pages.companies_page import CompaniesPage


def _dialog(qtbot: QtBot, context: AppContext, company_id: int | None = None) -> CompanyDialog:
    dialog = CompanyDialog(context, company_id)
    # done() closes without the "Discard…?" question, which would block a failed test forever.
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    dialog.show()
    return dialog


def test_a_new_company_is_saved_normalised(qtbot: QtBot, context: AppContext, db: Database) -> None:
    dialog = _dialog(qtbot, context)
    with qtbot.waitSignal(context.operations.changed):
        dialog.set_field("name", "Müller Maschinenbau GmbH")
        dialog.set_field("postcode", "1069")
        dialog.set_field("city", "Dresden")
        dialog.set_field("state", "Sachsen")
        dialog.set_field("phone", "0351 4567890")
        dialog.set_field("website", "https://www.mueller-mb.de/")
        dialog.set_field("employees", "42")
        dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    with db.reading() as session:
        stored = companies.get_company(session, dialog.saved_id)
    assert (stored.name, stored.postcode, stored.phone, stored.domain, stored.employees) == (
        "Müller Maschinenbau GmbH",
        "01069",
        "+493514567890",
        "mueller-mb.de",
        42,
    )
    assert stored.state == "Sachsen"


def test_an_invalid_phone_keeps_the_dialog_open_with_its_message(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context)
    dialog.set_field("name", "Alpha GmbH")
    dialog.set_field("phone", "0351")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "is not a valid phone number" in dialog.problem_text("phone")
    with db.reading() as session:
        assert companies.count_companies(session) == 0
    dialog.set_field("phone", "0351 4567890")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_missing_name_is_explained(qtbot: QtBot, context: AppContext) -> None:
    dialog = _dialog(qtbot, context)
    dialog.buttons.accepted.emit()
    assert dialog.problem_text("name") == "Required."
    assert dialog.isVisible()


def test_editing_shows_the_stored_values_and_saves_changes(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    created = factories.company(db, "Beta KG", phone="+49891234567", city="München")
    dialog = _dialog(qtbot, context, created.id)
    assert dialog.edits["name"].text() == "Beta KG"
    assert dialog.edits["phone"].text() == "089 1234567"
    dialog.set_field("city", "Augsburg")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        stored = companies.get_company(session, created.id)
    assert stored.city == "Augsburg"
    assert stored.phone == "+49891234567"
    assert stored.version == 2


def test_cancel_with_changes_asks_before_discarding(qtbot: QtBot, context: AppContext) -> None:
    dialog = _dialog(qtbot, context)
    dialog.set_field("name", "Noch nicht gespeichert GmbH")
    answers = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    dialog.reject()
    assert dialog.isVisible()  # kept: nothing typed is lost
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Discard))
    dialog.reject()
    assert not dialog.isVisible()
    assert answers == ["Discard the changes you made to this company?"] * 2


def test_cancel_without_changes_closes_at_once(qtbot: QtBot, context: AppContext) -> None:
    dialog = _dialog(qtbot, context)
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


# -- modal windows ---------------------------------------------------------------------------

Step = tuple[type[QWidget], Callable[[QWidget], None]]


@contextlib.contextmanager
def _answering(*steps: Step) -> Iterator[list[str]]:
    """Handle the modal windows that open inside the block, in order; yields the boxes' texts.

    Each step waits for a modal window of its type and acts on it (the action must close it).
    A window that never opens fails the test when the block ends instead of hanging it, and
    no poller outlives the block to answer a later test's windows.
    """
    pending = list(steps)
    seen: list[str] = []
    handled: list[QWidget] = []
    timer = QTimer()
    timer.setInterval(10)

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if pending and isinstance(widget, pending[0][0]) and widget not in handled:
            handled.append(widget)
            if isinstance(widget, QMessageBox):
                seen.append(widget.text())
            pending.pop(0)[1](widget)

    timer.timeout.connect(poll)
    timer.start()
    try:
        yield seen
    finally:
        timer.stop()
    assert not pending, f"never opened: {[kind.__name__ for kind, _ in pending]}"


def _press(which: QMessageBox.StandardButton) -> Step:
    def act(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        widget.button(which).click()

    return QMessageBox, act


def _press_named(name: str) -> Step:
    def act(widget: QWidget) -> None:
        button = widget.findChild(QPushButton, name)
        assert button is not None, f"no button {name!r}"
        button.click()

    return QMessageBox, act


def _fill_contact(**fields: object) -> Step:
    def act(widget: QWidget) -> None:
        assert isinstance(widget, ContactDialog)
        for name, value in fields.items():
            widget.set_field(name, value)
        widget.buttons.button(QDialogButtonBox.StandardButton.Save).click()

    return ContactDialog, act


def _table(dialog: CompanyDialog) -> list[list[object]]:
    model = dialog.contacts_model
    return [
        [model.index(row, column).data() for column in (0, 1, 2, 4)]
        for row in range(model.rowCount())
    ]


def _company_with_contacts(db: Database) -> int:
    return factories.company(
        db, "Gamma KG", contacts=(("Anna", "Schmidt"), ("Thomas", "Becker"))
    ).id


# -- contacts --------------------------------------------------------------------------------


def test_a_company_with_two_contacts_is_created_through_the_dialogs(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context)
    dialog.set_field("name", "Müller Maschinenbau GmbH")
    dialog.tabs.setCurrentIndex(1)
    assert dialog.contacts_hint.isVisible()
    assert not dialog.edit_contact_button.isEnabled()

    with _answering(
        _press(QMessageBox.StandardButton.Save),
        _fill_contact(
            first_name="Anna",
            last_name="Schmidt",
            job_title="Leiterin Einkauf",
            phone="0351 4567890",
            decision_role=DecisionRole.DECISION_MAKER,
        ),
    ) as seen:
        qtbot.mouseClick(dialog.add_contact_button, Qt.MouseButton.LeftButton)
    assert seen == ["The company must be saved before contacts can be added. Save it now?"]
    assert dialog.saved_id is not None
    assert dialog.windowTitle() == "Company"
    assert not dialog.contacts_hint.isVisible()

    # The company is stored now: the second Add asks nothing and opens the contact at once.
    with _answering(_fill_contact(first_name="Thomas", last_name="Becker", mobile="0171 2345678")):
        qtbot.mouseClick(dialog.add_contact_button, Qt.MouseButton.LeftButton)

    assert _table(dialog) == [
        ["Thomas Becker", None, "0171 2345678", "Unknown"],
        ["Anna Schmidt", "Leiterin Einkauf", "0351 4567890", "Decision maker"],
    ]
    assert dialog.tabs.tabText(1) == "Cont&acts (2)"
    assert not dialog.is_modified()
    with db.reading() as session:
        stored = contacts.list_contacts(session, dialog.saved_id)
        company = companies.get_company(session, dialog.saved_id)
    assert [(c.first_name, c.last_name, c.company_id) for c in stored] == [
        ("Thomas", "Becker", dialog.saved_id),
        ("Anna", "Schmidt", dialog.saved_id),
    ]
    assert stored[1].decision_role is DecisionRole.DECISION_MAKER
    assert (company.name, company.contact_count) == ("Müller Maschinenbau GmbH", 2)
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        assert companies.count_companies(session) == 1

    # The list finds the company by a contact's name, typed in capitals and in any order.
    page = CompaniesPage(context)
    qtbot.addWidget(page)
    page.reload()
    qtbot.keyClicks(page.filter_bar.search, "SCHMÍDT anna")
    qtbot.waitUntil(
        lambda: page.current_filter().query == "SCHMÍDT anna" and page.model.total == 1,
        timeout=3000,
    )
    found = page.model.row_at(0)
    assert found is not None
    assert found.name == "Müller Maschinenbau GmbH"


def test_add_on_a_new_company_saves_nothing_unless_the_user_agrees(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context)
    dialog.set_field("name", "Noch nicht gespeichert GmbH")
    with _answering(_press(QMessageBox.StandardButton.Cancel)) as seen:
        qtbot.mouseClick(dialog.add_contact_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert dialog.saved_id is None
    assert dialog.is_modified()
    with db.reading() as session:
        assert companies.count_companies(session) == 0


def test_add_on_an_invalid_new_company_shows_the_problem_instead(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context)
    dialog.tabs.setCurrentIndex(1)
    with _answering(_press(QMessageBox.StandardButton.Save)):
        qtbot.mouseClick(dialog.add_contact_button, Qt.MouseButton.LeftButton)
    # No contact dialog opened: the name is missing, and the Company tab says so.
    assert dialog.tabs.currentIndex() == 0
    assert dialog.problem_text("name") == "Required."
    with db.reading() as session:
        assert companies.count_companies(session) == 0


def test_double_click_edits_a_contact(qtbot: QtBot, context: AppContext, db: Database) -> None:
    company_id = _company_with_contacts(db)
    dialog = _dialog(qtbot, context, company_id)
    dialog.tabs.setCurrentIndex(1)
    view = dialog.contacts_view
    assert _table(dialog)[1][0] == "Anna Schmidt"
    cell = view.visualRect(dialog.contacts_model.index(1, 0)).center()
    with _answering(_fill_contact(job_title="Geschäftsführerin")):
        # A real double-click starts with a click; the view only reacts to both together.
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert _table(dialog)[1][:2] == ["Anna Schmidt", "Geschäftsführerin"]
    with db.reading() as session:
        stored = contacts.list_contacts(session, company_id)
    assert [(c.last_name, c.job_title, c.version) for c in stored] == [
        ("Becker", None, 1),
        ("Schmidt", "Geschäftsführerin", 2),
    ]


def test_removing_a_contact_asks_first(qtbot: QtBot, context: AppContext, db: Database) -> None:
    company_id = _company_with_contacts(db)
    dialog = _dialog(qtbot, context, company_id)
    dialog.tabs.setCurrentIndex(1)
    dialog.contacts_view.selectRow(1)
    assert dialog.remove_contact_button.isEnabled()

    with _answering(_press(QMessageBox.StandardButton.No)) as seen:
        qtbot.mouseClick(dialog.remove_contact_button, Qt.MouseButton.LeftButton)
    assert seen == [
        "Remove \u201cAnna Schmidt\u201d from the contacts of this company? This cannot be undone."
    ]
    assert [row[0] for row in _table(dialog)] == ["Thomas Becker", "Anna Schmidt"]
    with db.reading() as session:
        assert len(contacts.list_contacts(session, company_id)) == 2

    with _answering(_press(QMessageBox.StandardButton.Yes)) as seen:
        qtbot.mouseClick(dialog.remove_contact_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert [row[0] for row in _table(dialog)] == ["Thomas Becker"]
    assert dialog.tabs.tabText(1) == "Cont&acts (1)"
    assert not dialog.remove_contact_button.isEnabled()
    with db.reading() as session:
        assert [c.last_name for c in contacts.list_contacts(session, company_id)] == ["Becker"]


# -- tags, owner, choices --------------------------------------------------------------------


def test_tags_typed_in_the_editor_are_stored_and_shown_again(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    with db.writing() as session:
        tags.ensure_tags(session, ["Kunde", "Messe 2024"])
    dialog = _dialog(qtbot, context)
    dialog.set_field("name", "Delta GmbH")
    # Typing completes the tag after the last comma from the existing ones.
    qtbot.keyClicks(dialog.tags, "neu im   markt, me")
    assert dialog.tag_completer.currentCompletion() == "neu im   markt, Messe 2024"
    dialog.set_field("tags", "neu im   markt, messe 2024, , kunde, Kunde")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    with db.reading() as session:
        stored = [t.name for t in tags.company_tags(session, dialog.saved_id)]
        vocabulary = [t.name for t in tags.list_tags(session)]
    assert stored == ["Kunde", "Messe 2024", "neu im markt"]
    assert vocabulary == ["Kunde", "Messe 2024", "neu im markt"]

    again = _dialog(qtbot, context, dialog.saved_id)
    assert again.tags.text() == "Kunde, Messe 2024, neu im markt"
    assert not again.is_modified()
    again.set_field("tags", "Kunde")
    again.buttons.accepted.emit()
    with db.reading() as session:
        assert [t.name for t in tags.company_tags(session, dialog.saved_id)] == ["Kunde"]
        # Tags are not fields of the company: changing them leaves its version alone.
        assert companies.get_company(session, dialog.saved_id).version == 1


def test_an_overlong_tag_is_shown_on_the_company_tab(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context)
    dialog.set_field("name", "Epsilon AG")
    dialog.set_field("tags", "Kunde, " + "x" * 81)
    dialog.tabs.setCurrentIndex(2)
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 0
    assert dialog.problem_text("tags") == "At most 80 characters."
    with db.reading() as session:
        assert companies.count_companies(session) == 0
        assert tags.list_tags(session) == []


def test_structure_activity_and_owner_are_saved_and_shown(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    owner = factories.team_member(db, "Sabine Vogel")
    dialog = _dialog(qtbot, context)
    assert [dialog.owner.itemText(i) for i in range(dialog.owner.count())] == [
        "\u2014",
        "Sabine Vogel",
    ]
    dialog.set_field("name", "Zeta GmbH")
    dialog.set_field("structure", CompanyStructure.SUBSIDIARY)
    dialog.set_field("activity_type", ActivityType.CRAFT)
    dialog.set_field("owner_id", owner.id)
    dialog.set_field("turnover_eur", "2500000")
    dialog.buttons.accepted.emit()
    assert dialog.saved_id is not None
    with db.reading() as session:
        stored = companies.get_company(session, dialog.saved_id)
    assert (stored.structure, stored.activity_type, stored.owner_id, stored.turnover_eur) == (
        CompanyStructure.SUBSIDIARY,
        ActivityType.CRAFT,
        owner.id,
        Decimal("2500000.00"),
    )
    again = _dialog(qtbot, context, dialog.saved_id)
    assert again.structure.currentText() == "Subsidiary"
    assert again.activity_type.currentText() == "Craft"
    assert again.owner.currentText() == "Sabine Vogel"


# -- concurrent edits ------------------------------------------------------------------------


def test_a_concurrent_edit_writes_nothing_and_reload_brings_the_stored_values(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    created = factories.company(db, "Beta KG", city="München", phone="+49891234567")
    dialog = _dialog(qtbot, context, created.id)
    # Someone else saves the company after the dialog has read it.
    with db.writing() as session:
        companies.update_company(
            session,
            created.id,
            created.version,
            CompanyInput(name="Beta GmbH & Co. KG", city="München", employees=120),
        )
    dialog.set_field("city", "Augsburg")
    dialog.set_field("tags", "Kunde")

    with _answering(_press_named("keep_editing")) as seen:
        dialog.buttons.accepted.emit()
    assert seen == [
        "The company \u201cBeta GmbH & Co. KG\u201d was changed by someone else since you "
        "opened it. Reload it to see the changes."
    ]
    assert dialog.isVisible()
    assert dialog.edits["city"].text() == "Augsburg"
    with db.reading() as session:
        stored = companies.get_company(session, created.id)
        assert tags.list_tags(session) == []
    assert (stored.name, stored.city, stored.version) == ("Beta GmbH & Co. KG", "München", 2)

    with _answering(_press_named("reload")) as seen:
        dialog.buttons.accepted.emit()
    assert len(seen) == 1
    assert dialog.isVisible()
    assert dialog.edits["name"].text() == "Beta GmbH & Co. KG"
    assert dialog.edits["city"].text() == "München"
    assert dialog.employees.text() == "120"
    assert dialog.edits["phone"].text() == ""
    assert dialog.tags.text() == ""
    assert not dialog.is_modified()

    dialog.set_field("city", "Augsburg")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        stored = companies.get_company(session, created.id)
    assert (stored.name, stored.city, stored.employees, stored.version) == (
        "Beta GmbH & Co. KG",
        "Augsburg",
        120,
        3,
    )


# -- history ---------------------------------------------------------------------------------


def test_the_history_lists_activities_newest_first(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    with db.writing() as session:
        company = factories.company(session, "Eta AG")
        day = dt.datetime(2024, 3, 1, 9, 30, tzinfo=dt.UTC)
        session.add_all(
            [
                Activity(
                    company_id=company.id,
                    kind=ActivityKind.CALL,
                    subject="Erstkontakt",
                    done_at=day,
                    outcome=ActivityOutcome.REACHED,
                ),
                Activity(
                    company_id=company.id,
                    kind=ActivityKind.MEETING,
                    subject="Vor-Ort-Termin",
                    due_at=day + dt.timedelta(days=20),
                ),
            ]
        )
    dialog = _dialog(qtbot, context, company.id)
    dialog.tabs.setCurrentIndex(3)
    rows = [
        [dialog.history.topLevelItem(i).text(column) for column in (1, 2, 3)]
        for i in range(dialog.history.topLevelItemCount())
    ]
    assert rows == [
        ["Meeting", "Vor-Ort-Termin", "planned"],
        ["Call", "Erstkontakt", "Reached"],
    ]
    assert "2024" in dialog.history.topLevelItem(1).text(0)
    assert dialog.history.isVisible()
    assert not dialog.history_empty.isVisible()


def test_a_company_without_activities_says_so(qtbot: QtBot, context: AppContext) -> None:
    dialog = _dialog(qtbot, context)
    dialog.tabs.setCurrentIndex(3)
    assert dialog.history_empty.isVisible()
    assert dialog.history_empty.text() == "No activities yet."
    assert not dialog.history.isVisible()
