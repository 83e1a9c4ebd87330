"""Merge two records of one company: pick each differing value, then move everything over."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from prospector.normalize import phone_for_display
from prospector.records import CompanyRecord
from prospector.services import merge
from prospector.services.merge import MergePlan
from ui.context import AppContext
from ui.labels import (
    activity_type_label,
    company_field_label,
    company_structure_label,
    stage_label,
)


class MergeDialog(QDialog):
    """Shows both records side by side; the first one is kept, the second merged into it."""

    def __init__(
        self, context: AppContext, keep_id: int, other_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self.merged_id: int | None = None
        self.setWindowTitle(self.tr("Merge companies"))
        self.setMinimumWidth(640)
        self.choices: dict[str, tuple[QRadioButton, QRadioButton]] = {}
        self._body = QVBoxLayout()
        self.swap_button = QPushButton(self.tr("&Keep the other one instead"))
        self.swap_button.clicked.connect(self.swap)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.addButton(
            self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self._body)
        layout.addWidget(self.swap_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        self.plan: MergePlan | None = None
        self._load(keep_id, other_id)
        self.merge_button.setFocus()

    @classmethod
    def ask(
        cls, context: AppContext, keep_id: int, other_id: int, parent: QWidget | None = None
    ) -> int | None:
        """The id of the merged company, or None if the user cancelled."""
        dialog = cls(context, keep_id, other_id, parent)
        if dialog.plan is None:
            return None
        return dialog.merged_id if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _load(self, keep_id: int, other_id: int) -> None:
        self.plan = self._operations.read(
            lambda session: merge.plan_merge(session, keep_id, other_id), parent=self
        )
        if self.plan is not None:
            self._show(self.plan)

    def _show(self, plan: MergePlan) -> None:
        while self._body.count():
            item = self._body.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.choices = {}
        summary = QLabel(
            self.tr(
                "\u201c%1\u201d is kept. The contacts, history, opportunities and tags of "
                "\u201c%2\u201d move to it, empty fields are filled from it, and then it is "
                "deleted. Notes of both are kept."
            )
            .replace("%1", plan.keep.name)
            .replace("%2", plan.other.name)
        )
        summary.setWordWrap(True)
        self._body.addWidget(summary)
        conflicts = [name for name in plan.conflicts if name != "notes"]
        if not conflicts:
            self._body.addWidget(QLabel(self.tr("The two records do not contradict each other.")))
            return
        intro = QLabel(self.tr("Where they differ, choose the value to keep:"))
        self._body.addWidget(intro)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        for row, name in enumerate(conflicts):
            grid.addWidget(QLabel(company_field_label(name)), row, 0)
            # A '&' in a value would turn into a keyboard shortcut on a button.
            mine = QRadioButton(self._text(plan.keep, name).replace("&", "&&"))
            theirs = QRadioButton(self._text(plan.other, name).replace("&", "&&"))
            mine.setChecked(True)
            group = QButtonGroup(grid_host)
            group.addButton(mine)
            group.addButton(theirs)
            grid.addWidget(mine, row, 1)
            grid.addWidget(theirs, row, 2)
            self.choices[name] = (mine, theirs)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self._body.addWidget(scroll)

    def _text(self, record: CompanyRecord, name: str) -> str:
        value = getattr(record, name)
        if name == "phone" and value:
            return str(phone_for_display(value))
        if isinstance(value, Decimal):
            return QLocale().toString(float(value), "f", 2)
        if isinstance(value, int):
            return QLocale().toString(value)
        if isinstance(value, StrEnum):
            labels: dict[str, Callable[[Any], str]] = {
                "structure": company_structure_label,
                "activity_type": activity_type_label,
                "stage": stage_label,
            }
            label = labels.get(name)
            return label(value) if label else str(value)
        return str(value)

    def choose_other(self, name: str) -> None:
        """Take the merged-in record's value for `name` (what a click on its radio does)."""
        self.choices[name][1].setChecked(True)

    def swap(self) -> None:
        if self.plan is not None:
            self._load(self.plan.other.id, self.plan.keep.id)

    def accept(self) -> None:
        if self.plan is None:
            return
        take = {name: pair[1].isChecked() for name, pair in self.choices.items()}
        plan = self.plan
        merged = self._operations.write(
            lambda db: merge.merge_companies(db, plan, take), parent=self
        )
        if merged is not None:
            self.merged_id = merged.value.id
            super().accept()
