"""The window's one way to the data: reads, writes and background jobs, one error policy, and
one signal that tells every view what changed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from prospector.changes import Changes, Outcome
from prospector.errors import ProspectorError
from prospector.first_look import read_first_window
from prospector.logsetup import safe_summary
from prospector.progress import Progress
from ui.messages import show_error
from ui.workers import Worker

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from prospector.backups import Backup, Contents
    from prospector.db import Database
    from prospector.records import CompanyWindow
    from prospector.undo import UndoStep

log = logging.getLogger(__name__)

T = TypeVar("T")

# A job run off the GUI thread: it gets the database and a Progress, and returns a use case's
# Outcome (whose changes are then published) or plain data.
Work = Callable[["Database", Progress], Any]


class Operations(QObject):
    """Runs what a page or dialog asks of the data.

    - read(): a query of the services, run in a read-only session; for anything that is fast.
    - write(): a use case of the services (it takes the database and owns its transaction);
      the changes it returns are published on `changed`.
    - job(): a BackgroundJob for slow work, with progress and cancel.
    - undo() and redo(): the last change a write() made that can be taken back (its
      Outcome's undo step), and again; `history` holds them for the session.

    A ProspectorError becomes the one translated sentence; anything else is logged and shown
    as an unexpected error. Pages refresh from `changed`, never from each other.
    """

    changed = Signal(object)  # Changes

    def __init__(self, database: Database, parent: QObject | None = None) -> None:
        from ui.undo_history import UndoHistory  # not at start-up: the first look needs none

        super().__init__(parent)
        self._database = database
        self.history = UndoHistory(self)

    @property
    def location(self) -> str:
        """The database as the user knows it: a file path, or the server without password."""
        return self._database.location

    @property
    def database_file(self) -> Path | None:
        """The SQLite file, which has backups; None for a server."""
        from prospector.backups import database_path

        return database_path(self._database) if self._database.is_file else None

    def backups(self) -> list[tuple[Backup, Contents | None]]:
        """The backups of the database file, newest first, each with what it holds."""
        from prospector import backups

        path = self.database_file
        if path is None:
            return []
        return [(backup, backups.contents(backup.path)) for backup in backups.list_backups(path)]

    def read(
        self,
        query: Callable[[Session], T],
        *,
        parent: QWidget | None = None,
        quiet: bool = False,
    ) -> T | None:
        """The query's result; None if it failed, after telling the user (or, `quiet`, only
        the log: for reads that merely save time later)."""
        try:
            with self._database.reading() as session:
                return query(session)
        except Exception as exc:  # one policy for every failure
            if quiet:
                log.warning("read failed", exc_info=exc)
            else:
                self.report(exc, parent)
            return None

    def write(
        self,
        change: Callable[[Database], Outcome[T]],
        *,
        parent: QWidget | None = None,
        expected: tuple[type[ProspectorError], ...] = (),
    ) -> Outcome[T] | None:
        """Run a use case and publish what it changed; None if it failed, after telling the
        user. Errors of the `expected` kinds are raised for the caller to handle (a form shows
        invalid fields beside them)."""
        try:
            outcome = change(self._database)
        except expected:
            raise
        except Exception as exc:  # one policy for every failure
            self.report(exc, parent)
            return None
        if outcome.undo is not None:
            self.history.push(outcome.undo)
        self.publish(outcome.changes)
        return outcome

    def undo(self, *, parent: QWidget | None = None) -> UndoStep | None:
        """Take back the last change; the step undone, or None (nothing to undo, or its
        records changed since: then it is dropped, after telling the user)."""
        from prospector.services import undo

        return self._take(self.history.next_undo(), undo.undo, self.history.undone, parent)

    def redo(self, *, parent: QWidget | None = None) -> UndoStep | None:
        """Make the last undone change again; the step, or None."""
        from prospector.services import undo

        return self._take(self.history.next_redo(), undo.redo, self.history.redone, parent)

    def _take(
        self,
        step: UndoStep | None,
        write_back: Callable[[Database, UndoStep], Outcome[UndoStep]],
        moved: Callable[[UndoStep], None],
        parent: QWidget | None,
    ) -> UndoStep | None:
        if step is None:
            return None
        try:
            outcome = write_back(self._database, step)
        except Exception as exc:  # one policy for every failure
            self.history.drop(step)
            self.report(exc, parent)
            return None
        moved(step)
        self.publish(outcome.changes)
        return step

    def publish(self, changes: Changes) -> None:
        if changes:
            self.changed.emit(changes)

    def job(self, parent: QWidget) -> BackgroundJob:
        """A runner for slow work shown over `parent`, one job at a time."""
        return BackgroundJob(self, parent)

    def _worker(self, work: Work, job: BackgroundJob) -> Worker:
        return Worker(lambda progress: work(self._database, progress), job)

    def report(self, error: BaseException, parent: QWidget | None = None) -> None:
        """Log the failure and tell the user in one sentence."""
        log_failure(error)
        show_error(parent, error)


def first_look(path: Path, *, sort: str, descending: bool, limit: int) -> CompanyWindow | None:
    """The company list's first window straight from a SQLite file, before the database layer
    is loaded (start-up); None when the file is not one this way can read. Quiet: the database
    layer opens the file right after and reports any problem with it."""
    try:
        return read_first_window(path, sort=sort, descending=descending, limit=limit)
    except Exception as exc:  # a first look must never stop the start; the real open follows
        log.warning("first look at %s failed: %s", path, exc)
        return None


def log_failure(error: BaseException) -> None:
    if isinstance(error, ProspectorError):
        log.info("stopped: %s", safe_summary(error))
    else:
        log.error("unexpected error", exc_info=error)


class BackgroundJob(QObject):
    """Runs one job at a time off the GUI thread and hands its outcome to callbacks.

    A job's Outcome has its changes published before on_done gets the value. A failure is
    logged and, unless on_failed takes it, shown over the parent widget. A job that is
    abandoned (its page was left, a newer job started) is cancelled and its outcome dropped,
    so a late result can never overwrite a newer one.
    """

    started = Signal(str)  # the label saying what runs
    progressed = Signal(int, int)
    finished = Signal()

    # The worker's signals go to methods of this QObject, never to closures: PySide holds a
    # connected closure (and whatever it captured) until the worker is deleted, and a captured
    # top-level dialog whose last reference that was would then delete the worker a second time.

    def __init__(self, operations: Operations, parent: QWidget) -> None:
        super().__init__(parent)
        self._operations = operations
        self.worker: Worker | None = None
        self._callbacks: _Callbacks | None = None

    @property
    def busy(self) -> bool:
        return self.worker is not None

    def start(
        self,
        label: str,
        work: Work,
        on_done: Callable[[Any], None],
        *,
        on_failed: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> Worker:
        self.abandon()
        worker = self._operations._worker(work, self)
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
            if isinstance(result, Outcome):
                if result.undo is not None:
                    self._operations.history.push(result.undo)
                self._operations.publish(result.changes)
                result = result.value
            callbacks.on_done(result)

    def _on_failed(self, error: object) -> None:
        if callbacks := self._current():
            failure = error if isinstance(error, BaseException) else RuntimeError(error)
            if callbacks.on_failed is None:
                parent = self.parent()
                self._operations.report(failure, parent if isinstance(parent, QWidget) else None)
            else:
                log_failure(failure)
                callbacks.on_failed(failure)

    def _on_cancelled(self) -> None:
        if (callbacks := self._current()) and callbacks.on_cancelled is not None:
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


class _Callbacks:
    """Where one job's outcome goes; held only while that job runs."""

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_failed: Callable[[BaseException], None] | None,
        on_cancelled: Callable[[], None] | None,
    ) -> None:
        self.on_done = on_done
        self.on_failed = on_failed
        self.on_cancelled = on_cancelled
