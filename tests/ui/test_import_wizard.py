"""The import wizard driven from file to summary, and the history that undoes an import."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from prospector.db import Database
from prospector.enums import ImportStatus
from prospector.records import CompanyInput
from prospector.services import companies, company_query, contacts
from prospector.services.import_history import list_batches
from prospector.services.import_plan import Action, OnDuplicate
from ui.context import AppContext
from ui.dialogs.import_history_dialog import ImportHistoryDialog
from ui.dialogs.import_wizard import ImportWizard
from ui.itemmodels.preview_model import ACTION_COLUMN, DETAILS_COLUMN

# A German export as small firms have them: Windows-1252, semicolons, title rows on top.
CSV_LINES = (
    "Kundenliste Vertrieb Sachsen;;;;;",
    "Stand: 03.03.2025;;;;;",
    ";;;;;",
    "Firma;PLZ;Ort;Telefon;Ansprechpartner;Position",
    "Müller Maschinenbau GmbH;01069;Dresden;0351 4567890;Herr Dr. Max Müller;Geschäftsführer",
    "Müller Maschinenbau GmbH;;;;Frau Anna Schäfer;Einkauf",  # a person, linked by name
    "Bäckerei Groß;04109;Leipzig;0341 12;;",  # an invalid phone number
    "Alpha Logistik GmbH;01067;Dresden;0351 1234567;;",  # already in the database
    "Schäfer & Söhne KG;09111;Chemnitz;0371 2388131;;",
    ";04229;Leipzig;0341 4711;;",  # neither a company nor a person: refused
)
HEADERS = ("Firma", "PLZ", "Ort", "Telefon", "Ansprechpartner", "Position")
PHONE_PROBLEM = "Phone: \u201c0341 12\u201d is not a valid phone number."
NO_IDENTITY = "The row names neither a company nor a person."


def _write_csv(folder: Path) -> Path:
    path = folder / "Kundenliste Sachsen.csv"
    path.write_bytes(("\r\n".join(CSV_LINES) + "\r\n").encode("cp1252"))
    return path


def _existing_company(db: Database) -> int:
    with db.writing() as session:
        return companies.create_company(
            session, CompanyInput(name="Alpha Logistik GmbH", postcode="01067", city="Dresden")
        ).id


def _wizard(qtbot: QtBot, context: AppContext, path: Path) -> ImportWizard:
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.info is not None, timeout=20_000)
    return wizard


def _next_enabled(wizard: ImportWizard) -> bool:
    button = wizard.button(QWizard.WizardButton.NextButton)
    if wizard.currentPage().isCommitPage():
        button = wizard.button(QWizard.WizardButton.CommitButton)
    return button.isEnabled()


def _to_preview(qtbot: QtBot, wizard: ImportWizard) -> None:
    wizard.next()  # columns
    wizard.next()  # duplicates
    wizard.next()  # preview
    assert wizard.currentPage() is wizard.preview_page
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20_000)


def _import(qtbot: QtBot, wizard: ImportWizard) -> None:
    with qtbot.waitSignal(wizard.run_page.job.finished, timeout=20_000):
        wizard.next()  # the commit page's Import button
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page)


def _stored(db: Database) -> dict[str, list[tuple[str | None, str, str | None]]]:
    """Company name -> its contacts (title, last name, job title)."""
    with db.reading() as session:
        return {
            row.name: [
                (c.academic_title, c.last_name, c.job_title)
                for c in contacts.list_contacts(session, row.id)
            ]
            for row in company_query.list_companies(session, limit=100)
        }


@contextlib.contextmanager
def _someone_writing(db: Database) -> Iterator[None]:
    """Another user's write transaction: the import has to wait for it to end."""
    with db.writing() as session:
        if session.get_bind().dialect.name == "sqlite":
            session.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: the file's write lock
        else:
            session.execute(text("LOCK TABLE companies IN EXCLUSIVE MODE"))
        yield


