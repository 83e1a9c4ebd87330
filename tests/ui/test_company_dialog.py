"""Adding and editing a company through the real dialog."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from prospector.records import CompanyInput
from prospector.services import companies
from ui.context import AppContext
from ui.dialogs.company_dialog import CompanyDialog


def _dialog(qtbot: QtBot, context: AppContext, company_id: int | None = None) -> CompanyDialog:
    dialog = CompanyDialog(context, company_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_company_is_saved_normalised(qtbot: QtBot, context: AppContext) -> None:
    dialog = _dialog(qtbot, context)
    with qtbot.waitSignal(context.events.companies_changed):
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
    with context.database.reading() as session:
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
    qtbot: QtBot, context: AppContext
) -> None:
    dialog = _dialog(qtbot, context)
    dialog.set_field("name", "Alpha GmbH")
    dialog.set_field("phone", "0351")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "is not a valid phone number" in dialog.problem_text("phone")
    with context.database.reading() as session:
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
    qtbot: QtBot, context: AppContext
) -> None:
    with context.database.writing() as session:
        created = companies.create_company(
            session, CompanyInput(name="Beta KG", phone="+49891234567", city="München")
        )
    dialog = _dialog(qtbot, context, created.id)
    assert dialog.edits["name"].text() == "Beta KG"
    assert dialog.edits["phone"].text() == "089 1234567"
    dialog.set_field("city", "Augsburg")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with context.database.reading() as session:
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
