"""Export the companies of a view: one consistent read of the data into files."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.exchange.export import ExportFormat, ExportResult, write_export
from prospector.progress import Progress
from prospector.services.company_query import count_companies
from prospector.services.export_query import chunks


def export_companies(
    db: Database,
    target: Path,
    *,
    flt: CompanyFilter | None = None,
    fmt: ExportFormat | None = None,
    csv_delimiter: str = ";",
    progress: Progress | None = None,
) -> ExportResult:
    """Write the live companies of the view (all of them without a filter; never the trash)
    to `target` (.xlsx or .csv), all read from one snapshot of the data; a failure or cancel
    leaves no file behind."""
    flt = flt or CompanyFilter()
    with db.snapshot() as session:
        total = count_companies(session, flt)
        # closing(): a cancel must end the query (PostgreSQL's server-side cursor) at once.
        with closing(chunks(session, flt)) as stream:
            return write_export(
                target, stream, total, fmt=fmt, csv_delimiter=csv_delimiter, progress=progress
            )
