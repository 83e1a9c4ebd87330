"""Log what was done, plan what comes next: activities written, done, moved and removed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome, CadenceStop
from prospector.errors import ConcurrentEdit, FieldProblem, NotFound, ValidationFailed
from prospector.local_days import day_start, local_day
from prospector.models import Activity, Company, Contact, utcnow
from prospector.services import cadences
from prospector.services.activities import ActivityRecord, record_of
from prospector.services.nurture_settings import nurture_settings
from prospector.workdays import WorkCalendar

SUBJECT_LIMIT = 200
NOTES_LIMIT = 20_000


@dataclass(frozen=True)
class PlanInput:
    """A touch to plan: for a company, usually with one of its people."""

    company_id: int
    kind: ActivityKind
    due_at: dt.datetime  # the day's start when all_day
    contact_id: int | None = None
    all_day: bool = False
    owner_id: int | None = None
    subject: str = ""  # the talking point
    notes: str = ""
    off_day: bool = False  # the user chose a weekend or holiday on purpose


@dataclass(frozen=True)
class DoneInput:
    """What happened: a planned activity marked done, or one logged afresh."""

    kind: ActivityKind
    done_at: dt.datetime
    company_id: int
    contact_id: int | None = None
    outcome: ActivityOutcome | None = None
    subject: str = ""
    notes: str = ""
    owner_id: int | None = None
    activity_id: int | None = None  # the planned one this completes
    version: int | None = None  # as read


@dataclass(frozen=True)
class Logged:
    done: ActivityRecord
    next: ActivityRecord | None  # the follow-up planned with it, or the plan's next step


def _text(value: str, limit: int, name: str, problems: dict[str, FieldProblem]) -> str | None:
    text = value.strip()
    if len(text) > limit:
        problems[name] = FieldProblem("too_long", f"longer than {limit} characters", limit=limit)
    return text or None


def off_day_problem(calendar: WorkCalendar, day: dt.date) -> FieldProblem | None:
    """Why a touch should not fall on this day: a weekend or the firm's public holiday."""
    holiday = calendar.holiday(day)
    if holiday is not None:
        return FieldProblem("holiday", f"{day} is a public holiday: {holiday}", holiday=holiday)
    if day.weekday() >= 5:
        return FieldProblem("weekend", f"{day} falls on a weekend")
    return None


def _check_plan(session: Session, plan: PlanInput, problems: dict[str, FieldProblem]) -> None:
    settings = nurture_settings(session)
    if not (plan.off_day or settings.off_days):
        problem = off_day_problem(settings.calendar(), local_day(plan.due_at))
        if problem is not None:
            problems["due_at"] = problem
    _check_people(session, plan.company_id, plan.contact_id)


def _check_people(session: Session, company_id: int, contact_id: int | None) -> None:
    company = session.get(Company, company_id)
    if company is None or company.deleted_at is not None:
        raise NotFound(entity="company", id=company_id)
    if contact_id is not None:
        contact = session.get(Contact, contact_id)
        if contact is None or contact.deleted_at is not None or contact.company_id != company_id:
            raise NotFound(entity="contact", id=contact_id)
        if contact.do_not_contact:
            raise ValidationFailed(
                {"contact_id": FieldProblem("objected", "the person objected to advertising")}
            )


def _planned(session: Session, plan: PlanInput) -> Activity:
    problems: dict[str, FieldProblem] = {}
    subject = _text(plan.subject, SUBJECT_LIMIT, "subject", problems)
    notes = _text(plan.notes, NOTES_LIMIT, "notes", problems)
    _check_plan(session, plan, problems)
    if problems:
        raise ValidationFailed(problems)
    due = day_start(local_day(plan.due_at)) if plan.all_day else plan.due_at
    activity = Activity(
        company_id=plan.company_id,
        contact_id=plan.contact_id,
        kind=plan.kind,
        subject=subject,
        notes=notes,
        due_at=due,
        all_day=plan.all_day,
        owner_id=plan.owner_id,
    )
    session.add(activity)
    return activity


def plan_activity(db: Database, plan: PlanInput) -> Outcome[ActivityRecord]:
    """Plan a touch. Refused on a weekend or a public holiday of the firm's state unless the
    user chose it on purpose (or the settings allow any day), and for a person who objected."""
    with db.writing() as session:
        activity = _planned(session, plan)
        session.flush()
        record = record_of(activity)
    return Outcome(record, Changes.to_companies((plan.company_id,), activities=True))


