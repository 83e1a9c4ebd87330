"""Merge two records of the same company into one, in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from prospector import normalize, search_index
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import ConcurrentEdit, NotFound
from prospector.models import Activity, Company, CompanyTag, Contact, Opportunity, utcnow
from prospector.records import COMPANY_INPUT_FIELDS, CompanyRecord
from prospector.services import fit_scores
from prospector.services.companies import get_company
from prospector.services.qualification import restage
from prospector.services.serial import one_at_a_time
from prospector.services.undo import FORM_COLUMNS, Touches, merged_away, recording
from prospector.undo import UndoKind


@dataclass(frozen=True)
class MergePlan:
    """Both companies as read, and the fields whose values differ."""

    keep: CompanyRecord
    other: CompanyRecord
    conflicts: tuple[str, ...]


def _empty(value: object) -> bool:
    return value is None or value == ""


def conflicting_fields(keep: CompanyRecord, other: CompanyRecord) -> tuple[str, ...]:
    """Fields where both records have a value and the values differ (pure)."""
    return tuple(
        name
        for name in COMPANY_INPUT_FIELDS
        if not _empty(getattr(keep, name))
        and not _empty(getattr(other, name))
        and getattr(keep, name) != getattr(other, name)
    )


def plan_merge(session: Session, keep_id: int, other_id: int) -> MergePlan:
    keep = get_company(session, keep_id)
    other = get_company(session, other_id)
    return MergePlan(keep, other, conflicting_fields(keep, other))


def merge_companies(
    db: Database, plan: MergePlan, take_from_other: Mapping[str, bool]
) -> Outcome[CompanyRecord]:
    """Keep `plan.keep`; fill its empty fields from the other, take the other's value where
    `take_from_other[field]` is true, move contacts, history, opportunities and tags over, and
    delete the other. Refused if either changed since the plan was made."""
    with db.writing() as session:
        one_at_a_time(session)
        away = merged_away(session, plan.other.id)
        touches = Touches(FORM_COLUMNS, tags=True)
        with recording(
            session, UndoKind.MERGE, [plan.keep.id], touches, plan.other.name, merged=away
        ) as done:
            merged = _merge(session, plan, take_from_other)
    return Outcome(
        merged,
        Changes.to_companies(
            (plan.keep.id, plan.other.id), contacts=True, tags=True, activities=True
        ),
        done.step,
    )


def _merge(session: Session, plan: MergePlan, take_from_other: Mapping[str, bool]) -> CompanyRecord:
    keep = session.get(Company, plan.keep.id)
    other = session.get(Company, plan.other.id)
    if keep is None or keep.deleted_at is not None:
        raise NotFound(entity="company", id=plan.keep.id)
    if other is None or other.deleted_at is not None:
        raise NotFound(entity="company", id=plan.other.id)
    for current, seen in ((keep, plan.keep), (other, plan.other)):
        if current.version != seen.version:
            raise ConcurrentEdit(entity="company", name=current.name)

    for name in COMPANY_INPUT_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        if (_empty(mine) and not _empty(theirs)) or (
            name in plan.conflicts and take_from_other.get(name, False)
        ):
            setattr(keep, name, theirs)
    # Derived columns follow the values they come from.
    keep.name_key = normalize.name_key(keep.name)
    keep.domain = normalize.website_to_domain(keep.website) if keep.website else None
    keep.notes = _joined_notes(plan.keep.notes, plan.other.notes, take_from_other.get("notes"))

    now = utcnow()
    for model in (Contact, Activity, Opportunity):
        session.execute(
            update(model)
            .where(model.company_id == other.id)
            .values(company_id=keep.id, updated_at=now, version=model.version + 1)
            .execution_options(synchronize_session=False)
        )
    theirs_tags = set(
        session.scalars(select(CompanyTag.tag_id).where(CompanyTag.company_id == other.id))
    )
    mine_tags = set(
        session.scalars(select(CompanyTag.tag_id).where(CompanyTag.company_id == keep.id))
    )
    for tag_id in sorted(theirs_tags - mine_tags):
        session.add(CompanyTag(company_id=keep.id, tag_id=tag_id))
    session.flush()
    session.delete(other)
    session.flush()
    search_index.refresh(session, [keep.id])
    fit_scores.refresh(session, [keep.id])
    restage(session, {keep.id})  # its people and deals now include the other's
    session.flush()
    return get_company(session, keep.id)


def _joined_notes(mine: str | None, theirs: str | None, prefer_theirs: bool | None) -> str | None:
    """Notes are never dropped in a merge: both texts are kept, the chosen one first."""
    parts = [theirs, mine] if prefer_theirs else [mine, theirs]
    kept = [p for p in parts if p]
    return "\n\n".join(dict.fromkeys(kept)) or None
