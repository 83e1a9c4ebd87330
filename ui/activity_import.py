"""File → Import activities…: the file read in the background, its rows' fate in a message box."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from prospector.activity_import_texts import counts_text, problem_lines, sheet_error_text
from prospector.exchange.activity_sheet import NotAnActivitySheet
from prospector.services.activity_import import ActivityImportSummary, import_activities
from ui.context import AppContext
from ui.operations import BackgroundJob
from ui.workers import Worker

if TYPE_CHECKING:
    from prospector.changes import Outcome
    from prospector.db import Database
    from prospector.progress import Progress

# Lines of skipped rows and ignored cells the message box lists.
SHOWN_PROBLEMS = 20


translate = QCoreApplication.translate


def import_activities_file(
    parent: QWidget, context: AppContext, job: BackgroundJob
) -> Worker | None:
    """Ask for the file and import its activities in `job`; None if nothing was started (no
    file chosen, or another job runs). The summary is shown when the job is done."""
    if job.busy:
        return None
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        translate("ActivityImport", "Import activities"),
        str(Path.home()),
        translate(
            "ActivityImport", "Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)"
        ),
    )
    if not chosen:
        return None
    path = Path(chosen)

    def work(db: Database, progress: Progress) -> Outcome[ActivityImportSummary]:
        return import_activities(db, path, progress=progress)

    def done(result: object) -> None:
        assert isinstance(result, ActivityImportSummary)
        _show_summary(parent, path, result)

    def failed(error: BaseException) -> None:
        if isinstance(error, NotAnActivitySheet):
            QMessageBox.warning(
                parent, translate("ActivityImport", "Import activities"), sheet_error_text(error)
            )
        else:
            context.operations.report(error, parent)

    return job.start(
        translate("ActivityImport", "Importing activities\u2026"), work, done, on_failed=failed
    )


def _show_summary(parent: QWidget, path: Path, summary: ActivityImportSummary) -> None:
    lines = [
        counts_text(
            path.name,
            added=summary.added,
            updated=summary.updated,
            unchanged=summary.unchanged,
            skipped=len(summary.skipped),
            dry_run=summary.dry_run,
        )
    ]
    problems = problem_lines(summary.skipped, summary.warnings, SHOWN_PROBLEMS)
    if problems:
        lines += ["", *problems]
    QMessageBox.information(
        parent, translate("ActivityImport", "Import activities"), "\n".join(lines)
    )
