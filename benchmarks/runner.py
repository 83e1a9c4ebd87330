"""Run the scenarios and their floors in fresh child processes, interleaved run by run."""

from __future__ import annotations

import compileall
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import end_state, fixtures
from benchmarks.measure import Run, Series, interleave, start_run, work_run
from benchmarks.probe import ROOT

Say = Callable[[str], None]

START_NOTE = (
    "start: from just before spawning `python -m benchmarks.start_…` (QT_QPA_PLATFORM=offscreen,"
    " a new PROSPECTOR_DATA_DIR) to time.time() when the frame that shows the data is done (the"
    " company rows, or the welcome page of an empty database); the bare window's time runs to"
    " its first frame. The app child runs main.main(['--database', …, '--language', 'de'])"
    " unchanged, only ui.app.MainWindow is subclassed to put paint probes on the window and on"
    " what shows the data: after the first look (the list's first rows read with sqlite3 before"
    " the database layer is loaded) or, without one, after the database is attached; the data's"
    " probe filters the application's events, so its end-of-frame zero timer is queued before"
    " any the app queues from that paint (the app starts opening the database from one). Shown too"
    " [info]: the window's own first Paint event, and when the window takes input (the first"
    " turn of the event loop after the database is attached; input until then waits for it)."
    " Databases are migrated and opened once before timing; OS file cache"
    " warm (one discarded warm-up run per child), so 'cold' means a new process, not a cold"
    " disk. The bare window is resized to the app's 1100x700."
)
CREATE_NOTE = (
    "create: timed in the child from `with db.writing()` to its commit, into a fresh migrated copy"
    " (SQLite backup API) of the empty fixture; inputs from prospector.sampledata, unpickled"
    " untimed. Floor: every column of the companies create_companies stored (read back while"
    " building the fixture, before the contacts were added), under the app's pragmas"
    " (prospector.db.SQLITE_PRAGMAS: WAL, synchronous=FULL, foreign_keys=ON, 32 MB cache) in one"
    " transaction, commit included: indexes and triggers dropped, sqlite3 executemany, the"
    " search index filled by one INSERT … SELECT, indexes and triggers created again"
    " (benchmarks.sqlite_floor)."
)


def thousands(count: int) -> str:
    return f"{round(count / 1000)}k"


@dataclass
class Row:
    """One line of the table: a scenario, its size, and the floor it is compared with."""

    scenario: str
    size: str
    series: Series
    floor: Series | None
    informational: bool = False
    unit: str = "s"  # how its times are shown: "s" or "ms"


@dataclass(frozen=True)
class Target:
    """A goal and this run's figure for it, both in `unit`.

    "x" is a ratio to a floor, which may reach the limit; "s", "ms" and "MB" must stay under it.
    A target whose correctness check failed is `invalid` (the reason), whatever its figure.
    """

    title: str
    value: float
    limit: float
    unit: str
    floor: str = ""  # for a ratio: the floor's label
    invalid: str = ""

    def passed(self) -> bool:
        return self.value <= self.limit if self.unit == "x" else self.value < self.limit

    def floor_beaten(self) -> bool:
        """The app was faster than its floor: then the floor is not the fastest way."""
        return self.unit == "x" and self.value < 1.0

    def verdict(self) -> str:
        if self.invalid:
            return f"INVALID ({self.invalid})"
        if self.floor_beaten():
            return "NO FLOOR (the app beat it, so it is not the fastest way to the same end)"
        return "PASS" if self.passed() else "MISS"


def ratio_target(title: str, row: Row, limit: float = 3.0, invalid: str = "") -> Target:
    """The row's median against its floor's median, both from this run."""
    assert row.floor is not None
    ratio = row.series.median / row.floor.median
    return Target(title, ratio, limit, "x", row.floor.label, invalid)


def end_state_problem(*series: Series) -> str:
    """ "" when every run of every series left the same database behind, else how they differ."""
    first = series[0]
    reference = first.runs[0].values["end_state"]
    for each in series:
        for run in each.runs:
            found = end_state.difference(reference, run.values["end_state"])
            if found:
                return f"{each.label} ended unlike {first.label}: {found}"
    return ""


