"""Export, edit in a spreadsheet, import again: exactly the edited fields change."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl

from prospector.db import Database
from prospector.exchange.export import export_companies
from prospector.exchange.importer import OnDuplicate, guess_mapping, plan_import, run_import
from prospector.exchange.readers import read_table
from prospector.services import companies, company_query
from prospector.services.sample import load_sample_data


def _snapshot(db: Database) -> dict[int, dict[str, object]]:
    with db.reading() as session:
        rows = company_query.list_companies(session, limit=10_000)
        records = [companies.get_company(session, row.id) for row in rows]
    ignore = {"version", "updated_at", "created_at", "size_class"}  # size class is derived
    return {
        r.id: {k: v for k, v in dataclasses.asdict(r).items() if k not in ignore} for r in records
    }


def test_round_trip_changes_exactly_the_edited_cells(db: Database, tmp_path: Path) -> None:
    with db.writing() as session:
        load_sample_data(session)
    before = _snapshot(db)
    target = tmp_path / "export.xlsx"
    with db.reading() as session:
        export_companies(session, target)

    workbook = openpyxl.load_workbook(target)
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

    table = read_table(target, "Unternehmen")
    with db.writing() as session:
        mapping = guess_mapping(session, table.headers)
        plan = plan_import(
            session,
            file_name=target.name,
            sheet=table.sheet,
            headers=table.headers,
            rows=table.rows,
            line_numbers=table.source_row_numbers,
            mapping=mapping,
            on_duplicate=OnDuplicate.FILL,
        )
        summary = run_import(session, plan, table.rows, headers=table.headers)
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
