"""An event filter that notes a window's first paint after show, then ends the event loop."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# If no Paint event arrives this long after show, repaint() by hand and say so.
FALLBACK_AFTER_MS = 5_000


class FirstPaint(QObject):
    """Watches one window: time.time() at its first Paint event, and when that frame is done."""

    def __init__(self, window: QWidget, *, quit_after: bool = True) -> None:
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
        window.installEventFilter(self)
        if window.isVisible():  # watching a widget that is on screen already
            self.shown_at = time.time()
            self._fallback.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Show and self.shown_at is None:
            self.shown_at = time.time()
            self._fallback.start()
        elif kind == QEvent.Type.Paint and self.shown_at is not None and self.painted_at is None:
            self.painted_at = time.time()
            self._fallback.stop()
            # The paint pass sends only Paint events, to this widget and the others on screen;
            # the first other event the application dispatches comes after the frame is done.
            # (A zero timer of our own would queue behind any the app set from its paints.)
            self._frame_end = _NextEvent(self._on_frame_done)
        return False

    def _on_frame_done(self) -> None:
        self.frame_done_at = time.time()
        self._window.removeEventFilter(self)
        if self._quit_after:
            QTimer.singleShot(0, QCoreApplication.quit)

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


class _NextEvent(QObject):
    """Calls back once, at the first event other than a Paint that the application
    dispatches from now on."""

    def __init__(self, callback: Callable[[], None]) -> None:
        super().__init__()
        self._callback: Callable[[], None] | None = callback
        self._app = QCoreApplication.instance()
        assert self._app is not None
        self._app.installEventFilter(self)
        self.kind: QEvent.Type | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            self.kind = event.type()
            assert self._app is not None
            self._app.removeEventFilter(self)
            callback()
        return False
