"""The contact list: search, the filter for people without a company, sorting and windows,
all in SQL."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    UnaryExpression,
    bindparam,
    func,
    or_,
    select,
)
from sqlalchemy.orm import Session

from prospector import search_index
from prospector.enums import LeadStatus
from prospector.models import Company, Contact, TeamMember
from prospector.records import ContactRow
from prospector.search import search_parameters


@dataclass(frozen=True)
class ContactFilter:
    """What the user narrowed the contact list to."""

    query: str = ""
    without_company: bool = False  # only people who belong to no company
    owner_id: int | None = None  # only this team member's people ("my leads")
    statuses: frozenset[LeadStatus] = frozenset()  # only people in these lead statuses


@dataclass(frozen=True)
class ContactListQuery:
    """What the contact list shows: the filter (with the search text) and the order."""

    filter: ContactFilter = ContactFilter()
    sort: str = "name"
    descending: bool = False


# The columns the list sorts by, each quick on an index; "company" sorts people by their
# company's name (see _company_windows), those without one last.
SORT_KEYS: dict[str, Any] = {
    "name": Contact.name_key,
    "company": Company.name_key,
    "email": Contact.email,
    "lead_status": Contact.lead_status,
}


@dataclass(frozen=True)
class _Shape:
    """What a statement is built for, apart from the values it runs with."""

    dialect: str
    without_company: bool
    search: str | None  # the kind of search condition, if the query asks for one
    by_owner: bool = False  # the owner's id is a bound value
    statuses: tuple[LeadStatus, ...] = ()


def _shape(session: Session, flt: ContactFilter | None) -> tuple[_Shape, dict[str, Any]]:
    flt = flt or ContactFilter()
    dialect = session.get_bind().dialect.name
    found = search_parameters(flt.query, dialect)
    search, text = found if found is not None else (None, {})
    values: dict[str, Any] = dict(text)
    if flt.owner_id is not None:
        values["owner_id"] = flt.owner_id
    statuses = tuple(sorted(flt.statuses))
    return _Shape(dialect, flt.without_company, search, flt.owner_id is not None, statuses), values


def _match(dialect: str, kind: str) -> ColumnElement[bool]:
    """The condition for a search of `kind` (search.LETTER or search.WORDS), its values left
    as bind parameters that search.search_parameters gives: as the company list searches."""
    return search_index.search_condition(Contact, dialect, kind)


def _conditions(shape: _Shape, *, company_joined: bool = False) -> list[ColumnElement[bool]]:
    """Live contacts whose company, if they have one, is not in the trash (they wait there
    with it), narrowed as `shape` says; `company_joined`: the statement joins the company
    and checks the trash itself."""
    conditions: list[ColumnElement[bool]] = [Contact.deleted_at.is_(None)]
    if shape.without_company:
        conditions.append(Contact.company_id.is_(None))
    elif not company_joined:
        trashed = select(Company.id).where(Company.deleted_at.is_not(None))
        conditions.append(or_(Contact.company_id.is_(None), Contact.company_id.not_in(trashed)))
    if shape.search is not None:
        conditions.append(_match(shape.dialect, shape.search))
    if shape.by_owner:
        conditions.append(Contact.owner_id == bindparam("owner_id", type_=Integer))
    if shape.statuses:
        conditions.append(Contact.lead_status.in_(shape.statuses))
    return conditions


def count_contacts(session: Session, flt: ContactFilter | None = None) -> int:
    shape, values = _shape(session, flt)
    return session.connection().scalar(_count_statement(shape), values) or 0


def list_contact_rows(
    session: Session,
    flt: ContactFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> list[ContactRow]:
    """One window of the filtered list, sorted in SQL."""
    shape, values = _shape(session, flt)
    if sort == "company" and not shape.without_company:
        return _company_windows(session, shape, values, offset, limit, descending)
    if sort == "company":
        sort = "name"  # nobody in this list has a company
    return _rows(session, _list_statement(shape, sort, descending), values, offset, limit)


def _company_windows(
    session: Session,
    shape: _Shape,
    values: dict[str, Any],
    offset: int,
    limit: int,
    descending: bool,
) -> list[ContactRow]:
    """The window sorted by company: the people of companies (read along the companies' name
    index), then those without one by name. Sorting all contacts by a joined name instead
    takes a third of a second on 200,000."""
    linked = _rows(session, _linked_statement(shape, descending), values, offset, limit)
    if len(linked) == limit:
        return linked
    alone = replace(shape, without_company=True)
    if linked:
        start = 0
    else:
        # The window begins after the people of companies: count them to know where.
        everyone = session.connection().scalar(_count_statement(shape), values) or 0
        without = session.connection().scalar(_count_statement(alone), values) or 0
        start = offset - (everyone - without)
    rest = _list_statement(alone, "name", descending)
    return linked + _rows(session, rest, values, max(start, 0), limit - len(linked))


def _rows(
    session: Session, stmt: Select[Any], values: dict[str, Any], offset: int, limit: int
) -> list[ContactRow]:
    window = {**values, "window_offset": offset, "window_limit": limit}
    return [
        ContactRow(
            id=row[0],
            last_name=row[1],
            first_name=row[2],
            academic_title=row[3],
            company_id=row[4],
            company=row[5],
            job_title=row[6],
            phone=row[7],
            mobile=row[8],
            email=row[9],
            lead_status=row[10],
            owner=row[11],
            do_not_contact=bool(row[12]),
        )
        for row in session.connection().execute(stmt, window).all()
    ]


@dataclass(frozen=True)
class ContactWindow:
    """The first window of the list, and how many contacts the whole list has."""

    total: int
    rows: tuple[ContactRow, ...]


def first_window(
    session: Session,
    flt: ContactFilter | None = None,
    *,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> ContactWindow:
    """The list's first `limit` rows and its length, in one read. A window shorter than
    `limit` is the whole list, so a narrow search needs no count."""
    rows = list_contact_rows(session, flt, limit=limit, sort=sort, descending=descending)
    total = len(rows) if len(rows) < limit else count_contacts(session, flt)
    return ContactWindow(total, tuple(rows))


# Built once per shape and reused (see company_query: SQLAlchemy then finds a reused statement
# in its compiled cache at once).
@functools.lru_cache(maxsize=16)
def _count_statement(shape: _Shape) -> Select[Any]:
    return select(func.count()).select_from(Contact).where(*_conditions(shape))


def _ordered(keys: tuple[Any, ...], descending: bool) -> list[UnaryExpression[Any]]:
    return [key.desc() if descending else key.asc() for key in keys]


@functools.lru_cache(maxsize=64)
def _list_statement(shape: _Shape, sort: str, descending: bool) -> Select[Any]:
    order = _ordered((SORT_KEYS[sort], Contact.id), descending)
    if sort == "email":
        # Empty cells last either way, on SQLite as on PostgreSQL (their defaults differ).
        order[0] = order[0].nulls_last()
    # First the ids of the window, from the sort index (OFFSET then skips index entries, not
    # joined rows), then the columns of just those rows.
    window = select(Contact.id).where(*_conditions(shape))
    return _columns(_page(window.order_by(*order)), order)


@functools.lru_cache(maxsize=16)
def _linked_statement(shape: _Shape, descending: bool) -> Select[Any]:
    """The people of companies not in the trash, by company name, then by their own."""
    order = _ordered((Company.name_key, Company.id, Contact.name_key, Contact.id), descending)
    window = (
        select(Contact.id)
        .join(Company, Company.id == Contact.company_id)
        .where(Company.deleted_at.is_(None), *_conditions(shape, company_joined=True))
    )
    return _columns(_page(window.order_by(*order)), order)


def _page(window: Select[Any]) -> Any:
    return (
        window.offset(bindparam("window_offset", type_=Integer))
        .limit(bindparam("window_limit", type_=Integer))
        .subquery()
    )


def _columns(page: Any, order: list[UnaryExpression[Any]]) -> Select[Any]:
    """What the list shows of the contacts in `page`, in `order`."""
    columns: tuple[Any, ...] = (
        Contact.id,
        Contact.last_name,
        Contact.first_name,
        Contact.academic_title,
        Contact.company_id,
        Company.name,
        Contact.job_title,
        Contact.phone,
        Contact.mobile,
        Contact.email,
        Contact.lead_status,
        TeamMember.name,
        Contact.do_not_contact,
    )
    return (
        select(*columns)
        .join(page, page.c.id == Contact.id)
        .outerjoin(Company, Company.id == Contact.company_id)
        .outerjoin(TeamMember, TeamMember.id == Contact.owner_id)
        .order_by(*order)
    )
