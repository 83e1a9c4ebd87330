"""The person's rights on the contact list: their data as one file, erasure on request."""

from __future__ import annotations

import json
from pathlib import Path

from factories import company, contact
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from prospector.db import Database
from prospector.models import Contact, Suppression
from ui.context import AppContext
from ui.pages.contacts_page import ContactsPage

texts: list[str] = []


def _answer(button: str) -> None:
    """Press `button` on the next message box, as soon as it is shown."""

    def run() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, run)  # not up yet (it follows a job in the background)
            return
        texts.append(box.text() + " " + box.informativeText())
        next(b for b in box.buttons() if b.text().replace("&", "") == button).click()

    QTimer.singleShot(0, run)


def _page(qtbot: QtBot, context: AppContext) -> ContactsPage:
    page = ContactsPage(context)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    page.reload()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.view.setCurrentIndex(page.model.index(0, 0))
    return page


def _count(db: Database, model: type) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _with_anna(db: Database) -> None:
    firm = company(db, "Müller GmbH")
    contact(db, firm.id, "Schmidt", first_name="Anna", email="anna@mueller.de")


def test_the_actions_are_on_the_lists_context_menu(qtbot: QtBot, context: AppContext) -> None:
    page = ContactsPage(context)
    qtbot.addWidget(page)
    texts_of = [a.text().replace("&", "") for a in page.view.actions() if not a.isSeparator()]
    assert "Export the person's data (GDPR Art. 15)…" in texts_of
    assert "Erase the person on request (GDPR Art. 17)…" in texts_of


def test_erasing_asks_first_then_removes_the_person_for_good(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    _with_anna(db)
    page = _page(qtbot, context)
    texts.clear()
    _answer("Cancel")
    assert page.personal_data.erase_current() is None
    assert _count(db, Contact) == 1
    assert "Erase \u201cAnna Schmidt\u201d" in texts[0]
    assert "cannot be undone" in texts[0]

    _answer("Erase")
    erased = page.personal_data.erase_current()
    assert erased is not None
    assert _count(db, Contact) == 0
    assert _count(db, Suppression) == 1
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert not context.operations.history.next_undo()


def test_the_export_writes_the_persons_data_and_says_what_it_holds(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    _with_anna(db)
    page = _page(qtbot, context)
    texts.clear()
    target = tmp_path / "auskunft.json"
    _answer("OK")
    assert page.personal_data.export_current(target)
    qtbot.waitUntil(lambda: page.personal_data.last_export is not None)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["person"]["email"] == "anna@mueller.de"
    qtbot.waitUntil(lambda: bool(texts))
    assert texts[0].startswith(f"Everything stored about the person is in {target}")
