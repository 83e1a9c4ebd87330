"""Build the application: QApplication, translations, database, main window."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from prospector import __version__, paths
from prospector.errors import BadDatabaseUrl, DatabaseDamaged, DatabaseError
from prospector.logsetup import configure_logging, safe_summary
from prospector.settings import load_preferences, resolve_database_url, sqlite_file, to_url
from ui.main_window import MainWindow
from ui.messages import describe, show_error
from ui.translations import choose_language, install_translations
from ui.widgets.first_paint import AfterFirstPaint

# The database layer (SQLAlchemy, the schema) is imported only after the window has painted.
if TYPE_CHECKING:
    from prospector.file_lock import FileLock
    from prospector.schema import OpenedDatabase

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Prospector")
    app.setOrganizationName("Prospector")
    app.setApplicationVersion(__version__)
    icon = paths.resources_dir() / "icons" / "prospector.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _install_excepthook() -> None:
    """An unexpected error becomes a message and a log entry, not a vanished window."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error", exc_info=(kind, error, tb))
        if QApplication.instance() is not None:
            QMessageBox.critical(None, translate("App", "Prospector"), describe(error))

    sys.excepthook = hook


def _close_on_termination(window: MainWindow) -> QTimer:
    """SIGTERM and SIGHUP (logging out, shutting down) close the window as the user would:
    the layout is saved and the database file's lock released. Python runs its signal
    handlers only between bytecodes, so a timer lets it in while Qt waits for events."""
    import signal

    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, lambda *_: QTimer.singleShot(0, window.close))
    wake = QTimer(window)
    wake.timeout.connect(lambda: None)
    wake.start(500)
    return wake


