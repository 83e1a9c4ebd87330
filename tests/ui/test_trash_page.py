"""The trash page: restoring, deleting for good and emptying, checked on screen and in the DB."""

from __future__ import annotations

import factories
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from prospector.db import Database
from prospector.models import Contact
from prospector.services import companies, company_query, trash
from ui.context import AppContext
from ui.pages.trash_page import TrashPage

Answer = QMessageBox.StandardButton


def _company(db: Database, name: str, trashed: bool = True) -> int:
    """A company with two contacts, in the trash unless told otherwise."""
    company_id = factories.company(db, name, city="Dresden", contacts=("Meier", "Schulze")).id
    if trashed:
        trash.trash_companies(db, [company_id])
    return company_id


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> TrashPage:
    page = TrashPage(context)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    qtbot.waitExposed(page)
    return page


def _names_on_page(page: TrashPage) -> list[str]:
    return sorted(page.model.index(row, 0).data() for row in range(page.model.rowCount()))


def _select(page: TrashPage, name: str) -> None:
    (row,) = [r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == name]
    page.view.setFocus()
    page.view.selectRow(row)


def _in_trash(db: Database) -> list[str]:
    with db.reading() as session:
        return sorted(t.name for t in trash.list_trash(session))


def _active_count(db: Database) -> int:
    with db.reading() as session:
        return company_query.count_companies(session)


def _contacts_of(db: Database, company_id: int) -> int:
    with db.reading() as session:
        count = session.scalar(
            select(func.count()).select_from(Contact).where(Contact.company_id == company_id)
        )
    return int(count or 0)


