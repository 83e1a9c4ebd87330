"""iCalendar (.ics) files of planned activities for Outlook, Google, Apple and Thunderbird."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import secrets
from calendar import monthrange
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vText

PRODID = "-//Prospector//Prospector//DE"

# The VTIMEZONE is right for events from this year (or the earliest event's) on; its yearly
# rules are checked up to _RULES_UNTIL and then hold beyond it, as in every calendar app.
_RULES_SINCE = 2010
_RULES_UNTIL = 2037

# Not allowed in iCalendar text (RFC 5545 TSAFE-CHAR): C0 controls but tab and line feed, DEL;
# lone surrogates cannot be written as UTF-8 at all.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY = timedelta(days=1)


@dataclass(frozen=True)
class CalendarEvent:
    """One planned activity as a calendar entry."""

    uid: str  # stable per activity: an app updates the entry of this UID on a new import
    start: datetime  # naive: the firm's local time (an aware one is converted to it)
    minutes: int  # duration; 0 gives an event without end, a moment
    summary: str
    description: str | None
    location: str | None
    alarm_minutes: int | None  # a reminder this many minutes before the start; None: none
    sequence: int  # the activity's version: apps take an update only with a higher one
    updated: datetime  # UTC (a naive one is taken as UTC): LAST-MODIFIED and DTSTAMP
    all_day: bool = False  # a touch planned for a day without a time


def calendar_bytes(
    events: Iterable[CalendarEvent], *, name: str, timezone: str = "Europe/Berlin"
) -> bytes:
    """The events as an iCalendar file; the same events always give the same bytes, whatever
    their order, since nothing in it depends on the time of the export."""
    zone = _zone(timezone)
    ordered = sorted(events, key=lambda event: (_sort_time(event, zone), event.uid))
    _check_uids(ordered)
    calendar = Calendar()
    calendar.add("PRODID", PRODID)
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    calendar.add("METHOD", "PUBLISH")
    # icalendar 7 writes these as unknown values, unescaped (a newline in the name even fails
    # an assertion); as vText they are escaped like every other text.
    calendar.add("NAME", vText(_text(name)))
    calendar.add("X-WR-CALNAME", vText(_text(name)))
    calendar.add("X-WR-TIMEZONE", vText(timezone))
    for event in ordered:
        calendar.add_component(_vevent(event, zone))
    # Only times refer to the zone (UTC is written without it): all-day events need none.
    if timezone in calendar.get_used_tzids():
        years = [_local(event.start, zone).year for event in ordered if not event.all_day]
        # Before the events that refer to it, where calendar apps write it too.
        calendar.subcomponents.insert(0, _vtimezone(timezone, min(years), max(years)))
    return bytes(calendar.to_ical())


def write_calendar(
    events: Iterable[CalendarEvent], target: Path, *, name: str, timezone: str = "Europe/Berlin"
) -> int:
    """Write the events to target, which appears whole or not at all; returns their number."""
    listed = list(events)
    data = calendar_bytes(listed, name=name, timezone=timezone)
    # Beside the target, so that os.replace is one atomic rename; opened like any new file
    # (not mkstemp's owner-only mode): a calendar on a shared folder is read by others.
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        with temporary.open("xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())  # the data is on disk before its name is
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    return len(listed)


def _zone(timezone: str) -> ZoneInfo:
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {timezone!r}") from exc


def _local(start: datetime, zone: ZoneInfo) -> datetime:
    if start.tzinfo is None:
        return start.replace(tzinfo=zone)
    return start.astimezone(zone)


def _sort_time(event: CalendarEvent, zone: ZoneInfo) -> datetime:
    local = _local(event.start, zone).replace(tzinfo=None)
    return datetime.combine(local.date(), time()) if event.all_day else local


def _check_uids(events: list[CalendarEvent]) -> None:
    seen: set[str] = set()
    for event in events:
        if not event.uid:
            raise ValueError("a calendar event needs a UID")
        if event.uid in seen:
            # Two entries of one UID are one entry to every app: one would be lost.
            raise ValueError(f"two calendar events with the UID {event.uid!r}")
        seen.add(event.uid)


def _text(value: str) -> str:
    return _UNSAFE.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _vevent(item: CalendarEvent, zone: ZoneInfo) -> Event:
    if item.minutes < 0:
        raise ValueError(f"calendar event {item.uid!r} lasts {item.minutes} minutes")
    event = Event()
    event.add("UID", item.uid)
    updated = _utc(item.updated)
    event.add("DTSTAMP", updated)
    event.add("LAST-MODIFIED", updated)
    event.add("SEQUENCE", item.sequence)
    start = _local(item.start, zone)
    if item.all_day:
        event.add("DTSTART", start.date())
        event.add("DTEND", start.date() + _DAY)
        # A to-do for some time of the day: it must not show the whole day as busy.
        event.add("TRANSP", "TRANSPARENT")
    else:
        event.add("DTSTART", start)
        if item.minutes:
            event.add("DTEND", start + timedelta(minutes=item.minutes))
        event.add("TRANSP", "OPAQUE")
    event.add("STATUS", "CONFIRMED")
    summary = _text(item.summary)
    event.add("SUMMARY", summary)
    for key, value in (("DESCRIPTION", item.description), ("LOCATION", item.location)):
        if value and (text := _text(value)):
            event.add(key, text)
    if item.alarm_minutes is not None:
        alarm = Alarm()
        alarm.add("ACTION", "DISPLAY")
        alarm.add("TRIGGER", timedelta(minutes=-item.alarm_minutes))
        alarm.add("DESCRIPTION", summary)  # required for a display alarm
        event.add_component(alarm)
    return event


@dataclass(frozen=True)
class _Observance:
    """A STANDARD or DAYLIGHT part of a VTIMEZONE."""

    daylight: bool
    name: str
    offset_from: timedelta
    offset_to: timedelta
    onset: datetime  # the first change, in the local time before it (RFC 5545)
    byday: str | None  # a yearly rule: "-1SU" the last Sunday of onset's month, "2SU" ...
    rdates: tuple[datetime, ...]  # without a rule: the later changes, one by one


def _vtimezone(tzid: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of tzid, right for events in these years and, by its rules, later.

    Not icalendar's Timezone.from_tzid: it lists every change as a date (RDATE), which
    Outlook misreads (summer appointments an hour off), and puts the start of summer time an
    hour late. Here a part that recurs yearly is a rule (RRULE), as Google and Outlook write
    it, and only a zone that dropped or changed its rules lists dates.
    """
    # A year before the first that must be right: its first months precede its first change.
    since = min(_RULES_SINCE, first_year) - 1
    until = max(_RULES_UNTIL, last_year + 1)
    timezone = Timezone()
    timezone.add("TZID", tzid)
    for observance in _observances(tzid, since, until):
        part = TimezoneDaylight() if observance.daylight else TimezoneStandard()
        part.add("DTSTART", observance.onset)
        part.add("TZOFFSETFROM", observance.offset_from)
        part.add("TZOFFSETTO", observance.offset_to)
        part.add("TZNAME", observance.name)
        if observance.byday is not None:
            rule = {"FREQ": "YEARLY", "BYMONTH": observance.onset.month, "BYDAY": observance.byday}
            part.add("RRULE", rule)
        if observance.rdates:
            part.add("RDATE", list(observance.rdates))
        timezone.add_component(part)
    return timezone


