"""Find companies that look like one being entered: same name and postcode, domain or phone."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from prospector.models import Company


class DuplicateReason(StrEnum):
    NAME_AND_POSTCODE = "name_and_postcode"
    DOMAIN = "domain"
    PHONE = "phone"


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    name: str
    postcode: str | None
    city: str | None
    reasons: tuple[DuplicateReason, ...]


def reasons_for(values: dict[str, Any], other: dict[str, Any]) -> tuple[DuplicateReason, ...]:
    """Why two companies' normalised values look like the same company (pure)."""
    found = []
    same_place = (values.get("name_key"), values.get("postcode")) == (
        other.get("name_key"),
        other.get("postcode"),
    )
    if values.get("name_key") and values.get("postcode") and same_place:
        found.append(DuplicateReason.NAME_AND_POSTCODE)
    if values.get("domain") and values["domain"] == other.get("domain"):
        found.append(DuplicateReason.DOMAIN)
    if values.get("phone") and values["phone"] == other.get("phone"):
        found.append(DuplicateReason.PHONE)
    return tuple(found)


def find_duplicates(
    session: Session, values: dict[str, Any], *, exclude_id: int | None = None, limit: int = 5
) -> list[DuplicateCandidate]:
    """Live companies sharing a normalised key with `values` (output of validate_company)."""
    options = []
    if values.get("name_key") and values.get("postcode"):
        options.append(
            and_(Company.name_key == values["name_key"], Company.postcode == values["postcode"])
        )
    if values.get("domain"):
        options.append(Company.domain == values["domain"])
    if values.get("phone"):
        options.append(Company.phone == values["phone"])
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
