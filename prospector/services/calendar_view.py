"""What the calendar shows: touches per day of a month, a week's or a day's agenda, the
touches due today, and the leads nobody is looking after."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from prospector.enums import ActivityKind, ActivityOutcome, LeadStatus
from prospector.errors import NotFound
from prospector.local_days import day_start, local_day
from prospector.models import Activity, Company, Contact, TeamMember
from prospector.nurturing import TOUCH_KINDS, Forgotten
from prospector.qualification import ACTIVE_LEAD
from prospector.services.call_list import touches_to_make
from prospector.services.nurture_settings import NurtureSettings, nurture_settings


@dataclass(frozen=True)
class DayCount:
    planned: int = 0  # still to do
    done: int = 0


@dataclass(frozen=True)
class AgendaItem:
    id: int
    kind: ActivityKind
    due_at: dt.datetime | None
    all_day: bool
    done_at: dt.datetime | None
    outcome: ActivityOutcome | None
    subject: str | None
    company_id: int
    company: str
    contact_id: int | None
    contact: str | None
    phone: str | None  # as stored (E.164)
    owner_id: int | None
    owner: str | None
    step: int | None  # the step of a nurturing plan
    version: int


@dataclass(frozen=True)
class ForgottenLead:
    contact_id: int
    name: str
    company_id: int
    company: str
    status: LeadStatus
    last_touch: dt.date | None
    reason: Forgotten
    owner: str | None


def _range(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return day_start(first), day_start(last + dt.timedelta(days=1))


def month_counts(
    session: Session, first: dt.date, last: dt.date, owner_id: int | None = None
) -> dict[dt.date, DayCount]:
    """Touches to make and touches done per local day from `first` to `last` (a month grid
    shows some days of the months around it too). Counted per hour in the database: a month
    of 10,000 touches comes back as a few hundred rows, each hour put on its local day (exact
    where the local time lies whole hours from UTC, as in Germany)."""
    start, end = _range(first, last)
    postgres = session.get_bind().dialect.name == "postgresql"
    due_hour, done_hour = _hour(Activity.due_at, postgres), _hour(Activity.done_at, postgres)
    planned_stmt = (
        touches_to_make()
        .with_only_columns(due_hour, func.count())
        .where(Activity.due_at >= start, Activity.due_at < end)
        .group_by(due_hour)
    )
    done_stmt = (
        select(done_hour, func.count())
        .where(Activity.done_at >= start, Activity.done_at < end)
        .group_by(done_hour)
    )
    if owner_id is not None:
        planned_stmt = planned_stmt.where(Activity.owner_id == owner_id)
        done_stmt = done_stmt.where(Activity.owner_id == owner_id)
    planned = _per_day(session.execute(planned_stmt))
    done = _per_day(session.execute(done_stmt))
    return {
        day: DayCount(planned.get(day, 0), done.get(day, 0))
        for day in sorted(planned.keys() | done.keys())
    }


def _hour(column: Any, postgres: bool) -> Any:
    """The stored (UTC) moment's hour: PostgreSQL truncates the timestamp, SQLite's stored
    text keeps its first 13 characters ("2027-01-12 08")."""
    return func.date_trunc("hour", column) if postgres else func.substr(column, 1, 13)


def _per_day(rows: Iterable[Any]) -> Counter[dt.date]:
    days: Counter[dt.date] = Counter()
    for hour, count in rows:
        moment = (
            hour if isinstance(hour, dt.datetime) else dt.datetime.strptime(hour, "%Y-%m-%d %H")
        )
        days[local_day(moment.replace(tzinfo=dt.UTC))] += count
    return days


def agenda(
    session: Session,
    first: dt.date,
    last: dt.date,
    owner_id: int | None = None,
    *,
    overdue: bool = False,
) -> list[AgendaItem]:
    """The touches of the days from `first` to `last`: those to make (that may be made) and
    those done, by time. `overdue` adds every touch left undone from before `first`."""
    start, end = _range(first, last)
    planned_when = Activity.due_at < end if overdue else Activity.due_at.between(start, end)
    planned = touches_to_make().where(planned_when, Activity.due_at < end)
    done = (
        select(Activity)
        .join(Company, Company.id == Activity.company_id)
        .outerjoin(Contact, Contact.id == Activity.contact_id)
        .where(Activity.done_at >= start, Activity.done_at < end, Company.deleted_at.is_(None))
    )
    items: list[AgendaItem] = []
    for source in (planned, done):
        stmt = _with_agenda_columns(source)
        if owner_id is not None:
            stmt = stmt.where(Activity.owner_id == owner_id)
        items.extend(_item(row) for row in session.execute(stmt))
    return sorted(items, key=_agenda_key)


def _with_agenda_columns(source: Select[Activity]) -> Any:
    return source.with_only_columns(
        Activity.id,
        Activity.kind,
        Activity.due_at,
        Activity.all_day,
        Activity.done_at,
        Activity.outcome,
        Activity.subject,
        Company.id,
        Company.name,
        Contact.id,
        Contact.first_name,
        Contact.last_name,
        func.coalesce(Contact.phone, Contact.mobile, Company.phone),
        Activity.owner_id,
        TeamMember.name,
        Activity.step,
        Activity.version,
    ).outerjoin(TeamMember, TeamMember.id == Activity.owner_id)


def _item(row: Any) -> AgendaItem:
    return AgendaItem(
        id=row[0],
        kind=ActivityKind(row[1]),
        due_at=row[2],
        all_day=bool(row[3]),
        done_at=row[4],
        outcome=None if row[5] is None else ActivityOutcome(row[5]),
        subject=row[6],
        company_id=row[7],
        company=row[8],
        contact_id=row[9],
        contact=" ".join(p for p in (row[10], row[11]) if p) or None,
        phone=row[12],
        owner_id=row[13],
        owner=row[14],
        step=row[15],
        version=row[16],
    )


def agenda_item(session: Session, activity_id: int) -> AgendaItem:
    """One activity as the agenda shows it (a dialog opened on it reads this)."""
    source = (
        select(Activity)
        .join(Company, Company.id == Activity.company_id)
        .outerjoin(Contact, Contact.id == Activity.contact_id)
        .where(Activity.id == activity_id)
    )
    row = session.execute(_with_agenda_columns(source)).first()
    if row is None:
        raise NotFound(entity="activity", id=activity_id)
    return _item(row)


def _agenda_key(item: AgendaItem) -> tuple[dt.datetime, bool, str, int]:
    when = item.done_at or item.due_at
    assert when is not None
    return (when, not item.all_day, item.company.casefold(), item.id)


def forgotten_leads(
    session: Session,
    today: dt.date,
    quiet_days: int,
    owner_id: int | None = None,
    *,
    limit: int = 500,
) -> tuple[list[ForgottenLead], int]:
    """Leads nobody is looking after (nurturing.forgotten's rule, in SQL): nothing planned,
    and in nurturing, or not touched for `quiet_days` days. People who objected are left out:
    there is nothing to plan for them. The first `limit` (the longest untouched first) and how
    many there are."""
    planned = exists().where(Activity.contact_id == Contact.id, Activity.done_at.is_(None))
    last = (
        select(Activity.contact_id, func.max(Activity.done_at).label("last"))
        .where(Activity.done_at.is_not(None), Activity.kind.in_(tuple(TOUCH_KINDS)))
        .group_by(Activity.contact_id)
        .subquery()
    )
    cutoff = day_start(today - dt.timedelta(days=quiet_days - 1))
    conditions = [
        Contact.deleted_at.is_(None),
        Contact.do_not_contact.is_(False),
        Contact.lead_status.in_(tuple(ACTIVE_LEAD)),
        Company.deleted_at.is_(None),
        ~planned,
        or_(
            Contact.lead_status == LeadStatus.NURTURING,
            last.c.last.is_(None),
            last.c.last < cutoff,
        ),
    ]
    if owner_id is not None:
        conditions.append(
            or_(
                Contact.owner_id == owner_id,
                and_(Contact.owner_id.is_(None), Company.owner_id == owner_id),
            )
        )
    base = (
        select(Contact.id)
        .join(Company, Company.id == Contact.company_id)
        .outerjoin(last, last.c.contact_id == Contact.id)
        .outerjoin(TeamMember, TeamMember.id == func.coalesce(Contact.owner_id, Company.owner_id))
        .where(*conditions)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        base.with_only_columns(
            Contact.id,
            Contact.first_name,
            Contact.last_name,
            Company.id,
            Company.name,
            Contact.lead_status,
            last.c.last,
            TeamMember.name,
        )
        .order_by(last.c.last.is_not(None), last.c.last, Contact.id)
        .limit(limit)
    )
    found = []
    for contact_id, first, last_name, company_id, company, status, touched, owner in rows:
        lead = LeadStatus(status)
        found.append(
            ForgottenLead(
                contact_id,
                " ".join(p for p in (first, last_name) if p),
                company_id,
                company,
                lead,
                None if touched is None else local_day(touched),
                Forgotten.NURTURING_UNPLANNED
                if lead is LeadStatus.NURTURING
                else Forgotten.NO_TOUCH,
                owner,
            )
        )
    return found, total


@dataclass(frozen=True)
class CalendarReading:
    """What the calendar page shows, read in one session."""

    settings: NurtureSettings
    counts: dict[dt.date, DayCount]
    agenda: list[AgendaItem]
    forgotten: list[ForgottenLead]
    forgotten_total: int


def calendar_reading(
    session: Session,
    grid: tuple[dt.date, dt.date] | None,
    first: dt.date,
    last: dt.date,
    today: dt.date,
    owner_id: int | None,
    forgotten_limit: int,
) -> CalendarReading:
    """The month grid's counts (when `grid` is given), the agenda of the days shown (with the
    touches left over, when they include today) and the forgotten leads."""
    settings = nurture_settings(session)
    counts = month_counts(session, grid[0], grid[1], owner_id) if grid else {}
    items = agenda(session, first, last, owner_id, overdue=first <= today <= last)
    leads, total = forgotten_leads(
        session, today, settings.quiet_days, owner_id, limit=forgotten_limit
    )
    return CalendarReading(settings, counts, items, leads, total)
