"""Long work with a progress dialog: run a job in a Worker, report the outcome to the user."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from prospector.progress import Progress
from ui.messages import show_error
from ui.workers import Worker


def run_with_progress(
    parent: QWidget,
    label: str,
    job: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_cancelled: Callable[[], None] | None = None,
) -> Worker:
    """Start `job` off the GUI thread behind a modal progress dialog with a cancel button."""
    dialog = QProgressDialog(
        label, QCoreApplication.translate("Operations", "Cancel"), 0, 0, parent
    )
    dialog.setWindowTitle(QCoreApplication.translate("Operations", "Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    worker = Worker(job, parent)

    def on_progress(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def close() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()

    def failed(error: object) -> None:
        close()
        show_error(parent, error if isinstance(error, BaseException) else RuntimeError(error))

    def cancelled() -> None:
        close()
        if on_cancelled is not None:
            on_cancelled()

    def done(result: object) -> None:
        close()
        on_done(result)

    worker.progressed.connect(on_progress)
    worker.done.connect(done)
    worker.failed.connect(failed)
    worker.cancelled.connect(cancelled)
    dialog.canceled.connect(worker.cancel)
    worker.finished.connect(worker.deleteLater)
    worker.start()
    return worker
