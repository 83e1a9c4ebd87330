"""Import and export from the command line, through the same services as the window."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from prospector import cli_mapping, i18n, leftovers, paths
from prospector.countries import country_code, country_name
from prospector.db import Database
from prospector.error_texts import describe
from prospector.errors import ProspectorError
from prospector.exchange.columns import identifies_rows
from prospector.i18n import translate
from prospector.import_texts import number, problem_text, reason_text
from prospector.logsetup import configure_logging
from prospector.region import DEFAULT_COUNTRY
from prospector.schema import open_database
from prospector.services import trash
from prospector.services.import_plan import ImportPlan, OnDuplicate, OnProblem
from prospector.services.import_run import ImportSummary
from prospector.settings import load_preferences, resolve_database_url

log = logging.getLogger(__name__)

T = TypeVar("T")


def _rows(count: int, one: str, many: str) -> str:
    return (one if count == 1 else many).format(n=number(count))


def summary_text(summary: ImportSummary, file_name: str) -> str:
    """The summary of an import (or of a dry run) in the user's language: every row's fate,
    the records changed, and the reasons of warnings and refusals, counted."""
    if summary.dry_run:
        imported = _rows(
            summary.imported,
            translate("ImportSummary", "1 row would be imported"),
            translate("ImportSummary", "{n} rows would be imported"),
        )
    else:
        imported = _rows(
            summary.imported,
            translate("ImportSummary", "1 row imported"),
            translate("ImportSummary", "{n} rows imported"),
        )
    parts = [imported]
    if summary.warned:
        parts[0] += " " + translate("ImportSummary", "({n} of them with notes)").format(
            n=number(summary.warned)
        )
    parts.append(
        translate("ImportSummary", "{n} skipped as duplicates").format(
            n=number(summary.skipped_rows)
        )
    )
    parts.append(translate("ImportSummary", "{n} refused").format(n=number(summary.errors)))
    lines = [f"{file_name}: " + ", ".join(parts) + "."]
    records = [
        _rows(
            summary.new_companies,
            translate("ImportSummary", "1 new company"),
            translate("ImportSummary", "{n} new companies"),
        ),
        _rows(
            summary.updated_companies,
            translate("ImportSummary", "1 company updated"),
            translate("ImportSummary", "{n} companies updated"),
        ),
        _rows(
            summary.new_contacts,
            translate("ImportSummary", "1 new contact"),
            translate("ImportSummary", "{n} new contacts"),
        ),
    ]
    if summary.updated_contacts:
        records.append(
            _rows(
                summary.updated_contacts,
                translate("ImportSummary", "1 contact updated"),
                translate("ImportSummary", "{n} contacts updated"),
            )
        )
    lines.append("  " + ", ".join(records) + ".")
    for heading, reasons in (
        (translate("ImportSummary", "Imported with a note in the record:"), summary.warnings),
        (translate("ImportSummary", "Not imported:"), summary.refusals),
    ):
        if reasons:
            lines.append(f"  {heading}")
            lines.extend(
                f"    {number(reason.rows)} \u00d7 {reason_text(reason.example)}"
                for reason in reasons
            )
    for row in summary.rejected[:20]:
        lines.append(
            "  "
            + translate("ImportSummary", "Row {line}: {reasons}").format(
                line=row.line, reasons=" ".join(problem_text(p) for p in row.reasons)
            )
        )
    more = len(summary.rejected) - 20
    if more > 0:
        lines.append(
            "  "
            + translate("ImportSummary", "… and {n} more rows not imported.").format(n=number(more))
        )
    if summary.batch_id is not None:
        lines.append(
            translate(
                "ImportSummary", "Import number {n}; it can be undone in the application."
            ).format(n=summary.batch_id)
        )
    return "\n".join(lines)


def _open(
    database: str | None, *, err: TextIO, tidy: bool = True, reader: bool = False
) -> Database:
    """The database, migrated, with the trash tidied as at every start of the app (not for a
    dry run, which writes nothing). A reader (an export) takes no write lock and never
    creates a database: a mistyped name is an error, not a new empty file."""
    leftovers.clean()
    opened = open_database(
        resolve_database_url(database, load_preferences()), create=not reader, writes=not reader
    )
    db = opened.database
    if opened.migrated_from is not None:
        print(migrated_text(db.location, opened.backup_path), file=err)
    try:
        if tidy:
            trash.purge_expired(db)
    except BaseException:
        db.dispose()
        raise
    return db


def migrated_text(location: str, backup: Path | None) -> str:
    if backup is None:
        return translate("Cli", "{location} was updated for this version of Prospector.").format(
            location=location
        )
    return translate(
        "Cli",
        "{location} was updated for this version of Prospector; the backup of it as it was "
        "is {backup}.",
    ).format(location=location, backup=backup)


def unexpected_text(error: BaseException) -> str:
    """The sentence for a failure nobody foresaw; its details (without data) go to the log."""
    log.error("the command stopped on an unexpected error", exc_info=error)
    return translate(
        "Cli",
        "Prospector stopped on an unexpected error ({kind}); nothing was changed. The details "
        "are in the log file {log}.",
    ).format(kind=type(error).__name__, log=paths.log_path())


def import_file(
    path: Path,
    *,
    database: str | None,
    sheet: str | None = None,
    on_duplicate: OnDuplicate = OnDuplicate.SKIP,
    dry_run: bool = False,
    language: str | None = None,
    column_map: Sequence[str] = (),
    country: str | None = None,
    on_problem: OnProblem = OnProblem.IMPORT,
    companies_from_mail: bool = False,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py import FILE`: 0 when rows were imported (those with problems are reported), 1
    when the file cannot be read or no row can be imported, 2 for a `--map` (HEADER=FIELD)
    it cannot follow."""
    from prospector.exchange.readers import read_table
    from prospector.services import import_mapping, importing

    configure_logging()
    speak(language)
    try:
        chosen = cli_mapping.parse_maps(column_map)
        chosen_country = _country(country)
        table = read_table(path, sheet)
        db = _open(database, err=err, tidy=not dry_run)
        try:
            with db.reading() as session:
                guessed = import_mapping.guess_columns(session, table.headers)
            guesses = cli_mapping.apply_maps(table.headers, guessed, chosen)
            if not identifies_rows(g.key for g in guesses):
                print(_unnamed(path.name), file=err)
                return 1
            plan, forecast = importing.preview_import(
                db,
                table,
                mapping=[g.key for g in guesses],
                on_duplicate=on_duplicate,
                on_problem=on_problem,
                country=chosen_country,
                companies_from_mail=companies_from_mail,
            )
            summary = forecast if dry_run else importing.run_import(db, plan).value
        finally:
            db.dispose()
    except cli_mapping.UsageError as exc:
        print(exc, file=err)
        return 2
    except ProspectorError as exc:
        print(describe(exc), file=err)
        return 1
    except (OSError, ValueError) as exc:
        log.warning("the import of a file failed", exc_info=exc)
        print(
            translate("ImportSummary", "The file {file} cannot be imported: {reason}").format(
                file=path.name, reason=exc
            ),
            file=err,
        )
        return 1
    except Exception as exc:
        print(unexpected_text(exc), file=err)
        return 1
    if dry_run:
        print("\n".join(cli_mapping.mapping_lines(table.headers, guesses)), file=out)
        print(_country_line(plan), file=out)
    print(summary_text(summary, path.name), file=out)
    return 0 if summary.imported else 1