def test_a_german_csv_from_file_to_summary(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _existing_company(db)
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))

    page = wizard.file_page
    assert page.error_label.isHidden()
    assert page.format_label.text() == "CSV text file"
    assert page.encoding_label.text() == "Windows-1252 (Western European)"
    assert page.delimiter_label.text() == "semicolon (;)"
    assert page.rows_label.text() == "6 rows of data; the column names are in row 4."
    assert _next_enabled(wizard)

    wizard.next()
    columns = wizard.columns_page
    assert wizard.currentPage() is columns
    assert columns.header_label.text().startswith("Headers found in row 4 ")
    assert [columns.model.header_at(r) for r in range(6)] == list(HEADERS)
    assert [columns.combo(r).currentText() for r in range(6)] == [
        "Company name",
        "Postcode",
        "City",
        "Phone",
        "Full name",
        "Job title",
    ]
    assert columns.model.index(0, 2).data().startswith("Müller Maschinenbau GmbH")

    wizard.next()
    assert wizard.duplicates_page.buttons[OnDuplicate.SKIP].isChecked()
    wizard.next()
    qtbot.waitUntil(wizard.preview_page.isComplete, timeout=20_000)
    preview = wizard.preview_page
    assert preview.counts_label.text() == (
        "4 rows imported (1 of them with notes), 1 skipped as duplicates, 1 refused: "
        "3 new companies, 0 updates, 2 new contacts"
    )
    assert preview.reasons_label.text() == (
        "Imported with a note in the record:\n1 \u00d7 Phone: not a valid phone number\n\n"
        f"Not imported:\n1 \u00d7 {NO_IDENTITY}"
    )
    model = preview.model
    shown = {
        model.row_at(r).parsed.line: (
            model.index(r, ACTION_COLUMN).data(),
            model.index(r, DETAILS_COLUMN).data(),
        )
        for r in range(model.rowCount())
    }
    assert shown[5] == ("New", None)
    assert shown[6] == ("Add person", "Person added to the company of row 5.")
    assert shown[7] == ("New", PHONE_PROBLEM)  # a bad field costs the field, not the row
    assert shown[8] == ("Skip", "Already in the database (same name and postcode); skipped.")
    assert shown[10] == ("Error", NO_IDENTITY)
    assert model.index(0, 5).data() == "0351 4567890"  # as stored, shown the German way
    preview.only_problems.setChecked(True)
    assert [model.row_at(r).action for r in range(model.rowCount())] == [Action.NEW, Action.ERROR]
    assert _stored(db) == {"Alpha Logistik GmbH": []}  # nothing stored yet

    with qtbot.waitSignal(context.operations.changed, timeout=20_000):
        _import(qtbot, wizard)

    assert _stored(db) == {
        "Alpha Logistik GmbH": [],
        "Bäckerei Groß": [],
        "Müller Maschinenbau GmbH": [
            ("Dr.", "Müller", "Geschäftsführer"),
            (None, "Schäfer", "Einkauf"),
        ],
        "Schäfer & Söhne KG": [],
    }
    with db.reading() as session:
        mueller = next(
            companies.get_company(session, row.id)
            for row in company_query.list_companies(session)
            if row.name.startswith("Müller")
        )
    assert (mueller.postcode, mueller.city, mueller.phone) == ("01069", "Dresden", "+493514567890")
    with db.reading() as session:
        baker = next(
            companies.get_company(session, row.id)
            for row in company_query.list_companies(session)
            if row.name == "Bäckerei Groß"
        )
    assert (baker.postcode, baker.phone) == ("04109", None)
    assert baker.notes == (  # the number the field could not take is kept
        f"Import of Kundenliste Sachsen.csv, row 7 ({dt.date.today().isoformat()}): "
        + PHONE_PROBLEM
    )

    summary = wizard.summary
    assert summary is not None
    assert (
        summary.new_companies,
        summary.updated_companies,
        summary.new_contacts,
        summary.skipped,
        summary.errors,
    ) == (3, 0, 2, 1, 1)
    done = wizard.summary_page
    assert done.counts_label.text() == (
        "Kundenliste Sachsen.csv: 4 rows imported (1 of them with notes), "
        "1 skipped as duplicates, 1 refused: 3 new companies, 0 updates, 2 new contacts."
    )
    assert done.reasons_label.text() == preview.reasons_label.text()
    assert done.rejects.toPlainText() == f"Row 10: {NO_IDENTITY}"
    assert "undo it with File \u2192 Import history" in done.undo_label.text()
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()

    target = tmp_path / "nicht importiert.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    done.save_button.click()
    assert done.saved_label.text() == f"1 rows saved to {target}."
    workbook = openpyxl.load_workbook(target)
    rows = list(workbook.active.iter_rows(values_only=True))
    workbook.close()
    assert rows == [
        (*HEADERS, "Reason"),
        (None, "04229", "Leipzig", "0341 4711", None, None, NO_IDENTITY),
    ]

    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted


