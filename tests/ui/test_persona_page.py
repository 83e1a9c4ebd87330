"""The personas page: a persona typed in and saved, contacts matched to it and confirmed."""

from __future__ import annotations

import factories
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import DecisionRole
from prospector.models import Contact
from prospector.services import personas
from prospector.services.personas import PersonaRecord
from ui.context import AppContext
from ui.dialogs.persona_match_dialog import PersonaMatchDialog
from ui.pages.persona_page import PersonaPage


@pytest.fixture
def page(qtbot: QtBot, context: AppContext) -> PersonaPage:
    widget = PersonaPage(context)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_persona_is_typed_in_and_saved_with_ctrl_s(
    qtbot: QtBot, page: PersonaPage, db: Database
) -> None:
    assert page.save_button.isEnabled()  # a first, unsaved persona waits to be named
    page.name.setText("Einkauf")
    page.titles.setPlainText("Einkaufsleiter\nLeiter Einkauf\nHead of Procurement")
    page.keywords.setPlainText("Beschaffung; Procurement")
    page.decision_role.setCurrentIndex(page.decision_role.findData("decision_maker"))
    page.budget_authority.setChecked(True)
    page.talking_points.setPlainText("Lieferzeiten halbieren")
    qtbot.keyClick(page.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    with db.reading() as session:
        (stored,) = personas.list_personas(session)
    assert stored.name == "Einkauf"
    assert stored.titles == ("Einkaufsleiter", "Leiter Einkauf", "Head of Procurement")
    assert stored.keywords == ("Beschaffung", "Procurement")
    assert stored.decision_role is DecisionRole.DECISION_MAKER
    assert stored.budget_authority
    assert stored.talking_points == "Lieferzeiten halbieren"
    assert [page.list.item(i).text() for i in range(page.list.count())] == ["Einkauf"]
    assert not page.save_button.isEnabled()


def test_matching_suggests_and_assigns_only_what_the_user_ticked(
    qtbot: QtBot, context: AppContext, db: Database, qtmodeltester: object
) -> None:
    company = factories.company(db, "Muster GmbH").id
    with db.writing() as session:
        meier = factories.contact(session, company, "Meier", job_title="Leiterin Einkauf").id
        wolf = factories.contact(session, company, "Wolf", job_title="Einkaufsassistentin").id
        factories.contact(session, company, "Krause", job_title="Buchhaltung")
    buyer = personas.save_persona(
        db, PersonaRecord("Einkauf", titles=("Leiter Einkauf",), keywords=("Einkauf",))
    ).value

    dialog = PersonaMatchDialog(context)
    qtbot.addWidget(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    qtmodeltester.check(dialog.model)  # type: ignore[attr-defined]
    rows = {dialog.model.row_at(r).contact_name: r for r in range(2)}
    ticked = {
        name: dialog.model.index(row, 0).data(Qt.ItemDataRole.CheckStateRole)
        for name, row in rows.items()
    }
    assert ticked == {"Meier": Qt.CheckState.Checked, "Wolf": Qt.CheckState.Unchecked}
    assert dialog.summary.text().startswith("2 contacts without a persona fit one")
    assert dialog.model.index(rows["Meier"], 3).data() == "Einkauf"
    dialog.accept()

    assert dialog.assigned == 1
    with db.reading() as session:
        assigned = dict(session.execute(select(Contact.id, Contact.persona_id)).all())
    assert assigned[meier] == buyer.id
    assert assigned[wolf] is None


def test_the_page_opens_the_matching_and_reports_nothing_to_match(
    qtbot: QtBot, page: PersonaPage, db: Database
) -> None:
    personas.save_persona(db, PersonaRecord("Technik", titles=("Technischer Leiter",)))
    page.reload()
    assert page.match_button.isEnabled()
    seen: list[str] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PersonaMatchDialog) or dialog._job.busy:
            QTimer.singleShot(20, look)
            return
        seen.append(dialog.summary.text())
        dialog.reject()

    QTimer.singleShot(0, look)
    page.match_contacts()
    assert seen == [
        "No contact without a persona has a job title that fits one. Add titles or keywords "
        "to the personas and try again."
    ]


def test_the_contact_form_chooses_a_persona_by_hand(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from ui.dialogs.contact_dialog import ContactDialog

    company = factories.company(db, "Muster GmbH").id
    person = factories.contact(db, company, "Meier", job_title="Prokuristin").id
    buyer = personas.save_persona(db, PersonaRecord("Einkauf")).value
    personas.save_persona(db, PersonaRecord("Technik"))
    dialog = ContactDialog(context, company, person)
    qtbot.addWidget(dialog)
    combo = dialog.combos["persona_id"]
    assert [combo.itemText(i) for i in range(combo.count())] == ["\u2014", "Einkauf", "Technik"]
    assert combo.currentData() is None
    combo.setCurrentIndex(combo.findData(buyer.id))
    dialog.accept()
    with db.reading() as session:
        assert session.get_one(Contact, person).persona_id == buyer.id
    again = ContactDialog(context, company, person)
    qtbot.addWidget(again)
    assert again.combos["persona_id"].currentText() == "Einkauf"
