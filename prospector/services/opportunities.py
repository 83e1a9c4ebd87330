"""Opportunities: the pipeline's columns and sums, the list, and moving a deal on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVarTuple

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.exc import StaleDataError

from prospector import normalize
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import LostReason, OpportunityStage
from prospector.errors import ConcurrentEdit, FieldProblem, NotFound, ValidationFailed
from prospector.models import Company, Contact, Opportunity, TeamMember
from prospector.services import pipeline_settings
from prospector.services.qualification import TITLE_LIMIT, restage

Ts = TypeVarTuple("Ts")
# Cards a pipeline column shows; the list view shows them all.
COLUMN_LIMIT = 200
CENT = Decimal("0.01")
MAX_VALUE = Decimal("999999999999.99")


@dataclass(frozen=True)
class OpportunityFilter:
    owner_id: int | None = None
    stages: frozenset[OpportunityStage] = frozenset()
    text: str = ""  # words of the title or the company's name
    closing_until: dt.date | None = None


@dataclass(frozen=True)
class OpportunityRow:
    id: int
    title: str
    company_id: int
    company: str
    contact_id: int | None
    contact: str | None
    stage: OpportunityStage
    value_eur: Decimal | None
    probability: int | None
    expected_close_on: dt.date | None
    closed_on: dt.date | None
    owner_id: int | None
    owner: str | None
    lost_reason_code: LostReason | None
    lost_reason: str | None
    offer: str | None
    version: int

    @property
    def weighted_eur(self) -> Decimal | None:
        if self.value_eur is None or self.probability is None:
            return None
        return (self.value_eur * self.probability / 100).quantize(CENT)


@dataclass(frozen=True)
class StageColumn:
    """One column of the pipeline: how many deals, their value and their weighted value."""

    stage: OpportunityStage
    count: int
    total_eur: Decimal
    weighted_eur: Decimal
    rows: tuple[OpportunityRow, ...]  # at most COLUMN_LIMIT, the soonest to close first


@dataclass(frozen=True)
class Pipeline:
    columns: tuple[StageColumn, ...]
    lost_reasons: tuple[tuple[LostReason | None, int], ...]  # most frequent first

    def column(self, stage: OpportunityStage) -> StageColumn:
        return next(c for c in self.columns if c.stage is stage)


def _words(flt: OpportunityFilter) -> list[str]:
    return normalize.fold(flt.text).split()


def _conditions(flt: OpportunityFilter) -> list[ColumnElement[bool]]:
    """The filter's conditions; text words need the company joined (its folded name)."""
    # Deals of companies in the trash are left out: the few trashed ids come from their
    # partial index once, where a join would look up the company of every deal.
    trashed = select(Company.id).where(Company.deleted_at.is_not(None))
    found: list[ColumnElement[bool]] = [Opportunity.company_id.not_in(trashed)]
    if flt.owner_id is not None:
        found.append(Opportunity.owner_id == flt.owner_id)
    if flt.stages:
        found.append(Opportunity.stage.in_(flt.stages))
    if flt.closing_until is not None:
        found.append(Opportunity.expected_close_on <= flt.closing_until)
    for word in _words(flt):
        pattern = f"%{word}%"
        # name_key is folded already; the title is matched without case.
        found.append(Company.name_key.like(pattern) | func.lower(Opportunity.title).like(pattern))
    return found


def _rows_statement() -> Select[Opportunity, str, str | None, str, str | None]:
    """The deals with the names a card or a line shows."""
    person = aliased(Contact)
    return (
        select(
            Opportunity,
            Company.name,
            person.first_name,
            person.last_name,
            TeamMember.name,
        )
        .join(Company, Company.id == Opportunity.company_id)
        .outerjoin(person, person.id == Opportunity.contact_id)
        .outerjoin(TeamMember, TeamMember.id == Opportunity.owner_id)
    )


def _filtered(stmt: Select[*Ts], flt: OpportunityFilter) -> Select[*Ts]:
    """`stmt` (over opportunities) narrowed by the filter, joining the company only when
    words of its name are asked for."""
    if _words(flt):
        stmt = stmt.join(Company, Company.id == Opportunity.company_id)
    return stmt.where(*_conditions(flt))