def test_cancelling_the_import_leaves_the_database_unchanged(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    _existing_company(db)
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    _to_preview(qtbot, wizard)
    run = wizard.run_page
    with _someone_writing(db):
        wizard.next()  # Import: it waits for the other writer
        assert wizard.currentPage() is run
        assert run.panel.isVisible()
        assert not wizard.button(QWizard.WizardButton.BackButton).isEnabled()
        run.panel.cancel_button.click()
    qtbot.waitUntil(lambda: not run.job.busy, timeout=20_000)

    assert run.result_label.text() == (
        "The import was cancelled. Nothing was imported; the database is unchanged."
    )
    assert wizard.currentPage() is run
    assert wizard.summary is None
    assert _stored(db) == {"Alpha Logistik GmbH": []}
    with db.reading() as session:
        assert list_batches(session) == []

    with qtbot.waitSignal(run.job.finished, timeout=20_000):
        run.retry_button.click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page)
    assert set(_stored(db)) == {
        "Alpha Logistik GmbH",
        "Bäckerei Groß",
        "Müller Maschinenbau GmbH",
        "Schäfer & Söhne KG",
    }


def test_cancel_while_importing_stops_the_import_but_keeps_the_wizard(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    _to_preview(qtbot, wizard)
    with _someone_writing(db):
        wizard.next()
        wizard.reject()  # the wizard's own Cancel button, or Escape
        assert wizard.isVisible()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20_000)
    assert "the database is unchanged" in wizard.run_page.result_label.text()
    assert _stored(db) == {}
    wizard.run_page.back_button.click()  # to change something before trying again
    assert wizard.currentPage() is wizard.preview_page
    assert _next_enabled(wizard)
    wizard.reject()
    assert not wizard.isVisible()
    assert wizard.summary is None


def test_a_broken_file_is_one_sentence_on_the_first_page(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "kaputt.xlsx"
    path.write_text("Das ist keine Tabelle.\nNur ein Text.\n", encoding="utf-8")
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    page = wizard.file_page
    qtbot.waitUntil(lambda: not wizard.busy and page.error_label.isVisible(), timeout=20_000)
    assert page.error_label.text() == (
        "The file kaputt.xlsx cannot be read: it is not an Excel workbook (.xlsx, .xlsm, .xls), "
        "an OpenDocument spreadsheet (.ods) or a CSV text file. "
        "Save it as an Excel workbook (.xlsx) or as CSV and try again."
    )
    assert not page.isComplete()
    assert not _next_enabled(wizard)
    assert page.format_label.isHidden()

    headers_only = tmp_path / "leer.csv"
    headers_only.write_text("Firma;PLZ;Ort\n", encoding="utf-8")
    page.open_file(headers_only)  # what Choose… does with the chosen file
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20_000)
    assert page.error_label.text() == (
        "The file leer.csv has column names in row 1 but no rows of data below them: "
        "there is nothing to import."
    )
    assert not _next_enabled(wizard)

    page.open_file(_write_csv(tmp_path))
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20_000)
    assert page.error_label.isHidden()
    assert _next_enabled(wizard)


def test_reading_a_long_file_can_be_cancelled(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "lang.csv"
    rows = (f"Firma {n} GmbH;{10000 + n % 89999:05d};Dresden" for n in range(120_000))
    path.write_text("Firma;PLZ;Ort\n" + "\n".join(rows) + "\n", encoding="utf-8")
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    page = wizard.file_page
    page.open_file(path)
    progress = page.findChild(QProgressDialog)
    assert progress is not None
    assert progress.labelText() == "Reading lang.csv…"
    cancel = progress.findChild(QPushButton)
    assert cancel is not None
    cancel.click()
    qtbot.waitUntil(lambda: not wizard.busy, timeout=20_000)
    assert page.error_label.text() == (
        "Reading was cancelled. Choose the file or a sheet again to go on."
    )
    assert wizard.state.table is None
    assert not _next_enabled(wizard)
    qtbot.waitUntil(lambda: page.findChild(QProgressDialog) is None)  # closed and gone


def test_choose_opens_a_file_and_instruction_sheets_come_last(
    qtbot: QtBot, context: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "Adressen.xlsx"
    workbook = openpyxl.Workbook()
    notes = workbook.active
    notes.title = "Anleitung"
    notes.append(["So füllen Sie diese Liste aus."])
    notes.append(["Tragen Sie jede Firma in eine eigene Zeile ein."])
    data = workbook.create_sheet("Firmen")
    data.append(["Firma", "PLZ", "Ort"])
    data.append(["Müller Maschinenbau GmbH", "01069", "Dresden"])
    other = workbook.create_sheet("Altbestand")
    other.append(["Unternehmen", "Stadt"])
    other.append(["Beta KG", "Leipzig"])
    other.append(["Gamma AG", "Halle"])
    workbook.save(path)

    wizard = ImportWizard(context)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    page = wizard.file_page
    assert not _next_enabled(wizard)
    filter_seen: list[str] = []

    def choose(*args: object, **kwargs: object) -> tuple[str, str]:
        filter_seen.append(str(args[3]))
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    page.choose_button.click()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.table is not None, timeout=20_000)
    assert filter_seen == ["Excel and CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)"]
    assert page.format_label.text() == "Excel workbook (.xlsx)"
    combo = page.sheet_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Firmen",
        "Altbestand",
        "Anleitung (instructions)",
    ]
    assert combo.currentText() == "Firmen"
    assert page.rows_label.text() == "1 rows of data; the column names are in row 1."

    combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.table is not None, timeout=20_000)
    assert wizard.state.table is not None
    assert wizard.state.table.sheet == "Altbestand"
    assert page.rows_label.text() == "2 rows of data; the column names are in row 1."
    wizard.next()
    columns = wizard.columns_page
    assert [columns.combo(r).field() for r in range(2)] == ["name", "city"]


