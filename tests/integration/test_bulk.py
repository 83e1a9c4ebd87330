"""Bulk inserts store exactly what single records through the ORM store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from prospector.db import Database
from prospector.enums import (
    ActivityType,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.models import Company, Contact
from prospector.records import CompanyInput, ContactInput
from prospector.services import companies, contacts

IGNORED = {"id", "company_id", "created_at", "updated_at", "search_text"}

FIRM = CompanyInput(
    name="Ölmühle Würzburg GmbH & Co. KG",
    legal_form="GmbH & Co. KG",
    industry="Lebensmittel",
    wz_code="10.41",
    employees=37,
    turnover_eur=Decimal("4250000.50"),
    structure=CompanyStructure.HEADQUARTERS,
    activity_type=ActivityType.MANUFACTURING,
    street="Mainkai 3",
    postcode="97070",
    city="Würzburg",
    state="Bayern",
    phone="0931 123456",
    website="https://www.oelmuehle-wuerzburg.de/kontakt",
    email="Info@Oelmuehle-Wuerzburg.de",
    notes="  Messe 2026\nRückruf im Mai  ",
    source="Messe",
)
PERSON = ContactInput(
    company_id=0,
    last_name="Schäfer",
    first_name="Anna",
    salutation=Salutation.MS,
    academic_title="Dr.",
    job_title="Einkaufsleiterin",
    phone="0931 1234567",
    mobile="0171 2345678",
    email="a.schaefer@oelmuehle-wuerzburg.de",
    decision_role=DecisionRole.DECISION_MAKER,
    budget_authority=True,
    lead_status=LeadStatus.QUALIFYING,
    do_not_contact=True,
    do_not_contact_since=dt.date(2026, 3, 1),
    do_not_contact_reason="telefonisch widersprochen",
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    data_source="Messe",
)


def _stored(row: Any) -> dict[str, Any]:
    columns = row.__table__.columns
    return {c.name: getattr(row, c.key) for c in columns if c.name not in IGNORED}


def test_bulk_and_single_inserts_store_the_same_values(db: Database) -> None:
    with db.writing() as session:
        single = companies.create_company(session, FIRM).id
        # Enough rows that SQLite's bulk path indexes the search text in one statement too.
        bulk_ids = companies.create_companies(session, [FIRM] * 1_001)
        contacts.create_contact(session, dataclasses.replace(PERSON, company_id=single))
        contacts.create_contacts(session, [dataclasses.replace(PERSON, company_id=bulk_ids[0])] * 2)
    with db.reading() as session:
        firms = {c.id: c for c in session.scalars(select(Company))}
        people = list(session.scalars(select(Contact).order_by(Contact.id)))
        expected = _stored(firms[single])
        assert expected["phone"] == "+49931123456"  # normalised, as the services store it
        for ident in (bulk_ids[0], bulk_ids[-1]):
            assert _stored(firms[ident]) == expected
        # Each with its person's name in the search text; the company without one without.
        assert firms[bulk_ids[0]].search_text == firms[single].search_text
        assert "schafer" in firms[single].search_text.split()
        alone = firms[bulk_ids[-1]].search_text.split()
        assert "schafer" not in alone
        assert set(alone) < set(firms[single].search_text.split())
        assert [_stored(p) for p in people[1:]] == [_stored(people[0])] * 2
