"""Merging two duplicates through the real dialog: every contact and field checked."""

from __future__ import annotations

import factories
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.errors import NotFound
from prospector.models import Company
from prospector.records import CompanyInput
from prospector.services import companies, company_query, contacts, duplicates
from prospector.validation import validate_company
from ui.context import AppContext
from ui.dialogs.company_dialog import CompanyDialog
from ui.dialogs.duplicate_dialog import DuplicateChoice, DuplicateDialog
from ui.dialogs.merge_dialog import MergeDialog


def _two(db: Database) -> tuple[int, int]:
    with db.writing() as session:
        first = factories.company(
            session,
            "Müller Maschinenbau GmbH",
            postcode="01069",
            city="Dresden",
            phone="0351 4567890",
            employees=40,
            contacts=("Alt",),
        ).id
        second = factories.company(
            session,
            "Müller Maschinenbau",
            postcode="01069",
            city="Dresden",
            street="Hauptstraße 1",
            phone="0351 4567899",
            website="www.mueller-mb.de",
            employees=42,
            contacts=(("Eva", "Neu"), "Zweit"),
        ).id
    return first, second


def test_merge_two_duplicates_moves_contacts_and_keeps_the_chosen_fields(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    first, second = _two(db)
    dialog = MergeDialog(context, first, second)
    qtbot.addWidget(dialog)
    assert set(dialog.choices) == {"name", "phone", "employees"}
    assert dialog.choices["phone"][0].text() == "0351 4567890"
    assert dialog.choices["phone"][1].text() == "0351 4567899"
    dialog.choose_other("employees")
    dialog.merge_button.click()
    assert dialog.merged_id == first
    with db.reading() as session:
        kept = companies.get_company(session, first)
        people = sorted(c.last_name for c in contacts.list_contacts(session, first))
        assert company_query.count_companies(session) == 1
    assert people == ["Alt", "Neu", "Zweit"]
    assert kept.name == "Müller Maschinenbau GmbH"
    assert kept.phone == "+493514567890"
    assert kept.employees == 42
    assert kept.street == "Hauptstraße 1"  # empty here, filled from the other
    assert kept.domain == "mueller-mb.de"


def test_swap_keeps_the_other_record(qtbot: QtBot, context: AppContext, db: Database) -> None:
    first, second = _two(db)
    dialog = MergeDialog(context, first, second)
    qtbot.addWidget(dialog)
    dialog.swap()
    dialog.merge_button.click()
    assert dialog.merged_id == second
    with db.reading() as session:
        kept = companies.get_company(session, second)
        people = sorted(c.last_name for c in contacts.list_contacts(session, second))
        rows = company_query.list_companies(session)
        with pytest.raises(NotFound):
            companies.get_company(session, first)
        assert session.get(Company, first) is None  # deleted, not only out of sight
    assert (kept.id, kept.name, kept.street) == (second, "Müller Maschinenbau", "Hauptstraße 1")
    assert [(r.id, r.name) for r in rows] == [(second, "Müller Maschinenbau")]
    assert people == ["Alt", "Neu", "Zweit"]


def test_duplicate_warning_names_the_look_alike_and_why(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    first, _ = _two(db)
    with db.reading() as session:
        found = duplicates.find_duplicates(
            session,
            validate_company(CompanyInput(name="MÜLLER MASCHINENBAU GMBH", postcode="01069")),
        )
    dialog = DuplicateDialog("MÜLLER MASCHINENBAU GMBH", found)
    qtbot.addWidget(dialog)
    texts = [dialog.candidates.item(i).text() for i in range(dialog.candidates.count())]
    assert texts[0].startswith("Müller Maschinenbau GmbH – 01069 Dresden\n")
    assert "same name and postcode" in texts[0]
    dialog.merge_button.click()
    assert dialog.choice is DuplicateChoice.MERGE
    assert dialog.chosen_id() == first
    assert len(texts) == 2


def _answer_duplicate(button: str) -> None:
    def run() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, DuplicateDialog)
        {"keep": box.keep_button, "back": box.back_button, "merge": box.merge_button}[
            button
        ].click()

    QTimer.singleShot(0, run)


def _new_look_alike(qtbot: QtBot, context: AppContext, db: Database) -> CompanyDialog:
    factories.company(db, "Müller Maschinenbau GmbH", postcode="01069", city="Dresden")
    dialog = CompanyDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_field("name", "MUELLER MASCHINENBAU")
    dialog.set_field("postcode", "1069")
    return dialog


def test_saving_a_look_alike_asks_and_back_writes_nothing(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    dialog = _new_look_alike(qtbot, context, db)
    _answer_duplicate("back")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    with db.reading() as session:
        assert company_query.count_companies(session) == 1


def test_keep_both_saves_the_new_company(qtbot: QtBot, context: AppContext, db: Database) -> None:
    dialog = _new_look_alike(qtbot, context, db)
    _answer_duplicate("keep")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    with db.reading() as session:
        assert company_query.count_companies(session) == 2


def test_merge_from_the_duplicate_warning(qtbot: QtBot, context: AppContext, db: Database) -> None:
    dialog = _new_look_alike(qtbot, context, db)
    dialog.set_field("phone", "0351 4567890")

    def merge_when_asked() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, MergeDialog):
            box.merge_button.click()
        else:
            QTimer.singleShot(20, merge_when_asked)

    _answer_duplicate("merge")
    QTimer.singleShot(50, merge_when_asked)
    dialog.buttons.accepted.emit()
    assert dialog.merged
    with db.reading() as session:
        rows = company_query.list_companies(session)
    assert [(r.name, r.phone) for r in rows] == [("Müller Maschinenbau GmbH", "+493514567890")]
