"""The rule of ten: plan, verdict, measured rates, what-if, funnels and costs per source."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospector.funnel import (
    DEFAULT_CUSTOMER_RATE,
    DEFAULT_LEAD_RATE,
    MIN_DECIDED_LEADS,
    MIN_TARGETS_TOUCHED,
    Funnel,
    FunnelStage,
    RateStatus,
    Relaxation,
    SourceFunnel,
    actual_funnel,
    best_relaxations,
    conversion,
    expected_funnel,
    measured_rates,
    plan,
    relaxations_that_suffice,
    verdict,
)

rates = st.fractions(min_value=Fraction(1, 1000), max_value=1, max_denominator=1000).filter(
    lambda r: r > 0
)
goals = st.integers(min_value=0, max_value=10_000)
props = settings(deadline=None, max_examples=300)


# plan


@pytest.mark.parametrize(
    ("customers", "lead_rate", "customer_rate", "leads", "core"),
    [
        (5, DEFAULT_LEAD_RATE, DEFAULT_CUSTOMER_RATE, 50, 500),
        (1, DEFAULT_LEAD_RATE, DEFAULT_CUSTOMER_RATE, 10, 100),
        (3, Fraction(1, 5), Fraction(1, 4), 12, 60),
        (1, Fraction(1, 3), Fraction(1, 3), 3, 9),
        (1, Fraction(3, 10), Fraction(1, 10), 10, 34),
        (0, DEFAULT_LEAD_RATE, DEFAULT_CUSTOMER_RATE, 0, 0),
        (7, Fraction(1), Fraction(1), 7, 7),
    ],
)
def test_plan_examples(
    customers: int, lead_rate: Fraction, customer_rate: Fraction, leads: int, core: int
) -> None:
    planned = plan(customers, lead_rate, customer_rate)
    assert (planned.leads_needed, planned.core_needed) == (leads, core)
    assert (planned.customers, planned.lead_rate, planned.customer_rate) == (
        customers,
        lead_rate,
        customer_rate,
    )


def test_plan_uses_the_rule_of_ten_by_default() -> None:
    assert plan(5) == plan(5, Fraction(1, 10), Fraction(1, 10))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((-1,), "customers"),
        ((5, Fraction(0)), "lead_rate"),
        ((5, Fraction(11, 10)), "lead_rate"),
        ((5, Fraction(-1, 10)), "lead_rate"),
        ((5, DEFAULT_LEAD_RATE, Fraction(0)), "customer_rate"),
        ((5, DEFAULT_LEAD_RATE, Fraction(3, 2)), "customer_rate"),
    ],
)
def test_plan_rejects_negative_goals_and_rates_outside_zero_to_one(
    args: tuple[Any, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        plan(*args)


def test_plan_rejects_float_rates() -> None:
    with pytest.raises(TypeError, match="Fraction"):
        plan(5, 0.1)  # type: ignore[arg-type]


@props
@given(goals, rates, rates)
def test_needed_counts_never_fall_when_the_goal_rises(
    customers: int, lead_rate: Fraction, customer_rate: Fraction
) -> None:
    low = plan(customers, lead_rate, customer_rate)
    high = plan(customers + 1, lead_rate, customer_rate)
    assert high.leads_needed >= low.leads_needed
    assert high.core_needed >= low.core_needed


@props
@given(goals, rates, rates, rates, rates)
def test_needed_counts_never_fall_when_a_rate_falls(
    customers: int, lead_a: Fraction, lead_b: Fraction, cust_a: Fraction, cust_b: Fraction
) -> None:
    better = plan(customers, max(lead_a, lead_b), max(cust_a, cust_b))
    worse = plan(customers, min(lead_a, lead_b), min(cust_a, cust_b))
    assert worse.leads_needed >= better.leads_needed
    assert worse.core_needed >= better.core_needed


@props
@given(goals, rates, rates)
def test_needed_counts_are_the_exact_need_rounded_up(
    customers: int, lead_rate: Fraction, customer_rate: Fraction
) -> None:
    planned = plan(customers, lead_rate, customer_rate)
    assert planned.leads_needed * customer_rate >= customers
    assert planned.core_needed * lead_rate >= planned.leads_needed
    if customers:
        assert (planned.leads_needed - 1) * customer_rate < customers
    if planned.leads_needed:
        assert (planned.core_needed - 1) * lead_rate < planned.leads_needed


# verdict


def test_a_core_group_of_300_carries_3_of_5_customers() -> None:
    result = verdict(plan(5), 300)
    assert (result.leads_possible, result.customers_possible) == (30, 3)
    assert not result.enough
    assert result.shortfall == 200
    assert result.core_count == 300
    assert result.plan == plan(5)


def test_a_core_group_of_500_is_enough_for_5_customers() -> None:
    result = verdict(plan(5), 500)
    assert result.enough
    assert result.shortfall == 0
    assert result.customers_possible == 5


def test_verdict_floors_each_stage() -> None:
    # 3 x 1/2 = 1.5 -> 1 lead -> 2/3 of a customer -> 0; flooring 3 x 1/2 x 2/3 = 1 at once
    # would claim a customer from a core group below the 4 the plan needs.
    planned = plan(1, Fraction(1, 2), Fraction(2, 3))
    assert (planned.leads_needed, planned.core_needed) == (2, 4)
    short = verdict(planned, 3)
    assert (short.leads_possible, short.customers_possible, short.enough) == (1, 0, False)


def test_verdict_rejects_a_negative_core_count() -> None:
    with pytest.raises(ValueError, match="core_count"):
        verdict(plan(5), -1)


@props
@given(goals, rates, rates)
def test_a_core_group_of_exactly_core_needed_is_enough(
    customers: int, lead_rate: Fraction, customer_rate: Fraction
) -> None:
    planned = plan(customers, lead_rate, customer_rate)
    result = verdict(planned, planned.core_needed)
    assert result.enough
    assert result.leads_possible >= planned.leads_needed
    assert result.customers_possible >= customers


@props
@given(goals, rates, rates, st.integers(min_value=0, max_value=2_000_000))
def test_verdict_and_plan_agree(
    customers: int, lead_rate: Fraction, customer_rate: Fraction, core_count: int
) -> None:
    planned = plan(customers, lead_rate, customer_rate)
    result = verdict(planned, core_count)
    # The core group carries the goal exactly when it is as big as the plan needs.
    assert (result.customers_possible >= customers) == result.enough
    assert result.enough == (core_count >= planned.core_needed)
    assert (result.shortfall == 0) == result.enough
    assert result.shortfall == max(0, planned.core_needed - core_count)
    # Never more than the core group supports.
    assert result.leads_possible <= core_count * lead_rate
    assert result.customers_possible <= result.leads_possible * customer_rate
    assert result.customers_possible <= core_count * lead_rate * customer_rate
    # And the planner agrees: planning for what is possible needs no more than there is.
    assert plan(result.customers_possible, lead_rate, customer_rate).core_needed <= core_count


# measured rates


def test_no_measured_rates_below_the_history_minimum() -> None:
    rates_ = measured_rates(
        targets_touched=1_000, leads=100, decided_leads=MIN_DECIDED_LEADS - 1, won=5
    )
    assert not rates_.enough_history
    assert rates_.lead_rate is None
    assert rates_.customer_rate is None
    assert rates_.lead_rate_status is RateStatus.TOO_LITTLE_HISTORY
    assert rates_.customer_rate_status is RateStatus.TOO_LITTLE_HISTORY


def test_measured_rates_from_the_history_minimum_on() -> None:
    rates_ = measured_rates(
        targets_touched=MIN_TARGETS_TOUCHED * 4, leads=50, decided_leads=MIN_DECIDED_LEADS, won=4
    )
    assert rates_.enough_history
    assert rates_.customer_rate == Fraction(4, MIN_DECIDED_LEADS)
    assert rates_.lead_rate == Fraction(50, MIN_TARGETS_TOUCHED * 4)
    assert rates_.customer_rate_status is RateStatus.MEASURED
    assert rates_.lead_rate_status is RateStatus.MEASURED
    assert (rates_.targets_touched, rates_.leads, rates_.decided_leads, rates_.won) == (
        MIN_TARGETS_TOUCHED * 4,
        50,
        MIN_DECIDED_LEADS,
        4,
    )
    # The measured rates plan like the defaults do.
    assert rates_.lead_rate is not None
    assert rates_.customer_rate is not None
    assert plan(5, rates_.lead_rate, rates_.customer_rate).leads_needed == 25


def test_the_lead_rate_also_needs_enough_touched_targets() -> None:
    rates_ = measured_rates(
        targets_touched=MIN_TARGETS_TOUCHED - 1, leads=30, decided_leads=25, won=5
    )
    assert rates_.enough_history
    assert rates_.customer_rate == Fraction(1, 5)
    assert rates_.lead_rate is None
    assert rates_.lead_rate_status is RateStatus.TOO_LITTLE_HISTORY


def test_zero_won_gives_no_customer_rate_and_says_why() -> None:
    rates_ = measured_rates(targets_touched=500, leads=40, decided_leads=30, won=0)
    assert rates_.enough_history
    assert rates_.customer_rate is None
    assert rates_.customer_rate_status is RateStatus.NONE_CONVERTED
    assert rates_.lead_rate == Fraction(40, 500)


def test_zero_leads_gives_no_lead_rate_and_says_why() -> None:
    rates_ = measured_rates(targets_touched=500, leads=0, decided_leads=30, won=3)
    assert rates_.lead_rate is None
    assert rates_.lead_rate_status is RateStatus.NONE_CONVERTED


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({"targets_touched": -1, "leads": 0, "decided_leads": 0, "won": 0}, "targets_touched"),
        ({"targets_touched": 10, "leads": 0, "decided_leads": 0, "won": -1}, "won"),
        ({"targets_touched": 10, "leads": 5, "decided_leads": 2, "won": 3}, "won"),
        ({"targets_touched": 10, "leads": 11, "decided_leads": 2, "won": 1}, "leads"),
    ],
)
def test_measured_rates_reject_impossible_counts(counts: dict[str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        measured_rates(**counts)


@props
@given(
    st.integers(min_value=0, max_value=5_000),
    st.integers(min_value=0, max_value=5_000),
    st.integers(min_value=0, max_value=500),
    st.integers(min_value=0, max_value=500),
)
def test_measured_rates_are_none_or_usable_for_planning(
    touched: int, leads: int, decided: int, won: int
) -> None:
    leads, won = min(leads, touched), min(won, decided)
    rates_ = measured_rates(targets_touched=touched, leads=leads, decided_leads=decided, won=won)
    assert rates_.enough_history == (decided >= MIN_DECIDED_LEADS)
    for rate, status in (
        (rates_.lead_rate, rates_.lead_rate_status),
        (rates_.customer_rate, rates_.customer_rate_status),
    ):
        assert (rate is not None) == (status is RateStatus.MEASURED)
        assert rate is None or rates_.enough_history
        assert rate is None or 0 < rate <= 1
    if rates_.lead_rate is not None and rates_.customer_rate is not None:
        plan(1, rates_.lead_rate, rates_.customer_rate)


# what-if


def test_best_relaxations_most_added_first_ties_by_key_zeros_dropped() -> None:
    found = best_relaxations({"region": 40, "size": 120, "industry": 40, "legal_form": 0})
    assert found == [
        Relaxation("size", 120),
        Relaxation("industry", 40),
        Relaxation("region", 40),
    ]
    assert best_relaxations({}) == []
    assert best_relaxations({"a": 0}) == []


def test_relaxations_that_alone_close_the_shortfall() -> None:
    short = verdict(plan(5), 300)  # 200 short
    options = best_relaxations({"size": 250, "region": 200, "industry": 199})
    assert relaxations_that_suffice(short, options) == [
        Relaxation("size", 250),
        Relaxation("region", 200),
    ]
    assert relaxations_that_suffice(verdict(plan(5), 500), options) == []


@props
@given(
    st.dictionaries(st.text(max_size=5), st.integers(min_value=-5, max_value=500), max_size=8),
    st.integers(min_value=0, max_value=1_000),
)
def test_relaxations_order_and_sufficiency(added: dict[str, int], core_count: int) -> None:
    found = best_relaxations(added)
    assert all(r.added > 0 for r in found)
    assert {r.criterion for r in found} == {k for k, v in added.items() if v > 0}
    assert found == sorted(found, key=lambda r: (-r.added, r.criterion))
    result = verdict(plan(5), core_count)
    for relaxation in relaxations_that_suffice(result, found):
        assert verdict(plan(5), core_count + relaxation.added).enough


# funnels


def test_actual_funnel_has_the_five_stages_in_order() -> None:
    funnel = actual_funnel(
        target_group=2_000, core_group=500, leads=50, opportunities=15, customers=5
    )
    assert funnel == Funnel(
        (
            FunnelStage("target_group", 2_000),
            FunnelStage("core_group", 500),
            FunnelStage("leads", 50),
            FunnelStage("opportunities", 15),
            FunnelStage("customers", 5),
        )
    )
    assert funnel.count("leads") == 50
    assert funnel.conversions() == (
        Fraction(1, 4),
        Fraction(1, 10),
        Fraction(3, 10),
        Fraction(1, 3),
    )
    with pytest.raises(KeyError):
        funnel.count("nope")


def test_actual_funnel_rejects_negative_counts() -> None:
    with pytest.raises(ValueError, match="opportunities"):
        actual_funnel(target_group=1, core_group=1, leads=1, opportunities=-1, customers=0)


def test_expected_funnel_of_the_rule_of_ten() -> None:
    funnel = expected_funnel(plan(5), 2_000)
    assert [(s.key, s.count) for s in funnel.stages] == [
        ("target_group", 2_000),
        ("core_group", 500),
        ("leads", 50),
        ("opportunities", 16),  # ceil(sqrt(50 x 5))
        ("customers", 5),
    ]
    assert expected_funnel(plan(0), 10).count("opportunities") == 0
    assert expected_funnel(plan(4, Fraction(1, 2), Fraction(1, 4)), 0).count("opportunities") == 8


@props
@given(goals, rates, rates)
def test_expected_opportunities_lie_between_customers_and_leads(
    customers: int, lead_rate: Fraction, customer_rate: Fraction
) -> None:
    planned = plan(customers, lead_rate, customer_rate)
    opportunities = expected_funnel(planned, 0).count("opportunities")
    assert customers <= opportunities <= planned.leads_needed
    assert opportunities**2 >= planned.leads_needed * customers
    assert opportunities == 0 or (opportunities - 1) ** 2 < planned.leads_needed * customers


def test_conversion() -> None:
    assert conversion(500, 50) == Fraction(1, 10)
    assert conversion(0, 0) is None
    assert conversion(3, 0) == 0
    with pytest.raises(ValueError, match="upper"):
        conversion(-1, 0)


# costs per source


def test_costs_per_source_rounded_to_cents_half_up() -> None:
    source = SourceFunnel(
        "Messe", Decimal("1000"), companies=300, leads=3, opportunities=8, customers=1
    )
    assert source.cost_per_lead == Decimal("333.33")
    assert source.cost_per_opportunity == Decimal("125.00")
    assert source.cost_per_customer == Decimal("1000.00")
    assert SourceFunnel("x", Decimal("0.05"), 0, 2, 0, 0).cost_per_lead == Decimal("0.03")
    assert SourceFunnel("x", Decimal("200"), 0, 3, 0, 0).cost_per_lead == Decimal("66.67")


def test_a_paid_source_without_customers_has_no_cost_per_customer() -> None:
    source = SourceFunnel("Online-Dienst", Decimal("2400"), 1_000, 40, 0, 0)
    assert source.cost_per_lead == Decimal("60.00")
    assert source.cost_per_opportunity is None
    assert source.cost_per_customer is None


def test_unknown_cost_gives_no_figures() -> None:
    source = SourceFunnel("Empfehlung", None, 20, 10, 4, 2)
    assert source.cost_per_lead is None
    assert source.cost_per_opportunity is None
    assert source.cost_per_customer is None


def test_a_free_source_costs_nothing_per_lead() -> None:
    assert SourceFunnel("Website", Decimal(0), 0, 7, 0, 0).cost_per_lead == Decimal("0.00")


@pytest.mark.parametrize("cost", [Decimal(-1), Decimal("NaN"), Decimal("Infinity")])
def test_source_funnel_rejects_impossible_costs(cost: Decimal) -> None:
    with pytest.raises(ValueError, match="cost_eur"):
        SourceFunnel("x", cost, 0, 0, 0, 0)


def test_source_funnel_rejects_negative_counts() -> None:
    with pytest.raises(ValueError, match="leads"):
        SourceFunnel("x", None, 0, -1, 0, 0)


@props
@given(
    st.decimals(min_value=0, max_value=10_000_000, places=2),
    st.integers(min_value=1, max_value=100_000),
)
def test_cost_per_unit_matches_decimal_half_up(cost: Decimal, count: int) -> None:
    with localcontext() as ctx:
        ctx.prec = 60
        expected = (cost / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert SourceFunnel("x", cost, 0, count, 0, 0).cost_per_lead == expected
