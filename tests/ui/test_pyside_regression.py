"""PySide6 6.12.0 on Python 3.11 aborts after a few thousand void Qt calls; we must not ship it."""

from __future__ import annotations

import sys

from PySide6 import __version_info__ as pyside_version
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_the_installed_pyside6_is_not_the_crashing_combination() -> None:
    assert not (sys.version_info < (3, 12) and pyside_version[:2] >= (6, 12))


def test_twenty_thousand_void_qt_calls_do_not_abort(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    for i in range(20_000):
        label.setText(str(i))  # returns None: the call that used to drop a reference to None
        label.update()
    assert label.text() == "19999"
