"""The qualification capacity planner: weeks, shares, call days, what-if hours, validation."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from prospector.capacity import (
    AGENCY_NAME,
    DEFAULT_ASSUMPTIONS,
    Assumptions,
    CapacityPlan,
    CapacityProblem,
    Member,
    plan_capacity,
    round_up_to_tenth,
)

props = settings(deadline=None, max_examples=100)

hours = st.fractions(min_value=0, max_value=40, max_denominator=4)
calls = st.fractions(min_value=0, max_value=30, max_denominator=2)
reach = st.fractions(min_value=0, max_value=1, max_denominator=20)
lead_counts = st.integers(min_value=0, max_value=500)
members_st = st.lists(
    st.builds(
        Member,
        id=st.integers(min_value=1, max_value=10_000),
        name=st.just("m"),
        weekly_hours=hours,
        calls_per_hour=calls,
        reach_rate=reach,
        assigned_leads=st.integers(min_value=0, max_value=200),
    ),
    max_size=4,
)
assumptions_st = st.builds(
    Assumptions,
    conversations_per_lead=st.fractions(min_value=1, max_value=5, max_denominator=2),
    target_weeks=st.integers(min_value=1, max_value=12),
    call_day_hours=st.fractions(min_value=1, max_value=10, max_denominator=2),
    agency_calls_per_hour=calls,
    agency_reach_rate=reach,
)


def _inside_sales(hours_: int = 10, assigned: int = 0, id_: int = 1) -> Member:
    """12 calls an hour, a quarter reached: 1.5 leads per hour at 2 conversations a lead."""
    return Member(id_, f"m{id_}", Fraction(hours_), Fraction(12), Fraction(1, 4), assigned)


def _no_later(a: Fraction | None, b: Fraction | None) -> bool:
    """a <= b, with None as never."""
    return b is None or (a is not None and a <= b)


def _meets(plan: CapacityPlan) -> bool:
    return plan.weeks is not None and plan.weeks <= plan.target_weeks


# worked numbers


def test_one_member_with_10_hours_clears_60_leads_in_4_weeks() -> None:
    result = plan_capacity([_inside_sales()], 60)
    assert result.leads_per_week == 15
    assert result.backlog == 60
    assert result.weeks == 4
    assert result.weeks_display == Decimal("4.0")
    assert not result.over_capacity
    assert result.problem is None
    assert result.hours_to_meet_target == 0


def test_61_leads_take_4_1_weeks_rounded_up_and_exceed_the_target() -> None:
    result = plan_capacity([_inside_sales()], 61)
    assert result.weeks == Fraction(61, 15)
    assert result.weeks_display == Decimal("4.1")
    assert result.over_capacity
    assert result.members[0].over_capacity


def test_member_load_counts_leads_weeks_and_dial_hours() -> None:
    (load,) = plan_capacity([_inside_sales(assigned=20)], 40).members
    assert (load.id, load.name, load.assigned_leads) == (1, "m1", 20)
    assert (load.share, load.leads, load.leads_per_week) == (
        Fraction(40),
        Fraction(60),
        Fraction(15),
    )
    assert load.weeks == 4
    assert load.weeks_display == Decimal("4.0")
    # 60 leads x 2 conversations / (1/4 reached) = 480 dials at 12 an hour
    assert load.hours_needed == 40
    assert not load.over_capacity
    assert load.problem is None


def test_backlog_counts_assigned_and_unassigned_leads() -> None:
    result = plan_capacity([_inside_sales(assigned=7), _inside_sales(assigned=3, id_=2)], 5)
    assert result.backlog == 15
    assert result.unassigned_leads == 5


def test_empty_backlog_takes_zero_weeks_and_meets_the_target() -> None:
    result = plan_capacity([_inside_sales()], 0)
    assert result.weeks == 0
    assert result.weeks_display == Decimal("0.0")
    assert not result.over_capacity
    assert result.call_days_needed_per_week == 0
    assert result.hours_to_meet_target == 0


def test_int_inputs_are_stored_as_exact_fractions() -> None:
    member = Member(1, "m", 10, 12, 1, 0)  # type: ignore[arg-type]
    assert isinstance(member.weekly_hours, Fraction)
    assert isinstance(member.reach_rate, Fraction)
    result = plan_capacity([member], 7, Assumptions(conversations_per_lead=3))  # type: ignore[arg-type]
    assert result.leads_per_week == 40
    assert isinstance(result.leads_per_week, Fraction)
    assert result.weeks == Fraction(7, 40)


# shares of the unassigned leads


def test_unassigned_leads_are_shared_by_capacity_and_none_go_to_members_without_hours() -> None:
    team = [_inside_sales(10, id_=1), _inside_sales(20, id_=2), _inside_sales(0, id_=3)]
    result = plan_capacity(team, 90)
    assert [load.share for load in result.members] == [30, 60, 0]
    assert [load.weeks for load in result.members] == [2, 2, 0]
    assert result.weeks == 2


def test_assigned_leads_stay_with_their_member() -> None:
    team = [_inside_sales(10, assigned=60, id_=1), _inside_sales(10, id_=2)]
    result = plan_capacity(team, 0)
    assert [load.leads for load in result.members] == [60, 0]
    assert [load.weeks for load in result.members] == [4, 0]
    # The team could share the work: 60 leads at 30 a week.
    assert result.weeks == 2


def test_unassigned_shares_may_be_fractions() -> None:
    team = [_inside_sales(10, id_=1), _inside_sales(20, id_=2)]
    result = plan_capacity(team, 10)
    assert [load.share for load in result.members] == [Fraction(10, 3), Fraction(20, 3)]


# members and teams without capacity


def test_member_with_leads_but_no_hours_has_no_weeks_and_is_over_capacity() -> None:
    team = [_inside_sales(0, assigned=5, id_=1), _inside_sales(10, id_=2)]
    result = plan_capacity(team, 0)
    idle = result.members[0]
    assert idle.weeks is None
    assert idle.weeks_display is None
    assert idle.over_capacity
    assert idle.problem is CapacityProblem.NO_HOURS
    # The dial hours are known from the rates even without weekly hours: 5 x 2 x 4 / 12.
    assert idle.hours_needed == Fraction(10, 3)
    assert result.weeks == Fraction(1, 3)
    assert result.problem is None


@pytest.mark.parametrize(
    ("calls_per_hour", "reach_rate", "problem"),
    [
        (Fraction(0), Fraction(1, 4), CapacityProblem.NO_CALLS),
        (Fraction(12), Fraction(0), CapacityProblem.NO_REACH),
    ],
)
def test_member_with_leads_but_no_calls_or_reach_has_no_dial_hours(
    calls_per_hour: Fraction, reach_rate: Fraction, problem: CapacityProblem
) -> None:
    team = [Member(1, "m1", Fraction(10), calls_per_hour, reach_rate, 5), _inside_sales(id_=2)]
    result = plan_capacity(team, 0)
    stuck = result.members[0]
    assert (stuck.weeks, stuck.hours_needed, stuck.over_capacity) == (None, None, True)
    assert stuck.problem is problem
    # Those leads cannot be dialled at all, so no number of call days is enough.
    assert result.call_days_needed_per_week is None


def test_member_without_leads_or_capacity_is_not_over_capacity() -> None:
    (load,) = plan_capacity([Member(1, "m", Fraction(0), Fraction(0), Fraction(0))], 0).members
    assert (load.weeks, load.over_capacity, load.problem) == (Fraction(0), False, None)


@pytest.mark.parametrize(
    ("team", "problem"),
    [
        ([], CapacityProblem.NO_HOURS),
        ([_inside_sales(0)], CapacityProblem.NO_HOURS),
        ([Member(1, "m", Fraction(10), Fraction(0), Fraction(1, 4))], CapacityProblem.NO_CALLS),
        (
            [
                Member(1, "a", Fraction(10), Fraction(0), Fraction(1, 4)),
                Member(2, "b", Fraction(0), Fraction(12), Fraction(1, 4)),
            ],
            CapacityProblem.NO_CALLS,
        ),
        ([Member(1, "m", Fraction(10), Fraction(12), Fraction(0))], CapacityProblem.NO_REACH),
        (
            [
                Member(1, "a", Fraction(10), Fraction(0), Fraction(1, 4)),
                Member(2, "b", Fraction(10), Fraction(12), Fraction(0)),
            ],
            CapacityProblem.NO_REACH,
        ),
    ],
)
def test_team_without_capacity_names_the_problem_instead_of_dividing_by_zero(
    team: list[Member], problem: CapacityProblem
) -> None:
    result = plan_capacity(team, 10)
    assert result.leads_per_week == 0
    assert result.weeks is None
    assert result.weeks_display is None
    assert result.over_capacity
    assert result.problem is problem
    assert result.call_days_needed_per_week is None
    assert all(load.share == 0 for load in result.members)


def test_problem_values_are_stable_keys_for_the_ui() -> None:
    assert [p.value for p in CapacityProblem] == ["no_hours", "no_calls", "no_reach"]


def test_team_without_capacity_and_without_backlog_takes_zero_weeks() -> None:
    result = plan_capacity([], 0)
    assert (result.weeks, result.problem, result.over_capacity) == (Fraction(0), None, False)
    assert result.call_days_needed_per_week == 0


# target


def test_target_weeks_decide_over_capacity() -> None:
    team = [_inside_sales()]
    assert plan_capacity(team, 60, Assumptions(target_weeks=4)).weeks == 4
    assert not plan_capacity(team, 60, Assumptions(target_weeks=4)).over_capacity
    assert plan_capacity(team, 60, Assumptions(target_weeks=3)).over_capacity
    assert plan_capacity(team, 60, Assumptions(target_weeks=3)).members[0].over_capacity


def test_more_conversations_per_lead_mean_fewer_leads_per_week() -> None:
    result = plan_capacity([_inside_sales()], 60, Assumptions(conversations_per_lead=Fraction(3)))
    assert result.leads_per_week == 10
    assert result.weeks == 6


# call days


def test_call_days_a_week_are_the_team_hours_in_call_days() -> None:
    result = plan_capacity([_inside_sales(10), _inside_sales(8, id_=2)], 0)
    assert result.weekly_hours == 18
    assert result.call_days_per_week == 3
    result = plan_capacity([_inside_sales(9)], 0, Assumptions(call_day_hours=Fraction(4)))
    assert result.call_days_per_week == Fraction(9, 4)


def test_call_days_needed_spread_the_dial_hours_over_the_target_weeks() -> None:
    # 60 leads need 40 dial hours; over 4 weeks 10 hours a week, at 6 hours a day 5/3 days.
    result = plan_capacity([_inside_sales()], 60)
    assert result.call_days_needed_per_week == Fraction(5, 3)
    # Twice the backlog needs twice the call days, whatever the team has.
    assert plan_capacity([_inside_sales()], 120).call_days_needed_per_week == Fraction(10, 3)


def test_call_days_needed_weigh_each_members_own_rates() -> None:
    slow = Member(2, "slow", Fraction(10), Fraction(6), Fraction(1, 4), 30)
    result = plan_capacity([_inside_sales(assigned=30), slow], 0)
    # 30 leads at 12 calls/h: 20 h; 30 leads at 6 calls/h: 40 h; 60 h over 4 weeks = 15 h
    assert [load.hours_needed for load in result.members] == [20, 40]
    assert result.call_days_needed_per_week == Fraction(15, 6)


# what-if agency hours


def test_agency_hours_add_a_row_with_the_agency_rates_and_shorten_the_weeks() -> None:
    result = plan_capacity([_inside_sales()], 100, extra_agency_hours=Fraction(10))
    agency = result.members[-1]
    assert (agency.id, agency.name) == (None, AGENCY_NAME)
    assert agency.leads_per_week == 15
    assert agency.share == 50
    assert result.leads_per_week == 30
    assert result.weeks == Fraction(10, 3)
    assert result.extra_agency_hours == 10
    assert result.weekly_hours == 20


def test_no_agency_row_without_agency_hours() -> None:
    result = plan_capacity([_inside_sales()], 100)
    assert [load.id for load in result.members] == [1]
    assert result.extra_agency_hours == 0


@pytest.mark.parametrize(
    ("leads", "hours_needed"),
    [
        (60, 0),  # already met
        (61, 1),  # 1/4 lead a week missing, an agency hour brings 1.5
        (100, 7),  # 10 leads a week missing: 6.67 hours, rounded up
        (0, 0),
    ],
)
def test_hours_to_meet_target_are_the_fewest_whole_agency_hours(
    leads: int, hours_needed: int
) -> None:
    result = plan_capacity([_inside_sales()], leads)
    assert result.hours_to_meet_target == hours_needed
    assert _meets(
        plan_capacity([_inside_sales()], leads, extra_agency_hours=Fraction(hours_needed))
    )


def test_hours_to_meet_target_count_all_agency_hours_not_only_those_on_top() -> None:
    with_some = plan_capacity([_inside_sales()], 100, extra_agency_hours=Fraction(3))
    assert with_some.hours_to_meet_target == 7


def test_hours_to_meet_target_without_a_team_come_from_the_agency_alone() -> None:
    # 40 leads in 4 weeks: 10 a week at 1.5 per agency hour
    result = plan_capacity([], 40)
    assert result.problem is CapacityProblem.NO_HOURS
    assert result.hours_to_meet_target == 7


def test_agency_without_calls_or_reach_cannot_meet_the_target() -> None:
    for assumptions in (
        Assumptions(agency_calls_per_hour=Fraction(0)),
        Assumptions(agency_reach_rate=Fraction(0)),
    ):
        assert plan_capacity([_inside_sales()], 100, assumptions).hours_to_meet_target is None
        # ... but nothing is needed when the team meets the target alone.
        assert plan_capacity([_inside_sales()], 60, assumptions).hours_to_meet_target == 0


def test_agency_hours_without_agency_calls_report_no_calls() -> None:
    assumptions = Assumptions(agency_calls_per_hour=Fraction(0))
    result = plan_capacity([], 10, assumptions, extra_agency_hours=Fraction(5))
    assert result.problem is CapacityProblem.NO_CALLS


# display rounding


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Fraction(0), Decimal("0.0")),
        (Fraction(4), Decimal("4.0")),
        (Fraction(61, 15), Decimal("4.1")),
        (Fraction(41, 10), Decimal("4.1")),
        (Fraction(4001, 1000), Decimal("4.1")),
        (Fraction(1, 3), Decimal("0.4")),
    ],
)
def test_round_up_to_tenth_never_shows_less_than_the_truth(value: Fraction, shown: Decimal) -> None:
    assert round_up_to_tenth(value) == shown
    assert str(round_up_to_tenth(value)) == str(shown)


# validation


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weekly_hours": Fraction(-1)}, "weekly_hours"),
        ({"calls_per_hour": Fraction(-1)}, "calls_per_hour"),
        ({"reach_rate": Fraction(-1, 10)}, "reach_rate"),
        ({"reach_rate": Fraction(11, 10)}, "reach_rate"),
        ({"assigned_leads": -1}, "assigned_leads"),
    ],
)
def test_member_rejects_negative_numbers_and_reach_outside_zero_to_one(
    kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        replace(_inside_sales(), **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"weekly_hours": 10.0}, "weekly_hours"),
        ({"calls_per_hour": 12.5}, "calls_per_hour"),
        ({"reach_rate": 0.25}, "reach_rate"),
        ({"reach_rate": True}, "reach_rate"),
        ({"weekly_hours": Decimal(10)}, "weekly_hours"),
        ({"assigned_leads": 1.0}, "assigned_leads"),
        ({"assigned_leads": True}, "assigned_leads"),
    ],
)
def test_member_rejects_inexact_numbers(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(TypeError, match=message):
        replace(_inside_sales(), **kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"conversations_per_lead": Fraction(0)}, ValueError, "conversations_per_lead"),
        ({"conversations_per_lead": 2.0}, TypeError, "conversations_per_lead"),
        ({"target_weeks": 0}, ValueError, "target_weeks"),
        ({"target_weeks": -1}, ValueError, "target_weeks"),
        ({"target_weeks": 4.0}, TypeError, "target_weeks"),
        ({"call_day_hours": Fraction(0)}, ValueError, "call_day_hours"),
        ({"agency_calls_per_hour": Fraction(-1)}, ValueError, "agency_calls_per_hour"),
        ({"agency_reach_rate": Fraction(2)}, ValueError, "agency_reach_rate"),
        ({"agency_reach_rate": 0.25}, TypeError, "agency_reach_rate"),
    ],
)
def test_assumptions_reject_bad_numbers(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        Assumptions(**kwargs)


def test_plan_rejects_negative_unassigned_leads_and_agency_hours() -> None:
    with pytest.raises(ValueError, match="unassigned_leads"):
        plan_capacity([_inside_sales()], -1)
    with pytest.raises(ValueError, match="extra_agency_hours"):
        plan_capacity([_inside_sales()], 1, extra_agency_hours=Fraction(-1))


def test_plan_rejects_float_agency_hours_and_lead_counts() -> None:
    with pytest.raises(TypeError, match="extra_agency_hours"):
        plan_capacity([_inside_sales()], 1, extra_agency_hours=2.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="unassigned_leads"):
        plan_capacity([_inside_sales()], 1.0)  # type: ignore[arg-type]


def test_defaults_are_two_conversations_four_weeks_and_six_hour_call_days() -> None:
    expected = Assumptions(
        conversations_per_lead=Fraction(2),
        target_weeks=4,
        call_day_hours=Fraction(6),
        agency_calls_per_hour=Fraction(12),
        agency_reach_rate=Fraction(1, 4),
    )
    assert expected == DEFAULT_ASSUMPTIONS == Assumptions()


# properties


@props
@given(members_st, lead_counts, assumptions_st, st.data())
def test_more_hours_for_any_member_never_mean_more_weeks(
    team: list[Member], unassigned: int, assumptions: Assumptions, data: st.DataObject
) -> None:
    assume(team)
    i = data.draw(st.integers(min_value=0, max_value=len(team) - 1))
    more = data.draw(hours)
    busier = [*team]
    busier[i] = replace(team[i], weekly_hours=team[i].weekly_hours + more)
    before = plan_capacity(team, unassigned, assumptions)
    after = plan_capacity(busier, unassigned, assumptions)
    assert _no_later(after.weeks, before.weeks)
    assert after.call_days_per_week >= before.call_days_per_week


@props
@given(members_st, lead_counts, assumptions_st, hours, hours)
def test_more_agency_hours_never_mean_more_weeks(
    team: list[Member], unassigned: int, assumptions: Assumptions, a: Fraction, b: Fraction
) -> None:
    fewer = plan_capacity(team, unassigned, assumptions, min(a, b))
    more = plan_capacity(team, unassigned, assumptions, max(a, b))
    assert _no_later(more.weeks, fewer.weeks)
    # The what-if never changes what the agency would need in total.
    assert more.hours_to_meet_target == fewer.hours_to_meet_target


@props
@given(members_st, lead_counts, assumptions_st, st.integers(min_value=0, max_value=100), st.data())
def test_more_leads_never_mean_fewer_weeks(
    team: list[Member],
    unassigned: int,
    assumptions: Assumptions,
    extra: int,
    data: st.DataObject,
) -> None:
    before = plan_capacity(team, unassigned, assumptions)
    more_unassigned = plan_capacity(team, unassigned + extra, assumptions)
    assert _no_later(before.weeks, more_unassigned.weeks)
    if team:
        i = data.draw(st.integers(min_value=0, max_value=len(team) - 1))
        loaded = [*team]
        loaded[i] = replace(team[i], assigned_leads=team[i].assigned_leads + extra)
        more_assigned = plan_capacity(loaded, unassigned, assumptions)
        assert _no_later(before.weeks, more_assigned.weeks)
        assert _no_later(before.members[i].weeks, more_assigned.members[i].weeks)


@props
@given(members_st, lead_counts, assumptions_st, st.data())
def test_a_higher_reach_rate_never_means_more_weeks(
    team: list[Member], unassigned: int, assumptions: Assumptions, data: st.DataObject
) -> None:
    assume(team)
    i = data.draw(st.integers(min_value=0, max_value=len(team) - 1))
    higher = data.draw(st.fractions(min_value=team[i].reach_rate, max_value=1, max_denominator=20))
    better = [*team]
    better[i] = replace(team[i], reach_rate=higher)
    before = plan_capacity(team, unassigned, assumptions)
    after = plan_capacity(better, unassigned, assumptions)
    assert _no_later(after.weeks, before.weeks)


@props
@given(members_st, lead_counts, assumptions_st, hours)
def test_weeks_times_leads_per_week_is_the_backlog(
    team: list[Member], unassigned: int, assumptions: Assumptions, agency: Fraction
) -> None:
    result = plan_capacity(team, unassigned, assumptions, agency)
    assert result.backlog == unassigned + sum(m.assigned_leads for m in team)
    if result.weeks is not None:
        assert result.weeks * result.leads_per_week == result.backlog
        assert result.over_capacity == (result.weeks > assumptions.target_weeks)
    else:
        assert result.leads_per_week == 0
        assert result.backlog > 0
        assert result.problem is not None
        assert result.over_capacity


@props
@given(members_st, lead_counts, assumptions_st, hours)
def test_weeks_display_is_at_most_a_tenth_above_the_weeks(
    team: list[Member], unassigned: int, assumptions: Assumptions, agency: Fraction
) -> None:
    result = plan_capacity(team, unassigned, assumptions, agency)
    assert (result.weeks is None) == (result.weeks_display is None)
    if result.weeks is not None and result.weeks_display is not None:
        shown = Fraction(result.weeks_display)
        assert result.weeks <= shown < result.weeks + Fraction(1, 10)
        assert result.weeks_display.as_tuple().exponent == -1
    for load in result.members:
        if load.weeks is not None and load.weeks_display is not None:
            assert load.weeks <= Fraction(load.weeks_display) < load.weeks + Fraction(1, 10)


@props
@given(
    st.lists(
        st.builds(
            Member,
            id=st.integers(min_value=1),
            name=st.just("m"),
            weekly_hours=st.just(Fraction(0)),
            calls_per_hour=calls,
            reach_rate=reach,
            assigned_leads=lead_counts,
        ),
        max_size=4,
    ),
    lead_counts,
    assumptions_st,
)
def test_zero_hours_for_everyone_with_a_backlog_report_no_hours(
    team: list[Member], unassigned: int, assumptions: Assumptions
) -> None:
    assume(unassigned + sum(m.assigned_leads for m in team) > 0)
    result = plan_capacity(team, unassigned, assumptions)  # must not raise ZeroDivisionError
    assert result.weeks is None
    assert result.weeks_display is None
    assert result.problem is CapacityProblem.NO_HOURS
    assert result.over_capacity
    assert result.call_days_needed_per_week is None
    assert result.call_days_per_week == 0
    for load in result.members:
        assert load.share == 0
        assert (load.weeks is None) == (load.leads > 0)


@props
@given(members_st, lead_counts, assumptions_st)
def test_hours_to_meet_target_meet_it_and_one_hour_fewer_does_not(
    team: list[Member], unassigned: int, assumptions: Assumptions
) -> None:
    result = plan_capacity(team, unassigned, assumptions)
    needed = result.hours_to_meet_target
    agency_rate = assumptions.agency_calls_per_hour * assumptions.agency_reach_rate
    if needed is None:
        assert agency_rate == 0
        assert not _meets(result)
    elif needed == 0:
        assert _meets(result)
    else:
        assert _meets(plan_capacity(team, unassigned, assumptions, Fraction(needed)))
        assert not _meets(plan_capacity(team, unassigned, assumptions, Fraction(needed - 1)))


@props
@given(members_st, lead_counts, assumptions_st, hours)
def test_shares_of_unassigned_leads_sum_to_them_when_someone_has_capacity(
    team: list[Member], unassigned: int, assumptions: Assumptions, agency: Fraction
) -> None:
    result = plan_capacity(team, unassigned, assumptions, agency)
    shares = sum((load.share for load in result.members), Fraction(0))
    if result.leads_per_week > 0:
        assert shares == unassigned
        for load in result.members:
            assert load.share == unassigned * load.leads_per_week / result.leads_per_week
        assert sum((load.leads for load in result.members), Fraction(0)) == result.backlog
    else:
        assert shares == 0


@props
@given(members_st, lead_counts, assumptions_st)
def test_call_days_needed_are_the_members_dial_hours_over_the_target(
    team: list[Member], unassigned: int, assumptions: Assumptions
) -> None:
    result = plan_capacity(team, unassigned, assumptions)
    needed = result.call_days_needed_per_week
    if needed is None:
        assert result.backlog > 0
        assert result.weeks is None or any(
            load.hours_needed is None and load.leads > 0 for load in result.members
        )
    else:
        dial_hours = sum((load.hours_needed or Fraction(0) for load in result.members), Fraction(0))
        assert needed * assumptions.call_day_hours * assumptions.target_weeks == dial_hours
        # A member who can dial needs exactly their weeks' worth of their own hours.
        for load, member in zip(result.members, team, strict=True):
            if load.weeks is not None and load.hours_needed is not None:
                assert load.hours_needed == load.weeks * member.weekly_hours
                assert load.over_capacity == (load.weeks > assumptions.target_weeks)
