"""The nurturing scenarios: the calendar's month, a day's call list for one caller and for the
team, and the printed call day of 500 sheets, each beside the fastest handwritten way to the
same figures (SQL) or the same text on the same pages (a bare canvas)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks import fixtures
from benchmarks.companies_runner import _warm_file_cache
from benchmarks.measure import Run, Series, interleave, work_run
from benchmarks.runner import Outcome, Row, Target, ratio_target
from benchmarks.spawn import run_child

Say = Callable[[str], None]
Values = dict[str, Any]

MONTH_GOAL_MS = 100.0
DAY_GOAL_MS = 200.0
RATIO_GOAL = 3.0
SHEETS = 500
SHEETS_RATIO_GOAL = 2.0
APP = "benchmarks.nurturing_app"

PREPARE_NOTE = (
    "nurturing fixture: a copy of the big fixture (SQLite backup API), prepared once per"
    " invocation, untimed (`python -m benchmarks.nurturing_app prepare`), as a team's Tuesday"
    " morning, 12 Jan 2027, looks (all children run with TZ=Europe/Berlin, so that both sides"
    " put a touch on the same local day): the touches planned before the day done on their day"
    " (plain SQL; calls with an outcome), but for 30 calls of the last week left overdue (6 of"
    " Jonas Weber's); calls added on the day (plain SQL) until he has 40 and the team 200"
    " that may be made; on the day, calls that no list may show (6 persons who objected, 2 of"
    " them overdue, and 4 private persons without a consent, 2 with the consent to calls"
    " withdrawn, 2 with one to e-mails only, 2 persons deleted: flags set by plain SQL, as an"
    " import leaves them, since an objection through the services cancels the planned touches;"
    " consents through add_consent/withdraw_consent; 3 companies moved to the trash through"
    " trash_companies) and 4 calls to private persons who consented to calls, which must be"
    " shown; 4 personas with talking points (save_persona), given to three in four persons on"
    " the list (assign_personas), the criteria of most leads among them checked in part (plain"
    " SQL); the realistic ideal customer profile with pain points and value proposition saved"
    " (save_profile: active, every company scored). The month's grid (28 Dec 2026 to 7 Feb"
    " 2027) then shows the fixture's own touches; a fixture with fewer than 10,000 there gets"
    " touches planned after the day until it has 10,000."
)
TIMED_NOTE = (
    "nurturing scenarios: one child per run and scenario on the prepared copy (`python -m"
    " benchmarks.nurturing_app month|day`), which first reads untimed, through the app's own"
    " connection, a pass over each table the reads touch and the floor's statements once, and"
    " one ORM row of each model (the mappers configured); then, each in a `with db.reading() as"
    " session:` of its own as the pages' operations.read opens it, timed with the session: the"
    " call's first run in the process (statements built and compiled anew), then the same call"
    " again [info]. Timed: calendar_view.month_counts(session, 2026-12-28, 2027-02-07) (the"
    " month view's touches to make and touches done per local day); call_list.call_day(session,"
    " 2027-01-12, owner) for Jonas Weber and for the whole team (None): the day's calls and the"
    " overdue ones that may be made, with company, person, phone, persona, criteria, last touch"
    " and the company's last five touches, in the list's order. The printed call day (`python"
    " -m benchmarks.nurturing_app sheets`): a CallDay of 500 calls built untimed in the child"
    " (sample companies with German names, their first person, five past touches, talking"
    " points, the profile's pains and value), then timed: reports.call_sheets.write_call_day"
    " (day, target, language='de'), the list's pages and a sheet per call, fonts registered and"
    " the catalogue read in the call as on the first print, the file written, synced and moved"
    " in place."
)
FLOOR_NOTE = (
    "nurturing floors (`benchmarks.nurturing_floor`): a plain sqlite3 connection with the app's"
    " pragmas, warmed as the app's child; month: the touches to make from ix_activities_due_at"
    " with may_touch's conditions (the trash by NOT IN the ids of its partial index, the person"
    " by primary key, a consent looked up for private persons only), counted per UTC hour in"
    " SQL, the done ones per UTC hour in one pass over the table (done_at has no index), each"
    " hour turned into its local day in Python (SQLite's 'localtime' per row was no faster);"
    " calls: the undone calls by a partial index of the undone touches (WHERE done_at IS NULL)"
    " if the schema has one, else by one pass over the activities (NOT INDEXED: the moment's"
    " index, as the app's plan uses it, visits every touch done before the day and looks each"
    " up, 7x slower; the caller's index 1.3x slower), joined to person, company, persona and"
    " criteria,"
    " the last five touches of each company by a window over ix_activities_company_id_due_at"
    " with the names of those five only, each person's last touch, the profile's texts and the"
    " owners' names; the same Call objects built (phone_for_display for the numbers) and put in"
    " the same order by call_day.in_order; sheets: the texts the app's write_call_day writes,"
    " recorded once untimed (every textLine with font, size, leading and position, page by"
    " page: `nurturing_app record`), written timed onto a bare reportlab Canvas, one text object"
    " a page, with the same embedded DejaVu fonts registered in the timed part, binary streams"
    " as the app saves them; no rules, boxes or fills, no measuring, no metadata."
)


@dataclass(frozen=True)
class Prepared:
    """The prepared copy and what its preparation reported; the app's printed texts."""

    copy: Path
    values: Values
    record: Path
    recorded: Values
    sheets: int


