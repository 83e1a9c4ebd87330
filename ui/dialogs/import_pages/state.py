"""What the import wizard's pages hand on to each other: file, table, mapping, plan, result."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from prospector.exchange.tables import Table, WorkbookInfo
from prospector.services.import_plan import ImportPlan, OnDuplicate, OnProblem
from prospector.services.import_run import ImportSummary


@dataclass
class ImportState:
    """Plain data only (no ORM objects): each page fills in its part on the way forward."""

    path: Path | None = None
    info: WorkbookInfo | None = None
    table: Table | None = None
    mapping: tuple[str | None, ...] = ()
    on_duplicate: OnDuplicate = OnDuplicate.SKIP
    on_problem: OnProblem = OnProblem.IMPORT
    country: str | None = None  # for rows that name none; None: as the file suggests
    companies_from_mail: bool = False  # persons without a company: by their e-mail's domain
    plan: ImportPlan | None = None
    forecast: ImportSummary | None = None  # the plan's counts, from a dry run
    summary: ImportSummary | None = None  # what the import did

    @property
    def file_name(self) -> str:
        return self.path.name if self.path is not None else ""
