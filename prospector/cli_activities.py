"""`main.py import-activities`: a sheet of activities into the database, as the window does."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from prospector import cli, leftovers
from prospector.activity_import_texts import counts_text, problem_lines, sheet_error_text
from prospector.db import Database
from prospector.error_texts import describe
from prospector.errors import ProspectorError
from prospector.exchange.activity_sheet import NotAnActivitySheet
from prospector.i18n import translate
from prospector.logsetup import configure_logging
from prospector.schema import open_database
from prospector.settings import load_preferences, resolve_database_url

# Lines of skipped rows and ignored cells printed after the counts.
SHOWN_PROBLEMS = 20


def _open(database: str | None, err: TextIO) -> Database:
    """The database, migrated; never a new one: activities need its companies."""
    leftovers.clean()
    opened = open_database(resolve_database_url(database, load_preferences()), create=False)
    if opened.migrated_from is not None:
        print(cli.migrated_text(opened.database.location, opened.backup_path), file=err)
    return opened.database


def import_activities(
    path: Path,
    *,
    database: str | None,
    sheet: str | None = None,
    dry_run: bool = False,
    language: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py import-activities FILE`: 0 when the file was read (rows skipped are listed
    with why), 1 with one sentence when the file or the database cannot be used."""
    from prospector.services.activity_import import import_activities as run_import

    configure_logging()
    cli.speak(language)
    try:
        db = _open(database, err)
        try:
            summary = run_import(db, path, sheet=sheet, dry_run=dry_run).value
        finally:
            db.dispose()
    except NotAnActivitySheet as exc:
        print(sheet_error_text(exc), file=err)
        return 1
    except ProspectorError as exc:
        print(describe(exc), file=err)
        return 1
    except OSError as exc:
        print(
            translate("ImportSummary", "The file {file} cannot be imported: {reason}").format(
                file=path.name, reason=exc.strerror or exc
            ),
            file=err,
        )
        return 1
    except Exception as exc:
        print(cli.unexpected_text(exc), file=err)
        return 1
    print(
        counts_text(
            path.name,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
            skipped=len(summary.skipped),
            dry_run=dry_run,
        ),
        file=out,
    )
    for line in problem_lines(summary.skipped, summary.warnings, SHOWN_PROBLEMS):
        print("  " + line, file=out)
    return 0
