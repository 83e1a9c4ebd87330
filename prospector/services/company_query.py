"""The company list: search, filters, sorting and windows, all in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    UnaryExpression,
    and_,
    exists,
    false,
    func,
    not_,
    or_,
    select,
)
from sqlalchemy.orm import Session

from prospector.enums import ActivityType, CompanyStage, CompanyStructure
from prospector.models import Activity, Company, CompanyTag, Contact, Tag, TeamMember
from prospector.records import CompanyRow
from prospector.region import parse_postcode_areas
from prospector.services import search_index
from prospector.sizeclass import LIMITS, SizeClass, size_class


@dataclass(frozen=True)
class CompanyFilter:
    """What the user narrowed the list to; empty fields do not filter."""

    query: str = ""
    industries: tuple[str, ...] = ()
    size_classes: tuple[SizeClass, ...] = ()
    countries: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    postcode_areas: str = ""
    structures: tuple[CompanyStructure, ...] = ()
    activity_types: tuple[ActivityType, ...] = ()
    tag_ids: tuple[int, ...] = ()
    stages: tuple[CompanyStage, ...] = ()
    owner_ids: tuple[int | None, ...] = ()  # None stands for "no owner"
    do_not_contact: bool | None = None  # True: a contact objected; False: nobody did

    def is_empty(self) -> bool:
        return self == CompanyFilter()

    def without_query(self) -> CompanyFilter:
        return CompanyFilter(**{**self.to_json(), "query": ""}) if self.query else self

    def to_json(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CompanyFilter:
        """Read a saved filter; unknown keys and bad values are dropped, not fatal."""
        values: dict[str, Any] = {}
        enum_fields = {
            "size_classes": SizeClass,
            "structures": CompanyStructure,
            "activity_types": ActivityType,
            "stages": CompanyStage,
        }
        for f in fields(cls):
            if f.name not in data:
                continue
            raw = data[f.name]
            try:
                if f.name in enum_fields:
                    values[f.name] = tuple(enum_fields[f.name](v) for v in raw)
                elif f.name in ("query", "postcode_areas"):
                    values[f.name] = str(raw)
                elif f.name == "do_not_contact":
                    values[f.name] = None if raw is None else bool(raw)
                elif f.name in ("tag_ids", "owner_ids"):
                    values[f.name] = tuple(None if v is None else int(v) for v in raw)
                else:
                    values[f.name] = tuple(str(v) for v in raw)
            except (TypeError, ValueError):
                continue
        return cls(**values)


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
}


def _fits(max_employees: int, max_turnover: Decimal) -> ColumnElement[bool]:
    """Both known figures are inside the limits (the SQL twin of sizeclass.size_class)."""
    return and_(
        or_(Company.employees.is_(None), Company.employees < max_employees),
        or_(Company.turnover_eur.is_(None), Company.turnover_eur <= max_turnover),
    )


def _size_condition(cls: SizeClass) -> ColumnElement[bool]:
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


def _conditions(session: Session, flt: CompanyFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Company.deleted_at.is_(None)]
    matched = search_index.match(session, flt.query)
    if matched is not None:
        conditions.append(matched)
    if flt.industries:
        conditions.append(Company.industry.in_(flt.industries))
    if flt.size_classes:
        conditions.append(or_(*(_size_condition(c) for c in flt.size_classes)))
    if flt.countries:
        conditions.append(Company.country.in_(flt.countries))
    if flt.states:
        conditions.append(Company.state.in_(flt.states))
    if flt.postcode_areas.strip():
        ranges = parse_postcode_areas(flt.postcode_areas)
        conditions.append(
            or_(*(and_(Company.postcode >= r.low, Company.postcode < r.high) for r in ranges))
            if ranges
            else false()
        )
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
    return conditions


def filtered_ids(session: Session, flt: CompanyFilter) -> Select[Any]:
    """The ids of the companies the filter lets through (for bulk actions and exports)."""
    return select(Company.id).where(*_conditions(session, flt))


def count_companies(session: Session, flt: CompanyFilter | None = None) -> int:
    flt = flt or CompanyFilter()
    stmt = select(func.count()).select_from(Company).where(*_conditions(session, flt))
    return session.scalar(stmt) or 0


def list_companies(
    session: Session,
    flt: CompanyFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 200,
    sort: str = "name",
    descending: bool = False,
) -> list[CompanyRow]:
    """One window of the filtered list, sorted in SQL; tags and follow-ups for that window."""
    flt = flt or CompanyFilter()
    key = SORT_KEYS[sort]
    order: list[UnaryExpression[Any]] = (
        [key.desc(), Company.id.desc()] if descending else [key.asc(), Company.id.asc()]
    )
    # First the ids of the window, from the sort index alone (OFFSET then skips index entries,
    # not joined rows), then the columns of just those rows.
    window = select(Company.id).where(*_conditions(session, flt))
    if sort == "owner":
        window = window.outerjoin(TeamMember, TeamMember.id == Company.owner_id)
    page = window.order_by(*order).offset(offset).limit(limit).subquery()
    stmt = (
        select(
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
        )
        .join(page, page.c.id == Company.id)
        .outerjoin(TeamMember, TeamMember.id == Company.owner_id)
        .order_by(*order)
    )
    rows = session.execute(stmt).all()
    ids = [row[0] for row in rows]
    tags = _tags(session, ids)
    follow_ups = _next_follow_ups(session, ids)
    return [
        CompanyRow(
            id=row[0],
            name=row[1],
            postcode=row[2],
            city=row[3],
            state=row[4],
            industry=row[5],
            employees=row[6],
            size_class=size_class(row[6], row[7]),
            phone=row[8],
            domain=row[9],
            stage=row[10],
            owner=row[11],
            next_follow_up=follow_ups.get(row[0]),
            tags=tuple(tags.get(row[0], ())),
        )
        for row in rows
    ]


def _tags(session: Session, ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    if not ids:
        return found
    stmt = (
        select(CompanyTag.company_id, Tag.name)
        .join(Tag, Tag.id == CompanyTag.tag_id)
        .where(CompanyTag.company_id.in_(ids))
        .order_by(func.lower(Tag.name))
    )
    for company_id, name in session.execute(stmt):
        found[company_id].append(name)
    return found


def _next_follow_ups(session: Session, ids: Sequence[int]) -> dict[int, Any]:
    if not ids:
        return {}
    stmt = (
        select(Activity.company_id, func.min(Activity.due_at))
        .where(
            Activity.company_id.in_(ids), Activity.done_at.is_(None), Activity.due_at.is_not(None)
        )
        .group_by(Activity.company_id)
    )
    return {company_id: due for company_id, due in session.execute(stmt)}


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
