"""The company list: search, filters, sorting and windows, all in SQL."""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    UnaryExpression,
    and_,
    bindparam,
    distinct,
    exists,
    false,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Text

from prospector import search_index
from prospector.company_filter import CompanyFilter
from prospector.company_rows import company_row
from prospector.models import Activity, Company, CompanyTag, Contact, Persona, Tag, TeamMember
from prospector.records import CompanyRow, CompanyWindow
from prospector.region import parse_postcode_areas
from prospector.search import search_parameters
from prospector.sizeclass import LIMITS, SizeClass

SORT_KEYS: dict[str, Any] = {
    "name": Company.name_key,
    "postcode": Company.postcode,
    "city": Company.city,
    "state": Company.state,
    "industry": Company.industry,
    "employees": Company.employees,
    "stage": Company.stage,
    "owner": TeamMember.name,
    "updated": Company.updated_at,
    "fit": Company.fit_score,
}


def _fits(max_employees: int, max_turnover: Decimal) -> ColumnElement[bool]:
    """Both known figures are inside the limits (the SQL twin of sizeclass.size_class)."""
    return and_(
        or_(Company.employees.is_(None), Company.employees < max_employees),
        or_(Company.turnover_eur.is_(None), Company.turnover_eur <= max_turnover),
    )


def size_condition(cls: SizeClass) -> ColumnElement[bool]:
    known = or_(Company.employees.is_not(None), Company.turnover_eur.is_not(None))
    bounds = {limit[0]: _fits(limit[1], limit[2]) for limit in LIMITS}
    order = [limit[0] for limit in LIMITS]
    if cls is SizeClass.LARGE:
        return and_(known, not_(bounds[order[-1]]))
    index = order.index(cls)
    condition = and_(known, bounds[cls])
    if index > 0:
        condition = and_(condition, not_(bounds[order[index - 1]]))
    return condition


def postcode_condition(areas: str) -> ColumnElement[bool]:
    """The postcode in one of the areas ('7, 80-85'), as text ranges; ValueError names a part
    that is none."""
    ranges = parse_postcode_areas(areas)
    if not ranges:
        return false()
    return or_(*(and_(Company.postcode >= r.low, Company.postcode < r.high) for r in ranges))


def _conditions(dialect: str, flt: CompanyFilter, search: str | None) -> list[ColumnElement[bool]]:
    """The filter's conditions; its query as a condition of the kind `search`, with bind
    parameters for the values (flt.query itself is not read)."""
    conditions: list[ColumnElement[bool]] = [Company.deleted_at.is_(None)]
    if search is not None:
        conditions.append(search_index.match(dialect, search))
    if flt.industries:
        conditions.append(Company.industry.in_(flt.industries))
    if flt.size_classes:
        conditions.append(or_(*(size_condition(c) for c in flt.size_classes)))
    if flt.countries:
        conditions.append(Company.country.in_(flt.countries))
    if flt.states:
        conditions.append(Company.state.in_(flt.states))
    if flt.postcode_areas.strip():
        conditions.append(postcode_condition(flt.postcode_areas))
    if flt.structures:
        conditions.append(Company.structure.in_(flt.structures))
    if flt.activity_types:
        conditions.append(Company.activity_type.in_(flt.activity_types))
    if flt.tag_ids:
        conditions.append(
            exists().where(CompanyTag.company_id == Company.id, CompanyTag.tag_id.in_(flt.tag_ids))
        )
    if flt.stages:
        conditions.append(Company.stage.in_(flt.stages))
    if flt.owner_ids:
        owners = [o for o in flt.owner_ids if o is not None]
        options = [Company.owner_id.in_(owners)] if owners else []
        if None in flt.owner_ids:
            options.append(Company.owner_id.is_(None))
        conditions.append(or_(*options))
    if flt.do_not_contact is not None:
        objected = exists().where(
            Contact.company_id == Company.id,
            Contact.do_not_contact.is_(True),
            Contact.deleted_at.is_(None),
        )
        conditions.append(objected if flt.do_not_contact else not_(objected))
    if flt.core_group:
        conditions.append(Company.in_core_group.is_(True))
    if flt.min_fit is not None:
        conditions.append(Company.fit_score >= flt.min_fit)
    for persona_id in flt.missing_persona_ids:
        conditions.append(
            not_(
                exists().where(
                    Contact.company_id == Company.id,
                    Contact.persona_id == persona_id,
                    Contact.deleted_at.is_(None),
                )
            )
        )
    return conditions


@dataclass(frozen=True)
class _Statement:
    """What a statement is built for (the filter without its query, and the kind of search),
    apart from the values it is run with (the query's, and the window's)."""

    dialect: str
    flt: CompanyFilter
    search: str | None
    values: dict[str, Any]

    @classmethod
    def of(cls, session: Session, flt: CompanyFilter | None) -> _Statement:
        flt = flt or CompanyFilter()
        dialect = session.get_bind().dialect.name
        found = search_parameters(flt.query, dialect)
        search, values = found if found is not None else (None, {})
        return cls(dialect, flt.without_query(), search, values)


def filtered_ids(session: Session, flt: CompanyFilter) -> Select[Any]:
    """The ids of the companies the filter lets through (for bulk actions and exports)."""
    shape = _Statement.of(session, flt)
    stmt = select(Company.id).where(*_conditions(shape.dialect, shape.flt, shape.search))
    return stmt.params(shape.values) if shape.values else stmt


def count_companies(session: Session, flt: CompanyFilter | None = None) -> int:
    shape = _Statement.of(session, flt)
    stmt = _count_statement(shape.dialect, shape.flt, shape.search)
    return session.connection().scalar(stmt, shape.values) or 0


