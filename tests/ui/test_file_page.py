"""The wizard's file page: the user picks the header row; instruction sheets are not imported."""

from __future__ import annotations

import string
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from prospector.exchange.errors import TEMPLATES, ReadError
from ui.context import AppContext
from ui.dialogs.import_wizard import ImportWizard
from ui.import_messages import read_error_text

PROSE = [
    ["So füllen Sie diese Liste aus"],
    ["Bitte tragen Sie jedes Unternehmen in eine eigene Zeile der Tabelle Firmen ein."],
    ["Die Postleitzahl bitte immer fünfstellig angeben, auch mit führender Null davor."],
]


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]]) -> Path:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    workbook.save(path)
    return path


def open_wizard(qtbot: QtBot, context: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.info is not None, timeout=20_000)
    return wizard


def next_enabled(wizard: ImportWizard) -> bool:
    return wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_without_a_header_the_user_picks_the_row(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "messwerte.xlsx",
        {
            "Werte": [
                ["Stand 2024"],
                [],
                ["a", "b", "v"],
                [1, 2, 3, 4],
                [5, 6, 7, 8],
                [9, 10, 11, 12],
            ]
        },
    )
    wizard = open_wizard(qtbot, context, path)
    page = wizard.file_page
    picker = page.header_picker
    assert picker.isVisible()
    assert page.error_label.isHidden()  # the picker says what to do, no error
    assert picker.hint_label.text().startswith("No row naming the columns was found")
    assert wizard.state.table is None
    assert not next_enabled(wizard)
    table = picker.table
    assert table.rowCount() == 5
    assert [table.verticalHeaderItem(r).text() for r in range(5)] == ["1", "3", "4", "5", "6"]
    assert [table.item(1, c).text() for c in range(3)] == ["a", "b", "v"]
    assert table.item(2, 0).text() == "1"
    assert not picker.use_button.isEnabled()

    table.selectRow(1)
    assert picker.use_button.text() == "&Use row 3 as the column names"
    picker.use_button.click()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.table is not None, timeout=20_000)
    read = wizard.state.table
    assert read is not None
    assert read.header_row_number == 3
    assert read.headers == ("a", "b", "v", "")
    assert read.rows[0] == (1.0, 2.0, 3.0, 4.0)
    assert len(read.rows) == 3
    assert picker.isHidden()
    assert page.rows_label.text() == "3 rows of data; the column names are in row 3."
    assert next_enabled(wizard)


def test_another_row_of_column_names_on_request(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "liste.csv"
    path.write_text("Firma;PLZ;Ort\nA GmbH;01069;Dresden\nB AG;80331;München\n", encoding="utf-8")
    wizard = open_wizard(qtbot, context, path)
    page = wizard.file_page
    assert page.header_picker.isHidden()
    assert next_enabled(wizard)
    page.header_row_button.click()
    qtbot.waitUntil(lambda: not wizard.busy and page.header_picker.isVisible(), timeout=20_000)
    assert page.header_picker.selected_row() == 1
    assert next_enabled(wizard)  # the table read stays until another row is taken
    page.header_picker.choose(2)
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.table is not None, timeout=20_000)
    assert wizard.state.table is not None
    assert wizard.state.table.headers == ("A GmbH", "01069", "Dresden")
    assert page.rows_label.text() == "1 rows of data; the column names are in row 2."


def test_an_instructions_sheet_cannot_be_chosen(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "vorlage.xlsx",
        {"Anleitung": PROSE, "Firmen": [["Firma", "Ort"], ["Müller GmbH", "Köln"]]},
    )
    wizard = open_wizard(qtbot, context, path)
    combo = wizard.file_page.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Firmen",
        "Anleitung (instructions)",
    ]
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    assert model.item(0).isEnabled()
    assert not model.item(1).isEnabled()
    assert combo.itemData(1, Qt.ItemDataRole.ToolTipRole) == (
        "This sheet holds instructions, not a table of records: it cannot be imported."
    )
    assert wizard.state.table is not None
    assert wizard.state.table.sheet == "Firmen"


def test_a_file_of_instructions_only_says_so(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "hilfe.xlsx", {"Anleitung": PROSE})
    wizard = open_wizard(qtbot, context, path)
    page = wizard.file_page
    assert page.error_label.text() == (
        "The file hilfe.xlsx cannot be imported from the sheet \u201cAnleitung\u201d: it holds "
        "instructions, not a table of records."
    )
    assert wizard.state.table is None
    assert page.header_picker.isHidden()
    assert not next_enabled(wizard)
    assert page.sheet_combo.currentText() == "Anleitung (instructions)"


def test_every_read_error_has_its_sentence_in_the_window() -> None:
    for code, template in TEMPLATES.items():
        names = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
        params = {name: "7" for name in names - {"file"}}
        error = ReadError(code, "kunden.xlsx", **params)
        assert read_error_text(error) == error.message, code
