"""The main window as a new user meets it: first-run page, sample data, menus, layout."""

from __future__ import annotations

from pathlib import Path

import factories
import openpyxl
import pytest
from helpers import main_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.records import CompanyInput
from prospector.services import companies
from prospector.settings import load_preferences
from ui.context import AppContext


def test_an_empty_database_opens_on_the_three_ways_in(qtbot: QtBot, context: AppContext) -> None:
    window = main_window(qtbot, context)
    page = window.welcome_page
    assert window.pages.currentWidget() is page
    assert page.sample_button.isVisible()
    assert page.new_button.isEnabled()
    assert page.sample_button.isEnabled()
    assert page.import_button.isEnabled()
    assert window.count_label.text() == "0 companies"


def test_loading_the_sample_data_fills_the_company_list(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    window = main_window(qtbot, context)
    qtbot.mouseClick(window.welcome_page.sample_button, Qt.MouseButton.LeftButton)
    worker = window.current_worker
    assert worker is not None
    with qtbot.waitSignal(worker.finished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.companies_page, timeout=5000)
    with db.reading() as session:
        stored = companies.count_companies(session)
    assert stored >= 300
    assert window.companies_page.model.total == stored
    assert window.count_label.text() == f"{stored} companies"
    assert window.companies_page.model.rowCount() > 0


def test_menus_offer_the_main_actions_with_shortcuts(qtbot: QtBot, context: AppContext) -> None:
    window = main_window(qtbot, context)
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&View", "&Activities", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts[:8] == [
        "&New company…",
        "New &contact…",
        "&Import spreadsheet…",
        "Import &history…",
        "Import acti&vities…",
        "&Export…",
        "Save import &template…",
        "Load &sample data",
    ]
    assert window.new_company_action.shortcut().toString() == "Ctrl+N"
    view_menu = window.menuBar().actions()[2].menu()
    assert isinstance(view_menu, QMenu)
    assert [(a.text(), a.shortcut().toString()) for a in view_menu.actions()] == [
        ("&Start", "Ctrl+1"),
        ("&Companies", "Ctrl+2"),
        ("C&ontacts", "Ctrl+3"),
        ("&Ideal customer", "Ctrl+4"),
        ("&Personas", "Ctrl+5"),
        ("&Funnel planning", "Ctrl+6"),
        ("Opport&unities", "Ctrl+7"),
        ("T&eam", "Ctrl+8"),
        ("Ca&lendar", "Ctrl+K"),
        ("C&all day", "Ctrl+T"),
        ("&Trash", "Ctrl+9"),
    ]
    activities_menu = window.menuBar().actions()[3].menu()
    assert isinstance(activities_menu, QMenu)
    assert [a.text() for a in activities_menu.actions()] == [
        "&Nurturing plans…",
        "&Export calendar…",
    ]


def test_window_geometry_and_columns_are_remembered(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    window = main_window(qtbot, context)
    window.resize(760, 600)
    window.companies_page.view.setColumnWidth(0, 333)
    window.close()
    prefs = load_preferences()
    assert prefs.window_geometry
    assert "companies" in prefs.layouts

    again = main_window(qtbot, AppContext.open(db, prefs))
    assert again.size().width() == 760
    assert again.companies_page.view.columnWidth(0) == 333


def test_ctrl_f_searches_and_the_status_bar_counts_n_of_total(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    factories.companies(db, "Alpha GmbH", "Beta GmbH", bulk=True)
    window = main_window(qtbot, context)
    assert window.count_label.text() == "2 companies"
    window.show_page(window.welcome_page)
    window.find_action.trigger()
    search = window.companies_page.filter_bar.search
    assert window.pages.currentWidget() is window.companies_page
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    qtbot.keyClicks(search, "beta")
    qtbot.waitUntil(lambda: window.count_label.text() == "1 of 2 companies", timeout=3000)


def test_undo_brings_back_what_was_moved_to_the_trash(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    factories.companies(db, "Gamma GmbH", bulk=True)
    window = main_window(qtbot, context)
    page = window.companies_page
    page.view.selectRow(0)

    def confirm() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, confirm)
    assert page.trash_selected() == 1
    assert window.count_label.text() == "0 companies"
    assert window.navigation.item(10).text() == "Trash (1)"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo: 1 companies moved to the trash"
    window.undo_action.trigger()
    assert window.count_label.text() == "1 companies"
    assert window.navigation.item(10).text() == "Trash"
    assert window.redo_action.text() == "&Redo: 1 companies moved to the trash"
    window.redo_action.trigger()
    assert window.count_label.text() == "0 companies"
    assert window.navigation.item(10).text() == "Trash (1)"


def test_export_writes_the_current_view_to_a_workbook(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    factories.companies(
        db,
        CompanyInput(name="Alpha GmbH", state="Sachsen"),
        CompanyInput(name="Beta GmbH", state="Bayern"),
        bulk=True,
    )
    window = main_window(qtbot, context)
    window.companies_page.filter_bar.state.set_selected(["Bayern"])
    target = tmp_path / "bayern.xlsx"
    # The file chooser is the platform's own dialog: answer it the way a user would.
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    worker = window.export_companies()
    assert worker is not None
    with qtbot.waitSignal(worker.finished, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: "bayern.xlsx" in window.statusBar().currentMessage(), timeout=5000)
    assert window.statusBar().currentMessage().startswith("Exported 1 companies")
    workbook = openpyxl.load_workbook(target, read_only=True)
    try:
        rows = workbook["Unternehmen"].iter_rows(min_row=2, values_only=True)
        names = [row[1] for row in rows]
    finally:
        workbook.close()
    assert names == ["Beta GmbH"]
