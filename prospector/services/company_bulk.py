"""Changes to many companies at once, each one transaction that bumps their versions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from prospector.enums import CompanyStage
from prospector.errors import NotFound
from prospector.models import Company, CompanyTag, Contact, TeamMember, utcnow
from prospector.services.tags import ensure_tags


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


def set_owner(session: Session, ids: Collection[int], owner_id: int | None) -> int:
    if owner_id is not None and session.get(TeamMember, owner_id) is None:
        raise NotFound(entity="team member", id=owner_id)
    return _touch(session, ids, owner_id=owner_id)


def set_stage(session: Session, ids: Collection[int], stage: CompanyStage) -> int:
    return _touch(session, ids, stage=stage)


def add_tags(session: Session, ids: Collection[int], names: Iterable[str]) -> int:
    """Give every company these tags (created if new); returns how many companies changed."""
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
    return _touch(session, {c for c, _ in pairs})


def remove_tags(session: Session, ids: Collection[int], tag_ids: Collection[int]) -> int:
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
    return _touch(session, changed) if changed else 0


def set_do_not_contact(
    session: Session, ids: Collection[int], since: dt.date, reason: str | None
) -> int:
    """Record an objection for every contact of these companies; returns how many contacts."""
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