def open_interactively(
    url: str, parent: QWidget | None = None, locks: list[FileLock] | None = None
) -> OpenedDatabase | None:
    """Open the database; on failure say why once and offer another file, else give up. A
    database file is claimed with a lock file (appended to `locks`, to release at the end);
    when someone else holds it, the user decides."""
    from prospector.schema import open_database
    from ui.file_claim import Claim, claim
    from ui.restore_at_open import choose_and_restore, usable_backups

    while True:
        # The file is claimed before it is opened: opening may migrate it.
        file = sqlite_file(url) if locks is not None else None
        lock = None
        if file is not None:
            answer, lock = claim(file, parent)
            if answer is Claim.QUIT:
                return None
        if file is None or lock is not None:
            try:
                opened = open_database(url)
            except DatabaseError as exc:
                if lock is not None:
                    lock.release()
                log.warning("cannot open the database: %s", safe_summary(exc))
                box = QMessageBox(
                    QMessageBox.Icon.Warning,
                    translate("App", "Prospector"),
                    describe(exc),
                    parent=parent,
                )
                damaged = sqlite_file(url) if isinstance(exc, DatabaseDamaged) else None
                restore = None
                if damaged is not None and usable_backups(damaged):
                    restore = box.addButton(
                        translate("App", "Restore a backup…"), QMessageBox.ButtonRole.ActionRole
                    )
                choose = box.addButton(
                    translate("App", "Choose another database…"),
                    QMessageBox.ButtonRole.AcceptRole,
                )
                box.addButton(translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
                if restore is not None:
                    box.setDefaultButton(restore)  # the way back to the user's data
                box.exec()
                if restore is not None and box.clickedButton() is restore:
                    assert damaged is not None
                    choose_and_restore(damaged, parent)
                    continue  # open it again: restored, or the same question
                if box.clickedButton() is not choose:
                    return None
            else:
                if lock is not None and locks is not None:
                    locks.append(lock)
                return opened
        path, _ = QFileDialog.getSaveFileName(
            parent,
            translate("App", "Database file"),
            str(paths.data_dir()),
            translate("App", "Prospector database (*.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not path:
            return None
        url = to_url(path)


def attach_database(window: MainWindow, opened: OpenedDatabase) -> None:
    """Give the window its database: tidy the trash, then show the data."""
    from prospector.services import trash
    from ui.context import AppContext

    context = AppContext.open(opened.database, load_preferences())
    context.operations.write(trash.purge_expired, parent=window)
    window.attach(context)
    if opened.backup_path is not None:
        window.statusBar().showMessage(
            translate("App", "The database was updated; a backup is at %1").replace(
                "%1", str(opened.backup_path)
            ),
            15000,
        )


def build_window(opened: OpenedDatabase) -> MainWindow:
    """The main window on an open database, in one step (tests, self-test, benchmarks)."""
    window = MainWindow(preferences=load_preferences())
    attach_database(window, opened)
    return window


def run(database: str | None = None, language: str | None = None) -> int:
    """Start the application with its event loop; returns the exit code.

    The window appears first and says it is opening the database; the data follows as soon
    as the database is open, so a slow server or a large file never means a blank screen.
    """
    configure_logging()
    prefs = load_preferences()
    app = create_application()
    translators = install_translations(app, choose_language(language, prefs.language))
    _install_excepthook()
    window = MainWindow(preferences=prefs)
    opened: list[OpenedDatabase] = []
    locks: list[FileLock] = []

    def finish_start() -> None:
        try:
            url = resolve_database_url(database, prefs)
        except BadDatabaseUrl as exc:
            show_error(window, exc)
            app.exit(2)
            return
        result = open_interactively(url, window, locks)
        if result is None:
            app.exit(1)
            return
        opened.append(result)
        attach_database(window, result)

    def first_look() -> None:
        # The company list's first rows straight from a SQLite file while the database layer
        # still has to load (half a second), then the database opens as always.
        try:
            path = sqlite_file(resolve_database_url(database, prefs))
        except BadDatabaseUrl:
            path = None  # finish_start() says what is wrong with it
        if path is not None and window.show_first_look(path):
            AfterFirstPaint(window.data_surface(), finish_start, fallback_ms=250)
        else:
            finish_start()

    # The database opens once the window is on screen; never later than 250 ms from now.
    AfterFirstPaint(window, first_look, fallback_ms=250)
    window.show()
    ending = _close_on_termination(window)
    code = app.exec()
    del ending
    for result in opened:
        result.database.dispose()
    for lock in locks:
        lock.release()
    del translators
    return code


def self_test() -> int:
    """Migrate a temporary database, build the window offscreen, render it; 0 if all worked."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="prospector-self-test-") as folder:
        os.environ["PROSPECTOR_DATA_DIR"] = folder
        try:
            app = create_application()
            translators = install_translations(app, "de")
            if not translators:
                raise RuntimeError("no translations found")
            from prospector import i18n

            # The texts written without Qt (notes, exports, the command line) in German too.
            if i18n.translator("de")("ImportSummary", "1 row imported") == "1 row imported":
                raise RuntimeError("no German catalogue for texts written without the window")
            from prospector.schema import head_revision, open_database

            opened = open_database(to_url(str(Path(folder) / "self-test.sqlite")))
            try:
                window = build_window(opened)
                window.show()
                app.processEvents()
                image = window.grab().toImage()
                target = Path(folder) / "window.png"
                if image.isNull() or not image.save(str(target)) or target.stat().st_size < 1000:
                    raise RuntimeError("the window did not render")
                width, height = image.width(), image.height()
                window.close()
                pages = _print_check(Path(folder))
            finally:
                opened.database.dispose()
        except Exception as exc:
            print(f"self-test failed: {exc}", file=sys.stderr)
            return 1
    print(
        f"self-test passed: Prospector {__version__}, schema {head_revision()}, "
        f"window {width}x{height} rendered, {len(translators)} translations, "
        f"call list PDF of {pages} page(s), holidays of Bavaria"
    )
    return 0


def _print_check(folder: Path) -> int:
    """What the frozen build must carry for a call day: the embedded fonts, the holidays by
    state, the PDF viewer's library and the calendar writer; the pages written."""
    import datetime as dt

    from PySide6.QtPdf import QPdfDocument

    from prospector.call_day import CallDay
    from prospector.exchange.ics import calendar_bytes
    from prospector.reports.call_sheets import write_call_day
    from prospector.workdays import WorkCalendar

    if WorkCalendar("BY", "de").holiday(dt.date(2027, 1, 6)) is None:
        raise RuntimeError("no holidays for Bavaria")
    written = write_call_day(
        CallDay(dt.date(2027, 1, 7), "Jürgen Weiß", ()), folder / "calls.pdf", language="de"
    )
    document = QPdfDocument()
    if document.load(str(written.path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise RuntimeError("the call sheet PDF cannot be shown")
    if b"VCALENDAR" not in calendar_bytes([], name="self-test"):
        raise RuntimeError("no calendar writer")
    return written.pages
