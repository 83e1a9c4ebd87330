"""Create, read, update, delete and list contacts, of a company or of none."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector import bulk_load, search_index
from prospector.changes import Changes, Outcome
from prospector.contact_search import contact_name_key, contact_search_text
from prospector.db import Database
from prospector.enums import LeadStatus
from prospector.errors import ConcurrentEdit, NotFound
from prospector.models import Company, Contact
from prospector.records import CONTACT_INPUT_FIELDS, ContactInput, ContactRecord
from prospector.region import DEFAULT_COUNTRY
from prospector.services import bulk, cadences
from prospector.services.qualification import form_move, restage
from prospector.services.undo import contact_snapshot
from prospector.undo import UndoKind, UndoStep
from prospector.validation import validate_contact

_TABLE = cast(Table, Contact.__table__)


def _record(contact: Contact) -> ContactRecord:
    values = {name: getattr(contact, name) for name in CONTACT_INPUT_FIELDS}
    return ContactRecord(
        **values,
        id=contact.id,
        version=contact.version,
        created_at=contact.created_at,
        updated_at=contact.updated_at,
    )


def _display_name(contact: Contact) -> str:
    return " ".join(part for part in (contact.first_name, contact.last_name) if part)


def _load(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise NotFound(entity="contact", id=contact_id)
    return contact


def _check_company(session: Session, company_id: int | None) -> None:
    if company_id is None:
        return  # a person without a company
    company = session.get(Company, company_id)
    if company is None or company.deleted_at is not None:
        raise NotFound(entity="company", id=company_id)


def _region(session: Session, company_id: int | None) -> str:
    """The country the contact's phone numbers are read in: their company's, else ours."""
    company = None if company_id is None else session.get(Company, company_id)
    return DEFAULT_COUNTRY if company is None else company.country


def create_contact(session: Session, data: ContactInput) -> ContactRecord:
    values = validate_contact(data, _region(session, data.company_id))
    _check_company(session, data.company_id)
    contact = Contact(**values)
    session.add(contact)
    session.flush()
    search_index.refresh(session, [contact.company_id])
    return _record(contact)


def get_contact(session: Session, contact_id: int) -> ContactRecord:
    return _record(_load(session, contact_id))


def update_contact(
    session: Session,
    contact_id: int,
    expected_version: int,
    data: ContactInput,
    *,
    by_id: int | None = None,
) -> ContactRecord:
    values = validate_contact(data, _region(session, data.company_id))
    contact = _load(session, contact_id)
    if contact.version != expected_version:
        raise ConcurrentEdit(entity="contact", name=_display_name(contact))
    # A new status is a lead's move: allowed or refused by the same rules as the checklist.
    form_move(session, contact, values["lead_status"], values["company_id"], by_id)
    before = contact.company_id
    if values["company_id"] != before:
        _check_company(session, values["company_id"])
    for name, value in values.items():
        setattr(contact, name, value)
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConcurrentEdit(entity="contact", name=_display_name(contact)) from exc
    search_index.refresh(session, {before, contact.company_id})
    return _record(contact)


def save_contact(
    db: Database,
    data: ContactInput,
    contact_id: int | None = None,
    expected_version: int = 0,
    *,
    by_id: int | None = None,
) -> Outcome[ContactRecord]:
    """Create the contact, or update the stored one as read at `expected_version`; `by_id`
    is the team member who did it, for the lead's history."""
    with db.writing() as session:
        moved_from: int | None
        status_before = LeadStatus.CONTACT  # where a new person starts
        if contact_id is None:
            record = create_contact(session, data)
            moved_from = record.company_id
            step = None
        else:
            stored = _load(session, contact_id)
            moved_from, status_before = stored.company_id, stored.lead_status
            before = contact_snapshot(session, [contact_id])
            record = update_contact(session, contact_id, expected_version, data, by_id=by_id)
            session.flush()
            after = contact_snapshot(session, [contact_id])
            name = " ".join(p for p in (record.first_name, record.last_name) if p)
            step = (
                UndoStep(UndoKind.CONTACT_EDIT, 1, name, before, after) if before != after else None
            )
        # The companies' stages follow their people's statuses; a stage set by hand stays
        # while nobody's status changes.
        if record.lead_status is not status_before or moved_from != record.company_id:
            restage(session, {moved_from, record.company_id})
        cadences.settle(session, [record.id])
    return Outcome(record, _changes((moved_from, record.company_id)), step)


def delete_contact(
    db: Database, contact_id: int, expected_version: int | None = None
) -> Outcome[None]:
    """Delete the contact for good, unless someone changed it since `expected_version`."""
    with db.writing() as session:
        contact = _load(session, contact_id)
        if expected_version is not None and contact.version != expected_version:
            raise ConcurrentEdit(entity="contact", name=_display_name(contact))
        company_id = contact.company_id
        session.delete(contact)
        session.flush()
        search_index.refresh(session, [company_id])
        restage(session, {company_id})  # the person may have been its lead
    return Outcome(None, _changes((company_id,)))


def _changes(company_ids: tuple[int | None, ...]) -> Changes:
    """Contacts changed, and with them their companies' search text and contact counts; a
    person without a company before and after touched no company."""
    if all(ident is None for ident in company_ids):
        return Changes(contacts=True)
    return Changes.to_companies(company_ids, contacts=True)


def list_contacts(session: Session, company_id: int) -> list[ContactRecord]:
    stmt = (
        select(Contact)
        .where(Contact.company_id == company_id, Contact.deleted_at.is_(None))
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
    )
    return [_record(contact) for contact in session.scalars(stmt)]


def create_contacts(
    session: Session, items: Iterable[ContactInput], *, import_batch_id: int | None = None
) -> int:
    """Validate and store many contacts in bulk (their companies, where given, must exist)."""
    inputs = list(items)
    rows = (validate_contact(data) for data in inputs)
    with bulk_load.loading(session, {"contacts": len(inputs)}):
        count, companies = insert_validated(session, rows, import_batch_id=import_batch_id)
    search_index.refresh(session, companies)
    return count


def insert_validated(
    session: Session, items: Iterable[dict[str, Any]], *, import_batch_id: int | None = None
) -> tuple[int, set[int]]:
    """Store contacts from validate_contact's values, company_id set (None: no company), with
    their sort keys and search words; returns how many, and their companies, whose search
    text the caller brings up to date."""
    stamps = bulk.stamps(import_batch_id)
    count = 0
    companies: set[int] = set()
    for chunk in bulk.chunks(_keyed(values) for values in items):
        companies.update(v["company_id"] for v in chunk if v["company_id"] is not None)
        bulk.insert_rows(session, _TABLE, chunk, stamps)
        count += len(chunk)
    return count, companies


def _keyed(values: dict[str, Any]) -> dict[str, Any]:
    """The values with what the ORM's flush would derive from them (see models._index_contact)."""
    get = values.get
    return {
        **values,
        "name_key": contact_name_key(get("first_name"), values["last_name"]),
        "search_text": contact_search_text(
            first_name=get("first_name"),
            last_name=values["last_name"],
            job_title=get("job_title"),
            department=get("department"),
            email=get("email"),
            phone=get("phone"),
            mobile=get("mobile"),
        ),
    }
