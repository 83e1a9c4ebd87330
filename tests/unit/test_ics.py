"""The iCalendar file of planned activities, read back with icalendar as calendar apps read it."""

from __future__ import annotations

import dataclasses
import os
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event

from prospector.exchange.ics import CalendarEvent, calendar_bytes, write_calendar

UPDATED = datetime(2025, 6, 2, 9, 30, tzinfo=UTC)
SUMMER = CalendarEvent(
    uid="activity-42@5f0c.prospector",
    start=datetime(2025, 7, 14, 9, 30),
    minutes=15,
    summary="Anruf: Jürgen Weiß (Müller & Söhne GmbH), Einkauf; Zentrale",
    description="Gesprächspunkt: Angebot 2025\nRückruf erbeten; Tel. 030 1234, Durchwahl 5 🙂",
    location="+49 30 1234-5",
    alarm_minutes=10,
    sequence=3,
    updated=UPDATED,
)
WINTER = CalendarEvent(
    uid="activity-43@5f0c.prospector",
    start=datetime(2025, 12, 3, 14, 0),
    minutes=45,
    summary="Termin: Bäckerei Groß",
    description=None,
    location="Görlitz",
    alarm_minutes=None,
    sequence=0,
    updated=UPDATED,
)
ALL_DAY = CalendarEvent(
    uid="activity-44@5f0c.prospector",
    start=datetime(2025, 9, 1),
    minutes=15,
    summary="Brief an Ölmühle Öhringen",
    description=None,
    location=None,
    alarm_minutes=None,
    sequence=1,
    updated=UPDATED,
    all_day=True,
)
EVENTS = (SUMMER, WINTER, ALL_DAY)


def _parse(data: bytes) -> Calendar:
    return Calendar.from_ical(data)


def _events(data: bytes) -> dict[str, Event]:
    return {str(event["UID"]): event for event in _parse(data).walk("VEVENT")}


def _unescape(value: object) -> str:
    """TEXT as RFC 5545 (3.3.11) escapes it, read back."""
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], str(value))


def test_events_come_back_with_text_times_and_versions() -> None:
    events = _events(calendar_bytes(EVENTS, name="Anrufe"))
    assert set(events) == {SUMMER.uid, WINTER.uid, ALL_DAY.uid}
    summer, winter = events[SUMMER.uid], events[WINTER.uid]
    assert str(summer["SUMMARY"]) == SUMMER.summary
    assert str(summer["DESCRIPTION"]) == SUMMER.description
    assert str(summer["LOCATION"]) == SUMMER.location
    assert str(winter["LOCATION"]) == "Görlitz"
    assert "DESCRIPTION" not in winter
    for event, item in ((summer, SUMMER), (winter, WINTER)):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
        assert start.replace(tzinfo=None) == item.start
        assert end - start == timedelta(minutes=item.minutes)
        assert int(event["SEQUENCE"]) == item.sequence
        assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == UPDATED
        assert (str(event["STATUS"]), str(event["TRANSP"])) == ("CONFIRMED", "OPAQUE")
    assert summer["DTSTART"].dt.utcoffset() == timedelta(hours=2)  # CEST
    assert winter["DTSTART"].dt.utcoffset() == timedelta(hours=1)  # CET


def test_the_calendar_names_itself_and_its_zone() -> None:
    name = "Anrufe, Vertrieb; Team\nNord"
    calendar = _parse(calendar_bytes(EVENTS, name=name))
    assert str(calendar["PRODID"]) == "-//Prospector//Prospector//DE"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    # icalendar 7 reads NAME and X- properties as unknown values, still escaped.
    assert _unescape(calendar["NAME"]) == _unescape(calendar["X-WR-CALNAME"]) == name
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Berlin"


def test_alarm_only_where_one_is_set() -> None:
    events = _events(calendar_bytes(EVENTS, name="Anrufe"))
    (alarm,) = events[SUMMER.uid].walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-10)
    assert str(alarm["DESCRIPTION"]) == SUMMER.summary
    assert events[WINTER.uid].walk("VALARM") == []
    assert events[ALL_DAY.uid].walk("VALARM") == []
    assert b"TRIGGER:-PT10M\r\n" in calendar_bytes([SUMMER], name="Anrufe")


def test_all_day_events_have_dates_and_leave_the_day_free() -> None:
    data = calendar_bytes([ALL_DAY], name="Anrufe")
    event = _events(data)[ALL_DAY.uid]
    assert event["DTSTART"].dt == date(2025, 9, 1)
    assert event["DTEND"].dt == date(2025, 9, 2)
    assert not isinstance(event["DTSTART"].dt, datetime)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert b"DTSTART;VALUE=DATE:20250901\r\n" in data
    assert _parse(data).walk("VTIMEZONE") == []  # no time refers to a zone


def test_a_second_export_is_identical_and_updates_by_uid() -> None:
    first = calendar_bytes(EVENTS, name="Anrufe")
    assert calendar_bytes(EVENTS, name="Anrufe") == first
    assert calendar_bytes(reversed(EVENTS), name="Anrufe") == first

    changed = dataclasses.replace(
        WINTER,
        summary="Termin: Bäckerei Groß (verschoben)",
        start=datetime(2025, 12, 4, 10, 0),
        sequence=WINTER.sequence + 1,
        updated=UPDATED + timedelta(days=3),
    )
    added = dataclasses.replace(SUMMER, uid="activity-51@5f0c.prospector", sequence=0)
    second = calendar_bytes([SUMMER, changed, ALL_DAY, added], name="Anrufe")
    before, after = _events(first), _events(second)
    assert set(after) - set(before) == {added.uid}
    for uid in (SUMMER.uid, ALL_DAY.uid):
        assert after[uid].to_ical() == before[uid].to_ical()
    assert int(after[WINTER.uid]["SEQUENCE"]) > int(before[WINTER.uid]["SEQUENCE"])
    assert str(after[WINTER.uid]["SUMMARY"]) == changed.summary
    assert after[WINTER.uid]["DTSTAMP"].dt == UPDATED + timedelta(days=3)


