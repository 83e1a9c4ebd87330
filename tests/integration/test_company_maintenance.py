"""Trash, bulk changes, duplicate detection and merging, on every database kind."""

from __future__ import annotations

import datetime as dt

import factories
import pytest

from prospector.changes import Changes
from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import ActivityKind, CompanyStage, LeadStatus, TeamRole
from prospector.errors import ConcurrentEdit, NotFound
from prospector.models import Activity, Company, Contact
from prospector.records import CompanyInput
from prospector.services import (
    companies,
    company_bulk,
    company_query,
    contacts,
    duplicates,
    merge,
    trash,
    undo,
)
from prospector.services.qualification import restage
from prospector.services.tags import company_tags
from prospector.validation import validate_company


def _count(db: Database) -> int:
    with db.reading() as session:
        return company_query.count_companies(session)


def test_trash_and_restore(db: Database) -> None:
    first = factories.company(db, "Eins GmbH", contacts=("Meier",)).id
    second = factories.company(db, "Zwei GmbH").id
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
    old = factories.company(db, "Alt GmbH", contacts=("Weg",)).id
    recent = factories.company(db, "Neu GmbH").id
    trash.trash_companies(db, [old, recent])
    with db.writing() as session:
        session.get_one(Company, old).deleted_at = dt.datetime.now(dt.UTC) - dt.timedelta(days=31)
    assert trash.purge_expired(db).value == 1
    with db.reading() as session:
        assert [t.id for t in trash.list_trash(session)] == [recent]
        assert session.get(Company, old) is None  # deleted for good, not only out of sight
        assert session.query(Contact).filter_by(company_id=old).count() == 0


def test_bulk_changes_bump_versions(db: Database) -> None:
    ids = [factories.company(db, f"Firma {i}", contacts=("X",)).id for i in range(4)]
    member_id = factories.team_member(db, "Karl Außendienst", TeamRole.FIELD_SALES).id
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
    existing = factories.company(
        db,
        "Müller Maschinenbau GmbH",
        postcode="01069",
        website="https://mueller-mb.de",
        phone="0351 4567890",
    ).id
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
    keep_id = factories.company(
        db, "Müller GmbH", city="Dresden", phone="0351 111111", notes="A", contacts=("Alt",)
    ).id
    other_id = factories.company(
        db,
        "Müller Maschinenbau GmbH",
        city="Dresden",
        phone="0351 222222",
        website="www.mueller-mb.de",
        employees=42,
        notes="B",
        contacts=("Neu",),
    ).id
    with db.writing() as session:
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
        assert session.get(Company, other_id) is None
        assert sorted(c.last_name for c in contacts.list_contacts(session, keep_id)) == [
            "Alt",
            "Neu",
        ]
        assert session.query(Activity).filter_by(company_id=keep_id).count() == 1
        assert [t.name for t in company_tags(session, keep_id)] == ["Messe"]
        found = company_query.list_companies(session, CompanyFilter(query="neu"))
        assert [r.id for r in found] == [keep_id]  # the moved contact is found under the kept one


def test_a_merge_gives_the_kept_company_the_stage_of_all_its_people_and_undo_takes_it_back(
    db: Database,
) -> None:
    keep_id = factories.company(db, "Kühn GmbH").id
    other_id = factories.company(db, "Kühn Maschinenbau GmbH").id
    factories.contact(db, other_id, "Weiß", lead_status=LeadStatus.LEAD)
    with db.writing() as session:
        restage(session, {keep_id, other_id})
    with db.reading() as session:
        plan = merge.plan_merge(session, keep_id, other_id)
        assert session.get_one(Company, other_id).stage is CompanyStage.LEAD
    # The kept record's own stage is chosen; its people now include a lead.
    outcome = merge.merge_companies(db, plan, {"stage": False})
    assert outcome.value.stage is CompanyStage.LEAD
    assert outcome.undo is not None
    undo.undo(db, outcome.undo)
    with db.reading() as session:
        assert session.get_one(Company, keep_id).stage is CompanyStage.TARGET
        assert session.get_one(Company, other_id).stage is CompanyStage.LEAD


@pytest.mark.parametrize("side", ["keep", "other"])
def test_merge_is_refused_when_either_side_changed(db: Database, side: str) -> None:
    ids = dict(zip(("keep", "other"), factories.companies(db, "A GmbH", "A AG"), strict=True))
    with db.reading() as session:
        plan = merge.plan_merge(session, ids["keep"], ids["other"])
    with db.writing() as session:
        record = companies.get_company(session, ids[side])
        companies.update_company(session, ids[side], record.version, CompanyInput(name="A KG"))
    with pytest.raises(ConcurrentEdit):
        merge.merge_companies(db, plan, {})
    names = {"keep": "A GmbH", "other": "A AG", side: "A KG"}
    with db.reading() as session:
        stored = {r.id: r.name for r in company_query.list_companies(session)}
    assert stored == {ids[key]: name for key, name in names.items()}  # nothing merged


@pytest.mark.parametrize("side", ["keep", "other"])
def test_merge_is_refused_when_either_side_went_to_the_trash(db: Database, side: str) -> None:
    ids = dict(zip(("keep", "other"), factories.companies(db, "A GmbH", "A AG"), strict=True))
    with db.reading() as session:
        plan = merge.plan_merge(session, ids["keep"], ids["other"])
    trash.trash_companies(db, [ids[side]])
    with pytest.raises(NotFound) as info:
        merge.merge_companies(db, plan, {})
    assert info.value.params == {"entity": "company", "id": ids[side]}
    trash.restore_companies(db, [ids[side]])
    with db.reading() as session:
        stored = {r.id: r.name for r in company_query.list_companies(session)}
    assert stored == {ids["keep"]: "A GmbH", ids["other"]: "A AG"}  # nothing merged
