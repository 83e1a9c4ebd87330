"""Contacts through the services: edited, moved and refused, on every database kind."""

from __future__ import annotations

import dataclasses

import factories
import pytest

from prospector.changes import Changes
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import CompanyStage, DecisionRole, LeadStatus, Salutation
from prospector.errors import ConcurrentEdit, NotFound, ValidationFailed
from prospector.models import Company
from prospector.records import ContactInput, ContactRecord
from prospector.services import company_query, contacts, trash
from prospector.services.personal_data import erase_person
from prospector.services.qualification import restage


@pytest.fixture
def two(db: Database) -> tuple[int, int]:
    """Two companies; the first with Anna Schmidt-Öztürk, buyer, as its contact."""
    with db.writing() as session:
        first = factories.company(session, "Müller Maschinenbau GmbH").id
        second = factories.company(session, "Förde Druck KG").id
        factories.contact(session, first, "Schmidt-Öztürk", first_name="Anna", job_title="Einkauf")
    return first, second


def _only_contact(db: Database, company_id: int) -> ContactRecord:
    with db.reading() as session:
        (person,) = contacts.list_contacts(session, company_id)
    return person


def _found_by(db: Database, query: str) -> list[str]:
    with db.reading() as session:
        return [r.name for r in company_query.list_companies(session, CompanyFilter(query=query))]


def _input(record: ContactRecord, **changes: object) -> ContactInput:
    """The form as read from the record, with these fields changed."""
    fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(ContactInput)}
    return ContactInput(**{**fields, **changes})


def test_update_stores_the_edited_fields_normalised(db: Database, two: tuple[int, int]) -> None:
    first, _ = two
    person = _only_contact(db, first)
    edited = _input(
        person,
        salutation=Salutation.MS,
        job_title="  Leiterin   Einkauf ",
        email=" A.Schmidt@Mueller-MB.de ",
        mobile="0171 2345678",
        decision_role=DecisionRole.DECISION_MAKER,
    )
    with db.writing() as session:
        updated = contacts.update_contact(session, person.id, person.version, edited)
    with db.reading() as session:
        stored = contacts.get_contact(session, person.id)
    assert stored == updated
    assert (stored.id, stored.company_id, stored.version) == (person.id, first, 2)
    assert (stored.salutation, stored.job_title, stored.email, stored.mobile) == (
        Salutation.MS,
        "Leiterin Einkauf",
        "a.schmidt@mueller-mb.de",
        "+491712345678",
    )
    assert (stored.first_name, stored.last_name) == ("Anna", "Schmidt-Öztürk")
    assert stored.decision_role is DecisionRole.DECISION_MAKER


def test_moving_a_contact_moves_it_in_the_search(db: Database, two: tuple[int, int]) -> None:
    first, second = two
    assert _found_by(db, "oztürk") == ["Müller Maschinenbau GmbH"]
    person = _only_contact(db, first)
    with db.writing() as session:
        moved = contacts.update_contact(
            session, person.id, person.version, _input(person, company_id=second)
        )
    assert moved.company_id == second
    assert _only_contact(db, second).id == person.id
    with db.reading() as session:
        assert contacts.list_contacts(session, first) == []
    # The search text of both companies follows: the name now finds the new company only.
    assert _found_by(db, "oztürk") == ["Förde Druck KG"]
    assert _found_by(db, "anna schmidt") == ["Förde Druck KG"]
    assert _found_by(db, "muller") == ["Müller Maschinenbau GmbH"]


def test_a_stale_version_is_refused(db: Database, two: tuple[int, int]) -> None:
    first, _ = two
    person = _only_contact(db, first)
    with db.writing() as session:
        contacts.update_contact(session, person.id, person.version, _input(person, job_title="A"))
    with pytest.raises(ConcurrentEdit) as info, db.writing() as session:
        contacts.update_contact(session, person.id, person.version, _input(person, job_title="B"))
    assert info.value.params == {"entity": "contact", "name": "Anna Schmidt-Öztürk"}
    stored = _only_contact(db, first)
    assert (stored.job_title, stored.version) == ("A", 2)


