"""Create, read, update, delete and list companies."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from sqlalchemy import Table, UnaryExpression, func, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector.errors import ConcurrentEdit, NotFound
from prospector.models import Company, Contact, utcnow
from prospector.records import COMPANY_INPUT_FIELDS, CompanyInput, CompanyRecord, CompanyRow
from prospector.sizeclass import size_class
from prospector.validation import validate_company

# Rows per statement when creating many companies: big enough to amortise, small enough for RAM.
BULK_CHUNK = 5_000

SORT_COLUMNS = {
    "name": Company.name_key,
    "postcode": Company.postcode,
    "city": Company.city,
    "state": Company.state,
    "industry": Company.industry,
    "employees": Company.employees,
    "updated": Company.updated_at,
}


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
    company = Company(**validate_company(data))
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
    return _record(company, _contact_count(session, company_id))


def delete_company(session: Session, company_id: int, expected_version: int | None = None) -> None:
    """Delete a company and, with it, its contacts and history."""
    company = _load(session, company_id)
    if expected_version is not None and company.version != expected_version:
        raise ConcurrentEdit(entity="company", name=company.name)
    session.delete(company)
    session.flush()


def count_companies(session: Session) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(Company).where(Company.deleted_at.is_(None))
        )
        or 0
    )


def list_companies(
    session: Session,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> list[CompanyRow]:
    """One window of the company list, sorted in SQL."""
    column = SORT_COLUMNS[sort]
    order: list[UnaryExpression[Any]] = (
        [column.desc(), Company.id.desc()] if descending else [column.asc(), Company.id.asc()]
    )
    stmt = (
        select(
            Company.id,
            Company.name,
            Company.postcode,
            Company.city,
            Company.state,
            Company.industry,
            Company.employees,
            Company.phone,
            Company.domain,
        )
        .where(Company.deleted_at.is_(None))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return [CompanyRow(*row) for row in session.execute(stmt)]


def _chunks(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def create_companies(session: Session, items: Iterable[CompanyInput]) -> list[int]:
    """Validate and store many companies in bulk; returns their ids in input order.

    Rows go in chunks through one INSERT each, never as ORM objects; the caller's
    transaction makes the whole lot one unit of work.
    """
    now = utcnow()
    ids: list[int] = []

    def rows() -> Iterator[dict[str, Any]]:
        for data in items:
            values = validate_company(data)
            values.update(created_at=now, updated_at=now, version=1)
            yield values

    table = cast(Table, Company.__table__)
    for chunk in _chunks(rows(), BULK_CHUNK):
        result = session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), chunk
        )
        ids.extend(result.scalars())
    return ids
