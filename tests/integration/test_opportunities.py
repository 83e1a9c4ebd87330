"""The pipeline's sums, moving deals, the backlog the capacity planner reads, and owners."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import select, update

from prospector.capacity import CapacityProblem
from prospector.db import Database
from prospector.enums import CompanyStage, LeadStatus, LostReason, OpportunityStage, TeamRole
from prospector.errors import ConcurrentEdit, ValidationFailed
from prospector.models import Company, Contact, Opportunity
from prospector.services import capacity_figures, contact_bulk, opportunities
from prospector.services import undo as undo_service
from prospector.services.opportunities import OpportunityFilter
from prospector.services.team import TeamMemberInput, save_team_member
from tests import factories


def _deal(
    db: Database,
    company_id: int,
    title: str,
    stage: OpportunityStage = OpportunityStage.OFFER,
    value: str | None = "1000",
    probability: int | None = 20,
    owner_id: int | None = None,
    lost: LostReason | None = None,
) -> int:
    with db.writing() as session:
        deal = Opportunity(
            company_id=company_id,
            title=title,
            stage=stage,
            value_eur=None if value is None else Decimal(value),
            probability=probability,
            owner_id=owner_id,
            lost_reason_code=lost,
        )
        session.add(deal)
        session.flush()
        return deal.id


def test_each_stage_has_its_count_sum_and_weighted_sum(db: Database) -> None:
    first = factories.company(db, "Anker GmbH").id
    second = factories.company(db, "Bauer KG").id
    _deal(db, first, "Wartung", value="10000", probability=20)
    _deal(db, second, "Ersatzteile", value="5000", probability=20)
    _deal(db, second, "Ohne Wert", value=None)
    _deal(db, first, "Schulung", OpportunityStage.NEGOTIATION, "2500.50", 60)
    _deal(db, first, "Alt", OpportunityStage.LOST, "900", 0, lost=LostReason.PRICE)
    _deal(db, second, "Alt 2", OpportunityStage.LOST, "100", 0, lost=LostReason.PRICE)
    _deal(db, second, "Alt 3", OpportunityStage.LOST, "100", 0, lost=LostReason.COMPETITOR)
    with db.reading() as session:
        board = opportunities.pipeline(session)
    offer = board.column(OpportunityStage.OFFER)
    assert (offer.count, offer.total_eur, offer.weighted_eur) == (
        3,
        Decimal("15000.00"),
        Decimal("3000.00"),
    )
    negotiation = board.column(OpportunityStage.NEGOTIATION)
    assert (negotiation.total_eur, negotiation.weighted_eur) == (
        Decimal("2500.50"),
        Decimal("1500.30"),
    )
    assert board.column(OpportunityStage.WON).count == 0
    assert board.lost_reasons == ((LostReason.PRICE, 2), (LostReason.COMPETITOR, 1))
    assert {row.title for row in offer.rows} == {"Wartung", "Ersatzteile", "Ohne Wert"}


def test_the_pipeline_filters_by_owner_text_and_leaves_out_the_trash(db: Database) -> None:
    anna = factories.team_member(db, "Anna").id
    kept = factories.company(db, "Müller Präzision GmbH").id
    trashed = factories.company(db, "Weg AG").id
    _deal(db, kept, "Fräsen", owner_id=anna)
    _deal(db, kept, "Drehen")
    _deal(db, trashed, "Weg")
    with db.writing() as session:
        session.execute(
            update(Company).where(Company.id == trashed).values(deleted_at=dt.datetime.now(dt.UTC))
        )
    with db.reading() as session:
        everyone = opportunities.pipeline(session).column(OpportunityStage.OFFER)
        mine = opportunities.pipeline(session, OpportunityFilter(owner_id=anna))
        found = opportunities.list_opportunities(session, OpportunityFilter(text="mueller"))
    assert everyone.count == 2
    assert [r.title for r in mine.column(OpportunityStage.OFFER).rows] == ["Fräsen"]
    assert sorted(r.title for r in found) == ["Drehen", "Fräsen"]


def test_won_makes_the_company_a_customer_and_lost_needs_a_reason(db: Database) -> None:
    company = factories.company(db, "Kunde in spe GmbH").id
    deal = _deal(db, company, "Anlage")
    with db.reading() as session:
        row = opportunities.list_opportunities(session)[0]
    with pytest.raises(ValidationFailed) as info:
        opportunities.move_stage(db, deal, row.version, OpportunityStage.LOST)
    assert set(info.value.problems) == {"lost_reason_code"}
    sent = opportunities.move_stage(db, deal, row.version, OpportunityStage.OFFER_SENT).value
    assert (sent.stage, sent.probability) == (OpportunityStage.OFFER_SENT, 40)
    won = opportunities.move_stage(
        db, deal, sent.version, OpportunityStage.WON, today=dt.date(2026, 12, 6)
    ).value
    assert (won.probability, won.closed_on) == (100, dt.date(2026, 12, 6))
    with db.reading() as session:
        stored = session.get(Company, company)
        assert stored is not None
        assert stored.stage is CompanyStage.CUSTOMER
    with pytest.raises(ConcurrentEdit):
        opportunities.move_stage(db, deal, sent.version, OpportunityStage.NEGOTIATION)


def test_an_edited_probability_is_kept_until_the_stage_changes(db: Database) -> None:
    company = factories.company(db, "Prozent GmbH").id
    deal = _deal(db, company, "Angebot")
    with db.reading() as session:
        row = opportunities.list_opportunities(session)[0]
    data = opportunities.OpportunityInput(
        title="Angebot", stage=OpportunityStage.OFFER, value_eur=Decimal(100), probability=35
    )
    edited = opportunities.save_opportunity(db, deal, row.version, data).value
    assert (edited.probability, edited.weighted_eur) == (35, Decimal("35.00"))
    moved = opportunities.move_stage(db, deal, edited.version, OpportunityStage.NEGOTIATION).value
    assert moved.probability == 60


def test_the_backlog_counts_leads_awaiting_qualification_per_owner(db: Database) -> None:
    anna = factories.team_member(db, "Anna", weekly_hours=Decimal(10)).id
    gone = factories.team_member(db, "Bert").id
    live = factories.company(db, "Lebendig GmbH").id
    trashed = factories.company(db, "Papierkorb GmbH").id
    for index, status in enumerate(
        [LeadStatus.LEAD, LeadStatus.QUALIFYING, LeadStatus.NURTURING, LeadStatus.CONTACT]
    ):
        factories.contact(db, live, f"Anna{index}", lead_status=status, owner_id=anna)
    factories.contact(db, live, "Niemand", lead_status=LeadStatus.LEAD)
    factories.contact(db, live, "Bert1", lead_status=LeadStatus.LEAD, owner_id=gone)
    factories.contact(db, trashed, "Weg", lead_status=LeadStatus.LEAD)
    with db.writing() as session:
        session.execute(
            update(Company).where(Company.id == trashed).values(deleted_at=dt.datetime.now(dt.UTC))
        )
        session.execute(update(Contact).where(Contact.last_name == "Bert1").values(owner_id=gone))
    with db.reading() as session:
        assert capacity_figures.backlog(session) == {anna: 2, None: 1, gone: 1}
    # Bert stops qualifying: his lead counts as without owner.
    save_team_member(db, TeamMemberInput("Bert", TeamRole.AGENCY, active=False), gone)
    with db.reading() as session:
        figures = capacity_figures.capacity(session)
    assert figures.orphaned == 1
    assert (figures.plan.backlog, figures.plan.unassigned_leads) == (4, 2)
    # Anna: 10 h x 10 calls x 25 % / 2 conversations = 12.5 leads a week.
    assert figures.plan.leads_per_week == Fraction(25, 2)


def test_no_hours_is_a_problem_not_a_division(db: Database) -> None:
    factories.team_member(db, "Anna")
    company = factories.company(db, "Lead GmbH").id
    factories.contact(db, company, "Lead", lead_status=LeadStatus.LEAD)
    with db.reading() as session:
        plan = capacity_figures.capacity(session).plan
        with_agency = capacity_figures.capacity(session, Fraction(5)).plan
    assert (plan.weeks, plan.problem) == (None, CapacityProblem.NO_HOURS)
    assert with_agency.weeks is not None


def test_owners_given_to_many_persons_can_be_undone(db: Database) -> None:
    anna = factories.team_member(db, "Anna").id
    company = factories.company(db, "Team GmbH").id
    ids = [factories.contact(db, company, f"P{i}").id for i in range(3)]
    outcome = contact_bulk.set_owner(db, ids, anna)
    assert outcome.value == 3
    assert outcome.undo is not None
    assert contact_bulk.set_owner(db, ids, anna).value == 0
    with db.reading() as session:
        owners = set(session.scalars(select(Contact.owner_id).where(Contact.id.in_(ids))))
    assert owners == {anna}
    undo_service.undo(db, outcome.undo)
    with db.reading() as session:
        owners = set(session.scalars(select(Contact.owner_id).where(Contact.id.in_(ids))))
    assert owners == {None}
