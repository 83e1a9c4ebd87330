"""Table model of the import's column mapping: each file column, examples, and its field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from prospector.exchange import values
from prospector.exchange.columns import BY_KEY
from prospector.exchange.tables import Row
from ui.import_messages import field_label
from ui.itemmodels.rows_model import AnyIndex, HeaderedModel

translate = QCoreApplication.translate

HEADER_COLUMN, FIELD_COLUMN, SAMPLES_COLUMN = range(3)
# Any one of these lets a row name its company or person; without one nothing can be stored.
IDENTIFYING_FIELDS = ("name", "last_name", "full_name", "company_id")
SAMPLE_COUNT = 3
SAMPLE_SCAN_ROWS = 1_000  # enough to find examples of a sparse column, fast on 100k rows
SAMPLE_SEPARATOR = "  \u00b7  "


def ignore_label() -> str:
    return translate("MappingModel", "\u2014 ignore \u2014")


def column_name(header: str, index: int) -> str:
    """A header as the user sees it; a column without a name is called by its position."""
    return header or translate("MappingModel", "(column %1 without a name)").replace(
        "%1", str(index + 1)
    )


def sample_values(rows: Sequence[Row], width: int, count: int = SAMPLE_COUNT) -> list[list[str]]:
    """Up to `count` different, non-empty values per column, from the first rows of the file."""
    samples: list[list[str]] = [[] for _ in range(width)]
    for row in rows[:SAMPLE_SCAN_ROWS]:
        for index, cell in enumerate(row[:width]):
            found = samples[index]
            if len(found) < count and (text := values.text(cell)) and text not in found:
                found.append(text)
    return samples


class MappingModel(HeaderedModel):
    """Which field each column of the file fills; a field is taken by one column at most."""

    headers = (
        lambda: translate("MappingModel", "Column in the file"),
        lambda: translate("MappingModel", "Import as"),
        lambda: translate("MappingModel", "Examples from the file"),
    )

    # (field key, the header of the column it was taken from)
    field_moved = Signal(str, str)
    mapping_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._samples: list[list[str]] = []
        self._mapping: list[str | None] = []

    def set_columns(
        self,
        headers: Sequence[str],
        samples: Sequence[Sequence[str]],
        mapping: Sequence[str | None],
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._samples = [list(s) for s in samples] + [[]] * (len(headers) - len(samples))
        self._mapping = [k if k in BY_KEY else None for k in mapping]
        self._mapping += [None] * (len(headers) - len(self._mapping))
        del self._mapping[len(headers) :]
        self.endResetModel()
        self.mapping_changed.emit()

    def mapping(self) -> tuple[str | None, ...]:
        return tuple(self._mapping)

    def field_at(self, row: int) -> str | None:
        return self._mapping[row]

    def header_at(self, row: int) -> str:
        return column_name(self._headers[row], row)

    def has_identifying_field(self) -> bool:
        return any(key in IDENTIFYING_FIELDS for key in self._mapping)

    def set_field(self, row: int, key: str | None) -> None:
        """Map column `row` to `key`; a column that had the field before loses it."""
        if key is not None and key not in BY_KEY:
            raise ValueError(f"unknown field {key!r}")
        if self._mapping[row] == key:
            return
        if key is not None and key in self._mapping:
            other = self._mapping.index(key)
            self._mapping[other] = None
            self._changed(other)
            self.field_moved.emit(key, self.header_at(other))
        self._mapping[row] = key
        self._changed(row)
        self.mapping_changed.emit()

    def _changed(self, row: int) -> None:
        index = self.index(row, FIELD_COLUMN)
        self.dataChanged.emit(index, index)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == FIELD_COLUMN:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._headers):
            return None
        row, column = index.row(), index.column()
        key = self._mapping[row]
        if column == HEADER_COLUMN and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return self.header_at(row)
        if role == Qt.ItemDataRole.ForegroundRole and key is None:
            # An ignored column reads as switched off, whatever its examples say.
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        if column == FIELD_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return field_label(key) if key else ignore_label()
            if role == Qt.ItemDataRole.EditRole:
                return key
        if column == SAMPLES_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return SAMPLE_SEPARATOR.join(self._samples[row])
            if role == Qt.ItemDataRole.ToolTipRole and self._samples[row]:
                return "\n".join(self._samples[row])
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or index.column() != FIELD_COLUMN
            or not 0 <= index.row() < len(self._headers)
        ):
            return False
        key = value or None
        if key is not None and key not in BY_KEY:
            return False
        self.set_field(index.row(), key)
        return True
