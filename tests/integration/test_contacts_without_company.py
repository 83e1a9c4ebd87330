"""People without a company through the services: stored, linked later, unlinked, deleted, and
left alone by what happens to companies, on every database kind."""

from __future__ import annotations

import dataclasses

import factories
import pytest
from sqlalchemy import select, text, update

from prospector import schema, search_index
from prospector.changes import Changes
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.errors import NotFound
from prospector.models import Contact, utcnow
from prospector.records import ContactInput, ContactRecord
from prospector.services import company_query, contact_query, contacts, merge, trash
from prospector.services.contact_query import ContactFilter


def _input(record: ContactRecord, **changes: object) -> ContactInput:
    """The form as read from the record, with these fields changed."""
    fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(ContactInput)}
    return ContactInput(**{**fields, **changes})


def _listed(db: Database, flt: ContactFilter | None = None) -> list[tuple[str, str | None]]:
    """The contact list as shown: last name and company, in the list's order."""
    with db.reading() as session:
        rows = contact_query.list_contact_rows(session, flt)
    return [(row.last_name, row.company) for row in rows]


def _companies_found_by(db: Database, query: str) -> list[str]:
    with db.reading() as session:
        return [r.name for r in company_query.list_companies(session, CompanyFilter(query=query))]


def test_a_person_without_a_company_is_stored_and_touches_no_company(db: Database) -> None:
    person = ContactInput(company_id=None, last_name="Özdemir", phone="0351 123456")
    saved = contacts.save_contact(db, person)
    assert saved.changes == Changes(contacts=True)
    assert (saved.value.company_id, saved.value.phone) == (None, "+49351123456")
    with db.reading() as session:
        assert contacts.get_contact(session, saved.value.id) == saved.value
    assert _listed(db) == [("Özdemir", None)]

    edited = contacts.save_contact(
        db, _input(saved.value, job_title="Einkauf"), saved.value.id, saved.value.version
    )
    assert edited.changes == Changes(contacts=True)
    assert (edited.value.job_title, edited.value.version) == ("Einkauf", 2)

    deleted = contacts.delete_contact(db, saved.value.id, edited.value.version)
    assert deleted.changes == Changes(contacts=True)
    assert _listed(db) == []


def test_linking_and_unlinking_moves_the_person_in_both_searches(db: Database) -> None:
    company = factories.company(db, "Förde Druck KG")
    person = factories.contact(db, None, "Schmidt-Öztürk", first_name="Anna")
    assert _companies_found_by(db, "oztürk") == []

    linked = contacts.save_contact(
        db, _input(person, company_id=company.id), person.id, person.version
    )
    assert linked.changes == Changes.to_companies({company.id}, contacts=True)
    assert _companies_found_by(db, "oztürk") == ["Förde Druck KG"]
    assert _listed(db) == [("Schmidt-Öztürk", "Förde Druck KG")]
    with db.reading() as session:
        assert [c.id for c in contacts.list_contacts(session, company.id)] == [person.id]

    unlinked = contacts.save_contact(
        db, _input(linked.value, company_id=None), person.id, linked.value.version
    )
    assert unlinked.changes == Changes.to_companies({company.id}, contacts=True)
    assert _companies_found_by(db, "oztürk") == []
    assert _listed(db) == [("Schmidt-Öztürk", None)]
    with db.reading() as session:
        assert contacts.list_contacts(session, company.id) == []
        assert contacts.get_contact(session, person.id).company_id is None


def test_linking_to_a_company_in_the_trash_is_refused(db: Database) -> None:
    company = factories.company(db, "Weg GmbH")
    trash.trash_companies(db, [company.id])
    person = factories.contact(db, None, "Meier")
    with pytest.raises(NotFound) as info:
        contacts.save_contact(db, _input(person, company_id=company.id), person.id, person.version)
    assert info.value.params == {"entity": "company", "id": company.id}
    with db.reading() as session:
        assert contacts.get_contact(session, person.id).company_id is None


def test_the_trash_takes_a_companys_people_and_leaves_the_others(db: Database) -> None:
    company = factories.company(db, "Eins GmbH", contacts=("Meier", "Schulze"))
    factories.contact(db, None, "Allein")
    trash.trash_companies(db, [company.id])
    assert _listed(db) == [("Allein", None)]
    with db.reading() as session:
        (trashed,) = trash.list_trash(session)
        assert trashed.contact_count == 2
        assert contact_query.count_contacts(session) == 1
    trash.restore_companies(db, [company.id])
    assert _listed(db) == [("Allein", None), ("Meier", "Eins GmbH"), ("Schulze", "Eins GmbH")]
    trash.trash_companies(db, [company.id])
    trash.purge_companies(db, [company.id])
    assert _listed(db) == [("Allein", None)]


