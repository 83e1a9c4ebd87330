"""The import wizard: file, columns, duplicates, preview, import, summary."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QWidget, QWizard

from prospector.services.import_run import ImportSummary
from ui.context import AppContext
from ui.dialogs.import_pages.columns_page import ColumnsPage
from ui.dialogs.import_pages.duplicates_page import DuplicatesPage
from ui.dialogs.import_pages.file_page import FilePage
from ui.dialogs.import_pages.preview_page import PreviewPage
from ui.dialogs.import_pages.run_page import RunPage
from ui.dialogs.import_pages.state import ImportState
from ui.dialogs.import_pages.summary_page import SummaryPage
from ui.operations import BackgroundJob

IMPORTABLE_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt"})


class Page(IntEnum):
    FILE = 0
    COLUMNS = 1
    DUPLICATES = 2
    PREVIEW = 3
    RUN = 4
    SUMMARY = 5


def importable_path(mime: QMimeData) -> Path | None:
    """The spreadsheet dropped on the window, if the drop is one local file the import takes."""
    urls = mime.urls() if mime.hasUrls() else []
    if len(urls) != 1 or not urls[0].isLocalFile():
        return None
    path = Path(urls[0].toLocalFile())
    return path if path.suffix.lower() in IMPORTABLE_SUFFIXES else None


class ImportWizard(QWizard):
    """Each page hands its part on through one ImportState; only the Import page writes."""

    def __init__(
        self, context: AppContext, path: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import spreadsheet"))
        self.setObjectName("importWizard")
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setMinimumSize(760, 560)
        self.resize(900, 650)
        self.state = ImportState(path=path)
        self.file_page = FilePage(context.operations, self.state)
        self.columns_page = ColumnsPage(context, self.state)
        self.duplicates_page = DuplicatesPage(self.state)
        self.preview_page = PreviewPage(context, self.state)
        self.run_page = RunPage(context, self.state)
        self.summary_page = SummaryPage(self.state)
        self.setPage(Page.FILE, self.file_page)
        self.setPage(Page.COLUMNS, self.columns_page)
        self.setPage(Page.DUPLICATES, self.duplicates_page)
        self.setPage(Page.PREVIEW, self.preview_page)
        self.setPage(Page.RUN, self.run_page)
        self.setPage(Page.SUMMARY, self.summary_page)

    @property
    def summary(self) -> ImportSummary | None:
        """What the import did; None while (or if) nothing was imported."""
        return self.state.summary

    def _jobs(self) -> tuple[BackgroundJob, ...]:
        return (self.file_page.job, self.preview_page.job, self.run_page.job)

    @property
    def busy(self) -> bool:
        return any(job.busy for job in self._jobs())

    def reject(self) -> None:
        """Cancel (or Escape, or closing the window) first stops the work under way; the
        wizard closes on the next Cancel, once the database is sure to be unchanged."""
        busy = [job for job in self._jobs() if job.busy]
        for job in busy:
            job.cancel()
        if not busy:
            super().reject()

    @classmethod
    def ask(
        cls, context: AppContext, path: Path | None = None, parent: QWidget | None = None
    ) -> ImportSummary | None:
        """Run the wizard; what was imported, or None if nothing was."""
        wizard = cls(context, path, parent)
        wizard.exec()
        return wizard.summary
