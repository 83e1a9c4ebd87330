"""Helpers several test modules share (records to store are in factories)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QWidget
    from pytestqt.qtbot import QtBot

    from ui.context import AppContext
    from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]


def run_main(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`python main.py ARGS` as a user runs it, with its data folder in `data_dir` and never
    the database of the environment."""
    return run_python("main.py", *args, data_dir=data_dir)


def run_python(
    *args: str, data_dir: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`python ARGS` in the project folder, like run_main(), with `env` added."""
    environment = {**os.environ, "PROSPECTOR_DATA_DIR": str(data_dir), **(env or {})}
    environment.pop("PROSPECTOR_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_fair_list(path: Path, rows: int, first: int = 0, *, persons: bool = True) -> Path:
    """A trade-fair list as a CSV file: companies numbered from `first`, in Dresden, each
    with a phone number and (with `persons`) one contact."""
    header = "Firma;PLZ;Ort;Telefon" + (";Vorname;Nachname" if persons else "")
    lines = [header]
    for n in range(first, first + rows):
        line = f"Firma {n:05d} GmbH;01069;Dresden;0351 {4000000 + n}"
        lines.append(line + (f";Anna;Muster{n}" if persons else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main_window(qtbot: QtBot, context: AppContext) -> MainWindow:
    """The main window on the context, shown and exposed; closed when the test ends."""
    from ui.main_window import MainWindow

    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def when_modal(act: Callable[[QWidget], None]) -> list[str]:
    """Run `act` on the next modal window (a dialog or a message box) once the event loop
    shows it; the list gets a message box's text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[str] = []

    def run() -> None:
        widget = QApplication.activeModalWidget()
        assert widget is not None
        if isinstance(widget, QMessageBox):
            seen.append(widget.text())
        act(widget)

    QTimer.singleShot(0, run)
    return seen


def click(name: str) -> Callable[[QWidget], None]:
    """An act for when_modal: click the window's button of that object name."""
    from PySide6.QtWidgets import QPushButton

    def act(widget: QWidget) -> None:
        button = widget.findChild(QPushButton, name)
        assert button is not None, f"no button {name!r}"
        button.click()

    return act
