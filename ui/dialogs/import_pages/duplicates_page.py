"""Wizard page 3: what to do with a row whose company is already in the database."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from prospector.services.import_plan import OnDuplicate
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


class DuplicatesPage(QWizardPage):
    """Radio buttons for OnDuplicate, each with a sentence; skipping is the safe default."""

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
        self.group = QButtonGroup(self)
        self.buttons: dict[OnDuplicate, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(how)
        layout.addSpacing(12)
        for choice, name, sentence in CHOICES:
            button = QRadioButton(name())
            explanation = QLabel(sentence())
            explanation.setWordWrap(True)
            # Under the button's text, not under its circle.
            indent = button.style().pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
            explanation.setContentsMargins(indent + 8, 0, 0, 0)
            explanation.setBuddy(button)
            self.group.addButton(button)
            self.buttons[choice] = button
            layout.addWidget(button)
            layout.addWidget(explanation)
            layout.addSpacing(10)
        layout.addStretch(1)
        self.buttons[OnDuplicate.SKIP].setChecked(True)
        self.group.buttonToggled.connect(self._on_toggled)

    def choice(self) -> OnDuplicate:
        return next(c for c, b in self.buttons.items() if b.isChecked())

    def _on_toggled(self) -> None:
        self._state.on_duplicate = self.choice()

    def validatePage(self) -> bool:
        self._state.on_duplicate = self.choice()
        return True
