"""Create, read, update, delete and list companies."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector import bulk_load, search_index
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import ConcurrentEdit, NotFound
from prospector.models import Company, Contact
from prospector.normalize import split_tag_text
from prospector.records import COMPANY_INPUT_FIELDS, CompanyInput, CompanyRecord
from prospector.search import company_search_text
from prospector.services import bulk, fit_scores, tags
from prospector.services.company_query import count_companies
from prospector.services.tags import TagRecord
from prospector.services.undo import FORM_COLUMNS, Touches, recording
from prospector.sizeclass import size_class
from prospector.undo import UndoKind
from prospector.validation import validate_company

__all__ = [
    "CompanyDraft",
    "SavedCompany",
    "count_companies",
    "create_companies",
    "create_company",
    "delete_company",
    "get_company",
    "insert_validated",
    "save_company",
    "update_company",
    "with_search_text",
]


@dataclass(frozen=True)
class CompanyDraft:
    """The company form as the user leaves it: its fields and its tags as typed, and which
    stored company, as read at which version, it edits (none for a new company)."""

    data: CompanyInput
    tag_text: str = ""
    id: int | None = None
    version: int = 0


@dataclass(frozen=True)
class SavedCompany:
    record: CompanyRecord
    tags: tuple[TagRecord, ...]  # as stored: trimmed, each once, spelled as the existing ones


def save_company(db: Database, draft: CompanyDraft) -> Outcome[SavedCompany]:
    """Create or update the company with exactly the draft's tags, in one transaction."""
    with db.writing() as session:
        if draft.id is None:
            record = create_company(session, draft.data)
            stored = tags.set_company_tags(session, record.id, split_tag_text(draft.tag_text))
            fit_scores.refresh(session, [record.id])
            step = None
        else:
            touches = Touches(FORM_COLUMNS, tags=True)
            name = draft.data.name
            with recording(session, UndoKind.EDIT, [draft.id], touches, name) as done:
                record = update_company(session, draft.id, draft.version, draft.data)
                stored = tags.set_company_tags(session, record.id, split_tag_text(draft.tag_text))
                fit_scores.refresh(session, [record.id])
            step = done.step
    return Outcome(
        SavedCompany(record, tuple(stored)), Changes.to_companies([record.id], tags=True), step
    )


def _record(company: Company, contact_count: int) -> CompanyRecord:
    values = {name: getattr(company, name) for name in COMPANY_INPUT_FIELDS}
    return CompanyRecord(
        **values,
        id=company.id,
        version=company.version,
        domain=company.domain,
        size_class=size_class(company.employees, company.turnover_eur),
        created_at=company.created_at,
        updated_at=company.updated_at,
        contact_count=contact_count,
    )


def _load(session: Session, company_id: int) -> Company:
    company = session.get(Company, company_id)
    if company is None or company.deleted_at is not None:
        raise NotFound(entity="company", id=company_id)
    return company


def _contact_count(session: Session, company_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Contact).where(Contact.company_id == company_id)
        )
        or 0
    )


def create_company(session: Session, data: CompanyInput) -> CompanyRecord:
    """Validate and store one company."""
    company = Company(**with_search_text(validate_company(data)))
    session.add(company)
    session.flush()
    return _record(company, 0)


def get_company(session: Session, company_id: int) -> CompanyRecord:
    company = _load(session, company_id)
    return _record(company, _contact_count(session, company_id))


def update_company(
    session: Session, company_id: int, expected_version: int, data: CompanyInput
) -> CompanyRecord:
    """Store the edited fields; refuse if someone saved the company since it was read."""
    values = validate_company(data)
    company = _load(session, company_id)
    if company.version != expected_version:
        raise ConcurrentEdit(entity="company", name=company.name)
    for name, value in values.items():
        setattr(company, name, value)
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConcurrentEdit(entity="company", name=company.name) from exc
    search_index.refresh(session, [company_id])
    return _record(company, _contact_count(session, company_id))


def delete_company(session: Session, company_id: int, expected_version: int | None = None) -> None:
    """Delete a company and, with it, its contacts and history."""
    company = _load(session, company_id)
    if expected_version is not None and company.version != expected_version:
        raise ConcurrentEdit(entity="company", name=company.name)
    session.delete(company)
    session.flush()


def create_companies(
    session: Session, items: Iterable[CompanyInput], *, import_batch_id: int | None = None
) -> list[int]:
    """Validate and store many companies in bulk; returns their ids in input order.

    Rows go in chunks through one INSERT each, never as ORM objects; the caller's
    transaction makes the whole lot one unit of work.
    """
    inputs = list(items)
    rows = (with_search_text(validate_company(data)) for data in inputs)
    with bulk_load.loading(session, {"companies": len(inputs)}):
        return insert_validated(session, rows, import_batch_id=import_batch_id)


def with_search_text(values: dict[str, Any], contact_names: Iterable[str] = ()) -> dict[str, Any]:
    """validate_company's values with the search text they will be found under."""
    values["search_text"] = company_search_text(
        name=values["name"],
        city=values["city"],
        postcode=values["postcode"],
        phone=values["phone"],
        domain=values["domain"],
        contact_names=contact_names,
    )
    return values


def insert_validated(
    session: Session, items: Iterable[dict[str, Any]], *, import_batch_id: int | None = None
) -> list[int]:
    """Store companies from validate_company's values plus their search text; ids in order."""
    stamps = bulk.stamps(import_batch_id)
    ids: list[int] = []
    table = cast(Table, Company.__table__)
    sqlite = session.get_bind().dialect.name == "sqlite"
    for chunk in bulk.chunks(items):
        if sqlite:
            ids.extend(_insert_sqlite(session, table, chunk, stamps))
        else:
            # Ids taken from the sequence first, so that COPY can store the rows with them.
            taken = bulk.next_ids(session, table, len(chunk))
            bulk.insert_rows(
                session,
                table,
                [{**values, "id": ident} for values, ident in zip(chunk, taken, strict=True)],
                stamps,
            )
            ids.extend(taken)
    return ids


def _insert_sqlite(
    session: Session, table: Table, chunk: list[dict[str, Any]], stamps: dict[str, Any]
) -> range:
    """One executemany; SQLite numbers the rows on from the highest id, and the write lock of
    the transaction keeps anyone else from taking ids in between. (RETURNING in input order
    would make SQLAlchemy insert row by row.)"""
    highest = session.scalar(select(func.max(table.c.id))) or 0
    bulk.insert_rows(session, table, chunk, stamps)
    after = session.scalar(select(func.max(table.c.id))) or 0
    if after != highest + len(chunk):
        raise RuntimeError("ids of bulk-inserted companies are not consecutive")
    return range(highest + 1, after + 1)
