"""How a running background job shows itself: a panel in a page, or a progress dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from ui.operations import BackgroundJob

translate = QCoreApplication.translate


class ProgressPanel(QWidget):
    """What a running job is doing: a label, a progress bar and a Cancel button."""

    def __init__(self, job: BackgroundJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.cancel_button = QPushButton(translate("Progress", "Cancel"))
        self.cancel_button.clicked.connect(self._on_cancel)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        job.started.connect(self._on_started)
        job.progressed.connect(self._on_progress)
        job.finished.connect(self.hide)
        self.hide()

    def _on_started(self, label: str) -> None:
        self.label.setText(label)
        self.bar.setRange(0, 0)  # busy until the first report gives a total
        self.cancel_button.setEnabled(True)
        self.show()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))

    def _on_cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.label.setText(translate("Progress", "Cancelling…"))
        self._job.cancel()


class ProgressDialogs(QObject):
    """Shows a window-modal progress dialog with Cancel over `widget` whenever `job` runs."""

    def __init__(self, widget: QWidget, job: BackgroundJob) -> None:
        super().__init__(widget)  # the widget is found as parent(): no reference held to it
        self._job = job
        self._dialog: QProgressDialog | None = None
        job.started.connect(self._on_started)
        job.progressed.connect(self._on_progress)
        job.finished.connect(self._on_finished)

    def _on_started(self, label: str) -> None:
        self._on_finished()
        widget = self.parent()
        assert isinstance(widget, QWidget)
        dialog = QProgressDialog(label, translate("Progress", "Cancel"), 0, 0, widget)
        dialog.setWindowTitle(translate("Progress", "Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick work never flashes a window
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._job.cancel)
        self._dialog = dialog

    def _on_progress(self, done: int, total: int) -> None:
        if self._dialog is not None and total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))

    def _on_finished(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is None:
            return
        dialog.canceled.disconnect(self._job.cancel)  # closing a progress dialog cancels
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
