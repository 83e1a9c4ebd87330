"""Wizard page 3: rows for companies already there, rows with problems, persons alone."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from prospector.exchange.columns import finds_companies_by_mail
from prospector.services.import_plan import OnDuplicate, OnProblem
from ui.dialogs.import_pages.state import ImportState

translate = QCoreApplication.translate


# (choice, its name, the sentence under it)
CHOICES: tuple[tuple[OnDuplicate, Callable[[], str], Callable[[], str]], ...] = (
    (
        OnDuplicate.SKIP,
        lambda: translate("DuplicatesPage", "&Skip them"),
        lambda: translate(
            "DuplicatesPage",
            "The company in the database stays as it is; persons in the row are still added to it.",
        ),
    ),
    (
        OnDuplicate.FILL,
        lambda: translate("DuplicatesPage", "&Fill in empty fields"),
        lambda: translate(
            "DuplicatesPage",
            "Fields that are empty in the database are filled from the file; nothing already "
            "there is changed.",
        ),
    ),
    (
        OnDuplicate.OVERWRITE,
        lambda: translate("DuplicatesPage", "&Overwrite with the file's values"),
        lambda: translate(
            "DuplicatesPage",
            "Every value the file has replaces the one in the database; empty cells change "
            "nothing.",
        ),
    ),
    (
        OnDuplicate.KEEP,
        lambda: translate("DuplicatesPage", "&Keep both"),
        lambda: translate(
            "DuplicatesPage",
            "The row is stored as a new company next to the one already there. You can merge "
            "them later.",
        ),
    ),
)


# (choice, its name, the sentence under it)
PROBLEM_CHOICES: tuple[tuple[OnProblem, Callable[[], str], Callable[[], str]], ...] = (
    (
        OnProblem.IMPORT,
        lambda: translate("DuplicatesPage", "&Import them with notes"),
        lambda: translate(
            "DuplicatesPage",
            "A value that does not fit its field (a phone number without its area code, a "
            "country the program does not know) leaves the field empty; the value itself is "
            "kept in the record's notes.",
        ),
    ),
    (
        OnProblem.SKIP,
        lambda: translate("DuplicatesPage", "&Leave them out"),
        lambda: translate(
            "DuplicatesPage",
            "Only rows without any problem are imported; the others are listed at the end and "
            "can be saved to a file to correct them.",
        ),
    ),
)


class DuplicatesPage(QWizardPage):
    """Radio buttons for OnDuplicate and OnProblem, each with a sentence; skipping duplicates
    and importing problem rows with notes are the safe defaults."""

    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setTitle(self.tr("Companies already in the database"))
        self.setSubTitle(self.tr("What should happen to rows for companies you already have?"))
        how = QLabel(
            self.tr(
                "A row is taken for a company you already have when it has the same name and "
                "postcode, the same website or the same phone number, or the ID of an earlier "
                "export."
            )
        )
        how.setWordWrap(True)
        # The file's own repeats: one row per person is the usual layout of a list.
        self.inside = QLabel(
            self.tr(
                "Inside the file, rows that name the same company again become one company: "
                "the first row creates it, the later ones add their persons (with \u201cKeep "
                "both\u201d, each row stays a company of its own). Rows with keys of their own "
                "in another system (a customer number, a bank code) are different companies, "
                "even with the same name and place."
            )
        )
        self.inside.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(how)
        layout.addSpacing(6)
        layout.addWidget(self.inside)
        layout.addSpacing(12)
        self.group = QButtonGroup(self)
        self.buttons: dict[OnDuplicate, QRadioButton] = {}
        for choice, name, sentence in CHOICES:
            self.buttons[choice] = self._add_choice(layout, self.group, name(), sentence())
        problems = QLabel(self.tr("Rows with problems"))
        font = problems.font()
        font.setBold(True)
        problems.setFont(font)
        layout.addSpacing(6)
        layout.addWidget(problems)
        layout.addSpacing(6)
        self.problem_group = QButtonGroup(self)
        self.problem_buttons: dict[OnProblem, QRadioButton] = {}
        for problem_choice, name, sentence in PROBLEM_CHOICES:
            self.problem_buttons[problem_choice] = self._add_choice(
                layout, self.problem_group, name(), sentence()
            )
        self.mail_section = QWidget()
        section = QVBoxLayout(self.mail_section)
        section.setContentsMargins(0, 0, 0, 0)
        alone = QLabel(self.tr("Persons without a company"))
        alone.setFont(font)
        section.addWidget(alone)
        section.addSpacing(6)
        self.mail_box = QCheckBox(self.tr("Create &companies from e-mail domains"))
        mail_sentence = QLabel(
            self.tr(
                "A person whose row names no company gets the company of their business "
                "address: vertrieb@mueller-maschinenbau.de goes to “mueller-maschinenbau.de"
                "”, found by its website or created. Addresses of free-mail providers "
                "(gmail.com, web.de, gmx.de …) never make a company. Otherwise such "
                "persons are imported without a company."
            )
        )
        mail_sentence.setWordWrap(True)
        indent = self.mail_box.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth)
        mail_sentence.setContentsMargins(indent + 8, 0, 0, 0)
        section.addWidget(self.mail_box)
        section.addWidget(mail_sentence)
        layout.addWidget(self.mail_section)
        self.mail_box.toggled.connect(self._on_toggled)
        layout.addStretch(1)
        self.buttons[OnDuplicate.SKIP].setChecked(True)
        self.problem_buttons[OnProblem.IMPORT].setChecked(True)
        self.group.buttonToggled.connect(self._on_toggled)
        self.problem_group.buttonToggled.connect(self._on_toggled)

    @staticmethod
    def _add_choice(
        layout: QVBoxLayout, group: QButtonGroup, name: str, sentence: str
    ) -> QRadioButton:
        button = QRadioButton(name)
        explanation = QLabel(sentence)
        explanation.setWordWrap(True)
        # Under the button's text, not under its circle.
        indent = button.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
        explanation.setContentsMargins(indent + 8, 0, 0, 0)
        explanation.setBuddy(button)
        group.addButton(button)
        layout.addWidget(button)
        layout.addWidget(explanation)
        layout.addSpacing(10)
        return button

    def choice(self) -> OnDuplicate:
        return next(c for c, b in self.buttons.items() if b.isChecked())

    def problem_choice(self) -> OnProblem:
        return next(c for c, b in self.problem_buttons.items() if b.isChecked())

    def initializePage(self) -> None:
        # Only a file whose persons have e-mail addresses can find companies by them.
        self.mail_section.setVisible(finds_companies_by_mail(self._state.mapping))
        self._on_toggled()

    def _on_toggled(self) -> None:
        self._state.on_duplicate = self.choice()
        self._state.on_problem = self.problem_choice()
        self._state.companies_from_mail = (
            self.mail_box.isChecked() and not self.mail_section.isHidden()
        )

    def validatePage(self) -> bool:
        self._on_toggled()
        return True
