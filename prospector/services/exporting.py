"""Export the companies of a view: one consistent read of the data into files."""

from __future__ import annotations

from pathlib import Path

from prospector.db import Database
from prospector.exchange.export import ExportResult
from prospector.exchange.export import export_companies as write_export
from prospector.progress import Progress
from prospector.services.company_query import CompanyFilter


def export_companies(
    db: Database,
    target: Path,
    *,
    flt: CompanyFilter | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the live companies of the view to `target` (.xlsx or .csv), all read from one
    snapshot of the data; a failure or cancel leaves no file behind."""
    with db.snapshot() as session:
        return write_export(session, target, flt=flt, progress=progress)
