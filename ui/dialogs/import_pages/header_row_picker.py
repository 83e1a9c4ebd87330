"""The first rows of a sheet, to choose the one that holds the column names."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from prospector.exchange.table_shape import header_text
from prospector.exchange.tables import CellValue, Row

MAX_COLUMNS = 30  # enough to recognise the row; the table is read with all its columns
MAX_TEXT = 60  # characters of a cell shown


class HeaderRowPicker(QGroupBox):
    """A small table of the sheet's first rows; `chosen` says which row the user took."""

    chosen = Signal(int)  # the row number as the user sees it in Excel

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._locale = QLocale()
        self._numbers: list[int] = []
        self.setTitle(self.tr("Row with the column names"))
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().hide()
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.table.cellDoubleClicked.connect(self._on_double_click)
        self.use_button = QPushButton()
        self.use_button.clicked.connect(self._use)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._on_selection()

    def show_rows(self, rows: list[tuple[int, Row]], current: int | None, hint: str) -> None:
        """Show these numbered rows and select the row `current` (if one of them)."""
        self.hint_label.setText(hint)
        self._numbers = [number for number, _row in rows]
        width = min(MAX_COLUMNS, max((len(row) for _number, row in rows), default=0))
        table = self.table
        table.clearContents()
        table.setRowCount(len(rows))
        table.setColumnCount(width)
        for position, (number, row) in enumerate(rows):
            header = QTableWidgetItem(self._locale.toString(number))
            table.setVerticalHeaderItem(position, header)
            for column, value in enumerate(row[:width]):
                text = self._text(value)
                item = QTableWidgetItem(text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…")
                item.setToolTip(text)
                table.setItem(position, column, item)
        table.resizeColumnsToContents()
        # As high as its rows, so that the page does not show an empty grid below them.
        frame = 2 * table.frameWidth() + table.horizontalScrollBar().sizeHint().height()
        table.setMaximumHeight(table.verticalHeader().length() + frame)
        table.clearSelection()
        if current in self._numbers:
            table.selectRow(self._numbers.index(current))
        self._on_selection()
        self.show()

    def selected_row(self) -> int | None:
        """The row number the user selected, as Excel shows it."""
        rows = self.table.selectionModel().selectedRows()
        return self._numbers[rows[0].row()] if rows else None

    def choose(self, number: int) -> None:
        """Take row `number` as the row of column names (what a double click does)."""
        self.table.selectRow(self._numbers.index(number))
        self._use()

    def _text(self, value: CellValue) -> str:
        """A cell as the user knows it: 2,5 in German; codes such as 95101 without grouping."""
        if isinstance(value, float) and not value.is_integer():
            return self._locale.toString(value, "g", 15)
        return header_text(value)

    def _on_selection(self) -> None:
        number = self.selected_row()
        self.use_button.setEnabled(number is not None)
        if number is None:
            self.use_button.setText(self.tr("&Use the selected row"))
        else:
            self.use_button.setText(
                self.tr("&Use row %1 as the column names").replace(
                    "%1", self._locale.toString(number)
                )
            )

    def _on_double_click(self, row: int, _column: int) -> None:
        self.choose(self._numbers[row])

    def _use(self) -> None:
        number = self.selected_row()
        if number is not None:
            self.chosen.emit(number)
