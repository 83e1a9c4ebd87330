"""What the funnel planner reads: the actual funnel of a profile, what-ifs, measured rates."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from prospector.enums import CompanyStage, LeadStatus, OpportunityStage
from prospector.funnel import (
    Funnel,
    MeasuredRates,
    SourceFunnel,
    actual_funnel,
    measured_rates,
)
from prospector.icp import CriterionKind, Profile
from prospector.models import Company, Contact, Opportunity
from prospector.services import fit_sql
from prospector.services.core_group import core_group
from prospector.services.sources import costs

# Everyone who ever could decide: a lead, whatever became of them since.
_LEAD_STATUSES = (
    LeadStatus.LEAD,
    LeadStatus.QUALIFYING,
    LeadStatus.NURTURING,
    LeadStatus.OPPORTUNITY,
    LeadStatus.DISQUALIFIED,
)


@dataclass(frozen=True)
class FunnelFigures:
    """The actual funnel of one profile, with what relaxing each must would add."""

    profile: Profile
    funnel: Funnel
    added_by_dropping: dict[CriterionKind, int]  # the musts only
    measured: MeasuredRates


def funnel_figures(session: Session, profile: Profile) -> FunnelFigures:
    counts = core_group(session, profile)
    core = fit_sql.all_met(profile.musts)
    live = Company.deleted_at.is_(None)
    in_core = select(Company.id).where(live, core)
    leads = session.scalar(
        select(func.count())
        .select_from(Contact)
        .where(
            Contact.deleted_at.is_(None),
            Contact.lead_status.in_(_LEAD_STATUSES),
            Contact.company_id.in_(in_core),
        )
    )
    opportunities = session.scalar(
        select(func.count()).select_from(Opportunity).where(Opportunity.company_id.in_(in_core))
    )
    customers = session.scalar(
        select(func.count())
        .select_from(Company)
        .where(live, core, Company.stage == CompanyStage.CUSTOMER)
    )
    return FunnelFigures(
        profile=profile,
        funnel=actual_funnel(
            target_group=counts.target_group,
            core_group=counts.core,
            leads=leads or 0,
            opportunities=opportunities or 0,
            customers=customers or 0,
        ),
        added_by_dropping={c.kind: c.added_if_dropped for c in counts.criteria if c.must},
        measured=history(session),
    )


def history(session: Session) -> MeasuredRates:
    """The rates of the whole database: companies worked on that gave a lead, and leads that
    were decided (won, lost or disqualified) that became customers."""
    has_lead = (
        select(Contact.id)
        .where(
            Contact.company_id == Company.id,
            Contact.deleted_at.is_(None),
            Contact.lead_status.in_(_LEAD_STATUSES),
        )
        .exists()
    )
    touched, with_lead = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((has_lead, 1), else_=0)), 0),
        )
        .select_from(Company)
        .where(
            Company.deleted_at.is_(None),
            (Company.stage != CompanyStage.TARGET) | has_lead,
        )
    ).one()
    closed = (OpportunityStage.WON, OpportunityStage.LOST)
    decided_by_offer = set(
        session.scalars(
            select(Opportunity.contact_id)
            .where(Opportunity.stage.in_(closed), Opportunity.contact_id.is_not(None))
            .distinct()
        )
    )
    won = set(
        session.scalars(
            select(Opportunity.contact_id)
            .where(Opportunity.stage == OpportunityStage.WON, Opportunity.contact_id.is_not(None))
            .distinct()
        )
    )
    disqualified = set(
        session.scalars(
            select(Contact.id).where(
                Contact.deleted_at.is_(None), Contact.lead_status == LeadStatus.DISQUALIFIED
            )
        )
    )
    decided = decided_by_offer | disqualified
    return measured_rates(
        targets_touched=int(touched),
        leads=int(with_lead),
        decided_leads=len(decided),
        won=len(won & decided),
    )


def source_funnels(session: Session) -> list[SourceFunnel]:
    """The funnel of each source companies name (and of those that name none, as ""), with
    what the source cost: the biggest first."""
    live = Company.deleted_at.is_(None)
    source = func.coalesce(Company.source, "")
    companies = dict(
        session.execute(select(source, func.count()).where(live).group_by(source)).all()
    )
    leads = dict(
        session.execute(
            select(source, func.count(Contact.id))
            .join(Contact, Contact.company_id == Company.id)
            .where(
                live,
                Contact.deleted_at.is_(None),
                Contact.lead_status.in_(_LEAD_STATUSES),
            )
            .group_by(source)
        ).all()
    )
    opportunities = dict(
        session.execute(
            select(source, func.count(Opportunity.id))
            .join(Opportunity, Opportunity.company_id == Company.id)
            .where(live)
            .group_by(source)
        ).all()
    )
    customers = dict(
        session.execute(
            select(source, func.count())
            .where(live, Company.stage == CompanyStage.CUSTOMER)
            .group_by(source)
        ).all()
    )
    paid = costs(session)
    names = set(companies) | set(paid)
    found = [
        SourceFunnel(
            source=name,
            cost_eur=paid.get(name),
            companies=int(companies.get(name, 0)),
            leads=int(leads.get(name, 0)),
            opportunities=int(opportunities.get(name, 0)),
            customers=int(customers.get(name, 0)),
        )
        for name in names
    ]
    return sorted(found, key=lambda f: (-f.companies, f.source))
