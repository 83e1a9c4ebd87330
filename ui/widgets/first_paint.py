"""Run a callback once a widget has painted for the first time."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls back once, right after the watched widget has painted for the first time, for
    work that can wait for the frame the user is waiting for.

    With `fallback_ms`, also after that long if no paint has come by then (a platform whose
    paints the filter misses); without it, a widget that never paints never calls back.
    """

    def __init__(
        self, widget: QWidget, callback: Callable[[], None], *, fallback_ms: int | None = None
    ) -> None:
        super().__init__(widget)
        self._callback: Callable[[], None] | None = callback
        widget.installEventFilter(self)
        if fallback_ms is not None:
            QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        callback, self._callback = self._callback, None
        if callback is not None:
            callback()
