"""Adding and editing a contact through the real dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import factories
from helpers import click, when_modal
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.enums import DecisionRole, LeadStatus, LegalBasis, Salutation
from prospector.records import ContactInput
from prospector.services import contacts
from ui.context import AppContext
from ui.dialogs.contact_dialog import ContactDialog


def _company(db: Database) -> int:
    return factories.company(db, "Müller Maschinenbau GmbH").id


def _dialog(
    qtbot: QtBot, context: AppContext, company_id: int, contact_id: int | None = None
) -> ContactDialog:
    dialog = ContactDialog(context, company_id, contact_id)
    # done() closes without the "Discard…?" question, which would block a failed test forever.
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    dialog.show()
    return dialog


def _click_standard(which: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
    def act(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        widget.button(which).click()

    return act


def test_a_new_contact_is_saved_with_every_field(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    owner = factories.team_member(db, "Sabine Vogel")
    dialog = _dialog(qtbot, context, company_id)
    assert dialog.windowTitle() == "New contact at Müller Maschinenbau GmbH"
    dialog.set_field("salutation", Salutation.MS)
    dialog.set_field("academic_title", "Dr.")
    dialog.set_field("first_name", "Anna")
    dialog.set_field("last_name", "Schmidt")
    dialog.set_field("job_title", "Leiterin Einkauf")
    dialog.set_field("department", "Einkauf")
    dialog.set_field("phone", "0351 4567890")
    dialog.set_field("mobile", "0171 2345678")
    dialog.set_field("email", "A.Schmidt@Mueller-MB.de")
    dialog.set_field("linkedin", "https://www.linkedin.com/in/anna-schmidt")
    dialog.set_field("decision_role", DecisionRole.DECISION_MAKER)
    dialog.set_field("budget_authority", True)
    dialog.set_field("lead_status", LeadStatus.LEAD)
    dialog.set_field("owner_id", owner.id)
    dialog.set_field("legal_basis", LegalBasis.LEGITIMATE_INTEREST)
    dialog.set_field("data_source", "Messe Hannover 2024")
    dialog.set_field("notes", "Bevorzugt Anrufe vormittags.")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    with db.reading() as session:
        stored = contacts.get_contact(session, dialog.saved_id)
    assert (stored.salutation, stored.decision_role, stored.lead_status) == (
        Salutation.MS,
        DecisionRole.DECISION_MAKER,
        LeadStatus.LEAD,
    )
    assert (stored.phone, stored.mobile, stored.email) == (
        "+493514567890",
        "+491712345678",
        "a.schmidt@mueller-mb.de",
    )
    assert (stored.owner_id, stored.budget_authority, stored.legal_basis) == (
        owner.id,
        True,
        LegalBasis.LEGITIMATE_INTEREST,
    )
    assert (stored.academic_title, stored.department, stored.data_source, stored.notes) == (
        "Dr.",
        "Einkauf",
        "Messe Hannover 2024",
        "Bevorzugt Anrufe vormittags.",
    )
    assert not stored.do_not_contact
    assert stored.do_not_contact_since is None


def test_an_invalid_mobile_keeps_the_dialog_open_with_its_message(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    dialog = _dialog(qtbot, context, company_id)
    dialog.set_field("last_name", "Schmidt")
    dialog.set_field("mobile", "0171")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.problem_text("mobile") == (
        "\u201c0171\u201d is not a valid phone number. Enter it with area code, "
        "e.g. 0351 123456 or +49 351 123456."
    )
    assert dialog.problem_text("phone") == ""
    with db.reading() as session:
        assert contacts.list_contacts(session, company_id) == []
    dialog.set_field("mobile", "0171 2345678")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        assert [c.mobile for c in contacts.list_contacts(session, company_id)] == ["+491712345678"]


def test_a_missing_last_name_is_explained(qtbot: QtBot, context: AppContext, db: Database) -> None:
    dialog = _dialog(qtbot, context, _company(db))
    dialog.set_field("first_name", "Anna")
    dialog.buttons.accepted.emit()
    assert dialog.problem_text("last_name") == "Required."
    assert dialog.isVisible()


def test_a_field_is_checked_when_the_user_leaves_it(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context, _company(db))
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    email = dialog.edits["email"]
    email.setFocus()
    qtbot.keyClicks(email, "anna.schmidt")
    assert dialog.problem_text("email") == ""
    qtbot.keyClick(email, Qt.Key.Key_Tab)
    assert dialog.problem_text("email") == "\u201canna.schmidt\u201d is not an e-mail address."
    # The empty last name is not held against a user who has not got there yet.
    assert dialog.problem_text("last_name") == ""
    assert dialog.isVisible()


def test_editing_shows_the_stored_values_and_saves_changes(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    owner = factories.team_member(db, "Jörg Krause")
    created = factories.contact(
        db,
        company_id,
        "Becker",
        first_name="Thomas",
        phone="+49891234567",
        decision_role=DecisionRole.INFLUENCER,
        owner_id=owner.id,
    )
    dialog = _dialog(qtbot, context, company_id, created.id)
    assert dialog.windowTitle() == "Contact at Müller Maschinenbau GmbH"
    assert dialog.edits["last_name"].text() == "Becker"
    assert dialog.edits["phone"].text() == "089 1234567"
    assert dialog.combos["decision_role"].currentText() == "Influencer"
    assert dialog.combos["owner_id"].currentText() == "Jörg Krause"
    assert dialog.combos["salutation"].currentText() == "\u2014"
    assert not dialog.is_modified()
    dialog.set_field("job_title", "Technischer Leiter")
    dialog.set_field("owner_id", None)
    assert dialog.is_modified()
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        stored = contacts.get_contact(session, created.id)
    assert (stored.job_title, stored.owner_id, stored.phone, stored.version) == (
        "Technischer Leiter",
        None,
        "+49891234567",
        2,
    )


def test_the_owner_list_holds_active_members_and_the_current_owner(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    factories.team_member(db, "Anna Aktiv")
    retired = factories.team_member(db, "Rita Ruhestand", active=False)
    factories.team_member(db, "Otto Ehemals", active=False)
    created = factories.contact(db, company_id, "Becker", owner_id=retired.id)
    editing = _dialog(qtbot, context, company_id, created.id)
    owners = editing.combos["owner_id"]
    assert [owners.itemText(i) for i in range(owners.count())] == [
        "\u2014",
        "Anna Aktiv",
        "Rita Ruhestand",
    ]
    assert owners.currentText() == "Rita Ruhestand"
    adding = _dialog(qtbot, context, company_id)
    new_owners = adding.combos["owner_id"]
    assert [new_owners.itemText(i) for i in range(new_owners.count())] == ["\u2014", "Anna Aktiv"]


def test_the_legal_basis_is_explained(qtbot: QtBot, context: AppContext, db: Database) -> None:
    dialog = _dialog(qtbot, context, _company(db))
    assert dialog.combos["legal_basis"].currentText() == "Not recorded"
    assert "Record why" in dialog.legal_basis_hint.text()
    dialog.set_field("legal_basis", LegalBasis.CONSENT)
    assert dialog.combos["legal_basis"].currentText() == "Consent"
    assert dialog.legal_basis_hint.text() == (
        "The person agreed to be contacted (Art. 6(1)(a) GDPR)."
    )


def test_ticking_do_not_contact_records_today_unless_changed(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    dialog = _dialog(qtbot, context, company_id)
    assert not dialog.since.isEnabled()
    assert not dialog.edits["do_not_contact_reason"].isEnabled()
    dialog.set_field("last_name", "Becker")
    dialog.set_field("do_not_contact", True)
    assert dialog.since.isEnabled()
    assert dialog.since.date() == QDate.currentDate()
    dialog.set_field("do_not_contact_reason", "Am Telefon widersprochen")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    with db.reading() as session:
        stored = contacts.get_contact(session, dialog.saved_id)
    assert stored.do_not_contact
    assert stored.do_not_contact_since == QDate.currentDate().toPython()
    assert stored.do_not_contact_reason == "Am Telefon widersprochen"

    again = _dialog(qtbot, context, company_id, stored.id)
    assert again.checks["do_not_contact"].isChecked()
    again.set_field("do_not_contact_since", dt.date(2024, 5, 2))
    again.buttons.accepted.emit()
    with db.reading() as session:
        assert contacts.get_contact(session, stored.id).do_not_contact_since == dt.date(2024, 5, 2)
    third = _dialog(qtbot, context, company_id, stored.id)
    assert third.since.date() == QDate(2024, 5, 2)


def test_a_concurrent_edit_offers_to_reload(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    created = factories.contact(db, company_id, "Becker", job_title="Einkauf")
    dialog = _dialog(qtbot, context, company_id, created.id)
    # Someone else saves the same person after the dialog has read it.
    with db.writing() as session:
        contacts.update_contact(
            session,
            created.id,
            created.version,
            ContactInput(company_id=company_id, last_name="Becker", job_title="Geschäftsführer"),
        )
    dialog.set_field("department", "Vertrieb")

    seen = when_modal(click("keep_editing"))
    dialog.buttons.accepted.emit()
    assert seen == [
        "The contact \u201cBecker\u201d was changed by someone else since you opened it. "
        "Reload it to see the changes."
    ]
    assert dialog.isVisible()
    assert dialog.edits["department"].text() == "Vertrieb"
    with db.reading() as session:
        stored = contacts.get_contact(session, created.id)
    assert (stored.department, stored.job_title, stored.version) == (None, "Geschäftsführer", 2)

    seen = when_modal(click("reload"))
    dialog.buttons.accepted.emit()
    assert len(seen) == 1
    assert dialog.isVisible()
    assert dialog.edits["job_title"].text() == "Geschäftsführer"
    assert dialog.edits["department"].text() == ""
    assert not dialog.is_modified()
    dialog.set_field("department", "Vertrieb")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        stored = contacts.get_contact(session, created.id)
    assert (stored.department, stored.job_title, stored.version) == (
        "Vertrieb",
        "Geschäftsführer",
        3,
    )


def test_cancel_with_changes_asks_before_discarding(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    dialog = _dialog(qtbot, context, company_id)
    dialog.set_field("last_name", "Becker")
    kept = when_modal(_click_standard(QMessageBox.StandardButton.Cancel))
    dialog.reject()
    assert dialog.isVisible()  # kept: nothing typed is lost
    discarded = when_modal(_click_standard(QMessageBox.StandardButton.Discard))
    dialog.reject()
    assert not dialog.isVisible()
    assert kept + discarded == ["Discard the changes you made to this contact?"] * 2
    with db.reading() as session:
        assert contacts.list_contacts(session, company_id) == []


def test_cancel_without_changes_closes_at_once(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context, _company(db))
    dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert not dialog.isVisible()


def test_a_contact_deleted_meanwhile_cannot_be_saved_back(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    created = factories.contact(db, company_id, "Becker")
    contacts.delete_contact(db, created.id)
    seen = when_modal(_click_standard(QMessageBox.StandardButton.Ok))
    dialog = _dialog(qtbot, context, company_id, created.id)
    assert seen == [
        f"The contact with number {created.id} no longer exists; it may have been deleted."
    ]
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Save).isEnabled()


def test_without_a_given_company_the_form_offers_one(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    dialog = ContactDialog(context, None)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    dialog.show()
    picker = dialog.company
    assert picker is not None
    assert dialog.windowTitle() == "New contact"
    dialog.set_field("last_name", "Schmidt")
    qtbot.keyClicks(picker.lineEdit(), "nirgendwo")
    picker.search()
    assert picker.count() == 0
    dialog.buttons.accepted.emit()
    # Text that names no company is not quietly dropped.
    assert dialog.isVisible()
    assert dialog.problem_text("company_id") == (
        "Choose a company from the list, or empty the field."
    )
    picker.lineEdit().clear()
    qtbot.keyClicks(picker.lineEdit(), "muller masch")
    assert [row.id for row in picker.search()] == [company_id]
    picker.setCurrentIndex(0)
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_id is not None
    with db.reading() as session:
        assert contacts.get_contact(session, dialog.saved_id).company_id == company_id


def test_emptying_the_company_field_unlinks_the_contact(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company_id = _company(db)
    person = factories.contact(db, company_id, "Schmidt")
    dialog = ContactDialog(context, None, person.id)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    dialog.show()
    picker = dialog.company
    assert picker is not None
    assert (picker.currentText(), picker.company_id()) == ("Müller Maschinenbau GmbH", company_id)
    assert not dialog.is_modified()
    picker.lineEdit().clear()
    assert dialog.is_modified()
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        assert contacts.get_contact(session, person.id).company_id is None
        assert contacts.list_contacts(session, company_id) == []


def test_from_the_company_form_the_company_is_fixed(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _dialog(qtbot, context, _company(db))
    assert dialog.company is None
    assert dialog.windowTitle() == "New contact at Müller Maschinenbau GmbH"
