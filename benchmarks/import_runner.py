"""The import and export scenarios beside their floors, each run in a fresh child process."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import fixtures
from benchmarks.measure import Run, Series, interleave, work_run
from benchmarks.runner import Outcome, Row, Target, end_state_problem, ratio_target, thousands
from benchmarks.spawn import run_child

Say = Callable[[str], None]
RATIO_GOAL = 2.0
MEMORY_GOAL_MB = 500.0
# What the files and the captured rows are made from.
SOURCES = ("prospector", "benchmarks/import_files.py", "benchmarks/build_import.py")

IMPORT_NOTE = (
    "import: `python -m benchmarks.import_app FILE DB` times prospector.cli.import_file (what"
    " `main.py import FILE` runs: read in the isolated reader process, purge the expired trash,"
    " guess the mapping, normalise and validate every row, check duplicates, write companies"
    " and persons, commit) into a fresh migrated copy of the empty fixture. The file: {size:,}"
    " generated German companies, 15 columns (Firma … Ansprechpartner, Position; postcodes as"
    " numbers in the .xlsx), written by xlsxwriter, and as CSV in Windows-1252 with semicolons"
    " and decimal commas. Floor, its own child: python-calamine's to_python() of the sheet (the"
    " csv module for CSV), then every column of the very company and contact rows that import"
    " stored (captured once from a run of the import), under the app's pragmas in one"
    " transaction, commit included: indexes and triggers dropped, sqlite3 executemany, each"
    " search index filled by one INSERT … SELECT, indexes and triggers created again"
    " (benchmarks.sqlite_floor). Peak memory: the importing process's plus its reader's."
)
EXPORT_NOTE = (
    "export: export_companies(db, FILE.xlsx) of every company of the fixture with its contacts"
    " and activities (sheets Unternehmen, Ansprechpartner, Aktivitäten, Anleitung; styled,"
    " frozen, filtered, typed cells, categories as labels, owners by name, phones international"
    " and grouped). Floor, its own child: plain sqlite3 SELECTs of the same columns in the same"
    " order (the size class by a CASE and the tags by group_concat in SQL; categories and"
    " phones as stored, not as labels), written row by row by xlsxwriter with"
    " constant_memory=True. Both must write the same number of companies, persons and"
    " activities."
)


@dataclass(frozen=True)
class ImportFiles:
    size: int
    xlsx: Path
    csv: Path
    built_now: bool

    def rows_of(self, source: Path) -> Path:
        return source.with_name(source.name + ".rows.pickle")


def ensure_files(size: int, empty: fixtures.Fixture, say: Say) -> ImportFiles:
    """The import files of `size` rows and the rows their import stores, cached."""
    digest = fixtures.hash_of(SOURCES)
    stem = fixtures.DATA_DIR / f"import-{size}-{digest}"
    xlsx, csv = stem.with_suffix(".xlsx"), stem.with_suffix(".csv")
    done = stem.with_suffix(".json")
    files = ImportFiles(size, xlsx, csv, built_now=False)
    if done.exists():
        return files
    for old in fixtures.DATA_DIR.glob(f"import-{size}-*"):
        old.unlink()
    say(f"writing the {size:,}-row import files and capturing what their import stores …")
    result = run_child(
        "benchmarks.build_import",
        "--size",
        str(size),
        "--empty",
        str(empty.database),
        "--xlsx",
        str(xlsx),
        "--csv",
        str(csv),
        work_dir=fixtures.DATA_DIR,
    )
    done.write_text(json.dumps(result.values, indent=2))
    return ImportFiles(size, xlsx, csv, built_now=True)


def measure_import(
    files: ImportFiles, empty: fixtures.Fixture, repeat: int, work: Path, say: Say
) -> Outcome:
    outcome = Outcome(notes=[IMPORT_NOTE.format(size=files.size)])
    size = f"{files.size:,} rows x 15 columns"
    for source, reader in ((files.xlsx, "python-calamine"), (files.csv, "csv module")):
        kind = source.suffix[1:]
        app = Series(f"import {thousands(files.size)} rows from .{kind}")
        floor = Series(f"{reader} + sqlite3 bulk insert")

        def into_copy(module: str, *args: str) -> Run:
            with tempfile.TemporaryDirectory(prefix="import-", dir=work) as folder:
                target = fixtures.fresh_copy(empty.database, Path(folder) / "bench.sqlite")
                return work_run(module, *args, str(target), work_dir=work)

        plan: list[tuple[Series, Callable[[], Run]]] = [
            (app, lambda s=source: into_copy("benchmarks.import_app", str(s))),
            (
                floor,
                lambda s=source: into_copy(
                    "benchmarks.import_floor", str(s), str(files.rows_of(s))
                ),
            ),
        ]
        wizard = Series(f"import {thousands(files.size)} rows from .{kind} through the wizard")
        if kind == "xlsx":
            plan.append((wizard, lambda s=source: into_copy("benchmarks.import_wizard", str(s))))
        interleave(plan, repeat, say)
        counts = [(run.values["companies"], run.values["contacts"]) for run in app.runs]
        companies, contacts = counts[0]
        problem = end_state_problem(app, floor, *([wizard] if wizard.runs else []))
        row = Row(app.label, size, app, floor)
        outcome.rows.append(row)
        outcome.targets.append(
            ratio_target(
                f"import {thousands(files.size)} rows from .{kind}, within 2x",
                row,
                RATIO_GOAL,
                invalid=problem,
            )
        )
        outcome.targets.append(
            Target(
                f"import from .{kind}, peak memory of its processes",
                app.peak_mb,
                MEMORY_GOAL_MB,
                "MB",
                invalid=problem,
            )
        )
        if wizard.runs:
            outcome.rows.append(Row(wizard.label, size, wizard, app, informational=True))
            outcome.targets.append(
                Target(
                    f"import from .{kind} through the wizard, peak memory of its processes",
                    wizard.peak_mb,
                    MEMORY_GOAL_MB,
                    "MB",
                    invalid=problem,
                )
            )
            pages = ", ".join(
                f"{name} {at:.1f} s"
                for name, at in wizard.runs[0].values["pages_reached_s"].items()
            )
            outcome.notes.append(
                f".{kind} through the wizard (`python -m benchmarks.import_wizard FILE DB`:"
                " ImportWizard on the file in the German UI, offscreen, Next pressed as soon as"
                f" a page has finished its work, polled every 20 ms), first run, each page ready"
                f" after: {pages}. Its floor is the command-line import of the same run; the"
                " wizard reads the file the same way, and besides builds the preview of every"
                " row (Vorschau) before anything is written."
            )
        reader = app.median_of("children_peak_mb")
        outcome.notes.append(
            f".{kind}: every run stored {companies:,} companies and {contacts:,} persons;"
            f" summary: {app.runs[0].values['summary'].splitlines()[0]}"
            f" Memory: the importing process peaked at {app.median_of('peak_rss_mb'):.0f} MB"
            f" and its reader process at {reader:.0f} MB (the two peaks added:"
            f" {app.median_of('peaks_summed_mb'):.0f} MB); the table shows the peak of both"
            " together, sampled every 10 ms over the whole run."
        )
        outcome.notes.append(
            f".{kind} end state: "
            + (
                problem
                or (
                    "every run of the app, the floor and the wizard"
                    if wizard.runs
                    else "every run of the app and of the floor"
                )
                + " left the same companies, persons, search indexes, indexes and triggers"
                " (counts, checksums, schema)"
            )
        )
    return outcome


def measure_export(
    big: fixtures.Fixture,
    repeat: int,
    work: Path,
    say: Say,
    source: str | None = None,
    prefix: str = "",
) -> Outcome:
    """The export of the fixture: its SQLite file, or `source`, a server schema holding it."""
    database = source or str(big.database)
    app = Series(f"{prefix}export {thousands(big.meta['companies'])} companies to .xlsx")
    floor = Series("xlsxwriter constant_memory")

    def export(module: str) -> Run:
        with tempfile.TemporaryDirectory(prefix="export-", dir=work) as folder:
            return work_run(module, database, str(Path(folder) / "export.xlsx"), work_dir=work)

    interleave(
        [
            (app, lambda: export("benchmarks.export_app")),
            (floor, lambda: export("benchmarks.export_floor")),
        ],
        repeat,
        say,
    )
    counts = {
        (r.values["companies"], r.values["contacts"], r.values["activities"])
        for r in [*app.runs, *floor.runs]
    }
    problem = f"the runs wrote different rows: {sorted(counts)}" if len(counts) != 1 else ""
    first = app.runs[0].values
    companies, contacts, activities = first["companies"], first["contacts"], first["activities"]
    size = f"{companies:,} + {contacts:,} contacts + {activities:,} activities"
    row = Row(app.label, size, app, floor)
    outcome = Outcome(rows=[row], notes=[] if prefix else [EXPORT_NOTE])
    outcome.targets.append(
        ratio_target(
            f"{prefix}export {thousands(companies)} companies, within 2x",
            row,
            RATIO_GOAL,
            invalid=problem,
        )
    )
    outcome.targets.append(
        Target(f"{prefix}export, peak memory", app.peak_mb, MEMORY_GOAL_MB, "MB", invalid=problem)
    )
    sizes = [run.values["bytes"] / 1e6 for run in (app.runs[0], floor.runs[0])]
    outcome.notes.append(
        f"{prefix}export files: the app's {sizes[0]:.1f} MB, the floor's {sizes[1]:.1f} MB"
    )
    return outcome