@functools.lru_cache(maxsize=8)
def _observances(tzid: str, since: int, until: int) -> tuple[_Observance, ...]:
    """The zone's parts from the start of since to the end of until."""
    zone = ZoneInfo(tzid)
    changes = _changes(zone, since, until)
    observances = []
    if not changes or changes[0][0].year > since:
        # What holds before the first change (in a zone without any: always).
        start = datetime(since, 1, 1, tzinfo=UTC).astimezone(zone)
        offset = _offset(zone, start)
        name = start.tzname() or ""
        onset = datetime(since, 1, 1)
        observances.append(_Observance(bool(start.dst()), name, offset, offset, onset, None, ()))
    onsets: dict[tuple[bool, str, timedelta, timedelta], list[datetime]] = {}
    for instant, before, after in changes:
        local = instant.astimezone(zone)
        key = (bool(local.dst()), local.tzname() or "", before, after)
        onsets.setdefault(key, []).append((instant + before).replace(tzinfo=None))
    for (daylight, name, before, after), dates in onsets.items():
        byday = _yearly_rule(dates, until)
        rdates = () if byday is not None else tuple(dates[1:])
        observances.append(_Observance(daylight, name, before, after, dates[0], byday, rdates))
    return tuple(observances)


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always knows it
    return offset


def _changes(zone: ZoneInfo, since: int, until: int) -> list[tuple[datetime, timedelta, timedelta]]:
    """When (UTC, to the minute) the zone's offset changes in these years, from what to what.

    Day by day, then bisected within the day: no zone changes twice in one day.
    """
    changes = []
    day = datetime(since, 1, 1, tzinfo=UTC)
    end = datetime(until + 1, 1, 1, tzinfo=UTC)
    offset = _offset(zone, day)
    while day < end:
        following = day + _DAY
        new = _offset(zone, following)
        if new != offset:
            low, high = 0, 24 * 60  # minutes into the day: the old offset at low, the new at high
            while high - low > 1:
                middle = (low + high) // 2
                if _offset(zone, day + timedelta(minutes=middle)) == offset:
                    low = middle
                else:
                    high = middle
            changes.append((day + timedelta(minutes=high), offset, new))
            offset = new
        day = following
    return changes


def _yearly_rule(onsets: list[datetime], until: int) -> str | None:
    """The BYDAY of a yearly rule giving exactly these onsets, once a year up to until ("-1SU":
    the last Sunday of the month, "2SU": the second), or None if no such rule does."""
    first = onsets[0]
    if [onset.year for onset in onsets] != list(range(first.year, until + 1)):
        return None
    pattern = (first.month, first.weekday(), first.time())
    if any((onset.month, onset.weekday(), onset.time()) != pattern for onset in onsets):
        return None
    weekday = _WEEKDAYS[first.weekday()]
    if all(onset.day + 7 > monthrange(onset.year, onset.month)[1] for onset in onsets):
        return f"-1{weekday}"
    weeks = {(onset.day - 1) // 7 + 1 for onset in onsets}
    return f"{weeks.pop()}{weekday}" if len(weeks) == 1 else None
