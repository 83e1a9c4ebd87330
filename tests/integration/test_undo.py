"""Undo and redo of edits, bulk changes and moves to the trash: the earlier values exactly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import factories
import pytest
from sqlalchemy import select

from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.enums import CompanyStage, CompanyStructure, TeamRole
from prospector.errors import UndoOutdated
from prospector.models import Company, Contact, Tag
from prospector.records import CompanyInput
from prospector.services import companies, company_bulk, company_query, trash, undo
from prospector.services.companies import CompanyDraft
from prospector.undo import UndoKind, UndoStep


def _state(db: Database, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Every column of the companies but the bookkeeping, their tags, their contacts'
    objections: what an undo must bring back exactly."""
    skipped = {"updated_at", "version"}
    with db.reading() as session:
        found: dict[int, dict[str, Any]] = {}
        for company in session.scalars(select(Company).where(Company.id.in_(ids))):
            values = {
                c.key: getattr(company, c.key)
                for c in Company.__table__.columns
                if c.key not in skipped
            }
            values["tags"] = sorted(t.name for t in _tags(session, company.id))
            values["objections"] = sorted(
                (c.id, c.do_not_contact, c.do_not_contact_since, c.do_not_contact_reason)
                for c in session.scalars(select(Contact).where(Contact.company_id == company.id))
            )
            found[company.id] = values
        return found


def _tags(session: Any, company_id: int) -> list[Tag]:
    from prospector.models import CompanyTag

    return list(
        session.scalars(
            select(Tag)
            .join(CompanyTag, CompanyTag.tag_id == Tag.id)
            .where(CompanyTag.company_id == company_id)
        )
    )


def _firms(db: Database) -> list[int]:
    anna = factories.team_member(db, "Anna Berger", TeamRole.FIELD_SALES).id
    ids = [
        factories.company(db, "Müller Maschinenbau GmbH", contacts=("Müller", "Schmidt")).id,
        factories.company(db, "Förde Druck KG", contacts=("Jensen",)).id,
        factories.company(db, "Alpenblick Logistik AG").id,
    ]
    company_bulk.set_owner(db, ids[:1], anna)
    company_bulk.add_tags(db, ids[1:], ["Newsletter"])
    company_bulk.set_stage(db, ids[2:], CompanyStage.LEAD)
    return ids


def _round_trip(
    db: Database, ids: list[int], step: UndoStep, before: dict[int, Any], after: dict[int, Any]
) -> None:
    """From the undone state: redo gives the state after the change, undo the one before it,
    again and again."""
    for _ in range(2):
        undo.redo(db, step)
        assert _state(db, ids) == after
        undo.undo(db, step)
        assert _state(db, ids) == before


def test_undo_and_redo_of_an_edit_restore_every_field_and_the_tags(db: Database) -> None:
    ids = _firms(db)
    before = _state(db, ids)
    with db.reading() as session:
        record = companies.get_company(session, ids[0])
    draft = CompanyDraft(
        CompanyInput(
            name="Müller Werkzeugbau GmbH",
            phone="0351 1234567",
            website="www.mueller-werkzeug.de",
            employees=120,
            turnover_eur=Decimal("2500000.50"),
            structure=CompanyStructure.BRANCH,
            city="Dresden",
            owner_id=None,
            notes="Neu aufgestellt",
        ),
        tag_text="Messe 2026, Newsletter",
        id=ids[0],
        version=record.version,
    )
    outcome = companies.save_company(db, draft)
    step = outcome.undo
    assert step is not None
    assert step.kind is UndoKind.EDIT
    assert step.count == 1
    assert step.detail == "Müller Werkzeugbau GmbH"
    after = _state(db, ids)
    assert after[ids[0]]["name"] == "Müller Werkzeugbau GmbH"
    undo.undo(db, step)
    assert _state(db, ids) == before
    with db.reading() as session:  # the search finds the old name again, not the new one
        assert company_query.count_companies(session, CompanyFilter(query="maschinenbau")) == 1
        assert company_query.count_companies(session, CompanyFilter(query="werkzeugbau")) == 0
        assert session.scalar(select(Tag.id).where(Tag.name == "Messe 2026")) is None
    _round_trip(db, ids, step, before, after)


