"""The contact list page: people with and without a company, searched, filtered, opened,
linked to a company and added, checked on screen and in the database."""

from __future__ import annotations

from collections.abc import Callable

import factories
import pytest
from helpers import main_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from prospector.changes import Changes
from prospector.db import Database
from prospector.enums import LeadStatus
from prospector.services import contacts
from prospector.settings import load_preferences
from ui.context import AppContext
from ui.dialogs.contact_dialog import ContactDialog
from ui.pages.contacts_page import ContactsPage


def _rows(page: ContactsPage) -> list[tuple[str, str | None]]:
    """The list as shown: each name with its company cell."""
    model = page.model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def _in_dialog(act: Callable[[ContactDialog], None]) -> list[str]:
    """Run `act` on the contact dialog that the next action opens; note its title."""
    titles: list[str] = []

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ContactDialog)
        titles.append(dialog.windowTitle())
        act(dialog)

    QTimer.singleShot(0, run)
    return titles


def _people(db: Database) -> tuple[int, int]:
    """Förde Druck KG with Jörg Müller, and Ayşe Özdemir without a company."""
    foerde = factories.company(db, "Förde Druck KG", city="Kiel").id
    factories.contact(db, foerde, "Müller", first_name="Jörg")
    alone = factories.contact(db, None, "Özdemir", first_name="Ayşe").id
    return foerde, alone


