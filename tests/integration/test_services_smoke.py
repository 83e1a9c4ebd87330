"""Companies and contacts through the services, on every database kind."""

from __future__ import annotations

import factories
import pytest

from prospector.db import Database
from prospector.errors import ConcurrentEdit, NotFound, ValidationFailed
from prospector.records import CompanyInput
from prospector.services import companies, contacts


def test_company_round_trip(db: Database) -> None:
    with db.writing() as session:
        created = companies.create_company(
            session,
            CompanyInput(
                name="Müller Maschinenbau GmbH",
                postcode="1069",
                city="Dresden",
                phone="0351 4567890",
                website="https://www.mueller-mb.de/kontakt",
            ),
        )
    with db.reading() as session:
        stored = companies.get_company(session, created.id)
    assert stored.name == "Müller Maschinenbau GmbH"
    assert stored.postcode == "01069"
    assert stored.phone == "+493514567890"
    assert stored.domain == "mueller-mb.de"
    assert stored.version == 1


def test_second_save_of_a_stale_copy_is_refused(db: Database) -> None:
    created = factories.company(db, "Alpha GmbH")
    with db.writing() as session:
        companies.update_company(
            session, created.id, created.version, CompanyInput(name="Alpha AG")
        )
    with pytest.raises(ConcurrentEdit), db.writing() as session:
        companies.update_company(session, created.id, created.version, CompanyInput(name="Beta"))
    with db.reading() as session:
        assert companies.get_company(session, created.id).name == "Alpha AG"


def test_invalid_input_writes_nothing(db: Database) -> None:
    with pytest.raises(ValidationFailed) as info, db.writing() as session:
        companies.create_company(session, CompanyInput(name="", phone="12"))
    assert set(info.value.problems) == {"name", "phone"}
    with db.reading() as session:
        assert companies.count_companies(session) == 0


def test_deleting_a_company_deletes_its_contacts(db: Database) -> None:
    with db.writing() as session:
        company = factories.company(session, "Gamma KG")
        person = factories.contact(session, company.id, "Schulz")
    with db.writing() as session:
        companies.delete_company(session, company.id)
    with pytest.raises(NotFound), db.reading() as session:
        contacts.get_contact(session, person.id)
