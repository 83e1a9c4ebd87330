"""Postcodes checked and written per country."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospector.postcodes import FORMATS, PostcodeError, countries_fitting, normalize_postcode


@pytest.mark.parametrize(
    ("country", "raw", "postcode"),
    [
        ("DE", "01069", "01069"),
        ("DE", "1069.0", "01069"),
        ("AT", "1010", "1010"),
        ("AT", "6020.0", "6020"),
        ("CH", "8001", "8001"),
        ("LI", "9490", "9490"),
        ("LU", "1111", "1111"),
        ("BE", "1000", "1000"),
        ("DK", "800", "0800"),  # Høje-Taastrup, its zero lost in Excel
        ("DK", "1050", "1050"),
        ("NO", "150", "0150"),
        ("HU", "1051", "1051"),
        ("SI", "1000", "1000"),
        ("NL", "1012ab", "1012 AB"),
        ("NL", "1012 AB", "1012 AB"),
        ("PL", "00-950", "00-950"),
        ("PL", "00950", "00-950"),
        ("PL", "31 008", "31-008"),
        ("PL", "950", "00-950"),
        ("CZ", "11000", "110 00"),
        ("CZ", "602 00", "602 00"),
        ("SK", "81101", "811 01"),
        ("SE", "114 55", "114 55"),
        ("FR", "75008", "75008"),
        ("FR", "1000", "01000"),
        ("IT", "00184", "00184"),
        ("IT", "184", "00184"),  # Rome, two zeros lost
        ("ES", "28001", "28001"),
        ("ES", "8001", "08001"),
        ("PT", "1000-001", "1000-001"),
        ("PT", "1000001", "1000-001"),
        ("FI", "00100", "00100"),
        ("HR", "10000", "10000"),
        ("GB", "sw1a1aa", "SW1A 1AA"),
        ("GB", "EC1A 1BB", "EC1A 1BB"),
        ("GB", "M1 1AE", "M1 1AE"),
        ("GB", "b33 8th", "B33 8TH"),
        ("GB", "DN55 1PT", "DN55 1PT"),
        ("IE", "d02x285", "D02 X285"),
        ("IE", "A65 F4E2", "A65 F4E2"),
        ("US", "10001", "10001"),
        ("US", "2134", "02134"),
        ("US", "10001-1234", "10001-1234"),
        ("CA", "k1a0b1", "K1A 0B1"),
        ("CA", "T2L-2K7", "T2L 2K7"),  # a hyphen for the space
        ("GB", "SW1A-1AA", "SW1A 1AA"),
        ("NL", "1012-AB", "1012 AB"),
    ],
)
def test_valid_postcodes_are_written_the_countrys_way(
    country: str, raw: str, postcode: str
) -> None:
    assert normalize_postcode(raw, country) == postcode


@pytest.mark.parametrize(
    ("country", "raw"),
    [
        ("DE", "1010 Wien"),
        ("DE", "00123"),
        ("AT", "80331"),  # a German postcode in an Austrian row
        ("AT", "0101"),
        ("AT", "101"),
        ("CH", "80331"),
        ("LI", "9500"),  # Swiss, not Liechtenstein
        ("BE", "10000"),
        ("NL", "1012"),
        ("NL", "0123 AB"),
        ("NL", "1012 SS"),
        ("PL", "00-9500"),
        ("CZ", "910 00"),
        ("FR", "00100"),
        ("ES", "53001"),  # provinces end at 52
        ("GB", "80331"),
        ("GB", "SW1A"),
        ("GB", "QW1 1AA"),
        ("US", "123"),
        ("US", "10001-12"),
        ("CA", "D1A 0B1"),
    ],
)
def test_a_postcode_of_another_shape_is_refused(country: str, raw: str) -> None:
    with pytest.raises(PostcodeError) as info:
        normalize_postcode(raw, country)
    assert (info.value.country, info.value.example) == (country, FORMATS[country].example)


def test_every_example_is_a_postcode_of_its_country() -> None:
    for country, rule in FORMATS.items():
        assert normalize_postcode(rule.example, country) == rule.example


@pytest.mark.parametrize(
    ("country", "raw"), [("BR", " 01310-100 "), ("JP", "100-0001"), ("ZA", "8001")]
)
def test_postcodes_of_countries_without_a_known_format_stay_as_typed(
    country: str, raw: str
) -> None:
    assert normalize_postcode(raw, country) == raw.strip()


def test_the_country_is_read_in_any_case() -> None:
    assert normalize_postcode("1012ab", "nl") == "1012 AB"


@pytest.mark.parametrize(
    ("raw", "countries"),
    [
        ("1010", {"AT", "BE", "CH", "DK", "HU", "LU", "NO", "SI"}),
        ("9490", {"AT", "BE", "CH", "DK", "HU", "LI", "LU", "NO", "SI"}),
        ("1012 AB", {"NL"}),
        ("00-950", {"PL"}),
        ("SW1A 1AA", {"GB"}),
        ("Wien", set()),
    ],
)
def test_countries_fitting(raw: str, countries: set[str]) -> None:
    assert countries_fitting(raw) == countries


def test_lost_zeros_are_restored_for_guessing_only_when_asked() -> None:
    assert "DE" not in countries_fitting("1069")
    assert "DE" in countries_fitting("1069", restore_zeros=True)
    assert "DE" in countries_fitting("80331")


# Digits, separators and the letters of British, Dutch and Irish codes: most draws are near misses.
@given(st.sampled_from(sorted(FORMATS)), st.text(alphabet="0123456789 -.ABDEKSWXY", max_size=9))
def test_a_checked_postcode_is_a_fixed_point(country: str, raw: str) -> None:
    try:
        postcode = normalize_postcode(raw, country)
    except PostcodeError:
        return
    assert normalize_postcode(postcode, country) == postcode
    assert country in countries_fitting(postcode)
