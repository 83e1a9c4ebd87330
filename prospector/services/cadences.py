"""Nurturing plans: cadence templates, applying one to leads, planning the next step when one
is done, and stopping a plan when its lead moves on or objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector import i18n, nurturing
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import CadenceStop
from prospector.errors import ConcurrentEdit, FieldProblem, NotFound, ValidationFailed
from prospector.local_days import day_start
from prospector.models import Activity, Cadence, CadenceRun, CadenceStep, Contact, utcnow
from prospector.services.names import stored_as_read, unique_name
from prospector.services.nurture_settings import nurture_settings
from prospector.workdays import WorkCalendar

DESCRIPTION_LIMIT = 2_000
CHUNK = 500  # ids per statement: far below any server's limit of bound values


@dataclass(frozen=True)
class CadenceRecord:
    id: int
    name: str
    description: str | None
    active: bool
    steps: tuple[nurturing.CadenceStep, ...]
    running: int  # plans of this cadence still running
    version: int

    @property
    def plan(self) -> nurturing.Cadence:
        return nurturing.Cadence(self.name, self.steps)


@dataclass(frozen=True)
class CadenceInput:
    name: str
    steps: tuple[nurturing.CadenceStep, ...]
    description: str = ""
    active: bool = True
    id: int | None = None
    version: int | None = None  # as read, for a cadence that exists


class Skipped:
    """Why a person got no plan (codes the window translates)."""

    GONE = "gone"  # deleted meanwhile
    NO_COMPANY = "no_company"  # a touch belongs to a company
    OBJECTED = "objected"
    MOVED_ON = "moved_on"  # an opportunity or disqualified: nothing to nurture


@dataclass(frozen=True)
class Applied:
    started: int  # plans started
    replaced: int  # running plans of the same people stopped for the new one
    skipped: dict[str, int] = field(default_factory=dict)  # Skipped code -> people
    first_on: dt.date | None = None  # the first touch's day


def _steps(session: Session, cadence_ids: Collection[int]) -> dict[int, list[CadenceStep]]:
    found: dict[int, list[CadenceStep]] = {i: [] for i in cadence_ids}
    rows = session.scalars(
        select(CadenceStep)
        .where(CadenceStep.cadence_id.in_(cadence_ids))
        .order_by(CadenceStep.cadence_id, CadenceStep.position)
    )
    for step in rows:
        found[step.cadence_id].append(step)
    return found


def _pure(step: CadenceStep) -> nurturing.CadenceStep:
    return nurturing.CadenceStep(step.kind, step.days_after, step.talking_point)


def list_cadences(session: Session, *, active_only: bool = False) -> list[CadenceRecord]:
    """Every cadence with its steps and how many plans of it are running, by name."""
    stmt = select(Cadence).order_by(Cadence.name)
    if active_only:
        stmt = stmt.where(Cadence.active.is_(True))
    cadences = list(session.scalars(stmt))
    steps = _steps(session, [c.id for c in cadences])
    running: dict[int, int] = {
        cadence_id: count
        for cadence_id, count in session.execute(
            select(CadenceRun.cadence_id, func.count())
            .where(CadenceRun.stopped_at.is_(None))
            .group_by(CadenceRun.cadence_id)
        )
    }
    return [
        CadenceRecord(
            id=c.id,
            name=c.name,
            description=c.description,
            active=c.active,
            steps=tuple(_pure(s) for s in steps[c.id]),
            running=running.get(c.id, 0),
            version=c.version,
        )
        for c in cadences
    ]


def _check(data: CadenceInput) -> None:
    problems: dict[str, FieldProblem] = {}
    for problem in nurturing.cadence_problems(nurturing.Cadence(data.name.strip(), data.steps)):
        # The name's problems are unique_name's to tell; these are the steps'.
        if problem not in (
            nurturing.CadenceProblem.NO_NAME,
            nurturing.CadenceProblem.NAME_TOO_LONG,
        ):
            problems.setdefault(
                "steps",
                FieldProblem(
                    problem.value,
                    "the steps are not valid",
                    most=nurturing.MAX_STEPS,
                    days=nurturing.MAX_DAYS_AFTER,
                ),
            )
    if len(data.description) > DESCRIPTION_LIMIT:
        problems["description"] = FieldProblem(
            "too_long", f"longer than {DESCRIPTION_LIMIT} characters", limit=DESCRIPTION_LIMIT
        )
    if problems:
        raise ValidationFailed(problems)


def save_cadence(db: Database, data: CadenceInput) -> Outcome[CadenceRecord]:
    """Add a cadence or change one. Changed steps apply to the steps planned from now on;
    touches planned already keep their dates."""
    _check(data)
    try:
        with db.writing() as session:
            name = unique_name(session, Cadence, data.name, data.id, "a nurturing plan")
            if data.id is None:
                cadence = Cadence(name=name)
                session.add(cadence)
            else:
                cadence = stored_as_read(session, Cadence, data.id, data.version, "cadence")
                cadence.name = name
            cadence.description = data.description.strip() or None
            cadence.active = data.active
            cadence.steps.clear()
            session.flush()  # the old steps go before new ones take their positions
            cadence.steps.extend(
                CadenceStep(
                    position=position,
                    kind=step.kind,
                    days_after=step.days_after,
                    talking_point=(step.talking_point or "").strip() or None,
                )
                for position, step in enumerate(data.steps)
            )
            session.flush()
            record = next(r for r in list_cadences(session) if r.id == cadence.id)
    except StaleDataError as exc:
        raise ConcurrentEdit(entity="cadence", name=data.name) from exc
    return Outcome(record, Changes(activities=True))


def delete_cadence(db: Database, cadence_id: int) -> Outcome[None]:
    """Delete a cadence that no plan ever used; one in use is retired (made inactive) instead,
    so that the plans that ran keep their history."""
    with db.writing() as session:
        cadence = session.get(Cadence, cadence_id)
        if cadence is None:
            raise NotFound(entity="cadence", id=cadence_id)
        used = session.scalar(
            select(func.count()).select_from(CadenceRun).where(CadenceRun.cadence_id == cadence_id)
        )
        if used:
            cadence.active = False
        else:
            session.delete(cadence)
    return Outcome(None, Changes(activities=True))


def add_default_cadences(
    db: Database, translate: Callable[[str, str], str] = i18n.translate
) -> Outcome[int]:
    """The shipped cadences, those whose names are free; the number added."""
    added = 0
    with db.writing() as session:
        taken = {name.casefold() for name in session.scalars(select(Cadence.name))}
        for plan in nurturing.default_cadences(translate):
            if plan.name.casefold() in taken:
                continue
            session.add(
                Cadence(
                    name=plan.name,
                    steps=[
                        CadenceStep(
                            position=i,
                            kind=s.kind,
                            days_after=s.days_after,
                            talking_point=s.talking_point,
                        )
                        for i, s in enumerate(plan.steps)
                    ],
                )
            )
            added += 1
    return Outcome(added, Changes(activities=bool(added)))


def _touch(
    contact: Contact,
    run: CadenceRun,
    planned: nurturing.PlannedTouch,
    owner_id: int | None,
    cadence_name: str,
) -> Activity:
    assert contact.company_id is not None
    return Activity(
        company_id=contact.company_id,
        contact_id=contact.id,
        kind=planned.kind,
        subject=planned.talking_point or cadence_name,
        due_at=day_start(planned.on),
        all_day=True,
        owner_id=owner_id,
        cadence_run_id=run.id,
        step=planned.position,
    )


def apply_cadence(
    db: Database,
    contact_ids: Iterable[int],
    cadence_id: int,
    start: dt.date,
    *,
    by_id: int | None = None,
    owner_id: int | None = None,
) -> Outcome[Applied]:
    """Start the cadence for each person from `start`: its first step is planned (on a working
    day unless the settings allow any day). A running plan of the same person is stopped and
    its open touches removed; people who objected, moved on or have no company are skipped.
    The touch goes to `owner_id`, else to the person's owner."""
    ids = sorted(set(contact_ids))
    skipped: dict[str, int] = {}
    started = replaced = 0
    first_on: dt.date | None = None
    now = utcnow()
    with db.writing() as session:
        cadence = session.get(Cadence, cadence_id)
        if cadence is None:
            raise NotFound(entity="cadence", id=cadence_id)
        plan = nurturing.Cadence(cadence.name, tuple(_pure(s) for s in cadence.steps))
        if not plan.steps:
            raise ValidationFailed({"steps": FieldProblem("no_steps", "the plan has no steps")})
        settings = nurture_settings(session)
        calendar = settings.calendar()
        contacts = {c.id: c for c in session.scalars(select(Contact).where(Contact.id.in_(ids)))}
        for contact_id in ids:
            contact = contacts.get(contact_id)
            reason = _skip_reason(contact)
            if reason is not None:
                skipped[reason] = skipped.get(reason, 0) + 1
                continue
            assert contact is not None
            replaced += stop_plans(session, [contact.id], CadenceStop.CANCELLED, now)
            run = CadenceRun(
                contact_id=contact.id,
                cadence_id=cadence.id,
                position=0,
                started_on=start,
                off_days=settings.off_days,
                by_id=by_id,
            )
            session.add(run)
            session.flush()
            touch = nurturing.first_touch(plan, start, calendar, off_days=settings.off_days)
            session.add(_touch(contact, run, touch, owner_id or contact.owner_id, cadence.name))
            first_on = touch.on
            started += 1
    changes = Changes.to_companies(
        (c.company_id for c in contacts.values()), activities=True, contacts=True
    )
    return Outcome(Applied(started, replaced, skipped, first_on), changes)


