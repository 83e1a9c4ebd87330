"""Run a slow service call off the GUI thread, with progress, cancel, done and failed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal

from prospector.errors import ProspectorError
from prospector.progress import Cancelled, Progress

log = logging.getLogger(__name__)


class Worker(QThread):
    """Calls `job(progress)` in its own thread; emits one of done, cancelled or failed,
    then QThread.finished. Receivers in the GUI thread get the signals queued."""

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
        except ProspectorError as exc:  # expected: a bad file, a locked database
            log.info("background work stopped: %s", exc.message)
            self.failed.emit(exc)
        except Exception as exc:  # reported to the user as one sentence, details in the log
            log.exception("background work failed")
            self.failed.emit(exc)
        else:
            self.done.emit(result)
