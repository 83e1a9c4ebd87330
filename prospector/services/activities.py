"""Read the activities of a company: calls, e-mails, meetings, letters and notes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from prospector.enums import ActivityKind, ActivityOutcome
from prospector.models import Activity


@dataclass(frozen=True)
class ActivityRecord:
    """A stored activity: done (with `done_at` and an outcome) or planned (with `due_at`)."""

    id: int
    company_id: int
    contact_id: int | None
    kind: ActivityKind
    subject: str | None
    notes: str | None
    due_at: dt.datetime | None
    done_at: dt.datetime | None
    outcome: ActivityOutcome | None
    owner_id: int | None
    version: int
    all_day: bool = False
    cadence_run_id: int | None = None
    step: int | None = None

    @property
    def is_done(self) -> bool:
        return self.done_at is not None

    @property
    def when(self) -> dt.datetime | None:
        """When it happened, or else when it is due."""
        return self.done_at or self.due_at


def record_of(activity: Activity) -> ActivityRecord:
    return ActivityRecord(
        id=activity.id,
        company_id=activity.company_id,
        contact_id=activity.contact_id,
        kind=activity.kind,
        subject=activity.subject,
        notes=activity.notes,
        due_at=activity.due_at,
        done_at=activity.done_at,
        outcome=activity.outcome,
        owner_id=activity.owner_id,
        version=activity.version,
        all_day=activity.all_day,
        cadence_run_id=activity.cadence_run_id,
        step=activity.step,
    )


def list_activities(session: Session, company_id: int) -> list[ActivityRecord]:
    """The company's activities, newest first (done ones by when they happened, planned by due)."""
    when = func.coalesce(Activity.done_at, Activity.due_at, Activity.created_at)
    stmt = (
        select(Activity)
        .where(Activity.company_id == company_id)
        .order_by(when.desc(), Activity.id.desc())
    )
    return [record_of(activity) for activity in session.scalars(stmt)]