def test_a_field_is_taken_once_and_a_name_is_required(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    wizard.next()
    page = wizard.columns_page
    assert page.missing_label.isHidden()

    page.combo(3).set_field("city")  # "Telefon" as the city: "Ort" gives it up
    assert page.combo(2).currentText() == "\u2014 ignore \u2014"
    assert page.model.mapping()[2:4] == (None, "city")
    assert page.status_label.text() == (
        "\u201cCity\u201d can come from one column only; the column \u201cOrt\u201d is now ignored."
    )

    page.combo(0).set_field(None)
    assert _next_enabled(wizard)  # the full name still identifies the persons
    page.combo(4).set_field(None)
    assert not _next_enabled(wizard)
    assert page.missing_label.text() == (
        "Nothing identifies a row yet: choose the column that holds the company name, the "
        "person's last name or full name, or the ID from an export."
    )
    page.combo(0).setCurrentIndex(page.combo(0).findData("name"))
    assert _next_enabled(wizard)
    assert page.missing_label.isHidden()

    wizard.next()
    wizard.back()  # the choices survive a look at the next page
    assert page.model.mapping() == ("name", "postcode", None, "city", None, "job_title")


def test_the_duplicates_page_says_what_becomes_of_repeats_inside_the_file(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    wizard.next()  # columns
    wizard.next()  # duplicates and problems
    page = wizard.duplicates_page
    assert page.inside.isVisible()
    assert page.inside.text().startswith(
        "Inside the file, rows that name the same company again become one company"
    )


def test_the_history_undoes_an_import(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    _existing_company(db)
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    _to_preview(qtbot, wizard)
    _import(qtbot, wizard)
    summary = wizard.summary
    assert summary is not None
    with db.writing() as session:
        row = next(r for r in company_query.list_companies(session) if r.name.startswith("Schäfer"))
        edited = companies.get_company(session, row.id)
        companies.update_company(
            session, edited.id, edited.version, CompanyInput(name=edited.name, city="Zwickau")
        )

    dialog = ImportHistoryDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.topLevelItemCount() == 1
    item = dialog.list.topLevelItem(0)
    assert item is not None
    assert [item.text(c) for c in (0, 1, 3, 4, 5, 6, 7)] == [
        str(summary.batch_id),
        "Kundenliste Sachsen.csv",
        "3",
        "0",
        "1",
        "1",
        "Imported",
    ]
    assert dialog.undo_button.isEnabled()

    questions: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        questions.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    QTimer.singleShot(0, answer)
    with qtbot.waitSignal(context.operations.changed, timeout=20_000):
        worker = dialog.undo_selected()
        assert worker is not None
    qtbot.waitUntil(lambda: not dialog.job.busy, timeout=20_000)

    assert questions == [
        f"Undo import number {summary.batch_id} of \u201cKundenliste Sachsen.csv\u201d?\n\n"
        "\u2022 3 companies it added will be deleted.\n"
        "\u2022 2 contacts it added will be deleted.\n\n"
        "These companies were edited after the import; those edits will be lost too: "
        "Schäfer & Söhne KG"
    ]
    assert _stored(db) == {"Alpha Logistik GmbH": []}
    with db.reading() as session:
        assert [b.status for b in list_batches(session)] == [ImportStatus.UNDONE]
    item = dialog.list.topLevelItem(0)
    assert item is not None
    assert item.text(7) == "Undone"
    assert not dialog.undo_button.isEnabled()
    assert dialog.status_label.text() == f"Import number {summary.batch_id} was undone."


def test_declining_the_undo_changes_nothing(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    _to_preview(qtbot, wizard)
    _import(qtbot, wizard)
    dialog = ImportHistoryDialog(context)
    qtbot.addWidget(dialog)
    dialog.show()

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    assert dialog.undo_selected() is None
    assert len(_stored(db)) == 4
    assert dialog.undo_button.isEnabled()


def test_ask_returns_nothing_when_the_wizard_is_cancelled(
    qtbot: QtBot, context: AppContext
) -> None:
    opened: list[QWidget] = []

    def cancel() -> None:
        wizard = QApplication.activeModalWidget()
        assert isinstance(wizard, ImportWizard)
        opened.append(wizard)
        wizard.reject()

    QTimer.singleShot(0, cancel)
    assert ImportWizard.ask(context) is None
    assert len(opened) == 1


def test_the_preview_reaches_the_last_of_5000_rows_with_columns_fitted_to_them(
    qtbot: QtBot, context: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "Lange Liste.csv"
    lines = ["Firma;PLZ;Ort;Telefon;Bemerkung"]
    lines += [f"Firma {n:04d} GmbH;01069;Dresden;0351 {4000000 + n};" for n in range(1, 5001)]
    lines[2] = "Firma 0002 GmbH;82467;Garmisch-Partenkirchen;08821 123456;"  # a long city
    lines[5000] = "Firma 5000 GmbH;01069;Dresden;0351 12;"  # a bad phone, last
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    wizard = _wizard(qtbot, context, path)
    _to_preview(qtbot, wizard)
    preview = wizard.preview_page
    view, model = preview.view, preview.model
    assert model.rowCount() == 5000
    assert preview.shown_label.text() == "5000 row(s)."
    view.scrollToBottom()
    qtbot.wait(20)
    last = view.indexAt(view.viewport().rect().bottomLeft() - QPoint(0, 4))
    assert last.row() == 4999
    assert last.data() == "5001"  # the file's line: its header is line 1
    view.setCurrentIndex(last)
    assert preview.details_label.text() == (
        "Row 5001: Phone: \u201c0351 12\u201d is not a valid phone number."
    )
    header = view.horizontalHeader()
    city = header.sectionSize(4)
    assert city >= view.fontMetrics().horizontalAdvance("Garmisch-Partenkirchen")
    phone, person = header.sectionSize(5), header.sectionSize(6)
    assert person < phone  # the file has no person: that column stays at its title's width
    preview.only_problems.setChecked(True)
    assert model.rowCount() == 1
    assert preview.shown_label.text() == "1 row(s) with problems."


def test_ctrl_z_in_the_window_undoes_the_import_after_asking(
    qtbot: QtBot,
    context: AppContext,
    db: Database,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.main_window import MainWindow

    _existing_company(db)
    before = _stored(db)
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.show()
    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    _to_preview(qtbot, wizard)
    _import(qtbot, wizard)
    assert _stored(db) != before
    assert window.undo_action.text() == (
        "&Undo: import of \u201cKundenliste Sachsen.csv\u201d (3 companies)"
    )
    asked: list[str] = []

    def answer(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window.undo_action.trigger()  # the user says no: nothing happens
    assert _stored(db) != before
    window.undo_action.trigger()
    assert _stored(db) == before
    assert asked[0].startswith("Undo the import of \u201cKundenliste Sachsen.csv\u201d?")
    assert not window.undo_action.isEnabled()
    assert not window.redo_action.isEnabled()  # an undone import is imported again, not redone
    with db.reading() as session:
        assert [b.status for b in list_batches(session)] == [ImportStatus.UNDONE]


def test_the_new_companies_get_the_source_the_user_names(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from prospector.models import Company

    wizard = _wizard(qtbot, context, _write_csv(tmp_path))
    _to_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.source.isVisibleTo(page)
    assert page.source.currentText() == "Kundenliste Sachsen"  # the file's name at first
    page.source.setEditText("Messe Leipzig 2026")
    _import(qtbot, wizard)
    with db.reading() as session:
        found = set(session.scalars(select(Company.source)))
    assert found == {"Messe Leipzig 2026"}
