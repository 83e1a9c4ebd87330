"""The main window as a new user meets it: first-run page, sample data, menus, layout."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from prospector.services import companies
from prospector.settings import load_preferences
from ui.context import AppContext
from ui.main_window import MainWindow


def _window(qtbot: QtBot, context: AppContext) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_an_empty_database_opens_on_the_three_ways_in(qtbot: QtBot, context: AppContext) -> None:
    window = _window(qtbot, context)
    page = window.welcome_page
    assert window.pages.currentWidget() is page
    assert page.sample_button.isVisible()
    assert page.new_button.isEnabled()
    assert page.sample_button.isEnabled()
    assert not page.import_button.isEnabled()  # until the import exists
    assert window.count_label.text() == "0 companies"


def test_loading_the_sample_data_fills_the_company_list(qtbot: QtBot, context: AppContext) -> None:
    window = _window(qtbot, context)
    qtbot.mouseClick(window.welcome_page.sample_button, Qt.MouseButton.LeftButton)
    worker = window.current_worker
    assert worker is not None
    with qtbot.waitSignal(worker.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.companies_page, timeout=5000)
    with context.database.reading() as session:
        stored = companies.count_companies(session)
    assert stored >= 300
    assert window.companies_page.model.total == stored
    assert window.count_label.text() == f"{stored} companies"
    assert window.companies_page.model.rowCount() > 0


def test_menus_offer_the_main_actions_with_shortcuts(qtbot: QtBot, context: AppContext) -> None:
    window = _window(qtbot, context)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&View", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts[:3] == ["&New company…", "&Import spreadsheet…", "Load &sample data"]
    assert window.new_company_action.shortcut().toString() == "Ctrl+N"
    assert window.show_companies_action.shortcut().toString() == "Ctrl+2"


def test_window_geometry_and_columns_are_remembered(qtbot: QtBot, context: AppContext) -> None:
    window = _window(qtbot, context)
    window.resize(720, 520)
    window.companies_page.view.setColumnWidth(0, 333)
    window.close()
    prefs = load_preferences()
    assert prefs.window_geometry
    assert "companies" in prefs.layouts

    again = _window(qtbot, AppContext(database=context.database, preferences=prefs))
    assert again.size().width() == 720
    assert again.companies_page.view.columnWidth(0) == 333
