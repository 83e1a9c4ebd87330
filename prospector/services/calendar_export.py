"""The planned touches as an iCalendar file: one event per touch, with a reminder, under a UID
that stays the same, so that a second export updates a calendar instead of doubling it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.orm import Session

from prospector import i18n
from prospector.db import Database
from prospector.exchange.ics import CalendarEvent, write_calendar
from prospector.labels import activity_kind_label
from prospector.local_days import day_start
from prospector.models import Activity, Company, Contact
from prospector.normalize import phone_for_display
from prospector.services.call_list import touches_to_make
from prospector.services.shared_settings import read_setting

UID_KEY = "database.uid"
PAST_DAYS = 30  # touches left undone this far back still show (overdue)
CALL_MINUTES = 15
ALARM_MINUTES = 15


@dataclass(frozen=True)
class CalendarExport:
    path: Path
    events: int


def database_uid(session: Session) -> str:
    """This database's own name in UIDs (made by its migration): two firms' exports never
    collide, and a copy of the database keeps updating the same calendar entries."""
    stored = read_setting(session, UID_KEY)
    return stored if isinstance(stored, str) and stored else "prospector"


def export_calendar(
    db: Database,
    target: Path,
    *,
    owner_id: int | None = None,
    today: dt.date | None = None,
    name: str | None = None,
) -> CalendarExport:
    """Write the touches still to make (of one owner, or everyone) from PAST_DAYS ago on to
    `target`, through the same condition as every call list: nobody who objected, no private
    person without consent."""
    translate = i18n.translate
    since = day_start((today or dt.date.today()) - dt.timedelta(days=PAST_DAYS))
    stmt = (
        touches_to_make()
        .with_only_columns(
            Activity.id,
            Activity.kind,
            Activity.due_at,
            Activity.all_day,
            Activity.subject,
            Activity.notes,
            Activity.version,
            Activity.updated_at,
            Company.name,
            Company.city,
            Contact.first_name,
            Contact.last_name,
            func.coalesce(Contact.phone, Contact.mobile, Company.phone),
        )
        .where(Activity.due_at >= since)
        .order_by(Activity.due_at, Activity.id)
    )
    if owner_id is not None:
        stmt = stmt.where(Activity.owner_id == owner_id)
    events = []
    with db.reading() as session:
        uid = database_uid(session)
        for row in session.execute(stmt):
            (ident, kind, due_at, all_day, subject, notes, version, updated) = row[:8]
            company, city, first, last, phone = row[8:]
            assert due_at is not None  # touches_to_make has a due date
            # A day's touch is that day wherever the calendar is read; a timed one is a moment.
            start = due_at.astimezone().replace(tzinfo=None) if all_day else due_at
            person = " ".join(p for p in (first, last) if p)
            shown_phone = phone_for_display(phone) if phone else None
            who = f"{person} ({company})" if person else company
            details = [subject, shown_phone, notes]
            events.append(
                CalendarEvent(
                    uid=f"activity-{ident}@{uid}.prospector",
                    start=start,
                    minutes=CALL_MINUTES,
                    summary=f"{activity_kind_label(kind, translate)}: {who}",
                    description="\n".join(d for d in details if d) or None,
                    location=shown_phone or city,
                    alarm_minutes=None if all_day else ALARM_MINUTES,
                    sequence=version,
                    updated=updated,
                    all_day=all_day,
                )
            )
    count = write_calendar(
        events, target, name=name or translate("Calendar", "Prospector: planned touches")
    )
    return CalendarExport(target, count)
