"""A change made on one page reaches every other page through the one signal of changes."""

from __future__ import annotations

from collections.abc import Callable

import factories
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from prospector.changes import Changes
from prospector.db import Database
from ui.context import AppContext
from ui.main_window import MainWindow


def _answer_next_dialog(action: Callable[[QWidget], None]) -> None:
    def run() -> None:
        widget = QApplication.activeModalWidget()
        assert widget is not None
        action(widget)

    QTimer.singleShot(0, run)


def _type(text: str) -> Callable[[QWidget], None]:
    def enter(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(text)
        dialog.accept()

    return enter


def _yes(box: QWidget) -> None:
    assert isinstance(box, QMessageBox)
    box.button(QMessageBox.StandardButton.Yes).click()


def _listed(window: MainWindow) -> dict[str, tuple[str, ...]]:
    """The company list as shown: each name with its tags."""
    model = window.companies_page.model
    rows = (model.row_at(row) for row in range(model.rowCount()))
    return {row.name: row.tags for row in rows if row is not None}


def _select(window: MainWindow, names: set[str]) -> list[int]:
    page = window.companies_page
    selection = page.view.selectionModel()
    for row in range(page.model.rowCount()):
        found = page.model.row_at(row)
        if found is not None and found.name in names:
            selection.select(
                page.model.index(row, 0),
                selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
            )
    return page.selected_ids()


def test_bulk_tag_and_trash_refresh_the_other_pages_through_the_one_signal(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    factories.companies(db, "Alpha GmbH", "Beta KG", "Gamma AG", bulk=True)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    published: list[Changes] = []
    context.operations.changed.connect(published.append)
    trash_reloads: list[int] = []
    window.trash_page.count_changed.connect(trash_reloads.append)
    assert window.count_label.text() == "3 companies"
    assert window.navigation.item(10).text() == "Trash"

    chosen = _select(window, {"Alpha GmbH", "Gamma AG"})
    _answer_next_dialog(_type("Messe 2026"))
    window.companies_page.add_tags_selected()

    assert published == [Changes.to_companies(chosen, tags=True)]
    assert _listed(window) == {
        "Alpha GmbH": ("Messe 2026",),
        "Beta KG": (),
        "Gamma AG": ("Messe 2026",),
    }

    _answer_next_dialog(_yes)
    assert window.companies_page.trash_selected() == 2

    assert published[1:] == [Changes.to_companies(chosen, trash=True)]
    # The trash page and the status bar followed the signal; nobody reloaded them by hand.
    assert trash_reloads[-1] == 2
    assert sorted(window.trash_page.model.row_at(r).name for r in range(2)) == [
        "Alpha GmbH",
        "Gamma AG",
    ]
    assert window.navigation.item(10).text() == "Trash (2)"
    assert window.count_label.text() == "1 companies"
    assert _listed(window) == {"Beta KG": ()}
