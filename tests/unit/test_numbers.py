"""Numbers as people type them: German and English separators, euro signs, bad text refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospector.numbers import parse_decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.250,50 €", Decimal("1250.50")),
        ("2.500.000", Decimal(2500000)),
        ("2.500.000 €", Decimal(2500000)),
        ("1,250.50", Decimal("1250.50")),
        ("1,250,000", Decimal(1250000)),
        ("EUR 300", Decimal(300)),
        ("300 eur", Decimal(300)),
        ("300 Euro", Decimal(300)),
        ("Euro 1.200,00", Decimal(1200)),
        ("€300", Decimal(300)),
        ("1.250", Decimal(1250)),  # one group of three after the dot: German thousands
        ("3.14159", Decimal("3.14159")),
        ("0,5", Decimal("0.5")),
        ("1,25", Decimal("1.25")),
        ("-1.250,50", Decimal("-1250.50")),
        ("1 250,50", Decimal("1250.50")),
        ("1\u00a0250", Decimal(1250)),  # a no-break space, as spreadsheets group thousands
        ("42", Decimal(42)),
    ],
)
def test_german_and_english_number_text(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["", "   ", "€", " EUR "])
def test_nothing_but_spaces_and_currency_is_no_number(text: str) -> None:
    assert parse_decimal(text) is None


@pytest.mark.parametrize(
    "text",
    [
        *("abc", "zwölf", "12,5 %", "1,2,3", "NaN", "nan", "Infinity", "-Infinity", "inf", "sNaN"),
        # dots and commas that are no thousands: a date, a version, misplaced groups
        *("18.08.2020", "1.2.3", "12.34.567", "1.2345,00", "1,23,456.00", "12,34,567"),
    ],
)
def test_text_that_is_no_number_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_decimal(text)


def _german(value: Decimal) -> str:
    """1234567.5 as a German writes it: '1.234.567,50'."""
    return f"{value:,.2f}".translate(str.maketrans(",.", ".,"))


MONEY = st.decimals(min_value=-(10**12), max_value=10**12, places=2)


@given(MONEY, st.sampled_from(["", " €", " EUR", "€ "]))
def test_german_money_reads_back_as_written(value: Decimal, currency: str) -> None:
    text = currency + _german(value) if currency.startswith("€") else _german(value) + currency
    assert parse_decimal(text) == value


@given(MONEY)
def test_english_money_reads_back_as_written(value: Decimal) -> None:
    assert parse_decimal(f"{value:,.2f}") == value


@given(st.integers(min_value=0, max_value=10**15))
def test_whole_numbers_with_german_thousands_read_back(value: int) -> None:
    assert parse_decimal(f"{value:,}".replace(",", ".")) == value
