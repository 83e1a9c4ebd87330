"""The call day and the calendar from the command line: `main.py call-day` prints the evening
before, `main.py export-calendar` feeds a calendar app; the same services as the window."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TextIO

from prospector import cli, i18n
from prospector.db import Database
from prospector.i18n import translate
from prospector.import_texts import number


def _owner(db: Database, name: str | None, err: TextIO) -> tuple[bool, int | None]:
    """(found, id) of the team member named; (True, None) for everyone."""
    from prospector.services.team import find_member

    if name is None:
        return True, None
    with db.reading() as session:
        found = find_member(session, name.strip())
    if found is None:
        print(
            translate("Cli", "There is no team member named \u201c{name}\u201d.").format(name=name),
            file=err,
        )
        return False, None
    return True, found


def _unwritable(target: Path, error: OSError, err: TextIO) -> None:
    print(
        translate("Cli", "{file} could not be written: {reason}").format(
            file=target, reason=error.strerror or error
        ),
        file=err,
    )


def call_day(
    on: dt.date,
    target: Path,
    *,
    database: str | None,
    owner: str | None = None,
    sheets: bool = True,
    language: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py call-day --date D --out FILE.pdf`: the call list and a sheet per call of that
    day (and the calls left over from before), for one caller or everyone."""
    from prospector.reports.call_sheets import CallDayPdf, write_call_day
    from prospector.services.call_list import call_day as read_call_day

    def work(db: Database) -> CallDayPdf | None:
        found, owner_id = _owner(db, owner, err)
        if not found:
            return None
        with db.reading() as session:
            day = read_call_day(session, on, owner_id)
        try:
            return write_call_day(day, target, language=i18n.current_language(), sheets=sheets)
        except OSError as exc:
            _unwritable(target, exc, err)
            return None

    written = cli.on_database(database, language, err, work)
    if written is None:
        return 1
    if written.calls == 0:
        print(
            translate("Cli", "{file}: no calls are planned for {date}.").format(
                file=target.name, date=on.isoformat()
            ),
            file=out,
        )
        return 0
    print(
        translate("Cli", "{file}: {calls} calls on {pages} pages.").format(
            file=target.name, calls=number(written.calls), pages=number(written.pages)
        ),
        file=out,
    )
    return 0


def export_calendar(
    target: Path,
    *,
    database: str | None,
    owner: str | None = None,
    language: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py export-calendar FILE.ics`: the touches still to make as calendar events; a
    second export updates the entries of the first."""
    from prospector.services.calendar_export import CalendarExport
    from prospector.services.calendar_export import export_calendar as write_ics

    def work(db: Database) -> CalendarExport | None:
        found, owner_id = _owner(db, owner, err)
        if not found:
            return None
        try:
            return write_ics(db, target, owner_id=owner_id)
        except OSError as exc:
            _unwritable(target, exc, err)
            return None

    written = cli.on_database(database, language, err, work)
    if written is None:
        return 1
    print(
        translate("Cli", "{file}: {events} planned touches exported.").format(
            file=target.name, events=number(written.events)
        ),
        file=out,
    )
    return 0