def _unnamed(file_name: str) -> str:
    return translate(
        "ImportSummary",
        "{file}: nothing can be imported: no column was recognised as a company or person "
        'name; choose one in the wizard or use --map "HEADER=name".',
    ).format(file=file_name)


def _country(text: str | None) -> str | None:
    """The code of the country given with --country; a usage error if it is none."""
    if text is None:
        return None
    code = country_code(text)
    if code is None:
        raise cli_mapping.UsageError(
            translate("ImportSummary", "--country: \u201c{value}\u201d is not a country.").format(
                value=text
            )
        )
    return code


def _country_line(plan: ImportPlan) -> str:
    """Which country rows without one get, and why that one."""
    name = country_name(plan.country, i18n.current_language())
    if plan.country_guess is not None:
        why = translate("ImportSummary", "suggested by the postcodes and phone numbers")
    elif plan.country == DEFAULT_COUNTRY:
        why = translate("ImportSummary", "the home country; choose another with --country")
    else:
        why = translate("ImportSummary", "as chosen")
    return translate("ImportSummary", "Country of rows that name none: {country} ({why}).").format(
        country=name, why=why
    )


def speak(language: str | None) -> None:
    """Write in the language asked for, else the one chosen in the window, else the system's."""
    i18n.set_language(i18n.choose_language(language, load_preferences().language))


