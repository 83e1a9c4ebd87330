"""Trash, bulk changes, duplicate detection and merging, on every database kind."""

from __future__ import annotations

import datetime as dt

import pytest

from prospector.changes import Changes
from prospector.db import Database
from prospector.enums import ActivityKind, CompanyStage, TeamRole
from prospector.errors import ConcurrentEdit
from prospector.models import Activity, Company, Contact, TeamMember
from prospector.records import CompanyInput, ContactInput
from prospector.services import (
    companies,
    company_bulk,
    company_query,
    contacts,
    duplicates,
    merge,
    trash,
)
from prospector.services.company_query import CompanyFilter
from prospector.services.tags import company_tags
from prospector.validation import validate_company


def _create(db: Database, *inputs: CompanyInput) -> list[int]:
    with db.writing() as session:
        return [companies.create_company(session, data).id for data in inputs]


def _count(db: Database) -> int:
    with db.reading() as session:
        return company_query.count_companies(session)


def test_trash_and_restore(db: Database) -> None:
    first, second = _create(db, CompanyInput(name="Eins GmbH"), CompanyInput(name="Zwei GmbH"))
    with db.writing() as session:
        contacts.create_contact(session, ContactInput(company_id=first, last_name="Meier"))
    moved = trash.trash_companies(db, [first])
    assert moved.value == 1
    assert moved.changes == Changes.to_companies([first], trash=True)
    assert _count(db) == 1
    with db.reading() as session:
        trashed = trash.list_trash(session)
        assert [(t.id, t.name, t.contact_count) for t in trashed] == [(first, "Eins GmbH", 1)]
        assert [r.id for r in company_query.list_companies(session)] == [second]
    assert trash.restore_companies(db, [first]).value == 1
    assert _count(db) == 2
    with db.reading() as session:
        assert [c.last_name for c in contacts.list_contacts(session, first)] == ["Meier"]
        assert trash.list_trash(session) == []
        assert companies.get_company(session, second).version == 1  # the other one untouched


def test_trash_is_emptied_after_thirty_days(db: Database) -> None:
    old, recent = _create(db, CompanyInput(name="Alt GmbH"), CompanyInput(name="Neu GmbH"))
    with db.writing() as session:
        contacts.create_contact(session, ContactInput(company_id=old, last_name="Weg"))
    trash.trash_companies(db, [old, recent])
    with db.writing() as session:
        session.get_one(Company, old).deleted_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
    assert trash.purge_expired(db).value == 1
    with db.reading() as session:
        assert [t.id for t in trash.list_trash(session)] == [recent]
        assert session.query(Contact).filter_by(company_id=old).count() == 0


def test_bulk_changes_bump_versions(db: Database) -> None:
    ids = _create(db, *(CompanyInput(name=f"Firma {i}") for i in range(4)))
    with db.writing() as session:
        member = TeamMember(name="Karl Außendienst", role=TeamRole.FIELD_SALES)
        session.add(member)
        session.flush()
        member_id = member.id
        for company_id in ids:
            contacts.create_contact(session, ContactInput(company_id=company_id, last_name="X"))
    chosen = ids[:3]
    assert company_bulk.set_owner(db, chosen, member_id).value == 3
    assert company_bulk.set_stage(db, chosen, CompanyStage.LEAD).value == 3
    assert company_bulk.add_tags(db, chosen, ["Messe", "A-Kunde"]).value == 3
    assert company_bulk.add_tags(db, chosen, ["messe"]).value == 0  # already there
    assert company_bulk.set_do_not_contact(db, ids[:1], dt.date(2026, 5, 1), "Anruf").value == 1
    with db.reading() as session:
        rows = {r.id: r for r in company_query.list_companies(session)}
        versions = {i: companies.get_company(session, i).version for i in ids}
        assert [t.name for t in company_tags(session, ids[0])] == ["A-Kunde", "Messe"]
        messe = next(t.id for t in company_tags(session, ids[0]) if t.name == "Messe")
    assert {rows[i].owner for i in chosen} == {"Karl Außendienst"}
    assert rows[ids[3]].owner is None
    assert {rows[i].stage for i in chosen} == {CompanyStage.LEAD}
    assert [versions[i] for i in ids] == [4, 4, 4, 1]
    assert _names_with(db, CompanyFilter(do_not_contact=True)) == ["Firma 0"]
    assert company_bulk.remove_tags(db, chosen, [messe]).value == 3
    with db.reading() as session:
        assert [t.name for t in company_tags(session, ids[1])] == ["A-Kunde"]


