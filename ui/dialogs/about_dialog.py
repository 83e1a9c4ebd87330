"""About Prospector: version, purpose, where the data lives."""

from __future__ import annotations

import sys
from html import escape

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from prospector import __version__, paths


class AboutDialog(QDialog):
    def __init__(self, database_location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Prospector"))
        text = QLabel()
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setText(
            (
                "<h2>Prospector {version}</h2><p>{purpose}</p><p>{database}: {location}<br>"
                "{log}: {log_path}</p>"
                "<p><small>Python {python} · Qt for Python {pyside}</small></p>"
            ).format(
                version=__version__,
                purpose=self.tr(
                    "Plan your B2B prospecting: target companies, the ideal customer, "
                    "people who can decide, qualified leads and the next call."
                ),
                database=self.tr("Database"),
                location=escape(database_location),
                log=self.tr("Log file"),
                log_path=escape(str(paths.log_path())),
                python=sys.version.split()[0],
                pyside=pyside_version,
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setFocus()
        self.setMinimumWidth(460)

    @classmethod
    def ask(cls, database_location: str, parent: QWidget | None = None) -> None:
        cls(database_location, parent).exec()
