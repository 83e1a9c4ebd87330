"""The four criteria in four lines, for noting what a call showed without the full checklist."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from prospector.enums import Criterion, CriterionStatus
from prospector.qualification import CRITERIA, CriterionState
from prospector.services.qualification import NOTE_LIMIT, CriterionRecord
from ui.labels import criterion_status_label
from ui.widgets.form import FieldProblems, combo_value, enum_combo, select_data


class QuickCriteria(QWidget):
    """Status and evidence of each criterion, one line each, filled with what is stored;
    `changed()` tells whether the user altered any of them."""

    def __init__(self, problems: FieldProblems, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickCriteria")
        captions = {
            Criterion.AUTHORITY: self.tr("&Authority"),
            Criterion.NEED: self.tr("Nee&d"),
            Criterion.BUDGET: self.tr("B&udget"),
            Criterion.TIMING: self.tr("Timin&g"),
        }
        self.statuses: dict[Criterion, QComboBox] = {}
        self.evidence: dict[Criterion, QLineEdit] = {}
        self._read: dict[Criterion, CriterionState] = {c: CriterionState() for c in CRITERIA}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(2, 1)
        for row, criterion in enumerate(CRITERIA):
            status = enum_combo(CriterionStatus, criterion_status_label)
            status.setObjectName(f"quick_status_{criterion.value}")
            evidence = QLineEdit()
            evidence.setObjectName(f"quick_evidence_{criterion.value}")
            evidence.setMaxLength(NOTE_LIMIT)
            # Room for a sentence such as "Herr Weiß: Engpass in der Montage seit Mai".
            evidence.setMinimumWidth(evidence.fontMetrics().averageCharWidth() * 56)
            caption = QLabel(captions[criterion])
            caption.setBuddy(status)
            grid.addWidget(caption, row, 0)
            grid.addWidget(status, row, 1)
            grid.addLayout(problems.wrap(criterion.value, evidence), row, 2)
            self.statuses[criterion] = status
            self.evidence[criterion] = evidence
            status.currentIndexChanged.connect(self._on_status)
        self._on_status()

    def show_records(self, records: Mapping[Criterion, CriterionRecord]) -> None:
        """Show the stored criteria; what the user changes is measured against them."""
        for criterion in CRITERIA:
            record = records.get(criterion, CriterionRecord())
            select_data(self.statuses[criterion], record.status)
            self.evidence[criterion].setText(record.evidence)
            self.evidence[criterion].setCursorPosition(0)
            self.evidence[criterion].setToolTip(record.evidence)
        self._read = self.states()

    def states(self) -> dict[Criterion, CriterionState]:
        return {
            c: CriterionState(
                combo_value(self.statuses[c], CriterionStatus), self.evidence[c].text()
            )
            for c in CRITERIA
        }

    def changed(self) -> bool:
        return any(
            state.status is not self._read[c].status
            or state.evidence.strip() != self._read[c].evidence.strip()
            for c, state in self.states().items()
        )

    def focus(self, criterion: Criterion) -> None:
        self.evidence[criterion].setFocus()

    def _on_status(self) -> None:
        # Met needs evidence: say so where it is typed.
        for criterion in CRITERIA:
            met = combo_value(self.statuses[criterion], CriterionStatus) is CriterionStatus.MET
            self.evidence[criterion].setPlaceholderText(
                self.tr("Required for met: who said what") if met else self.tr("What shows it")
            )
