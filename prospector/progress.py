"""Progress reporting and cancellation for long work, without any GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Cancelled(Exception):
    """The user cancelled; whatever was under way is rolled back."""


class Progress:
    """Handed to long work: it reports how far it got and learns whether to stop."""

    def __init__(self, report: Callable[[int, int], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise Cancelled if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled

    def step(self, done: int, total: int) -> None:
        """Report progress (total 0 means unknown) and stop here if cancelled."""
        self.check()
        if self._report is not None:
            self._report(done, total)
