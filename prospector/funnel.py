"""The rule of ten: customers wanted -> leads and core group needed, measured rates, costs."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

# The article's rule of ten: 500 core companies -> 50 leads -> 5 customers.
DEFAULT_LEAD_RATE = Fraction(1, 10)
DEFAULT_CUSTOMER_RATE = Fraction(1, 10)
# Measured rates are shown once this many leads ended as customer, lost or disqualified.
MIN_DECIDED_LEADS = 20
# The measured lead rate also needs this many touched targets: one lead more or less then moves
# it by at most one percentage point.
MIN_TARGETS_TOUCHED = 100

STAGE_KEYS = ("target_group", "core_group", "leads", "opportunities", "customers")


def _check_count(name: str, value: int) -> None:
    if value < 0:
        raise ValueError(f"{name} must not be negative, got {value}")


def _check_rate(name: str, rate: Fraction) -> None:
    given: object = rate  # the type says Fraction; a float at run time would round silently
    if isinstance(given, bool) or not isinstance(given, Fraction | int):
        raise TypeError(f"{name} must be a Fraction (exact arithmetic), got {type(given).__name__}")
    if not 0 < rate <= 1:
        raise ValueError(f"{name} must lie in (0, 1], got {rate}")


@dataclass(frozen=True)
class Plan:
    """What a goal of customers needs at the given rates."""

    customers: int
    lead_rate: Fraction  # core company -> lead
    customer_rate: Fraction  # lead -> customer
    leads_needed: int
    core_needed: int


def plan(
    customers: int,
    lead_rate: Fraction = DEFAULT_LEAD_RATE,
    customer_rate: Fraction = DEFAULT_CUSTOMER_RATE,
) -> Plan:
    """The fewest leads and core companies that yield `customers`, rounded up exactly."""
    _check_count("customers", customers)
    _check_rate("lead_rate", lead_rate)
    _check_rate("customer_rate", customer_rate)
    leads_needed = math.ceil(Fraction(customers) / customer_rate)
    core_needed = math.ceil(Fraction(leads_needed) / lead_rate)
    return Plan(customers, lead_rate, customer_rate, leads_needed, core_needed)


@dataclass(frozen=True)
class Verdict:
    """How far a real core group carries a plan."""

    plan: Plan
    core_count: int
    customers_possible: int
    leads_possible: int
    enough: bool
    shortfall: int  # core companies missing; 0 iff enough


def verdict(plan: Plan, core_count: int) -> Verdict:
    """Whole leads first, then whole customers from them (floor twice).

    Flooring each stage mirrors `plan`, which rounds each stage up, so for a goal above 0
    customers_possible >= plan.customers exactly when core_count >= plan.core_needed.
    """
    _check_count("core_count", core_count)
    leads_possible = math.floor(core_count * plan.lead_rate)
    customers_possible = math.floor(leads_possible * plan.customer_rate)
    return Verdict(
        plan=plan,
        core_count=core_count,
        customers_possible=customers_possible,
        leads_possible=leads_possible,
        enough=core_count >= plan.core_needed,
        shortfall=max(0, plan.core_needed - core_count),
    )


class RateStatus(StrEnum):
    """Why a measured rate is there or not."""

    MEASURED = "measured"
    TOO_LITTLE_HISTORY = "too_little_history"  # below its minimum base
    NONE_CONVERTED = "none_converted"  # enough base, but 0 converted: a rate of 0 cannot plan


@dataclass(frozen=True)
class MeasuredRates:
    """The user's own rates, or None with the reason in the matching status."""

    decided_leads: int
    won: int
    targets_touched: int
    leads: int
    lead_rate: Fraction | None
    customer_rate: Fraction | None
    enough_history: bool  # show the measured rates beside the defaults
    lead_rate_status: RateStatus
    customer_rate_status: RateStatus


def _measured(converted: int, base: int, enough: bool) -> tuple[Fraction | None, RateStatus]:
    if not enough:
        return None, RateStatus.TOO_LITTLE_HISTORY
    if converted == 0:
        return None, RateStatus.NONE_CONVERTED
    return Fraction(converted, base), RateStatus.MEASURED


