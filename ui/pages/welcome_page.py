"""The first page of an empty database: three ways in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


class WelcomePage(QWidget):
    """Import a spreadsheet, load the sample data, or add a first company."""

    import_requested = Signal()
    sample_requested = Signal()
    new_company_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        title = QLabel(self.tr("Welcome to Prospector"))
        title.setObjectName("pageTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            self.tr(
                "Prospector helps you find the companies that fit your ideal customer, "
                "the people in them who can decide, and the right time to call. "
                "Your database is still empty. How would you like to start?"
            )
        )
        intro.setWordWrap(True)

        self.import_button = QCommandLinkButton(
            self.tr("Import a spreadsheet"),
            self.tr("Bring in your companies and contacts from Excel or CSV."),
        )
        self.sample_button = QCommandLinkButton(
            self.tr("Load the sample data"),
            self.tr("Explore Prospector with 320 fictitious German companies and their contacts."),
        )
        self.new_button = QCommandLinkButton(
            self.tr("Add a company"),
            self.tr("Start with your first target company and enter it by hand."),
        )
        self.import_button.clicked.connect(self.import_requested)
        self.sample_button.clicked.connect(self.sample_requested)
        self.new_button.clicked.connect(self.new_company_requested)

        card = QFrame()
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(680)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        inner = QVBoxLayout(card)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(8)
        for button in (self.import_button, self.sample_button, self.new_button):
            inner.addWidget(button)

        # Stretches instead of an alignment flag: wrapped texts then get the height they need.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
