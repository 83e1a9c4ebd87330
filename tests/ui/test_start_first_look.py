"""Start-up: the company list's first rows on screen before the database layer is loaded,
then the same page at work once the database is open."""

from __future__ import annotations

import json
import sqlite3
import textwrap
from pathlib import Path

import factories
import pytest
from helpers import run_python
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from prospector.company_filter import CompanyFilter
from prospector.db import Database
from prospector.records import CompanyInput
from prospector.schema import SCHEMA_HEAD, open_database
from prospector.services import company_query
from prospector.settings import Preferences, sqlite_file
from ui.app import attach_database
from ui.main_window import MainWindow
from ui.pages.companies_page import LAYOUT_KEY, CompaniesPage
from ui.pages.contacts_page import ContactsPage
from ui.pages.trash_page import TrashPage
from ui.pages.welcome_page import WelcomePage


@pytest.fixture
def path(sqlite_db: Database, sqlite_url: str) -> Path:
    factories.firms(sqlite_db)
    found = sqlite_file(sqlite_url)
    assert found is not None
    return found


def _window(qtbot: QtBot, preferences: Preferences | None = None) -> MainWindow:
    window = MainWindow(preferences=preferences or Preferences())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _first_look(qtbot: QtBot, path: Path, preferences: Preferences | None = None) -> MainWindow:
    window = _window(qtbot, preferences)
    assert window.show_first_look(path)
    return window


def _names(window: MainWindow) -> list[str]:
    model = window.companies_page.model
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_the_first_look_shows_the_rows_and_their_count_before_the_database_opens(
    qtbot: QtBot, path: Path, qtmodeltester: ModelTester
) -> None:
    window = _first_look(qtbot, path)
    page = window.companies_page
    assert window.pages.currentWidget() is page
    assert not page.attached
    assert _names(window) == [
        "Alpenblick Logistik AG",
        "Förde Druck KG",
        "Müller Maschinenbau GmbH",
    ]
    phone = page.model.index(0, 7).data()
    assert phone == "089 1234567"
    assert window.count_label.text() == "3 companies"
    assert window.database_label.text() == str(path)
    navigation = [window.navigation.item(i).text() for i in range(window.navigation.count())]
    assert navigation == [
        "Start",
        "Companies",
        "Contacts",
        "Ideal customer",
        "Personas",
        "Funnel planning",
        "Opportunities",
        "Team",
        "Calendar",
        "Call day",
        "Trash",
    ]
    # Nothing that needs the database can be started before it is open.
    assert not window.import_action.isEnabled()
    assert not window.find_action.isEnabled()
    qtmodeltester.check(page.model)


def test_after_the_first_look_the_same_page_works_on_the_open_database(
    qtbot: QtBot, path: Path, sqlite_url: str
) -> None:
    window = _first_look(qtbot, path)
    page = window.companies_page
    opened = open_database(sqlite_url)
    try:
        attach_database(window, opened)
        assert window.companies_page is page
        assert page.attached
        assert window.pages.currentWidget() is page
        assert window.find_action.isEnabled()
        assert isinstance(window.pages.widget(3), ContactsPage)
        assert isinstance(window.pages.widget(11), TrashPage)
        assert window.navigation.count() == 11
        page.set_filter(CompanyFilter(query="kiel"))
        assert _names(window) == ["Förde Druck KG"]
        assert window.count_label.text() == "1 of 3 companies"
        window.show_page(window.contacts_page)
        assert window.pages.currentWidget() is window.contacts_page
    finally:
        window.close()
        opened.database.dispose()


