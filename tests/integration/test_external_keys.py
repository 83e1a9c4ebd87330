"""Another system's keys: stored with the record, and a re-import from it matches by them."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select

from prospector.db import Database
from prospector.exchange.tables import FileFormat, Table
from prospector.exchange.values import Cell
from prospector.models import Company, Contact
from prospector.services import importing
from prospector.services.import_mapping import guess_mapping
from prospector.services.import_plan import Action, OnDuplicate

HEADERS = ("Konto", "Firma", "PLZ", "Ort")


def _table(rows: Sequence[Sequence[Cell]], headers: Sequence[str] = HEADERS) -> Table:
    return Table(
        path=Path("debitoren.csv"),
        header_row_index=0,
        headers=tuple(headers),
        rows=[tuple(row) for row in rows],
        source_row_numbers=list(range(2, len(rows) + 2)),
        sheet=None,
        format=FileFormat.CSV,
    )


def _companies(db: Database) -> list[tuple[str, str | None, str | None, str | None]]:
    with db.reading() as session:
        rows = session.execute(
            select(Company.name, Company.city, Company.external_source, Company.external_ref)
            .where(Company.deleted_at.is_(None))
            .order_by(Company.name)
        )
        return [tuple(row) for row in rows]


def test_a_re_import_from_the_same_system_updates_by_its_key(db: Database) -> None:
    with db.reading() as session:
        assert guess_mapping(session, HEADERS)[0] == "external_id"
    first = [
        ("10001", "Müller Maschinenbau GmbH", "01069", "Dresden"),
        ("10002", "Alpha AG", "", ""),
    ]
    plan, _ = importing.preview_import(db, _table(first))
    assert plan.external_source == "Konto"
    importing.run_import(db, plan)
    assert _companies(db) == [
        ("Alpha AG", None, "Konto", "10002"),
        ("Müller Maschinenbau GmbH", "Dresden", "Konto", "10001"),
    ]
    # The other system renamed a company and moved another: the keys find them anyway.
    again = [
        ("10001", "Müller Maschinenbau GmbH & Co. KG", "01069", "Dresden"),
        ("10002", "Alpha AG", "04109", "Leipzig"),
    ]
    plan, forecast = importing.preview_import(db, _table(again))
    assert [(row.action, row.reason) for row in plan.rows] == [
        (Action.UPDATE, "external"),
        (Action.UPDATE, "external"),
    ]
    assert (forecast.new_companies, forecast.updated_companies) == (0, 2)
    importing.run_import(db, plan)
    assert _companies(db) == [
        ("Alpha AG", "Leipzig", "Konto", "10002"),
        ("Müller Maschinenbau GmbH & Co. KG", "Dresden", "Konto", "10001"),
    ]


def test_a_company_found_by_its_look_alike_takes_on_the_key(db: Database) -> None:
    headers = ("Firma", "PLZ", "Ort")
    importing.run_import(
        db, importing.preview_import(db, _table([("Beta GmbH", "80331", "München")], headers))[0]
    )
    plan, _forecast = importing.preview_import(
        db, _table([("777", "Beta GmbH", "80331", "München")])
    )
    assert plan.rows[0].action is Action.SKIP  # skipping look-alikes is the default
    plan, _ = importing.preview_import(
        db,
        _table([("777", "Beta GmbH", "80331", "München")]),
        on_duplicate=OnDuplicate.FILL,
    )
    assert plan.rows[0].action is Action.UPDATE  # nothing else, but the key is new
    importing.run_import(db, plan)
    assert _companies(db) == [("Beta GmbH", "München", "Konto", "777")]


def test_persons_of_a_mixed_sheet_keep_their_own_keys(db: Database) -> None:
    headers = ("Konto", "Name", "Ist ein Unternehmen", "Zugehöriges Unternehmen")
    rows = [
        ("K1", "Gamma GmbH", "ja", None),
        ("K2", "Eva Neu", "nein", "Gamma GmbH"),
    ]
    with db.reading() as session:
        mapping = guess_mapping(session, headers)
    assert mapping == ("external_id", "name", "is_company", "related_company")
    plan, forecast = importing.preview_import(db, _table(rows, headers), mapping=mapping)
    assert (forecast.new_companies, forecast.new_contacts) == (1, 1)
    importing.run_import(db, plan)
    with db.reading() as session:
        person = session.execute(
            select(Contact.first_name, Contact.last_name, Contact.external_ref, Company.name).join(
                Company, Company.id == Contact.company_id
            )
        ).one()
    assert tuple(person) == ("Eva", "Neu", "K2", "Gamma GmbH")
    assert _companies(db) == [("Gamma GmbH", None, "Konto", "K1")]
