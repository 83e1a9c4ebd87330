"""The report of "check the database": what each check found and what was repaired."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)


class CheckReportDialog(QDialog):
    """The headline in words, one line per check; for a damaged file, the way to a backup."""

    def __init__(self, lines: list[str], *, damaged: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Check the database"))
        self.setMinimumWidth(620)
        icon = QLabel()
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if damaged
            else QStyle.StandardPixmap.SP_DialogApplyButton
        )
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(32, 32))
        self.headline = QLabel(lines[0])
        self.headline.setWordWrap(True)
        self.headline.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # One line per check, selectable so that the report can be copied into an e-mail.
        self.details = QLabel("\n".join(line.strip() for line in lines[1:]))
        self.details.setFrameShape(QFrame.Shape.StyledPanel)
        self.details.setMargin(8)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setVisible(bool(lines[1:]))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.backups_button: QPushButton | None = None
        if damaged:
            self.backups_button = QPushButton(self.tr("&Backups…"))
            self.buttons.addButton(self.backups_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.backups_button.clicked.connect(self.accept)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.headline, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(self.minimumWidth(), self.heightForWidth(self.minimumWidth()))
