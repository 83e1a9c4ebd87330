"""Lead sources: the names companies carry in their source, and what each source cost."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector import normalize
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import FieldProblem, ValidationFailed
from prospector.models import Company, LeadSource

# A cost above this is a typing error (a billion euros for a list of addresses).
MAX_COST = Decimal("999999999999.99")


def source_names(session: Session) -> list[str]:
    """Every source in use or with a cost, by name (folded: "Ärztekammer" as "aerztekammer")."""
    used = session.scalars(
        select(Company.source)
        .where(Company.source.is_not(None), Company.deleted_at.is_(None))
        .distinct()
    )
    named = session.scalars(select(LeadSource.name))
    return sorted({name for name in (*used, *named) if name}, key=normalize.fold)


def costs(session: Session) -> dict[str, Decimal]:
    """What each source cost, where the user entered it."""
    rows = session.execute(
        select(LeadSource.name, LeadSource.cost_eur).where(LeadSource.cost_eur.is_not(None))
    )
    return {name: Decimal(cost) for name, cost in rows if cost is not None}


def set_cost(db: Database, name: str, cost: Decimal | None) -> Outcome[Decimal | None]:
    """Record what a source cost (None: unknown); the source is matched by its exact name."""
    try:
        if cost is not None:
            cost = Decimal(cost).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            if not cost.is_finite():
                raise InvalidOperation
    except InvalidOperation:
        raise ValidationFailed(
            {"cost_eur": FieldProblem("number_invalid", "not a number")}
        ) from None
    if cost is not None and cost < 0:
        raise ValidationFailed({"cost_eur": FieldProblem("negative", "must not be negative")})
    if cost is not None and cost > MAX_COST:
        raise ValidationFailed({"cost_eur": FieldProblem("too_large", "too large", limit=MAX_COST)})
    cleaned = normalize.clean_text(name)
    if not cleaned:
        raise ValidationFailed({"name": FieldProblem("required", "a name is required")})
    with db.writing() as session:
        row = session.scalar(select(LeadSource).where(LeadSource.name == cleaned))
        if row is None:
            row = LeadSource(name=cleaned)
            session.add(row)
        row.cost_eur = cost
    return Outcome(cost, Changes(profiles=True))