def export_file(
    path: Path,
    *,
    database: str | None,
    view: str | None = None,
    language: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py export FILE`: everything, or the saved view of that name, its categories in
    the user's language."""
    from prospector.company_filter import CompanyFilter
    from prospector.exchange.export import check_target, export_fault
    from prospector.services import exporting, views

    configure_logging()
    speak(language)
    try:
        check_target(path)
        db = _open(database, err=err, tidy=False, reader=True)
        try:
            flt = None
            if view is not None:
                with db.reading() as session:
                    found = [v for v in views.list_views(session, "companies") if v.name == view]
                if not found:
                    print(
                        translate("Cli", "There is no saved view named \u201c{view}\u201d.").format(
                            view=view
                        ),
                        file=err,
                    )
                    return 1
                flt = CompanyFilter.from_json(found[0].filters)
            result = exporting.export_companies(db, path, flt=flt)
        finally:
            db.dispose()
    except ProspectorError as exc:
        print(describe(exc), file=err)
        return 1
    except OSError as exc:
        print(describe(export_fault(exc, path)), file=err)
        return 1
    except Exception as exc:
        print(unexpected_text(exc), file=err)
        return 1
    print(
        translate(
            "Cli",
            "{file}: {companies} companies, {contacts} contacts, {activities} activities exported.",
        ).format(
            file=path.name,
            companies=number(result.companies),
            contacts=number(result.contacts),
            activities=number(result.activities),
        ),
        file=out,
    )
    for cleaned in result.cleaned_cells[:20]:
        print(
            "  "
            + translate(
                "Cli", "Cleaned for Excel: sheet {sheet}, row {row}, column \u201c{column}\u201d."
            ).format(sheet=cleaned.sheet, row=cleaned.row, column=cleaned.column),
            file=out,
        )
    return 0


def on_database(
    database: str | None,
    language: str | None,
    err: TextIO,
    work: Callable[[Database], T],
) -> T | None:
    """Open the database as a reader (never creating one), run `work` on it and close it;
    None after saying in one sentence why that failed."""
    configure_logging()
    speak(language)
    try:
        db = _open(database, err=err, tidy=False, reader=True)
        try:
            return work(db)
        finally:
            db.dispose()
    except ProspectorError as exc:
        print(describe(exc), file=err)
    except Exception as exc:
        print(unexpected_text(exc), file=err)
    return None


def backup_database(
    *,
    database: str | None,
    language: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py backup`: a checked copy of the database file into its backups folder, where
    the thinning keeps it (a scheduled task can run it)."""
    from prospector import backups

    backup = on_database(
        database, language, err, lambda db: backups.take_backup(db, backups.MANUAL)
    )
    if backup is None:
        return 1
    print(
        translate("Cli", "Backup written: {path} ({size} MB).").format(
            path=backup.path, size=f"{backup.size / 1_000_000:,.1f}"
        ),
        file=out,
    )
    return 0


def check_database(
    *,
    database: str | None,
    language: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py check`: SQLite's integrity and reference checks and the app's own rules,
    repairing what is safe; 0 when the database is in order afterwards, 1 when it is not."""
    from prospector.check_texts import report_lines
    from prospector.services.checkup import check_database as run_checks

    def check(db: Database) -> tuple[bool, list[str]]:
        report = run_checks(db)
        return report.healthy, report_lines(report, db.location, server=not db.is_file)

    checked = on_database(database, language, err, check)
    if checked is None:
        return 1
    healthy, lines = checked
    print("\n".join(lines), file=out)
    return 0 if healthy else 1
