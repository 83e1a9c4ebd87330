"""Qualifying a lead on both databases: the gate, the moves, the history, the conflicts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from prospector.db import Database
from prospector.enums import (
    CompanyStage,
    Criterion,
    CriterionStatus,
    DisqualifyReason,
    LeadStatus,
    OpportunityStage,
)
from prospector.errors import ConcurrentEdit, ValidationFailed
from prospector.models import Company, Contact, LeadEvent, Opportunity, Qualification
from prospector.qualification import CRITERIA, CriterionState, Refusal
from prospector.records import CONTACT_INPUT_FIELDS, ContactInput, ContactRecord
from prospector.services import pipeline_settings
from prospector.services.contacts import get_contact, save_contact
from prospector.services.qualification import (
    Disqualify,
    MoveRefused,
    Nurture,
    OpenOpportunity,
    QualificationInput,
    SetStatus,
    open_opportunity,
    read_qualification,
    save_qualification,
)
from tests import factories

MET = CriterionState(CriterionStatus.MET, "confirmed on the phone")
ALL_MET = dict.fromkeys(CRITERIA, MET)
TODAY = dt.date(2026, 12, 6)


@pytest.fixture
def lead(db: Database) -> tuple[int, int, int]:
    """A company with a lead and a colleague, and the team member who qualifies:
    (contact id, company id, member id)."""
    company = factories.company(db, "Kühn Maschinenbau GmbH")
    person = factories.contact(
        db, company.id, "Weiß", first_name="Jürgen", lead_status=LeadStatus.LEAD
    )
    factories.contact(db, company.id, "Öztürk", first_name="Ayşe")
    member = factories.team_member(db, "Anna Muster")
    return person.id, company.id, member.id


def _input(db: Database, contact_id: int, **changes: object) -> QualificationInput:
    with db.reading() as session:
        stored = read_qualification(session, contact_id)
    values: dict[str, object] = {
        "contact_id": contact_id,
        "criteria": stored.checklist(),
        "version": stored.version,
        "status_read": stored.lead_status,
    }
    values.update(changes)
    return QualificationInput(**values)  # type: ignore[arg-type]


def _state(db: Database, contact_id: int) -> tuple[LeadStatus, CompanyStage, int, int]:
    """The lead's status, its company's stage, and how many deals and events there are."""
    with db.reading() as session:
        contact = session.get(Contact, contact_id)
        assert contact is not None
        assert contact.company_id is not None
        company = session.get(Company, contact.company_id)
        assert company is not None
        deals = session.scalar(select(func.count()).select_from(Opportunity)) or 0
        events = session.scalar(select(func.count()).select_from(LeadEvent)) or 0
        return contact.lead_status, company.stage, deals, events


def test_saving_the_checklist_starts_qualifying_and_records_who_and_when(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, _company, member = lead
    checklist = {Criterion.AUTHORITY: MET, Criterion.NEED: CriterionState()}
    outcome = save_qualification(
        db, _input(db, contact_id, criteria=checklist), by_id=member, today=TODAY
    )
    record = outcome.value
    assert record.lead_status is LeadStatus.QUALIFYING
    authority = record.criteria[Criterion.AUTHORITY]
    assert (authority.status, authority.evidence, authority.on, authority.by) == (
        CriterionStatus.MET,
        "confirmed on the phone",
        TODAY,
        "Anna Muster",
    )
    assert record.criteria[Criterion.NEED].on is None
    subjects = [(e.subject, e.old_value, e.new_value, e.by) for e in record.history]
    assert ("authority", "open", "met", "Anna Muster") in subjects
    assert ("status", "lead", "qualifying", "Anna Muster") in subjects
    assert outcome.changes.contacts
    assert outcome.changes.companies


def test_met_needs_evidence(db: Database, lead: tuple[int, int, int]) -> None:
    contact_id, _company, _member = lead
    bare = {Criterion.BUDGET: CriterionState(CriterionStatus.MET, "")}
    with pytest.raises(ValidationFailed) as info:
        save_qualification(db, _input(db, contact_id, criteria=bare))
    assert set(info.value.problems) == {"budget"}
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Qualification)) == 0


@pytest.mark.parametrize("left_open", CRITERIA)
def test_no_opportunity_unless_all_four_are_met_and_nothing_is_written(
    db: Database, lead: tuple[int, int, int], left_open: Criterion
) -> None:
    contact_id, _company, _member = lead
    before = _state(db, contact_id)
    checklist = dict(ALL_MET) | {left_open: CriterionState()}
    with pytest.raises(MoveRefused) as info:
        save_qualification(
            db, _input(db, contact_id, criteria=checklist), OpenOpportunity("Wartungsvertrag")
        )
    assert info.value.refusals == (Refusal.CRITERIA_MISSING,)
    assert info.value.missing == (left_open,)
    # The checklist was not saved either: the whole unit of work was refused.
    assert _state(db, contact_id) == before
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Qualification)) == 0


def test_no_opportunity_from_a_list_either_unless_the_stored_criteria_are_met(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, _company, _member = lead
    with pytest.raises(MoveRefused):
        open_opportunity(db, contact_id, OpenOpportunity("Angebot"))
    three = dict(ALL_MET) | {Criterion.TIMING: CriterionState()}
    save_qualification(db, _input(db, contact_id, criteria=three))
    with pytest.raises(MoveRefused) as info:
        open_opportunity(db, contact_id, OpenOpportunity("Angebot"))
    assert info.value.missing == (Criterion.TIMING,)
    save_qualification(db, _input(db, contact_id, criteria=ALL_MET))
    opened = open_opportunity(db, contact_id, OpenOpportunity("Angebot"))
    with db.reading() as session:
        deal = session.get(Opportunity, opened.value)
        assert deal is not None
        assert deal.title == "Angebot"


def test_all_four_met_opens_an_opportunity_with_the_stage_probability(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, company_id, member = lead
    outcome = save_qualification(
        db,
        _input(db, contact_id, criteria=ALL_MET),
        OpenOpportunity("Wartungsvertrag 2027", Decimal("12000"), dt.date(2027, 3, 31)),
        by_id=member,
    )
    assert outcome.value.lead_status is LeadStatus.OPPORTUNITY
    assert outcome.value.open_opportunity_id is not None
    assert outcome.changes.opportunities
    with db.reading() as session:
        deal = session.get(Opportunity, outcome.value.open_opportunity_id)
        assert deal is not None
        assert (deal.company_id, deal.stage, deal.probability, deal.value_eur) == (
            company_id,
            OpportunityStage.OFFER,
            20,
            Decimal("12000.00"),
        )
        company = session.get(Company, company_id)
        assert company is not None
        assert company.stage is CompanyStage.OPPORTUNITY


def test_a_later_decision_sends_the_lead_to_nurturing_with_its_date(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, _company, _member = lead
    with pytest.raises(MoveRefused) as info:
        save_qualification(db, _input(db, contact_id), Nurture(None))
    assert info.value.refusals == (Refusal.DATE_REQUIRED,)
    timing = {Criterion.TIMING: CriterionState(CriterionStatus.NOT_MET, "budget only in 2028")}
    record = save_qualification(
        db,
        _input(db, contact_id, criteria=timing, decision_expected_on=dt.date(2028, 3, 1)),
        Nurture(dt.date(2027, 3, 1), "call again in spring"),
    ).value
    assert (record.lead_status, record.requalify_on) == (LeadStatus.NURTURING, dt.date(2027, 3, 1))
    assert record.decision_expected_on == dt.date(2028, 3, 1)
    assert record.history[0].note == "call again in spring"


def test_disqualifying_needs_a_reason_and_sets_the_company_aside(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, company_id, _member = lead
    with pytest.raises(MoveRefused):
        save_qualification(db, _input(db, contact_id), Disqualify(None))
    record = save_qualification(
        db, _input(db, contact_id), Disqualify(DisqualifyReason.COMPETITOR, "Rahmenvertrag")
    ).value
    assert (record.lead_status, record.disqualify_reason, record.disqualify_note) == (
        LeadStatus.DISQUALIFIED,
        DisqualifyReason.COMPETITOR,
        "Rahmenvertrag",
    )
    assert record.history[0].reason == "competitor"
    with db.reading() as session:
        company = session.get(Company, company_id)
        assert company is not None
        assert company.stage is CompanyStage.EXCLUDED
    # Taken up again: a lead once more, and the company with it.
    save_qualification(db, _input(db, contact_id), SetStatus(LeadStatus.LEAD))
    assert _state(db, contact_id)[:2] == (LeadStatus.LEAD, CompanyStage.LEAD)


def test_a_refused_move_names_the_rule(db: Database, lead: tuple[int, int, int]) -> None:
    contact_id, _company, _member = lead
    save_qualification(db, _input(db, contact_id), Disqualify(DisqualifyReason.NO_NEED))
    with pytest.raises(MoveRefused) as info:
        save_qualification(db, _input(db, contact_id), SetStatus(LeadStatus.QUALIFYING))
    assert info.value.refusals == (Refusal.NOT_ALLOWED,)


def test_a_person_without_a_company_cannot_be_qualified_into_a_lead(db: Database) -> None:
    alone = factories.contact(db, None, "Ohnefirma")
    with pytest.raises(MoveRefused) as info:
        save_qualification(db, _input(db, alone.id), SetStatus(LeadStatus.LEAD))
    assert info.value.refusals == (Refusal.NO_COMPANY,)


def test_a_second_writer_gets_the_conflict_and_the_first_keeps_their_work(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, _company, _member = lead
    first = _input(db, contact_id, criteria={Criterion.NEED: MET})
    second = _input(
        db, contact_id, criteria={Criterion.BUDGET: CriterionState(CriterionStatus.NOT_MET)}
    )
    save_qualification(db, first)
    with pytest.raises(ConcurrentEdit) as info:
        save_qualification(db, second)
    assert "Jürgen Weiß" in info.value.message
    with db.reading() as session:
        stored = read_qualification(session, contact_id)
    assert stored.criteria[Criterion.NEED].status is CriterionStatus.MET
    assert stored.criteria[Criterion.BUDGET].status is CriterionStatus.OPEN
    # Read again, the second writer's change goes through.
    save_qualification(db, _input(db, contact_id, criteria=second.criteria))
    with db.reading() as session:
        assert (
            read_qualification(session, contact_id).criteria[Criterion.BUDGET].status
            is CriterionStatus.NOT_MET
        )


def test_the_others_who_decide_are_people_of_the_same_company(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, _company, _member = lead
    elsewhere = factories.contact(db, factories.company(db, "Andere AG").id, "Fremd")
    with db.reading() as session:
        colleague = read_qualification(session, contact_id).colleagues[0]
    assert colleague.name == "Ayşe Öztürk"
    record = save_qualification(
        db,
        _input(
            db,
            contact_id,
            authority_others=(colleague.id, elsewhere.id, colleague.id, contact_id),
            need_pains=("Stillstand", " ", "Stillstand"),
            budget_available=True,
            budget_min_eur=Decimal(5000),
            budget_max_eur=Decimal(8000),
            budget_period="2027",
        ),
    ).value
    assert record.authority_others == (colleague.id,)
    assert record.need_pains == ("Stillstand",)
    assert (record.budget_min_eur, record.budget_max_eur, record.budget_period) == (
        Decimal("5000.00"),
        Decimal("8000.00"),
        "2027",
    )


def test_a_reversed_budget_range_is_refused(db: Database, lead: tuple[int, int, int]) -> None:
    contact_id, _company, _member = lead
    with pytest.raises(ValidationFailed) as info:
        save_qualification(
            db, _input(db, contact_id, budget_min_eur=Decimal(9), budget_max_eur=Decimal(5))
        )
    assert set(info.value.problems) == {"budget_max_eur"}


def test_the_sales_window_is_a_shared_setting(db: Database) -> None:
    with db.reading() as session:
        assert pipeline_settings.sales_window(session).max_months == 12
    pipeline_settings.save_sales_window(db, 3, 9)
    with db.reading() as session:
        window = pipeline_settings.sales_window(session)
    assert (window.min_months, window.max_months) == (3, 9)
    with pytest.raises(ValidationFailed):
        pipeline_settings.save_sales_window(db, 10, 9)


def test_the_persons_form_moves_the_status_by_the_same_rules(
    db: Database, lead: tuple[int, int, int]
) -> None:
    contact_id, company_id, member = lead
    with db.reading() as session:
        stored = get_contact(session, contact_id)
    fields = {name: getattr(stored, name) for name in CONTACT_INPUT_FIELDS}

    def save(status: LeadStatus, version: int) -> ContactRecord:
        data = ContactInput(**(fields | {"lead_status": status}))
        return save_contact(db, data, contact_id, version, by_id=member).value

    # An opportunity, a disqualification or nurturing need the checklist's questions answered.
    for target in (LeadStatus.OPPORTUNITY, LeadStatus.DISQUALIFIED, LeadStatus.NURTURING):
        with pytest.raises(ValidationFailed) as info:
            save(target, stored.version)
        assert info.value.problems["lead_status"].code == "use_checklist"
    # Back to a plain contact is a move the form may make, recorded with who made it.
    back = save(LeadStatus.CONTACT, stored.version)
    with db.reading() as session:
        history = read_qualification(session, contact_id).history
        company = session.get(Company, company_id)
        assert company is not None
        assert company.stage is CompanyStage.TARGET
    assert (history[0].old_value, history[0].new_value, history[0].by) == (
        "lead",
        "contact",
        "Anna Muster",
    )
    # Even with all four criteria met, an opportunity is opened by the checklist only: it
    # creates the deal that the status stands for.
    save_qualification(db, _input(db, contact_id, criteria=ALL_MET))
    with db.reading() as session:
        version = get_contact(session, contact_id).version
    with pytest.raises(ValidationFailed):
        save(LeadStatus.OPPORTUNITY, version)
    assert back.lead_status is LeadStatus.CONTACT
