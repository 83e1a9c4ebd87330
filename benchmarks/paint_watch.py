"""Time an action in a running Qt app up to the next Paint event of one widget (its viewport)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QTimer
from PySide6.QtWidgets import QWidget

Predicate = Callable[[], bool]

# If no matching Paint arrives this long after the action, update() by hand and say so.
FALLBACK_AFTER_S = 10.0


class PaintTimeout(RuntimeError):
    """No matching Paint event arrived, not even after a forced update()."""


class PaintWatch(QObject):
    """Notes time.perf_counter() at the first Paint event of `widget` that an armed watch accepts,
    and when that paint is over (a zero timer after it: the frame is drawn and flushed).

    A predicate, checked when the Paint event arrives, says which paint counts (after a model
    reset, with the last row on screen …): the paint shows what the widget holds at that moment.
    The end of the paint is what counts as "painted": a model that reads its rows in data(),
    while the view paints, does its reading between the two.
    """

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self._widget = widget
        self._loop = QEventLoop()
        self._predicate: Predicate | None = None
        self._finished = False
        self.started_at = 0.0
        self.painted_at: float | None = None
        self.frame_done_at: float | None = None
        self.forced_repaints = 0
        app = QCoreApplication.instance()
        assert app is not None
        self._app = app
        self._listening_now = False

    def _listening(self, on: bool) -> None:
        """Watch every event of the application while armed. On the application, not the
        widget: its filters see an event before the widget's own do, so the zero timer below is
        queued before any the app queues from the same paint."""
        if on and not self._listening_now:
            self._app.installEventFilter(self)
        elif not on and self._listening_now:
            self._app.removeEventFilter(self)
        self._listening_now = on

    def arm(self, predicate: Predicate | None = None) -> None:
        """Count the next Paint event for which `predicate` (if any) is true."""
        self._predicate = predicate or (lambda: True)
        self._finished = False
        self.painted_at = None
        self.frame_done_at = None
        self._listening(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        predicate = self._predicate
        if watched is not self._widget or event.type() != QEvent.Type.Paint:
            return False
        if predicate is not None and predicate():
            self.painted_at = time.perf_counter()
            self._predicate = None
            self._listening(False)
            # A zero timer runs once this paint pass (all dirty widgets, flush) is over.
            QTimer.singleShot(0, self._on_frame_done)
        return False

    def _on_frame_done(self) -> None:
        self.frame_done_at = time.perf_counter()
        self._finished = True
        self._loop.quit()

    def finished(self) -> bool:
        """The armed paint has happened and is over."""
        return self._finished

    def wait(self, timeout_s: float = FALLBACK_AFTER_S) -> float:
        """Run the event loop until the armed paint is over; perf_counter() at its end."""
        forced = False
        while not self._finished:
            timer = QTimer()
            timer.setSingleShot(True)
            timer.timeout.connect(self._loop.quit)
            timer.start(int(timeout_s * 1000))
            self._loop.exec()
            timer.stop()
            if self.finished():
                break
            if forced:
                raise PaintTimeout(f"no matching paint within {2 * timeout_s:.0f} s")
            forced = True
            self.forced_repaints += 1
            self._widget.update()
        assert self.frame_done_at is not None
        return self.frame_done_at

    def start(self, predicate: Predicate | None = None) -> None:
        """Arm, and note now as the start of what is measured."""
        self.arm(predicate)
        self.started_at = time.perf_counter()

    @property
    def paint_event_s(self) -> float:
        """From the start to the arrival of the Paint event (before the widget painted)."""
        return (self.painted_at or 0.0) - self.started_at

    def measure(self, action: Callable[[], object], predicate: Predicate | None = None) -> float:
        """Seconds from calling `action` to the end of the first accepted paint after it."""
        self.start(predicate)
        action()
        return self.wait() - self.started_at
