"""Import and export from the command line, through the same services as the window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TextIO

from prospector.db import Database
from prospector.errors import ProspectorError
from prospector.logsetup import configure_logging
from prospector.schema import open_database
from prospector.services import trash
from prospector.services.import_plan import OnDuplicate
from prospector.services.import_run import ImportSummary
from prospector.settings import load_preferences, resolve_database_url

log = logging.getLogger(__name__)


def _n(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


def summary_text(summary: ImportSummary, file_name: str) -> str:
    """The sentence the wizard shows at its end, in English."""
    verb = "would be" if summary.dry_run else "were"
    people = _n(summary.new_contacts, "new contact", "new contacts")
    if summary.updated_contacts:
        people += f", {_n(summary.updated_contacts, 'contact', 'contacts')} updated"
    lines = [
        f"{file_name}: {_n(summary.new_companies, 'new company', 'new companies')}, "
        f"{summary.updated_companies:,} updated, {people}, "
        f"{summary.skipped:,} skipped as duplicates, "
        f"{_n(summary.errors, 'row', 'rows')} with errors ({verb} imported)."
    ]
    for row in summary.rejected[:20]:
        reasons = "; ".join(f"{p.field or 'row'}: {p.message}" for p in row.reasons)
        lines.append(f"  row {row.line}: {reasons}")
    if len(summary.rejected) > 20:
        lines.append(f"  … and {len(summary.rejected) - 20} more rows with errors")
    if summary.batch_id is not None:
        lines.append(f"Import number {summary.batch_id}; it can be undone in the application.")
    return "\n".join(lines)


def _open(database: str | None, *, tidy: bool = True) -> Database:
    """The database, migrated, with the trash tidied as at every start of the app (not for a
    dry run, which writes nothing)."""
    db = open_database(resolve_database_url(database, load_preferences())).database
    try:
        if tidy:
            trash.purge_expired(db)
    except BaseException:
        db.dispose()
        raise
    return db


def import_file(
    path: Path,
    *,
    database: str | None,
    sheet: str | None = None,
    on_duplicate: OnDuplicate = OnDuplicate.SKIP,
    dry_run: bool = False,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py import FILE`: 0 when the file was imported (rows with errors are reported)."""
    from prospector.exchange.readers import read_table
    from prospector.services import importing

    configure_logging()
    try:
        table = read_table(path, sheet)
        db = _open(database, tidy=not dry_run)
        try:
            plan, forecast = importing.preview_import(db, table, on_duplicate=on_duplicate)
            summary = forecast if dry_run else importing.run_import(db, plan).value
        finally:
            db.dispose()
    except ProspectorError as exc:
        print(exc.message, file=err)
        return 1
    except (OSError, ValueError) as exc:
        log.exception("import of %s failed", path)
        print(f"The file {path.name} cannot be imported: {exc}", file=err)
        return 1
    print(summary_text(summary, path.name), file=out)
    return 0


def export_file(
    path: Path,
    *,
    database: str | None,
    view: str | None = None,
    out: TextIO = sys.stdout,
    err: TextIO = sys.stderr,
) -> int:
    """`main.py export FILE`: everything, or the saved view of that name."""
    from prospector.services import exporting, views
    from prospector.services.company_query import CompanyFilter

    configure_logging()
    try:
        db = _open(database)
        try:
            flt = None
            if view is not None:
                with db.reading() as session:
                    found = [v for v in views.list_views(session, "companies") if v.name == view]
                if not found:
                    print(f"There is no saved view named {view!r}.", file=err)
                    return 1
                flt = CompanyFilter.from_json(found[0].filters)
            result = exporting.export_companies(db, path, flt=flt)
        finally:
            db.dispose()
    except ProspectorError as exc:
        print(exc.message, file=err)
        return 1
    except OSError as exc:
        print(f"{path} cannot be written: {exc.strerror or exc}", file=err)
        return 1
    print(
        f"{path.name}: {result.companies:,} companies, {result.contacts:,} contacts, "
        f"{result.activities:,} activities exported.",
        file=out,
    )
    for cleaned in result.cleaned_cells[:20]:
        print(f"  cleaned: {cleaned}", file=out)
    return 0
