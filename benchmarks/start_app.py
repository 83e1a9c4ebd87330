"""Child: start Prospector exactly as main.py does, until its window and then its data paint."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

from benchmarks.paint_probe import FirstPaint
from benchmarks.probe import report

# A start-up takes about a second; past this the app has changed in a way the probe misses.
WATCHDOG_S = 120.0


def _give_up() -> None:
    print(
        f"no first paint within {WATCHDOG_S:.0f} s: ui.app.run() no longer builds its window"
        " from ui.app.MainWindow, or the window never painted; adapt start_app",
        file=sys.stderr,
        flush=True,
    )
    os._exit(3)


def main(argv: list[str]) -> int:
    database = argv[0]
    from PySide6.QtCore import QCoreApplication, QTimer

    import main as entry  # the real entry point: /work/main/main.py
    from ui import app
    from ui.main_window import MainWindow

    windows: list[MainWindow] = []
    live_at: list[float] = []
    probes: dict[str, FirstPaint] = {}

    class WatchedWindow(MainWindow):
        """The app's own window; only the paint probes are added."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            windows.append(self)
            probes["window"] = FirstPaint(self, quit_after=False)

        def show_first_look(self, path: Path) -> bool:
            shown = super().show_first_look(path)
            if shown:  # the rows read before the database layer loads: the data is on screen
                probes["data"] = FirstPaint(
                    self.data_surface(), quit_after=False, ahead_of_app=True
                )
            return shown

        def attach(self, context: Any) -> None:
            super().attach(context)
            if "data" in probes:
                # Shown already by the first look; the run ends when the window takes input.
                QTimer.singleShot(0, _live)
            else:
                # Ends the run once painted.
                probes["data"] = FirstPaint(self.data_surface(), ahead_of_app=True)

    def _live() -> None:
        live_at.append(time.time())
        QCoreApplication.quit()

    app.MainWindow = WatchedWindow  # type: ignore[misc]
    watchdog = threading.Timer(WATCHDOG_S, _give_up)
    watchdog.daemon = True
    watchdog.start()
    code = entry.main(["--database", database, "--language", "de"])
    watchdog.cancel()
    if not windows or "data" not in probes:
        print("the main window was never built or never got its data", file=sys.stderr)
        return 1
    window = windows[0]
    data = probes["data"].result()
    report(
        **probes["window"].result(),
        data_painted_at=data["painted_at"],
        data_frame_done_at=data["frame_done_at"],
        first_look=bool(live_at),
        live_at=live_at[0] if live_at else data["frame_done_at"],
        exit_code=code,
        rows=window.companies_page.model.total,
        page=window.pages.currentWidget().__class__.__name__,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
