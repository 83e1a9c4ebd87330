"""File → Import activities…: the file asked for, read in the background, its summary shown."""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import company
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from prospector.changes import Changes
from prospector.db import Database
from ui.activity_import import import_activities_file
from ui.context import AppContext


def test_the_chosen_file_is_imported_and_its_summary_shown(
    qtbot: QtBot,
    sqlite_db: Database,
    sqlite_context: AppContext,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    company(sqlite_db, "Müller Maschinenbau GmbH")
    plan = tmp_path / "anruf-plan.csv"
    plan.write_text(
        "Firma;Aktivität;Betreff;Fällig am\n"
        "Müller Maschinenbau GmbH;Anruf;Angebot nachfassen;07.12.2026 09:00\n"
        "Foo GmbH;Anruf;;08.12.2026\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(plan), ""))
    parent = QWidget()
    qtbot.addWidget(parent)
    job = sqlite_context.operations.job(parent)
    published: list[Changes] = []
    sqlite_context.operations.changed.connect(published.append)
    shown: list[str] = []

    def close_summary() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_summary)  # not up yet: the import runs in the background
            return
        shown.append(box.text())
        box.accept()

    worker = import_activities_file(parent, sqlite_context, job)
    assert worker is not None
    QTimer.singleShot(0, close_summary)
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert shown[0].splitlines() == [
        "anruf-plan.csv: 1 activity added, 1 skipped.",
        "",
        "Row 3: skipped: no company named \u201cFoo GmbH\u201d.",
    ]
    assert [changes.activities for changes in published] == [True]
