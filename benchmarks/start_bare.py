"""Child, the start-up floor: a bare PySide6 QMainWindow shown until its first paint."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow

from benchmarks.paint_probe import FirstPaint
from benchmarks.probe import report

# Prospector's main window opens at this size; the same pixels to paint keep the floor fair.
WIDTH, HEIGHT = 1100, 700


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(WIDTH, HEIGHT)
    probe = FirstPaint(window)
    window.show()
    code = app.exec()
    report(**probe.result(), exit_code=code)
    return 0


if __name__ == "__main__":
    sys.exit(main())