def _skip_reason(contact: Contact | None) -> str | None:
    if contact is None or contact.deleted_at is not None:
        return Skipped.GONE
    if contact.do_not_contact:
        return Skipped.OBJECTED
    if contact.company_id is None:
        return Skipped.NO_COMPANY
    if nurturing.stop_reason(contact.lead_status, contact.do_not_contact) is not None:
        return Skipped.MOVED_ON
    return None


def advance(
    session: Session, activity: Activity, done_on: dt.date, calendar: WorkCalendar
) -> Activity | None:
    """After a touch of a plan was done: the plan's next step, planned from the day it was
    done; or the plan ends (finished, or its lead moved on or objected). The new touch, if any."""
    if activity.cadence_run_id is None or activity.step is None:
        return None
    run = session.get(CadenceRun, activity.cadence_run_id)
    if run is None or run.stopped_at is not None:
        return None
    contact = session.get(Contact, run.contact_id)
    now = utcnow()
    reason = (
        None
        if contact is None
        else nurturing.stop_reason(contact.lead_status, contact.do_not_contact)
    )
    if contact is None or contact.deleted_at is not None or reason is not None:
        _stop(session, run, reason or CadenceStop.CANCELLED, now)
        return None
    cadence = session.get(Cadence, run.cadence_id)
    assert cadence is not None
    plan = nurturing.Cadence(cadence.name, tuple(_pure(s) for s in cadence.steps))
    planned = nurturing.next_touch(plan, activity.step, done_on, calendar, off_days=run.off_days)
    if planned is None:
        _stop(session, run, CadenceStop.FINISHED, now)
        return None
    run.position = planned.position
    touch = _touch(contact, run, planned, activity.owner_id or contact.owner_id, cadence.name)
    session.add(touch)
    return touch


