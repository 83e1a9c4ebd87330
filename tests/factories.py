"""Sample companies, contacts and team members for tests, stored through the real services."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from prospector.db import Database
from prospector.enums import TeamRole
from prospector.models import TeamMember
from prospector.records import CompanyInput, CompanyRecord, ContactInput, ContactRecord
from prospector.services import companies as company_service
from prospector.services import contacts as contact_service
from prospector.services import team
from prospector.services.team import TeamMemberRecord

# Each factory takes a Database, and then writes in its own transaction, or the Session of a
# caller's `with db.writing() as session:`, to store several things in one transaction.
Target = Database | Session

# Three firms in three states, with what the search and the filters look at: name, city,
# postcode, state, industry, size, phone and website. Keys as the tests name them.
FIRMS = {
    "mueller": CompanyInput(
        name="Müller Maschinenbau GmbH",
        postcode="01069",
        city="Dresden",
        state="Sachsen",
        phone="0351 4567890",
        website="www.mueller-mb.de",
        industry="Maschinenbau",
        employees=42,
    ),
    "bayern": CompanyInput(
        name="Alpenblick Logistik AG",
        postcode="80331",
        city="München",
        state="Bayern",
        phone="089 1234567",
        industry="Logistik",
        employees=400,
    ),
    "kiel": CompanyInput(
        name="Förde Druck KG",
        postcode="24103",
        city="Kiel",
        state="Schleswig-Holstein",
        industry="Druck",
        employees=8,
    ),
}


@contextlib.contextmanager
def _writing(target: Target) -> Iterator[Session]:
    if isinstance(target, Database):
        with target.writing() as session:
            yield session
    else:
        yield target


def company(
    target: Target,
    name: str = "Muster GmbH",
    *,
    contacts: tuple[str | tuple[str, str], ...] = (),
    **fields: Any,
) -> CompanyRecord:
    """One company (any CompanyInput field as a keyword), with contacts given by last name
    or as (first name, last name); the record as stored, before the contacts."""
    with _writing(target) as session:
        record = company_service.create_company(session, CompanyInput(name=name, **fields))
        for person in contacts:
            first, last = person if isinstance(person, tuple) else (None, person)
            contact(session, record.id, last, first_name=first)
    return record


def companies(target: Target, *items: str | CompanyInput, bulk: bool = False) -> list[int]:
    """Several companies, each a name or a whole input, in one transaction; ids in order.

    With `bulk`, they go in the way an import stores them (one INSERT per chunk), which
    long lists need; otherwise one by one, as the company form stores them.
    """
    inputs = [CompanyInput(name=item) if isinstance(item, str) else item for item in items]
    with _writing(target) as session:
        if bulk:
            return company_service.create_companies(session, inputs)
        return [company_service.create_company(session, data).id for data in inputs]


def firms(target: Target, *, bulk: bool = False) -> dict[str, int]:
    """The three FIRMS, without contacts; their ids by key."""
    return dict(zip(FIRMS, companies(target, *FIRMS.values(), bulk=bulk), strict=True))


def contact(
    target: Target, company_id: int | None, last_name: str = "Mustermann", **fields: Any
) -> ContactRecord:
    """One contact of the company, or of none (any ContactInput field as a keyword)."""
    with _writing(target) as session:
        return contact_service.create_contact(
            session, ContactInput(company_id=company_id, last_name=last_name, **fields)
        )


def team_member(
    target: Target,
    name: str = "Anna Muster",
    role: TeamRole = TeamRole.INSIDE_SALES,
    *,
    weekly_hours: Decimal = Decimal(0),
    email: str | None = None,
    active: bool = True,
) -> TeamMemberRecord:
    """One team member; `active=False` retires them at once (no service does that yet, so the
    flag is flipped the way a later one will)."""
    with _writing(target) as session:
        member = team.create_team_member(session, name, role, weekly_hours, email)
        if active:
            return member
        session.get_one(TeamMember, member.id).active = False
        session.flush()
        (retired,) = [
            m for m in team.list_team_members(session, active_only=False) if m.id == member.id
        ]
        return retired
