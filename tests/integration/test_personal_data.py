"""A person's data: all of it in one export (Art. 15), and erasure that an import respects
(Art. 17)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy import func, select

from prospector.cli import summary_text
from prospector.db import Database
from prospector.enums import ActivityKind, ConsentChannel, ConsentMethod, LegalBasis
from prospector.exchange.readers import read_table
from prospector.models import (
    Activity,
    Company,
    Contact,
    ImportChange,
    LeadEvent,
    Qualification,
    Suppression,
)
from prospector.services import consents, importing
from prospector.services.consents import ConsentInput
from prospector.services.personal_data import erase_person, export_person

LIST = (
    "Firma;PLZ;Ort;Vorname;Nachname;E-Mail;Durchwahl;Rechtsgrundlage;Datenquelle\n"
    "Müller Maschinenbau GmbH;01069;Dresden;Anna;Schmidt;anna.schmidt@mueller-mb.de;"
    "0351 4567890;Berechtigtes Interesse;Messe Leipzig 2026\n"
)
ALONE = "Vorname;Nachname;E-Mail\nAnna;Schmidt;Anna.Schmidt@mueller-mb.de\n"


def _import(db: Database, path: Path, text: str) -> importing.ImportSummary:
    path.write_text(text, encoding="utf-8")
    plan, _ = importing.preview_import(db, read_table(path))
    return importing.run_import(db, plan).value


def _count(db: Database, model: type) -> int:
    with db.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _anna(db: Database) -> int:
    with db.reading() as session:
        return session.scalars(select(Contact.id)).one()


def _with_history(db: Database, contact_id: int) -> None:
    with db.writing() as session:
        company_id = session.scalars(select(Contact.company_id)).one()
        for kind, subject in ((ActivityKind.CALL, "Erstgespräch"), (ActivityKind.EMAIL, "Angebot")):
            session.add(
                Activity(company_id=company_id, contact_id=contact_id, kind=kind, subject=subject)
            )
        session.add(Qualification(contact_id=contact_id, need_note="Neue Fräsen ab Q3"))
        session.add(
            LeadEvent(
                contact_id=contact_id,
                subject="status",
                old_value="lead",
                new_value="nurturing",
                note="Budget erst 2027",
            )
        )


def test_the_export_of_a_person_holds_every_field_activity_and_the_source(
    db: Database, tmp_path: Path
) -> None:
    _import(db, tmp_path / "messe.csv", LIST)
    anna = _anna(db)
    _with_history(db, anna)
    consents.add_consent(
        db,
        anna,
        ConsentInput(ConsentChannel.EMAIL, ConsentMethod.WEB_FORM, dt.date(2026, 11, 2)),
    )
    target = export_person(db, anna, tmp_path / "auskunft.json")
    data = json.loads(target.read_text(encoding="utf-8"))

    person = data["person"]
    assert set(person) == {column.key for column in Contact.__table__.columns}
    assert person["email"] == "anna.schmidt@mueller-mb.de"
    assert person["phone"] == "+493514567890"
    assert person["legal_basis"] == LegalBasis.LEGITIMATE_INTEREST.value
    assert person["data_source"] == "Messe Leipzig 2026"
    assert data["company"]["name"] == "Müller Maschinenbau GmbH"
    assert set(data["company"]) == {column.key for column in Company.__table__.columns}
    assert [a["subject"] for a in data["activities"]] == ["Erstgespräch", "Angebot"]
    assert set(data["activities"][0]) == {column.key for column in Activity.__table__.columns}
    assert data["qualification"]["need_note"] == "Neue Fräsen ab Q3"
    assert [(e["new_value"], e["note"]) for e in data["lead_history"]] == [
        ("nurturing", "Budget erst 2027")
    ]
    assert data["import"]["file_name"] == "messe.csv"
    assert [(c["channel"], c["given_on"]) for c in data["consents"]] == [("email", "2026-11-02")]
    assert list(tmp_path.glob(".*.part")) == []


def test_erasure_leaves_only_hashes_and_the_company(db: Database, tmp_path: Path) -> None:
    _import(db, tmp_path / "messe.csv", LIST)
    anna = _anna(db)
    _with_history(db, anna)
    erased = erase_person(db, anna).value
    assert (erased.activities, erased.suppressed) == (2, 2)  # the e-mail and the phone
    assert _count(db, Contact) == 0
    assert _count(db, Activity) == 0
    assert _count(db, Qualification) == 0
    assert _count(db, LeadEvent) == 0
    with db.reading() as session:
        assert session.scalar(select(func.count()).where(ImportChange.entity == "contact")) == 0
        firm = session.scalars(select(Company)).one()  # the company stays
        assert "schmidt" not in firm.search_text
        digests = list(session.scalars(select(Suppression.digest)))
    assert len(digests) == 2
    for digest in digests:
        assert "anna" not in digest
        assert "4567890" not in digest


def test_an_erased_person_is_not_imported_again_and_the_summary_says_so(
    db: Database, tmp_path: Path
) -> None:
    _import(db, tmp_path / "messe.csv", LIST)
    erase_person(db, _anna(db))

    again = _import(db, tmp_path / "messe-nochmal.csv", LIST)
    assert _count(db, Contact) == 0
    assert (again.imported, again.errors) == (0, 1)
    assert [r.example.code for r in again.refusals] == ["erased_person"]

    alone = _import(db, tmp_path / "adressbuch.csv", ALONE)  # the address in other capitals
    assert _count(db, Contact) == 0
    assert alone.imported == 0
    assert [r.example.code for r in alone.refusals] == ["erased_person"]
    text = summary_text(alone, "adressbuch.csv")
    assert "erased at their request" in text


def test_others_with_the_same_company_are_imported_as_ever(db: Database, tmp_path: Path) -> None:
    _import(db, tmp_path / "messe.csv", LIST)
    erase_person(db, _anna(db))
    colleague = LIST.replace("Anna;Schmidt;anna.schmidt", "Jörg;Weber;joerg.weber").replace(
        "0351 4567890", "0351 4567891"
    )
    summary = _import(db, tmp_path / "kollege.csv", colleague)
    assert summary.new_contacts == 1
    assert summary.refusals == ()