@dataclass
class Outcome:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)


def compile_code() -> str:
    """Byte-compile the app and the start-up children as an installation has them (pip and
    PyInstaller ship .pyc files): the children then read bytecode, even where
    PYTHONDONTWRITEBYTECODE keeps Python from writing it."""
    folders = [ROOT / "prospector", ROOT / "ui", ROOT / "benchmarks"]
    fine = all(compileall.compile_dir(folder, quiet=1) for folder in folders)
    fine = compileall.compile_file(ROOT / "main.py", quiet=1) and fine
    return (
        "bytecode: prospector/, ui/, benchmarks/ and main.py byte-compiled before the start-ups"
        + ("" if fine else " -- SOME FILES DID NOT COMPILE, those start from source")
    )


def measure_start(
    empty: fixtures.Fixture, big: fixtures.Fixture, repeat: int, work: Path, say: Say
) -> Outcome:
    """Cold start (a new process each time) until the data is painted, against a bare window."""
    companies, contacts = big.meta["companies"], big.meta["contacts"]
    bare = Series("bare PySide6 QMainWindow")
    app_empty = Series("start until the data is painted, empty database")
    app_big = Series(
        f"start until the data is painted, {thousands(companies)} companies"
        f" + {thousands(contacts)} contacts"
    )

    def start_app(database: Path) -> Run:
        return start_run(
            "benchmarks.start_app",
            str(database),
            work_dir=work,
            until="data_frame_done_at",
            database=database,
        )

    plan: list[tuple[Series, Callable[[], Run]]] = [
        (bare, lambda: start_run("benchmarks.start_bare", work_dir=work, until="frame_done_at")),
        (app_empty, lambda: start_app(empty.database)),
        (app_big, lambda: start_app(big.database)),
    ]
    compiled = compile_code()
    say("start-up: one warm-up run of each child (discarded) …")
    for _, measure in plan:
        measure()
    interleave(plan, repeat, say)

    wrong = [
        run
        for series, expected_page, expected_rows in (
            (app_empty, "WelcomePage", 0),
            (app_big, "CompaniesPage", companies),
        )
        for run in series.runs
        if run.values["page"] != expected_page or run.values["rows"] != expected_rows
    ]
    problem = f"{len(wrong)} start-ups showed another page or row count" if wrong else ""
    outcome = Outcome(notes=[START_NOTE, compiled])
    big_size = f"{companies:,} + {contacts:,}"
    for series, size in ((app_empty, "0 companies"), (app_big, big_size)):
        row = Row(series.label, size, series, bare)
        outcome.rows.append(row)
        title = (
            "app start, empty database,"
            if series is app_empty
            else (f"app start with {thousands(companies)} companies,")
        )
        outcome.targets.append(
            ratio_target(f"{title} until the data is painted, within 3x", row, invalid=problem)
        )
    # The window's own first frame comes earlier, and it takes input later: shown to tell the
    # waits apart.
    for stamp, moment in (
        ("painted_at", "the window's first paint"),
        ("live_at", "until the window takes input"),
    ):
        for series, size in ((app_empty, "0 companies"), (app_big, big_size)):
            seen = Series(f"{series.label}: {moment}")
            seen.runs = [
                Run(run.values[stamp] - run.values["spawned_at"], run.peak_mb, {})
                for run in series.runs
            ]
            outcome.rows.append(Row(seen.label, size, seen, bare, informational=True))

    everything = [*bare.runs, *app_empty.runs, *app_big.runs]
    forced = sum(run.values["forced_repaint"] for run in everything)
    outcome.notes.append(
        f"paint: a QEvent.Paint arrived on its own in {len(everything) - forced} of"
        f" {len(everything)} start-up runs"
        + (f"; repaint() fallback used in {forced}" if forced else " (no repaint() fallback)")
    )
    outcome.notes.append(
        "windows checked: empty database -> WelcomePage; full one -> CompaniesPage with "
        f"{companies:,} companies" + (f" -- {len(wrong)} runs DIFFERED" if wrong else " (all runs)")
    )
    looked = sum(run.values["first_look"] for run in [*app_empty.runs, *app_big.runs])
    outcome.notes.append(
        f"first look: the data was painted from it in {looked} of"
        f" {len(app_empty.runs) + len(app_big.runs)} timed start-ups"
    )
    written = sum(run.values["database_written"] for run in [*app_empty.runs, *app_big.runs])
    outcome.notes.append(
        f"the database file changed during {written} of {len(app_empty.runs) * 2} timed start-ups"
        " (the app should only read on start)"
        if written
        else "the database files were left unchanged by every timed start-up"
    )
    return outcome


