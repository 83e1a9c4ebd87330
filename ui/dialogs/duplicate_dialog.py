"""'Possible duplicate of …': open the existing company, merge, or keep both."""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from prospector.services.duplicates import DuplicateCandidate
from ui.labels import duplicate_reason_label


class DuplicateChoice(Enum):
    OPEN = "open"
    MERGE = "merge"
    KEEP_BOTH = "keep_both"
    BACK = "back"


class DuplicateDialog(QDialog):
    """Lists the look-alikes with why they look alike; the user picks what to do."""

    def __init__(
        self, name: str, candidates: Sequence[DuplicateCandidate], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.choice = DuplicateChoice.BACK
        self.setWindowTitle(self.tr("Possible duplicate"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr("\u201c%1\u201d looks like a company that is already there:").replace(
                "%1", name
            )
        )
        intro.setWordWrap(True)
        self.candidates = QListWidget()
        for candidate in candidates:
            place = " ".join(p for p in (candidate.postcode, candidate.city) if p)
            why = ", ".join(duplicate_reason_label(r) for r in candidate.reasons)
            text = f"{candidate.name}" + (f" \u2013 {place}" if place else "") + f"\n{why}"
            item = QListWidgetItem(text, self.candidates)
            item.setData(Qt.ItemDataRole.UserRole, candidate.id)
        self.candidates.setWordWrap(True)
        self.candidates.setCurrentRow(0)
        self.candidates.setMaximumHeight(self.fontMetrics().height() * 7)
        question = QLabel(
            self.tr(
                "Open the existing company instead, merge this one into it, or keep both "
                "as separate companies?"
            )
        )
        question.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.open_button = self.buttons.addButton(
            self.tr("&Open existing"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button = self.buttons.addButton(
            self.tr("&Merge…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.keep_button = self.buttons.addButton(
            self.tr("&Keep both"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = self.buttons.addButton(
            self.tr("&Back to editing"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.open_button.clicked.connect(lambda: self._choose(DuplicateChoice.OPEN))
        self.merge_button.clicked.connect(lambda: self._choose(DuplicateChoice.MERGE))
        self.keep_button.clicked.connect(lambda: self._choose(DuplicateChoice.KEEP_BOTH))
        self.back_button.clicked.connect(lambda: self._choose(DuplicateChoice.BACK))
        self.keep_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.candidates)
        layout.addWidget(question)
        layout.addWidget(self.buttons)
        self.candidates.setFocus()

    @classmethod
    def ask(
        cls, name: str, candidates: Sequence[DuplicateCandidate], parent: QWidget | None = None
    ) -> tuple[DuplicateChoice, int | None]:
        """What the user chose, and for open or merge the chosen existing company's id."""
        dialog = cls(name, candidates, parent)
        dialog.exec()
        return dialog.choice, dialog.chosen_id()

    def chosen_id(self) -> int | None:
        item = self.candidates.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _choose(self, choice: DuplicateChoice) -> None:
        self.choice = choice
        if choice is DuplicateChoice.BACK:
            self.reject()
        else:
            self.accept()
