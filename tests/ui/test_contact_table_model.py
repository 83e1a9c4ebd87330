"""The contact table model: what each column shows, and Qt's model contract."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from pytestqt.modeltest import ModelTester

from prospector.enums import DecisionRole, LeadStatus
from prospector.records import ContactRecord
from ui.itemmodels.contact_table_model import DO_NOT_CONTACT_COLUMN, ContactTableModel

SCHMIDT = ContactRecord(
    id=7,
    company_id=1,
    last_name="Schmidt",
    first_name="Anna",
    academic_title="Dr.",
    job_title="Leiterin Einkauf",
    phone="+493514567890",
    email="a.schmidt@mueller-mb.de",
    decision_role=DecisionRole.DECISION_MAKER,
    lead_status=LeadStatus.LEAD,
)
BECKER = ContactRecord(
    id=8,
    company_id=1,
    last_name="Becker",
    mobile="+491712345678",
    do_not_contact=True,
    do_not_contact_since=dt.date(2024, 5, 2),
    do_not_contact_reason="Per E-Mail widersprochen",
)


def _row(model: ContactTableModel, row: int) -> list[object]:
    return [model.index(row, column).data() for column in range(model.columnCount())]


def test_model_contract_on_an_empty_and_a_filled_model(qtmodeltester: ModelTester) -> None:
    model = ContactTableModel()
    qtmodeltester.check(model)
    model.set_rows([SCHMIDT, BECKER])
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_columns_show_what_the_user_reads(qapp: object) -> None:
    model = ContactTableModel()
    model.set_rows([SCHMIDT, BECKER])
    headers = [
        model.headerData(column, Qt.Orientation.Horizontal) for column in range(model.columnCount())
    ]
    assert headers == [
        "Name",
        "Job title",
        "Phone",
        "E-mail",
        "Decision role",
        "Lead status",
        "Do not contact",
    ]
    assert _row(model, 0) == [
        "Dr. Anna Schmidt",
        "Leiterin Einkauf",
        "0351 4567890",
        "a.schmidt@mueller-mb.de",
        "Decision maker",
        "Lead",
        None,
    ]
    # Without a landline the mobile is shown; the objection is marked in red with its reason.
    assert _row(model, 1) == [
        "Becker",
        None,
        "0171 2345678",
        None,
        "Unknown",
        "Contact",
        "Yes",
    ]
    marker = model.index(1, DO_NOT_CONTACT_COLUMN)
    tooltip = marker.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip.startswith("Objected to being contacted on ")
    assert tooltip.endswith("\nPer E-Mail widersprochen")
    assert isinstance(marker.data(Qt.ItemDataRole.ForegroundRole), QBrush)
    assert model.index(0, DO_NOT_CONTACT_COLUMN).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(1, 0).data(Qt.ItemDataRole.UserRole) == BECKER.id
    assert model.row_at(0) is SCHMIDT
