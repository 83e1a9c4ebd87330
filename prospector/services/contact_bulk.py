"""Changes to many persons at once, in one transaction that can be undone."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select, update

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import NotFound
from prospector.models import Company, Contact, TeamMember, utcnow
from prospector.services.undo import contact_snapshot
from prospector.undo import UndoKind, UndoStep


def set_owner(db: Database, ids: Collection[int], owner_id: int | None) -> Outcome[int]:
    """Give the persons an owner (None: nobody); how many changed."""
    with db.writing() as session:
        owner = session.get(TeamMember, owner_id) if owner_id is not None else None
        if owner_id is not None and owner is None:
            raise NotFound(entity="team member", id=owner_id)
        live = sorted(
            session.scalars(
                select(Contact.id).where(
                    Contact.id.in_(ids),
                    Contact.deleted_at.is_(None),
                    Contact.owner_id.is_distinct_from(owner_id),
                )
            )
        )
        if not live:
            return Outcome(0, Changes())
        before = contact_snapshot(session, live)
        session.execute(
            update(Contact)
            .where(Contact.id.in_(live))
            .values(owner_id=owner_id, updated_at=utcnow(), version=Contact.version + 1)
            .execution_options(synchronize_session=False)
        )
        after = contact_snapshot(session, live)
        companies = set(
            session.scalars(
                select(Company.id)
                .join(Contact, Contact.company_id == Company.id)
                .where(Contact.id.in_(live))
            )
        )
    name = owner.name if owner is not None else ""
    step = UndoStep(UndoKind.CONTACT_OWNER, len(live), name, before, after)
    return Outcome(len(live), Changes.to_companies(companies, contacts=True), step)
