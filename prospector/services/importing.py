"""Import a table read from a spreadsheet: check it row by row, then store it at once."""

from __future__ import annotations

from collections.abc import Sequence

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.exchange.importer import ImportPlan, ImportSummary, OnDuplicate, plan_import
from prospector.exchange.importer import run_import as _run_import
from prospector.exchange.tables import Table
from prospector.progress import Progress

IMPORTED = Changes(companies=True, contacts=True, tags=True, imports=True)


def preview_import(
    db: Database,
    table: Table,
    *,
    file_name: str,
    mapping: Sequence[str | None],
    on_duplicate: OnDuplicate,
    progress: Progress | None = None,
) -> tuple[ImportPlan, ImportSummary]:
    """What the import would do with every row, and its counts; reads, writes nothing."""
    with db.reading() as session:
        plan = plan_import(
            session,
            file_name=file_name,
            sheet=table.sheet,
            headers=table.headers,
            rows=table.rows,
            line_numbers=table.source_row_numbers,
            mapping=mapping,
            on_duplicate=on_duplicate,
            progress=progress,
        )
        # A dry run only counts; it writes nothing, not even to the session.
        forecast = _run_import(session, plan, table.rows, dry_run=True)
    return plan, forecast


def run_import(
    db: Database, plan: ImportPlan, table: Table, progress: Progress | None = None
) -> Outcome[ImportSummary]:
    """Carry out the plan in one transaction; a failure or cancel leaves the database as it
    was."""
    progress = progress or Progress()
    with db.writing() as session:
        progress.check()
        summary = _run_import(session, plan, table.rows, headers=table.headers, progress=progress)
        progress.check()  # a cancel up to the last moment still rolls everything back
    return Outcome(summary, IMPORTED)