def _row(found: tuple[object, ...]) -> OpportunityRow:
    opportunity, company, first, last, owner = found
    assert isinstance(opportunity, Opportunity)
    contact = " ".join(str(p) for p in (first, last) if p) or None
    return OpportunityRow(
        id=opportunity.id,
        title=opportunity.title,
        company_id=opportunity.company_id,
        company=str(company),
        contact_id=opportunity.contact_id,
        contact=contact,
        stage=opportunity.stage,
        value_eur=opportunity.value_eur,
        probability=opportunity.probability,
        expected_close_on=opportunity.expected_close_on,
        closed_on=opportunity.closed_on,
        owner_id=opportunity.owner_id,
        owner=str(owner) if owner is not None else None,
        lost_reason_code=opportunity.lost_reason_code,
        lost_reason=opportunity.lost_reason,
        offer=opportunity.offer,
        version=opportunity.version,
    )


def _order() -> tuple[Any, ...]:
    # Open deals by when they close (undated last), closed ones newest first.
    return (
        Opportunity.expected_close_on.is_(None),
        Opportunity.expected_close_on,
        Opportunity.closed_on.desc(),
        Opportunity.id.desc(),
    )


def list_opportunities(
    session: Session, flt: OpportunityFilter = OpportunityFilter(), *, limit: int | None = None
) -> list[OpportunityRow]:
    # The window's ids first, from the deals alone; then the names of just those.
    ids = _filtered(select(Opportunity.id), flt).order_by(*_order())
    if limit is not None:
        ids = ids.limit(limit)
    window = ids.subquery()
    stmt = _rows_statement().join(window, window.c.id == Opportunity.id).order_by(*_order())
    return [_row(tuple(r)) for r in session.execute(stmt)]


def stage_sums(
    session: Session, flt: OpportunityFilter = OpportunityFilter()
) -> dict[OpportunityStage, tuple[int, Decimal, Decimal]]:
    """Count, value and weighted value per stage, in one aggregate."""
    value = func.coalesce(Opportunity.value_eur, 0)
    weighted = value * func.coalesce(Opportunity.probability, 0) / 100
    sums = select(
        Opportunity.stage,
        func.count(),
        func.coalesce(func.sum(value), 0),
        func.coalesce(func.sum(weighted), 0),
    )
    rows = session.execute(_filtered(sums, flt).group_by(Opportunity.stage))
    found = {stage: (0, Decimal(0), Decimal(0)) for stage in OpportunityStage}
    for stage, count, total, weight in rows:
        found[stage] = (
            int(count),
            Decimal(total).quantize(CENT),
            Decimal(weight).quantize(CENT),
        )
    return found


def lost_reasons(
    session: Session, flt: OpportunityFilter = OpportunityFilter()
) -> list[tuple[LostReason | None, int]]:
    counts = select(Opportunity.lost_reason_code, func.count()).where(
        Opportunity.stage == OpportunityStage.LOST
    )
    rows = session.execute(_filtered(counts, flt).group_by(Opportunity.lost_reason_code))
    counted = [(reason, int(count)) for reason, count in rows]
    return sorted(counted, key=lambda pair: (-pair[1], pair[0] or ""))


def pipeline(
    session: Session, flt: OpportunityFilter = OpportunityFilter(), *, limit: int = COLUMN_LIMIT
) -> Pipeline:
    """The pipeline page: each stage's sums and its first cards, and the lost reasons."""
    sums = stage_sums(session, flt)
    columns = []
    for stage in OpportunityStage:
        if flt.stages and stage not in flt.stages:
            rows: list[OpportunityRow] = []
        else:
            staged = OpportunityFilter(
                flt.owner_id, frozenset({stage}), flt.text, flt.closing_until
            )
            rows = list_opportunities(session, staged, limit=limit)
        count, total, weight = sums[stage]
        columns.append(StageColumn(stage, count, total, weight, tuple(rows)))
    return Pipeline(tuple(columns), tuple(lost_reasons(session, flt)))


@dataclass(frozen=True)
class OpportunityInput:
    title: str
    stage: OpportunityStage
    value_eur: Decimal | None = None
    probability: int | None = None  # None: the stage's default
    expected_close_on: dt.date | None = None
    owner_id: int | None = None
    offer: str = ""
    lost_reason_code: LostReason | None = None
    lost_reason: str = ""


def _load(session: Session, opportunity_id: int) -> Opportunity:
    found = session.get(Opportunity, opportunity_id)
    if found is None:
        raise NotFound(entity="opportunity", id=opportunity_id)
    return found


