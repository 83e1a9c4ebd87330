"""Store the ideal customer profiles; one is active, and the fit scores follow it."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from prospector import normalize
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import NotFound
from prospector.icp import Profile, criteria_from_json
from prospector.models import IdealCustomerProfile
from prospector.progress import Progress
from prospector.services import fit_scores
from prospector.services.names import stored_as_read, unique_name

# Scores changed for every company: the lists read again, the profile views too.
_RESCORED = Changes(companies=True, profiles=True)


def _lines(text: str) -> str | None:
    """A text of several lines as typed, trimmed at both ends."""
    return text.strip() or None


def _profile(row: IdealCustomerProfile) -> Profile:
    return Profile(
        id=row.id,
        name=row.name,
        active=row.active,
        criteria=criteria_from_json(row.criteria),
        description=row.description or "",
        markets=row.markets or "",
        pain_points=row.pain_points or "",
        value_proposition=row.value_proposition or "",
        version=row.version,
    )


def list_profiles(session: Session) -> list[Profile]:
    """Every profile, the active one first, then by name."""
    rows = session.scalars(select(IdealCustomerProfile))
    profiles = [_profile(row) for row in rows]
    return sorted(profiles, key=lambda p: (not p.active, normalize.fold(p.name), p.id))


def get_profile(session: Session, profile_id: int) -> Profile:
    row = session.get(IdealCustomerProfile, profile_id)
    if row is None:
        raise NotFound(entity="profile", id=profile_id)
    return _profile(row)


def active_profile(session: Session) -> Profile | None:
    row = session.scalars(
        select(IdealCustomerProfile).where(IdealCustomerProfile.active.is_(True)).limit(1)
    ).first()
    return None if row is None else _profile(row)


def save_profile(
    db: Database, profile: Profile, progress: Progress | None = None
) -> Outcome[Profile]:
    """Create or update a profile (refused if someone saved it since it was read). Saving the
    active one scores every company again, in the same transaction: a cancel keeps both."""
    with db.writing() as session:
        name = unique_name(session, IdealCustomerProfile, profile.name, profile.id, "a profile")
        if profile.id is None:
            first = session.scalar(select(IdealCustomerProfile.id).limit(1)) is None
            row = IdealCustomerProfile(name=name, active=first)
            session.add(row)
        else:
            row = stored_as_read(
                session, IdealCustomerProfile, profile.id, profile.version, "profile"
            )
            row.name = name
        row.criteria = profile.criteria_json()
        row.description = _lines(profile.description)
        row.markets = _lines(profile.markets)
        row.pain_points = _lines(profile.pain_points)
        row.value_proposition = _lines(profile.value_proposition)
        session.flush()
        saved = _profile(row)
        if saved.active:
            fit_scores.refresh_all(session, saved, progress)
            return Outcome(saved, _RESCORED)
        return Outcome(saved, Changes(profiles=True))


def activate_profile(
    db: Database, profile_id: int | None, progress: Progress | None = None
) -> Outcome[Profile | None]:
    """Make one profile the active one (None: none) and score every company against it."""
    with db.writing() as session:
        chosen: IdealCustomerProfile | None = None
        if profile_id is not None:
            chosen = session.get(IdealCustomerProfile, profile_id)
            if chosen is None:
                raise NotFound(entity="profile", id=profile_id)
        session.execute(
            update(IdealCustomerProfile)
            .where(IdealCustomerProfile.active.is_(True))
            .values(active=False)
            .execution_options(synchronize_session="fetch")
        )
        profile: Profile | None = None
        if chosen is not None:
            chosen.active = True
            session.flush()
            profile = _profile(chosen)
        fit_scores.refresh_all(session, profile, progress)
        return Outcome(profile, _RESCORED)


def delete_profile(db: Database, profile_id: int) -> Outcome[None]:
    """Delete a profile; the scores of the active one go with it."""
    with db.writing() as session:
        row = session.get(IdealCustomerProfile, profile_id)
        if row is None:
            raise NotFound(entity="profile", id=profile_id)
        was_active = row.active
        session.delete(row)
        session.flush()
        if was_active:
            fit_scores.refresh_all(session, None)
            return Outcome(None, _RESCORED)
        return Outcome(None, Changes(profiles=True))
