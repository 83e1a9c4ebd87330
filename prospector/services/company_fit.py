"""How one company fits the active profile, with the reasons."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector.fit import CompanyFacts, Fit, fit
from prospector.models import Company, CompanyTag, Tag
from prospector.services.profiles import active_profile


@dataclass(frozen=True)
class CompanyFit:
    profile_name: str
    fit: Fit


def facts(session: Session, company_id: int) -> CompanyFacts | None:
    company = session.get(Company, company_id)
    if company is None:
        return None
    tags = session.scalars(
        select(Tag.name)
        .join(CompanyTag, CompanyTag.tag_id == Tag.id)
        .where(CompanyTag.company_id == company_id)
    )
    return CompanyFacts(
        wz_code=company.wz_code,
        industry=company.industry,
        employees=company.employees,
        turnover_eur=company.turnover_eur,
        country=company.country,
        state=company.state,
        postcode=company.postcode,
        structure=company.structure,
        activity_type=company.activity_type,
        tags=frozenset(tags),
    )


def company_fit(session: Session, company_id: int) -> CompanyFit | None:
    """The company against the active profile; None without a profile or company."""
    profile = active_profile(session)
    if profile is None:
        return None
    found = facts(session, company_id)
    if found is None:
        return None
    return CompanyFit(profile.name, fit(profile, found))
