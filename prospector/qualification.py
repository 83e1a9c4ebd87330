"""The four criteria, the lead's moves between statuses, timing, and the company's stage."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

from prospector.enums import (
    CompanyStage,
    Criterion,
    CriterionStatus,
    LeadStatus,
    OpportunityStage,
)

CRITERIA = (Criterion.AUTHORITY, Criterion.NEED, Criterion.BUDGET, Criterion.TIMING)

# The moves a lead may make. Qualifying starts from a contact too: whoever checks the four
# criteria with a person treats them as a lead. An opportunity ends in nurturing or
# disqualified when its deal is lost; a disqualified lead can be taken up again.
MOVES: Mapping[LeadStatus, frozenset[LeadStatus]] = {
    LeadStatus.CONTACT: frozenset(
        {LeadStatus.LEAD, LeadStatus.QUALIFYING, LeadStatus.DISQUALIFIED}
    ),
    LeadStatus.LEAD: frozenset(
        {
            LeadStatus.CONTACT,
            LeadStatus.QUALIFYING,
            LeadStatus.NURTURING,
            LeadStatus.OPPORTUNITY,
            LeadStatus.DISQUALIFIED,
        }
    ),
    LeadStatus.QUALIFYING: frozenset(
        {
            LeadStatus.LEAD,
            LeadStatus.NURTURING,
            LeadStatus.OPPORTUNITY,
            LeadStatus.DISQUALIFIED,
        }
    ),
    LeadStatus.NURTURING: frozenset(
        {
            LeadStatus.LEAD,
            LeadStatus.QUALIFYING,
            LeadStatus.OPPORTUNITY,
            LeadStatus.DISQUALIFIED,
        }
    ),
    LeadStatus.OPPORTUNITY: frozenset({LeadStatus.NURTURING, LeadStatus.DISQUALIFIED}),
    LeadStatus.DISQUALIFIED: frozenset({LeadStatus.CONTACT, LeadStatus.LEAD}),
}

# Statuses of a person who is worked on as a lead.
ACTIVE_LEAD = frozenset({LeadStatus.LEAD, LeadStatus.QUALIFYING, LeadStatus.NURTURING})
# Leads that wait for someone to qualify them: the capacity planner's backlog.
AWAITING_QUALIFICATION = frozenset({LeadStatus.LEAD, LeadStatus.QUALIFYING})
_NEEDS_COMPANY = frozenset(
    {LeadStatus.LEAD, LeadStatus.QUALIFYING, LeadStatus.NURTURING, LeadStatus.OPPORTUNITY}
)

OPEN_STAGES = (OpportunityStage.OFFER, OpportunityStage.OFFER_SENT, OpportunityStage.NEGOTIATION)
# Percent a deal in the stage is won, until the user says otherwise.
DEFAULT_PROBABILITIES: Mapping[OpportunityStage, int] = {
    OpportunityStage.OFFER: 20,
    OpportunityStage.OFFER_SENT: 40,
    OpportunityStage.NEGOTIATION: 60,
    OpportunityStage.WON: 100,
    OpportunityStage.LOST: 0,
}


class Refusal(StrEnum):
    """Why a move is refused; the UI says it in the user's words."""

    NOT_ALLOWED = "not_allowed"
    NO_COMPANY = "no_company"  # a person without a company is not a lead until linked
    CRITERIA_MISSING = "criteria_missing"
    REASON_REQUIRED = "reason_required"
    DATE_REQUIRED = "date_required"


@dataclass(frozen=True)
class CriterionState:
    """One criterion as checked: open, met or not met, with the evidence for it."""

    status: CriterionStatus = CriterionStatus.OPEN
    evidence: str = ""

    @property
    def met(self) -> bool:
        """Met counts only with evidence: a tick without a reason proves nothing."""
        return self.status is CriterionStatus.MET and bool(self.evidence.strip())


Checklist = Mapping[Criterion, CriterionState]


def lacking_evidence(checklist: Checklist) -> tuple[Criterion, ...]:
    """Criteria marked met without evidence: a form refuses to save them."""
    return tuple(
        c
        for c in CRITERIA
        if (state := checklist.get(c)) is not None
        and state.status is CriterionStatus.MET
        and not state.met
    )


def missing(checklist: Checklist) -> tuple[Criterion, ...]:
    """The criteria that keep the lead from becoming an opportunity, in the article's order."""
    return tuple(c for c in CRITERIA if not checklist.get(c, CriterionState()).met)


class Verdict(StrEnum):
    READY = "ready"  # all four met: an offer can be placed
    OPEN = "open"  # some still to find out, none failed
    FAILED = "failed"  # at least one not met


