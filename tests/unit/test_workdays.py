"""The working-day calendar: weekends, national and state holidays, and the next working day."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospector.settings import LANGUAGES
from prospector.workdays import STATES, WorkCalendar, state_label, state_labels

props = settings(deadline=None, max_examples=100)

D = dt.date
days = st.dates(min_value=D(1991, 1, 1), max_value=D(2100, 12, 20))
states = st.sampled_from((None, *STATES))


def _collect(context: str, text: str) -> str:
    return f"{context}:{text}"


def test_states_are_the_sixteen_bundeslaender_of_the_holidays_package() -> None:
    import holidays

    assert len(STATES) == 16
    assert set(STATES) <= set(holidays.Germany.subdivisions)
    assert "Augsburg" not in STATES


def test_state_labels_are_translated_in_context_labels_and_sorted_by_name() -> None:
    labels = state_labels(lambda _context, text: text)
    assert set(labels) == set(STATES)
    assert labels["BY"] == "Bavaria"
    assert labels["NW"] == "North Rhine-Westphalia"
    assert labels["BW"] == "Baden-Württemberg"
    assert labels["SN"] == "Saxony"
    assert list(labels.values()) == sorted(labels.values(), key=str.casefold)
    assert state_label("TH", _collect) == "Labels:Thuringia"


def test_an_unknown_state_is_refused() -> None:
    with pytest.raises(ValueError, match="XX"):
        WorkCalendar("XX")
    with pytest.raises(ValueError, match="Augsburg"):
        WorkCalendar("Augsburg")
    with pytest.raises(ValueError, match="XX"):
        state_label("XX")


def test_a_language_without_holiday_names_is_refused_and_ours_all_have_them() -> None:
    with pytest.raises(ValueError, match="fr"):
        WorkCalendar("BY", "fr")
    for language in LANGUAGES:
        assert WorkCalendar("BY", language).holiday(D(2026, 1, 1))


@pytest.mark.parametrize("state", [None, *STATES])
@pytest.mark.parametrize("day", [D(2026, 1, 1), D(2027, 10, 3), D(2026, 12, 25), D(2026, 12, 26)])
def test_national_holidays_are_off_in_every_state(state: str | None, day: dt.date) -> None:
    calendar = WorkCalendar(state)
    assert calendar.holiday(day) is not None
    assert not calendar.is_workday(day)


def test_bavaria_2026_has_epiphany_easter_monday_and_corpus_christi() -> None:
    bavaria, berlin = WorkCalendar("BY"), WorkCalendar("BE")
    assert bavaria.holiday(D(2026, 1, 6)) == "Heilige Drei Könige"
    assert bavaria.holiday(D(2026, 4, 6)) == "Ostermontag"
    assert bavaria.holiday(D(2026, 6, 4)) == "Fronleichnam"
    assert not bavaria.is_workday(D(2026, 1, 6))
    assert not bavaria.is_workday(D(2026, 6, 4))
    # Berlin works on Epiphany and Corpus Christi (a Tuesday and a Thursday in 2026).
    assert berlin.is_workday(D(2026, 1, 6))
    assert berlin.is_workday(D(2026, 6, 4))
    # All Saints' Day falls on a Sunday in 2026: a holiday, and no working day anyway.
    assert D(2026, 11, 1).weekday() == 6
    assert bavaria.holiday(D(2026, 11, 1)) == "Allerheiligen"
    assert bavaria.is_workday(D(2026, 11, 2))


def test_berlin_has_womens_day_which_bavaria_works_on() -> None:
    # 8 March 2027 is a Monday (in 2026 it is a Sunday).
    day = D(2027, 3, 8)
    assert day.weekday() == 0
    assert WorkCalendar("BE").holiday(day) == "Frauentag"
    assert not WorkCalendar("BE").is_workday(day)
    assert WorkCalendar("BY").is_workday(day)
    assert WorkCalendar(None).is_workday(day)


def test_saxony_has_reformation_day_and_bavaria_not() -> None:
    day = D(2025, 10, 31)  # a Friday
    assert WorkCalendar("SN").holiday(day) == "Reformationstag"
    assert not WorkCalendar("SN").is_workday(day)
    assert WorkCalendar("BY").is_workday(day)


def test_holiday_names_in_english() -> None:
    assert WorkCalendar("BY", "en").holiday(D(2026, 4, 6)) == "Easter Monday"
    assert WorkCalendar("BE", "en").holiday(D(2027, 3, 8)) == "Women's Day"
    assert WorkCalendar(None, "en").holiday(D(2026, 10, 3)) == "German Unity Day"


def test_an_ordinary_day_has_no_holiday_and_weekends_are_off() -> None:
    calendar = WorkCalendar("NW")
    assert calendar.holiday(D(2026, 3, 10)) is None
    assert calendar.is_workday(D(2026, 3, 13))  # Friday
    assert not calendar.is_workday(D(2026, 3, 14))  # Saturday
    assert not calendar.is_workday(D(2026, 3, 15))  # Sunday


def test_next_workday_is_the_day_itself_or_skips_the_weekend() -> None:
    calendar = WorkCalendar("HE")
    assert calendar.next_workday(D(2026, 3, 11)) == D(2026, 3, 11)
    assert calendar.next_workday(D(2026, 3, 14)) == D(2026, 3, 16)
    assert calendar.next_workday(D(2026, 3, 15)) == D(2026, 3, 16)


def test_next_workday_skips_easter_from_good_friday_to_easter_monday() -> None:
    calendar = WorkCalendar("BY")
    for day in (D(2026, 4, 3), D(2026, 4, 4), D(2026, 4, 5), D(2026, 4, 6)):
        assert calendar.next_workday(day) == D(2026, 4, 7)
    # Christmas 2026: Friday and Saturday, then Sunday; the new year starts on a Friday.
    assert calendar.next_workday(D(2026, 12, 25)) == D(2026, 12, 28)
    assert calendar.next_workday(D(2027, 1, 1)) == D(2027, 1, 4)


def test_add_workdays_counts_working_days_after_the_day() -> None:
    calendar = WorkCalendar("BY")
    assert calendar.add_workdays(D(2026, 3, 14), 0) == D(2026, 3, 16)
    assert calendar.add_workdays(D(2026, 3, 13), 1) == D(2026, 3, 16)  # Friday to Monday
    assert calendar.add_workdays(D(2026, 3, 14), 1) == D(2026, 3, 16)  # Saturday to Monday
    assert calendar.add_workdays(D(2026, 4, 2), 1) == D(2026, 4, 7)  # over Easter
    assert calendar.add_workdays(D(2026, 3, 16), 5) == D(2026, 3, 23)
    with pytest.raises(ValueError, match="negative"):
        calendar.add_workdays(D(2026, 3, 16), -1)


def test_holidays_between_includes_both_ends_in_date_order_across_years() -> None:
    calendar = WorkCalendar("BY")
    found = calendar.holidays_between(D(2026, 12, 25), D(2027, 1, 6))
    assert found == {
        D(2026, 12, 25): "Erster Weihnachtstag",
        D(2026, 12, 26): "Zweiter Weihnachtstag",
        D(2027, 1, 1): "Neujahr",
        D(2027, 1, 6): "Heilige Drei Könige",
    }
    assert list(found) == sorted(found)
    assert calendar.holidays_between(D(2026, 3, 1), D(2026, 3, 31)) == {}
    assert calendar.holidays_between(D(2027, 1, 1), D(2026, 1, 1)) == {}


def test_years_from_1990_to_2100_work() -> None:
    calendar = WorkCalendar("SN")
    assert calendar.holiday(D(2100, 10, 31)) == "Reformationstag"
    assert calendar.holiday(D(1991, 10, 3)) == "Tag der Deutschen Einheit"
    # Before 1991 the package knows no holidays: only weekends are off.
    assert calendar.is_workday(D(1990, 12, 25))
    assert calendar.next_workday(D(1990, 12, 29)) == D(1990, 12, 31)
    assert calendar.next_workday(D(2100, 12, 31)) == D(2100, 12, 31)


@props
@given(day=days, state=states)
def test_next_workday_is_the_first_working_day_from_the_day_on(
    day: dt.date, state: str | None
) -> None:
    calendar = WorkCalendar(state)
    found = calendar.next_workday(day)
    assert found >= day
    assert calendar.is_workday(found)
    between = (day + dt.timedelta(days=i) for i in range((found - day).days))
    assert not any(calendar.is_workday(d) for d in between)


@props
@given(day=days, state=states, count=st.integers(min_value=1, max_value=30))
def test_add_workdays_passes_exactly_count_working_days(
    day: dt.date, state: str | None, count: int
) -> None:
    calendar = WorkCalendar(state)
    found = calendar.add_workdays(day, count)
    assert calendar.is_workday(found)
    passed = [day + dt.timedelta(days=i) for i in range(1, (found - day).days + 1)]
    assert sum(calendar.is_workday(d) for d in passed) == count
