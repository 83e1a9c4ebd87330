"""Wizard page 2: which field each column of the file fills."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from prospector.exchange.columns import JOINED_KEYS
from prospector.exchange.tables import Table
from prospector.import_texts import field_label
from prospector.services.import_mapping import guess_columns
from ui.context import AppContext
from ui.dialogs.import_pages.field_combo import FieldCombo, FieldDelegate
from ui.dialogs.import_pages.file_page import ERROR_STYLE
from ui.dialogs.import_pages.state import ImportState
from ui.itemmodels.mapping_model import (
    FIELD_COLUMN,
    GUESS_COLUMN,
    HEADER_COLUMN,
    SAMPLES_COLUMN,
    MappingModel,
    sample_values,
)


class ColumnsPage(QWizardPage):
    """Pre-filled from the names of the columns (or the mapping used last time for them); a
    field guessed from a similar name shows how sure the guess is and stands out."""

    def __init__(
        self, context: AppContext, state: ImportState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._operations = context.operations
        self._state = state
        self._table: Table | None = None  # the table the mapping below was made for
        self._locale = QLocale()
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(
            self.tr(
                "Choose for each column of the file what it holds. "
                "Columns set to \u201c\u2014 ignore \u2014\u201d are not imported."
            )
        )
        self.header_label = QLabel()
        self.header_label.setWordWrap(True)
        self.model = MappingModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(FIELD_COLUMN, FieldDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        # Rows as high as the combo in them, so that no combo is squeezed.
        self.view.verticalHeader().setDefaultSectionSize(FieldCombo().sizeHint().height() + 4)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(HEADER_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(FIELD_COLUMN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(SAMPLES_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(GUESS_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.moveSection(header.visualIndex(GUESS_COLUMN), header.visualIndex(FIELD_COLUMN) + 1)
        header.resizeSection(HEADER_COLUMN, 200)
        header.resizeSection(FIELD_COLUMN, 230)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.missing_label)

        self.model.field_moved.connect(self._on_field_moved)
        self.model.field_shared.connect(self._on_field_shared)
        self.model.mapping_changed.connect(self._on_mapping_changed)

    def combo(self, row: int) -> FieldCombo:
        """The field combo of the file's column `row`."""
        widget = self.view.indexWidget(self.model.index(row, FIELD_COLUMN))
        assert isinstance(widget, FieldCombo)
        return widget

    # -- wizard -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        table = self._state.table
        assert table is not None
        if table is self._table:
            return  # back from a later page: keep what the user chose
        self._table = table
        headers = table.headers
        guessed = self._operations.read(
            lambda session: guess_columns(session, headers), parent=self
        )
        guesses = guessed if guessed is not None else ()
        self.model.set_columns(
            headers,
            sample_values(table.rows, len(headers)),
            [g.key for g in guesses],
            guesses,
        )
        for row in range(self.model.rowCount()):
            self.view.openPersistentEditor(self.model.index(row, FIELD_COLUMN))
        self.status_label.clear()
        where = table.sheet or self._state.file_name
        self.header_label.setText(
            self.tr(
                "Headers found in row %1 of \u201c%2\u201d; %Ln rows of data below.",
                "",
                len(table.rows),
            )
            .replace("%1", self._locale.toString(table.header_row_number))
            .replace("%2", where)
        )

    def isComplete(self) -> bool:
        return self.model.has_identifying_field()

    def validatePage(self) -> bool:
        self._state.mapping = self.model.mapping()
        return True

    # -- slots ------------------------------------------------------------------------------

    def _on_field_moved(self, key: str, header: str) -> None:
        self.status_label.setText(
            self.tr(
                "\u201c%1\u201d can come from one column only; the column \u201c%2\u201d "
                "is now ignored."
            )
            .replace("%1", field_label(key))
            .replace("%2", header)
        )

    def _on_field_shared(self, key: str, columns: int) -> None:
        if key in JOINED_KEYS:
            text = self.tr(
                "\u201c%1\u201d now comes from %Ln columns, joined in their order.", "", columns
            )
        else:
            text = self.tr(
                "\u201c%1\u201d now comes from %Ln columns: the first filled one is stored, "
                "the others are kept with the record.",
                "",
                columns,
            )
        self.status_label.setText(text.replace("%1", field_label(key)))

    def _on_mapping_changed(self) -> None:
        if self.model.has_identifying_field():
            self.missing_label.clear()
            self.missing_label.hide()
        else:
            self.missing_label.setText(
                self.tr(
                    "Nothing identifies a row yet: choose the column that holds the company "
                    "name, the person's last name or full name, or the ID from an export."
                )
            )
            self.missing_label.show()
        self.completeChanged.emit()
