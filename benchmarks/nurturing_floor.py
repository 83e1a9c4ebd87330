"""Child, the nurturing floors: handwritten SQL through sqlite3 with the app's pragmas for the
calendar's month and a day's calls, a bare reportlab canvas for the printed call day; the
figures as plain data, keyed as benchmarks.nurturing_app keys the app's."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from benchmarks import sqlite_floor
from benchmarks.probe import report

# Both sides bucket touches by the local day; the children run in one fixed zone, so that
# they agree whatever the machine's zone is (the app reads the computer's, see local_days).
ZONE = "Europe/Berlin"
# The day the call list is printed for, "today" of the prepared copy: a Tuesday.
DAY = dt.date(2027, 1, 12)
# The calendar's month: January 2027, its grid from the Monday on or before the 1st, 6 weeks.
MONTH = dt.date(2027, 1, 1)
GRID_DAYS = 42
RECENT = 5  # prospector.services.call_list.RECENT
STORED = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a naive UTC moment in SQLite


def use_zone() -> None:
    """Run this process in ZONE (before anything reads the time zone)."""
    os.environ["TZ"] = ZONE
    time.tzset()


def grid(month: dt.date = MONTH) -> tuple[dt.date, dt.date]:
    """The first and last day of a month's grid: 6 weeks from the Monday on or before the 1st."""
    first = month - dt.timedelta(days=month.weekday())
    return first, first + dt.timedelta(days=GRID_DAYS - 1)


def day_start(day: dt.date) -> dt.datetime:
    """Local midnight at the start of `day`, aware."""
    return dt.datetime.combine(day, dt.time()).astimezone()


def stored(moment: dt.datetime) -> str:
    """An aware moment as the app's UTCDateTime stores it: naive UTC text."""
    return moment.astimezone(dt.UTC).strftime(STORED)