def measured_rates(
    *, targets_touched: int, leads: int, decided_leads: int, won: int
) -> MeasuredRates:
    """Rates from history, given only from MIN_DECIDED_LEADS decided leads on.

    customer_rate = won / decided_leads; lead_rate = leads / targets_touched, which also needs
    MIN_TARGETS_TOUCHED. `leads` counts leads among the touched targets and `won` among the
    decided leads, so neither may exceed its base.
    """
    for name, value in (
        ("targets_touched", targets_touched),
        ("leads", leads),
        ("decided_leads", decided_leads),
        ("won", won),
    ):
        _check_count(name, value)
    if won > decided_leads:
        raise ValueError(f"won ({won}) cannot exceed decided_leads ({decided_leads})")
    if leads > targets_touched:
        raise ValueError(f"leads ({leads}) cannot exceed targets_touched ({targets_touched})")
    enough_history = decided_leads >= MIN_DECIDED_LEADS
    customer_rate, customer_status = _measured(won, decided_leads, enough_history)
    lead_rate, lead_status = _measured(
        leads, targets_touched, enough_history and targets_touched >= MIN_TARGETS_TOUCHED
    )
    return MeasuredRates(
        decided_leads=decided_leads,
        won=won,
        targets_touched=targets_touched,
        leads=leads,
        lead_rate=lead_rate,
        customer_rate=customer_rate,
        enough_history=enough_history,
        lead_rate_status=lead_status,
        customer_rate_status=customer_status,
    )


@dataclass(frozen=True)
class Relaxation:
    """Core companies one relaxed must-criterion would add."""

    criterion: str
    added: int


def best_relaxations(added_by_criterion: Mapping[str, int]) -> list[Relaxation]:
    """Most added first, ties by criterion key; those adding nothing are dropped."""
    found = [Relaxation(key, added) for key, added in added_by_criterion.items() if added > 0]
    return sorted(found, key=lambda r: (-r.added, r.criterion))


def relaxations_that_suffice(
    verdict: Verdict, relaxations: Sequence[Relaxation]
) -> list[Relaxation]:
    """Those that alone close the shortfall, in the given order; none when nothing is short."""
    if verdict.shortfall == 0:
        return []
    return [r for r in relaxations if r.added >= verdict.shortfall]


@dataclass(frozen=True)
class FunnelStage:
    key: str
    count: int


@dataclass(frozen=True)
class Funnel:
    """Stages from the target group down to customers."""

    stages: tuple[FunnelStage, ...]

    def count(self, key: str) -> int:
        for stage in self.stages:
            if stage.key == key:
                return stage.count
        raise KeyError(key)

    def conversions(self) -> tuple[Fraction | None, ...]:
        """Each stage's share of the one above it (one fewer than the stages)."""
        return tuple(
            conversion(upper.count, lower.count)
            for upper, lower in zip(self.stages, self.stages[1:], strict=False)
        )


def _funnel(counts: Sequence[int]) -> Funnel:
    for key, count in zip(STAGE_KEYS, counts, strict=True):
        _check_count(key, count)
    return Funnel(tuple(FunnelStage(k, c) for k, c in zip(STAGE_KEYS, counts, strict=True)))


def actual_funnel(
    *, target_group: int, core_group: int, leads: int, opportunities: int, customers: int
) -> Funnel:
    return _funnel((target_group, core_group, leads, opportunities, customers))


def _ceil_sqrt(n: int) -> int:
    root = math.isqrt(n)
    return root if root * root == n else root + 1


def expected_funnel(plan: Plan, target_group: int) -> Funnel:
    """The planned counts.

    Opportunities: the geometric mean of leads and customers, rounded up, i.e. the lead ->
    customer rate split evenly over the two steps (plan(5): 50 leads, 16 opportunities,
    5 customers). It always lies between customers and leads.
    """
    opportunities = _ceil_sqrt(plan.leads_needed * plan.customers)
    return _funnel(
        (target_group, plan.core_needed, plan.leads_needed, opportunities, plan.customers)
    )


def conversion(upper: int, lower: int) -> Fraction | None:
    """lower / upper, None when upper is 0."""
    _check_count("upper", upper)
    _check_count("lower", lower)
    return Fraction(lower, upper) if upper else None


def _per(cost: Decimal | None, count: int) -> Decimal | None:
    """Cost per unit in cents, half up, computed exactly; None if unknown or count is 0."""
    if cost is None or count == 0:
        return None
    cents = math.floor(Fraction(cost) * 100 / count + Fraction(1, 2))
    return Decimal(cents).scaleb(-2)


@dataclass(frozen=True)
class SourceFunnel:
    """What one lead source cost and yielded."""

    source: str
    cost_eur: Decimal | None
    companies: int
    leads: int
    opportunities: int
    customers: int

    def __post_init__(self) -> None:
        if self.cost_eur is not None and not (self.cost_eur.is_finite() and self.cost_eur >= 0):
            raise ValueError(f"cost_eur must be a finite amount >= 0, got {self.cost_eur}")
        for name in ("companies", "leads", "opportunities", "customers"):
            _check_count(name, getattr(self, name))

    @property
    def cost_per_lead(self) -> Decimal | None:
        return _per(self.cost_eur, self.leads)

    @property
    def cost_per_opportunity(self) -> Decimal | None:
        return _per(self.cost_eur, self.opportunities)

    @property
    def cost_per_customer(self) -> Decimal | None:
        return _per(self.cost_eur, self.customers)
