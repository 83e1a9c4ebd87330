"""Child: start Prospector exactly as main.py does, until its window and then its data paint."""

from __future__ import annotations

import os
import sys
import threading
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
    import main as entry  # the real entry point: /work/main/main.py
    from ui import app
    from ui.main_window import MainWindow

    windows: list[MainWindow] = []
    probes: dict[str, FirstPaint] = {}

    class WatchedWindow(MainWindow):
        """The app's own window; only the paint probes are added."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            windows.append(self)
            probes["window"] = FirstPaint(self, quit_after=False)

        def attach(self, context: Any) -> None:
            super().attach(context)
            page = self.pages.currentWidget()
            shown = self.companies_page.view.viewport() if page is self.companies_page else page
            probes["data"] = FirstPaint(shown)  # ends the run once the data has painted

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
        exit_code=code,
        rows=window.companies_page.model.total,
        page=window.pages.currentWidget().__class__.__name__,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