def read_moment(text: str) -> dt.datetime:
    """A stored moment as the app reads it back: aware UTC."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


# --- the calendar's month ---------------------------------------------------------------------

# A touch to make (prospector.services.call_list.may_touch): its company live and, where it
# names a person, the person live, no objection, and a private person with a consent to the
# channel of a call or an e-mail. The trash is a few hundred ids from the partial index, so
# `NOT IN` is one probe of a small set per row where a join looks each company up.
TRASH = "SELECT id FROM companies WHERE deleted_at IS NOT NULL"
MAY_TOUCH = (
    f"a.company_id NOT IN ({TRASH})"
    " AND (a.contact_id IS NULL OR (p.deleted_at IS NULL AND p.do_not_contact = 0"
    " AND (a.kind NOT IN ('call', 'email') OR p.is_consumer = 0 OR EXISTS (SELECT 1 FROM"
    " consents AS k WHERE k.contact_id = p.id AND k.withdrawn_on IS NULL"
    " AND k.channel = CASE a.kind WHEN 'call' THEN 'phone' ELSE 'email' END))))"
)
# Per UTC hour: a month has a thousand or so, each turned into its local day in Python (SQLite's
# 'localtime' per row, or a GROUP BY of the day it gives, was slower).
PLANNED_SQL = (
    "SELECT substr(a.due_at, 1, 13), count(*) FROM activities AS a"
    " LEFT JOIN contacts AS p ON p.id = a.contact_id"
    f" WHERE a.due_at >= ? AND a.due_at < ? AND a.done_at IS NULL AND {MAY_TOUCH}"
    " GROUP BY 1"
)
# Done touches have no index of their own (ix_activities_due_at is the moment planned): one
# pass over the table.
DONE_SQL = (
    "SELECT substr(done_at, 1, 13), count(*) FROM activities"
    " WHERE done_at >= ? AND done_at < ? GROUP BY 1"
)


def _hour_days(rows: Iterable[tuple[str, int]]) -> Counter[str]:
    found: Counter[str] = Counter()
    for hour, count in rows:
        moment = dt.datetime.strptime(hour, "%Y-%m-%d %H").replace(tzinfo=dt.UTC)
        found[moment.astimezone().date().isoformat()] += count
    return found


def month_figures(planned: Counter[str], done: Counter[str]) -> list[list[Any]]:
    """[[day, planned, done], …] for the days with any touch, in order."""
    return [[day, planned.get(day, 0), done.get(day, 0)] for day in sorted(planned | done)]


def month_range() -> tuple[str, str]:
    first, last = grid()
    return stored(day_start(first)), stored(day_start(last + dt.timedelta(days=1)))


def month(connection: Any) -> dict[str, Any]:
    start = time.perf_counter()
    bounds = month_range()
    planned = _hour_days(connection.execute(PLANNED_SQL, bounds))
    done = _hour_days(connection.execute(DONE_SQL, bounds))
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "figures": month_figures(planned, done)}


# --- a day's calls ----------------------------------------------------------------------------

CALL_COLUMNS = (
    "a.id, a.due_at, a.subject, a.owner_id, p.id, p.academic_title, p.first_name, p.last_name,"
    " p.job_title, p.phone, p.mobile, p.lead_status, p.data_source, c.id, c.name, c.city,"
    " c.phone, c.stage, c.fit_score, c.source, s.name, s.talking_points, q.authority_status,"
    " q.need_status, q.budget_status, q.timing_status, a.version"
)
# The planned calls up to the day's end (the overdue ones too), to the switchboard or to live
# persons who may be called. {access}: how the undone calls are found (see access_path);
# {owner}: one caller's.
CALLS_SQL = (
    f"SELECT {CALL_COLUMNS} FROM activities AS a {{access}}"
    " LEFT JOIN contacts AS p ON p.id = a.contact_id"
    " JOIN companies AS c ON c.id = a.company_id"
    " LEFT JOIN personas AS s ON s.id = p.persona_id"
    " LEFT JOIN qualifications AS q ON q.contact_id = p.id"
    " WHERE a.done_at IS NULL AND a.kind = 'call' AND a.due_at < :end{owner}"
    " AND c.deleted_at IS NULL AND (a.contact_id IS NULL OR (p.deleted_at IS NULL"
    " AND p.do_not_contact = 0 AND (p.is_consumer = 0 OR EXISTS (SELECT 1 FROM consents AS k"
    " WHERE k.contact_id = p.id AND k.channel = 'phone' AND k.withdrawn_on IS NULL))))"
)
INDEXES_SQL = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activities'"
    " AND sql IS NOT NULL ORDER BY name"
)


def access_path(connection: Any, owner_id: int | None) -> str:
    """The fastest way to the undone calls the schema offers: a partial index of the undone
    touches (WHERE done_at IS NULL) by moment, or by caller and moment for one caller, reads
    only the few hundred planned up to the day. Without one, a pass over the table: the
    moment's index (as the app's plan uses it) visits every touch done before the day too,
    each looked up in the table, 7x slower; the caller's index 1.3x slower."""
    wanted = ("(owner_id, due_at", "(due_at") if owner_id is not None else ("(due_at",)
    partial = {
        " ".join(sql.lower().split()).split(" on activities ", 1)[-1]: name
        for name, sql in connection.execute(INDEXES_SQL)
        if "where done_at is null" in " ".join(sql.lower().split())
    }
    for lead in wanted:
        for columns, name in partial.items():
            if columns.startswith(lead):
                return f"INDEXED BY {name}"
    return "NOT INDEXED"


