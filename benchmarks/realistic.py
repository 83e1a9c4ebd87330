"""What makes the benchmark fixture look like a firm's database after a year of use: a team
that owns the companies, stages and lead statuses in realistic shares, tags, activities done
and planned, opportunities and saved views."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    CompanyStage,
    LeadStatus,
    LostReason,
    OpportunityStage,
    TeamRole,
)
from prospector.qualification import DEFAULT_PROBABILITIES
from prospector.records import CompanyInput, ContactInput

SEED = 20261205
# The fixture's "today": activities before it are done, after it planned.
TODAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
# Name, role, hours a week on qualification calls, dials an hour, percent of dials that reach
# the person: field sales phone between visits, inside sales most of the day.
TEAM = (
    ("Anna Becker", TeamRole.FIELD_SALES, 6, 8, 30),
    ("Jonas Weber", TeamRole.INSIDE_SALES, 30, 14, 25),
    ("Miriam Koch", TeamRole.INSIDE_SALES, 20, 12, 25),
    ("Lukas Schmitt", TeamRole.FIELD_SALES, 6, 8, 30),
    ("Vertriebsagentur Nord", TeamRole.AGENCY, 20, 18, 20),
)
# Shares in percent. Most of a list stays a target; a few become customers.
STAGES = {
    CompanyStage.TARGET: 70,
    CompanyStage.LEAD: 15,
    CompanyStage.OPPORTUNITY: 4,
    CompanyStage.CUSTOMER: 6,
    CompanyStage.EXCLUDED: 5,
}
# A person's lead status follows the stage of the company.
LEAD_STATUSES = {
    CompanyStage.TARGET: {LeadStatus.CONTACT: 95, LeadStatus.DISQUALIFIED: 5},
    CompanyStage.LEAD: {
        LeadStatus.CONTACT: 40,
        LeadStatus.LEAD: 25,
        LeadStatus.QUALIFYING: 15,
        LeadStatus.NURTURING: 20,
    },
    CompanyStage.OPPORTUNITY: {
        LeadStatus.CONTACT: 40,
        LeadStatus.QUALIFYING: 20,
        LeadStatus.OPPORTUNITY: 40,
    },
    CompanyStage.CUSTOMER: {LeadStatus.CONTACT: 50, LeadStatus.OPPORTUNITY: 50},
    CompanyStage.EXCLUDED: {LeadStatus.CONTACT: 50, LeadStatus.DISQUALIFIED: 50},
}
OWNED_PERCENT = 85  # the rest has no owner yet
TAGS = (
    "Messe 2026",
    "Newsletter",
    "Empfehlung",
    "A-Kunde",
    "Wettbewerber",
    "Rückruf vereinbart",
    "Partner",
    "Ausschreibung",
)
TAGGED_PERCENT = 10
# Activities per company by stage (mean); about one in six is planned, the rest done.
ACTIVITIES = {
    CompanyStage.TARGET: 1.3,
    CompanyStage.LEAD: 3.5,
    CompanyStage.OPPORTUNITY: 6.0,
    CompanyStage.CUSTOMER: 5.0,
    CompanyStage.EXCLUDED: 1.0,
}
PLANNED_PERCENT = 16
SUBJECTS = {
    ActivityKind.CALL: ("Erstanruf", "Nachfassen", "Rückruf", "Termin abstimmen"),
    ActivityKind.EMAIL: ("Unterlagen geschickt", "Angebot nachgefragt", "Referenzen"),
    ActivityKind.MEETING: ("Vorstellung vor Ort", "Bedarfsanalyse", "Angebotsbesprechung"),
    ActivityKind.LETTER: ("Mailing Frühjahr", "Einladung Hausmesse"),
    ActivityKind.NOTE: ("Gesprächsnotiz", "Wettbewerber im Haus"),
}
KINDS = {
    ActivityKind.CALL: 60,
    ActivityKind.EMAIL: 20,
    ActivityKind.MEETING: 8,
    ActivityKind.LETTER: 5,
    ActivityKind.NOTE: 7,
}
OUTCOMES = {
    ActivityOutcome.NOT_REACHED: 45,
    ActivityOutcome.REACHED: 20,
    ActivityOutcome.CALL_BACK: 15,
    ActivityOutcome.INFO_SENT: 10,
    ActivityOutcome.APPOINTMENT: 5,
    ActivityOutcome.NOT_INTERESTED: 5,
}
# Opportunities per company of the stage (about 20,000 at 100,000 companies). The first deal
# is what makes the stage (an open one, or the deal won); the others of the company follow
# DEALS_AFTER.
OPPORTUNITIES = {CompanyStage.OPPORTUNITY: (1, 3), CompanyStage.CUSTOMER: (1, 3)}
OPEN_DEALS = {
    OpportunityStage.OFFER: 35,
    OpportunityStage.OFFER_SENT: 40,
    OpportunityStage.NEGOTIATION: 25,
}
DEALS_AFTER = {
    CompanyStage.OPPORTUNITY: {**OPEN_DEALS, OpportunityStage.LOST: 100},
    CompanyStage.CUSTOMER: {
        OpportunityStage.WON: 30,
        OpportunityStage.LOST: 50,
        OpportunityStage.OFFER_SENT: 10,
        OpportunityStage.NEGOTIATION: 10,
    },
}
LOST_REASONS = {
    LostReason.PRICE: 30,
    LostReason.COMPETITOR: 25,
    LostReason.NO_DECISION: 20,
    LostReason.POSTPONED: 12,
    LostReason.PRODUCT_FIT: 8,
    LostReason.OTHER: 5,
}
LOST_WORDS = ("Preis zu hoch", "Hat intern entschieden", "Budget gestrichen", "Kein Rückruf")
NO_VALUE_PERCENT = 10  # offers being prepared without a value yet
EDITED_PROBABILITY_PERCENT = 25  # open deals whose percent was set by hand
VIEWS = (
    ("Meine Leads", {"stages": ["lead"], "owner_ids": [1]}),
    ("Bayern, Industrie", {"states": ["Bayern"], "stages": ["target", "lead"]}),
    ("Ohne Betreuer", {"owner_ids": [None]}),
    ("Messe 2026", {"tag_ids": [1]}),
    ("Kunden", {"stages": ["customer"]}),
    ("Raum Köln", {"postcode_areas": "50-51"}),
)


def _pick(rng: random.Random, shares: dict[Any, int]) -> Any:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _count(rng: random.Random, mean: float) -> int:
    """A small count around `mean` (two thirds of the time within one of it)."""
    whole = int(mean)
    return max(0, whole + (rng.random() < mean - whole) + rng.choice((-1, 0, 0, 1)))


@dataclasses.dataclass(frozen=True)
class Assigned:
    """A company's stage and owner, and its persons with their statuses and owner."""

    company: CompanyInput
    contacts: tuple[ContactInput, ...]