def prepare(big: fixtures.Fixture, work: Path, say: Say, sheets: int = SHEETS) -> Prepared:
    say("nurturing: a January morning put into a fixture copy, the call day's texts recorded …")
    copy = fixtures.fresh_copy(big.database, work / "nurturing.sqlite")
    values = run_child(APP, "prepare", str(copy), work_dir=work).values
    record = work / f"nurturing-sheets-{sheets}.json"
    recorded = run_child(APP, "record", str(sheets), str(record), work_dir=work).values
    return Prepared(copy, values, record, recorded, sheets)


def _timed(label: str, series: Series, key: str) -> Series:
    """The runs' figure `key` (seconds) as a series of its own."""
    timed = Series(label)
    timed.runs = [Run(run.values[key], run.peak_mb, {}) for run in series.runs]
    return timed


def _every_run(app: Series) -> list[tuple[int, Any]]:
    """Each app run's figures of the first call and of the call again."""
    return [
        (index, figures)
        for index, run in enumerate(app.runs, 1)
        for figures in (run.values["figures"], run.values["again_figures"])
    ]


def _floor_agrees(floor: Series) -> str:
    reference = floor.runs[0].values["figures"]
    if any(run.values["figures"] != reference for run in floor.runs):
        return f"the runs of '{floor.label}' differ"
    return ""


def month_problem(app: Series, floor: Series) -> str:
    """'' when every app run counted the same touches per day as the raw SQL."""
    reference = {day: (planned, done) for day, planned, done in floor.runs[0].values["figures"]}
    for index, figures in _every_run(app):
        got = {day: (planned, done) for day, planned, done in figures}
        if got != reference:
            day = min(d for d in got.keys() | reference.keys() if got.get(d) != reference.get(d))
            return (
                f"month run {index}: {day} has (planned, done) {got.get(day)},"
                f" the raw SQL {reference.get(day)}"
            )
    return _floor_agrees(floor)


def _call_difference(got: list[Values], expected: list[Values]) -> str:
    ids, expected_ids = [c["activity_id"] for c in got], [c["activity_id"] for c in expected]
    if sorted(ids) != sorted(expected_ids):
        extra = sorted(set(ids) - set(expected_ids))[:3]
        missing = sorted(set(expected_ids) - set(ids))[:3]
        return (
            f"{len(ids)} calls, the raw SQL {len(expected_ids)} (extra {extra}, missing {missing})"
        )
    if ids != expected_ids:
        place = next(i for i, (a, b) in enumerate(zip(ids, expected_ids, strict=True)) if a != b)
        return f"another order from place {place + 1}"
    for call, other in zip(got, expected, strict=True):
        fields = sorted(k for k in call.keys() | other.keys() if call.get(k) != other.get(k))
        if fields:
            return f"call {call['activity_id']}: {', '.join(fields)} differ"
    return ""


def calls_problem(app: Series, floor: Series, hidden: list[int], shown: list[int]) -> str:
    """'' when every app run listed the raw SQL's calls in its order with the same fields,
    none that may not be made, and (`shown`) the consented private persons' calls."""
    reference = floor.runs[0].values["figures"]
    for index, figures in _every_run(app):
        found = _call_difference(figures["calls"], reference["calls"])
        if found:
            return f"call_day run {index}: {found}"
        if figures["owner"] != reference["owner"] or figures["on"] != reference["on"]:
            return f"call_day run {index}: the day or owner differ"
    for series in (app, floor):
        for run in series.runs:
            listed = {call["activity_id"] for call in run.values["figures"]["calls"]}
            wrong = sorted(listed & set(hidden))
            if wrong:
                return f"'{series.label}' lists calls that may not be made: {wrong[:5]}"
            left_out = sorted(set(shown) - listed)
            if left_out:
                return f"'{series.label}' leaves out calls of consented persons: {left_out}"
    return _floor_agrees(floor)


