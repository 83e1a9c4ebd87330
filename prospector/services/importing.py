"""Import a table read from a spreadsheet: check it row by row, then store it at once."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from prospector import normalize
from prospector.changes import Changes, Outcome
from prospector.db import Database, refresh_statistics
from prospector.exchange.tables import Table
from prospector.gc_pause import paused
from prospector.progress import Progress
from prospector.services import import_run
from prospector.services.import_mapping import guess_mapping
from prospector.services.import_plan import (
    ImportPlan,
    OnDuplicate,
    OnProblem,
    data_mark,
    plan_import,
    replanned,
)
from prospector.services.import_run import ImportSummary
from prospector.services.serial import one_at_a_time
from prospector.undo import Snapshot, UndoKind, UndoStep

IMPORTED = Changes(companies=True, contacts=True, tags=True, imports=True)
# The tables an import fills: their statistics are refreshed before it reports done.
IMPORTED_TABLES = ("companies", "contacts", "company_tags")


def chosen_source(table: Table, given: str | None) -> str | None:
    """The source of an import's new companies: the one given, else the file's name."""
    cleaned = normalize.clean_text(table.path.stem if given is None else given)
    return cleaned[:200] if cleaned else None


def preview_import(
    db: Database,
    table: Table,
    *,
    mapping: Sequence[str | None] | None = None,
    on_duplicate: OnDuplicate = OnDuplicate.SKIP,
    on_problem: OnProblem = OnProblem.IMPORT,
    country: str | None = None,
    companies_from_mail: bool = False,
    progress: Progress | None = None,
    lead_source: str | None = None,
) -> tuple[ImportPlan, ImportSummary]:
    """What the import would do with every row, and its counts; reads, writes nothing.

    Without a mapping, the table's columns are mapped as last time for the same headers, else
    as their names suggest. The new companies' source is `lead_source`, by default the file's
    name ("" for none), unless the file has a source column.
    """
    with paused(), db.reading() as session:
        if mapping is None:
            mapping = guess_mapping(session, table.headers)
        plan = plan_import(
            session,
            table,
            mapping,
            on_duplicate,
            progress,
            on_problem=on_problem,
            country=country,
            companies_from_mail=companies_from_mail,
        )
        plan = dataclasses.replace(plan, lead_source=chosen_source(table, lead_source))
        # A dry run only counts; it writes nothing, not even to the session.
        forecast = import_run.run_import(session, plan, dry_run=True)
    return plan, forecast


def run_import(
    db: Database, plan: ImportPlan, progress: Progress | None = None
) -> Outcome[ImportSummary]:
    """Carry out the plan in one transaction; a failure or cancel leaves the database as it
    was."""
    progress = progress or Progress()
    with paused(), db.writing() as session:
        progress.check()
        one_at_a_time(session)
        if plan.data_mark != data_mark(session):
            # Someone imported or edited since the preview: decide on duplicates again, on the
            # data as it is now, so that two imports of one file store each company once.
            plan = replanned(session, plan)
        summary = import_run.run_import(session, plan, progress)
        if summary.new_companies or summary.new_contacts:
            refresh_statistics(session, IMPORTED_TABLES)
        progress.check()  # a cancel up to the last moment still rolls everything back
    step = None
    if summary.batch_id is not None and (summary.imported or summary.updated_contacts):
        nothing = Snapshot(())
        step = UndoStep(
            UndoKind.IMPORT,
            summary.new_companies + summary.updated_companies,
            plan.table.path.name,
            nothing,
            nothing,
            batch_id=summary.batch_id,
        )
    return Outcome(summary, IMPORTED, step)
