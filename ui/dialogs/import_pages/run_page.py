"""Wizard page 5: the import itself, one transaction in the background, with Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from prospector.services import importing
from prospector.services.import_run import ImportSummary
from ui.context import AppContext
from ui.dialogs.import_pages.file_page import ERROR_STYLE
from ui.dialogs.import_pages.state import ImportState
from ui.messages import describe
from ui.widgets.progress import ProgressPanel


class RunPage(QWizardPage):
    """Starts as soon as it is shown and moves on to the summary when the import is stored.

    A cancel or a failure rolls the whole transaction back: the page says so and offers to
    start again.
    """

    def __init__(
        self, context: AppContext, state: ImportState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self.setTitle(self.tr("Importing"))
        self.setSubTitle(
            self.tr(
                "Everything is stored at once at the end. If you cancel, nothing is imported "
                "and the database stays as it was."
            )
        )
        # The summary cannot lead back here: the import is done.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Next"))
        self.job = context.operations.job(self)
        self.panel = ProgressPanel(self.job)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.hide()
        self.retry_button = QPushButton(self.tr("&Start the import again"))
        self.retry_button.clicked.connect(self.start)
        # The preview is a commit page, so the wizard offers no Back here; after a cancel or a
        # failure nothing was stored and going back to change something is safe.
        self.back_button = QPushButton(self.tr("&Back to the preview"))
        self.back_button.clicked.connect(self._on_back)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        self._show_choices(False)
        self.job.finished.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.start()

    def isComplete(self) -> bool:
        return self._state.summary is not None

    def start(self) -> None:
        state = self._state
        plan = state.plan
        assert plan is not None
        self.result_label.hide()
        self._show_choices(False)

        self.job.start(
            self.tr("Importing %Ln rows from %1…", "", len(plan.rows)).replace(
                "%1", state.file_name
            ),
            lambda db, progress: importing.run_import(db, plan, progress),
            self._on_done,
            on_failed=self._on_failed,
            on_cancelled=self._on_cancelled,
        )

    def cancel(self) -> None:
        self.panel.cancel_button.click()

    def _on_done(self, summary: object) -> None:
        assert isinstance(summary, ImportSummary)
        self._state.summary = summary
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()

    def _on_failed(self, error: BaseException) -> None:
        self._show_result(
            self.tr(
                "The import failed: %1 Nothing was imported; the database is unchanged."
            ).replace("%1", describe(error))
        )

    def _on_cancelled(self) -> None:
        self._show_result(
            self.tr("The import was cancelled. Nothing was imported; the database is unchanged.")
        )

    def _show_result(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.show()
        self._show_choices(True)

    def _show_choices(self, visible: bool) -> None:
        self.retry_button.setVisible(visible)
        self.back_button.setVisible(visible)

    def _on_back(self) -> None:
        wizard = self.wizard()
        if wizard is not None and not self.job.busy:
            wizard.back()
