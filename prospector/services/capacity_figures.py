"""The qualification backlog by owner and the team's capacity to work through it."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from prospector.capacity import (
    DEFAULT_ASSUMPTIONS,
    Assumptions,
    CapacityPlan,
    Member,
    plan_capacity,
)
from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import FieldProblem, ValidationFailed
from prospector.models import Company, Contact, TeamMember
from prospector.qualification import AWAITING_QUALIFICATION
from prospector.services.shared_settings import read_setting, write_setting

ASSUMPTIONS_KEY = "capacity.assumptions"


def backlog(session: Session) -> dict[int | None, int]:
    """Leads awaiting qualification per owner (None: nobody), of companies not in the trash."""
    # The few trashed ids come from their partial index once; a correlated test would look
    # up the company of every lead.
    trashed = select(Company.id).where(Company.deleted_at.is_not(None))
    rows = session.execute(
        select(Contact.owner_id, func.count())
        .where(
            Contact.deleted_at.is_(None),
            Contact.lead_status.in_(AWAITING_QUALIFICATION),
            or_(Contact.company_id.is_(None), Contact.company_id.not_in(trashed)),
        )
        .group_by(Contact.owner_id)
    )
    return {owner: int(count) for owner, count in rows}


def assumptions(session: Session) -> Assumptions:
    """The stored assumptions; the defaults for any missing or unreadable."""
    stored = read_setting(session, ASSUMPTIONS_KEY)
    if not isinstance(stored, dict):
        return DEFAULT_ASSUMPTIONS
    try:
        return Assumptions(
            conversations_per_lead=Fraction(stored["conversations_per_lead"]),
            target_weeks=int(stored["target_weeks"]),
            call_day_hours=Fraction(stored["call_day_hours"]),
            agency_calls_per_hour=Fraction(stored["agency_calls_per_hour"]),
            agency_reach_rate=Fraction(stored["agency_reach_rate"]),
        )
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return DEFAULT_ASSUMPTIONS


def save_assumptions(db: Database, values: Assumptions) -> Outcome[Assumptions]:
    """Store what the planner assumes; stored as exact fractions in text."""
    problems: dict[str, FieldProblem] = {}
    if not 0 < values.conversations_per_lead <= 20:
        problems["conversations_per_lead"] = FieldProblem(
            "out_of_range", "between 1 and 20", low=1, high=20
        )
    if not 1 <= values.target_weeks <= 52:
        problems["target_weeks"] = FieldProblem(
            "out_of_range", "between 1 and 52 weeks", low=1, high=52
        )
    if not 0 < values.call_day_hours <= 12:
        problems["call_day_hours"] = FieldProblem(
            "out_of_range", "between 1 and 12 hours", low=1, high=12
        )
    if problems:
        raise ValidationFailed(problems)
    with db.writing() as session:
        write_setting(
            session,
            ASSUMPTIONS_KEY,
            {
                "conversations_per_lead": str(values.conversations_per_lead),
                "target_weeks": values.target_weeks,
                "call_day_hours": str(values.call_day_hours),
                "agency_calls_per_hour": str(values.agency_calls_per_hour),
                "agency_reach_rate": str(values.agency_reach_rate),
            },
        )
    return Outcome(values, Changes(team=True))


@dataclass(frozen=True)
class CapacityFigures:
    plan: CapacityPlan
    assumptions: Assumptions
    # Leads owned by someone who no longer qualifies (inactive): counted as unassigned.
    orphaned: int


def capacity(session: Session, extra_agency_hours: Fraction = Fraction(0)) -> CapacityFigures:
    """The planner's figures for the active team and today's backlog."""
    counts = backlog(session)
    members = session.scalars(select(TeamMember).where(TeamMember.active.is_(True))).all()
    known = {m.id for m in members}
    orphaned = sum(n for owner, n in counts.items() if owner is not None and owner not in known)
    team = [
        Member(
            id=m.id,
            name=m.name,
            weekly_hours=Fraction(m.weekly_hours),
            calls_per_hour=Fraction(m.calls_per_hour),
            reach_rate=Fraction(m.reach_percent, 100),
            assigned_leads=counts.get(m.id, 0),
        )
        for m in sorted(members, key=lambda m: (m.name.casefold(), m.id))
    ]
    given = assumptions(session)
    plan = plan_capacity(team, counts.get(None, 0) + orphaned, given, extra_agency_hours)
    return CapacityFigures(plan, given, orphaned)
