"""Table model over persona suggestions, each with a box to tick for confirming it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt

from prospector.services.personas import Suggestion
from ui.itemmodels.rows_model import AnyIndex, RowsModel

translate = QCoreApplication.translate

# Ticked at first: a whole title or all of its words in a longer one (see persona_match).
CONFIDENT = 80

COLUMNS: tuple[tuple[Callable[[], str], Callable[[Suggestion], Any]], ...] = (
    (lambda: translate("SuggestionModel", "Contact"), lambda s: s.contact_name),
    (lambda: translate("SuggestionModel", "Company"), lambda s: s.company_name),
    (lambda: translate("SuggestionModel", "Job title"), lambda s: s.job_title),
    (lambda: translate("SuggestionModel", "Persona"), lambda s: s.persona_name),
    (lambda: translate("SuggestionModel", "Matches"), lambda s: s.reason),
    (lambda: translate("SuggestionModel", "Certainty"), lambda s: s.score),
)
CHECK = int(Qt.ItemDataRole.CheckStateRole)
DISPLAY = int(Qt.ItemDataRole.DisplayRole)


class SuggestionModel(RowsModel):
    """All suggestions at once (one per contact without a persona); the first column's box
    says whether the user confirms it."""

    headers = tuple(header for header, _ in COLUMNS)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ticked: list[bool] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._ticked = [row.score >= CONFIDENT for row in rows]
        super().set_rows(rows)

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        row = self._row_of(index)
        if row is None:
            return None
        if role == CHECK and index.column() == 0:
            ticked = self._ticked[index.row()]
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == DISPLAY:
            value = COLUMNS[index.column()][1](row)
            return self._locale.toString(value) if isinstance(value, int) else value
        if role == int(Qt.ItemDataRole.TextAlignmentRole) and index.column() == len(COLUMNS) - 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        found = super().flags(index)
        if index.isValid() and index.column() == 0:
            found |= Qt.ItemFlag.ItemIsUserCheckable
        return found

    def setData(self, index: AnyIndex, value: Any, role: int = CHECK) -> bool:
        if role != CHECK or index.column() != 0 or self._row_of(index) is None:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self._ticked[index.row()] = state == Qt.CheckState.Checked
        self.dataChanged.emit(index, index, [CHECK])
        return True

    def set_all(self, ticked: bool) -> None:
        self._ticked = [ticked] * len(self._rows)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 0), [CHECK])

    def chosen(self) -> list[Suggestion]:
        return [row for row, ticked in zip(self._rows, self._ticked, strict=True) if ticked]

    def row_at(self, row: int) -> Suggestion:
        found: Suggestion = self._rows[row]
        return found
