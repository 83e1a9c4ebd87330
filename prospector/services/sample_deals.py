"""The sample's leads a few months into prospecting: qualified, nurtured, given up, won."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector.enums import (
    CompanyStage,
    CriterionStatus,
    DisqualifyReason,
    LeadStatus,
    LostReason,
    OpportunityStage,
)
from prospector.models import Company, Contact, LeadEvent, Opportunity, Qualification
from prospector.qualification import CRITERIA, DEFAULT_PROBABILITIES
from prospector.sampledata import targeting
from prospector.services.qualification import pains_of, restage

# Evidence as salespeople note it, per criterion.
EVIDENCE = {
    "authority": "Entscheidet laut eigener Aussage allein über Anschaffungen bis 100.000 €",
    "need": "Zwei ungeplante Stillstände im letzten Quartal, Wartung bisher extern",
    "budget": "Investitionsbudget für 2027 freigegeben",
    "timing": "Entscheidung im zweiten Quartal 2027",
}
OPEN_STAGES = (OpportunityStage.OFFER, OpportunityStage.OFFER_SENT, OpportunityStage.NEGOTIATION)
REASONS = (
    DisqualifyReason.NO_NEED,
    DisqualifyReason.COMPETITOR,
    DisqualifyReason.NO_BUDGET,
    DisqualifyReason.NOT_INTERESTED,
)
TITLES = (
    "Wartungsvertrag Fertigungslinie",
    "Retrofit Steuerung",
    "Ersatzteilpaket 2027",
    "Fernwartung und Hotline",
    "Schulung Instandhaltung",
    "Zustandsüberwachung Pilot",
    "Rahmenvertrag Service",
)
LOST = (LostReason.PRICE, LostReason.COMPETITOR, LostReason.PRICE, LostReason.POSTPONED)


def _qualified(contact: Contact, met: int, today: dt.date, by: int | None) -> Qualification:
    """The first `met` criteria met with evidence, the rest open."""
    row = Qualification(contact_id=contact.id)
    for index, criterion in enumerate(CRITERIA):
        key = criterion.value
        if index < met:
            setattr(row, f"{key}_status", CriterionStatus.MET)
            setattr(row, f"{key}_note", EVIDENCE[key])
            setattr(row, f"{key}_on", today - dt.timedelta(days=7 + index))
            setattr(row, f"{key}_by_id", by)
        else:
            setattr(row, f"{key}_status", CriterionStatus.OPEN)
    if met >= 2:
        row.need_pains = list(pains_of(targeting.PROFILE.pain_points)[:2])
    return row


def _move(
    session: Session, contact: Contact, target: LeadStatus, at: dt.datetime, by: int | None
) -> None:
    session.add(
        LeadEvent(
            contact_id=contact.id,
            at=at,
            by_id=by,
            subject="status",
            old_value=contact.lead_status.value,
            new_value=target.value,
        )
    )
    contact.lead_status = target


def add_sample_deals(session: Session, company_ids: list[int], today: dt.date) -> None:
    """Work the sample's leads as a team would have, each by its company's owner: by turns a
    lead stays one, is being qualified, waits in nurturing, became an opportunity or was given
    up; some customers come with the deal that won them, some deals were lost."""
    now = dt.datetime.combine(today, dt.time(9), dt.UTC)
    leads = session.scalars(
        select(Contact)
        .where(Contact.company_id.in_(company_ids), Contact.lead_status == LeadStatus.LEAD)
        .order_by(Contact.id)
    ).all()
    owners: dict[int, int | None] = {
        ident: owner
        for ident, owner in session.execute(
            select(Company.id, Company.owner_id).where(Company.id.in_(company_ids))
        )
    }
    for index, contact in enumerate(leads):
        assert contact.company_id is not None
        # The company's owner works the lead; the person keeps no owner of their own, as the
        # spreadsheet exchange does not carry one yet.
        by = owners.get(contact.company_id)
        turn = index % 6
        if turn == 0:
            session.add(_qualified(contact, 2, today, by))
            _move(session, contact, LeadStatus.QUALIFYING, now, by)
        elif turn == 1:
            row = _qualified(contact, 2, today, by)
            row.timing_status = CriterionStatus.NOT_MET
            row.timing_note = "Neue Linie erst 2028 geplant"
            row.decision_expected_on = today.replace(day=1) + dt.timedelta(days=540)
            row.requalify_on = today + dt.timedelta(days=120 + index)
            session.add(row)
            _move(session, contact, LeadStatus.NURTURING, now, by)
        elif turn == 2:
            session.add(_qualified(contact, 4, today, by))
            _move(session, contact, LeadStatus.OPPORTUNITY, now, by)
            stage = OPEN_STAGES[(index // 6) % len(OPEN_STAGES)]
            session.add(
                Opportunity(
                    company_id=contact.company_id,
                    contact_id=contact.id,
                    title=TITLES[(index // 6) % len(TITLES)],
                    stage=stage,
                    value_eur=Decimal(8000 + (index * 3700) % 52000),
                    probability=DEFAULT_PROBABILITIES[stage],
                    expected_close_on=today + dt.timedelta(days=30 + (index * 11) % 150),
                    owner_id=by,
                )
            )
        elif turn == 3:
            row = _qualified(contact, 1, today, by)
            reason = REASONS[(index // 6) % len(REASONS)]
            row.disqualify_reason = reason
            session.add(row)
            _move(session, contact, LeadStatus.DISQUALIFIED, now, by)
    _closed_deals(session, company_ids, today)
    session.flush()
    restage(session, set(company_ids))


def _closed_deals(session: Session, company_ids: list[int], today: dt.date) -> None:
    """The deal each sample customer was won with, and a few lost ones with their reasons."""
    customers = session.scalars(
        select(Company.id)
        .where(Company.id.in_(company_ids), Company.stage == CompanyStage.CUSTOMER)
        .order_by(Company.id)
    ).all()
    for index, company_id in enumerate(customers):
        lost = index % 3 == 2
        session.add(
            Opportunity(
                company_id=company_id,
                title="Rahmenvertrag Ersatzteile",
                stage=OpportunityStage.LOST if lost else OpportunityStage.WON,
                value_eur=Decimal(12000 + index * 2500),
                probability=0 if lost else 100,
                closed_on=today - dt.timedelta(days=20 + index * 9),
                lost_reason_code=LOST[index % len(LOST)] if lost else None,
            )
        )
