"""One qualification criterion: its question, open / met / not met, the evidence, who checked."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from prospector.enums import Criterion, CriterionStatus
from prospector.qualification import CriterionState
from prospector.services.qualification import NOTE_LIMIT, CriterionRecord
from ui.labels import criterion_status_label
from ui.widgets.form import (
    FieldProblems,
    add_row,
    combo_value,
    enum_combo,
    long_year_format,
    select_data,
    to_qdate,
)


class CriterionBox(QGroupBox):
    """The status and evidence of one criterion, and rows of its own below them."""

    changed = Signal()

    def __init__(
        self,
        criterion: Criterion,
        question: str,
        caption: str,
        problems: FieldProblems,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(question, parent)
        self.criterion = criterion
        self.setObjectName(f"criterion_{criterion.value}")
        self.status = enum_combo(CriterionStatus, criterion_status_label)
        self.status.setObjectName(f"status_{criterion.value}")
        self.evidence = QLineEdit()
        self.evidence.setObjectName(f"evidence_{criterion.value}")
        self.evidence.setMaxLength(NOTE_LIMIT)
        self.evidence.setPlaceholderText(self.tr("What shows it: who said what, and when"))
        self.checked = QLabel()
        self.checked.setObjectName(f"checked_{criterion.value}")
        self.form = QFormLayout(self)
        add_row(self.form, problems, criterion.value, caption, self.status)
        label = QLabel(self.tr("Evidence:"))
        label.setBuddy(self.evidence)
        self.form.addRow(label, self.evidence)
        self.form.addRow(self.checked)
        self.status.currentIndexChanged.connect(self._on_status)
        self.evidence.textChanged.connect(self.changed)
        self._on_status()

    def add_row(self, caption: str, widget: QWidget, *, below: bool = False) -> None:
        """A row of the criterion's own; `below`: the caption above a full-width field (a
        list whose lines are long)."""
        label = QLabel(caption)
        label.setBuddy(widget)
        if below:
            self.form.addRow(label)
            self.form.addRow(widget)
        else:
            self.form.addRow(label, widget)

    def show_record(self, record: CriterionRecord) -> None:
        select_data(self.status, record.status)
        self.evidence.setText(record.evidence)
        self.evidence.setCursorPosition(0)  # the start of a long note, not its end
        self.evidence.setToolTip(record.evidence)
        if record.on is None:
            self.checked.setText(self.tr("Not checked yet."))
            return
        locale = QLocale()
        day = locale.toString(to_qdate(record.on), long_year_format(locale))
        if record.by:
            text = self.tr("Checked on %1 by %2.").replace("%1", day).replace("%2", record.by)
        else:
            text = self.tr("Checked on %1.").replace("%1", day)
        self.checked.setText(text)

    def state(self) -> CriterionState:
        return CriterionState(combo_value(self.status, CriterionStatus), self.evidence.text())

    def set_status(self, status: CriterionStatus) -> None:
        select_data(self.status, status)

    def _on_status(self) -> None:
        # Met needs evidence: say so where it is typed.
        met = combo_value(self.status, CriterionStatus) is CriterionStatus.MET
        self.evidence.setPlaceholderText(
            self.tr("Required for met: who said what, and when")
            if met
            else self.tr("What shows it: who said what, and when")
        )
        self.changed.emit()
