"""Wizard page 1: choose the file (and sheet); it is read in the background."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
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
from prospector.exchange.readers import inspect_file, read_table
from prospector.exchange.tables import FileFormat, SheetInfo, Table, WorkbookInfo
from prospector.progress import Progress
from ui.dialogs.import_pages.state import ImportState
from ui.import_messages import read_error_text
from ui.messages import describe
from ui.operations import Operations, Work
from ui.widgets.progress import ProgressDialogs

translate = QCoreApplication.translate

ERROR_STYLE = "color: #c62828;"


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


def error_text(error: BaseException) -> str:
    return read_error_text(error) if isinstance(error, ReadError) else describe(error)


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
        self.form = QFormLayout()
        self.form.addRow(self.tr("File:"), file_row)
        self.form.addRow(self.tr("Format:"), self.format_label)
        self.form.addRow(self.tr("Encoding:"), self.encoding_label)
        self.form.addRow(self.tr("Separator:"), self.delimiter_label)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        self.form.addRow(sheet_label, sheet_row)
        self.form.addRow(self.tr("Found:"), self.rows_label)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(8)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self._show_details(None, None)

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

        def job(_db: object, progress: Progress) -> tuple[WorkbookInfo, Table]:
            info = inspect_file(path, progress=progress)
            sheet = info.suggested_sheet if info.format.is_workbook else None
            return info, read_table(info, sheet, progress=progress)

        self._start(self.tr("Reading %1…").replace("%1", path.name), job)

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

        def job(_db: object, progress: Progress) -> tuple[WorkbookInfo, Table]:
            return info, read_table(info, sheet, progress=progress)

        self._start(self.tr("Reading the sheet %1…").replace("%1", sheet), job)

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
        assert isinstance(result, tuple)
        info, table = result
        self._state.info = info
        if table.rows:
            self._state.table = table
            self._show_details(info, table)
            return
        self._show_details(info, None)
        self._show_error(
            self.tr(
                "The file %1 has column names in row %2 but no rows of data below them: "
                "there is nothing to import."
            )
            .replace("%1", info.path.name)
            .replace("%2", self._locale.toString(table.header_row_number))
        )

    def _on_failed(self, error: BaseException) -> None:
        self._state.info, self._state.table = None, None
        self._show_details(None, None)
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
        for sheet in info.sheets:
            self.sheet_combo.addItem(sheet_label(sheet), sheet.name)
        found = self.sheet_combo.findData(current or info.suggested_sheet)
        self.sheet_combo.setCurrentIndex(max(found, 0))
        self.sheet_combo.blockSignals(False)
