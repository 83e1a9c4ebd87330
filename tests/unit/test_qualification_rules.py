"""The four criteria, every status move allowed and refused, timing, the company's stage."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospector.enums import CompanyStage, Criterion, CriterionStatus, LeadStatus, OpportunityStage
from prospector.qualification import (
    CRITERIA,
    MOVES,
    CriterionState,
    Move,
    Refusal,
    SalesWindow,
    Timing,
    Verdict,
    add_months,
    company_stage,
    lacking_evidence,
    missing,
    refusals,
    requalify_date,
    timing,
    verdict,
)

MET = CriterionState(CriterionStatus.MET, "said so on the phone")
ALL_MET = dict.fromkeys(CRITERIA, MET)

C, L, Q, N, OP, D = (
    LeadStatus.CONTACT,
    LeadStatus.LEAD,
    LeadStatus.QUALIFYING,
    LeadStatus.NURTURING,
    LeadStatus.OPPORTUNITY,
    LeadStatus.DISQUALIFIED,
)
# Every pair of statuses and whether the move is allowed; the table is written out by hand so
# that a change of MOVES shows up here as a decision, not as a silent edit.
TABLE = {
    (C, L): True, (C, Q): True, (C, N): False, (C, OP): False, (C, D): True,
    (L, C): True, (L, Q): True, (L, N): True, (L, OP): True, (L, D): True,
    (Q, C): False, (Q, L): True, (Q, N): True, (Q, OP): True, (Q, D): True,
    (N, C): False, (N, L): True, (N, Q): True, (N, OP): True, (N, D): True,
    (OP, C): False, (OP, L): False, (OP, Q): False, (OP, N): True, (OP, D): True,
    (D, C): True, (D, L): True, (D, Q): False, (D, N): False, (D, OP): False,
}  # fmt: skip


def _complete(current: LeadStatus, target: LeadStatus) -> Move:
    """The move with everything it may need supplied."""
    return Move(
        current,
        target,
        has_company=True,
        checklist=ALL_MET,
        reason="no_budget",
        requalify_on=dt.date(2027, 6, 1),
    )


def test_the_table_covers_every_pair_of_statuses() -> None:
    pairs = {(a, b) for a, b in itertools.product(LeadStatus, LeadStatus) if a is not b}
    assert set(TABLE) == pairs
    assert {pair for pair, allowed in TABLE.items() if allowed} == {
        (a, b) for a, targets in MOVES.items() for b in targets
    }


@pytest.mark.parametrize(("current", "target"), sorted(TABLE, key=str))
def test_every_status_move_is_allowed_or_refused_as_the_table_says(
    current: LeadStatus, target: LeadStatus
) -> None:
    found = refusals(_complete(current, target))
    if TABLE[(current, target)]:
        assert found == ()
    else:
        assert found == (Refusal.NOT_ALLOWED,)


@pytest.mark.parametrize("status", list(LeadStatus))
def test_staying_in_a_status_is_no_move(status: LeadStatus) -> None:
    assert refusals(Move(status, status, has_company=False)) == ()


@pytest.mark.parametrize("source", [L, Q, N])
@pytest.mark.parametrize("left_open", CRITERIA)
def test_no_opportunity_unless_all_four_criteria_are_met(
    source: LeadStatus, left_open: Criterion
) -> None:
    checklist = dict(ALL_MET) | {left_open: CriterionState()}
    move = Move(source, OP, checklist=checklist)
    assert refusals(move) == (Refusal.CRITERIA_MISSING,)
    assert refusals(Move(source, OP, checklist=ALL_MET)) == ()


def test_no_opportunity_without_a_checklist_at_all() -> None:
    assert refusals(Move(Q, OP)) == (Refusal.CRITERIA_MISSING,)


def test_met_without_evidence_does_not_count() -> None:
    checklist = dict(ALL_MET) | {Criterion.BUDGET: CriterionState(CriterionStatus.MET, "  ")}
    assert missing(checklist) == (Criterion.BUDGET,)
    assert lacking_evidence(checklist) == (Criterion.BUDGET,)
    assert refusals(Move(Q, OP, checklist=checklist)) == (Refusal.CRITERIA_MISSING,)


def test_a_person_without_a_company_cannot_become_a_lead() -> None:
    assert refusals(Move(C, L, has_company=False)) == (Refusal.NO_COMPANY,)
    assert refusals(Move(C, D, has_company=False, reason="other")) == ()


def test_disqualifying_needs_a_reason_and_nurturing_a_date() -> None:
    assert refusals(Move(Q, D)) == (Refusal.REASON_REQUIRED,)
    assert refusals(Move(Q, D, reason="  ")) == (Refusal.REASON_REQUIRED,)
    assert refusals(Move(Q, N)) == (Refusal.DATE_REQUIRED,)


def test_every_refusal_is_reported_at_once() -> None:
    assert refusals(Move(C, OP, has_company=False)) == (
        Refusal.NOT_ALLOWED,
        Refusal.NO_COMPANY,
        Refusal.CRITERIA_MISSING,
    )


def test_missing_criteria_come_in_the_articles_order() -> None:
    checklist = {Criterion.NEED: MET}
    assert missing(checklist) == (Criterion.AUTHORITY, Criterion.BUDGET, Criterion.TIMING)


def test_verdict_is_ready_open_or_failed() -> None:
    assert verdict(ALL_MET) is Verdict.READY
    assert verdict({Criterion.NEED: MET}) is Verdict.OPEN
    failed = dict(ALL_MET) | {Criterion.TIMING: CriterionState(CriterionStatus.NOT_MET)}
    assert verdict(failed) is Verdict.FAILED


TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("decision", "expected"),
    [
        (None, Timing.UNKNOWN),
        (dt.date(2026, 12, 5), Timing.PAST),
        (TODAY, Timing.SOON),
        (dt.date(2027, 6, 5), Timing.SOON),
        (dt.date(2027, 6, 6), Timing.INSIDE),
        (dt.date(2027, 12, 6), Timing.INSIDE),
        (dt.date(2027, 12, 7), Timing.LATER),
    ],
)
def test_timing_against_the_six_to_twelve_month_window(
    decision: dt.date | None, expected: Timing
) -> None:
    assert timing(decision, TODAY, SalesWindow()) is expected


def test_a_later_decision_is_qualified_again_when_it_enters_the_window() -> None:
    assert requalify_date(dt.date(2028, 3, 15), TODAY, SalesWindow()) == dt.date(2027, 3, 15)
    # Never before tomorrow, whatever the window.
    assert requalify_date(dt.date(2027, 1, 1), TODAY, SalesWindow(0, 1)) == dt.date(2026, 12, 7)


def test_a_sales_window_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="invalid sales window"):
        SalesWindow(12, 6)
    with pytest.raises(ValueError, match="invalid sales window"):
        SalesWindow(0, 0)


def test_add_months_keeps_the_last_day_of_shorter_months() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 3, 31), -13) == dt.date(2026, 2, 28)


@settings(deadline=None, max_examples=300)
@given(
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2200, 1, 1)),
    months=st.integers(min_value=-240, max_value=240),
)
def test_add_months_moves_by_whole_months_and_back(day: dt.date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    if day.day <= 28:
        assert add_months(moved, -months) == day


@settings(deadline=None, max_examples=300)
@given(
    decision=st.dates(min_value=TODAY, max_value=dt.date(2040, 1, 1)),
    low=st.integers(min_value=0, max_value=24),
    span=st.integers(min_value=1, max_value=24),
)
def test_a_requalified_lead_is_inside_the_window_on_its_date(
    decision: dt.date, low: int, span: int
) -> None:
    window = SalesWindow(min(low, span), span)
    if timing(decision, TODAY, window) is Timing.LATER:
        again = requalify_date(decision, TODAY, window)
        assert again > TODAY
        assert timing(decision, again, window) is not Timing.LATER


W, LOST, OPEN = OpportunityStage.WON, OpportunityStage.LOST, OpportunityStage.OFFER_SENT


@pytest.mark.parametrize(
    ("current", "statuses", "stages", "expected"),
    [
        (CompanyStage.TARGET, [], [], CompanyStage.TARGET),
        (CompanyStage.TARGET, [C, C], [], CompanyStage.TARGET),
        (CompanyStage.TARGET, [C, L], [], CompanyStage.LEAD),
        (CompanyStage.TARGET, [N], [], CompanyStage.LEAD),
        (CompanyStage.LEAD, [OP], [OPEN], CompanyStage.OPPORTUNITY),
        (CompanyStage.OPPORTUNITY, [OP], [W], CompanyStage.CUSTOMER),
        (CompanyStage.CUSTOMER, [D], [LOST], CompanyStage.CUSTOMER),
        (CompanyStage.OPPORTUNITY, [OP], [LOST], CompanyStage.EXCLUDED),
        (CompanyStage.OPPORTUNITY, [OP, Q], [LOST], CompanyStage.LEAD),
        (CompanyStage.LEAD, [D, C], [], CompanyStage.EXCLUDED),
        (CompanyStage.EXCLUDED, [C], [], CompanyStage.EXCLUDED),
        (CompanyStage.EXCLUDED, [L], [], CompanyStage.LEAD),
        (CompanyStage.LEAD, [C], [], CompanyStage.TARGET),
        (CompanyStage.TARGET, [OP], [], CompanyStage.LEAD),
    ],
)
def test_the_company_stage_follows_its_people_and_deals(
    current: CompanyStage,
    statuses: list[LeadStatus],
    stages: list[OpportunityStage],
    expected: CompanyStage,
) -> None:
    assert company_stage(current, statuses, stages) is expected