def measure_create(
    empty: fixtures.Fixture,
    big: fixtures.Fixture,
    repeat: int,
    work: Path,
    say: Say,
    floor_module: str = "benchmarks.create_raw",
) -> Outcome:
    """100k companies through the services against raw executemany; validation on its own."""
    count = big.meta["companies"]
    services = Series(f"create {thousands(count)} companies (services)")
    raw = Series("sqlite3 bulk insert")
    validate = Series(f"validate {thousands(count)} companies")

    def into_copy(module: str, data: Path) -> Run:
        with tempfile.TemporaryDirectory(prefix="create-", dir=work) as folder:
            target = fixtures.fresh_copy(empty.database, Path(folder) / "bench.sqlite")
            return work_run(module, str(data), str(target), work_dir=work)

    plan: list[tuple[Series, Callable[[], Run]]] = [
        (services, lambda: into_copy("benchmarks.create_services", big.inputs)),
        (raw, lambda: into_copy(floor_module, big.rows)),
        (validate, lambda: work_run("benchmarks.validate_only", str(big.inputs), work_dir=work)),
    ]
    interleave(plan, repeat, say)

    miscounted = [
        f"{series.label} stored {run.values['rows']:,} companies, not {count:,}"
        for series in (services, raw)
        for run in series.runs
        if run.values["rows"] != count
    ]
    problem = miscounted[0] if miscounted else end_state_problem(services, raw)
    outcome = Outcome(notes=[CREATE_NOTE])
    create_row = Row(services.label, f"{count:,}", services, raw)
    outcome.rows.append(create_row)
    outcome.rows.append(Row(validate.label, f"{count:,}", validate, raw, informational=True))
    outcome.targets.append(
        ratio_target(
            f"create {thousands(count)} companies via services, within 3x",
            create_row,
            invalid=problem,
        )
    )
    outcome.notes.append(
        "create end state: "
        + (
            problem
            or "every run of the services and of the floor left the same companies,"
            " search index, indexes and triggers (counts, checksum of 11 columns, schema)"
        )
    )
    outcome.notes.append(
        f"validate_company alone is {validate.median / services.median:.0%} of the services"
        f" time ({validate.median:.2f} of {services.median:.2f} s); the rest of create_companies"
        f" (search text, SQLAlchemy, SQLite with its indexes and search index) takes"
        f" {services.median - validate.median:.2f} s,"
        f" {(services.median - validate.median) / raw.median:.1f}x the floor"
    )
    return outcome


def fixture_row(big: fixtures.Fixture) -> Row:
    """The timed services part of building the fixture: one run, from when it was built."""
    meta = big.meta
    series = Series("fixture")
    series.runs.append(Run(meta["services_s"], meta["peak_rss_mb"], meta))
    when = "built in this run" if big.built_now else f"cached, built {meta['built_at']}"
    return Row(
        f"fixture: {thousands(meta['companies'])} companies + ~{thousands(meta['contacts'])}"
        f" contacts, {meta['team_members']} owners, {thousands(meta['activities'])} activities,"
        f" {thousands(meta['opportunities'])} opportunities, {meta['company_tags']:,} tags,"
        f" {meta['saved_views']} views ({when})",
        f"{meta['companies']:,} + {meta['contacts']:,}",
        series,
        None,
        informational=True,
    )
