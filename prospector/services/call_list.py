"""The calls planned for a day and the touches planned for a calendar: the one query every
call list, printed sheet and calendar export goes through, so that nobody who objected and
no private person without consent is ever on one."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session

from prospector.call_day import Call, CallDay, PastTouch, in_order
from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    CompanyStage,
    ConsentChannel,
    Criterion,
    CriterionStatus,
    LeadStatus,
)
from prospector.local_days import day_start, local_day
from prospector.models import Activity, Company, Contact, Persona, Qualification, TeamMember
from prospector.normalize import phone_for_display
from prospector.services.outreach import reachable
from prospector.services.profiles import active_profile

CHUNK = 500  # ids per statement
RECENT = 5  # past touches on a call sheet

# The channel a planned touch of each kind uses; a letter or a meeting needs no consent
# (UWG §7 covers calls and e-mails), but an objection stops them too.
CHANNELS = {ActivityKind.CALL: ConsentChannel.PHONE, ActivityKind.EMAIL: ConsentChannel.EMAIL}


def may_touch() -> ColumnElement[bool]:
    """A planned activity that may be carried out: its company is live and, where it names a
    person, the person is live, did not object, and (a private person) consented to the
    channel of its kind. Every list of touches to make is filtered by this condition."""
    by_kind = or_(
        *(and_(Activity.kind == kind, reachable(channel)) for kind, channel in CHANNELS.items()),
        and_(
            Activity.kind.not_in(tuple(CHANNELS)),
            Contact.deleted_at.is_(None),
            Contact.do_not_contact.is_(False),
        ),
    )
    return and_(
        Company.deleted_at.is_(None),
        or_(Activity.contact_id.is_(None), by_kind),
    )


def touches_to_make() -> Select[Activity]:
    """Planned activities not done yet that may be made (see may_touch), with their company
    and person joined for further conditions."""
    return (
        select(Activity)
        .join(Company, Company.id == Activity.company_id)
        .outerjoin(Contact, Contact.id == Activity.contact_id)
        .where(Activity.done_at.is_(None), Activity.due_at.is_not(None), may_touch())
    )


def _name(title: str | None, first: str | None, last: str | None) -> str:
    return " ".join(part for part in (title, first, last) if part)


@dataclass(frozen=True)
class _Touches:
    last: dict[int, PastTouch]  # per person
    recent: dict[int, tuple[PastTouch, ...]]  # per company, newest first


def _past(session: Session, company_ids: Sequence[int], contact_ids: Sequence[int]) -> _Touches:
    """The last touch of each person and the last five of each company, by window queries."""
    recent: dict[int, list[PastTouch]] = defaultdict(list)
    last: dict[int, PastTouch] = {}
    for start in range(0, len(company_ids), CHUNK):
        chunk = company_ids[start : start + CHUNK]
        rank = (
            func.row_number()
            .over(
                partition_by=Activity.company_id,
                order_by=(Activity.done_at.desc(), Activity.id.desc()),
            )
            .label("rank")
        )
        inner = (
            select(
                Activity.company_id,
                Activity.done_at,
                Activity.kind,
                Activity.outcome,
                Activity.subject,
                Contact.first_name,
                Contact.last_name,
                rank,
            )
            .outerjoin(Contact, Contact.id == Activity.contact_id)
            .where(Activity.company_id.in_(chunk), Activity.done_at.is_not(None))
            .subquery()
        )
        rows = session.execute(
            select(inner).where(inner.c.rank <= RECENT).order_by(inner.c.company_id, inner.c.rank)
        )
        for company_id, done_at, kind, outcome, subject, first, last_name, _ in rows:
            recent[company_id].append(
                PastTouch(
                    local_day(done_at),
                    ActivityKind(kind),
                    None if outcome is None else ActivityOutcome(outcome),
                    subject,
                    _name(None, first, last_name) or None,
                )
            )
    for start in range(0, len(contact_ids), CHUNK):
        chunk = contact_ids[start : start + CHUNK]
        rank = (
            func.row_number()
            .over(
                partition_by=Activity.contact_id,
                order_by=(Activity.done_at.desc(), Activity.id.desc()),
            )
            .label("rank")
        )
        inner = (
            select(
                Activity.contact_id,
                Activity.done_at,
                Activity.kind,
                Activity.outcome,
                Activity.subject,
                rank,
            )
            .where(Activity.contact_id.in_(chunk), Activity.done_at.is_not(None))
            .subquery()
        )
        for contact_id, done_at, kind, outcome, subject, _ in session.execute(
            select(inner).where(inner.c.rank == 1)
        ):
            last[contact_id] = PastTouch(
                local_day(done_at),
                ActivityKind(kind),
                None if outcome is None else ActivityOutcome(outcome),
                subject,
                None,
            )
    return _Touches(last, {k: tuple(v) for k, v in recent.items()})


def call_day(
    session: Session,
    on: dt.date,
    owner_id: int | None = None,
    *,
    only_ids: Collection[int] | None = None,
) -> CallDay:
    """The calls of a day for one caller (None: everyone), with the calls left over from
    earlier days (overdue), in the order of call_day.priority; everything a call sheet prints.
    A call planned for a company without a person is a call to its switchboard.
    `only_ids` keeps just those planned calls (a list the user reordered or trimmed)."""
    stmt = (
        touches_to_make()
        .with_only_columns(
            Activity.id,
            Activity.due_at,
            Activity.subject,
            Activity.owner_id,
            Contact.id,
            Contact.academic_title,
            Contact.first_name,
            Contact.last_name,
            Contact.job_title,
            Contact.phone,
            Contact.mobile,
            Contact.lead_status,
            Contact.data_source,
            Company.id,
            Company.name,
            Company.city,
            Company.phone,
            Company.stage,
            Company.fit_score,
            Company.source,
            Persona.name,
            Persona.talking_points,
            Qualification.authority_status,
            Qualification.need_status,
            Qualification.budget_status,
            Qualification.timing_status,
            Activity.version,
        )
        .outerjoin(Persona, Persona.id == Contact.persona_id)
        .outerjoin(Qualification, Qualification.contact_id == Contact.id)
        .where(
            Activity.kind == ActivityKind.CALL,
            Activity.due_at < day_start(on + dt.timedelta(days=1)),
        )
    )
    if owner_id is not None:
        stmt = stmt.where(Activity.owner_id == owner_id)
    if only_ids is not None:
        stmt = stmt.where(Activity.id.in_(list(only_ids)))
    rows: list[Any] = list(session.execute(stmt))
    profile = active_profile(session)
    touches = _past(
        session,
        sorted({row[13] for row in rows}),
        sorted({row[4] for row in rows if row[4] is not None}),
    )
    owners = _owner_names(session, {row[3] for row in rows} | {owner_id})
    start = day_start(on)
    calls = []
    for row in rows:
        (activity_id, due_at, subject, activity_owner, contact_id, title, first, last) = row[:8]
        job_title, phone, mobile, status, contact_source = row[8:13]
        company_id, company, city, company_phone, stage, fit_score, company_source = row[13:20]
        persona, persona_points = row[20:22]
        statuses = row[22:26]
        version = row[26]
        own = phone or mobile
        number = own or company_phone
        calls.append(
            Call(
                activity_id=activity_id,
                contact_id=contact_id,
                company_id=company_id,
                company=company,
                city=city,
                phone=None if number is None else phone_for_display(number),
                phone_is_company=own is None and company_phone is not None,
                contact=_name(title, first, last),
                job_title=job_title,
                persona=persona,
                status=None if status is None else LeadStatus(status),
                stage=CompanyStage(stage),
                fit_score=fit_score,
                due_at=due_at,
                overdue=due_at < start,
                talking_point=subject,
                persona_points=persona_points,
                pains=(profile.pain_points or None) if profile else None,
                value_proposition=(profile.value_proposition or None) if profile else None,
                criteria=tuple(
                    (criterion, CriterionStatus(s) if s is not None else CriterionStatus.OPEN)
                    for criterion, s in zip(Criterion, statuses, strict=True)
                ),
                last_touch=None if contact_id is None else touches.last.get(contact_id),
                recent=touches.recent.get(company_id, ()),
                data_source=contact_source or company_source,
                owner=owners.get(activity_owner) if activity_owner is not None else None,
                version=version,
            )
        )
    return CallDay(on, owners.get(owner_id) if owner_id is not None else None, in_order(calls))


def _owner_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.execute(select(TeamMember.id, TeamMember.name).where(TeamMember.id.in_(wanted)))
    return {ident: name for ident, name in rows}