def _stop(session: Session, run: CadenceRun, reason: CadenceStop, now: dt.datetime) -> None:
    run.stopped_at = now
    run.stop_reason = reason
    session.execute(
        delete(Activity).where(Activity.cadence_run_id == run.id, Activity.done_at.is_(None))
    )


def stop_plans(
    session: Session, contact_ids: Collection[int], reason: CadenceStop, now: dt.datetime
) -> int:
    """End the running plans of these people and remove their touches not done yet; the
    number of plans stopped. Part of the caller's unit of work."""
    if not contact_ids:
        return 0
    runs = list(
        session.scalars(
            select(CadenceRun).where(
                CadenceRun.contact_id.in_(contact_ids), CadenceRun.stopped_at.is_(None)
            )
        )
    )
    for run in runs:
        _stop(session, run, reason, now)
    return len(runs)


def cancel_planned(session: Session, contact_ids: Collection[int]) -> int:
    """Remove every touch planned for these people, in plans or not (an objection); the
    number removed. Part of the caller's unit of work."""
    if not contact_ids:
        return 0
    result = session.execute(
        delete(Activity).where(Activity.contact_id.in_(contact_ids), Activity.done_at.is_(None))
    )
    return int(getattr(result, "rowcount", 0) or 0)


@dataclass(frozen=True)
class RunRecord:
    id: int
    cadence_id: int
    cadence: str
    position: int
    steps: int
    started_on: dt.date
    stopped_at: dt.datetime | None
    stop_reason: CadenceStop | None


def plans_of(session: Session, contact_id: int) -> list[RunRecord]:
    """A person's plans, the running one first, then the ended ones, newest first."""
    rows = session.execute(
        select(CadenceRun, Cadence.name)
        .join(Cadence, Cadence.id == CadenceRun.cadence_id)
        .where(CadenceRun.contact_id == contact_id)
        .order_by(CadenceRun.stopped_at.is_not(None), CadenceRun.id.desc())
    ).all()
    steps = _steps(session, {run.cadence_id for run, _ in rows})
    return [
        RunRecord(
            run.id,
            run.cadence_id,
            name,
            run.position,
            len(steps[run.cadence_id]),
            run.started_on,
            run.stopped_at,
            run.stop_reason,
        )
        for run, name in rows
    ]


def settle(session: Session, contact_ids: Collection[int], *, objections: bool = False) -> int:
    """Plans and touches follow their people: a plan stops when its lead became an opportunity
    or was disqualified. With `objections` (an objection recorded where the user is told so:
    the call's outcome, an imported one), a person's objection also stops their plans and
    removes every touch planned for them; elsewhere (a form, many companies at once, which
    undo can take back) the touches stay, hidden from every list by `call_list.may_touch`,
    and come back with the undo. Called by every unit of work that changes a status or records
    an objection; the touches removed."""
    now = utcnow()
    removed = 0
    ids = sorted(set(contact_ids))
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(Contact.id, Contact.lead_status, Contact.do_not_contact).where(
                Contact.id.in_(ids[start : start + CHUNK])
            )
        ).all()
        stopping: dict[CadenceStop, list[int]] = {}
        for ident, status, do_not_contact in rows:
            reason = nurturing.stop_reason(status, do_not_contact and objections)
            if reason is not None:
                stopping.setdefault(reason, []).append(ident)
        for reason, people in stopping.items():
            stop_plans(session, people, reason, now)
        if objections:
            removed += cancel_planned(session, [ident for ident, _, objected in rows if objected])
    return removed
