"""Deleted companies wait 30 days in the trash before they are gone for good."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.models import Company, Contact, utcnow
from prospector.services.undo import Touches, recording
from prospector.undo import UndoKind

log = logging.getLogger(__name__)

KEEP_FOR = dt.timedelta(days=30)


@dataclass(frozen=True)
class TrashedCompany:
    id: int
    name: str
    city: str | None
    contact_count: int
    deleted_at: dt.datetime


def _move(db: Database, ids: Collection[int], *, into_trash: bool) -> Outcome[int]:
    now = utcnow()
    elsewhere = Company.deleted_at.is_(None) if into_trash else Company.deleted_at.is_not(None)
    kind = UndoKind.TRASH if into_trash else UndoKind.RESTORE
    with (
        db.writing() as session,
        recording(session, kind, ids, Touches(("deleted_at",))) as done,
    ):
        result = session.execute(
            update(Company)
            .where(Company.id.in_(ids), elsewhere)
            .values(
                deleted_at=now if into_trash else None, updated_at=now, version=Company.version + 1
            )
            .execution_options(synchronize_session=False)
        )
    moved = int(result.rowcount)  # type: ignore[attr-defined]
    return Outcome(moved, Changes.to_companies(ids, trash=True), done.step)


def trash_companies(db: Database, ids: Collection[int]) -> Outcome[int]:
    """Move companies to the trash; how many were moved."""
    return _move(db, ids, into_trash=True)


def restore_companies(db: Database, ids: Collection[int]) -> Outcome[int]:
    """Bring companies back from the trash, with their contacts and history."""
    return _move(db, ids, into_trash=False)


def list_trash(session: Session) -> list[TrashedCompany]:
    contact_count = (
        select(func.count())
        .where(Contact.company_id == Company.id)
        .correlate(Company)
        .scalar_subquery()
    )
    stmt = (
        select(Company.id, Company.name, Company.city, contact_count, Company.deleted_at)
        .where(Company.deleted_at.is_not(None))
        .order_by(Company.deleted_at.desc(), Company.id.desc())
    )
    return [TrashedCompany(*row) for row in session.execute(stmt)]


def _purge(session: Session, ids: Collection[int]) -> int:
    result = session.execute(
        delete(Company)
        .where(Company.id.in_(ids), Company.deleted_at.is_not(None))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def purge_companies(db: Database, ids: Collection[int]) -> Outcome[int]:
    """Delete trashed companies for good (their contacts and history go with them)."""
    with db.writing() as session:
        purged = _purge(session, ids)
    return Outcome(purged, Changes(trash=True))


def purge_expired(db: Database, now: dt.datetime | None = None) -> Outcome[int]:
    """Empty what has been in the trash for longer than KEEP_FOR (at every start of the app
    and of the command line)."""
    cutoff = (now or utcnow()) - KEEP_FOR
    with db.writing() as session:
        ids = list(
            session.scalars(
                select(Company.id).where(
                    Company.deleted_at.is_not(None), Company.deleted_at < cutoff
                )
            )
        )
        purged = _purge(session, ids) if ids else 0
    if purged:
        log.info("removed %d companies that were in the trash for 30 days", purged)
    return Outcome(purged, Changes(trash=bool(purged)))
