"""Preferences of this machine: which database to use and the language."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from prospector import paths
from prospector.errors import BadDatabaseUrl
from prospector.settings import Preferences, to_url
from ui.context import AppContext


class SettingsDialog(QDialog):
    """Changes take effect at the next start; the dialog says so."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)
        prefs = context.preferences

        self.use_default = QRadioButton(self.tr("&Default file on this computer"))
        self.use_file = QRadioButton(self.tr("Another &file"))
        self.use_server = QRadioButton(self.tr("Shared &PostgreSQL server"))
        group = QButtonGroup(self)
        for button in (self.use_default, self.use_file, self.use_server):
            group.addButton(button)
        self.default_label = QLabel(str(paths.default_database_path()))
        self.default_label.setWordWrap(True)
        self.file_edit = QLineEdit()
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._on_browse)
        self.url_edit = QLineEdit()
        self.url_edit.setPlaceholderText("postgresql+psycopg://user:password@server/prospector")

        current = prefs.database_url or ""
        if not current:
            self.use_default.setChecked(True)
        elif current.startswith("sqlite:///"):
            self.use_file.setChecked(True)
            self.file_edit.setText(current.removeprefix("sqlite:///"))
        else:
            self.use_server.setChecked(True)
            self.url_edit.setText(current)

        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit)
        file_row.addWidget(browse)
        database_box = QGroupBox(self.tr("Database"))
        database_layout = QVBoxLayout(database_box)
        database_layout.addWidget(self.use_default)
        database_layout.addWidget(self.default_label)
        database_layout.addWidget(self.use_file)
        database_layout.addLayout(file_row)
        database_layout.addWidget(self.use_server)
        database_layout.addWidget(self.url_edit)

        self.language = QComboBox()
        self.language.addItem(self.tr("As the system"), None)
        self.language.addItem("Deutsch", "de")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        general = QFormLayout()
        general.addRow(self.tr("&Language"), self.language)

        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        note = QLabel(self.tr("Changes take effect when Prospector is started again."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(database_box)
        layout.addLayout(general)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        checked = group.checkedButton()
        if checked is not None:
            checked.setFocus()

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None) -> Preferences | None:
        """Show the dialog; the saved preferences, or None if cancelled."""
        dialog = cls(context, parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return context.preferences
        return None

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Database file"),
            self.file_edit.text() or str(paths.data_dir()),
            self.tr("Prospector database (*.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.file_edit.setText(path)
            self.use_file.setChecked(True)

    def chosen_database_url(self) -> str | None:
        """None for the default file; raises ValueError for an unusable entry."""
        if self.use_default.isChecked():
            return None
        text = self.file_edit.text() if self.use_file.isChecked() else self.url_edit.text()
        if not text.strip():
            raise ValueError("empty")
        if self.use_server.isChecked() and "://" not in text:
            raise ValueError("not a url")
        return to_url(text)

    def accept(self) -> None:
        try:
            url = self.chosen_database_url()
        except (ValueError, BadDatabaseUrl):
            self.problem.setText(
                self.tr("Enter a database file, or a server address such as %1.").replace(
                    "%1", "postgresql+psycopg://user@server/prospector"
                )
            )
            self.problem.show()
            return
        self._context.update_preferences(database_url=url, language=self.language.currentData())
        super().accept()
