"""One background job per page or dialog: a Worker, its outcome, and progress shown for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from prospector.progress import Progress
from ui.workers import Worker

Job = Callable[[Progress], Any]

translate = QCoreApplication.translate

# The worker's signals go to methods of these QObjects, never to closures: PySide holds a
# connected closure (and whatever it captured) until the worker is deleted, and a captured
# top-level dialog whose last reference that was would then delete the worker a second time.


class _Callbacks:
    """Where one job's outcome goes; held only while that job runs."""

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_cancelled: Callable[[], None],
    ) -> None:
        self.on_done = on_done
        self.on_failed = on_failed
        self.on_cancelled = on_cancelled


class BackgroundJob(QObject):
    """Runs one job at a time off the GUI thread and hands its outcome to callbacks.

    A job that is abandoned (the page was left, a newer job started) is cancelled and its
    outcome dropped, so a late result can never overwrite a newer one.
    """

    started = Signal(str)  # the label saying what runs
    progressed = Signal(int, int)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None
        self._callbacks: _Callbacks | None = None

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def start(
        self,
        label: str,
        job: Job,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None],
        on_cancelled: Callable[[], None],
    ) -> Worker:
        self.abandon()
        worker = Worker(job, self)
        worker.progressed.connect(self.progressed)
        worker.done.connect(self._on_done)
        worker.failed.connect(self._on_failed)
        worker.cancelled.connect(self._on_cancelled)
        worker.finished.connect(self._on_worker_finished)
        self.worker = worker
        self._callbacks = _Callbacks(on_done, on_failed, on_cancelled)
        worker.start()
        self.started.emit(label)
        return worker

    def cancel(self) -> None:
        """Ask the job to stop; its on_cancelled callback says when it has."""
        if self.worker is not None:
            self.worker.cancel()

    def abandon(self) -> None:
        """Stop the job and wait for it; whatever it still reports is ignored."""
        worker = self.worker
        if worker is None:
            return
        worker.cancel()
        worker.wait()
        self._release()

    def _current(self) -> _Callbacks | None:
        """The callbacks, if the signal comes from the job that runs now."""
        return self._callbacks if self.sender() is self.worker else None

    def _on_done(self, result: object) -> None:
        if callbacks := self._current():
            callbacks.on_done(result)

    def _on_failed(self, error: object) -> None:
        if callbacks := self._current():
            callbacks.on_failed(error if isinstance(error, BaseException) else RuntimeError(error))

    def _on_cancelled(self) -> None:
        if callbacks := self._current():
            callbacks.on_cancelled()

    def _on_worker_finished(self) -> None:
        worker = self.sender()
        if worker is self.worker:
            self._release()
        if isinstance(worker, Worker):
            worker.deleteLater()  # only here: QThread.finished is the last thing it sends

    def _release(self) -> None:
        self.worker = None
        self._callbacks = None
        self.finished.emit()


class ProgressPanel(QWidget):
    """What a running job is doing: a label, a progress bar and a Cancel button."""

    def __init__(self, job: BackgroundJob, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.bar = QProgressBar()
        self.cancel_button = QPushButton(translate("ImportProgress", "Cancel"))
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
        self.label.setText(translate("ImportProgress", "Cancelling…"))
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
        dialog = QProgressDialog(label, translate("ImportProgress", "Cancel"), 0, 0, widget)
        dialog.setWindowTitle(translate("ImportProgress", "Please wait"))
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