def read_pdf(path: Path) -> list[str]:
    """The text of each page as pdftotext reads it, runs of white space made one space."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [" ".join(page.split()) for page in done.stdout.split("\f")[:-1]]


def pdf_figures(path: Path, calls: list[list[Any]]) -> Values:
    """The file's page count, a hash of each page's text, and the calls whose company or phone
    is not on their sheet (the sheets are the last pages, one per call, in the list's order)."""
    pages = read_pdf(path)
    first = len(pages) - len(calls)
    missing = []
    for number, (company, phone) in enumerate(calls):
        page = pages[first + number] if 0 <= first + number < len(pages) else ""
        wanted = [" ".join(company.split()), *([" ".join(phone.split())] if phone else [])]
        if not all(text in page for text in wanted):
            missing.append(company)
    return {
        "file_pages": len(pages),
        "page_hashes": [hashlib.sha256(page.encode()).hexdigest()[:16] for page in pages],
        "missing": missing,
    }


def sheets_problem(app: Series, floor: Series, recorded: Values) -> str:
    """'' when both PDFs have the recorded number of pages, every sheet shows its call's
    company and phone, and pdftotext reads the same text on every page of both."""
    if not shutil.which("pdftotext"):
        return "pdftotext is not installed: the PDFs could not be read"
    expected = recorded["pages"]
    reference = app.runs[0].values["page_hashes"]
    for series in (app, floor):
        for index, run in enumerate(series.runs, 1):
            values = run.values
            if values["file_pages"] != expected or values["pages"] != expected:
                return (
                    f"'{series.label}' run {index}: {values['file_pages']} pages in the file"
                    f" ({values['pages']} reported), the app's recorded {expected}"
                )
            if values["missing"]:
                return (
                    f"'{series.label}' run {index}: {len(values['missing'])} sheets lack their"
                    f" company or phone (first: {values['missing'][0]})"
                )
            if values["page_hashes"] != reference:
                page = next(
                    i
                    for i, (a, b) in enumerate(zip(values["page_hashes"], reference, strict=True))
                    if a != b
                )
                return f"'{series.label}' run {index}: the text of page {page + 1} differs"
    return ""


def measure_nurturing(
    big: fixtures.Fixture,
    repeat: int,
    work: Path,
    say: Say,
    floor_module: str = "benchmarks.nurturing_floor",
    sheets: int = SHEETS,
    prepared: Prepared | None = None,
) -> Outcome:
    """The calendar's month, a day's calls for one caller and for the team, and the printed
    call day, beside handwritten SQL and a bare canvas."""
    ready = prepared or prepare(big, work, say, sheets)
    copy = ready.copy
    _warm_file_cache(copy)
    owner = str(ready.values["owner_id"])
    calls = json.loads(ready.record.read_text(encoding="utf-8"))["calls"]

    month_app = Series("nurturing month: calendar_view.month_counts")
    month_floor = Series("sqlite3 planned per hour + one pass for done")
    owner_app = Series("nurturing calls, one caller: call_list.call_day")
    owner_floor = Series("sqlite3 undone calls + windows, in_order")
    team_app = Series("nurturing calls, whole team: call_list.call_day")
    team_floor = Series("sqlite3 undone calls + windows, in_order (team)")
    sheets_app = Series(f"nurturing {ready.sheets} sheets: call_sheets.write_call_day")
    sheets_floor = Series("bare reportlab canvas, the same texts and fonts")

    def run(module: str, *args: str) -> Callable[[], Run]:
        return lambda: work_run(module, *args, work_dir=work)

    def printed(module: str, *args: str) -> Callable[[], Run]:
        def measure() -> Run:
            target = work / f"{module.rsplit('.', 1)[-1]}.pdf"
            done = work_run(module, "sheets", *args, str(target), work_dir=work)
            done.values.update(pdf_figures(target, calls))
            target.unlink()
            return done

        return measure

    plan: list[tuple[Series, Callable[[], Run]]] = [
        (month_app, run(APP, "month", str(copy))),
        (month_floor, run(floor_module, "month", str(copy))),
        (owner_app, run(APP, "day", str(copy), owner)),
        (owner_floor, run(floor_module, "day", str(copy), owner)),
        (team_app, run(APP, "day", str(copy), "all")),
        (team_floor, run(floor_module, "day", str(copy), "all")),
        (sheets_app, printed(APP, str(ready.sheets))),
        (sheets_floor, printed(floor_module, str(ready.record))),
    ]
    interleave(plan, repeat, say)

    hidden = [ident for ids in ready.values["hidden"].values() for ident in ids]
    shown = ready.values["shown"]
    problems = {
        "month": month_problem(month_app, month_floor),
        "owner": calls_problem(owner_app, owner_floor, hidden, []),
        "team": calls_problem(team_app, team_floor, hidden, shown),
        "sheets": sheets_problem(sheets_app, sheets_floor, ready.recorded),
    }
    days = month_floor.runs[0].values["figures"]
    planned, done = sum(d[1] for d in days), sum(d[2] for d in days)

    def listed(series: Series) -> str:
        found = series.runs[0].values["figures"]["calls"]
        late = sum(call["overdue"] for call in found)
        return f"{len(found)} calls ({late} overdue) of {big.meta['companies']:,} companies"

    sizes = {
        "month": f"{planned + done:,} touches ({planned:,} to make, {done:,} done), 42 days",
        "owner": listed(owner_floor),
        "team": listed(team_floor),
        "sheets": f"{ready.sheets} calls, {ready.recorded['pages']} pages",
    }
    outcome = Outcome(notes=[PREPARE_NOTE, TIMED_NOTE, FLOOR_NOTE])
    for key, app, floor, title, goal in (
        ("month", month_app, month_floor, "calendar month (month_counts)", MONTH_GOAL_MS),
        ("owner", owner_app, owner_floor, "a day's calls, one caller (call_day)", DAY_GOAL_MS),
        ("team", team_app, team_floor, "a day's calls, whole team (call_day)", DAY_GOAL_MS),
    ):
        row = Row(f"nurturing: {title}, first call", sizes[key], app, floor, unit="ms")
        outcome.rows.append(row)
        outcome.rows.append(
            Row(
                f"nurturing: {title}, the same call again (statements cached)",
                sizes[key],
                _timed("again", app, "again_s"),
                floor,
                informational=True,
                unit="ms",
            )
        )
        outcome.targets.append(
            Target(f"{title}, first call", app.median * 1000, goal, "ms", invalid=problems[key])
        )
        outcome.targets.append(
            ratio_target(
                f"{title}, first call, within {RATIO_GOAL:g}x",
                row,
                RATIO_GOAL,
                invalid=problems[key],
            )
        )
    title = f"{ready.sheets} call sheets (write_call_day)"
    row = Row(f"nurturing: {title}", sizes["sheets"], sheets_app, sheets_floor)
    outcome.rows.append(row)
    outcome.targets.append(
        ratio_target(
            f"{title}, within {SHEETS_RATIO_GOAL:g}x",
            row,
            SHEETS_RATIO_GOAL,
            invalid=problems["sheets"],
        )
    )

    outcome.notes.append(
        "nurturing checks: "
        + "; ".join(
            [
                problems["month"]
                or "month: every app run (first call and again) counted the same touches to"
                " make and done on every day of the grid as the raw SQL, every floor run the"
                " same",
                problems["owner"]
                or "one caller's calls: every app run listed the raw SQL's calls in the same"
                " order with every field equal (company, person, phone, persona, status, fit,"
                " due, criteria, last touch, the five recent touches, owner, …), none of those"
                " that may not be made",
                problems["team"]
                or "the team's calls: the same, none of the calls prepared to be hidden"
                " (objection, consent missing, withdrawn or for e-mail only, person deleted,"
                " company in the trash), all four of the consented private persons",
                problems["sheets"]
                or "sheets: both PDFs have the recorded number of pages (the app's reported"
                " count too), pdftotext finds every call's company and phone on its sheet in"
                " both, and the same text on every page of both",
            ]
        )
    )
    values = ready.values
    hidden_by_case = ", ".join(f"{case} {len(ids)}" for case, ids in values["hidden"].items())
    outcome.notes.append(
        f"nurturing data: {values['done_before_the_day']:,} touches planned before the day"
        f" marked done, {values['left_overdue']} calls left overdue, {values['added_calls']}"
        f" calls added on the day, {values['added_touches']:,} touches added to the month;"
        f" hidden calls prepared: {hidden_by_case}; {values['personas']} personas, given to"
        f" {values['with_persona']} persons, {values['qualifications']} leads with criteria;"
        f" printed: {ready.recorded['pages'] - ready.sheets} pages of list and"
        f" {ready.sheets} sheets"
    )
    return outcome
