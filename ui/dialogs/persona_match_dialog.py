"""Suggest a persona for each contact by job title; the user confirms them one by one or all."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from prospector.services import personas
from ui.context import AppContext
from ui.itemmodels.suggestion_model import SuggestionModel
from ui.widgets.progress import ProgressDialogs


class PersonaMatchDialog(QDialog):
    """Reads the suggestions in the background, shows them with the confident ones ticked,
    and assigns the ticked ones in one transaction."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Match contacts to personas"))
        self._operations = context.operations
        self._job = context.operations.job(self)
        ProgressDialogs(self, self._job)
        self.assigned = 0

        self.summary = QLabel(self.tr("Reading the job titles…"))
        self.summary.setObjectName("matchSummary")
        self.summary.setWordWrap(True)
        self.model = SuggestionModel(self)
        self.view = QTableView()
        self.view.setObjectName("suggestions")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        char = self.fontMetrics().averageCharWidth()
        for column, width in enumerate((26, 28, 30, 18, 22)):
            self.view.setColumnWidth(column, width * char)

        self.all_button = QPushButton(self.tr("Tick &all"))
        self.all_button.clicked.connect(lambda: self.model.set_all(True))
        self.none_button = QPushButton(self.tr("Tick &none"))
        self.none_button.clicked.connect(lambda: self.model.set_all(False))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.assign_button = self.buttons.addButton(
            self.tr("Assign ticked"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.assign_button.setObjectName("assignTicked")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ticks = QHBoxLayout()
        ticks.addWidget(self.all_button)
        ticks.addWidget(self.none_button)
        ticks.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.buttons)
        self.resize(1100, 600)
        self.model.dataChanged.connect(self._update)
        self.model.modelReset.connect(self._update)
        self._update()

    def start(self) -> None:
        self._job.start(
            self.tr("Reading the job titles…"),
            personas.find_suggestions,
            self._on_found,
            on_cancelled=self.reject,
        )

    def _on_found(self, found: object) -> None:
        assert isinstance(found, list)
        self.model.set_rows(found)
        if not found:
            self.summary.setText(
                self.tr(
                    "No contact without a persona has a job title that fits one. Add titles "
                    "or keywords to the personas and try again."
                )
            )

    def _update(self) -> None:
        chosen = len(self.model.chosen())
        total = self.model.rowCount()
        if total:
            self.summary.setText(
                self.tr(
                    "%1 contacts without a persona fit one by their job title; %2 are ticked. "
                    "Certain matches (80 and more) are ticked already."
                )
                .replace("%1", QLocale().toString(total))
                .replace("%2", QLocale().toString(chosen))
            )
        self.assign_button.setEnabled(chosen > 0)
        for button in (self.all_button, self.none_button):
            button.setEnabled(total > 0)

    def accept(self) -> None:
        pairs = [(s.contact_id, s.persona_id) for s in self.model.chosen()]
        if not pairs:
            return
        outcome = self._operations.write(
            lambda db: personas.assign_personas(db, pairs), parent=self
        )
        if outcome is None:
            return
        self.assigned = outcome.value
        super().accept()

    @classmethod
    def ask(cls, context: AppContext, parent: QWidget | None = None) -> int:
        """How many contacts were given a persona (0 when the user cancelled)."""
        dialog = cls(context, parent)
        dialog.start()
        dialog.exec()
        return dialog.assigned
