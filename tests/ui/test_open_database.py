"""Starting on a bad database: one clear message, a way out, and the file left alone."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ui.app import open_interactively


def test_a_file_that_is_not_a_database_is_explained_and_left_alone(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "kunden.xlsx.sqlite"
    path.write_bytes(b"PK\x03\x04 not a database at all" * 100)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    seen: list[str] = []

    def quit_from_the_message() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        quit_button = next(b for b in box.buttons() if b.text() == "Quit")
        quit_button.click()

    QTimer.singleShot(0, quit_from_the_message)
    assert open_interactively(f"sqlite:///{path}") is None
    assert seen == [f"{path} is not a Prospector database. Choose another file or a new one."]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