def test_the_zone_is_defined_once_before_the_events() -> None:
    calendar = _parse(calendar_bytes([SUMMER, WINTER, ALL_DAY], name="Anrufe"))
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Berlin"
    assert calendar.subcomponents[0] is zone
    assert calendar.get_missing_tzids() == set()


@pytest.mark.parametrize("tzid", ["Europe/Berlin", "America/New_York", "America/Sao_Paulo"])
def test_the_zone_definition_gives_the_offsets_of_the_time_zone_database(tzid: str) -> None:
    calendar = _parse(calendar_bytes([SUMMER], name="Anrufe", timezone=tzid))
    (component,) = calendar.walk("VTIMEZONE")
    # From the VTIMEZONE alone, as an app without the zone database reads it.
    defined, real = component.to_tz(lookup_tzid=False), ZoneInfo(tzid)
    day, checked = datetime(2010, 1, 1, tzinfo=UTC), 0
    while day.year < 2040:
        following = day + timedelta(days=1)
        # Every quarter hour of a day with a change (an hour late is caught), else one time.
        if following.astimezone(real).utcoffset() != day.astimezone(real).utcoffset():
            moments = [day + timedelta(minutes=15 * quarter) for quarter in range(96)]
            checked += 1
        else:
            moments = [day] if day.day % 5 == 0 else []
        for moment in moments:
            assert moment.astimezone(defined).utcoffset() == moment.astimezone(real).utcoffset()
        day = following
    assert checked >= 18  # Sao Paulo dropped summer time in 2019: two changes a year till then


def test_berlin_is_written_as_yearly_rules() -> None:
    # Outlook misreads a zone of single dates (RDATE) and shifts summer appointments.
    (zone,) = _parse(calendar_bytes([SUMMER], name="Anrufe")).walk("VTIMEZONE")
    rules = {part.name: part["RRULE"].to_ical().decode() for part in zone.subcomponents}
    assert rules == {
        "DAYLIGHT": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3",
        "STANDARD": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10",
    }
    assert all("RDATE" not in part for part in zone.subcomponents)


def test_text_survives_folding_and_loses_forbidden_characters() -> None:
    long = dataclasses.replace(
        SUMMER,
        summary="Anruf: " + "Müller & Söhne, Weiß; 🙂 " * 12,
        description="erste Zeile\r\nzweite\rdritte\x07\x00 Ende\tTab",
    )
    data = calendar_bytes([long], name="Anrufe")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    event = _events(data)[long.uid]
    assert str(event["SUMMARY"]) == long.summary
    assert str(event["DESCRIPTION"]) == "erste Zeile\nzweite\ndritte Ende\tTab"


def test_an_event_without_duration_has_no_end() -> None:
    moment = dataclasses.replace(SUMMER, minutes=0)
    event = _events(calendar_bytes([moment], name="Anrufe"))[moment.uid]
    assert "DTEND" not in event


def test_aware_times_are_converted() -> None:
    aware = dataclasses.replace(
        SUMMER,
        start=datetime(2025, 7, 14, 7, 30, tzinfo=UTC),
        updated=datetime(2025, 6, 2, 11, 30, tzinfo=ZoneInfo("Europe/Berlin")),
    )
    assert calendar_bytes([aware], name="Anrufe") == calendar_bytes([SUMMER], name="Anrufe")
    naive = dataclasses.replace(SUMMER, updated=UPDATED.replace(tzinfo=None))
    assert calendar_bytes([naive], name="Anrufe") == calendar_bytes([SUMMER], name="Anrufe")


@pytest.mark.parametrize(
    ("events", "timezone"),
    [
        ([SUMMER, dataclasses.replace(WINTER, uid=SUMMER.uid)], "Europe/Berlin"),
        ([dataclasses.replace(SUMMER, uid="")], "Europe/Berlin"),
        ([dataclasses.replace(SUMMER, minutes=-5)], "Europe/Berlin"),
        ([SUMMER], "Europe/Nowhere"),
    ],
)
def test_refuses_what_no_app_could_read(events: list[CalendarEvent], timezone: str) -> None:
    with pytest.raises(ValueError, match=r"UID|minutes|time zone"):
        calendar_bytes(events, name="Anrufe", timezone=timezone)


def test_write_calendar_writes_a_readable_file(tmp_path: Path) -> None:
    target = tmp_path / "anrufe.ics"
    assert write_calendar(iter(EVENTS), target, name="Anrufe") == 3
    assert target.read_bytes() == calendar_bytes(EVENTS, name="Anrufe")
    assert set(_events(target.read_bytes())) == {event.uid for event in EVENTS}
    assert [path.name for path in tmp_path.iterdir()] == ["anrufe.ics"]


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "anrufe.ics"
    target.write_bytes(b"old")

    def refuse(source: object, destination: object) -> None:
        raise PermissionError("in use")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        write_calendar(EVENTS, target, name="Anrufe")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["anrufe.ics"]


def test_a_missing_folder_fails_without_leftovers(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_calendar(EVENTS, tmp_path / "fehlt" / "anrufe.ics", name="Anrufe")
    assert list(tmp_path.iterdir()) == []


def test_a_bad_event_fails_before_the_file_is_touched(tmp_path: Path) -> None:
    target = tmp_path / "anrufe.ics"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="minutes"):
        write_calendar([dataclasses.replace(SUMMER, minutes=-1)], target, name="Anrufe")
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["anrufe.ics"]