def _validated(data: OpportunityInput) -> dict[str, FieldProblem]:
    problems: dict[str, FieldProblem] = {}
    title = data.title.strip()
    if not title:
        problems["title"] = FieldProblem("required", "a title is required")
    elif len(title) > TITLE_LIMIT:
        problems["title"] = FieldProblem(
            "too_long", f"longer than {TITLE_LIMIT} characters", limit=TITLE_LIMIT
        )
    if data.value_eur is not None and (
        not data.value_eur.is_finite() or not 0 <= data.value_eur <= MAX_VALUE
    ):
        problems["value_eur"] = FieldProblem("negative", "must not be negative")
    if data.probability is not None and not 0 <= data.probability <= 100:
        problems["probability"] = FieldProblem(
            "out_of_range", "between 0 and 100 percent", low=0, high=100
        )
    if data.stage is OpportunityStage.LOST and data.lost_reason_code is None:
        problems["lost_reason_code"] = FieldProblem("required", "say why it was lost")
    return problems


def save_opportunity(
    db: Database,
    opportunity_id: int,
    expected_version: int,
    data: OpportunityInput,
    *,
    today: dt.date | None = None,
) -> Outcome[OpportunityRow]:
    """Update a deal as read at `expected_version`; a stage change takes the stage's
    probability unless one is given, won makes the company a customer."""
    problems = _validated(data)
    if problems:
        raise ValidationFailed(problems)
    day = today or dt.date.today()
    with db.writing() as session:
        row = _load(session, opportunity_id)
        if row.version != expected_version:
            raise ConcurrentEdit(entity="opportunity", name=row.title)
        moved = row.stage is not data.stage
        row.title = data.title.strip()
        row.offer = data.offer.strip() or None
        row.value_eur = None if data.value_eur is None else data.value_eur.quantize(CENT)
        row.expected_close_on = data.expected_close_on
        row.owner_id = data.owner_id
        _stage(session, row, data, moved, day)
        try:
            session.flush()
        except StaleDataError as exc:
            raise ConcurrentEdit(entity="opportunity", name=row.title) from exc
        restage(session, {row.company_id})
        session.flush()
        found = session.execute(_rows_statement().where(Opportunity.id == row.id))
        record = _row(tuple(found.one()))
    return Outcome(record, Changes.to_companies((record.company_id,), opportunities=True))


def _stage(
    session: Session, row: Opportunity, data: OpportunityInput, moved: bool, day: dt.date
) -> None:
    row.stage = data.stage
    if data.probability is not None and not (moved and data.probability == row.probability):
        row.probability = data.probability
    elif moved or row.probability is None:
        row.probability = pipeline_settings.probabilities(session)[data.stage]
    closed = data.stage in (OpportunityStage.WON, OpportunityStage.LOST)
    if not closed:
        row.closed_on = None
    elif moved or row.closed_on is None:
        row.closed_on = day
    if data.stage is OpportunityStage.LOST:
        row.lost_reason_code = data.lost_reason_code
        row.lost_reason = data.lost_reason.strip() or None
    else:
        row.lost_reason_code = None
        row.lost_reason = None


def move_stage(
    db: Database,
    opportunity_id: int,
    expected_version: int,
    stage: OpportunityStage,
    *,
    lost_reason_code: LostReason | None = None,
    lost_reason: str = "",
    today: dt.date | None = None,
) -> Outcome[OpportunityRow]:
    """Move a deal to another stage (a drag on the pipeline, its buttons)."""
    with db.reading() as session:
        found = session.execute(
            _rows_statement().where(Opportunity.id == opportunity_id)
        ).one_or_none()
        if found is None:
            raise NotFound(entity="opportunity", id=opportunity_id)
        current = _row(tuple(found))
    return save_opportunity(
        db,
        opportunity_id,
        expected_version,
        OpportunityInput(
            title=current.title,
            stage=stage,
            value_eur=current.value_eur,
            probability=None,
            expected_close_on=current.expected_close_on,
            owner_id=current.owner_id,
            offer=current.offer or "",
            lost_reason_code=lost_reason_code,
            lost_reason=lost_reason,
        ),
        today=today,
    )


def opportunities_of(session: Session, company_ids: Collection[int]) -> list[OpportunityRow]:
    """The deals of some companies, for their forms."""
    if not company_ids:
        return []
    stmt = _rows_statement().where(Opportunity.company_id.in_(company_ids))
    return [_row(tuple(r)) for r in session.execute(stmt.order_by(*_order()))]
