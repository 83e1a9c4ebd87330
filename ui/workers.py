"""A thread for one slow call: progress, cancel, and one of done, cancelled or failed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from prospector.progress import Cancelled, Progress


class Worker(QThread):
    """Calls `job(progress)` in its own thread; emits one of done, cancelled or failed, then
    QThread.finished. Receivers in the GUI thread get the signals queued. A failure is handed
    on as it is: the operations module logs it and tells the user."""

    progressed = Signal(int, int)
    done = Signal(object)
    cancelled = Signal()
    failed = Signal(object)

    def __init__(self, job: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job = job
        self._progress = Progress(self.progressed.emit)

    def cancel(self) -> None:
        self._progress.cancel()

    def run(self) -> None:
        try:
            result = self._job(self._progress)
        except Cancelled:
            self.cancelled.emit()
        except Exception as exc:  # every failure reaches the GUI thread
            self.failed.emit(exc)
        else:
            self.done.emit(result)