def test_a_merge_leaves_people_without_a_company_alone(db: Database) -> None:
    keep = factories.company(db, "Müller GmbH", contacts=("Meier",))
    other = factories.company(db, "Mueller GmbH", contacts=("Schulze",))
    factories.contact(db, None, "Allein")
    with db.reading() as session:
        plan = merge.plan_merge(session, keep.id, other.id)
    merge.merge_companies(db, plan, {})
    assert _listed(db) == [("Allein", None), ("Meier", "Müller GmbH"), ("Schulze", "Müller GmbH")]


def test_bulk_stored_people_without_a_company_are_found(db: Database) -> None:
    company = factories.company(db, "Förde Druck KG")
    with db.writing() as session:
        count = contacts.create_contacts(
            session,
            [
                ContactInput(company_id=None, last_name="Müller", first_name="Jörg"),
                ContactInput(company_id=company.id, last_name="Weber", email="a.weber@foerde.de"),
            ],
        )
    assert count == 2
    assert _listed(db, ContactFilter(query="muller jorg")) == [("Müller", None)]
    assert _listed(db, ContactFilter(query="foerde")) == [("Weber", "Förde Druck KG")]
    assert _companies_found_by(db, "weber") == ["Förde Druck KG"]


def test_changes_through_the_orm_keep_the_search_words(db: Database) -> None:
    """An import's updates and their undo set fields on loaded contacts, not through the form."""
    person = factories.contact(db, None, "Meier", job_title="Einkauf")
    with db.writing() as session:
        session.get_one(Contact, person.id).last_name = "Müller"
    assert _listed(db, ContactFilter(query="muller einkauf")) == [("Müller", None)]
    assert _listed(db, ContactFilter(query="meier")) == []


def test_opening_a_database_rekeys_contacts_whose_words_are_missing(db: Database) -> None:
    """As after the migration that adds the columns: empty until the index is rebuilt."""
    factories.contact(db, None, "Müller", first_name="Jörg", mobile="0171 2345678")
    with db.writing() as session:
        session.execute(update(Contact).values(name_key="", search_text=""))
    assert _listed(db, ContactFilter(query="jorg")) == []
    with db.writing() as session:
        search_index.rebuild(session)
    assert _listed(db, ContactFilter(query="jorg")) == [("Müller", None)]
    assert _listed(db, ContactFilter(query="0171 234")) == [("Müller", None)]
    with db.reading() as session:
        assert session.scalar(select(Contact.name_key)) == "mueller joerg"


def test_a_database_of_the_previous_schema_gets_its_contacts_listed(database_url: str) -> None:
    """Migrated from 0004: the contacts' sort keys and search words are made when it opens."""
    first = schema.open_database(database_url)
    company = factories.company(first.database, "Förde Druck KG")
    schema.downgrade(first.database, "0004")
    with first.database.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO contacts (company_id, last_name, first_name, salutation,"
                " decision_role, budget_authority, lead_status, do_not_contact, legal_basis,"
                " is_consumer, created_at, updated_at, version) VALUES"
                " (:company, :last, :first, 'none', 'unknown', false, 'contact', false,"
                " 'unknown', false, :now, :now, 1)"
            ),
            [
                {"company": company.id, "last": "Müller", "first": "Jörg", "now": utcnow()},
                {"company": None, "last": "Özdemir", "first": "Ayşe", "now": utcnow()},
            ],
        )
        # As the previous release left it: its search index predates the contacts' words.
        conn.execute(text("UPDATE settings SET value = '2' WHERE key = 'search_version'"))
    first.database.dispose()

    again = schema.open_database(database_url)
    try:
        assert again.migrated_from == "0004"
        db = again.database
        assert _listed(db) == [("Müller", "Förde Druck KG"), ("Özdemir", None)]
        assert _listed(db, ContactFilter(query="muller")) == [("Müller", "Förde Druck KG")]
        assert _listed(db, ContactFilter(query="ayse", without_company=True)) == [("Özdemir", None)]
        assert _companies_found_by(db, "jorg") == ["Förde Druck KG"]
    finally:
        again.database.dispose()
