"""Wizard page 1: choose the file (and sheet); it is read in the background."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from prospector.exchange.errors import ReadError
from prospector.exchange.readers import first_rows, inspect_file, read_table
from prospector.exchange.tables import FileFormat, Row, SheetInfo, Table, WorkbookInfo
from prospector.progress import Progress
from ui.dialogs.import_pages.header_row_picker import HeaderRowPicker
from ui.dialogs.import_pages.state import ImportState
from ui.import_messages import read_error_text
from ui.messages import describe
from ui.operations import Operations, Work
from ui.widgets.progress import ProgressDialogs

translate = QCoreApplication.translate

ERROR_STYLE = "color: #c62828;"
PICK_ROWS = 10  # rows shown to choose the row of column names from


def file_filter() -> str:
    return translate("FilePage", "Excel and CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)")


def format_label(fmt: FileFormat) -> str:
    labels = {
        FileFormat.XLSX: translate("FilePage", "Excel workbook (.xlsx)"),
        FileFormat.XLSM: translate("FilePage", "Excel workbook with macros (.xlsm)"),
        FileFormat.XLS: translate("FilePage", "Excel 97–2003 workbook (.xls)"),
        FileFormat.ODS: translate("FilePage", "OpenDocument spreadsheet (.ods)"),
        FileFormat.CSV: translate("FilePage", "CSV text file"),
    }
    return labels[fmt]


def encoding_label(encoding: str) -> str:
    labels = {
        "utf-8": translate("FilePage", "UTF-8"),
        "utf-8-sig": translate("FilePage", "UTF-8 (with byte order mark)"),
        "cp1252": translate("FilePage", "Windows-1252 (Western European)"),
        "latin-1": translate("FilePage", "ISO 8859-1 (Western European)"),
        "iso-8859-1": translate("FilePage", "ISO 8859-1 (Western European)"),
        "utf-16": translate("FilePage", "UTF-16"),
    }
    return labels.get(encoding.lower(), encoding.upper())


def delimiter_label(delimiter: str) -> str:
    labels = {
        ";": translate("FilePage", "semicolon (;)"),
        ",": translate("FilePage", "comma (,)"),
        "\t": translate("FilePage", "tab"),
        "|": translate("FilePage", "vertical bar (|)"),
    }
    return labels.get(delimiter, delimiter)


def sheet_label(sheet: SheetInfo) -> str:
    text = sheet.name
    if sheet.looks_like_instructions:
        text = translate("FilePage", "%1 (instructions)").replace("%1", text)
    if sheet.hidden:
        text = translate("FilePage", "%1 (hidden)").replace("%1", text)
    return text


def instructions_tip() -> str:
    return translate(
        "FilePage",
        "This sheet holds instructions, not a table of records: it cannot be imported.",
    )


def error_text(error: BaseException) -> str:
    return read_error_text(error) if isinstance(error, ReadError) else describe(error)


@dataclass(frozen=True)
class SheetRead:
    """What reading a sheet gave: the file's sheets, and its table or why there is none."""

    info: WorkbookInfo
    table: Table | None = None
    error: ReadError | None = None
    # Rows to choose the row of column names from (none was found, or the user asked).
    rows: list[tuple[int, Row]] | None = None


def read_sheet(
    info: WorkbookInfo, sheet: str | None, progress: Progress, header_row: int | None = None
) -> SheetRead:
    """The sheet's table; without a row of column names, its first rows to choose one."""
    try:
        table = read_table(info, sheet, header_row=header_row, progress=progress)
    except ReadError as error:
        if error.code != "no_header":
            return SheetRead(info, error=error)
        rows = first_rows(info, sheet, count=PICK_ROWS, progress=progress)
        return SheetRead(info, error=error, rows=rows)
    if not table.rows:
        return SheetRead(info, error=ReadError("no_rows", info.path, row=table.header_row_number))
    return SheetRead(info, table)