def assign(
    rng: random.Random,
    company: CompanyInput,
    contacts: Sequence[ContactInput],
    team_ids: Sequence[int],
) -> Assigned:
    stage = _pick(rng, STAGES)
    owner = rng.choice(team_ids) if rng.randrange(100) < OWNED_PERCENT else None
    statuses = LEAD_STATUSES[stage]
    return Assigned(
        dataclasses.replace(company, stage=stage, owner_id=owner),
        tuple(
            dataclasses.replace(person, lead_status=_pick(rng, statuses), owner_id=owner)
            for person in contacts
        ),
    )


def tag_rows(
    rng: random.Random, company_ids: Sequence[int], tag_ids: Sequence[int]
) -> Iterator[dict[str, Any]]:
    for company_id in company_ids:
        if rng.randrange(100) < TAGGED_PERCENT:
            for tag_id in rng.sample(list(tag_ids), rng.choice((1, 1, 2))):
                yield {"company_id": company_id, "tag_id": tag_id}


@dataclasses.dataclass(frozen=True)
class Stored:
    """A company as stored: what its activities and opportunities refer to."""

    company_id: int
    stage: CompanyStage
    contact_ids: Sequence[int]
    owner_id: int | None


def activity_rows(rng: random.Random, company: Stored) -> Iterator[dict[str, Any]]:
    company_id, contact_ids, owner_id = company.company_id, company.contact_ids, company.owner_id
    for _ in range(_count(rng, ACTIVITIES[company.stage])):
        kind = _pick(rng, KINDS)
        planned = rng.randrange(100) < PLANNED_PERCENT
        if planned:
            due = TODAY + dt.timedelta(days=rng.randrange(1, 120), hours=rng.randrange(9))
            done, outcome = None, None
        else:
            due = TODAY - dt.timedelta(days=rng.randrange(1, 365), hours=rng.randrange(9))
            done, outcome = due, _pick(rng, OUTCOMES) if kind is ActivityKind.CALL else None
        yield {
            "company_id": company_id,
            "contact_id": rng.choice(contact_ids) if contact_ids and rng.random() < 0.8 else None,
            "kind": kind.value,
            "subject": rng.choice(SUBJECTS[kind]),
            "notes": None,
            "due_at": due,
            "done_at": done,
            "outcome": outcome.value if outcome else None,
            "owner_id": owner_id,
        }


