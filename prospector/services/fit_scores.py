"""Store the fit score of companies against the active profile, all at once or a few."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

from sqlalchemy import Table, Update, case, false, func, select, true, update
from sqlalchemy.orm import Session

from prospector.icp import Profile
from prospector.models import Company, ImportChange
from prospector.progress import Progress
from prospector.services import fit_sql

# Rows per UPDATE of a full recompute: progress and cancel between them, one transaction.
CHUNK = 20_000
# Ids per UPDATE of a few companies (well below every driver's limit of bound values).
ID_CHUNK = 500

_TABLE = cast(Table, Company.__table__)


def _update(profile: Profile | None) -> Update:
    """An UPDATE of the score that leaves updated_at and the version alone: the score is
    derived, not an edit, and must not make a colleague's open form stale."""
    if profile is None:
        return update(_TABLE).values(
            fit_score=None, in_core_group=None, updated_at=_TABLE.c.updated_at
        )
    return update(_TABLE).values(
        fit_score=fit_sql.score_expression(profile),
        in_core_group=case((fit_sql.all_met(profile.musts), true()), else_=false()),
        updated_at=_TABLE.c.updated_at,
    )


def refresh_all(session: Session, profile: Profile | None, progress: Progress | None = None) -> int:
    """Score every company (in the trash too, so that one restored is right) against
    `profile`; None clears the scores. The number of companies scored."""
    bounds = session.execute(select(func.min(Company.id), func.max(Company.id))).one()
    low: int | None = bounds[0]
    high: int | None = bounds[1]
    if low is None or high is None:
        return 0
    statement = _update(profile)
    total = high - low + 1
    done = 0
    for start in range(low, high + 1, CHUNK):
        if progress is not None:
            progress.step(done, total)
        session.execute(statement.where(_TABLE.c.id >= start, _TABLE.c.id < start + CHUNK))
        done = min(total, start + CHUNK - low)
    if progress is not None:
        progress.step(total, total)
    return session.scalar(select(func.count()).select_from(Company)) or 0


def refresh(session: Session, company_ids: Iterable[int]) -> None:
    """Score these companies against the active profile (after they were saved or imported)."""
    from prospector.services.profiles import active_profile

    ids = sorted(set(company_ids))
    if not ids:
        return
    statement = _update(active_profile(session))
    for start in range(0, len(ids), ID_CHUNK):
        chunk = ids[start : start + ID_CHUNK]
        session.execute(statement.where(_TABLE.c.id.in_(chunk)))


def refresh_import(session: Session, batch_id: int) -> None:
    """Score the companies an import created or updated; nothing to do without a profile."""
    from prospector.services.profiles import active_profile

    profile = active_profile(session)
    if profile is None:
        return
    touched = select(ImportChange.entity_id).where(
        ImportChange.batch_id == batch_id, ImportChange.entity == "company"
    )
    session.execute(
        _update(profile).where((_TABLE.c.import_batch_id == batch_id) | _TABLE.c.id.in_(touched))
    )
