"""The plumbing of table models: column headers, and rows held all at once (short lists)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

AnyIndex = QModelIndex | QPersistentModelIndex


class HeaderedModel(QAbstractTableModel):
    """A table whose columns are titled by `headers` (called each time: the language may
    change) and whose rows are numbered from 1."""

    headers: tuple[Callable[[], str], ...] = ()

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section]() if 0 <= section < len(self.headers) else None
        return section + 1 if 0 <= section < self.rowCount() else None


class RowsModel(HeaderedModel):
    """Rows replaced as a whole by set_rows(); subclasses give headers and data()."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []
        self._locale = QLocale()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def _row_of(self, index: AnyIndex) -> Any:
        """The row a cell of this table belongs to; None for a cell outside it."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self.headers):
            return None
        return self._rows[index.row()]
