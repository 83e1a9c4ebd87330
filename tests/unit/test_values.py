"""Spreadsheet cells into field values: money, whole numbers, dates, yes/no, text and names."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospector.enums import Salutation
from prospector.exchange import values
from prospector.exchange.cells import CSV_TRIGGERS, guard_apostrophes, neutralise_csv
from prospector.exchange.values import Cell

AUGUST_18 = dt.date(2020, 8, 18)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1.250,50 €", Decimal("1250.50")),
        ("2.500.000", Decimal(2500000)),
        ("2.500.000 €", Decimal(2500000)),
        ("1,250.50", Decimal("1250.50")),
        ("EUR 300", Decimal(300)),
        (" 42 ", Decimal(42)),
        (1250, Decimal(1250)),
        (Decimal("99.95"), Decimal("99.95")),
        (0.1, Decimal("0.1")),  # as the cell shows it, not the float's binary expansion
        (1250.5, Decimal("1250.5")),
        (2.5e6, Decimal(2500000)),
        (None, None),
        ("", None),
    ],
)
def test_number_reads_text_and_number_cells(cell: Cell, value: Decimal | None) -> None:
    assert values.number(cell) == value


@pytest.mark.parametrize(
    "cell",
    [
        *(True, False, AUGUST_18, "abc", "NaN", "Infinity", "-Infinity", "12,5 %"),
        *(float("nan"), float("inf"), float("-inf"), "18.08.2020"),
    ],
)
def test_number_refuses_what_is_no_number(cell: Cell) -> None:
    with pytest.raises(ValueError, match="not a number"):
        values.number(cell)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("1.250", 1250),
        ("2.500.000", 2500000),
        ("2.500.000 €", 2500000),
        ("1,250,000", 1250000),
        ("40", 40),
        (40, 40),
        (1250.0, 1250),  # Excel stores whole numbers as floats
        (Decimal("7.00"), 7),
        (None, None),
        ("", None),
        (" € ", None),
    ],
)
def test_integer_reads_whole_numbers(cell: Cell, value: int | None) -> None:
    assert values.integer(cell) == value


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (True, "not a number"),
        (False, "not a number"),
        ("viele", "not a number"),
        ("NaN", "not a number"),
        (12.5, "not a whole number"),
        ("12,5", "not a whole number"),
        ("1.250,50", "not a whole number"),
    ],
)
def test_integer_refuses_what_is_no_whole_number(cell: Cell, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        values.integer(cell)


@pytest.mark.parametrize(
    "cell",
    [
        "18.08.2020",
        "18.08.20",
        "2020-08-18",
        "18/08/2020",
        "2020-08-18 09:30:00",
        " 18.08.2020 ",
        AUGUST_18,
        dt.datetime(2020, 8, 18, 9, 30),
    ],
)
def test_date_reads_german_and_iso_dates_and_date_cells(cell: Cell) -> None:
    assert values.date(cell) == AUGUST_18


@pytest.mark.parametrize("cell", [None, ""])
def test_an_empty_cell_is_no_date(cell: Cell) -> None:
    assert values.date(cell) is None


@pytest.mark.parametrize("cell", ["31.02.2020", "2020-13-01", "gestern", "18.08.", True, 44061])
def test_date_refuses_what_is_no_date(cell: Cell) -> None:
    with pytest.raises(ValueError, match="not a date"):
        values.date(cell)


@pytest.mark.parametrize(
    "cell", [True, "ja", "JA", "j", "x", "X", "yes", "y", "1", "true", "Wahr", 1, 1.0]
)
def test_boolean_yes(cell: Cell) -> None:
    assert values.boolean(cell) is True


@pytest.mark.parametrize(
    "cell", [False, None, "", "  ", "nein", "Nein", "n", "no", "0", "false", "falsch", "-", 0]
)
def test_boolean_no(cell: Cell) -> None:
    assert values.boolean(cell) is False


@pytest.mark.parametrize("cell", ["vielleicht", "2", 2, AUGUST_18])
def test_boolean_refuses_anything_else(cell: Cell) -> None:
    with pytest.raises(ValueError, match="not yes or no"):
        values.boolean(cell)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (95101.0, "95101"),  # a postcode Excel stored as a number
        (0.5, "0.5"),
        (42, "42"),
        (True, "ja"),
        (False, "nein"),
        (AUGUST_18, "18.08.2020"),
        (dt.datetime(2020, 8, 18), "18.08.2020"),
        (dt.datetime(2020, 8, 18, 9, 30), "18.08.2020 09:30"),
        ("  Dresden ", "Dresden"),
        ("   ", None),
        (None, None),
    ],
)
def test_text_and_code_of_any_cell(cell: Cell, text: str | None) -> None:
    assert values.text(cell) == text
    assert values.code(cell) == text


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("'- Rückruf im Mai", "- Rückruf im Mai"),
        ("'=1+1", "=1+1"),
        ("'+49 351 4567890", "+49 351 4567890"),
        ("'@cmd", "@cmd"),
        ("'\t=1+1", "=1+1"),  # the tab goes with the trimming, as for any cell
        ("''=1+1", "'=1+1"),  # text that had an apostrophe before "=" itself
        ("'Dresden'", "'Dresden'"),  # an apostrophe before anything else is the text's own
        ("'", "'"),
        ("Rock 'n' Roll", "Rock 'n' Roll"),
        (" '=1+1", "'=1+1"),  # not at the very start: not the export's
    ],
)
def test_text_drops_the_apostrophe_a_csv_export_puts_before_formulas(
    written: str, read: str
) -> None:
    assert values.text(written) == read


# Text as it is stored: trimmed (validation trims every text field), not empty.
_STORED_TEXT = st.text(alphabet=st.sampled_from("'=+-@\t\r\nab Ü1"), min_size=1, max_size=8).filter(
    lambda text: text.strip() == text and text
)


@given(_STORED_TEXT)
def test_any_text_comes_back_from_a_csv_export_exactly(text: str) -> None:
    assert values.text(neutralise_csv(text)) == text


@given(_STORED_TEXT)
def test_any_text_comes_back_from_an_xlsx_export_exactly(text: str) -> None:
    assert values.text(guard_apostrophes(text)) == text


@given(_STORED_TEXT)
def test_no_csv_field_starts_a_formula(text: str) -> None:
    written = neutralise_csv(text)
    assert written[0] not in CSV_TRIGGERS


@pytest.mark.parametrize(
    ("cell", "salutation"),
    [
        ("Herr", Salutation.MR),
        ("hr.", Salutation.MR),
        ("FRAU", Salutation.MS),
        ("Mrs", Salutation.MS),
        ("male", Salutation.MR),
        ("Weiblich", Salutation.MS),
        ("divers", Salutation.NONE),
        ("\u2014", Salutation.NONE),  # an export's "not set"
        (None, Salutation.NONE),
    ],
)
def test_salutation(cell: Cell, salutation: Salutation) -> None:
    assert values.salutation(cell) is salutation


def test_an_unknown_salutation_is_refused_so_that_it_is_kept() -> None:
    with pytest.raises(ValueError, match="not a salutation"):
        values.salutation("Prefix")


@pytest.mark.parametrize(
    ("said", "parts"),
    [
        ("Herr Dr.", ("Herr", "Dr.")),
        ("Prof. Dr.", ("", "Prof. Dr.")),
        ("Frau", ("Frau", None)),
        ("Prefix", ("Prefix", None)),
    ],
)
def test_a_title_in_the_salutation_column_is_taken_apart(
    said: str, parts: tuple[str, str | None]
) -> None:
    assert values.salutation_and_title(said) == parts


@pytest.mark.parametrize(
    ("full", "parts"),
    [
        ("Herr Dr. Max Müller", (Salutation.MR, "Dr.", "Max", "Müller")),
        ("Müller, Max", (Salutation.NONE, None, "Max", "Müller")),
        ("Frau Anna von Berg", (Salutation.MS, None, "Anna", "von Berg")),
        ("Jan van der Meer", (Salutation.NONE, None, "Jan", "van der Meer")),
        ("Dr.-Ing. Karl Heinz Schmidt", (Salutation.NONE, "Dr.-Ing.", "Karl Heinz", "Schmidt")),
        ("Frau Prof. Dr. Eva Weiß", (Salutation.MS, "Prof. Dr.", "Eva", "Weiß")),
        ("  Max   Müller ", (Salutation.NONE, None, "Max", "Müller")),
        ("Herr", (Salutation.NONE, None, None, "Herr")),  # a salutation alone is a name
    ],
)
def test_split_full_name(full: str, parts: tuple[Salutation, str | None, str | None, str]) -> None:
    assert values.split_full_name(full) == parts


def test_a_registers_number_is_no_legal_form() -> None:
    assert values.legal_form("GmbH & Co. KG") == "GmbH & Co. KG"
    with pytest.raises(ValueError, match="not a legal form"):
        values.legal_form("2")
