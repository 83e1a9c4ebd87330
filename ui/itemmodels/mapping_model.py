"""Table model of the import's column mapping: each file column, examples, and its field."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from prospector.exchange import values
from prospector.exchange.columns import BY_KEY, SEVERAL_COLUMN_KEYS, identifies_rows
from prospector.exchange.header_guess import NO_GUESS, ColumnGuess, How
from prospector.exchange.tables import Row
from prospector.import_texts import field_label
from ui.itemmodels.rows_model import AnyIndex, HeaderedModel

translate = QCoreApplication.translate

# The guess column comes last in the model; the view shows it beside the field.
HEADER_COLUMN, FIELD_COLUMN, SAMPLES_COLUMN, GUESS_COLUMN = range(4)
# The field column's role for "this field is a near miss, not certain" (bool).
UNCERTAIN_ROLE = Qt.ItemDataRole.UserRole + 1
UNCERTAIN_COLOUR = QColor("#fff3cd")  # a pale amber: look here before going on
# Any one of these lets a row name its company or person; without one nothing can be stored.
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


def guess_text(guess: ColumnGuess) -> str:
    """How sure a column's guess is, as the wizard shows it: '92 %', or that it is the
    mapping chosen last time; nothing for a column the user chose or that is ignored."""
    if guess.how is How.REMEMBERED:
        return translate("MappingModel", "as last time")
    if guess.how in (How.EXACT, How.SYNONYM, How.FUZZY):
        return translate("MappingModel", "%1 %").replace("%1", QLocale().toString(guess.confidence))
    return ""


def guess_tooltip(guess: ColumnGuess) -> str | None:
    if guess.how is How.FUZZY:
        return translate(
            "MappingModel", "Guessed from a similar name: \u201c%1\u201d. Check the examples."
        ).replace("%1", guess.like or "")
    if guess.how is How.REMEMBERED:
        return translate("MappingModel", "As you chose it last time for a file with these columns.")
    if guess.how in (How.EXACT, How.SYNONYM):
        return translate("MappingModel", "Recognised by the name of the column.")
    return None


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
    """Which field each column of the file fills, and how sure the guess was; a field is
    taken by one column at most, unless several may fill it (e-mail addresses, address
    lines)."""

    headers = (
        lambda: translate("MappingModel", "Column in the file"),
        lambda: translate("MappingModel", "Import as"),
        lambda: translate("MappingModel", "Examples from the file"),
        lambda: translate("MappingModel", "Recognised"),
    )

    # (field key, the header of the column it was taken from)
    field_moved = Signal(str, str)
    # (field key, how many columns fill it now)
    field_shared = Signal(str, int)
    mapping_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._samples: list[list[str]] = []
        self._mapping: list[str | None] = []
        self._guesses: list[ColumnGuess] = []

    def set_columns(
        self,
        headers: Sequence[str],
        samples: Sequence[Sequence[str]],
        mapping: Sequence[str | None],
        guesses: Sequence[ColumnGuess] = (),
    ) -> None:
        """The file's columns, their examples, their fields and, if guessed, how sure each
        guess is (a column whose field differs from its guess shows no guess)."""
        self.beginResetModel()
        self._headers = list(headers)
        self._samples = [list(s) for s in samples] + [[]] * (len(headers) - len(samples))
        self._mapping = [k if k in BY_KEY else None for k in mapping]
        self._mapping += [None] * (len(headers) - len(self._mapping))
        del self._mapping[len(headers) :]
        guessed = list(guesses) + [NO_GUESS] * (len(headers) - len(guesses))
        self._guesses = [
            g if g.key is not None and g.key == key else NO_GUESS
            for g, key in zip(guessed, self._mapping, strict=False)
        ]
        self.endResetModel()
        self.mapping_changed.emit()

    def guess_at(self, row: int) -> ColumnGuess:
        """How the field of column `row` was guessed; NO_GUESS once the user chose it."""
        return self._guesses[row]

    def mapping(self) -> tuple[str | None, ...]:
        return tuple(self._mapping)

    def field_at(self, row: int) -> str | None:
        return self._mapping[row]

    def header_at(self, row: int) -> str:
        return column_name(self._headers[row], row)

    def has_identifying_field(self) -> bool:
        return identifies_rows(self._mapping)

    def set_field(self, row: int, key: str | None) -> None:
        """Map column `row` to `key`; a column that had the field before loses it, unless
        several columns may fill the field."""
        if key is not None and key not in BY_KEY:
            raise ValueError(f"unknown field {key!r}")
        if self._mapping[row] == key:
            return
        shared = key is not None and key in self._mapping and key in SEVERAL_COLUMN_KEYS
        if key is not None and key in self._mapping and not shared:
            other = self._mapping.index(key)
            self._mapping[other] = None
            self._guesses[other] = NO_GUESS
            self._changed(other)
            self.field_moved.emit(key, self.header_at(other))
        self._mapping[row] = key
        self._guesses[row] = NO_GUESS  # the user's choice, not a guess any more
        self._changed(row)
        if shared and key is not None:
            self.field_shared.emit(key, self._mapping.count(key))
        self.mapping_changed.emit()

    def _changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, FIELD_COLUMN), self.index(row, GUESS_COLUMN))

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
        if column in (FIELD_COLUMN, GUESS_COLUMN) and role == UNCERTAIN_ROLE:
            return self._guesses[row].how is How.FUZZY
        if column == GUESS_COLUMN:
            return self._guess_data(self._guesses[row], role)
        return None

    def _guess_data(self, guess: ColumnGuess, role: int) -> Any:
        fuzzy = guess.how is How.FUZZY
        if role == Qt.ItemDataRole.DisplayRole:
            return guess_text(guess)
        if role == Qt.ItemDataRole.ToolTipRole:
            return guess_tooltip(guess)
        if role == Qt.ItemDataRole.BackgroundRole and fuzzy:
            return UNCERTAIN_COLOUR
        if role == Qt.ItemDataRole.ForegroundRole and fuzzy:
            return QColor("#664d03")  # dark amber: readable on the pale one
        if role == Qt.ItemDataRole.FontRole and fuzzy:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
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
