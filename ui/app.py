"""Build the application: QApplication, translations, database, main window."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from prospector import __version__, paths
from prospector.errors import DatabaseError
from prospector.logsetup import configure_logging
from prospector.schema import OpenedDatabase, head_revision, open_database
from prospector.settings import load_preferences, resolve_database_url, to_url
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.messages import describe
from ui.translations import choose_language, install_translations

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
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if QApplication.instance() is not None:
            QMessageBox.critical(None, translate("App", "Prospector"), describe(error))

    sys.excepthook = hook


def open_interactively(url: str, parent: QWidget | None = None) -> OpenedDatabase | None:
    """Open the database; on failure say why once and offer another file, else give up."""
    while True:
        try:
            return open_database(url)
        except DatabaseError as exc:
            log.warning("cannot open %s: %s", url, exc.message)
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                translate("App", "Prospector"),
                describe(exc),
                parent=parent,
            )
            choose = box.addButton(
                translate("App", "Choose another database…"), QMessageBox.ButtonRole.AcceptRole
            )
            box.addButton(translate("App", "Quit"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not choose:
                return None
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


def build_window(opened: OpenedDatabase) -> MainWindow:
    from prospector.services import trash

    with opened.database.writing() as session:
        purged = trash.purge_expired(session)
    if purged:
        log.info("removed %d companies that were in the trash for 30 days", purged)
    context = AppContext(database=opened.database, preferences=load_preferences())
    window = MainWindow(context)
    if opened.backup_path is not None:
        window.statusBar().showMessage(
            translate("App", "The database was updated; a backup is at %1").replace(
                "%1", str(opened.backup_path)
            ),
            15000,
        )
    return window


def run(database: str | None = None, language: str | None = None) -> int:
    """Start the application with its event loop; returns the exit code."""
    configure_logging()
    prefs = load_preferences()
    app = create_application()
    translators = install_translations(app, choose_language(language, prefs.language))
    _install_excepthook()
    try:
        url = resolve_database_url(database, prefs)
    except ValueError as exc:
        QMessageBox.warning(None, translate("App", "Prospector"), str(exc))
        return 2
    opened = open_interactively(url)
    if opened is None:
        return 1
    window = build_window(opened)
    window.show()
    code = app.exec()
    opened.database.dispose()
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
            finally:
                opened.database.dispose()
        except Exception as exc:
            print(f"self-test failed: {exc}", file=sys.stderr)
            return 1
    print(
        f"self-test passed: Prospector {__version__}, schema {head_revision()}, "
        f"window {width}x{height} rendered, {len(translators)} translations"
    )
    return 0