def log_activity(
    db: Database, done: DoneInput, follow_up: PlanInput | None = None
) -> Outcome[Logged]:
    """Record what was done (a planned activity marked done, or a new one) and, in the same
    unit of work, plan the follow-up: "done & plan next". A done step of a nurturing plan
    plans the plan's next step from the day it was done, unless a follow-up is given."""
    problems: dict[str, FieldProblem] = {}
    subject = _text(done.subject, SUBJECT_LIMIT, "subject", problems)
    notes = _text(done.notes, NOTES_LIMIT, "notes", problems)
    if problems:
        raise ValidationFailed(problems)
    try:
        with db.writing() as session:
            if done.activity_id is None:
                _check_people(session, done.company_id, done.contact_id)
                activity = Activity(company_id=done.company_id, contact_id=done.contact_id)
                session.add(activity)
            else:
                activity = _load(session, done.activity_id, done.version)
            activity.kind = done.kind
            activity.done_at = done.done_at
            activity.outcome = done.outcome
            activity.subject = subject or activity.subject
            activity.notes = notes
            if done.owner_id is not None:
                activity.owner_id = done.owner_id
            session.flush()
            nxt: Activity | None
            if follow_up is not None:
                nxt = _planned(session, follow_up)
                if activity.cadence_run_id is not None and activity.contact_id is not None:
                    # The user's own follow-up takes the plan's place: the plan ends here.
                    cadences.stop_plans(
                        session, [activity.contact_id], CadenceStop.CANCELLED, utcnow()
                    )
            else:
                calendar = nurture_settings(session).calendar()
                nxt = cadences.advance(session, activity, local_day(done.done_at), calendar)
            cadences.settle(session, [activity.contact_id] if activity.contact_id else [])
            session.flush()
            logged = Logged(record_of(activity), None if nxt is None else record_of(nxt))
    except StaleDataError as exc:
        raise ConcurrentEdit(entity="activity", name=done.subject or "") from exc
    return Outcome(logged, Changes.to_companies((done.company_id,), activities=True))


def _load(session: Session, activity_id: int, version: int | None) -> Activity:
    activity = session.get(Activity, activity_id)
    if activity is None:
        raise NotFound(entity="activity", id=activity_id)
    if version is not None and activity.version != version:
        raise ConcurrentEdit(entity="activity", name=activity.subject or "")
    return activity


def reschedule(
    db: Database,
    activity_id: int,
    due_at: dt.datetime,
    *,
    all_day: bool,
    version: int | None = None,
    off_day: bool = False,
) -> Outcome[ActivityRecord]:
    """Move a planned activity to another day or time (drag on the calendar, or the dialog);
    refused on a weekend or holiday unless chosen on purpose."""
    with db.writing() as session:
        activity = _load(session, activity_id, version)
        if activity.done_at is not None:
            raise ValidationFailed({"due_at": FieldProblem("done", "it was done already")})
        settings = nurture_settings(session)
        if not (off_day or settings.off_days):
            problem = off_day_problem(settings.calendar(), local_day(due_at))
            if problem is not None:
                raise ValidationFailed({"due_at": problem})
        activity.due_at = day_start(local_day(due_at)) if all_day else due_at
        activity.all_day = all_day
        session.flush()
        record = record_of(activity)
    return Outcome(record, Changes.to_companies((record.company_id,), activities=True))


def delete_planned(db: Database, activity_id: int) -> Outcome[None]:
    """Remove a planned activity that was not done; a step of a running plan ends the plan."""
    with db.writing() as session:
        activity = _load(session, activity_id, None)
        if activity.done_at is not None:
            raise ValidationFailed({"due_at": FieldProblem("done", "it was done already")})
        company_id = activity.company_id
        if activity.cadence_run_id is not None and activity.contact_id is not None:
            cadences.stop_plans(session, [activity.contact_id], CadenceStop.CANCELLED, utcnow())
        else:
            session.delete(activity)
    return Outcome(None, Changes.to_companies((company_id,), activities=True))


def planned_of(session: Session, contact_id: int) -> list[ActivityRecord]:
    """A person's touches not done yet, soonest first."""
    rows = session.scalars(
        select(Activity)
        .where(Activity.contact_id == contact_id, Activity.done_at.is_(None))
        .order_by(Activity.due_at, Activity.id)
    )
    return [record_of(a) for a in rows]