def _names_with(db: Database, flt: CompanyFilter) -> list[str]:
    with db.reading() as session:
        return [r.name for r in company_query.list_companies(session, flt)]


def test_duplicates_by_name_and_postcode_domain_or_phone(db: Database) -> None:
    (existing,) = _create(
        db,
        CompanyInput(
            name="Müller Maschinenbau GmbH",
            postcode="01069",
            website="https://mueller-mb.de",
            phone="0351 4567890",
        ),
    )
    cases = {
        "MUELLER MASCHINENBAU": ("01069", None, None, {"name_and_postcode"}),
        "Anders GmbH": (None, "www.mueller-mb.de/impressum", None, {"domain"}),
        "Nochmal anders": (None, None, "+49 351 456 78 90", {"phone"}),
        "Müller Maschinenbau AG": ("04103", None, None, set()),
    }
    with db.reading() as session:
        for name, (postcode, website, phone, reasons) in cases.items():
            values = validate_company(
                CompanyInput(name=name, postcode=postcode, website=website, phone=phone)
            )
            found = duplicates.find_duplicates(session, values)
            assert {r.value for c in found for r in c.reasons} == reasons, name
            if reasons:
                assert [c.id for c in found] == [existing]
            assert duplicates.find_duplicates(session, values, exclude_id=existing) == []


def test_merge_moves_everything_and_keeps_the_chosen_values(db: Database) -> None:
    keep_id, other_id = _create(
        db,
        CompanyInput(name="Müller GmbH", city="Dresden", phone="0351 111111", notes="A"),
        CompanyInput(
            name="Müller Maschinenbau GmbH",
            city="Dresden",
            phone="0351 222222",
            website="www.mueller-mb.de",
            employees=42,
            notes="B",
        ),
    )
    with db.writing() as session:
        contacts.create_contact(session, ContactInput(company_id=keep_id, last_name="Alt"))
        contacts.create_contact(session, ContactInput(company_id=other_id, last_name="Neu"))
        session.add(Activity(company_id=other_id, kind=ActivityKind.NOTE, subject="Messe"))
        company_bulk.apply_tags(session, [other_id], ["Messe"])
    with db.reading() as session:
        plan = merge.plan_merge(session, keep_id, other_id)
    assert set(plan.conflicts) == {"name", "phone", "notes"}
    merged = merge.merge_companies(db, plan, {"name": True, "phone": False}).value
    assert merged.id == keep_id
    assert (merged.name, merged.phone, merged.website, merged.domain, merged.employees) == (
        "Müller Maschinenbau GmbH",
        "+49351111111",
        "www.mueller-mb.de",
        "mueller-mb.de",
        42,
    )
    assert merged.notes == "A\n\nB"
    with db.reading() as session:
        assert company_query.count_companies(session) == 1
        assert sorted(c.last_name for c in contacts.list_contacts(session, keep_id)) == [
            "Alt",
            "Neu",
        ]
        assert session.query(Activity).filter_by(company_id=keep_id).count() == 1
        assert [t.name for t in company_tags(session, keep_id)] == ["Messe"]
        found = company_query.list_companies(session, CompanyFilter(query="neu"))
        assert [r.id for r in found] == [keep_id]  # the moved contact is found under the kept one


def test_merge_is_refused_when_either_side_changed(db: Database) -> None:
    keep_id, other_id = _create(db, CompanyInput(name="A GmbH"), CompanyInput(name="A AG"))
    with db.reading() as session:
        plan = merge.plan_merge(session, keep_id, other_id)
    with db.writing() as session:
        record = companies.get_company(session, other_id)
        companies.update_company(session, other_id, record.version, CompanyInput(name="A KG"))
    with pytest.raises(ConcurrentEdit):
        merge.merge_companies(db, plan, {})
    assert _count(db) == 2