def test_the_first_look_reads_the_rows_in_the_remembered_order(
    qtbot: QtBot, path: Path, sqlite_db: Database
) -> None:
    factories.companies(
        sqlite_db, *(CompanyInput(name=f"Firma {n}", city=f"Stadt {n:02d}") for n in range(30))
    )
    sorted_by_city = CompaniesPage(preferences=Preferences())
    qtbot.addWidget(sorted_by_city)
    sorted_by_city.view.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # the city column
    preferences = Preferences(layouts={LAYOUT_KEY: sorted_by_city.header_state()})
    window = _first_look(qtbot, path, preferences)
    assert window.companies_page.model.sort_state() == ("city", True)
    with sqlite_db.reading() as session:
        expected = company_query.list_companies(session, sort="city", descending=True)
    assert _names(window) == [row.name for row in expected]
    assert _names(window)[0] == "Firma 29"


def test_rows_past_the_first_window_wait_for_the_database(
    qtbot: QtBot, sqlite_db: Database, sqlite_url: str
) -> None:
    factories.companies(sqlite_db, *(f"Firma {n:03d}" for n in range(230)), bulk=True)
    path = sqlite_file(sqlite_url)
    assert path is not None
    window = _first_look(qtbot, path)
    model = window.companies_page.model
    assert model.rowCount() == 230
    assert model.index(199, 0).data() == "Firma 199"
    assert model.index(229, 0).data() is None  # not read yet, and not remembered as empty
    opened = open_database(sqlite_url)
    try:
        attach_database(window, opened)
        assert model.index(229, 0).data() == "Firma 229"
    finally:
        window.close()
        opened.database.dispose()


def test_an_empty_database_shows_the_start_page_at_first_look(
    qtbot: QtBot, sqlite_db: Database, sqlite_url: str
) -> None:
    path = sqlite_file(sqlite_url)
    assert path is not None
    window = _first_look(qtbot, path)
    assert isinstance(window.pages.currentWidget(), WelcomePage)
    assert window.count_label.text() == "0 companies"


def test_a_database_of_another_revision_is_shown_once_it_is_open(
    qtbot: QtBot, path: Path, sqlite_url: str
) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'older'")
    window = _window(qtbot)
    assert not window.show_first_look(path)
    assert window.pages.currentWidget() is window.opening_label
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (SCHEMA_HEAD,))
    opened = open_database(sqlite_url)
    try:
        attach_database(window, opened)
        assert window.pages.currentWidget() is window.companies_page
        assert len(_names(window)) == 3
    finally:
        window.close()
        opened.database.dispose()


# The whole start as ui.app.run() does it, in a process of its own: what is loaded when the
# rows first paint, and that the window then gets its database.
_START = textwrap.dedent(
    """
    import json, sys
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
    from ui import app
    from ui.main_window import MainWindow

    seen = {}

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and "painted" not in seen:
                seen["painted"] = {
                    "database_layer": sorted(
                        m for m in ("sqlalchemy", "alembic", "prospector.models")
                        if m in sys.modules
                    ),
                    "rows": window.companies_page.model.rowCount(),
                    "first": window.companies_page.model.index(0, 0).data(),
                    "attached": window.companies_page.attached,
                }
            return False

    painted = Painted()

    class Watched(MainWindow):
        def show_first_look(self, path):
            global window
            window = self
            shown = super().show_first_look(path)
            seen["first_look"] = shown
            if shown:
                self.data_surface().installEventFilter(painted)
            return shown

        def attach(self, context):
            super().attach(context)
            seen["attached_rows"] = self.companies_page.model.rowCount()
            QTimer.singleShot(0, QCoreApplication.quit)

    app.MainWindow = Watched
    code = app.run(database=sys.argv[1], language="en")
    print(json.dumps({"code": code, **seen}))
    """
)


def test_starting_on_a_filled_database_paints_rows_before_the_database_layer_loads(
    path: Path, tmp_path: Path
) -> None:
    done = run_python(
        "-c", _START, str(path), data_dir=tmp_path / "data", env={"QT_QPA_PLATFORM": "offscreen"}
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["code"] == 0
    assert seen["first_look"] is True
    assert seen["painted"] == {
        "database_layer": [],
        "rows": 3,
        "first": "Alpenblick Logistik AG",
        "attached": False,
    }
    assert seen["attached_rows"] == 3
