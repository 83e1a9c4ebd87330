"""The wizard on a list with country names and one postcode that does not fit its country."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.services import companies, company_query
from prospector.services.import_plan import Action
from ui.context import AppContext
from ui.dialogs.import_wizard import ImportWizard
from ui.itemmodels.preview_model import ACTION_COLUMN, DETAILS_COLUMN

CSV_LINES = (
    "Firma;Straße;PLZ;Ort;Land;Telefon",
    "Müller Maschinenbau GmbH;Löbtauer Str. 2;01069;Dresden;Deutschland;0351 4567890",
    "Alpenland Handel GmbH;Ringstraße 1;1010;Wien;Österreich;01 234567",
    "Zürcher Druck AG;Bahnhofstrasse 5;8001;Zürich;Schweiz;044 123 45 67",
    "Tulpen B.V.;Damrak 1;1012 LG;Amsterdam;Niederlande;020 123 4567",
    "Fehler GmbH;Hauptstraße 3;123;Leipzig;Deutschland;0341 2233445",  # no German postcode
)
POSTCODE_PROBLEM = "Postcode: \u201c123\u201d is not a postcode (country: Germany, e.g. 01069)."


def _stored(db: Database) -> dict[str, tuple[str, str | None, str | None]]:
    with db.reading() as session:
        return {
            row.name: (record.country, record.postcode, record.phone)
            for row in company_query.list_companies(session)
            if (record := companies.get_company(session, row.id))
        }


def test_country_names_are_read_and_a_bad_postcode_costs_only_its_field(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "Kunden international.csv"
    path.write_bytes(("\r\n".join(CSV_LINES) + "\r\n").encode("cp1252"))
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.info is not None, timeout=20_000)
    wizard.next()  # columns
    mapping = wizard.columns_page.model.mapping()
    assert mapping == ("name", "street", "postcode", "city", "country", "phone")
    wizard.next()  # duplicates and problems
    wizard.next()  # preview
    preview = wizard.preview_page
    qtbot.waitUntil(preview.isComplete, timeout=20_000)
    assert preview.counts_label.text() == (
        "5 rows imported (1 of them with notes), 0 skipped as duplicates, 0 refused: "
        "5 new companies, 0 updates, 0 new contacts"
    )
    model = preview.model
    shown = {
        model.row_at(r).parsed.line: (
            model.index(r, ACTION_COLUMN).data(),
            model.index(r, DETAILS_COLUMN).data(),
        )
        for r in range(model.rowCount())
    }
    assert shown[6] == ("New", POSTCODE_PROBLEM)  # imported, its warning in sight
    assert all(row.action is Action.NEW for row in wizard.state.plan.rows)  # type: ignore[union-attr]
    assert "1 \u00d7 Postcode: not valid for the country" in preview.reasons_label.text()

    with qtbot.waitSignal(wizard.run_page.job.finished, timeout=20_000):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.summary_page)
    done = wizard.summary_page
    assert done.counts_label.text().startswith(
        "Kunden international.csv: 5 rows imported (1 of them with notes)"
    )
    assert "1 \u00d7 Postcode: not valid for the country" in done.reasons_label.text()
    assert _stored(db) == {
        "Alpenland Handel GmbH": ("AT", "1010", "+431234567"),
        "Fehler GmbH": ("DE", None, "+493412233445"),
        "Müller Maschinenbau GmbH": ("DE", "01069", "+493514567890"),
        "Tulpen B.V.": ("NL", "1012 LG", "+31201234567"),
        "Zürcher Druck AG": ("CH", "8001", "+41441234567"),
    }
    with db.reading() as session:
        flawed = next(
            companies.get_company(session, row.id)
            for row in company_query.list_companies(session)
            if row.name == "Fehler GmbH"
        )
    assert flawed.notes is not None
    assert flawed.notes.endswith(POSTCODE_PROBLEM)
    with contextlib.suppress(RuntimeError):
        wizard.button(QWizard.WizardButton.FinishButton).click()


def test_a_file_without_a_country_column_gets_the_country_its_numbers_suggest(
    qtbot: QtBot, context: AppContext, db: Database, tmp_path: Path
) -> None:
    lines = ["Firma;PLZ;Ort;Telefon"] + [
        f"Firma {i} GmbH;10{i:02d};Wien;+43 1 5550{i:02d}" for i in range(8)
    ]
    path = tmp_path / "wien.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    wizard = ImportWizard(context, path)
    qtbot.addWidget(wizard, before_close_func=lambda widget: widget.done(0))
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.busy and wizard.state.info is not None, timeout=20_000)
    wizard.next()
    wizard.next()
    wizard.next()
    preview = wizard.preview_page
    qtbot.waitUntil(preview.isComplete, timeout=20_000)
    assert preview.country.currentData() == "AT"
    assert preview.country_why.text() == "suggested by the postcodes and phone numbers of the file"
    # The user knows better: the rows are checked again with the country chosen.
    preview.country.setCurrentIndex(preview.country.findData("DE"))
    preview.country.activated.emit(preview.country.currentIndex())
    qtbot.waitUntil(preview.isComplete, timeout=20_000)
    assert wizard.state.country == "DE"
    assert wizard.state.plan is not None
    assert wizard.state.plan.country == "DE"
    first = wizard.state.plan.rows[0].parsed.company
    assert first is not None
    assert (first.country, first.postcode) == ("DE", "01000")  # a German code, read as such