def list_companies(
    session: Session,
    flt: CompanyFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> list[CompanyRow]:
    """One window of the filtered list, sorted in SQL, with each row's tags and follow-up."""
    shape = _Statement.of(session, flt)
    stmt = _list_statement(shape.dialect, shape.flt, shape.search, sort, descending)
    values = {**shape.values, "window_offset": offset, "window_limit": limit}
    # Through the connection: plain columns need none of the ORM's result handling.
    return [company_row(row) for row in session.connection().execute(stmt, values).all()]


def first_window(
    session: Session,
    flt: CompanyFilter | None = None,
    *,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> CompanyWindow:
    """The list's first `limit` rows and its length, in one read. A window shorter than
    `limit` is the whole list, so a narrow search needs no count."""
    rows = list_companies(session, flt, limit=limit, sort=sort, descending=descending)
    total = len(rows) if len(rows) < limit else count_companies(session, flt)
    return CompanyWindow(total, tuple(rows))


# A search of one letter and a search of words: the two kinds of statement a search box makes.
_SEARCH_KINDS = ("a", "aa")


def prepare_searches(
    session: Session,
    flt: CompanyFilter | None = None,
    *,
    sort: str = "name",
    descending: bool = False,
) -> None:
    """Count and list once (no rows) for each kind of search on top of `flt`, and forget the
    results: SQLAlchemy compiles a statement when it first runs (5 ms and more), which the first
    keystroke in the search box should not have to wait for."""
    for query in _SEARCH_KINDS:
        searched = replace(flt or CompanyFilter(), query=query)
        count_companies(session, searched)
        list_companies(session, searched, limit=0, sort=sort, descending=descending)


# While the user types, sorts and scrolls, the list runs the same few statements with other
# values: each is built once (about as long as running it on an index takes), and SQLAlchemy
# keeps the cache key of a statement object, so a reused one is found in its compiled cache at
# once.
@functools.lru_cache(maxsize=64)
def _count_statement(dialect: str, flt: CompanyFilter, search: str | None) -> Select[int]:
    return select(func.count()).select_from(Company).where(*_conditions(dialect, flt, search))


@functools.lru_cache(maxsize=64)
def _list_statement(
    dialect: str, flt: CompanyFilter, search: str | None, sort: str, descending: bool
) -> Select[Any]:
    key = SORT_KEYS[sort]
    order: list[UnaryExpression[Any]] = (
        [key.desc(), Company.id.desc()] if descending else [key.asc(), Company.id.asc()]
    )
    # First the ids of the window, from the sort index alone (OFFSET then skips index entries,
    # not joined rows), then the columns of just those rows.
    window = select(Company.id).where(*_conditions(dialect, flt, search))
    if sort == "owner":
        window = window.outerjoin(TeamMember, TeamMember.id == Company.owner_id)
    page = (
        window.order_by(*order)
        .offset(bindparam("window_offset", type_=Integer))
        .limit(bindparam("window_limit", type_=Integer))
        .subquery()
    )
    return (
        select(*_row_columns())
        .join(page, page.c.id == Company.id)
        .outerjoin(TeamMember, TeamMember.id == Company.owner_id)
        .order_by(*order)
    )


class _json_array(FunctionElement[str]):  # noqa: N801 (a SQL function, named as SQL names them)
    """The aggregated values as the text of a JSON array (NULL when there are none)."""

    type = Text()
    inherit_cache = True


@compiles(_json_array, "sqlite")
def _json_array_sqlite(element: _json_array, compiler: SQLCompiler, **kw: Any) -> str:
    return f"json_group_array({compiler.process(element.clauses, **kw)})"


@compiles(_json_array, "postgresql")
def _json_array_postgresql(element: _json_array, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(json_agg({compiler.process(element.clauses, **kw)}) AS TEXT)"


def _row_columns() -> tuple[Any, ...]:
    """The list's columns. Tags and the next open follow-up are correlated subqueries of the
    window's own query: one statement per window, where lists of 200 ids cost more to send
    than to look up. Built anew for each statement: SQLAlchemy's cache key of a statement
    depends on which of its parts are the very same objects."""
    tags = (
        select(_json_array(Tag.name))
        .join(CompanyTag, CompanyTag.tag_id == Tag.id)
        .where(CompanyTag.company_id == Company.id)
        .scalar_subquery()
    )
    next_follow_up = (
        select(func.min(Activity.due_at))
        .where(
            Activity.company_id == Company.id,
            Activity.done_at.is_(None),
            Activity.due_at.is_not(None),
        )
        .scalar_subquery()
    )
    # Persona coverage: how many of the personas a company's contacts are matched to, and how
    # many personas there are (a constant subquery, run once per statement).
    personas_known = (
        select(func.count(distinct(Contact.persona_id)))
        .where(Contact.company_id == Company.id, Contact.deleted_at.is_(None))
        .scalar_subquery()
    )
    personas_defined = select(func.count(Persona.id)).scalar_subquery()
    return (
        Company.id,
        Company.name,
        Company.postcode,
        Company.city,
        Company.state,
        Company.industry,
        Company.employees,
        Company.turnover_eur,
        Company.phone,
        Company.domain,
        Company.stage,
        TeamMember.name,
        next_follow_up,
        tags,
        Company.fit_score,
        personas_known,
        personas_defined,
    )


def distinct_values(session: Session, column: str) -> list[str]:
    """The values in use for a text column (industries, states, countries) for filter lists."""
    attribute = {"industry": Company.industry, "state": Company.state, "country": Company.country}[
        column
    ]
    stmt = (
        select(attribute)
        .where(attribute.is_not(None), Company.deleted_at.is_(None))
        .distinct()
        .order_by(attribute)
    )
    return [value for value in session.scalars(stmt) if value]