class FilePage(QWizardPage):
    """Complete once the file's table is read; a file that cannot be read says why here."""

    def __init__(
        self, operations: Operations, state: ImportState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._locale = QLocale()
        self.setTitle(self.tr("Choose a spreadsheet"))
        self.setSubTitle(
            self.tr(
                "An Excel workbook or a CSV file with your companies and contacts, one per row. "
                "Title rows above the column names are skipped."
            )
        )
        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        # Only shows the path: keyboard focus goes to Choose… and Next, not into this field.
        self.path_edit.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.path_edit.setPlaceholderText(self.tr("No file chosen yet"))
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.format_label = QLabel()
        self.encoding_label = QLabel()
        self.delimiter_label = QLabel()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_combo.currentIndexChanged.connect(self._on_sheet_chosen)
        self.rows_label = QLabel()
        self.rows_label.setWordWrap(True)
        self.header_row_button = QPushButton(self.tr("Other &row…"))
        self.header_row_button.setToolTip(self.tr("Choose the row that holds the column names"))
        self.header_row_button.clicked.connect(self.pick_header_row)
        self.header_picker = HeaderRowPicker()
        self.header_picker.chosen.connect(self._on_header_row_chosen)
        self.header_picker.hide()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        sheet_row = QHBoxLayout()  # as wide as the sheet names, not as the window
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addStretch(1)
        found_row = QHBoxLayout()
        found_row.addWidget(self.rows_label, 1)
        found_row.addWidget(self.header_row_button)
        self.form = QFormLayout()
        self.form.addRow(self.tr("File:"), file_row)
        self.form.addRow(self.tr("Format:"), self.format_label)
        self.form.addRow(self.tr("Encoding:"), self.encoding_label)
        self.form.addRow(self.tr("Separator:"), self.delimiter_label)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        self.form.addRow(sheet_label, sheet_row)
        self.form.addRow(self.tr("Found:"), found_row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.error_label)
        layout.addWidget(self.header_picker)
        layout.addStretch(1)
        self._show_details(None, None)
        self.choose_button.setFocus()

        self.job = operations.job(self)
        self._progress = ProgressDialogs(self, self.job)
        self.job.finished.connect(self.completeChanged)

    # -- wizard -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        # A file dropped on the window comes with the wizard: read it at once.
        if self._state.path is not None and self._state.info is None and not self.job.busy:
            self.open_file(self._state.path)

    def isComplete(self) -> bool:
        return self._state.table is not None and not self.job.busy

    # -- slots ------------------------------------------------------------------------------

    def choose_file(self) -> None:
        start = str(self._state.path.parent) if self._state.path else str(Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Import spreadsheet"), start, file_filter()
        )
        if chosen:
            self.open_file(Path(chosen))

    def open_file(self, path: Path) -> None:
        """Find out what the file holds and read its (suggested) table."""
        state = self._state
        state.path, state.info, state.table = path, None, None
        self.path_edit.setText(str(path))
        self._show_details(None, None)
        self._show_error(None)
        self.header_picker.hide()

        def job(_db: object, progress: Progress) -> SheetRead:
            info = inspect_file(path, progress=progress)
            sheet = info.suggested_sheet if info.format.is_workbook else None
            return read_sheet(info, sheet, progress)

        self._start(self.tr("Reading %1…").replace("%1", path.name), job)

    def pick_header_row(self) -> None:
        """Show the sheet's first rows, to choose another row of column names."""
        info, table = self._state.info, self._state.table
        if info is None:
            return
        sheet = table.sheet if table is not None else self.sheet_combo.currentData()

        def job(_db: object, progress: Progress) -> SheetRead:
            rows = first_rows(info, sheet, count=PICK_ROWS, progress=progress)
            return SheetRead(info, table, rows=rows)

        self._start(self.tr("Reading the first rows…"), job)

    def _on_sheet_chosen(self, index: int) -> None:
        state = self._state
        sheet = self.sheet_combo.itemData(index)
        if state.path is None or state.info is None or sheet is None:
            return
        if state.table is not None and state.table.sheet == sheet:
            return
        info = state.info
        state.table = None
        self._show_error(None)
        self.rows_label.clear()
        self.header_picker.hide()

        def job(_db: object, progress: Progress) -> SheetRead:
            return read_sheet(info, sheet, progress)

        self._start(self.tr("Reading the sheet %1…").replace("%1", sheet), job)

    def _on_header_row_chosen(self, number: int) -> None:
        info = self._state.info
        if info is None:
            return
        sheet = self.sheet_combo.currentData() if info.format.is_workbook else None
        self._state.table = None
        self._show_error(None)

        def job(_db: object, progress: Progress) -> SheetRead:
            return read_sheet(info, sheet, progress, header_row=number)

        self._start(self.tr("Reading %1…").replace("%1", info.path.name), job)

    def _start(self, label: str, work: Work) -> None:
        self.job.start(
            label,
            work,
            self._on_read,
            on_failed=self._on_failed,
            on_cancelled=self._on_cancelled,
        )
        self.completeChanged.emit()

    def _on_read(self, result: object) -> None:
        assert isinstance(result, SheetRead)
        state = self._state
        state.info, state.table = result.info, result.table
        self._show_details(result.info, result.table)
        if result.rows is None:
            self.header_picker.hide()
            self._show_error(read_error_text(result.error) if result.error else None)
            return
        self._show_error(None)
        if result.table is None:
            hint = self.tr(
                "No row naming the columns was found at the top of the sheet. Choose the row "
                "that holds the column names; the rows below it are read as data."
            )
        else:
            hint = self.tr(
                "Choose the row that holds the column names; the rows below it are read as data."
            )
        current = result.table.header_row_number if result.table is not None else None
        self.header_picker.show_rows(result.rows, current, hint)

    def _on_failed(self, error: BaseException) -> None:
        self._state.info, self._state.table = None, None
        self._show_details(None, None)
        self.header_picker.hide()
        self._show_error(error_text(error))

    def _on_cancelled(self) -> None:
        self._state.table = None
        self._show_details(self._state.info, None)
        self._show_error(
            self.tr("Reading was cancelled. Choose the file or a sheet again to go on.")
        )

    # -- display ----------------------------------------------------------------------------

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def _show_details(self, info: WorkbookInfo | None, table: Table | None) -> None:
        csv = info is not None and info.format is FileFormat.CSV
        self.form.setRowVisible(1, info is not None)
        self.form.setRowVisible(2, csv)
        self.form.setRowVisible(3, csv and bool(info and info.delimiter))
        self.form.setRowVisible(4, info is not None and not csv)
        self.form.setRowVisible(5, table is not None)
        self.header_row_button.setEnabled(table is not None)
        if info is None:
            self.sheet_combo.blockSignals(True)
            self.sheet_combo.clear()
            self.sheet_combo.blockSignals(False)
            return
        self.format_label.setText(format_label(info.format))
        self.encoding_label.setText(encoding_label(info.encoding or ""))
        self.delimiter_label.setText(delimiter_label(info.delimiter or ""))
        self._fill_sheets(info, table)
        if table is not None:
            self.rows_label.setText(
                self.tr(
                    "%Ln rows of data; the column names are in row %1.", "", len(table.rows)
                ).replace("%1", self._locale.toString(table.header_row_number))
            )

    def _fill_sheets(self, info: WorkbookInfo, table: Table | None) -> None:
        """Data sheets first, instruction sheets last; the sheet read is the one selected."""
        current = table.sheet if table is not None else self.sheet_combo.currentData()
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        model = self.sheet_combo.model()
        for sheet in info.sheets:
            self.sheet_combo.addItem(sheet_label(sheet), sheet.name)
            if sheet.looks_like_instructions and isinstance(model, QStandardItemModel):
                # Listed, so that the user sees the sheet was looked at, but not choosable.
                item = model.item(self.sheet_combo.count() - 1)
                item.setEnabled(False)
                item.setToolTip(instructions_tip())
        found = self.sheet_combo.findData(current or info.suggested_sheet)
        self.sheet_combo.setCurrentIndex(max(found, 0))
        self.sheet_combo.blockSignals(False)
