"""Export, edit in a spreadsheet, import again: exactly the edited fields change."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import openpyxl
from sqlalchemy import select

from prospector.db import Database
from prospector.exchange.readers import read_table
from prospector.models import Contact
from prospector.records import CONTACT_INPUT_FIELDS
from prospector.services import companies, company_query, importing
from prospector.services.exporting import export_companies
from prospector.services.import_history import check_undo, undo_import
from prospector.services.import_plan import OnDuplicate
from prospector.services.sample import load_sample_data


def _snapshot(db: Database) -> dict[int, dict[str, object]]:
    with db.reading() as session:
        rows = company_query.list_companies(session, limit=10_000)
        records = [companies.get_company(session, row.id) for row in rows]
    ignore = {"version", "updated_at", "created_at", "size_class"}  # size class is derived
    return {
        r.id: {k: v for k, v in dataclasses.asdict(r).items() if k not in ignore} for r in records
    }


def _exported(db: Database, target: Path) -> openpyxl.Workbook:
    """Everything exported to `target`, opened as Excel would open it for editing."""
    export_companies(db, target)
    return openpyxl.load_workbook(target)


def _people(db: Database) -> dict[int, dict[str, object]]:
    with db.reading() as session:
        rows = session.scalars(select(Contact).where(Contact.deleted_at.is_(None))).all()
        return {c.id: {name: getattr(c, name) for name in CONTACT_INPUT_FIELDS} for c in rows}


def _reimport(db: Database, target: Path, sheet: str):  # type: ignore[no-untyped-def]
    """What the window and the command line do: plan with the guessed mapping, then run."""
    plan, _forecast = importing.preview_import(
        db, read_table(target, sheet), on_duplicate=OnDuplicate.FILL
    )
    return importing.run_import(db, plan).value


def test_round_trip_changes_exactly_the_edited_cells(db: Database, tmp_path: Path) -> None:
    load_sample_data(db)
    before = _snapshot(db)
    target = tmp_path / "export.xlsx"
    workbook = _exported(db, target)
    sheet = workbook["Unternehmen"]
    headers = [cell.value for cell in sheet[1]]
    column = {name: headers.index(name) + 1 for name in ("ID", "Ort", "Telefon", "Mitarbeiter")}
    first_id = int(sheet.cell(row=2, column=column["ID"]).value)
    second_id = int(sheet.cell(row=3, column=column["ID"]).value)
    sheet.cell(row=2, column=column["Ort"]).value = "Neustadt"
    sheet.cell(row=3, column=column["Telefon"]).value = "0351 4567890"
    sheet.cell(row=3, column=column["Mitarbeiter"]).value = 77
    workbook.save(target)
    workbook.close()

    summary = _reimport(db, target, "Unternehmen")
    after = _snapshot(db)

    assert (summary.new_companies, summary.errors) == (0, 0)
    assert summary.updated_companies == 2
    changed = {
        (ident, field)
        for ident in before
        for field in before[ident]
        if before[ident][field] != after[ident][field]
    }
    assert changed == {(first_id, "city"), (second_id, "phone"), (second_id, "employees")}
    assert after[first_id]["city"] == "Neustadt"
    assert after[second_id]["phone"] == "+493514567890"
    assert after[second_id]["employees"] == 77


def test_round_trip_of_the_contacts_sheet_and_its_undo(db: Database, tmp_path: Path) -> None:
    load_sample_data(db)
    before = _people(db)
    target = tmp_path / "export.xlsx"
    workbook = _exported(db, target)
    sheet = workbook["Ansprechpartner"]
    headers = [cell.value for cell in sheet[1]]
    column = {
        name: headers.index(name) + 1
        for name in ("Ansprechpartner-ID", "Position", "Kein Kontakt", "Widerspruch am")
    }
    free = [
        row
        for row in range(2, sheet.max_row + 1)
        if sheet.cell(row=row, column=column["Kein Kontakt"]).value is None
    ]
    first, second = free[0], free[1]
    first_id = int(sheet.cell(row=first, column=column["Ansprechpartner-ID"]).value)
    second_id = int(sheet.cell(row=second, column=column["Ansprechpartner-ID"]).value)
    sheet.cell(row=first, column=column["Position"]).value = "Leiterin Einkauf"
    sheet.cell(row=second, column=column["Kein Kontakt"]).value = "ja"
    workbook.save(target)
    workbook.close()

    summary = _reimport(db, target, "Ansprechpartner")
    after = _people(db)
    assert (summary.new_companies, summary.new_contacts, summary.errors) == (0, 0, 0)
    assert (summary.updated_companies, summary.updated_contacts) == (0, 2)
    changed = {
        (ident, field)
        for ident in before
        for field in before[ident]
        if before[ident][field] != after[ident][field]
    }
    assert changed == {
        (first_id, "job_title"),
        (second_id, "do_not_contact"),
        (second_id, "do_not_contact_since"),
    }
    assert after[first_id]["job_title"] == "Leiterin Einkauf"
    assert after[second_id]["do_not_contact"] is True
    assert after[second_id]["do_not_contact_since"] == dt.date.today()

    with db.reading() as session:
        check = check_undo(session, summary.batch_id)
    assert (check.updated_companies, check.updated_contacts, check.edited_since) == (0, 2, ())
    undo_import(db, summary.batch_id)
    assert _people(db) == before


def test_an_objection_is_exported_and_an_unknown_person_id_refused(
    db: Database, tmp_path: Path
) -> None:
    load_sample_data(db)
    with db.writing() as session:
        objected = session.scalars(select(Contact).order_by(Contact.id)).first()
        assert objected is not None
        objected.do_not_contact = True
        objected.do_not_contact_since = dt.date(2025, 3, 14)
        objected_id = objected.id
    target = tmp_path / "export.xlsx"
    workbook = _exported(db, target)
    sheet = workbook["Ansprechpartner"]
    headers = [cell.value for cell in sheet[1]]
    ids = [sheet.cell(row=r, column=2).value for r in range(1, sheet.max_row + 1)]
    row = ids.index(objected_id) + 1
    flag = sheet.cell(row=row, column=headers.index("Kein Kontakt") + 1)
    since = sheet.cell(row=row, column=headers.index("Widerspruch am") + 1)
    assert flag.value == "ja"
    assert since.value == dt.datetime(2025, 3, 14)  # a date cell, shown as 14.03.2025
    assert since.number_format == "DD.MM.YYYY"
    sheet.cell(row=row, column=2).value = 999_999  # a person ID that does not exist
    workbook.save(target)
    workbook.close()
    summary = _reimport(db, target, "Ansprechpartner")
    assert summary.errors == 1
    assert summary.rejected[0].reasons[0].code == "unknown_person_id"
    assert summary.updated_contacts == 0
