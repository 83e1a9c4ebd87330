"""The order of a call list (overdue, fit, lead status, time, name) and a call's open criteria."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from prospector.call_day import Call, in_order, priority
from prospector.enums import CompanyStage, Criterion, CriterionStatus, LeadStatus

NINE = dt.datetime(2026, 12, 6, 9, 0)
ALL_OPEN = tuple((criterion, CriterionStatus.OPEN) for criterion in Criterion)


def _call(company: str = "Firma", **changes: Any) -> Call:
    call = Call(
        activity_id=1,
        contact_id=1,
        company_id=1,
        company=company,
        city=None,
        phone=None,
        phone_is_company=False,
        contact="Anna Schmidt",
        job_title=None,
        persona=None,
        status=LeadStatus.LEAD,
        stage=CompanyStage.LEAD,
        fit_score=50,
        due_at=NINE,
        overdue=False,
        talking_point=None,
        persona_points=None,
        pains=None,
        value_proposition=None,
        criteria=ALL_OPEN,
        last_touch=None,
        recent=(),
        data_source=None,
        owner=None,
    )
    return dataclasses.replace(call, **changes)


def _names(calls: list[Call]) -> list[str]:
    return [call.company for call in in_order(calls)]


def test_overdue_calls_come_first_whatever_their_fit() -> None:
    calls = [_call("good fit", fit_score=99), _call("overdue", overdue=True, fit_score=1)]
    assert _names(calls) == ["overdue", "good fit"]


def test_the_better_fit_comes_first_and_no_score_comes_last() -> None:
    calls = [
        _call("none", fit_score=None),
        _call("zero", fit_score=0),
        _call("high", fit_score=90),
        _call("middle", fit_score=40),
    ]
    assert _names(calls) == ["high", "middle", "zero", "none"]


def test_at_equal_fit_the_lead_nearer_to_a_deal_comes_first() -> None:
    statuses = [
        LeadStatus.DISQUALIFIED,
        LeadStatus.CONTACT,
        LeadStatus.NURTURING,
        LeadStatus.LEAD,
        LeadStatus.QUALIFYING,
        LeadStatus.OPPORTUNITY,
    ]
    calls = [_call(status.value, status=status) for status in statuses]
    assert _names(calls) == [
        "opportunity",
        "qualifying",
        "lead",
        "nurturing",
        "contact",
        "disqualified",
    ]


def test_at_equal_status_the_earlier_call_comes_first() -> None:
    calls = [
        _call("eleven", due_at=NINE.replace(hour=11)),
        _call("nine", due_at=NINE),
        _call("yesterday", due_at=NINE - dt.timedelta(days=1)),
    ]
    assert _names(calls) == ["yesterday", "nine", "eleven"]


def test_the_company_name_breaks_a_tie_regardless_of_case() -> None:
    calls = [_call("Gamma AG"), _call("beta GmbH"), _call("Alpha KG")]
    assert _names(calls) == ["Alpha KG", "beta GmbH", "Gamma AG"]


def test_overdue_outranks_fit_which_outranks_status_which_outranks_time() -> None:
    calls = [
        _call("early", due_at=NINE.replace(hour=7)),
        _call("opportunity", status=LeadStatus.OPPORTUNITY, due_at=NINE.replace(hour=17)),
        _call("fit", fit_score=80, status=LeadStatus.CONTACT, due_at=NINE.replace(hour=18)),
        _call("overdue", overdue=True, fit_score=None, status=LeadStatus.CONTACT),
    ]
    assert _names(calls) == ["overdue", "fit", "opportunity", "early"]
    assert priority(calls[3]) < priority(calls[2]) < priority(calls[1]) < priority(calls[0])


def test_in_order_returns_a_tuple_and_leaves_the_given_list_alone() -> None:
    calls = [_call("b"), _call("a")]
    ordered = in_order(calls)
    assert isinstance(ordered, tuple)
    assert [call.company for call in calls] == ["b", "a"]
    assert in_order([]) == ()


def test_open_criteria_are_all_but_the_met_ones_in_their_order() -> None:
    call = _call(
        criteria=(
            (Criterion.AUTHORITY, CriterionStatus.MET),
            (Criterion.NEED, CriterionStatus.NOT_MET),
            (Criterion.BUDGET, CriterionStatus.OPEN),
            (Criterion.TIMING, CriterionStatus.MET),
        )
    )
    assert call.open_criteria == (Criterion.NEED, Criterion.BUDGET)


def test_no_open_criteria_when_all_are_met_and_all_when_none_is() -> None:
    met = tuple((criterion, CriterionStatus.MET) for criterion in Criterion)
    assert _call(criteria=met).open_criteria == ()
    assert _call().open_criteria == tuple(Criterion)
