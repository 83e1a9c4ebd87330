"""Qualifying a lead through the real checklist dialog, on both databases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factories
from helpers import click, when_modal
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import (
    CompanyStage,
    Criterion,
    CriterionStatus,
    DisqualifyReason,
    LeadStatus,
    OpportunityStage,
)
from prospector.models import Company, Contact, Opportunity
from prospector.qualification import CriterionState
from prospector.services import opportunities
from prospector.services.qualification import (
    QualificationInput,
    read_qualification,
    save_qualification,
)
from ui.context import AppContext
from ui.dialogs.qualification_dialog import QualificationDialog
from ui.pages.pipeline_page import PipelinePage
from ui.widgets.form import select_data


def _lead(db: Database) -> int:
    company = factories.company(db, "Kühn Maschinenbau GmbH")
    factories.contact(db, company.id, "Öztürk", first_name="Ayşe", job_title="Einkauf")
    return factories.contact(
        db, company.id, "Weiß", first_name="Jürgen", lead_status=LeadStatus.LEAD
    ).id


def _dialog(qtbot: QtBot, context: AppContext, contact_id: int) -> QualificationDialog:
    dialog = QualificationDialog(context, contact_id)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    dialog.show()
    return dialog


def _meet(dialog: QualificationDialog, criterion: Criterion, evidence: str) -> None:
    box = dialog.boxes[criterion]
    select_data(box.status, CriterionStatus.MET)
    box.evidence.setText(evidence)


def _status(db: Database, contact_id: int) -> LeadStatus:
    with db.reading() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        return contact.lead_status


def test_a_lead_qualified_in_the_dialog_becomes_an_opportunity_in_the_pipeline(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    contact_id = _lead(db)
    dialog = _dialog(qtbot, context, contact_id)
    assert dialog.heading.text() == "Jürgen Weiß \u2013 Kühn Maschinenbau GmbH"
    assert not dialog.open_button.isEnabled()
    assert dialog.open_button.toolTip() == (
        "Needs all four criteria met with evidence. Missing: Authority, Need, Budget, Timing."
    )
    _meet(dialog, Criterion.AUTHORITY, "Geschäftsführer, entscheidet allein")
    _meet(dialog, Criterion.NEED, "Stillstände an zwei Anlagen")
    _meet(dialog, Criterion.BUDGET, "Investitionsplan 2027")
    assert dialog.open_button.toolTip().endswith("Missing: Timing.")
    assert dialog.verdict_line.text() == "3 of 4 criteria met; still open: Timing."
    # A decision date inside the window meets timing, with the date as its evidence.
    dialog.decision_known.setChecked(True)
    dialog.decision_on.setDate(QDate.currentDate().addMonths(8))
    assert dialog.boxes[Criterion.TIMING].state().status is CriterionStatus.MET
    assert dialog.timing_hint.text() == "Inside the usual 6\u201312 months: timing is met."
    assert dialog.open_button.isEnabled()
    # The colleague who also decides, picked from the company's people.
    colleague = dialog.others.item(0)
    assert colleague.text() == "Ayşe Öztürk (Einkauf)"
    colleague.setCheckState(Qt.CheckState.Checked)

    def fill(widget: QWidget) -> None:
        title = widget.findChild(QLineEdit, "opportunityTitle")
        value = widget.findChild(QDoubleSpinBox, "opportunityValue")
        assert title is not None
        assert value is not None
        assert title.text() == "Offer for Kühn Maschinenbau GmbH"
        title.setText("Wartungsvertrag 2027")
        value.setValue(24000)
        click("ok")(widget)

    when_modal(fill)
    dialog.open_button.click()
    assert not dialog.isVisible()
    assert dialog.saved
    assert _status(db, contact_id) is LeadStatus.OPPORTUNITY
    with db.reading() as session:
        board = opportunities.pipeline(session)
        stored = read_qualification(session, contact_id)
        company = session.scalar(select(Company).where(Company.name.like("Kühn%")))
        assert company is not None
        assert company.stage is CompanyStage.OPPORTUNITY
    offer = board.column(OpportunityStage.OFFER)
    assert [(r.title, r.value_eur, r.contact) for r in offer.rows] == [
        ("Wartungsvertrag 2027", Decimal("24000.00"), "Jürgen Weiß")
    ]
    assert stored.authority_others != ()
    assert stored.criteria[Criterion.AUTHORITY].evidence == "Geschäftsführer, entscheidet allein"
    # And the pipeline page shows the new deal as the first card of its first column.
    page = PipelinePage(context)
    qtbot.addWidget(page)
    page.show()
    card = str(page.columns[OpportunityStage.OFFER].model.index(0, 0).data())
    assert card.startswith("Wartungsvertrag 2027\nKühn Maschinenbau GmbH")


def test_met_without_evidence_is_shown_beside_the_criterion(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    contact_id = _lead(db)
    dialog = _dialog(qtbot, context, contact_id)
    select_data(dialog.boxes[Criterion.BUDGET].status, CriterionStatus.MET)
    dialog.save_button.click()
    assert dialog.isVisible()
    problem = dialog.findChild(QWidget, "problem_budget")
    assert problem is not None
    assert problem.isVisible()
    assert "evidence" in problem.text()  # type: ignore[attr-defined]
    with db.reading() as session:
        assert read_qualification(session, contact_id).version is None


def test_a_decision_beyond_the_window_sends_the_lead_to_nurturing_with_its_date(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    contact_id = _lead(db)
    dialog = _dialog(qtbot, context, contact_id)
    decision = dt.date.today().replace(day=1) + dt.timedelta(days=600)
    dialog.decision_known.setChecked(True)
    dialog.decision_on.setDate(QDate(decision.year, decision.month, decision.day))
    assert dialog.boxes[Criterion.TIMING].state().status is CriterionStatus.NOT_MET
    assert dialog.timing_hint.text().startswith("Later than the usual 6\u201312 months")
    dialog.boxes[Criterion.TIMING].evidence.setText("Budget erst im Folgejahr")
    seen_date: list[QDate] = []

    def confirm(widget: QWidget) -> None:
        date = widget.findChild(QDateEdit, "requalifyOn")
        assert date is not None
        seen_date.append(date.date())
        click("ok")(widget)

    when_modal(confirm)
    dialog.nurture_button.click()
    assert not dialog.isVisible()
    with db.reading() as session:
        stored = read_qualification(session, contact_id)
    assert stored.lead_status is LeadStatus.NURTURING
    assert stored.decision_expected_on == decision
    # Qualified again when the decision enters the twelve months.
    expected = seen_date[0].toPython()
    assert stored.requalify_on == expected
    assert dt.date.today() < expected <= decision
    assert stored.criteria[Criterion.TIMING].status is CriterionStatus.NOT_MET


def test_a_conflict_is_refused_and_nothing_typed_is_lost(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    contact_id = _lead(db)
    dialog = _dialog(qtbot, context, contact_id)
    # A colleague on the shared database qualifies the same lead meanwhile.
    with db.reading() as session:
        theirs = read_qualification(session, contact_id)
    save_qualification(
        db,
        QualificationInput(
            contact_id,
            {Criterion.NEED: CriterionState(CriterionStatus.MET, "Kollege: Bedarf bestätigt")},
            version=theirs.version,
            status_read=theirs.lead_status,
        ),
    )
    _meet(dialog, Criterion.AUTHORITY, "Inhaber")
    dialog.budget_period.setText("2027")
    seen = when_modal(click("keepEditing"))
    dialog.save_button.click()
    assert seen == [
        "The lead \u201cJürgen Weiß\u201d was changed by someone else since you opened it. "
        "Reload it to see the changes."
    ]
    assert dialog.isVisible()
    assert dialog.boxes[Criterion.AUTHORITY].evidence.text() == "Inhaber"
    assert dialog.budget_period.text() == "2027"
    with db.reading() as session:
        stored = read_qualification(session, contact_id)
    assert stored.criteria[Criterion.NEED].evidence == "Kollege: Bedarf bestätigt"
    assert stored.criteria[Criterion.AUTHORITY].status is CriterionStatus.OPEN
    # Saved over theirs on purpose: the typed values win, the colleague's change stays in
    # the history.
    when_modal(click("saveMine"))
    dialog.save_button.click()
    assert not dialog.isVisible()
    with db.reading() as session:
        stored = read_qualification(session, contact_id)
    assert stored.criteria[Criterion.AUTHORITY].evidence == "Inhaber"
    assert stored.budget_period == "2027"
    assert ("need", "met") in {(e.subject, e.new_value) for e in stored.history}


def test_disqualifying_asks_for_a_reason(qtbot: QtBot, context: AppContext, db: Database) -> None:
    contact_id = _lead(db)
    dialog = _dialog(qtbot, context, contact_id)

    def without_then_with_reason(widget: QWidget) -> None:
        click("ok")(widget)
        assert widget.isVisible()  # refused: no reason chosen
        combo = widget.findChild(QComboBox, "disqualifyReason")
        assert combo is not None
        select_data(combo, DisqualifyReason.COMPETITOR)
        click("ok")(widget)

    when_modal(without_then_with_reason)
    dialog.disqualify_button.click()
    assert _status(db, contact_id) is LeadStatus.DISQUALIFIED
    with db.reading() as session:
        assert read_qualification(session, contact_id).disqualify_reason is (
            DisqualifyReason.COMPETITOR
        )


def test_the_checklist_can_be_filled_by_keyboard_alone(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    contact_id = _lead(db)
    dialog = _dialog(qtbot, context, contact_id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for key, criterion in (
        (Qt.Key.Key_A, Criterion.AUTHORITY),
        (Qt.Key.Key_N, Criterion.NEED),
        (Qt.Key.Key_U, Criterion.BUDGET),
        (Qt.Key.Key_T, Criterion.TIMING),
    ):
        qtbot.keyClick(dialog, key, Qt.KeyboardModifier.AltModifier)
        assert QApplication.focusWidget() is dialog.boxes[criterion].status
    # Down picks "Met"; Tab goes on to the evidence.
    box = dialog.boxes[Criterion.AUTHORITY]
    box.status.setFocus()
    qtbot.keyClick(box.status, Qt.Key.Key_Down)
    qtbot.keyClick(box.status, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is box.evidence
    qtbot.keyClicks(box.evidence, "Inhaber")
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    with db.reading() as session:
        stored = read_qualification(session, contact_id)
    assert stored.criteria[Criterion.AUTHORITY].status is CriterionStatus.MET
    assert stored.lead_status is LeadStatus.QUALIFYING


def test_closing_with_edits_asks_first(qtbot: QtBot, context: AppContext, db: Database) -> None:
    contact_id = _lead(db)
    dialog = _dialog(qtbot, context, contact_id)
    dialog.budget_period.setText("2028")

    def cancel(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        widget.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(cancel)
    dialog.reject()
    assert dialog.isVisible()
    assert dialog.budget_period.text() == "2028"
    with db.reading() as session:
        assert session.scalar(select(Opportunity.id)) is None


def test_the_company_form_and_the_persons_form_open_the_checklist(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from ui.dialogs.company_dialog import CompanyDialog
    from ui.dialogs.contact_dialog import ContactDialog

    contact_id = _lead(db)
    with db.reading() as session:
        company_id = session.scalar(select(Contact.company_id).where(Contact.id == contact_id))
    assert company_id is not None
    company = CompanyDialog(context, company_id)
    qtbot.addWidget(company, before_close_func=lambda widget: widget.done(0))
    company.show()
    assert not company.qualify_contact_button.isEnabled()
    row = next(
        r
        for r in range(company.contacts_model.rowCount())
        if company.contacts_model.row_at(r).id == contact_id  # type: ignore[union-attr]
    )
    company.contacts_view.selectRow(row)
    assert company.qualify_contact_button.isEnabled()

    def disqualify(widget: QWidget) -> None:
        assert isinstance(widget, QualificationDialog)
        assert widget.heading.text().startswith("Jürgen Weiß")
        when_modal(without_reason_then_competitor)
        widget.disqualify_button.click()

    def without_reason_then_competitor(widget: QWidget) -> None:
        combo = widget.findChild(QComboBox, "disqualifyReason")
        assert combo is not None
        select_data(combo, DisqualifyReason.COMPETITOR)
        click("ok")(widget)

    when_modal(disqualify)
    company.qualify_contact_button.click()
    # The form shows the company's new stage, and can be saved without a conflict.
    assert company.stage.currentData() == CompanyStage.EXCLUDED.value
    assert not company.is_modified()

    person = ContactDialog(context, company_id, contact_id)
    qtbot.addWidget(person, before_close_func=lambda widget: widget.done(0))
    person.show()
    assert person.qualify_button.isEnabled()
    assert person.combos["lead_status"].currentData() == LeadStatus.DISQUALIFIED.value

    def take_up_again(widget: QWidget) -> None:
        assert isinstance(widget, QualificationDialog)
        widget.reopen_button.click()
        widget.done(0)

    when_modal(take_up_again)
    person.qualify_button.click()
    assert person.combos["lead_status"].currentData() == LeadStatus.LEAD.value
    assert not person.is_modified()
