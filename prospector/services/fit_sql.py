"""The criteria of a profile as SQL conditions on companies: the twin of prospector.fit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    and_,
    case,
    exists,
    false,
    func,
    literal,
    not_,
    or_,
    select,
    true,
)

from prospector.fit import industry_prefixes
from prospector.icp import Criterion, CriterionKind, Profile
from prospector.models import Company, CompanyTag, Tag
from prospector.services.company_query import postcode_condition, size_condition
from prospector.sizeclass import SizeClass

# A condition may be NULL where a value is unknown (employees >= 10 on NULL): every use below
# reads it through CASE WHEN, where NULL counts as not met, as prospector.fit has it.


def condition(criterion: Criterion) -> ColumnElement[bool]:
    kind = criterion.kind
    if kind is CriterionKind.INDUSTRY:
        return _industry(criterion)
    if kind is CriterionKind.EMPLOYEES:
        return _range(
            Company.employees,
            None if criterion.low is None else int(criterion.low),
            None if criterion.high is None else int(criterion.high),
        )
    if kind is CriterionKind.TURNOVER:
        return _range(Company.turnover_eur, criterion.low, criterion.high)
    if kind is CriterionKind.SIZE_CLASS:
        return or_(*(size_condition(SizeClass(v)) for v in criterion.values))
    if kind is CriterionKind.STRUCTURE:
        return Company.structure.in_(criterion.values)
    if kind is CriterionKind.ACTIVITY:
        return Company.activity_type.in_(criterion.values)
    if kind is CriterionKind.REGION:
        return _region(criterion)
    tagged = (
        select(func.count())
        .select_from(CompanyTag)
        .join(Tag, Tag.id == CompanyTag.tag_id)
        .where(CompanyTag.company_id == Company.id, Tag.name.in_(criterion.values))
        .scalar_subquery()
    )
    if kind is CriterionKind.TAGS_REQUIRED:
        return tagged == len(set(criterion.values))
    return not_(
        exists().where(
            CompanyTag.company_id == Company.id,
            CompanyTag.tag_id.in_(select(Tag.id).where(Tag.name.in_(criterion.values))),
        )
    )


def met(criterion: Criterion) -> ColumnElement[int]:
    """1 where the criterion is met, else 0 (also where a value is unknown)."""
    return case((condition(criterion), 1), else_=0)


def all_met(criteria: tuple[Criterion, ...]) -> ColumnElement[bool]:
    """Every one of the criteria is met; true for none."""
    if not criteria:
        return true()
    return and_(*(condition(c) for c in criteria))


def score_expression(profile: Profile) -> ColumnElement[int]:
    """The fit score of prospector.fit.score in SQL: integer arithmetic only, so that SQLite
    and PostgreSQL round alike."""
    shoulds = profile.shoulds
    total = sum(c.weight for c in shoulds)
    if total == 0:
        inside: ColumnElement[Any] = literal(100, Integer)
    else:
        weighted = sum(
            (case((condition(c), c.weight), else_=0) for c in shoulds),
            start=literal(0, Integer),
        )
        inside = (weighted * 200 + total) // (2 * total)
    return case((all_met(profile.musts), inside), else_=0)


def _range(column: Any, low: Any, high: Any) -> ColumnElement[bool]:
    parts = []
    if low is not None:
        parts.append(column >= low)
    if high is not None:
        parts.append(column <= high)
    return and_(*parts)


def _industry(criterion: Criterion) -> ColumnElement[bool]:
    options: list[ColumnElement[bool]] = []
    if criterion.names:
        options.append(Company.industry.in_(criterion.names))
    # Prefixes of one length in one IN list: a section stands for two dozen divisions, and
    # one comparison per row and length is what keeps a pass over 100,000 companies short.
    by_length: dict[int, list[str]] = {}
    for prefix in industry_prefixes(criterion.codes):
        by_length.setdefault(len(prefix), []).append(prefix)
    for length, prefixes in sorted(by_length.items()):
        options.append(func.substr(Company.wz_code, 1, length).in_(prefixes))
    return or_(*options) if options else false()


def _region(criterion: Criterion) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = []
    if criterion.countries:
        parts.append(Company.country.in_(criterion.countries))
    if criterion.states:
        parts.append(Company.state.in_(criterion.states))
    if criterion.postcode_areas.strip():
        parts.append(postcode_condition(criterion.postcode_areas))
    return and_(*parts)