# The last five done touches of each company, by the company's index; the names of the
# persons looked up for those five only.
RECENT_SQL = (
    "SELECT r.company_id, r.done_at, r.kind, r.outcome, r.subject, p.first_name, p.last_name"
    " FROM (SELECT company_id, contact_id, done_at, kind, outcome, subject, row_number() OVER"
    " (PARTITION BY company_id ORDER BY done_at DESC, id DESC) AS rank FROM activities"
    " WHERE company_id IN ({marks}) AND done_at IS NOT NULL) AS r"
    f" LEFT JOIN contacts AS p ON p.id = r.contact_id WHERE r.rank <= {RECENT}"
    " ORDER BY r.company_id, r.rank"
)
LAST_SQL = (
    "SELECT contact_id, done_at, kind, outcome, subject FROM (SELECT contact_id, done_at,"
    " kind, outcome, subject, row_number() OVER (PARTITION BY contact_id ORDER BY done_at DESC,"
    " id DESC) AS rank FROM activities WHERE contact_id IN ({marks}) AND done_at IS NOT NULL)"
    " WHERE rank = 1"
)
PROFILE_SQL = (
    "SELECT pain_points, value_proposition FROM ideal_customer_profiles WHERE active = 1 LIMIT 1"
)
OWNERS_SQL = "SELECT id, name FROM team_members WHERE id IN ({marks})"
# What both children read untimed before the timed work: one pass over each table the reads
# touch, so both find the same pages in SQLite's and the OS's caches.
WARM_SQL = (
    "SELECT count(*), sum(length(due_at)), sum(length(done_at)), sum(contact_id),"
    " sum(owner_id), sum(length(kind)) FROM activities",
    "SELECT count(*), sum(deleted_at IS NULL), sum(length(name)), sum(fit_score) FROM companies",
    "SELECT count(*), sum(do_not_contact), sum(is_consumer), sum(length(last_name)),"
    " sum(persona_id) FROM contacts",
    "SELECT count(*) FROM consents",
    "SELECT count(*) FROM qualifications",
    "SELECT count(*), sum(length(talking_points)) FROM personas",
)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _name(*parts: str | None) -> str:
    return " ".join(part for part in parts if part)


def _touch(
    done_at: str, kind: str, outcome: str | None, subject: str | None, who: str | None
) -> Any:
    from prospector.call_day import PastTouch
    from prospector.enums import ActivityKind, ActivityOutcome

    return PastTouch(
        read_moment(done_at).astimezone().date(),
        ActivityKind(kind),
        None if outcome is None else ActivityOutcome(outcome),
        subject,
        who,
    )


def read_calls(connection: Any, owner_id: int | None) -> Any:
    """The CallDay the call sheet needs, read by hand, in the order of call_day.in_order."""
    from prospector.call_day import Call, CallDay, in_order
    from prospector.enums import CompanyStage, Criterion, CriterionStatus, LeadStatus
    from prospector.normalize import phone_for_display

    end = stored(day_start(DAY + dt.timedelta(days=1)))
    sql = CALLS_SQL.format(
        access=access_path(connection, owner_id),
        owner="" if owner_id is None else " AND a.owner_id = :owner",
    )
    rows = connection.execute(sql, {"end": end, "owner": owner_id}).fetchall()
    companies = sorted({row[13] for row in rows})
    persons = sorted({row[4] for row in rows if row[4] is not None})
    recent: dict[int, list[Any]] = {}
    for start in range(0, len(companies), 500):
        chunk = companies[start : start + 500]
        for company_id, done_at, kind, outcome, subject, first, last in connection.execute(
            RECENT_SQL.format(marks=_marks(chunk)), chunk
        ):
            touch = _touch(done_at, kind, outcome, subject, _name(first, last) or None)
            recent.setdefault(company_id, []).append(touch)
    last_touch: dict[int, Any] = {}
    for start in range(0, len(persons), 500):
        chunk = persons[start : start + 500]
        for contact_id, done_at, kind, outcome, subject in connection.execute(
            LAST_SQL.format(marks=_marks(chunk)), chunk
        ):
            last_touch[contact_id] = _touch(done_at, kind, outcome, subject, None)
    profile = connection.execute(PROFILE_SQL).fetchone()
    pains, value = (profile[0] or None, profile[1] or None) if profile else (None, None)
    wanted = sorted({row[3] for row in rows if row[3] is not None} | {owner_id} - {None})
    owners = dict(connection.execute(OWNERS_SQL.format(marks=_marks(wanted)), wanted).fetchall())
    start_of_day = day_start(DAY)
    calls = []
    for row in rows:
        own = row[9] or row[10]
        number = own or row[16]
        due_at = read_moment(row[1])
        calls.append(
            Call(
                activity_id=row[0],
                contact_id=row[4],
                company_id=row[13],
                company=row[14],
                city=row[15],
                phone=None if number is None else phone_for_display(number),
                phone_is_company=own is None and row[16] is not None,
                contact=_name(row[5], row[6], row[7]),
                job_title=row[8],
                persona=row[20],
                status=None if row[11] is None else LeadStatus(row[11]),
                stage=CompanyStage(row[17]),
                fit_score=row[18],
                due_at=due_at,
                overdue=due_at < start_of_day,
                talking_point=row[2],
                persona_points=row[21],
                pains=pains,
                value_proposition=value,
                criteria=tuple(
                    (criterion, CriterionStatus(status or CriterionStatus.OPEN))
                    for criterion, status in zip(Criterion, row[22:26], strict=True)
                ),
                last_touch=None if row[4] is None else last_touch.get(row[4]),
                recent=tuple(recent.get(row[13], ())),
                data_source=row[12] or row[19],
                owner=owners.get(row[3]) if row[3] is not None else None,
                version=row[26],
            )
        )
    return CallDay(DAY, owners.get(owner_id) if owner_id is not None else None, in_order(calls))


