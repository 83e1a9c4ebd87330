"""A sheet of activities as cells: moments with or without a time, and which header is which."""

from __future__ import annotations

import datetime as dt

import pytest

from prospector.exchange.activity_sheet import Field, NotAnActivitySheet, activity_columns
from prospector.exchange.export_rows import ACTIVITIES
from prospector.exchange.values import moment

DAY = dt.datetime(2026, 12, 7)


def test_moment_reads_days_and_times_as_people_write_them() -> None:
    read = {
        "07.12.2026": (DAY, False),
        "2026-12-07": (DAY, False),
        "7.12.26": (DAY, False),
        " 07.12.2026 ": (DAY, False),
        "07.12.2026 14:30": (DAY.replace(hour=14, minute=30), True),
        "2026-12-07 14:30": (DAY.replace(hour=14, minute=30), True),
        "2026-12-07T14:30:00": (DAY.replace(hour=14, minute=30), True),
        "07.12.2026 9:05": (DAY.replace(hour=9, minute=5), True),
        # What an export writes for a touch planned for a day, as a cell and in a CSV file.
        DAY: (DAY, False),
        "07.12.2026 00:00": (DAY, False),
        DAY.replace(hour=8, minute=15): (DAY.replace(hour=8, minute=15), True),
        DAY.date(): (DAY, False),
    }
    for cell, expected in read.items():
        assert moment(cell) == expected, cell
    assert moment(None) is None
    assert moment("") is None


def test_moment_refuses_what_is_no_date() -> None:
    for cell in ("gestern", "31.02.2026", "14:30", "07.12.2026 25:00", 46000.0, True):
        with pytest.raises(ValueError, match="not a date"):
            moment(cell)


def test_headers_mean_their_field_in_german_or_english_whatever_the_case_and_spacing() -> None:
    columns = activity_columns(ACTIVITIES.headers, file="x.xlsx", sheet="Aktivitäten")
    assert list(columns.positions) == [
        Field.COMPANY_ID,
        Field.CONTACT_ID,
        Field.ACTIVITY_ID,
        Field.KIND,
        Field.SUBJECT,
        Field.DUE,
        Field.DONE,
        Field.OUTCOME,
        Field.NOTES,
        Field.OWNER,
    ]
    by_hand = [
        "company",
        " CONTACT ",
        "Art",
        "talking_point",
        "fällig  AM",
        "Done at",
        "Notizen",
        "Owner",
        "Firma",  # the first column of a field counts
        "Bemerkung",
    ]
    assert activity_columns(by_hand, file="x.csv", sheet="x").positions == {
        Field.COMPANY: 0,
        Field.CONTACT: 1,
        Field.KIND: 2,
        Field.SUBJECT: 3,
        Field.DUE: 4,
        Field.DONE: 5,
        Field.NOTES: 6,
        Field.OWNER: 7,
    }


def test_a_sheet_without_kind_company_or_date_says_which_columns_it_lacks() -> None:
    with pytest.raises(NotAnActivitySheet) as refused:
        activity_columns(["Firma", "Betreff", "Ergebnis"], file="plan.xlsx", sheet="Tabelle1")
    assert refused.value.missing == (("Aktivität",), ("Fällig am", "Erledigt am"))
    assert str(refused.value) == (
        "The sheet \u201cTabelle1\u201d of plan.xlsx is not a list of activities: it has no "
        "column \u201cAktivität\u201d; \u201cFällig am\u201d or \u201cErledigt am\u201d."
    )
    with pytest.raises(NotAnActivitySheet) as refused:
        activity_columns(["Aktivität", "Erledigt"], file="plan.xlsx", sheet="Tabelle1")
    assert refused.value.missing == (("ID", "Firma"),)
