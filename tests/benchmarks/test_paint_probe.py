"""The start-up probe: a frame ends when its paint pass does, not when the app next idles."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from benchmarks.paint_probe import FirstPaint
from ui.widgets.first_paint import AfterFirstPaint

BUSY_S = 0.4


def test_the_frame_ends_before_work_the_app_starts_after_its_paint(qtbot: QtBot) -> None:
    widget = QLabel("Firmen")
    qtbot.addWidget(widget)
    busy_until: list[float] = []

    def open_the_database() -> None:
        time.sleep(BUSY_S)
        busy_until.append(time.time())

    probe = FirstPaint(widget, quit_after=False)
    # Installed after the probe, so its filter sees the paint first and its timer comes first,
    # as in the app, where the window watches its own first paint after the probe is in place.
    AfterFirstPaint(widget, open_the_database)
    widget.show()
    qtbot.waitUntil(lambda: bool(busy_until) and probe.frame_done_at is not None, timeout=5000)
    found = probe.result()
    assert found["painted_at"] <= found["frame_done_at"] < busy_until[0]
    assert found["frame_done_at"] - found["painted_at"] < BUSY_S / 2
