"""The fit score where users meet it: the company list (column, reasons, filter, sort) and
the company form's panel."""

from __future__ import annotations

from decimal import Decimal

import factories
import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.icp import Criterion, CriterionKind, Profile
from prospector.records import CompanyInput
from prospector.services import profiles
from ui.context import AppContext
from ui.dialogs.company_dialog import CompanyDialog
from ui.itemmodels.company_table_model import FIT_COLUMN
from ui.pages.companies_page import CompaniesPage
from ui.widgets.company_filter_bar import CORE

K = CriterionKind

SOUTH = Profile(
    "Süd",
    (
        Criterion(K.INDUSTRY, must=True, codes=("28",)),
        Criterion(K.REGION, states=("Bayern",), weight=3),
        Criterion(K.EMPLOYEES, low=Decimal(20), weight=1),
    ),
)


@pytest.fixture
def firms(db: Database) -> dict[str, int]:
    ids = factories.companies(
        db,
        CompanyInput(name="Alpen Maschinen", state="Bayern", wz_code="28.41", employees=40),
        CompanyInput(name="Elbe Maschinen", state="Sachsen", wz_code="28.22", employees=120),
        CompanyInput(name="Isar Maschinen", state="Bayern", wz_code="28.29", employees=8),
        CompanyInput(name="Main Handel", state="Hessen", wz_code="46.69"),
    )
    profiles.save_profile(db, SOUTH)
    return dict(zip(("alpen", "elbe", "isar", "main"), ids, strict=True))


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, firms: dict[str, int]) -> CompaniesPage:
    widget = CompaniesPage(context)
    qtbot.addWidget(widget)
    widget.resize(1400, 600)
    widget.show()
    widget.reload()
    return widget


def _column(page: CompaniesPage, column: int) -> dict[str, str | None]:
    model = page.model
    return {
        model.index(row, 0).data(): model.index(row, column).data()
        for row in range(model.rowCount())
    }


def test_the_list_shows_the_fit_beside_the_size_and_explains_it(
    page: CompaniesPage, qtmodeltester: object
) -> None:
    assert page.model.headerData(FIT_COLUMN, Qt.Orientation.Horizontal) == "Fit"
    header = page.view.horizontalHeader()
    assert not header.isSectionHidden(FIT_COLUMN)
    size_column = next(
        i
        for i in range(page.model.columnCount())
        if page.model.headerData(i, Qt.Orientation.Horizontal) == "Size"
    )
    assert header.visualIndex(FIT_COLUMN) == header.visualIndex(size_column) + 1
    assert _column(page, FIT_COLUMN) == {
        "Alpen Maschinen": "100",
        "Elbe Maschinen": "25",
        "Isar Maschinen": "75",
        "Main Handel": "0",
    }
    rows = {page.model.index(r, 0).data(): r for r in range(page.model.rowCount())}
    tip = page.model.index(rows["Elbe Maschinen"], FIT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == (
        "Fit 25 against \u201cSüd\u201d\nmet: Industry, Employees; not met: Region (Sachsen)"
    )
    tip = page.model.index(rows["Main Handel"], FIT_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.endswith("not met: Industry (46.69), Employees (unknown), Region (Hessen)")
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]


def test_the_list_filters_the_core_group_and_a_minimum_fit(page: CompaniesPage) -> None:
    page.filter_bar.fit.set_selected([CORE])
    assert sorted(_column(page, 0)) == ["Alpen Maschinen", "Elbe Maschinen", "Isar Maschinen"]
    page.filter_bar.fit.set_selected([CORE, 75])
    assert sorted(_column(page, 0)) == ["Alpen Maschinen", "Isar Maschinen"]
    assert page.filter_bar.reset_button.isEnabled()
    page.filter_bar.reset()
    assert len(_column(page, 0)) == 4


def test_the_list_sorts_by_fit_best_first(page: CompaniesPage) -> None:
    page.view.sortByColumn(FIT_COLUMN, Qt.SortOrder.DescendingOrder)
    names = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    assert names == ["Alpen Maschinen", "Isar Maschinen", "Elbe Maschinen", "Main Handel"]


def test_the_company_form_explains_the_fit_and_follows_the_typing(
    qtbot: QtBot, context: AppContext, firms: dict[str, int]
) -> None:
    dialog = CompanyDialog(context, firms["elbe"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fit_box.isVisible()
    assert dialog.fit_label.text() == (
        "Fit 25 against \u201cSüd\u201d\nmet: Industry, Employees; not met: Region (Sachsen)"
    )
    dialog.state.setCurrentText("Bayern")
    assert dialog.fit_label.text().startswith("Fit 100 against")
    dialog.edits["wz_code"].setText("46.69")
    assert dialog.fit_label.text().startswith(
        "Fit 0 against \u201cSüd\u201d (not in the core group)\nmet: Employees, Region"
    )


def test_the_company_form_has_no_fit_panel_without_a_profile(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    company = factories.company(db, "Ohne Profil GmbH")
    dialog = CompanyDialog(context, company.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.fit_box.isVisible()


def test_the_wz_code_is_picked_from_the_classification(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ui.dialogs import industry_dialog

    asked: list[str] = []

    def choose(*, multiple: bool, text: str = "", parent: object = None) -> list[str]:
        asked.append(text)
        assert not multiple
        return ["10.73"]

    monkeypatch.setattr(industry_dialog.IndustryDialog, "ask", staticmethod(choose))
    dialog = CompanyDialog(context)
    qtbot.addWidget(dialog)
    dialog.edits["wz_code"].setText("1073")
    dialog.wz_button.click()
    assert asked == ["1073"]
    assert dialog.edits["wz_code"].text() == "10.73"
    assert dialog.edits["industry"].text() == "Herstellung von Teigwaren"


def test_the_list_shows_persona_coverage_and_finds_companies_without_the_buyer(
    qtbot: QtBot, context: AppContext, db: Database, firms: dict[str, int]
) -> None:
    from prospector.services import personas
    from prospector.services.personas import PersonaRecord
    from ui.itemmodels.company_table_model import PERSONAS_COLUMN

    buyer = personas.save_persona(db, PersonaRecord("Einkauf", titles=("Leiter Einkauf",)))
    personas.save_persona(db, PersonaRecord("Geschäftsführung", titles=("Geschäftsführer",)))
    with db.writing() as session:
        meier = factories.contact(session, firms["alpen"], "Meier").id
        factories.contact(session, firms["elbe"], "Schulze")
    assert buyer.value.id is not None
    personas.assign_personas(db, [(meier, buyer.value.id)])
    page = CompaniesPage(context)
    qtbot.addWidget(page)
    page.show()
    page.reload()
    assert _column(page, PERSONAS_COLUMN) == {
        "Alpen Maschinen": "1 of 2",
        "Elbe Maschinen": "0 of 2",
        "Isar Maschinen": "0 of 2",
        "Main Handel": "0 of 2",
    }
    page.filter_bar.missing_persona.set_selected([buyer.value.id])
    assert sorted(_column(page, 0)) == ["Elbe Maschinen", "Isar Maschinen", "Main Handel"]