@pytest.mark.parametrize("where", ["missing", "in the trash"])
def test_moving_to_a_company_that_is_not_there_is_refused(
    db: Database, two: tuple[int, int], where: str
) -> None:
    first, second = two
    target = 4711 if where == "missing" else second
    if where == "in the trash":
        trash.trash_companies(db, [second])
    person = _only_contact(db, first)
    with pytest.raises(NotFound) as info, db.writing() as session:
        contacts.update_contact(
            session, person.id, person.version, _input(person, company_id=target)
        )
    assert info.value.params == {"entity": "company", "id": target}
    assert _only_contact(db, first) == person


def test_invalid_fields_are_refused_and_nothing_is_stored(
    db: Database, two: tuple[int, int]
) -> None:
    first, _ = two
    person = _only_contact(db, first)
    broken = _input(
        person, last_name="  ", email="anna-at-example", mobile="0171", do_not_contact=True
    )
    with pytest.raises(ValidationFailed) as info, db.writing() as session:
        contacts.update_contact(session, person.id, person.version, broken)
    assert {field: p.code for field, p in info.value.problems.items()} == {
        "last_name": "required",
        "email": "email_invalid",
        "mobile": "phone_invalid",
        "do_not_contact_since": "required",
    }
    assert _only_contact(db, first) == person


def test_a_deleted_contact_cannot_be_updated(db: Database, two: tuple[int, int]) -> None:
    first, _ = two
    person = _only_contact(db, first)
    contacts.delete_contact(db, person.id, person.version)
    with pytest.raises(NotFound) as info, db.writing() as session:
        contacts.update_contact(session, person.id, person.version, _input(person))
    assert info.value.params == {"entity": "contact", "id": person.id}


def test_save_contact_names_both_companies_of_a_move(db: Database, two: tuple[int, int]) -> None:
    first, second = two
    person = _only_contact(db, first)
    moved = contacts.save_contact(db, _input(person, company_id=second), person.id, person.version)
    assert (moved.value.id, moved.value.company_id, moved.value.version) == (person.id, second, 2)
    assert moved.changes == Changes.to_companies({first, second}, contacts=True)
    assert moved.changes.company_ids == {first, second}

    edited = contacts.save_contact(
        db, _input(moved.value, job_title="Chefin"), person.id, moved.value.version
    )
    assert edited.changes.company_ids == {second}
    created = contacts.save_contact(db, ContactInput(company_id=first, last_name="Neu"))
    assert created.changes == Changes.to_companies({first}, contacts=True)
    assert _only_contact(db, first).last_name == "Neu"


def test_phones_are_read_in_the_companys_country(db: Database) -> None:
    with db.writing() as session:
        vienna = factories.company(session, "Wiener Werkstätten GmbH", country="AT").id
    created = contacts.save_contact(
        db, ContactInput(company_id=vienna, last_name="Huber", phone="01 234567")
    )
    assert created.value.phone == "+431234567"
    edited = contacts.save_contact(
        db, _input(created.value, mobile="0664 1234567"), created.value.id, created.value.version
    )
    assert (edited.value.phone, edited.value.mobile) == ("+431234567", "+436641234567")


def test_a_contact_of_a_missing_company_is_refused(db: Database) -> None:
    with pytest.raises(NotFound) as info:
        contacts.save_contact(db, ContactInput(company_id=4711, last_name="Niemand"))
    assert info.value.params == {"entity": "company", "id": 4711}


def test_delete_refuses_a_stale_version(db: Database, two: tuple[int, int]) -> None:
    first, _ = two
    person = _only_contact(db, first)
    contacts.save_contact(db, _input(person, job_title="A"), person.id, person.version)
    with pytest.raises(ConcurrentEdit):
        contacts.delete_contact(db, person.id, person.version)
    assert _only_contact(db, first).job_title == "A"
    deleted = contacts.delete_contact(db, person.id, person.version + 1)
    assert deleted.changes == Changes.to_companies({first}, contacts=True)
    assert _found_by(db, "oztürk") == []


def test_deleting_or_erasing_a_companys_only_lead_moves_it_back_to_target(db: Database) -> None:
    for remove in ("delete", "erase"):
        firm = factories.company(db, f"Lead GmbH {remove}")
        lead = factories.contact(db, firm.id, "Weiß", lead_status=LeadStatus.LEAD)
        with db.writing() as session:
            restage(session, {firm.id})
            assert session.get_one(Company, firm.id).stage is CompanyStage.LEAD
        if remove == "delete":
            contacts.delete_contact(db, lead.id)
        else:
            erase_person(db, lead.id)
        with db.reading() as session:
            assert session.get_one(Company, firm.id).stage is CompanyStage.TARGET
