"""A call day's calls, each with what the caller needs on paper, and the order they come in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    CompanyStage,
    Criterion,
    CriterionStatus,
    LeadStatus,
)

# How far along a lead is, for the order of a call list: the nearer to a deal, the earlier.
_STATUS_RANK = {
    LeadStatus.OPPORTUNITY: 0,
    LeadStatus.QUALIFYING: 1,
    LeadStatus.LEAD: 2,
    LeadStatus.NURTURING: 3,
    LeadStatus.CONTACT: 4,
    LeadStatus.DISQUALIFIED: 5,
}


@dataclass(frozen=True)
class PastTouch:
    """One of the last activities with the person's company, for the sheet's history."""

    on: dt.date
    kind: ActivityKind
    outcome: ActivityOutcome | None
    subject: str | None
    contact: str | None


@dataclass(frozen=True)
class Call:
    """One planned call with everything the sheet prints. Texts are the user's own data; the
    renderer labels the enums in the sheet's language."""

    activity_id: int
    contact_id: int | None  # None: a call to the company's switchboard, to find the person
    company_id: int
    company: str
    city: str | None
    phone: str | None  # national format; None when neither the person nor the company has one
    phone_is_company: bool  # the company's switchboard, not the person's own line
    contact: str  # empty for a call to the switchboard
    job_title: str | None
    persona: str | None
    status: LeadStatus | None  # the person's; None without one
    stage: CompanyStage
    fit_score: int | None
    due_at: dt.datetime
    overdue: bool
    talking_point: str | None  # the planned call's own
    persona_points: str | None  # the persona's talking points
    pains: str | None  # the ideal customer's pain points
    value_proposition: str | None
    criteria: tuple[tuple[Criterion, CriterionStatus], ...]  # all four, in their order
    last_touch: PastTouch | None
    recent: tuple[PastTouch, ...]  # newest first, at most five
    data_source: str | None
    owner: str | None
    version: int | None = None  # of the planned call as read, for recording its outcome

    @property
    def open_criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for c, status in self.criteria if status is not CriterionStatus.MET)


@dataclass(frozen=True)
class CallDay:
    """The calls of one date for one caller (or everyone), in the order they are made."""

    on: dt.date
    owner: str | None  # None: the whole team
    calls: tuple[Call, ...]


def priority(call: Call) -> tuple[int, int, int, dt.datetime, str]:
    """The sort key of a call list: overdue calls first, then the better fit, then the lead
    nearer to a deal, then the earlier time; the company's name breaks a tie."""
    return (
        0 if call.overdue else 1,
        -(call.fit_score if call.fit_score is not None else -1),
        _STATUS_RANK[call.status] if call.status is not None else len(_STATUS_RANK),
        call.due_at,
        call.company.casefold(),
    )


def in_order(calls: list[Call]) -> tuple[Call, ...]:
    """The calls as a call list lists them (see priority)."""
    return tuple(sorted(calls, key=priority))
