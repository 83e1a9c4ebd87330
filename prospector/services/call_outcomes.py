"""What came of a call: recorded on the planned call, with what follows from it planned in the
same unit of work (the next try, a call back, the referred person, the plan's next step) or,
on an objection, every planned touch of the person cancelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import ActivityKind, ActivityOutcome, CadenceStop, Criterion
from prospector.errors import ConcurrentEdit, FieldProblem, NotFound, ValidationFailed
from prospector.local_days import day_start, local_day
from prospector.models import Activity, Contact, utcnow
from prospector.nurturing import retry_on
from prospector.qualification import CriterionState
from prospector.records import ContactRecord
from prospector.services import cadences, qualification
from prospector.services.activities import ActivityRecord, record_of
from prospector.services.calendar_view import AgendaItem, agenda_item
from prospector.services.contacts import list_contacts
from prospector.services.nurture_settings import NurtureSettings, nurture_settings
from prospector.services.qualification import CriterionRecord

NOTES_LIMIT = 20_000
REASON_LIMIT = 500


@dataclass(frozen=True)
class CallOutcome:
    activity_id: int
    outcome: ActivityOutcome
    done_at: dt.datetime
    notes: str = ""
    version: int | None = None  # of the planned call as read
    retry_on: dt.date | None = None  # NOT_REACHED: the next try; None: the settings' days later
    call_back_at: dt.datetime | None = None  # CALL_BACK: when the person asked to be called
    referred_contact_id: int | None = None  # WRONG_PERSON: call this colleague instead
    objection_reason: str = ""  # OBJECTED
    # REACHED: the four criteria as the call showed them (None: not touched), the version of
    # the checklist they were read at, and the team member recording them.
    criteria: Mapping[Criterion, CriterionState] | None = None
    criteria_version: int | None = None
    by_id: int | None = None


@dataclass(frozen=True)
class CallRecorded:
    done: ActivityRecord
    next: ActivityRecord | None  # the next try, call back, referral, or the plan's next step
    attempts: int  # calls in a row that did not reach the person, this one included
    cancelled: int  # touches removed by an objection


@dataclass(frozen=True)
class CallFacts:
    """What the outcome form of a planned call shows, read in one session."""

    call: AgendaItem
    unanswered: int  # the person's calls in a row that did not reach them, before this one
    planned_others: int  # the person's other touches not done yet: an objection cancels them
    people: tuple[ContactRecord, ...]  # the company's, to refer the call to
    settings: NurtureSettings
    criteria: Mapping[Criterion, CriterionRecord]  # the person's checklist as stored
    criteria_version: int | None  # None: nothing stored yet


def call_facts(session: Session, activity_id: int) -> CallFacts:
    """The planned call with what its outcome form needs."""
    call = agenda_item(session, activity_id)
    others = 0
    criteria: Mapping[Criterion, CriterionRecord] = {}
    version = None
    if call.contact_id is not None:
        criteria, version = qualification.criteria_of(session, call.contact_id)
        others = (
            session.scalar(
                select(func.count())
                .select_from(Activity)
                .where(
                    Activity.contact_id == call.contact_id,
                    Activity.done_at.is_(None),
                    Activity.id != call.id,
                )
            )
            or 0
        )
    return CallFacts(
        call,
        _attempts(session, call.contact_id),
        others,
        tuple(list_contacts(session, call.company_id)),
        nurture_settings(session),
        criteria,
        version,
    )


def _attempts(session: Session, contact_id: int | None) -> int:
    """Unanswered calls in a row, counted back from the newest done call."""
    if contact_id is None:
        return 0
    outcomes = session.scalars(
        select(Activity.outcome)
        .where(
            Activity.contact_id == contact_id,
            Activity.kind == ActivityKind.CALL,
            Activity.done_at.is_not(None),
        )
        .order_by(Activity.done_at.desc(), Activity.id.desc())
        .limit(50)
    )
    count = 0
    for outcome in outcomes:
        if outcome is not ActivityOutcome.NOT_REACHED:
            break
        count += 1
    return count


def _follow(call: Activity, contact_id: int | None, due_at: dt.datetime, all_day: bool) -> Activity:
    """A new call in the place of `call`: same company, owner, talking point and plan step."""
    same_person = contact_id == call.contact_id
    return Activity(
        company_id=call.company_id,
        contact_id=contact_id,
        kind=ActivityKind.CALL,
        subject=call.subject,
        due_at=due_at,
        all_day=all_day,
        owner_id=call.owner_id,
        cadence_run_id=call.cadence_run_id if same_person else None,
        step=call.step if same_person else None,
    )


def _check(result: CallOutcome) -> dict[str, FieldProblem]:
    problems: dict[str, FieldProblem] = {}
    if len(result.notes) > NOTES_LIMIT:
        problems["notes"] = FieldProblem("too_long", "too long", limit=NOTES_LIMIT)
    if len(result.objection_reason) > REASON_LIMIT:
        problems["objection_reason"] = FieldProblem("too_long", "too long", limit=REASON_LIMIT)
    if result.outcome is ActivityOutcome.CALL_BACK and result.call_back_at is None:
        problems["call_back_at"] = FieldProblem("required", "when to call back")
    if result.call_back_at is not None and result.call_back_at < result.done_at:
        problems["call_back_at"] = FieldProblem("past", "the call back lies in the past")
    if result.retry_on is not None and result.retry_on < local_day(result.done_at):
        problems["retry_on"] = FieldProblem("past", "the next try lies in the past")
    if result.criteria is not None and result.outcome is ActivityOutcome.REACHED:
        problems |= qualification.criteria_problems(result.criteria)
    return problems


def record_call(db: Database, result: CallOutcome) -> Outcome[CallRecorded]:
    """Mark the planned call done with its outcome and plan what follows, in one unit of work:
    not reached → the next try (a working day, the settings' days later unless given), call
    back → a call at that time, wrong person → a call with the person named instead, objected
    → the person marked do-not-contact and every touch planned for them removed; any other
    outcome → the nurturing plan's next step, if the call was one. A reached person's
    criteria, when given, are stored with the call."""
    problems = _check(result)
    if problems:
        raise ValidationFailed(problems)
    try:
        with db.writing() as session:
            call = session.get(Activity, result.activity_id)
            if call is None:
                raise NotFound(entity="activity", id=result.activity_id)
            if result.version is not None and call.version != result.version:
                raise ConcurrentEdit(entity="activity", name=call.subject or "")
            if call.done_at is not None:
                raise ValidationFailed({"outcome": FieldProblem("done", "recorded already")})
            if result.outcome is ActivityOutcome.OBJECTED and call.contact_id is None:
                # An objection is a person's (Art. 21 GDPR); a switchboard cannot object.
                raise ValidationFailed({"outcome": FieldProblem("no_person", "nobody to object")})
            settings = nurture_settings(session)
            calendar = settings.calendar()
            call.done_at = result.done_at
            call.outcome = result.outcome
            call.notes = result.notes.strip() or call.notes
            session.flush()
            done_on = local_day(result.done_at)
            nxt: Activity | None = None
            cancelled = 0
            outcome = result.outcome
            criteria = result.criteria if outcome is ActivityOutcome.REACHED else None
            noted = criteria is not None and call.contact_id is not None
            if criteria is not None and call.contact_id is not None:
                qualification.note_criteria(
                    session,
                    call.contact_id,
                    criteria,
                    version=result.criteria_version,
                    by_id=result.by_id,
                    today=done_on,
                    now=result.done_at,
                )
            if outcome is ActivityOutcome.NOT_REACHED:
                day = result.retry_on or retry_on(
                    done_on, settings.retry_days, calendar, off_days=settings.off_days
                )
                nxt = _follow(call, call.contact_id, day_start(day), True)
            elif outcome is ActivityOutcome.CALL_BACK:
                assert result.call_back_at is not None
                nxt = _follow(call, call.contact_id, result.call_back_at, False)
            elif outcome is ActivityOutcome.WRONG_PERSON:
                nxt = _referral(session, call, result, _next_day(done_on, settings))
            elif outcome is ActivityOutcome.OBJECTED:
                cancelled = _object(session, call, done_on, result.objection_reason)
            else:
                nxt = cadences.advance(session, call, done_on, calendar)
            if nxt is not None and nxt not in session:
                session.add(nxt)
            session.flush()
            recorded = CallRecorded(
                record_of(call),
                None if nxt is None else record_of(nxt),
                _attempts(session, call.contact_id),
                cancelled,
            )
    except StaleDataError as exc:
        raise ConcurrentEdit(entity="activity", name=str(result.activity_id)) from exc
    return Outcome(
        recorded,
        Changes.to_companies(
            (recorded.done.company_id,),
            activities=True,
            contacts=noted or outcome in (ActivityOutcome.OBJECTED, ActivityOutcome.WRONG_PERSON),
        ),
    )


def _next_day(done_on: dt.date, settings: NurtureSettings) -> dt.date:
    """The working day after `done_on`: a referral's first call."""
    return retry_on(done_on, 1, settings.calendar(), off_days=settings.off_days)


def _referral(
    session: Session, call: Activity, result: CallOutcome, day: dt.date
) -> Activity | None:
    """The wrong person's plan ends; a call with the colleague they named is planned."""
    if call.contact_id is not None:
        cadences.stop_plans(session, [call.contact_id], CadenceStop.CANCELLED, utcnow())
    if result.referred_contact_id is None:
        return None
    other = session.get(Contact, result.referred_contact_id)
    if other is None or other.deleted_at is not None or other.company_id != call.company_id:
        raise NotFound(entity="contact", id=result.referred_contact_id)
    if other.do_not_contact:
        raise ValidationFailed(
            {"referred_contact_id": FieldProblem("objected", "the person objected")}
        )
    return _follow(call, other.id, day_start(day), True)


def _object(session: Session, call: Activity, on: dt.date, reason: str) -> int:
    """Record the objection (Art. 21 GDPR) and remove every touch planned for the person."""
    if call.contact_id is None:
        return 0
    contact = session.get(Contact, call.contact_id)
    assert contact is not None
    contact.do_not_contact = True
    contact.do_not_contact_since = on
    contact.do_not_contact_reason = reason.strip() or None
    session.flush()
    return cadences.settle(session, [contact.id], objections=True)