def _answering(button: Answer, questions: list[str]) -> None:
    """Click `button` in the question box that the next action opens, and note its text."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        questions.append(box.text())
        assert box.defaultButton() is box.button(Answer.No)
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_the_page_lists_the_trash_with_the_names(
    qtbot: QtBot, context: AppContext, db: Database, page: TrashPage
) -> None:
    _company(db, "Nicht gelöscht GmbH", trashed=False)
    _company(db, "Eins GmbH")
    _company(db, "Zwei KG")
    with qtbot.waitSignal(page.count_changed) as counted:
        page.reload()
    assert counted.args == [2]
    assert _names_on_page(page) == ["Eins GmbH", "Zwei KG"]
    assert page.view.isVisible()
    assert page.model.index(0, 2).data() == "2"  # contacts
    assert "30 days" in page.explanation.text()
    assert page.empty_button.isEnabled()
    assert not page.restore_button.isEnabled()
    assert not page.purge_button.isEnabled()
    _select(page, "Zwei KG")
    assert page.restore_button.isEnabled()
    assert page.purge_button.isEnabled()


def test_an_empty_trash_offers_nothing_to_do(page: TrashPage) -> None:
    page.reload()
    assert page.model.rowCount() == 0
    assert page.empty_label.isVisible()
    assert not page.view.isVisible()
    for button in (page.restore_button, page.purge_button, page.empty_button):
        assert not button.isEnabled()


def test_restore_brings_the_company_back(
    qtbot: QtBot, context: AppContext, db: Database, page: TrashPage
) -> None:
    eins = _company(db, "Eins GmbH")
    _company(db, "Zwei KG")
    page.reload()
    _select(page, "Eins GmbH")
    with (
        qtbot.waitSignal(context.operations.changed),
        qtbot.waitSignal(page.count_changed) as counted,
    ):
        page.restore_button.click()
    assert counted.args == [1]
    assert _names_on_page(page) == ["Zwei KG"]
    assert _in_trash(db) == ["Zwei KG"]
    assert _active_count(db) == 1
    with db.reading() as session:
        assert companies.get_company(session, eins).contact_count == 2
    assert not page.restore_button.isEnabled()  # nothing selected any more


def test_restore_several_at_once(context: AppContext, db: Database, page: TrashPage) -> None:
    for name in ("Eins GmbH", "Zwei KG", "Drei AG"):
        _company(db, name)
    page.reload()
    page.view.selectAll()
    page.restore_button.click()
    assert page.model.rowCount() == 0
    assert _active_count(db) == 3


def test_delete_for_good_asks_first(context: AppContext, db: Database, page: TrashPage) -> None:
    eins = _company(db, "Eins GmbH")
    _company(db, "Zwei KG")
    page.reload()
    _select(page, "Eins GmbH")
    questions: list[str] = []

    _answering(Answer.No, questions)
    page.purge_button.click()
    assert _names_on_page(page) == ["Eins GmbH", "Zwei KG"]
    assert _in_trash(db) == ["Eins GmbH", "Zwei KG"]
    assert _contacts_of(db, eins) == 2

    _answering(Answer.Yes, questions)
    page.purge_button.click()
    assert _names_on_page(page) == ["Zwei KG"]
    assert _in_trash(db) == ["Zwei KG"]
    assert _contacts_of(db, eins) == 0
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 2  # Zwei's stay
    assert (
        questions
        == [
            "Delete \u201cEins GmbH\u201d for good? Its contacts and history are deleted "
            "with it. This cannot be undone."
        ]
        * 2
    )


def test_delete_several_for_good_names_how_many(
    context: AppContext, db: Database, page: TrashPage
) -> None:
    ids = [_company(db, name) for name in ("Eins GmbH", "Zwei KG")]
    keep = _company(db, "Bleibt GmbH", trashed=False)
    page.reload()
    page.view.selectAll()
    questions: list[str] = []
    _answering(Answer.Yes, questions)
    page.purge_button.click()
    assert questions == [
        "Delete 2 companies for good? Their contacts and history are deleted with them. "
        "This cannot be undone."
    ]
    assert page.model.rowCount() == 0
    assert [_contacts_of(db, i) for i in ids] == [0, 0]
    assert _contacts_of(db, keep) == 2
    assert _active_count(db) == 1


def test_empty_trash_asks_first(context: AppContext, db: Database, page: TrashPage) -> None:
    ids = [_company(db, name) for name in ("Eins GmbH", "Zwei KG", "Drei AG")]
    _company(db, "Bleibt GmbH", trashed=False)
    page.reload()
    questions: list[str] = []

    _answering(Answer.No, questions)
    page.empty_button.click()
    assert page.model.rowCount() == 3
    assert _in_trash(db) == ["Drei AG", "Eins GmbH", "Zwei KG"]

    _answering(Answer.Yes, questions)
    page.empty_button.click()
    assert page.model.rowCount() == 0
    assert _in_trash(db) == []
    assert [_contacts_of(db, i) for i in ids] == [0, 0, 0]
    assert _active_count(db) == 1
    assert not page.empty_button.isEnabled()
    assert (
        questions
        == [
            "Empty the trash? 3 companies are deleted for good, with their contacts and "
            "history. This cannot be undone."
        ]
        * 2
    )


def test_the_page_follows_changes_made_elsewhere(
    qtbot: QtBot, context: AppContext, db: Database, page: TrashPage
) -> None:
    page.reload()
    company_id = _company(db, "Eben gelöscht GmbH", trashed=False)
    with qtbot.waitSignal(page.count_changed) as counted:
        context.operations.write(lambda db: trash.trash_companies(db, [company_id]))
    assert counted.args == [1]
    assert _names_on_page(page) == ["Eben gelöscht GmbH"]


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter], ids=["return", "enter"])
def test_enter_restores(
    qtbot: QtBot, context: AppContext, db: Database, page: TrashPage, key: Qt.Key
) -> None:
    _company(db, "Eins GmbH")
    page.reload()
    _select(page, "Eins GmbH")
    _press(qtbot, page, key)
    assert page.model.rowCount() == 0
    assert _active_count(db) == 1


def test_ctrl_r_restores(qtbot: QtBot, context: AppContext, db: Database, page: TrashPage) -> None:
    _company(db, "Eins GmbH")
    page.reload()
    _select(page, "Eins GmbH")
    _press(qtbot, page, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == 0
    assert _active_count(db) == 1


def test_del_deletes_for_good_after_asking(
    qtbot: QtBot, context: AppContext, db: Database, page: TrashPage
) -> None:
    eins = _company(db, "Eins GmbH")
    page.reload()
    _select(page, "Eins GmbH")
    questions: list[str] = []
    _answering(Answer.Yes, questions)
    _press(qtbot, page, Qt.Key.Key_Delete)
    assert len(questions) == 1
    assert page.model.rowCount() == 0
    assert _contacts_of(db, eins) == 0


def _press(
    qtbot: QtBot,
    page: TrashPage,
    key: Qt.Key,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    # Shortcuts only fire in the active window, with the focus on the table.
    page.activateWindow()
    page.view.setFocus()
    qtbot.keyClick(page.view, key, modifier)
