"""Lead sources: imports set them, the user prices them, the planner counts per source."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import factories
import pytest
from sqlalchemy import select

from prospector.db import Database
from prospector.enums import CompanyStage, LeadStatus
from prospector.errors import ValidationFailed
from prospector.exchange.tables import FileFormat, Table
from prospector.models import Company
from prospector.records import CompanyInput
from prospector.services import importing, sources
from prospector.services.funnel_figures import source_funnels


def _table(name: str, headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> Table:
    return Table(
        path=Path(name),
        header_row_index=0,
        headers=headers,
        rows=rows,
        source_row_numbers=list(range(2, len(rows) + 2)),
        sheet=None,
        format=FileFormat.CSV,
    )


def _sources(db: Database) -> dict[str, str | None]:
    with db.reading() as session:
        return dict(session.execute(select(Company.name, Company.source)).all())


def test_an_import_gives_its_new_companies_the_files_name_as_source(db: Database) -> None:
    table = _table("Messe Hannover 2026.csv", ("Firma",), [("Alpha GmbH",), ("Beta KG",)])
    plan, _ = importing.preview_import(db, table)
    assert plan.lead_source == "Messe Hannover 2026"
    importing.run_import(db, plan)
    assert _sources(db) == {"Alpha GmbH": "Messe Hannover 2026", "Beta KG": "Messe Hannover 2026"}


def test_the_user_names_the_source_or_none(db: Database) -> None:
    table = _table("liste.csv", ("Firma",), [("Alpha GmbH",)])
    plan, _ = importing.preview_import(db, table, lead_source="Gekaufte Liste")
    importing.run_import(db, plan)
    table = _table("liste2.csv", ("Firma",), [("Beta KG",)])
    plan, _ = importing.preview_import(db, table, lead_source="")
    importing.run_import(db, plan)
    assert _sources(db) == {"Alpha GmbH": "Gekaufte Liste", "Beta KG": None}


def test_a_file_with_a_source_column_keeps_its_own_per_row(db: Database) -> None:
    table = _table("export.csv", ("Firma", "Quelle"), [("Alpha GmbH", "LinkedIn"), ("Beta KG", "")])
    plan, _ = importing.preview_import(db, table)
    importing.run_import(db, plan)
    assert _sources(db) == {"Alpha GmbH": "LinkedIn", "Beta KG": None}


def test_a_bought_list_with_many_contacts_and_no_customer_shows_its_cost(db: Database) -> None:
    bought = factories.companies(
        db, *(CompanyInput(name=f"Liste {i}", source="Online-Leads") for i in range(40))
    )
    fair = factories.companies(
        db, *(CompanyInput(name=f"Messe {i}", source="Messe") for i in range(10))
    )
    factories.companies(db, CompanyInput(name="Ohne Quelle"))
    with db.writing() as session:
        for company_id in bought[:30]:
            factories.contact(session, company_id, "Lead", lead_status=LeadStatus.LEAD)
        for company_id in fair[:4]:
            factories.contact(session, company_id, "Lead", lead_status=LeadStatus.LEAD)
        for company_id in fair[:2]:
            session.get_one(Company, company_id).stage = CompanyStage.CUSTOMER
    sources.set_cost(db, "Online-Leads", Decimal("3000"))
    sources.set_cost(db, "Messe", Decimal("4000"))
    sources.set_cost(db, "Newsletter", Decimal("150"))  # priced, no company from it yet
    with db.reading() as session:
        found = {f.source: f for f in source_funnels(session)}
        names = sources.source_names(session)
    assert names == ["Messe", "Newsletter", "Online-Leads"]
    online, fair_row = found["Online-Leads"], found["Messe"]
    assert (online.companies, online.leads, online.customers) == (40, 30, 0)
    assert online.cost_per_lead == Decimal("100.00")
    assert online.cost_per_customer is None  # no customer: no figure, never a division by 0
    assert (fair_row.companies, fair_row.leads, fair_row.customers) == (10, 4, 2)
    assert fair_row.cost_per_customer == Decimal("2000.00")
    assert found[""].companies == 1
    assert found[""].cost_eur is None
    assert found["Newsletter"].companies == 0


@pytest.mark.parametrize("bad", [Decimal("-1"), Decimal("1e15"), Decimal("NaN")])
def test_a_cost_that_is_no_amount_is_refused(db: Database, bad: Decimal) -> None:
    with pytest.raises(ValidationFailed):
        sources.set_cost(db, "Messe", bad)
    with db.reading() as session:
        assert sources.costs(session) == {}


def test_a_cost_can_be_changed_and_cleared(db: Database) -> None:
    sources.set_cost(db, "Messe", Decimal("1200.505"))
    with db.reading() as session:
        assert sources.costs(session) == {"Messe": Decimal("1200.51")}
    sources.set_cost(db, " Messe ", None)
    with db.reading() as session:
        assert sources.costs(session) == {}
        assert sources.source_names(session) == ["Messe"]


def test_imported_persons_keep_where_their_data_came_from(db: Database) -> None:
    from prospector.models import Contact

    table = _table(
        "Messe Hannover 2026.csv",
        ("Firma", "Nachname", "Datenquelle"),
        [("Alpha GmbH", "Meier", ""), ("Beta KG", "Schulze", "Visitenkarte")],
    )
    plan, _ = importing.preview_import(db, table)
    importing.run_import(db, plan)
    table = _table("Adressen.csv", ("Firma", "Nachname"), [("Gamma AG", "Krause")])
    plan, _ = importing.preview_import(db, table)
    importing.run_import(db, plan)
    with db.reading() as session:
        found = dict(session.execute(select(Contact.last_name, Contact.data_source)).all())
    # A file with the column says it per row (an empty cell stays empty); one without gives
    # the import's source.
    assert found == {"Meier": None, "Schulze": "Visitenkarte", "Krause": "Adressen"}