def _value(rng: random.Random) -> Decimal:
    """An offer's value: half of them round, the rest to the euro or to the cent."""
    kind = rng.randrange(10)
    if kind < 5:
        return Decimal(rng.randrange(2_000, 120_000, 500))
    if kind < 8:
        return Decimal(rng.randrange(1_500, 120_000))
    return Decimal(rng.randrange(150_000, 12_000_000)).scaleb(-2)


def _probability(rng: random.Random, state: OpportunityStage) -> int:
    default = DEFAULT_PROBABILITIES[state]
    if state in OPEN_DEALS and rng.randrange(100) < EDITED_PROBABILITY_PERCENT:
        return min(95, max(5, default + rng.choice((-15, -10, -5, 5, 10, 15))))
    return default


def opportunity_rows(rng: random.Random, company: Stored) -> Iterator[dict[str, Any]]:
    company_id, contact_ids, owner_id = company.company_id, company.contact_ids, company.owner_id
    stage = company.stage
    low, high = OPPORTUNITIES.get(stage, (0, 0))
    for index in range(rng.randint(low, high) if high else 0):
        if index:
            state = _pick(rng, DEALS_AFTER[stage])
        elif stage is CompanyStage.CUSTOMER:
            state = OpportunityStage.WON
        else:
            state = _pick(rng, OPEN_DEALS)
        closed = state in (OpportunityStage.WON, OpportunityStage.LOST)
        when = TODAY.date() + dt.timedelta(days=rng.randrange(-300, 0 if closed else 180))
        lost = state is OpportunityStage.LOST
        reason = _pick(rng, LOST_REASONS) if lost else None
        words = (
            rng.choice(LOST_WORDS)
            if lost and (reason is LostReason.OTHER or rng.randrange(100) < 30)
            else None
        )
        no_value = state is OpportunityStage.OFFER and rng.randrange(100) < NO_VALUE_PERCENT
        yield {
            "company_id": company_id,
            "contact_id": rng.choice(contact_ids) if contact_ids else None,
            "title": rng.choice(("Rahmenvertrag", "Erstauftrag", "Wartung", "Erweiterung")),
            "offer": None
            if state is OpportunityStage.OFFER
            else f"Angebot 2026-{rng.randrange(1, 99_999):05d}",
            "stage": state.value,
            "value_eur": None if no_value else _value(rng),
            "probability": _probability(rng, state),
            "expected_close_on": None if closed else when,
            "closed_on": when if closed else None,
            "lost_reason_code": reason.value if reason else None,
            "lost_reason": words,
            "owner_id": owner_id,
        }