def plain(value: Any) -> Any:
    """A CallDay (or any of its parts) as JSON-safe data: dates and moments in ISO form."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):  # a datetime too
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [plain(item) for item in value]
    return value


def calls(connection: Any, owner_id: int | None) -> dict[str, Any]:
    start = time.perf_counter()
    found = read_calls(connection, owner_id)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "figures": plain(found)}


# --- the printed call day ---------------------------------------------------------------------


def write_pages(pages: Sequence[dict[str, Any]], target: Path) -> int:
    """Each page's texts at their places in their fonts and sizes, one text object a page, on a
    bare canvas with the same embedded TrueType fonts; nothing else (no rules, boxes, fills).
    A line right below the one before, in the same font, is a T* as the app writes it."""
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas

    from prospector.reports.fonts import fonts

    fonts()  # the TrueType files read and registered, as the app's first print does
    rl_config.useA85 = 0  # binary streams, as the app saves them
    canvas = Canvas(str(target), pagesize=tuple(pages[0]["size"]))
    for page in pages:
        canvas.setPageSize(tuple(page["size"]))
        text = canvas.beginText()
        current: tuple[str, float, float] | None = None
        next_at: tuple[float, float] | None = None
        for font, size, leading, x, y, line in page["runs"]:
            if (font, size, leading) != current:
                text.setFont(font, size, leading)
                current = (font, size, leading)
                next_at = None
            if (x, y) != next_at:
                text.setTextOrigin(x, y)
            text.textLine(line)
            next_at = (x, y - leading)
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return len(pages)


def sheets(record: Path, target: Path) -> dict[str, Any]:
    pages = json.loads(record.read_text(encoding="utf-8"))["pages"]
    start = time.perf_counter()
    count = write_pages(pages, target)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "pages": count}


def main(argv: list[str]) -> int:
    use_zone()
    mode = argv[0]
    # The modules loaded before timing.
    if mode == "sheets":
        import reportlab.pdfgen.canvas  # noqa: F401

        import prospector.reports.fonts

        values = sheets(Path(argv[1]), Path(argv[2]))
    else:
        import prospector.call_day
        import prospector.normalize  # noqa: F401

        connection = sqlite_floor.connect(Path(argv[1]))
        for statement in WARM_SQL:
            connection.execute(statement).fetchall()
        if mode == "month":
            values = month(connection)
        else:
            owner = None if argv[2] == "all" else int(argv[2])
            calls(connection, owner)  # warm: the floor's own statements once, untimed
            values = calls(connection, owner)
        connection.close()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
