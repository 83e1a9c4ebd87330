"""The rows of an export read from SQL: the companies of a view in windows, with their
contacts, tags and activities, and the persons without a company."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Generator, Sequence
from typing import Any

from sqlalchemy import Enum, String, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session

from prospector.company_filter import CompanyFilter
from prospector.exchange.columns import CONTACT_ATTRIBUTES
from prospector.exchange.export_rows import (
    COMPANY_ATTRIBUTES,
    CONTACT_KEYS,
    STORED_COMPANY_KEYS,
    Chunk,
    Row,
    RowCells,
    company_name,
)
from prospector.models import Activity, Company, CompanyTag, Contact, Tag, TeamMember
from prospector.services.company_query import filtered_ids

# Companies per window: each window costs one query for its contacts, tags and activities.
CHUNK = 1_000


def _raw(column: InstrumentedAttribute[Any]) -> Any:
    """Enum columns as their stored text: what the export writes, without the detour."""
    return type_coerce(column, String) if isinstance(column.type, Enum) else column


def _company_columns() -> list[InstrumentedAttribute[Any]]:
    return [_raw(getattr(Company, COMPANY_ATTRIBUTES.get(k, k))) for k in STORED_COMPANY_KEYS]


def _contact_columns() -> list[InstrumentedAttribute[Any]]:
    return [_raw(getattr(Contact, CONTACT_ATTRIBUTES.get(k, k))) for k in CONTACT_KEYS]


def _owners(session: Session) -> dict[int, str]:
    """The team's names by id: a company's owner is written by name."""
    return {ident: name for ident, name in session.execute(select(TeamMember.id, TeamMember.name))}


def _tags(session: Session, ids: Sequence[int]) -> dict[int, str]:
    stmt = (
        select(CompanyTag.company_id, Tag.name)
        .join(Tag, Tag.id == CompanyTag.tag_id)
        .where(CompanyTag.company_id.in_(ids))
        .order_by(CompanyTag.company_id, func.lower(Tag.name))
    )
    names: dict[int, list[str]] = defaultdict(list)
    for company_id, name in session.execute(stmt):
        names[company_id].append(name)
    return {company_id: ", ".join(found) for company_id, found in names.items()}


def _contacts(
    session: Session, cells: RowCells, ids: Sequence[int], names: dict[int, str]
) -> dict[int, list[Row]]:
    stmt = (
        select(Contact.company_id, Contact.id, *_contact_columns())
        .where(Contact.company_id.in_(ids), Contact.deleted_at.is_(None))
        .order_by(Contact.company_id, Contact.last_name, Contact.first_name, Contact.id)
    )
    rows: dict[int, list[Row]] = defaultdict(list)
    for company_id, contact_id, *values in session.execute(stmt):
        rows[company_id].append(
            cells.contact_row(company_id, contact_id, names[company_id], values)
        )
    return rows


def _activities(session: Session, cells: RowCells, ids: Sequence[int]) -> dict[int, list[Row]]:
    when = func.coalesce(Activity.done_at, Activity.due_at, Activity.created_at)
    stmt = (
        select(
            Activity.company_id,
            Activity.contact_id,
            Activity.id,
            _raw(Activity.kind),
            Activity.subject,
            Activity.due_at,
            Activity.done_at,
            _raw(Activity.outcome),
            Activity.notes,
            Activity.owner_id,
        )
        .where(Activity.company_id.in_(ids))
        .order_by(Activity.company_id, when, Activity.id)
    )
    rows: dict[int, list[Row]] = defaultdict(list)
    for company_id, *values in session.execute(stmt):
        rows[company_id].append(cells.activity_row(company_id, *values))
    return rows


def _company_query(session: Session, flt: CompanyFilter) -> Any:
    # The view's own select of ids widened by the columns, rather than "id IN (that select)":
    # so SQLite walks the partial name index in order instead of sorting every row in memory.
    return (
        filtered_ids(session, flt)
        .add_columns(*_company_columns())
        .order_by(Company.name_key, Company.id)
        .execution_options(yield_per=CHUNK)
    )


def chunks(session: Session, flt: CompanyFilter | None = None) -> Generator[Chunk, None, None]:
    """The filtered live companies sorted by name, in windows of CHUNK, with their rows; an
    export of everything (no filter) ends with the persons without a company.

    One streamed query reads the companies (a server-side cursor on PostgreSQL, SQLite's lazy
    cursor); each window adds three queries for its tags, contacts and activities, so memory
    holds one window and never ORM objects. The cells speak the language of the moment the
    export starts.
    """
    flt = flt or CompanyFilter()
    cells = RowCells(_owners(session))
    result = session.execute(_company_query(session, flt))
    try:
        for partition in result.partitions():
            yield _chunk(session, cells, [tuple(row) for row in partition])
    finally:
        # A stopped export must not leave PostgreSQL's server-side cursor open.
        result.close()
    if flt.is_empty():
        yield from _unlinked(session, cells)


def _chunk(session: Session, cells: RowCells, partition: list[Row]) -> Chunk:
    ids = [row[0] for row in partition]
    tags = _tags(session, ids)
    names: dict[int, str] = {}
    company_rows: list[Row] = []
    for company_id, *values in partition:
        row = cells.company_row(company_id, values, tags.get(company_id))
        names[company_id] = company_name(row)
        company_rows.append(row)
    contacts = _contacts(session, cells, ids, names)
    activities = _activities(session, cells, ids)
    return Chunk(
        companies=company_rows,
        contacts=[row for company_id in ids for row in contacts.get(company_id, ())],
        activities=[row for company_id in ids for row in activities.get(company_id, ())],
    )


def _unlinked(session: Session, cells: RowCells) -> Generator[Chunk, None, None]:
    """The live persons without a company (an address book's), in windows, by name: their
    company's ID and name are empty."""
    stmt = (
        select(Contact.id, *_contact_columns())
        .where(Contact.company_id.is_(None), Contact.deleted_at.is_(None))
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
        .execution_options(yield_per=CHUNK)
    )
    result = session.execute(stmt)
    try:
        for partition in result.partitions():
            rows = [cells.contact_row(None, ident, None, values) for ident, *values in partition]
            yield Chunk(companies=[], contacts=rows, activities=[])
    finally:
        result.close()
