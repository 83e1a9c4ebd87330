"""`main.py call-day` and `main.py export-calendar`: the evening-before print and the calendar
feed, on a real SQLite file; never a person who objected on either."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import factories
import icalendar
import pytest
from helpers import run_main

from prospector.enums import ActivityKind, LeadStatus, TeamRole
from prospector.models import Contact
from prospector.schema import open_database
from prospector.services import activity_log
from prospector.services.activity_log import PlanInput

DAY = dt.date(2027, 3, 2)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour)).astimezone()


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """Two callers; three calls on DAY (one of them to a person who objected afterwards) and a
    letter the day after."""
    path = tmp_path / "firma.sqlite"
    db = open_database(f"sqlite:///{path}").database
    try:
        anna = factories.team_member(db, "Anna Muster", TeamRole.INSIDE_SALES).id
        ben = factories.team_member(db, "Ben Brandt", TeamRole.FIELD_SALES).id
        company = factories.company(db, "Çelik Otomotiv Müller & Söhne GmbH", phone="+4989123456")
        people = {
            name: factories.contact(
                db, company.id, last, first_name=first, lead_status=LeadStatus.LEAD
            ).id
            for name, (first, last) in {
                "weiss": ("Jürgen", "Weiß"),
                "wojcik": ("Łukasz", "Wójcik"),
                "gone": ("Zoë", "Widerspruch"),
                "private": ("Ærøskøbing", "Privatperson"),
            }.items()
        }
        with db.writing() as session:
            # A private person without a consent to calls: on no list either (UWG §7).
            session.get_one(Contact, people["private"]).is_consumer = True
        calls = (("weiss", anna, 9), ("wojcik", ben, 10), ("gone", anna, 11), ("private", ben, 12))
        for name, owner, hour in calls:
            activity_log.plan_activity(
                db,
                PlanInput(
                    company.id,
                    ActivityKind.CALL,
                    _at(DAY, hour),
                    people[name],
                    owner_id=owner,
                    subject=f"Gespräch {name}",
                ),
            )
        activity_log.plan_activity(
            db,
            PlanInput(
                company.id,
                ActivityKind.LETTER,
                _at(DAY + dt.timedelta(days=1), 9),
                people["weiss"],
                all_day=True,
                subject="Katalog",
            ),
        )
        with db.writing() as session:
            session.get_one(Contact, people["gone"]).do_not_contact = True
    finally:
        db.dispose()
    return path


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_call_day_prints_the_day_s_calls_for_one_caller_or_everyone(
    tmp_path: Path, database: Path
) -> None:
    everyone = tmp_path / "anruftag.pdf"
    result = run_main(
        "--language",
        "en",
        "call-day",
        "--date",
        DAY.isoformat(),
        "--out",
        str(everyone),
        "--database",
        str(database),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "anruftag.pdf: 2 calls on 3 pages."
    text = _text(everyone)
    assert "Jürgen Weiß" in text
    assert "Łukasz Wójcik" in text
    assert "Widerspruch" not in text  # objected: on no list, no sheet
    assert "Privatperson" not in text  # a consumer without consent neither
    assert "Page 3 of 3" in text

    anna = tmp_path / "anna.pdf"
    result = run_main(
        "call-day",
        "--date",
        DAY.isoformat(),
        "--owner",
        "anna muster",
        "--out",
        str(anna),
        "--list-only",
        "--database",
        str(database),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    text = _text(anna)
    assert "Jürgen Weiß" in text
    assert "Wójcik" not in text


def test_an_unknown_caller_or_an_unwritable_file_is_one_sentence(
    tmp_path: Path, database: Path
) -> None:
    result = run_main(
        "--language",
        "en",
        "call-day",
        "--date",
        DAY.isoformat(),
        "--owner",
        "Nobody",
        "--out",
        str(tmp_path / "x.pdf"),
        "--database",
        str(database),
        data_dir=tmp_path,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "There is no team member named \u201cNobody\u201d."
    result = run_main(
        "--language",
        "en",
        "export-calendar",
        str(tmp_path / "missing" / "x.ics"),
        "--database",
        str(database),
        data_dir=tmp_path,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "could not be written" in result.stderr
    assert "Traceback" not in result.stderr
    bad = run_main("call-day", "--date", "2027-02-30", "--out", "x.pdf", data_dir=tmp_path)
    assert bad.returncode == 2
    assert "not a date" in bad.stderr


def test_a_second_calendar_export_updates_the_same_events(tmp_path: Path, database: Path) -> None:
    first = tmp_path / "kalender.ics"
    result = run_main(
        "--language",
        "en",
        "export-calendar",
        str(first),
        "--database",
        str(database),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "kalender.ics: 3 planned touches exported."
    calendar = icalendar.Calendar.from_ical(first.read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 3
    summaries = sorted(str(e["SUMMARY"]) for e in events.values())
    assert summaries[0].startswith("Call: Jürgen Weiß (Çelik Otomotiv")
    assert not any("Widerspruch" in s or "Privatperson" in s for s in summaries)
    timed = [e for e in events.values() if e.walk("VALARM")]
    assert len(timed) == 2  # the calls remind; the day's letter does not
    letter = next(e for e in events.values() if "Letter" in str(e["SUMMARY"]))
    assert letter.decoded("DTSTART") == DAY + dt.timedelta(days=1)

    second = tmp_path / "kalender-2.ics"
    again = run_main("export-calendar", str(second), "--database", str(database), data_dir=tmp_path)
    assert again.returncode == 0, again.stderr
    assert second.read_bytes() == first.read_bytes()
