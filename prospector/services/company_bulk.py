"""Changes to many companies at once, each one transaction that bumps their versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import CompanyStage
from prospector.errors import NotFound
from prospector.models import Company, CompanyTag, Contact, Tag, TeamMember, utcnow
from prospector.services import fit_scores
from prospector.services.serial import one_at_a_time
from prospector.services.tags import ensure_tags
from prospector.services.undo import Touches, recording
from prospector.undo import UndoKind


def _touch(session: Session, ids: Collection[int], **values: object) -> int:
    """Set `values` on the live companies among `ids`; editors open on them will notice."""
    now = utcnow()
    result = session.execute(
        update(Company)
        .where(Company.id.in_(ids), Company.deleted_at.is_(None))
        .values(**values, updated_at=now, version=Company.version + 1)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def _live(session: Session, ids: Collection[int]) -> list[int]:
    return list(
        session.scalars(select(Company.id).where(Company.id.in_(ids), Company.deleted_at.is_(None)))
    )


def set_owner(db: Database, ids: Collection[int], owner_id: int | None) -> Outcome[int]:
    """Give the companies an owner (None: nobody); how many changed."""
    with db.writing() as session:
        owner = session.get(TeamMember, owner_id) if owner_id is not None else None
        if owner_id is not None and owner is None:
            raise NotFound(entity="team member", id=owner_id)
        name = owner.name if owner is not None else ""
        with recording(session, UndoKind.OWNER, ids, Touches(("owner_id",)), name) as done:
            changed = _touch(session, ids, owner_id=owner_id)
    return Outcome(changed, Changes.to_companies(ids), done.step)


def set_stage(db: Database, ids: Collection[int], stage: CompanyStage) -> Outcome[int]:
    with (
        db.writing() as session,
        recording(session, UndoKind.STAGE, ids, Touches(("stage",)), stage.value) as done,
    ):
        changed = apply_stage(session, ids, stage)
    return Outcome(changed, Changes.to_companies(ids), done.step)


def add_tags(db: Database, ids: Collection[int], names: Iterable[str]) -> Outcome[int]:
    """Give every company these tags (created if new); how many companies changed."""
    names = list(names)
    with db.writing() as session:
        one_at_a_time(session)
        touches = Touches(tags=True)
        with recording(session, UndoKind.ADD_TAGS, ids, touches, ", ".join(names)) as done:
            changed = apply_tags(session, ids, names)
    return Outcome(changed, Changes.to_companies(ids, tags=True), done.step)


def remove_tags(db: Database, ids: Collection[int], tag_ids: Collection[int]) -> Outcome[int]:
    with db.writing() as session:
        names = ", ".join(session.scalars(select(Tag.name).where(Tag.id.in_(tag_ids))))
        with recording(session, UndoKind.REMOVE_TAGS, ids, Touches(tags=True), names) as done:
            changed = _untag(session, ids, tag_ids)
    return Outcome(changed, Changes.to_companies(ids, tags=True), done.step)


def set_do_not_contact(
    db: Database, ids: Collection[int], since: dt.date, reason: str | None
) -> Outcome[int]:
    """Record an objection for every contact of these companies; how many contacts."""
    with db.writing() as session:
        touches = Touches(objections=True)
        with recording(session, UndoKind.OBJECTION, ids, touches) as done:
            changed = _object(session, ids, since, reason)
    return Outcome(changed, Changes.to_companies(ids, contacts=True), done.step)


def apply_stage(session: Session, ids: Collection[int], stage: CompanyStage) -> int:
    """The step under set_stage, for a use case that stages companies among other work."""
    return _touch(session, ids, stage=stage)


def apply_tags(session: Session, ids: Collection[int], names: Iterable[str]) -> int:
    """The step under add_tags, for a use case that tags companies among other work."""
    tag_ids = ensure_tags(session, names)
    live = _live(session, ids)
    if not tag_ids or not live:
        return 0
    present = {
        (row[0], row[1])
        for row in session.execute(
            select(CompanyTag.company_id, CompanyTag.tag_id).where(
                CompanyTag.company_id.in_(live), CompanyTag.tag_id.in_(tag_ids)
            )
        )
    }
    now = utcnow()
    pairs = [(c, t) for c in live for t in tag_ids if (c, t) not in present]
    if not pairs:
        return 0
    session.execute(
        insert(CompanyTag),
        [
            {"company_id": c, "tag_id": t, "created_at": now, "updated_at": now, "version": 1}
            for c, t in pairs
        ],
    )
    tagged = {c for c, _ in pairs}
    fit_scores.refresh(session, tagged)  # a profile may require or exclude tags
    return _touch(session, tagged)


def _untag(session: Session, ids: Collection[int], tag_ids: Collection[int]) -> int:
    live = _live(session, ids)
    if not tag_ids or not live:
        return 0
    changed = set(
        session.scalars(
            select(CompanyTag.company_id).where(
                CompanyTag.company_id.in_(live), CompanyTag.tag_id.in_(tag_ids)
            )
        )
    )
    session.execute(
        delete(CompanyTag)
        .where(CompanyTag.company_id.in_(live), CompanyTag.tag_id.in_(tag_ids))
        .execution_options(synchronize_session=False)
    )
    fit_scores.refresh(session, changed)
    return _touch(session, changed) if changed else 0


def _object(session: Session, ids: Collection[int], since: dt.date, reason: str | None) -> int:
    now = utcnow()
    result = session.execute(
        update(Contact)
        .where(
            Contact.company_id.in_(_live(session, ids)),
            Contact.deleted_at.is_(None),
            Contact.do_not_contact.is_(False),
        )
        .values(
            do_not_contact=True,
            do_not_contact_since=since,
            do_not_contact_reason=reason,
            updated_at=now,
            version=Contact.version + 1,
        )
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
