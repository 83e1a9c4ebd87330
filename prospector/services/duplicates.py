"""Find companies that look like one being entered: same name and postcode, domain or phone."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from prospector.look_alike import DuplicateReason, Key, company_keys, reasons_for
from prospector.models import Company

__all__ = ["DuplicateCandidate", "DuplicateReason", "find_duplicates"]


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    name: str
    postcode: str | None
    city: str | None
    reasons: tuple[DuplicateReason, ...]


def _condition(key: Key) -> ColumnElement[bool]:
    """The SQL twin of one key of look_alike.company_keys."""
    reason, value, second = key
    if reason is DuplicateReason.NAME_AND_POSTCODE:
        return and_(Company.name_key == value, Company.postcode == second)
    if reason is DuplicateReason.DOMAIN:
        return Company.domain == value
    if reason is DuplicateReason.PHONE:
        return Company.phone == value
    raise ValueError(f"no stored key for {reason}")


def find_duplicates(
    session: Session, values: Mapping[str, Any], *, exclude_id: int | None = None, limit: int = 5
) -> list[DuplicateCandidate]:
    """Live companies sharing a normalised key with `values` (output of validate_company)."""
    options = [_condition(key) for key in company_keys(values)]
    if not options:
        return []
    stmt = (
        select(
            Company.id,
            Company.name,
            Company.name_key,
            Company.postcode,
            Company.city,
            Company.domain,
            Company.phone,
        )
        .where(or_(*options), Company.deleted_at.is_(None))
        .order_by(Company.id)
        .limit(limit + 1)
    )
    if exclude_id is not None:
        stmt = stmt.where(Company.id != exclude_id)
    found = []
    for row in session.execute(stmt).mappings():
        reasons = reasons_for(values, dict(row))
        if reasons:
            found.append(
                DuplicateCandidate(row["id"], row["name"], row["postcode"], row["city"], reasons)
            )
    return found[:limit]
