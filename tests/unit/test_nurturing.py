"""Nurturing rules: cadence dates, stops, validation, forgotten leads and what is overdue."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospector.enums import ActivityKind, CadenceStop, LeadStatus
from prospector.nurturing import (
    DEFAULT_QUIET_DAYS,
    MAX_DAYS_AFTER,
    MAX_STEPS,
    Cadence,
    CadenceProblem,
    CadenceStep,
    Due,
    Forgotten,
    PlannedTouch,
    cadence_problems,
    default_cadences,
    due_state,
    first_touch,
    forgotten,
    is_overdue,
    next_touch,
    retry_on,
    schedule,
    stop_reason,
    touch_date,
)
from prospector.workdays import STATES, WorkCalendar

props = settings(deadline=None, max_examples=100)

D = dt.date
BAVARIA = WorkCalendar("BY")
BERLIN = ZoneInfo("Europe/Berlin")

steps_st = st.builds(
    CadenceStep,
    kind=st.sampled_from(ActivityKind),
    days_after=st.integers(min_value=0, max_value=MAX_DAYS_AFTER),
    talking_point=st.none() | st.text(max_size=5),
)
cadences_st = st.builds(
    Cadence, name=st.just("plan"), steps=st.lists(steps_st, min_size=1, max_size=8).map(tuple)
)
days_st = st.dates(min_value=D(2000, 1, 1), max_value=D(2095, 12, 31))
calendars_st = st.builds(WorkCalendar, st.sampled_from((None, *STATES)))


def _cadence(*days_after: int) -> Cadence:
    return Cadence("plan", tuple(CadenceStep(ActivityKind.CALL, d) for d in days_after))


# Touch dates


def test_touch_date_moves_a_weekend_or_holiday_to_the_next_working_day() -> None:
    assert touch_date(D(2026, 3, 9), 5, BAVARIA) == D(2026, 3, 16)  # Saturday to Monday
    assert touch_date(D(2026, 4, 1), 2, BAVARIA) == D(2026, 4, 7)  # Good Friday to Tuesday
    assert touch_date(D(2026, 3, 10), 1, BAVARIA) == D(2026, 3, 11)


def test_touch_date_keeps_the_raw_day_when_off_days_are_allowed() -> None:
    assert touch_date(D(2026, 3, 9), 5, BAVARIA, off_days=True) == D(2026, 3, 14)
    assert touch_date(D(2026, 4, 1), 2, BAVARIA, off_days=True) == D(2026, 4, 3)


def test_touch_date_refuses_negative_days() -> None:
    with pytest.raises(ValueError, match="negative"):
        touch_date(D(2026, 3, 9), -1, BAVARIA)


def test_first_touch_plans_the_first_step_from_the_day_the_plan_is_applied() -> None:
    cadence = Cadence(
        "plan",
        (CadenceStep(ActivityKind.EMAIL, 2, "hello"), CadenceStep(ActivityKind.CALL, 3)),
    )
    assert first_touch(cadence, D(2026, 3, 12), BAVARIA) == PlannedTouch(
        0, D(2026, 3, 16), ActivityKind.EMAIL, "hello"
    )
    with pytest.raises(ValueError, match="no steps"):
        first_touch(Cadence("empty", ()), D(2026, 3, 12), BAVARIA)


def test_next_touch_counts_from_the_day_done_not_the_day_due() -> None:
    cadence = _cadence(0, 14, 7)
    # Step 0 was due on 2 March and done a week late: step 1 comes 14 days after that.
    assert next_touch(cadence, 0, D(2026, 3, 9), BAVARIA) == PlannedTouch(
        1, D(2026, 3, 23), ActivityKind.CALL, None
    )
    assert next_touch(cadence, 2, D(2026, 3, 9), BAVARIA) is None
    with pytest.raises(ValueError, match="no step 3"):
        next_touch(cadence, 3, D(2026, 3, 9), BAVARIA)
    with pytest.raises(ValueError, match="no step -1"):
        next_touch(cadence, -1, D(2026, 3, 9), BAVARIA)


@props
@given(
    cadence=cadences_st,
    data=st.data(),
    done_on=days_st,
    calendar=calendars_st,
    off_days=st.booleans(),
)
def test_the_next_step_never_lies_before_the_day_done_and_avoids_days_off(
    cadence: Cadence,
    data: st.DataObject,
    done_on: dt.date,
    calendar: WorkCalendar,
    off_days: bool,
) -> None:
    position = data.draw(st.integers(min_value=0, max_value=cadence.touches - 1), "position")
    touch = next_touch(cadence, position, done_on, calendar, off_days=off_days)
    if position == cadence.touches - 1:
        assert touch is None
        return
    assert touch is not None
    step = cadence.steps[position + 1]
    assert (touch.position, touch.kind, touch.talking_point) == (
        position + 1,
        step.kind,
        step.talking_point,
    )
    assert touch.on >= done_on
    raw = done_on + dt.timedelta(days=step.days_after)
    if off_days:
        assert touch.on == raw
    else:
        assert calendar.is_workday(touch.on)
        assert touch.on == calendar.next_workday(raw)


@props
@given(cadence=cadences_st, start=days_st, calendar=calendars_st, off_days=st.booleans())
def test_walking_a_cadence_visits_every_step_once_in_order_then_finishes(
    cadence: Cadence, start: dt.date, calendar: WorkCalendar, off_days: bool
) -> None:
    touch: PlannedTouch | None = first_touch(cadence, start, calendar, off_days=off_days)
    visited: list[PlannedTouch] = []
    while touch is not None:
        visited.append(touch)
        touch = next_touch(cadence, touch.position, touch.on, calendar, off_days=off_days)
    assert [t.position for t in visited] == list(range(cadence.touches))
    dates = [t.on for t in visited]
    assert dates == sorted(dates)
    assert dates[0] >= start
    # The preview is that walk.
    planned = schedule(cadence, start, calendar, off_days=off_days)
    assert planned == tuple(visited)
    assert planned[0] == first_touch(cadence, start, calendar, off_days=off_days)


def test_schedule_of_an_empty_cadence_is_empty() -> None:
    assert schedule(Cadence("empty", ()), D(2026, 3, 2), BAVARIA) == ()


def test_schedule_over_easter_in_bavaria() -> None:
    planned = schedule(_cadence(0, 3, 1), D(2026, 4, 1), BAVARIA)
    # 1 April (Wednesday), then 4 April (Saturday) to 7 April, then 8 April.
    assert [t.on for t in planned] == [D(2026, 4, 1), D(2026, 4, 7), D(2026, 4, 8)]


def test_retry_after_not_reached_lands_on_a_working_day() -> None:
    assert retry_on(D(2026, 3, 12), 2, BAVARIA) == D(2026, 3, 16)
    assert retry_on(D(2026, 3, 12), 2, BAVARIA, off_days=True) == D(2026, 3, 14)
    assert retry_on(D(2026, 4, 2), 1, BAVARIA) == D(2026, 4, 7)
    with pytest.raises(ValueError, match="at least a day"):
        retry_on(D(2026, 3, 12), 0, BAVARIA)


# Stops


@given(status=st.sampled_from(LeadStatus), do_not_contact=st.booleans())
def test_a_plan_stops_exactly_for_opportunity_disqualified_or_objection(
    status: LeadStatus, do_not_contact: bool
) -> None:
    reason = stop_reason(status, do_not_contact)
    stops = do_not_contact or status in (LeadStatus.OPPORTUNITY, LeadStatus.DISQUALIFIED)
    assert (reason is not None) == stops


@pytest.mark.parametrize(
    ("status", "do_not_contact", "expected"),
    [
        (LeadStatus.OPPORTUNITY, False, CadenceStop.OPPORTUNITY),
        (LeadStatus.DISQUALIFIED, False, CadenceStop.DISQUALIFIED),
        (LeadStatus.OPPORTUNITY, True, CadenceStop.OBJECTION),
        (LeadStatus.DISQUALIFIED, True, CadenceStop.OBJECTION),
        (LeadStatus.NURTURING, True, CadenceStop.OBJECTION),
        (LeadStatus.CONTACT, False, None),
        (LeadStatus.LEAD, False, None),
        (LeadStatus.QUALIFYING, False, None),
        (LeadStatus.NURTURING, False, None),
    ],
)
def test_stop_reason_names_why_and_an_objection_comes_first(
    status: LeadStatus, do_not_contact: bool, expected: CadenceStop | None
) -> None:
    assert stop_reason(status, do_not_contact) is expected


# Validation


def test_cadence_problems_lists_each_problem_once() -> None:
    assert cadence_problems(_cadence(0, 14)) == ()
    assert cadence_problems(Cadence(" ", ())) == (CadenceProblem.NO_NAME, CadenceProblem.NO_STEPS)
    assert cadence_problems(Cadence("x" * 121, _cadence(0).steps)) == (
        CadenceProblem.NAME_TOO_LONG,
    )
    assert cadence_problems(_cadence(-1, 5, -2, MAX_DAYS_AFTER + 1)) == (
        CadenceProblem.NEGATIVE_DAYS,
        CadenceProblem.TOO_MANY_DAYS,
    )
    assert cadence_problems(_cadence(*[7] * MAX_STEPS)) == ()
    assert cadence_problems(_cadence(*[7] * (MAX_STEPS + 1))) == (CadenceProblem.TOO_MANY_STEPS,)
    assert cadence_problems(_cadence(0, MAX_DAYS_AFTER)) == ()


def test_span_and_touches_of_a_cadence() -> None:
    cadence = _cadence(0, 14, 30)
    assert (cadence.touches, cadence.span_days) == (3, 44)


def test_default_cadences_are_valid_and_say_what_they_promise() -> None:
    asked: list[tuple[str, str]] = []

    def translate(context: str, text: str) -> str:
        asked.append((context, text))
        return text

    cadences = default_cadences(translate)
    assert len(cadences) >= 3
    assert {context for context, _ in asked} == {"Cadences"}
    for cadence in cadences:
        assert cadence_problems(cadence) == (), cadence.name
        assert all(step.talking_point for step in cadence.steps), cadence.name
    by_name = {c.name: c for c in cadences}
    long_cycle = by_name["Long cycle: 6 touches in 9 months"]
    assert long_cycle.touches == 6
    assert 240 <= long_cycle.span_days <= 290
    short_cycle = by_name["Short cycle: 4 touches in 6 weeks"]
    assert short_cycle.touches == 4
    assert 35 <= short_cycle.span_days <= 49
    requalify = by_name["Re-qualify after a year"]
    assert 1 <= requalify.touches <= 2
    assert 350 <= requalify.span_days <= 380


# Forgotten leads

TODAY = D(2026, 6, 15)
QUIET = DEFAULT_QUIET_DAYS
LAST_TOUCHES = {
    "recent": TODAY - dt.timedelta(days=QUIET - 1),
    "quiet": TODAY - dt.timedelta(days=QUIET),
    "never": None,
}


def _expected(status: LeadStatus, last: str, planned: bool) -> Forgotten | None:
    if planned or status in (LeadStatus.CONTACT, LeadStatus.OPPORTUNITY, LeadStatus.DISQUALIFIED):
        return None
    if status is LeadStatus.NURTURING:
        return Forgotten.NURTURING_UNPLANNED
    return None if last == "recent" else Forgotten.NO_TOUCH


@pytest.mark.parametrize("planned", [False, True])
@pytest.mark.parametrize("last", list(LAST_TOUCHES))
@pytest.mark.parametrize("status", list(LeadStatus))
def test_forgotten_for_each_status_last_touch_and_plan(
    status: LeadStatus, last: str, planned: bool
) -> None:
    found = forgotten(status, LAST_TOUCHES[last], planned, TODAY, QUIET)
    assert found is _expected(status, last, planned)


def test_forgotten_counts_quiet_days_from_the_last_touch() -> None:
    touched = D(2026, 3, 1)
    assert forgotten(LeadStatus.LEAD, touched, False, D(2026, 4, 29), 60) is None
    assert forgotten(LeadStatus.LEAD, touched, False, D(2026, 4, 30), 60) is Forgotten.NO_TOUCH
    assert forgotten(LeadStatus.QUALIFYING, TODAY, False, TODAY, 1) is None
    with pytest.raises(ValueError, match="quiet_days"):
        forgotten(LeadStatus.LEAD, None, False, TODAY, 0)


@props
@given(
    status=st.sampled_from(LeadStatus),
    last_touch=st.none() | days_st,
    today=days_st,
    quiet_days=st.integers(min_value=1, max_value=1000),
)
def test_a_lead_with_a_planned_touch_is_never_forgotten(
    status: LeadStatus, last_touch: dt.date | None, today: dt.date, quiet_days: int
) -> None:
    assert forgotten(status, last_touch, True, today, quiet_days) is None


# Overdue, today, later


@pytest.mark.parametrize(
    ("due_at", "expected"),
    [
        (dt.datetime(2026, 3, 10, 23, 59, 59), Due.OVERDUE),
        (dt.datetime(2026, 3, 11, 0, 0), Due.TODAY),  # an all-day touch
        (dt.datetime(2026, 3, 11, 9, 0), Due.TODAY),  # due an hour ago: still today
        (dt.datetime(2026, 3, 11, 23, 59, 59), Due.TODAY),
        (dt.datetime(2026, 3, 12, 0, 0), Due.LATER),
    ],
)
def test_due_state_at_the_boundaries_of_the_day(due_at: dt.datetime, expected: Due) -> None:
    now = dt.datetime(2026, 3, 11, 10, 0)
    assert due_state(due_at, now) is expected
    assert is_overdue(due_at, now) is (expected is Due.OVERDUE)


def test_a_utc_due_time_is_judged_by_the_local_day() -> None:
    now = dt.datetime(2026, 3, 11, 10, 0, tzinfo=BERLIN)
    # 23:30 UTC on 10 March is 00:30 on 11 March in Berlin: today, not overdue.
    assert due_state(dt.datetime(2026, 3, 10, 23, 30, tzinfo=dt.UTC), now) is Due.TODAY
    assert due_state(dt.datetime(2026, 3, 10, 22, 30, tzinfo=dt.UTC), now) is Due.OVERDUE
    # 23:30 UTC on 11 March is already tomorrow in Berlin.
    assert due_state(dt.datetime(2026, 3, 11, 23, 30, tzinfo=dt.UTC), now) is Due.LATER


def test_due_state_across_the_change_to_summer_time() -> None:
    # Clocks go forward on 29 March 2026: the day is 23 hours long, still one day.
    now = dt.datetime(2026, 3, 29, 12, 0, tzinfo=BERLIN)
    assert due_state(dt.datetime(2026, 3, 29, 21, 59, tzinfo=dt.UTC), now) is Due.TODAY
    assert due_state(dt.datetime(2026, 3, 29, 22, 0, tzinfo=dt.UTC), now) is Due.LATER
