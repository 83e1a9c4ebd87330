"""The user guide in the window's language, opened at the part about the page in view."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from prospector import i18n, paths


class HelpWindow(QDialog):
    """Contents on the left, the guide on the right; stays open beside the main window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpWindow")
        self.setWindowTitle(self.tr("Prospector user guide"))
        self.setModal(False)
        self.resize(980, 720)
        self.sections = (
            ("start", self.tr("Getting started")),
            ("companies", self.tr("Companies")),
            ("company", self.tr("Editing a company")),
            ("contacts", self.tr("Contacts")),
            ("icp", self.tr("Ideal customer")),
            ("personas", self.tr("Personas")),
            ("planner", self.tr("Funnel planning")),
            ("qualify", self.tr("Qualifying leads")),
            ("pipeline", self.tr("Opportunities")),
            ("team", self.tr("Team and capacity")),
            ("nurturing", self.tr("Nurturing: activities and plans")),
            ("calendar", self.tr("Calendar")),
            ("callday", self.tr("Call day")),
            ("import", self.tr("Importing spreadsheets")),
            ("export", self.tr("Exporting")),
            ("undo", self.tr("Undo and redo")),
            ("trash", self.tr("Trash")),
            ("backups", self.tr("Backups and checks")),
            ("privacy", self.tr("Personal data")),
            ("keys", self.tr("Keyboard shortcuts")),
            ("settings", self.tr("Settings and language")),
        )
        self.contents = QListWidget()
        self.contents.setObjectName("helpContents")
        for anchor, title in self.sections:
            item = QListWidgetItem(title, self.contents)
            item.setData(Qt.ItemDataRole.UserRole, anchor)
        self.contents.setMaximumWidth(200)
        self.browser = QTextBrowser()
        self.browser.setObjectName("helpText")
        self.browser.setOpenExternalLinks(True)
        self.browser.setSource(QUrl.fromLocalFile(str(guide_path())))
        self.contents.currentRowChanged.connect(self._on_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.contents)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)

    def show_section(self, anchor: str) -> None:
        """Show the window at a part of the guide ("companies", "import" …)."""
        anchors = [a for a, _ in self.sections]
        self.contents.setCurrentRow(anchors.index(anchor) if anchor in anchors else 0)
        self.browser.scrollToAnchor(anchor)
        self.show()
        self.raise_()
        self.activateWindow()

    def current_section(self) -> str:
        item = self.contents.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else "start"

    def _on_row(self, row: int) -> None:
        if 0 <= row < len(self.sections):
            self.browser.scrollToAnchor(self.sections[row][0])


def guide_path(language: str | None = None) -> str:
    """The guide's HTML file in the language (English where there is none)."""
    folder = paths.resources_dir() / "help"
    found = folder / f"guide_{language or i18n.current_language()}.html"
    return str(found if found.exists() else folder / "guide_en.html")
