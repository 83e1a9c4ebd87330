"""A page reads a change at once while in sight, else once when it is next shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from ui.pages.read_when_shown import ReadWhenShown


class Page(QWidget):
    def __init__(self, *, stale: bool = True) -> None:
        super().__init__()
        self.reads = 0
        self.holding = False
        self.reading = ReadWhenShown(self, self.read, stale=stale, held=lambda: self.holding)

    def read(self) -> None:
        self.reads += 1
        self.reading.stale = False

    def showEvent(self, event: object) -> None:
        self.reading.shown()


def test_a_page_never_shown_reads_nothing_and_reads_once_when_first_shown(qtbot: QtBot) -> None:
    page = Page()
    qtbot.addWidget(page)
    page.reading.changed()
    page.reading.changed()
    assert page.reads == 0
    page.show()
    assert page.reads == 1
    page.hide()
    page.show()
    assert page.reads == 1  # nothing changed while hidden


def test_a_change_in_sight_is_read_at_once_and_one_while_hidden_when_shown(qtbot: QtBot) -> None:
    page = Page(stale=False)
    qtbot.addWidget(page)
    page.show()
    assert page.reads == 0
    page.reading.changed()
    assert page.reads == 1
    page.hide()
    page.reading.changed()
    assert page.reads == 1
    assert page.reading.stale
    page.show()
    assert page.reads == 2
    assert not page.reading.stale


def test_while_held_a_change_waits_even_in_sight(qtbot: QtBot) -> None:
    page = Page(stale=False)
    qtbot.addWidget(page)
    page.show()
    page.holding = True
    page.reading.changed()
    page.hide()
    page.show()
    assert page.reads == 0
    assert page.reading.stale
    page.holding = False
    page.hide()
    page.show()
    assert page.reads == 1