def verdict(checklist: Checklist) -> Verdict:
    states = [checklist.get(c, CriterionState()) for c in CRITERIA]
    if any(s.status is CriterionStatus.NOT_MET for s in states):
        return Verdict.FAILED
    return Verdict.READY if all(s.met for s in states) else Verdict.OPEN


@dataclass(frozen=True)
class Move:
    """A lead's move from one status to another with what it needs."""

    current: LeadStatus
    target: LeadStatus
    has_company: bool = True
    checklist: Checklist | None = None  # for a move to opportunity
    reason: str | None = None  # for a disqualification
    requalify_on: dt.date | None = None  # for nurturing


def refusals(move: Move) -> tuple[Refusal, ...]:
    """Everything that stands in the way of the move; empty when it may be made. Staying in
    the same status is no move and always allowed."""
    if move.current is move.target:
        return ()
    found: list[Refusal] = []
    if move.target not in MOVES[move.current]:
        found.append(Refusal.NOT_ALLOWED)
    if move.target in _NEEDS_COMPANY and not move.has_company:
        found.append(Refusal.NO_COMPANY)
    if move.target is LeadStatus.OPPORTUNITY and (
        move.checklist is None or missing(move.checklist)
    ):
        found.append(Refusal.CRITERIA_MISSING)
    if move.target is LeadStatus.DISQUALIFIED and not (move.reason or "").strip():
        found.append(Refusal.REASON_REQUIRED)
    if move.target is LeadStatus.NURTURING and move.requalify_on is None:
        found.append(Refusal.DATE_REQUIRED)
    return tuple(found)


@dataclass(frozen=True)
class SalesWindow:
    """The usual time from first talk to decision, in months: a decision expected within
    `max_months` falls inside it (the article: 6-12 months)."""

    min_months: int = 6
    max_months: int = 12

    def __post_init__(self) -> None:
        if not 0 <= self.min_months <= self.max_months or self.max_months < 1:
            raise ValueError(f"invalid sales window {self.min_months}-{self.max_months}")


class Timing(StrEnum):
    UNKNOWN = "unknown"  # no date given
    PAST = "past"  # the date lies before today: ask again
    SOON = "soon"  # inside, sooner than the usual period: met, but the offer must hurry
    INSIDE = "inside"
    LATER = "later"  # beyond the window: nurture until it comes close


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), the month's last day where it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def timing(decision_on: dt.date | None, today: dt.date, window: SalesWindow) -> Timing:
    if decision_on is None:
        return Timing.UNKNOWN
    if decision_on < today:
        return Timing.PAST
    if decision_on > add_months(today, window.max_months):
        return Timing.LATER
    if decision_on < add_months(today, window.min_months):
        return Timing.SOON
    return Timing.INSIDE


def requalify_date(decision_on: dt.date, today: dt.date, window: SalesWindow) -> dt.date:
    """When a lead that decides later than the window should be qualified again: the day its
    decision enters the window, and never before tomorrow."""
    day = add_months(decision_on, -window.max_months)
    # A month end clamps (29 March less a month is 28 February, plus a month 28 March): step
    # on to the first day from which the decision really lies inside.
    while add_months(day, window.max_months) < decision_on:
        day += dt.timedelta(days=1)
    return max(day, today + dt.timedelta(days=1))


def company_stage(
    current: CompanyStage,
    lead_statuses: Collection[LeadStatus],
    opportunity_stages: Collection[OpportunityStage],
) -> CompanyStage:
    """The company's stage from its people and deals. A customer stays one; a company whose
    leads were all given up and whose deals were lost has no interest; one set aside by hand
    stays so until a lead or deal is active again. A person marked as an opportunity
    counts as a lead only while the company has no deal at all (as an import leaves it)."""
    if OpportunityStage.WON in opportunity_stages or current is CompanyStage.CUSTOMER:
        return CompanyStage.CUSTOMER
    if any(stage in OPEN_STAGES for stage in opportunity_stages):
        return CompanyStage.OPPORTUNITY
    if any(status in ACTIVE_LEAD for status in lead_statuses) or (
        LeadStatus.OPPORTUNITY in lead_statuses and not opportunity_stages
    ):
        return CompanyStage.LEAD
    if LeadStatus.DISQUALIFIED in lead_statuses or OpportunityStage.LOST in opportunity_stages:
        return CompanyStage.EXCLUDED
    return CompanyStage.EXCLUDED if current is CompanyStage.EXCLUDED else CompanyStage.TARGET
