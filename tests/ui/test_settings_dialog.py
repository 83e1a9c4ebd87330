"""The settings dialog stores the database choice and the language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from prospector.settings import load_preferences
from ui.context import AppContext
from ui.dialogs.settings_dialog import SettingsDialog


def test_choosing_a_file_and_german_is_saved(
    qtbot: QtBot, sqlite_context: AppContext, tmp_path: Path
) -> None:
    dialog = SettingsDialog(sqlite_context)
    qtbot.addWidget(dialog)
    assert dialog.use_default.isChecked()
    dialog.use_file.setChecked(True)
    dialog.file_edit.setText(str(tmp_path / "firma.sqlite"))
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    saved = load_preferences()
    assert saved.database_url == f"sqlite:///{tmp_path / 'firma.sqlite'}"
    assert saved.language == "de"


def test_a_server_without_url_is_refused_with_a_message(
    qtbot: QtBot, sqlite_context: AppContext
) -> None:
    dialog = SettingsDialog(sqlite_context)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.use_server.setChecked(True)
    dialog.url_edit.setText("server-ohne-schema")
    dialog.accept()
    assert dialog.isVisible()
    assert "postgresql+psycopg://" in dialog.problem.text()
    assert load_preferences().database_url is None
