"""The start page: the ways in for an empty database, and where a filled one stands."""

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
    """Import a spreadsheet, load the sample data, or add a first company; with companies in
    the database, how many there are and the way to them."""

    import_requested = Signal()
    sample_requested = Signal()
    new_company_requested = Signal()
    companies_requested = Signal()
    help_requested = Signal()

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
                "the people in them who can decide, and the right time to call."
            )
        )
        intro.setWordWrap(True)
        self.state_label = QLabel()
        self.state_label.setObjectName("welcomeState")
        self.state_label.setWordWrap(True)

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
        self.companies_button = QCommandLinkButton(
            self.tr("Go to the companies"),
            self.tr("Search, filter and work through your list (Ctrl+2)."),
        )
        self.companies_button.clicked.connect(self.companies_requested)
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
        inner.addWidget(self.state_label)
        self.help_link = QLabel(
            '<a href="#guide">'
            + self.tr("New here? The user guide explains the first steps (F1).")
            + "</a>"
        )
        self.help_link.setObjectName("helpLink")
        self.help_link.linkActivated.connect(lambda _link: self.help_requested.emit())
        inner.addWidget(self.help_link)
        inner.addSpacing(8)
        for button in (
            self.companies_button,
            self.import_button,
            self.sample_button,
            self.new_button,
        ):
            inner.addWidget(button)
        self.show_total(0)

        # Stretches instead of an alignment flag: wrapped texts then get the height they need.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_total(self, total: int) -> None:
        """Say how many companies the database holds, or that it is empty."""
        if total:
            self.state_label.setText(
                self.tr("Your database holds %Ln companies. What would you like to do?", "", total)
            )
            self.import_button.setText(self.tr("Import another spreadsheet"))
        else:
            self.state_label.setText(
                self.tr("Your database is still empty. How would you like to start?")
            )
            self.import_button.setText(self.tr("Import a spreadsheet"))
        self.companies_button.setVisible(total > 0)
