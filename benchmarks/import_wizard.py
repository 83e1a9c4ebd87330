"""Child: import a file through the import wizard (German, offscreen), Next on every page."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from benchmarks import end_state
from benchmarks.import_floor import TABLES
from benchmarks.probe import report, watch_memory

# How often the child looks whether the wizard has finished its work and can go on: what a
# user who clicks Next at once would see, to within this much per page.
POLL_MS = 20
# A wizard that never reaches the summary in this time has stopped somewhere.
TIMEOUT_S = 900.0


def main(argv: list[str]) -> int:
    source, database = Path(argv[0]), Path(argv[1]).resolve()
    watch_memory()  # the reader process and the importer, together over time
    from PySide6.QtCore import QTimer

    from prospector.schema import open_database
    from prospector.settings import load_preferences
    from ui.app import create_application
    from ui.context import AppContext
    from ui.dialogs.import_wizard import ImportWizard, Page
    from ui.translations import install_translations

    app = create_application()
    translators = install_translations(app, "de")
    opened = open_database(f"sqlite:///{database}")  # migrated already; not timed
    context = AppContext.open(opened.database, load_preferences())

    start = time.perf_counter()
    wizard = ImportWizard(context, source)
    wizard.show()
    reached: dict[str, float] = {}
    stuck: list[str] = []

    def step() -> None:
        now = time.perf_counter() - start
        if now > TIMEOUT_S:
            stuck.append(f"page {wizard.currentId()} after {now:.0f} s")
            app.quit()
            return
        if not wizard.busy:
            page = Page(wizard.currentId())
            reached.setdefault(page.name.lower(), now)
            if page is Page.SUMMARY:
                app.quit()
                return
            wizard.next()  # refused while the page is incomplete; then asked again
        QTimer.singleShot(POLL_MS, step)

    QTimer.singleShot(0, step)
    app.exec()
    seconds = time.perf_counter() - start
    if stuck or wizard.summary is None:
        raise SystemExit(f"the wizard did not finish: {stuck or 'no summary'}")
    wizard.close()
    opened.database.dispose()
    del translators
    state = end_state.of_file(database, TABLES)
    report(
        seconds=seconds,
        companies=state["counts"]["companies"],
        contacts=state["counts"]["contacts"],
        end_state=state,
        pages_reached_s={name: round(at, 2) for name, at in reached.items()},
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
