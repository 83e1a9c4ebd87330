"""Create, read, update, delete and list the contacts of a company."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector.errors import ConcurrentEdit, NotFound
from prospector.models import Company, Contact, utcnow
from prospector.records import CONTACT_INPUT_FIELDS, ContactInput, ContactRecord
from prospector.services import search_index
from prospector.services.companies import BULK_CHUNK
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


def _check_company(session: Session, company_id: int) -> None:
    company = session.get(Company, company_id)
    if company is None or company.deleted_at is not None:
        raise NotFound(entity="company", id=company_id)


def create_contact(session: Session, data: ContactInput) -> ContactRecord:
    values = validate_contact(data)
    _check_company(session, data.company_id)
    contact = Contact(**values)
    session.add(contact)
    session.flush()
    search_index.refresh(session, [contact.company_id])
    return _record(contact)


def get_contact(session: Session, contact_id: int) -> ContactRecord:
    return _record(_load(session, contact_id))


def update_contact(
    session: Session, contact_id: int, expected_version: int, data: ContactInput
) -> ContactRecord:
    values = validate_contact(data)
    contact = _load(session, contact_id)
    if contact.version != expected_version:
        raise ConcurrentEdit(entity="contact", name=_display_name(contact))
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


def delete_contact(session: Session, contact_id: int, expected_version: int | None = None) -> None:
    contact = _load(session, contact_id)
    if expected_version is not None and contact.version != expected_version:
        raise ConcurrentEdit(entity="contact", name=_display_name(contact))
    company_id = contact.company_id
    session.delete(contact)
    session.flush()
    search_index.refresh(session, [company_id])


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
    """Validate and store many contacts in bulk (their companies must exist)."""
    now = utcnow()
    count = 0
    companies: set[int] = set()

    def rows() -> Iterator[dict[str, Any]]:
        for data in items:
            values = validate_contact(data)
            values.update(
                created_at=now, updated_at=now, version=1, import_batch_id=import_batch_id
            )
            companies.add(data.company_id)
            yield values

    chunk: list[dict[str, Any]] = []
    for values in rows():
        chunk.append(values)
        if len(chunk) >= BULK_CHUNK:
            session.execute(insert(_TABLE), chunk)
            count += len(chunk)
            chunk = []
    if chunk:
        session.execute(insert(_TABLE), chunk)
        count += len(chunk)
    search_index.refresh(session, companies)
    return count
