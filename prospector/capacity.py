"""Qualification capacity: how many weeks the team needs to phone through the lead backlog."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

# A key, not a label: the UI names the what-if row (the one with id None) in its own language.
AGENCY_NAME = "agency"

DEFAULT_CONVERSATIONS_PER_LEAD = Fraction(2)
DEFAULT_TARGET_WEEKS = 4
DEFAULT_CALL_DAY_HOURS = Fraction(6)
DEFAULT_AGENCY_CALLS_PER_HOUR = Fraction(12)
DEFAULT_AGENCY_REACH_RATE = Fraction(1, 4)


class CapacityProblem(StrEnum):
    """Why leads cannot be worked at all; the UI turns it into a sentence."""

    NO_HOURS = "no_hours"  # nobody has weekly hours (or there is nobody)
    NO_CALLS = "no_calls"  # hours, but no calls per hour among those with hours
    NO_REACH = "no_reach"  # hours and calls, but nobody is ever reached


def _exact(name: str, value: Fraction) -> Fraction:
    given: object = value  # the type says Fraction; a float at run time would round silently
    if isinstance(given, bool) or not isinstance(given, Fraction | int):
        raise TypeError(f"{name} must be a Fraction (exact arithmetic), got {type(given).__name__}")
    # An int stays exact but would fall into float division later, so store a Fraction.
    return Fraction(value)


def _check_non_negative(name: str, value: Fraction) -> Fraction:
    exact = _exact(name, value)
    if exact < 0:
        raise ValueError(f"{name} must not be negative, got {exact}")
    return exact


def _check_positive(name: str, value: Fraction) -> Fraction:
    exact = _exact(name, value)
    if exact <= 0:
        raise ValueError(f"{name} must be above 0, got {exact}")
    return exact


def _check_share(name: str, value: Fraction) -> Fraction:
    exact = _exact(name, value)
    if not 0 <= exact <= 1:
        raise ValueError(f"{name} must lie in [0, 1], got {exact}")
    return exact


def _check_count(name: str, value: int) -> None:
    given: object = value
    if isinstance(given, bool) or not isinstance(given, int):
        raise TypeError(f"{name} must be an int, got {type(given).__name__}")
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")


@dataclass(frozen=True)
class Member:
    """One person who qualifies leads by phone (id None: the what-if agency hours)."""

    id: int | None
    name: str
    weekly_hours: Fraction  # hours a week for qualification calls
    calls_per_hour: Fraction  # dial attempts
    reach_rate: Fraction  # share of dials that reach the person
    assigned_leads: int = 0  # backlog leads this member owns

    def __post_init__(self) -> None:
        for field, check in (
            ("weekly_hours", _check_non_negative),
            ("calls_per_hour", _check_non_negative),
            ("reach_rate", _check_share),
        ):
            object.__setattr__(self, field, check(field, getattr(self, field)))
        _check_count("assigned_leads", self.assigned_leads)


@dataclass(frozen=True)
class Assumptions:
    conversations_per_lead: Fraction = DEFAULT_CONVERSATIONS_PER_LEAD
    target_weeks: int = DEFAULT_TARGET_WEEKS  # clear the backlog within this many weeks
    call_day_hours: Fraction = DEFAULT_CALL_DAY_HOURS  # productive calling hours in a call day
    # The what-if agency hours call at these rates.
    agency_calls_per_hour: Fraction = DEFAULT_AGENCY_CALLS_PER_HOUR
    agency_reach_rate: Fraction = DEFAULT_AGENCY_REACH_RATE

    def __post_init__(self) -> None:
        for field, check in (
            ("conversations_per_lead", _check_positive),
            ("call_day_hours", _check_positive),
            ("agency_calls_per_hour", _check_non_negative),
            ("agency_reach_rate", _check_share),
        ):
            object.__setattr__(self, field, check(field, getattr(self, field)))
        _check_count("target_weeks", self.target_weeks)
        if self.target_weeks == 0:
            raise ValueError("target_weeks must be above 0, got 0")


DEFAULT_ASSUMPTIONS = Assumptions()


@dataclass(frozen=True)
class MemberLoad:
    """What one member has to work through and how long it takes."""

    id: int | None
    name: str
    assigned_leads: int
    share: Fraction  # of the unassigned leads, in proportion to capacity
    leads: Fraction  # assigned_leads + share
    leads_per_week: Fraction
    weeks: Fraction | None  # None: leads but no capacity
    weeks_display: Decimal | None
    hours_needed: Fraction | None  # dial hours for `leads`; None without calls or reach
    over_capacity: bool
    problem: CapacityProblem | None  # why a member with leads has no capacity


@dataclass(frozen=True)
class CapacityPlan:
    """How long the team needs for the backlog, and what would meet the target."""

    backlog: int
    unassigned_leads: int
    target_weeks: int
    leads_per_week: Fraction
    weeks: Fraction | None  # None: a backlog but no capacity, see `problem`
    weeks_display: Decimal | None
    over_capacity: bool
    problem: CapacityProblem | None
    members: tuple[MemberLoad, ...]  # in the given order, the agency row (id None) last
    weekly_hours: Fraction  # the team's, agency hours included
    call_days_per_week: Fraction
    call_days_needed_per_week: Fraction | None
    extra_agency_hours: Fraction
    hours_to_meet_target: int | None  # total agency hours a week; None: the agency cannot help


def round_up_to_tenth(value: Fraction) -> Decimal:
    """One decimal, rounded up, so a display never promises less time than the truth."""
    return Decimal(math.ceil(value * 10)).scaleb(-1)


def _leads_per_week(member: Member, assumptions: Assumptions) -> Fraction:
    dials = member.weekly_hours * member.calls_per_hour
    return dials * member.reach_rate / assumptions.conversations_per_lead


def _problem(members: Sequence[Member]) -> CapacityProblem:
    """The reason for zero capacity; only meaningful when every member has none."""
    with_hours = [m for m in members if m.weekly_hours > 0]
    if not with_hours:
        return CapacityProblem.NO_HOURS
    if all(m.calls_per_hour == 0 for m in with_hours):
        return CapacityProblem.NO_CALLS
    return CapacityProblem.NO_REACH


def _load(
    member: Member, share: Fraction, leads_per_week: Fraction, assumptions: Assumptions
) -> MemberLoad:
    leads = member.assigned_leads + share
    weeks: Fraction | None
    if leads == 0:
        weeks = Fraction(0)
    elif leads_per_week > 0:
        weeks = leads / leads_per_week
    else:
        weeks = None
    hours_needed = None
    if member.calls_per_hour > 0 and member.reach_rate > 0:
        dials = leads * assumptions.conversations_per_lead / member.reach_rate
        hours_needed = dials / member.calls_per_hour
    return MemberLoad(
        id=member.id,
        name=member.name,
        assigned_leads=member.assigned_leads,
        share=share,
        leads=leads,
        leads_per_week=leads_per_week,
        weeks=weeks,
        weeks_display=None if weeks is None else round_up_to_tenth(weeks),
        hours_needed=hours_needed,
        over_capacity=weeks is None or weeks > assumptions.target_weeks,
        problem=_problem([member]) if weeks is None else None,
    )


def _hours_to_meet_target(backlog: int, base: Fraction, assumptions: Assumptions) -> int | None:
    """Agency hours a week that lift `base` leads a week to backlog / target_weeks."""
    missing = Fraction(backlog, assumptions.target_weeks) - base
    if missing <= 0:
        return 0
    per_hour = (
        assumptions.agency_calls_per_hour
        * assumptions.agency_reach_rate
        / assumptions.conversations_per_lead
    )
    if per_hour == 0:
        return None
    return math.ceil(missing / per_hour)


def plan_capacity(
    members: Sequence[Member],
    unassigned_leads: int,
    assumptions: Assumptions = DEFAULT_ASSUMPTIONS,
    extra_agency_hours: Fraction = Fraction(0),
) -> CapacityPlan:
    """Weeks to qualify the backlog, per team and per member, and the agency hours that would help.

    Capacity is counted in leads a week because a lead's dial hours depend on who calls. Team
    weeks assume the work can move between members; a member's weeks keep their own leads.
    hours_to_meet_target is the total agency hours needed, whatever extra_agency_hours says.
    """
    _check_count("unassigned_leads", unassigned_leads)
    extra_agency_hours = _check_non_negative("extra_agency_hours", extra_agency_hours)
    callers = list(members)
    if extra_agency_hours > 0:
        callers.append(
            Member(
                id=None,
                name=AGENCY_NAME,
                weekly_hours=extra_agency_hours,
                calls_per_hour=assumptions.agency_calls_per_hour,
                reach_rate=assumptions.agency_reach_rate,
            )
        )
    backlog = unassigned_leads + sum(m.assigned_leads for m in callers)
    rates = [_leads_per_week(m, assumptions) for m in callers]
    leads_per_week = sum(rates, Fraction(0))
    # Only those who can work leads share the unassigned ones; with nobody, nobody gets any.
    shares = [
        unassigned_leads * rate / leads_per_week if leads_per_week else Fraction(0)
        for rate in rates
    ]
    loads = tuple(
        _load(m, share, rate, assumptions)
        for m, share, rate in zip(callers, shares, rates, strict=True)
    )

    weeks: Fraction | None
    problem = None
    if backlog == 0:
        weeks = Fraction(0)
    elif leads_per_week > 0:
        weeks = backlog / leads_per_week
    else:
        weeks, problem = None, _problem(callers)

    weekly_hours = sum((m.weekly_hours for m in callers), Fraction(0))
    needed: Fraction | None = Fraction(0)
    if backlog and (weeks is None or any(x.hours_needed is None and x.leads for x in loads)):
        needed = None  # some leads cannot be dialled at all, so no number of hours is enough
    elif backlog:
        dial_hours = sum((x.hours_needed or Fraction(0) for x in loads), Fraction(0))
        needed = dial_hours / assumptions.target_weeks / assumptions.call_day_hours

    team_rate = sum(rates[: len(members)], Fraction(0))  # without the what-if agency
    return CapacityPlan(
        backlog=backlog,
        unassigned_leads=unassigned_leads,
        target_weeks=assumptions.target_weeks,
        leads_per_week=leads_per_week,
        weeks=weeks,
        weeks_display=None if weeks is None else round_up_to_tenth(weeks),
        over_capacity=weeks is None or weeks > assumptions.target_weeks,
        problem=problem,
        members=loads,
        weekly_hours=weekly_hours,
        call_days_per_week=weekly_hours / assumptions.call_day_hours,
        call_days_needed_per_week=needed,
        extra_agency_hours=extra_agency_hours,
        hours_to_meet_target=_hours_to_meet_target(backlog, team_rate, assumptions),
    )
