"""The funnel planner: the rule of ten against the real core group, what-ifs and the chart."""

from __future__ import annotations

import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import factories
import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.icp import Criterion, CriterionKind, Profile
from prospector.records import CompanyInput
from prospector.services import profiles
from ui.context import AppContext
from ui.pages.planner_page import PlannerPage

K = CriterionKind


def _fill(db: Database, count: int, state: str, wz_code: str) -> None:
    factories.companies(
        db,
        *(
            CompanyInput(name=f"{state} {wz_code} {i}", state=state, wz_code=wz_code)
            for i in range(count)
        ),
        bulk=True,
    )


@pytest.fixture
def market(db: Database) -> Database:
    """300 machine builders in Bavaria (the core group), 250 in Saxony, 150 Bavarian software
    houses: 700 companies in all."""
    _fill(db, 300, "Bayern", "28.41")
    _fill(db, 250, "Sachsen", "28.22")
    _fill(db, 150, "Bayern", "62.01")
    profiles.save_profile(
        db,
        Profile(
            "Maschinenbau Bayern",
            (
                Criterion(K.INDUSTRY, must=True, codes=("28",)),
                Criterion(K.REGION, must=True, states=("Bayern",)),
            ),
        ),
    )
    return db


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, market: Database) -> PlannerPage:
    widget = PlannerPage(context)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_five_customers_need_the_articles_500_companies_and_50_leads(page: PlannerPage) -> None:
    assert page.profile.currentText() == "Maschinenbau Bayern (active)"
    assert page.customers.value() == 5
    assert page.lead_rate.value() == 10.0
    assert page.customer_rate.value() == 10.0
    assert page.needed_label.text() == (
        "5 new customers in 12 months need 50 leads from 500 companies of the core group."
    )
    rows = page.chart.rows()
    assert [label for label, _e, _a in rows] == [
        "Target group",
        "Core group",
        "Leads",
        "Opportunities",
        "Customers",
    ]
    assert [expected for _l, expected, _a in rows] == [700, 500, 50, 16, 5]
    assert [actual for _l, _e, actual in rows] == [700, 300, 0, 0, 0]


def test_a_small_core_group_gets_a_too_small_verdict_and_what_ifs(page: PlannerPage) -> None:
    assert page.verdict_label.text() == (
        "Your core group is enough for 3 of 5 customers: 300 companies, 500 needed."
    )
    assert page.what_if_label.text() == (
        "What if one must-criterion were dropped:\n"
        "\u2022 without \u201cRegion\u201d: +250 companies, enough\n"
        "\u2022 without \u201cIndustry\u201d: +150 companies, still 50 short"
    )


def test_a_smaller_goal_is_enough_and_needs_no_what_if(qtbot: QtBot, page: PlannerPage) -> None:
    page.customers.setValue(3)
    assert page.needed_label.text() == (
        "3 new customers in 12 months need 30 leads from 300 companies of the core group."
    )
    assert page.verdict_label.text() == ("Your core group is enough: 300 companies, 300 needed.")
    assert page.what_if_label.text() == ""


def test_the_period_goes_into_the_plans_sentence(page: PlannerPage) -> None:
    page.period.setCurrentIndex(page.period.findData(6))
    assert page.needed_label.text().startswith("5 new customers in 6 months need 50 leads")


def test_other_rates_change_the_need(page: PlannerPage) -> None:
    page.lead_rate.setValue(20.0)
    page.customer_rate.setValue(25.0)
    assert page.needed_label.text() == (
        "5 new customers in 12 months need 20 leads from 100 companies of the core group."
    )
    assert page.verdict_label.text().startswith("Your core group is enough")


def test_own_rates_wait_for_twenty_decided_leads(page: PlannerPage) -> None:
    assert page.measured_label.text() == (
        "Your own rates are shown once 20 leads are decided (won, lost or disqualified); so far 0."
    )
    assert not page.use_measured.isVisible()


def test_the_chart_is_saved_as_png_and_pdf(
    page: PlannerPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter([str(tmp_path / "trichter"), str(tmp_path / "trichter.pdf")])
    monkeypatch.setattr(
        "ui.pages.planner_page.QFileDialog.getSaveFileName",
        lambda *_a, **_k: (next(answers), ""),
    )
    png = page.export("png")
    assert png == tmp_path / "trichter.png"
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1400, 700)
    pdf = page.export("pdf")
    assert pdf == tmp_path / "trichter.pdf"
    tool = shutil.which("pdftotext")
    assert tool is not None, "pdftotext (poppler-utils) is needed to read the PDF back"
    text = subprocess.run(
        [tool, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Funnel of \u201cMaschinenbau Bayern\u201d" in text
    for word in ("Target group", "Core group", "Leads", "Customers", "500", "300", "700"):
        assert word in text


def test_sources_show_what_a_bought_list_cost_and_a_cost_is_typed_in(
    qtbot: QtBot, context: AppContext, market: Database, qtmodeltester: object
) -> None:
    from decimal import Decimal

    from PySide6.QtCore import QLocale, Qt

    from prospector.services import sources
    from ui.itemmodels.source_model import COST, PER_CUSTOMER, PER_LEAD

    factories.companies(
        market, *(CompanyInput(name=f"Gekauft {i}", source="Online-Leads") for i in range(20))
    )
    page = PlannerPage(context)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(1)
    model = page.sources
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    assert list(rows) == ["(no source)", "Online-Leads"]
    row = rows["Online-Leads"]
    assert not model.flags(model.index(rows["(no source)"], COST)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(row, COST), "2.500,00")
    with market.reading() as session:
        assert sources.costs(session) == {"Online-Leads": Decimal("2500.00")}
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    row = rows["Online-Leads"]
    assert model.index(row, COST).data() == QLocale().toString(2500.0, "f", 2)
    assert model.index(row, PER_LEAD).data() == "\u2014"
    assert model.index(row, PER_CUSTOMER).data() == "\u2014"
    assert model.index(row, PER_CUSTOMER).data(Qt.ItemDataRole.ToolTipRole) == (
        "Money spent, nothing yet in return."
    )


def test_the_goal_and_rates_are_kept_for_the_next_time(
    qtbot: QtBot, context: AppContext, market: Database
) -> None:
    from prospector.services.planner_goal import load_goal

    page = PlannerPage(context)
    qtbot.addWidget(page)
    page.show()
    page.customers.setValue(7)
    page.lead_rate.setValue(12.5)
    page.period.setCurrentIndex(page.period.findData(6))
    qtbot.waitUntil(lambda: not page._save_timer.isActive(), timeout=3000)
    with market.reading() as session:
        goal = load_goal(session)
    assert (goal.customers, goal.months, goal.lead_rate) == (7, 6, Fraction(1, 8))
    again = PlannerPage(context)
    qtbot.addWidget(again)
    assert again.customers.value() == 7
    assert again.lead_rate.value() == 12.5
    assert again.period.currentData() == 6
    assert again.needed_label.text().startswith("7 new customers in 6 months need 70 leads")


def test_a_goal_that_cannot_be_read_falls_back_to_the_rule_of_ten(market: Database) -> None:
    from prospector.services.planner_goal import PlannerGoal, load_goal
    from prospector.services.shared_settings import write_setting

    with market.writing() as session:
        write_setting(
            session,
            "planner_goal",
            {"customers": -3, "months": "x", "lead_rate": "2", "customer_rate": "1/4"},
        )
    with market.reading() as session:
        assert load_goal(session) == PlannerGoal(customer_rate=Fraction(1, 4))
