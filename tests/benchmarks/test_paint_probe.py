"""The start-up probe: a frame ends when its paint pass does, not when the app next idles."""

from __future__ import annotations

import time

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from benchmarks.paint_probe import FirstPaint
from benchmarks.paint_watch import PaintWatch
from ui.widgets.first_paint import AfterFirstPaint

BUSY_S = 0.4


class TimedLabel(QLabel):
    """Notes when its own painting is over."""

    painted_until = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted_until = time.time()


def test_the_frame_ends_after_its_paint_and_before_work_the_app_starts_after_it(
    qtbot: QtBot,
) -> None:
    widget = TimedLabel("Firmen")
    qtbot.addWidget(widget)
    busy_until: list[float] = []

    def open_the_database() -> None:
        time.sleep(BUSY_S)
        busy_until.append(time.time())

    probe = FirstPaint(widget, quit_after=False, ahead_of_app=True)
    # Installed after the probe, so its filter sees the paint first and its timer comes first,
    # as in the app, where the window watches its own first paint after the probe is in place.
    AfterFirstPaint(widget, open_the_database)
    widget.show()
    qtbot.waitUntil(lambda: bool(busy_until) and probe.frame_done_at is not None, timeout=5000)
    found = probe.result()
    assert found["painted_at"] <= widget.painted_until <= found["frame_done_at"] < busy_until[0]
    assert found["frame_done_at"] - found["painted_at"] < BUSY_S / 2


def test_a_watched_list_change_ends_with_its_paint_pass(qtbot: QtBot) -> None:
    widget = TimedLabel("Firmen")
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    watch = PaintWatch(widget)
    busy_until: list[float] = []

    def change() -> None:
        widget.setText("Firmen in Köln")
        AfterFirstPaint(widget, lambda: busy_until.append(_busy()))

    started = time.perf_counter()
    watch.start()
    watch.started_at = started
    change()
    done = watch.wait()
    qtbot.waitUntil(lambda: bool(busy_until), timeout=5000)
    assert watch.painted_at is not None
    assert watch.painted_at <= done < busy_until[0]
    assert done - watch.painted_at < BUSY_S / 2


def _busy() -> float:
    time.sleep(BUSY_S)
    return time.perf_counter()