@pytest.mark.parametrize("change", ["owner", "stage", "add_tags", "remove_tags", "objection"])
def test_undo_and_redo_of_a_bulk_change_restore_each_company_as_it_was(
    db: Database, change: str
) -> None:
    ids = _firms(db)
    tim = factories.team_member(db, "Tim Krause").id
    before = _state(db, ids)
    with db.reading() as session:
        newsletter = session.scalar(select(Tag.id).where(Tag.name == "Newsletter"))
    assert newsletter is not None
    outcome = {
        "owner": lambda: company_bulk.set_owner(db, ids, tim),
        "stage": lambda: company_bulk.set_stage(db, ids, CompanyStage.CUSTOMER),
        "add_tags": lambda: company_bulk.add_tags(db, ids, ["Messe", "newsletter"]),
        "remove_tags": lambda: company_bulk.remove_tags(db, ids, [newsletter]),
        "objection": lambda: company_bulk.set_do_not_contact(
            db, ids, dt.date(2026, 11, 2), "Anruf"
        ),
    }[change]()
    step = outcome.undo
    assert step is not None
    assert step.kind == change
    after = _state(db, ids)
    assert after != before
    undo.undo(db, step)
    assert _state(db, ids) == before
    _round_trip(db, ids, step, before, after)


def test_undo_of_tags_names_them_and_drops_a_tag_it_created(db: Database) -> None:
    ids = _firms(db)
    step = company_bulk.add_tags(db, ids, ["Messe"]).undo
    assert step is not None
    assert (step.kind, step.count, step.detail, step.created_tags) == (
        UndoKind.ADD_TAGS,
        3,
        "Messe",
        ("Messe",),
    )
    undo.undo(db, step)
    with db.reading() as session:
        assert session.scalar(select(Tag.id).where(Tag.name == "Messe")) is None
        assert session.scalar(select(Tag.id).where(Tag.name == "Newsletter")) is not None
    undo.redo(db, step)
    with db.reading() as session:
        assert session.scalar(select(Tag.id).where(Tag.name == "Messe")) is not None


def test_undo_and_redo_of_a_move_to_the_trash(db: Database) -> None:
    ids = _firms(db)
    before = _state(db, ids)
    step = trash.trash_companies(db, ids[:2]).undo
    assert step is not None
    assert (step.kind, step.count) == (UndoKind.TRASH, 2)
    with db.reading() as session:
        assert company_query.count_companies(session) == 1
    undo.undo(db, step)
    assert _state(db, ids) == before
    with db.reading() as session:
        assert company_query.count_companies(session) == 3
        assert trash.list_trash(session) == []
    undo.redo(db, step)
    with db.reading() as session:
        assert sorted(t.id for t in trash.list_trash(session)) == sorted(ids[:2])


def test_an_undo_after_a_later_change_is_refused_and_writes_nothing(db: Database) -> None:
    ids = _firms(db)
    step = company_bulk.set_stage(db, ids, CompanyStage.CUSTOMER).undo
    assert step is not None
    company_bulk.set_stage(db, ids[1:2], CompanyStage.LEAD)  # someone changes one of them
    later = _state(db, ids)
    with pytest.raises(UndoOutdated) as raised:
        undo.undo(db, step)
    assert raised.value.params == {"count": 1}
    assert _state(db, ids) == later


def test_an_undo_of_companies_deleted_for_good_is_refused(db: Database) -> None:
    ids = _firms(db)
    step = trash.trash_companies(db, ids[:1]).undo
    assert step is not None
    trash.purge_companies(db, ids[:1])
    with pytest.raises(UndoOutdated):
        undo.undo(db, step)


def test_a_change_that_changes_nothing_leaves_nothing_to_undo(db: Database) -> None:
    ids = _firms(db)
    assert company_bulk.set_stage(db, ids[2:], CompanyStage.LEAD).undo is None
    assert company_bulk.add_tags(db, ids[1:], ["Newsletter"]).undo is None


def _import_file(db: Database, rows: list[tuple[str, str]]) -> Any:
    from pathlib import Path

    from prospector.exchange.tables import FileFormat, Table
    from prospector.services import importing
    from prospector.services.import_plan import OnDuplicate

    table = Table(
        path=Path("Messeliste.xlsx"),
        header_row_index=0,
        headers=("Firma", "Ort"),
        rows=[tuple(row) for row in rows],
        source_row_numbers=list(range(2, len(rows) + 2)),
        sheet="Tabelle1",
        format=FileFormat.XLSX,
    )
    plan, _forecast = importing.preview_import(
        db, table, mapping=["name", "city"], on_duplicate=OnDuplicate.SKIP
    )
    return importing.run_import(db, plan)


def test_an_import_is_undone_like_the_history_does_and_cannot_be_redone(db: Database) -> None:
    ids = _firms(db)
    before = _state(db, ids)
    outcome = _import_file(db, [("Neu GmbH", "Kiel"), ("Noch Neu KG", "Jena")])
    step = outcome.undo
    assert step is not None
    assert (step.kind, step.count, step.detail, step.redoable) == (
        UndoKind.IMPORT,
        2,
        "Messeliste.xlsx",
        False,
    )
    with db.reading() as session:
        assert company_query.count_companies(session) == 5
    undo.undo(db, step)
    with db.reading() as session:
        assert company_query.count_companies(session) == 3
    assert _state(db, ids) == before


