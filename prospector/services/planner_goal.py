"""The funnel planner's goal and rates, kept in the database for everyone who plans."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import InvalidOperation
from fractions import Fraction
from typing import Any

from sqlalchemy.orm import Session

from prospector.changes import NOTHING, Outcome
from prospector.db import Database
from prospector.funnel import DEFAULT_CUSTOMER_RATE, DEFAULT_LEAD_RATE
from prospector.services.shared_settings import read_setting, write_setting

KEY = "planner_goal"


@dataclass(frozen=True)
class PlannerGoal:
    customers: int = 5
    months: int = 12
    lead_rate: Fraction = DEFAULT_LEAD_RATE
    customer_rate: Fraction = DEFAULT_CUSTOMER_RATE

    def to_json(self) -> dict[str, Any]:
        return {
            "customers": self.customers,
            "months": self.months,
            "lead_rate": str(self.lead_rate),
            "customer_rate": str(self.customer_rate),
        }


def _rate(raw: Any, default: Fraction) -> Fraction:
    try:
        rate = Fraction(str(raw))
    except (ValueError, ZeroDivisionError, InvalidOperation):
        return default
    return rate if 0 < rate <= 1 else default


def load_goal(session: Session) -> PlannerGoal:
    """The goal last planned with; the rule of ten for five customers a year at first (and
    for any part of a stored goal that cannot be read)."""
    stored = read_setting(session, KEY)
    if not isinstance(stored, dict):
        return PlannerGoal()
    default = PlannerGoal()
    customers = stored.get("customers")
    months = stored.get("months")
    return PlannerGoal(
        customers=customers if isinstance(customers, int) and customers >= 0 else default.customers,
        months=months if isinstance(months, int) and months > 0 else default.months,
        lead_rate=_rate(stored.get("lead_rate"), default.lead_rate),
        customer_rate=_rate(stored.get("customer_rate"), default.customer_rate),
    )


def save_goal(db: Database, goal: PlannerGoal) -> Outcome[PlannerGoal]:
    with db.writing() as session:
        write_setting(session, KEY, goal.to_json())
    return Outcome(goal, NOTHING)
