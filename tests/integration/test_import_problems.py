"""Rows with problems are imported with notes (or left out when asked); counts are real."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import factories
import pytest

from prospector import i18n
from prospector.db import Database
from prospector.exchange.tables import FileFormat, Table
from prospector.exchange.values import Cell
from prospector.services import companies, company_query, contacts, importing
from prospector.services.import_history import undo_import
from prospector.services.import_plan import Action, OnProblem

HEADERS = ("Firma", "PLZ", "Ort", "Telefon", "Ansprechpartner", "Mobil")
ROWS: list[tuple[Cell, ...]] = [
    ("Müller Maschinenbau GmbH", "01069", "Dresden", "0351 4567890", "Max Müller", None),
    ("Bäckerei Groß", "04109", "Leipzig", "0341 12", "Eva Weiß", "0176 164321545"),
    (None, "04229", "Leipzig", "0341 4711", None, None),
]


@pytest.fixture(autouse=True)
def _german() -> None:
    i18n.set_language("de")
    yield
    i18n.set_language("en")


def _table(rows: Sequence[Sequence[Cell]], headers: Sequence[str] = HEADERS) -> Table:
    return Table(
        path=Path("kunden.xlsx"),
        header_row_index=0,
        headers=tuple(headers),
        rows=[tuple(row) for row in rows],
        source_row_numbers=list(range(2, len(rows) + 2)),
        sheet="Tabelle1",
        format=FileFormat.XLSX,
    )


def _company(db: Database, name: str):  # type: ignore[no-untyped-def]
    with db.reading() as session:
        row = next(r for r in company_query.list_companies(session) if r.name == name)
        return companies.get_company(session, row.id), contacts.list_contacts(session, row.id)


def test_a_bad_field_costs_the_field_and_the_notes_keep_its_value(db: Database) -> None:
    plan, forecast = importing.preview_import(db, _table(ROWS))
    assert [row.action for row in plan.rows] == [Action.NEW, Action.NEW, Action.ERROR]
    assert (forecast.imported, forecast.warned, forecast.skipped_rows, forecast.errors) == (
        2,
        1,
        0,
        1,
    )
    assert [(r.example.field, r.example.code, r.rows) for r in forecast.warnings] == [
        ("phone", "phone_invalid", 1),
        ("mobile", "phone_invalid", 1),
    ]
    assert [(r.example.code, r.rows) for r in forecast.refusals] == [("no_identity", 1)]

    summary = importing.run_import(db, plan).value
    assert (summary.new_companies, summary.new_contacts, summary.imported, summary.warned) == (
        2,
        2,
        2,
        1,
    )
    company, people = _company(db, "Bäckerei Groß")
    today = dt.date.today().strftime("%d.%m.%Y")
    assert company.phone is None
    assert company.notes == (
        f"Import aus kunden.xlsx, Zeile 3 ({today}): "
        "Telefon: \u201e0341 12\u201c ist keine gültige Telefonnummer."
    )
    (person,) = people
    assert person.mobile is None
    assert person.notes == (
        f"Import aus kunden.xlsx, Zeile 3 ({today}): "
        "Mobil: \u201e0176 164321545\u201c ist keine gültige Telefonnummer."
    )


def test_rows_with_problems_can_be_left_out(db: Database) -> None:
    plan, forecast = importing.preview_import(db, _table(ROWS), on_problem=OnProblem.SKIP)
    assert [row.action for row in plan.rows] == [Action.NEW, Action.ERROR, Action.ERROR]
    assert (forecast.imported, forecast.warned, forecast.errors) == (1, 0, 2)
    importing.run_import(db, plan)
    with db.reading() as session:
        assert [r.name for r in company_query.list_companies(session)] == [
            "Müller Maschinenbau GmbH"
        ]


def test_a_note_added_to_a_stored_company_is_taken_back_by_undo(db: Database) -> None:
    stored = factories.company(db, "Alpha GmbH", postcode="01067", notes="Kunde seit 2019")
    headers = ("ID", "Firma", "PLZ", "Telefon")
    plan, forecast = importing.preview_import(
        db, _table([(stored.id, "Alpha GmbH", "01067", "0351 12")], headers)
    )
    assert plan.rows[0].action is Action.UPDATE  # only the note changes, and it is a change
    assert forecast.updated_companies == 1
    summary = importing.run_import(db, plan).value
    company, _ = _company(db, "Alpha GmbH")
    assert company.notes is not None
    assert company.notes.startswith("Kunde seit 2019\nImport aus kunden.xlsx, Zeile 2 (")
    assert summary.batch_id is not None
    undo_import(db, summary.batch_id)
    company, _ = _company(db, "Alpha GmbH")
    assert company.notes == "Kunde seit 2019"


def test_the_preview_counts_only_real_changes(db: Database) -> None:
    mueller = factories.company(db, "Müller Maschinenbau GmbH", postcode="01069", city="Dresden")
    alpha = factories.company(db, "Alpha GmbH", postcode="01067", city="Dresden")
    factories.contact(db, mueller.id, "Müller", first_name="Max")
    headers = ("ID", "Firma", "PLZ", "Ort", "Ansprechpartner")
    rows = [
        (mueller.id, "Müller Maschinenbau GmbH", "01069", "Dresden", "Max Müller"),  # as stored
        (alpha.id, "Alpha GmbH", "01067", "Radebeul", None),  # one cell edited
    ]
    plan, forecast = importing.preview_import(db, _table(rows, headers))
    assert [(row.action, row.unchanged) for row in plan.rows] == [
        (Action.SKIP, True),
        (Action.UPDATE, False),
    ]
    assert plan.rows[0].person_known
    assert (forecast.updated_companies, forecast.new_contacts, forecast.imported) == (1, 0, 1)
    summary = importing.run_import(db, plan).value
    assert (summary.updated_companies, summary.new_contacts) == (1, 0)
    company, _ = _company(db, "Alpha GmbH")
    assert company.city == "Radebeul"
