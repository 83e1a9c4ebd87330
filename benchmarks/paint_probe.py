"""An event filter that notes a window's first paint after show, then ends the event loop."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# If no Paint event arrives this long after show, repaint() by hand and say so.
FALLBACK_AFTER_MS = 5_000


class FirstPaint(QObject):
    """Watches one window: time.time() at its first Paint event, and when that frame is done."""

    def __init__(
        self, window: QWidget, *, quit_after: bool = True, ahead_of_app: bool = False
    ) -> None:
        super().__init__()
        self._window = window
        self._quit_after = quit_after
        self.shown_at: float | None = None
        self.painted_at: float | None = None
        self.frame_done_at: float | None = None
        self.forced_repaint = False
        self._fallback = QTimer(self)
        self._fallback.setSingleShot(True)
        self._fallback.setInterval(FALLBACK_AFTER_MS)
        self._fallback.timeout.connect(self._on_no_paint)
        # `ahead_of_app`: the filter goes on the application, whose filters see an event before
        # the widget's own do, so the zero timer below is queued before any the app queues from
        # the same paint (it costs a call for every event of the application until then).
        app = QCoreApplication.instance()
        assert app is not None
        self._watched: QObject = app if ahead_of_app else window
        self._watched.installEventFilter(self)
        if window.isVisible():  # watching a widget that is on screen already
            self.shown_at = time.time()
            self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is not self._window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Show and self.shown_at is None:
            self.shown_at = time.time()
            self._fallback.start()
        elif kind == QEvent.Type.Paint and self.shown_at is not None and self.painted_at is None:
            self.painted_at = time.time()
            self._fallback.stop()
            # A zero timer runs once the whole paint pass (all child widgets, flush) is over.
            QTimer.singleShot(0, self._on_frame_done)
        return False

    def _on_frame_done(self) -> None:
        self.frame_done_at = time.time()
        self._watched.removeEventFilter(self)
        if self._quit_after:
            QCoreApplication.quit()

    def _on_no_paint(self) -> None:
        self.forced_repaint = True
        self._window.repaint()

    def result(self) -> dict[str, Any]:
        return {
            "shown_at": self.shown_at,
            "painted_at": self.painted_at,
            "frame_done_at": self.frame_done_at,
            "forced_repaint": self.forced_repaint,
        }