def test_an_import_edited_since_is_left_to_the_import_history(db: Database) -> None:
    step = _import_file(db, [("Neu GmbH", "Kiel")]).undo
    assert step is not None
    with db.reading() as session:
        row = company_query.list_companies(session)[0]
    company_bulk.set_stage(db, [row.id], CompanyStage.LEAD)
    with pytest.raises(UndoOutdated):
        undo.undo(db, step)
    with db.reading() as session:
        assert company_query.count_companies(session) == 1


def _everything(db: Database) -> dict[str, Any]:
    """Both companies with every column but the bookkeeping, and who owns which record."""
    from prospector.models import Activity, CompanyTag, Opportunity

    skipped = {"updated_at", "version"}
    with db.reading() as session:
        companies_ = {
            c.id: {
                k.key: getattr(c, k.key) for k in Company.__table__.columns if k.key not in skipped
            }
            for c in session.scalars(select(Company))
        }
        owners = {
            model.__tablename__: sorted(session.execute(select(model.id, model.company_id)).all())
            for model in (Contact, Activity, Opportunity)
        }
        tags = sorted(session.execute(select(CompanyTag.company_id, CompanyTag.tag_id)).all())
    return {"companies": companies_, "owners": owners, "tags": tags}


def test_undo_of_a_merge_brings_back_the_other_company_with_its_records(db: Database) -> None:
    from prospector.enums import ActivityKind
    from prospector.models import Activity
    from prospector.services import merge

    keep = factories.company(db, "Müller GmbH", city="Dresden", contacts=("Müller",)).id
    other = factories.company(
        db, "Müller GmbH & Co. KG", city="Leipzig", phone="0341 4711", contacts=("Schmidt", "Bauer")
    ).id
    company_bulk.add_tags(db, [other], ["Messe"])
    with db.writing() as session:
        session.add(Activity(company_id=other, kind=ActivityKind.CALL, subject="Erstgespräch"))
    before = _everything(db)
    with db.reading() as session:
        plan = merge.plan_merge(session, keep, other)
    outcome = merge.merge_companies(db, plan, {"city": True})
    step = outcome.undo
    assert step is not None
    assert (step.kind, step.detail) == (UndoKind.MERGE, "Müller GmbH & Co. KG")
    after = _everything(db)
    assert other not in after["companies"]
    undo.undo(db, step)
    assert _everything(db) == before
    with db.reading() as session:  # the search index has both again
        assert company_query.count_companies(session, CompanyFilter(query="schmidt")) == 1
        found = company_query.list_companies(session, CompanyFilter(query="leipzig"))
    assert [row.id for row in found] == [other]
    undo.redo(db, step)
    assert _everything(db) == after
    undo.undo(db, step)
    assert _everything(db) == before


def test_undo_and_redo_of_a_contact_edit_restore_the_person_and_the_search(
    db: Database,
) -> None:
    from prospector.records import ContactInput
    from prospector.services import contacts

    first, second = factories.companies(db, "Alpha GmbH", "Beta GmbH")
    person = factories.contact(db, first, "Schmidt", first_name="Anna", phone="0351 4567890")

    def stored() -> dict[str, Any]:
        with db.reading() as session:
            found = session.get(Contact, person.id)
            assert found is not None
            values = {c.key: getattr(found, c.key) for c in Contact.__table__.columns}
            values.pop("updated_at")
            values.pop("version")
            return values

    before = stored()
    changed = ContactInput(
        company_id=second, first_name="Anna", last_name="Schmidt-Weber", email="anna@beta.de"
    )
    step = contacts.save_contact(db, changed, person.id, person.version).undo
    assert step is not None
    assert (step.kind, step.detail) == (UndoKind.CONTACT_EDIT, "Anna Schmidt-Weber")
    after = stored()
    undo.undo(db, step)
    assert stored() == before
    with db.reading() as session:  # found again under the company and the name she had
        found = company_query.list_companies(session, CompanyFilter(query="schmidt"))
        assert [row.name for row in found] == ["Alpha GmbH"]
        assert company_query.count_companies(session, CompanyFilter(query="weber")) == 0
    undo.redo(db, step)
    assert stored() == after
    with db.reading() as session:
        found = company_query.list_companies(session, CompanyFilter(query="weber"))
        assert [row.name for row in found] == ["Beta GmbH"]