def test_the_page_lists_people_with_and_without_a_company(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _people(db)
    window = main_window(qtbot, context)
    window.show_contacts_action.trigger()
    page = window.contacts_page
    assert window.pages.currentWidget() is page
    assert _rows(page) == [("Jörg Müller", "Förde Druck KG"), ("Ayşe Özdemir", None)]
    assert page.count_label.text() == "2 contacts"
    assert window.navigation.item(2).text() == "Contacts"
    assert not page.empty_hint.isVisible()

    page.without_company.setChecked(True)
    assert _rows(page) == [("Ayşe Özdemir", None)]
    assert page.count_label.text() == "1 of 2 contacts"
    page.without_company.setChecked(False)

    window.find_action.trigger()  # Ctrl+F searches the list on screen
    qtbot.waitUntil(page.search.hasFocus, timeout=2000)
    qtbot.keyClicks(page.search, "muller")
    qtbot.waitUntil(lambda: _rows(page) == [("Jörg Müller", "Förde Druck KG")], timeout=3000)
    page.search.setText("niemand")
    qtbot.waitUntil(page.empty_hint.isVisible, timeout=3000)
    assert page.empty_hint.text() == "No contact matches the search."


def test_an_empty_list_says_how_to_fill_it(qtbot: QtBot, context: AppContext) -> None:
    page = ContactsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert page.model.rowCount() == 0
    assert page.empty_hint.isVisible()
    assert page.empty_hint.text().startswith("No contacts yet.")
    assert page.count_label.text() == "0 contacts"


def test_opening_a_person_and_linking_them_refreshes_both_lists(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    foerde, alone = _people(db)
    window = main_window(qtbot, context)
    companies = window.companies_page
    companies.filter_bar.search.setText("özdemir")
    qtbot.waitUntil(lambda: companies.model.total == 0, timeout=3000)
    window.show_page(window.contacts_page)
    page = window.contacts_page
    published: list[Changes] = []
    context.operations.changed.connect(published.append)

    def link(dialog: ContactDialog) -> None:
        picker = dialog.company
        assert picker is not None
        assert (picker.currentText(), picker.company_id()) == ("", None)
        qtbot.keyClicks(picker.lineEdit(), "forde")  # QTest types ASCII only
        assert [row.id for row in picker.search()] == [foerde]
        assert picker.itemText(0) == "Förde Druck KG (Kiel)"
        picker.setCurrentIndex(0)  # as a click in the suggestions does
        assert picker.company_id() == foerde
        dialog.buttons.accepted.emit()

    titles = _in_dialog(link)
    page.open_contact(alone)
    assert titles == ["Contact without a company"]

    with db.reading() as session:
        assert contacts.get_contact(session, alone).company_id == foerde
    assert published == [Changes.to_companies({foerde}, contacts=True)]
    # Both lists followed the one signal: the contact shows its company, the company search
    # finds the company by the person's name now.
    assert _rows(page) == [("Jörg Müller", "Förde Druck KG"), ("Ayşe Özdemir", "Förde Druck KG")]
    assert companies.model.total == 1


def test_double_click_opens_the_person_with_their_company(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _people(db)
    page = ContactsPage(context)
    qtbot.addWidget(page)
    page.show()

    def look(dialog: ContactDialog) -> None:
        assert dialog.company is not None
        assert dialog.company.currentText() == "Förde Druck KG (Kiel)"
        dialog.done(0)

    titles = _in_dialog(look)
    page.view.doubleClicked.emit(page.model.index(0, 2))
    assert titles == ["Contact at Förde Druck KG"]


def test_a_new_person_is_added_without_a_company(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    window = main_window(qtbot, context)

    def fill(dialog: ContactDialog) -> None:
        dialog.set_field("last_name", "Neumann")
        dialog.buttons.accepted.emit()

    titles = _in_dialog(fill)
    window.new_contact_action.trigger()
    assert titles == ["New contact"]
    page = window.contacts_page
    assert window.pages.currentWidget() is page
    assert _rows(page) == [("Neumann", None)]
    assert window.statusBar().currentMessage() == "Contact saved."


def test_the_column_layout_is_remembered(qtbot: QtBot, context: AppContext, db: Database) -> None:
    page = ContactsPage(context)
    qtbot.addWidget(page)
    page.view.setColumnWidth(1, 321)
    page.set_column_visible(5, False)
    assert "contacts" in context.preferences.layouts
    again = ContactsPage(context)
    qtbot.addWidget(again)
    assert again.view.columnWidth(1) == 321
    assert again.view.horizontalHeader().isSectionHidden(5)
    context.update_preferences()  # as the window does when it closes
    assert "contacts" in load_preferences().layouts


def test_del_deletes_the_current_person_after_asking(
    qtbot: QtBot, context: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox
    from sqlalchemy import select

    from prospector.models import Contact

    _people(db)
    window = main_window(qtbot, context)
    window.show_contacts_action.trigger()
    page = window.contacts_page
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus, timeout=2000)
    page.view.selectRow(1)
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)  # "No": nothing happens
    assert _rows(page) == [("Jörg Müller", "Förde Druck KG"), ("Ayşe Özdemir", None)]
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert asked[0] == (
        "Delete \u201cAyşe Özdemir\u201d for good, with their history? This cannot be undone."
    )
    assert _rows(page) == [("Jörg Müller", "Förde Druck KG")]
    with db.reading() as session:
        assert list(session.scalars(select(Contact.last_name))) == ["Müller"]


def _team_leads(db: Database) -> tuple[int, int, list[int]]:
    """Anna's two leads, Bert's lead, and a plain contact: (anna, bert, [ids by name])."""
    anna = factories.team_member(db, "Anna Muster").id
    bert = factories.team_member(db, "Bert Beispiel").id
    company = factories.company(db, "Kühn GmbH").id
    ids = [
        factories.contact(db, company, "Arnold", lead_status=LeadStatus.LEAD, owner_id=anna).id,
        factories.contact(
            db, company, "Berger", lead_status=LeadStatus.NURTURING, owner_id=anna
        ).id,
        factories.contact(db, company, "Claasen", lead_status=LeadStatus.LEAD, owner_id=bert).id,
        factories.contact(db, company, "Dorn").id,
    ]
    return anna, bert, ids


def test_my_leads_and_the_status_filter_narrow_the_list(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _team_leads(db)
    context.update_preferences(current_user="anna muster")  # found regardless of case
    page = ContactsPage(context)
    qtbot.addWidget(page)
    page.show()
    assert len(_rows(page)) == 4
    page.mine.setChecked(True)
    assert [name for name, _ in _rows(page)] == ["Arnold", "Berger"]
    page.status.setCurrentIndex(page.status.findData(LeadStatus.LEAD.value))
    assert [name for name, _ in _rows(page)] == ["Arnold"]
    page.mine.setChecked(False)
    assert [name for name, _ in _rows(page)] == ["Arnold", "Claasen"]
    page.status.setCurrentIndex(page.status.findData("active"))
    assert [name for name, _ in _rows(page)] == ["Arnold", "Berger", "Claasen"]
    # Nobody chosen in the settings: "my leads" are nobody's.
    context.update_preferences(current_user=None)
    page.mine.setChecked(True)
    assert _rows(page) == []


def test_many_selected_persons_get_an_owner_at_once_and_undo_takes_it_back(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _anna, bert, ids = _team_leads(db)
    window = main_window(qtbot, context)
    window.show_contacts_action.trigger()
    page = window.contacts_page
    page.view.selectAll()
    assert sorted(page.selected_ids()) == sorted(ids)
    assert page.leads.set_owner_selected("Bert Beispiel") == 3  # Claasen has Bert already

    def owners() -> set[int | None]:
        with db.reading() as session:
            return {contacts.get_contact(session, i).owner_id for i in ids}

    assert owners() == {bert}
    assert [page.model.index(r, 6).data() for r in range(4)] == ["Bert Beispiel"] * 4
    window.undo_action.trigger()
    assert owners() != {bert}
    assert bert in owners()


def test_ctrl_l_opens_the_checklist_of_the_current_person(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from ui.dialogs.qualification_dialog import QualificationDialog

    _team_leads(db)
    window = main_window(qtbot, context)
    window.show_contacts_action.trigger()
    page = window.contacts_page
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus, timeout=2000)
    page.view.selectRow(0)
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QualificationDialog)
        seen.append(dialog.windowTitle())
        dialog.done(0)

    QTimer.singleShot(0, look)
    qtbot.keyClick(page.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert seen == ["Qualify Arnold"]
