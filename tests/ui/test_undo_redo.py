"""Ctrl+Z and Ctrl+Shift+Z in the window: the Edit menu names the step, the database gets the
earlier values back exactly, and messages that no longer hold go."""

from __future__ import annotations

from typing import Any

import factories
import pytest
from helpers import main_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import CompanyStage
from prospector.models import Company, CompanyTag, Tag
from ui.context import AppContext
from ui.main_window import MainWindow


def _stored(db: Database) -> dict[str, tuple[Any, ...]]:
    """Name -> (phone, city, stage, tags) of every company, as stored."""
    with db.reading() as session:
        found = {}
        for company in session.scalars(select(Company)):
            tags = session.scalars(
                select(Tag.name)
                .join(CompanyTag, CompanyTag.tag_id == Tag.id)
                .where(CompanyTag.company_id == company.id)
            )
            found[company.name] = (
                company.phone,
                company.city,
                company.stage,
                company.deleted_at is None,
                tuple(sorted(tags)),
            )
        return found


def _key(qtbot: QtBot, window: MainWindow, shift: bool = False) -> None:
    """Ctrl+Z (or Ctrl+Shift+Z) with the focus in the company list."""
    view = window.companies_page.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    modifiers = Qt.KeyboardModifier.ControlModifier
    if shift:
        modifiers |= Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(view, Qt.Key.Key_Z, modifiers)


def test_an_edit_is_undone_and_redone_from_the_keyboard(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from ui.dialogs.company_dialog import CompanyDialog

    company_id = factories.company(db, "Alpha GmbH", city="Dresden", phone="0351 4567890").id
    window = main_window(qtbot, context)
    assert not window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo"
    before = _stored(db)
    dialog = CompanyDialog(context, company_id)
    qtbot.addWidget(dialog)
    dialog.set_field("city", "Leipzig")
    dialog.set_field("phone", "0341 1234567")
    dialog.set_field("tags", "Messe")
    dialog.accept()
    after = _stored(db)
    assert after["Alpha GmbH"][:2] == ("+493411234567", "Leipzig")
    assert window.undo_action.text() == "&Undo: changes to \u201cAlpha GmbH\u201d"
    _key(qtbot, window)
    assert _stored(db) == before
    assert window.statusBar().currentMessage() == "Undone: changes to \u201cAlpha GmbH\u201d"
    assert window.redo_action.text() == "&Redo: changes to \u201cAlpha GmbH\u201d"
    assert not window.undo_action.isEnabled()
    _key(qtbot, window, shift=True)
    assert _stored(db) == after
    assert window.companies_page.model.row_at(0).city == "Leipzig"  # the list follows


def test_a_bulk_change_is_undone_and_redone_and_the_menu_names_it(
    qtbot: QtBot, context: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    factories.companies(db, "Alpha GmbH", "Beta GmbH", "Gamma GmbH", bulk=True)
    window = main_window(qtbot, context)
    page = window.companies_page
    before = _stored(db)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Messe", True))
    page.view.selectAll()
    page.add_tags_selected()
    page.set_stage_selected(CompanyStage.LEAD)
    tagged_and_staged = _stored(db)
    assert {v[2:] for v in tagged_and_staged.values()} == {(CompanyStage.LEAD, True, ("Messe",))}
    assert window.undo_action.text() == "&Undo: stage \u201cLead\u201d for 3 companies"
    window.undo_action.trigger()
    assert window.undo_action.text() == "&Undo: tag \u201cMesse\u201d on 3 companies"
    window.undo_action.trigger()
    assert _stored(db) == before
    with db.reading() as session:
        assert session.scalar(select(Tag.id).where(Tag.name == "Messe")) is None
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert _stored(db) == tagged_and_staged
    assert not window.redo_action.isEnabled()


def test_a_move_to_the_trash_is_undone_and_its_message_goes(
    qtbot: QtBot, context: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    factories.companies(db, "Alpha GmbH", "Beta GmbH", bulk=True)
    window = main_window(qtbot, context)
    page = window.companies_page
    before = _stored(db)
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    page.view.selectAll()
    assert page.trash_selected() == 2
    assert "Ctrl+Z brings them back" in window.statusBar().currentMessage()
    _key(qtbot, window)
    assert _stored(db) == before
    assert window.statusBar().currentMessage() == "Undone: 2 companies moved to the trash"
    assert window.count_label.text() == "2 companies"
    page.view.selectAll()
    page.set_stage_selected(CompanyStage.CUSTOMER)  # a new change: nothing left to redo
    assert window.statusBar().currentMessage() == ""
    assert not window.redo_action.isEnabled()


def test_an_undo_of_a_company_changed_since_is_refused_with_one_sentence(
    qtbot: QtBot, context: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prospector.services import company_bulk
    from ui import messages

    ids = factories.companies(db, "Alpha GmbH", "Beta GmbH", bulk=True)
    window = main_window(qtbot, context)
    shown: list[str] = []
    monkeypatch.setattr(
        messages.QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    window.companies_page.view.selectAll()
    window.companies_page.set_stage_selected(CompanyStage.LEAD)
    company_bulk.set_stage(db, ids[:1], CompanyStage.CUSTOMER)  # someone else, meanwhile
    later = _stored(db)
    window.undo_action.trigger()
    assert _stored(db) == later
    assert shown == [
        "This can no longer be undone or redone: 1 of the companies were changed or deleted since."
    ]
    assert not window.undo_action.isEnabled()


def test_a_merge_is_undone_from_the_edit_menu(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from ui.dialogs.merge_dialog import MergeDialog

    keep, other = factories.companies(db, "Alpha GmbH", "Alpha GmbH & Co. KG")
    window = main_window(qtbot, context)
    before = _stored(db)
    dialog = MergeDialog(context, keep, other)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.merged_id == keep
    assert list(_stored(db)) == ["Alpha GmbH"]
    assert window.undo_action.text() == "&Undo: merge of \u201cAlpha GmbH && Co. KG\u201d"
    window.undo_action.trigger()
    assert _stored(db) == before
    assert window.count_label.text() == "2 companies"
