"""German postcodes to places and Bundesland, from the shipped open data set."""

from __future__ import annotations

import pytest

from prospector.postcode_places import german_places, postcodes_of, state_of
from prospector.region import GERMAN_STATES


@pytest.mark.parametrize(
    ("postcode", "city", "state"),
    [
        ("01067", "Dresden", "Sachsen"),  # a leading zero, as stored
        ("04109", "Leipzig", "Sachsen"),
        ("10115", "Berlin", "Berlin"),
        ("20095", "Hamburg", "Hamburg"),
        ("48143", "Münster", "Nordrhein-Westfalen"),
        ("80331", "München", "Bayern"),
        ("99084", "Erfurt", "Thüringen"),
    ],
)
def test_a_postcode_names_its_town_and_state(postcode: str, city: str, state: str) -> None:
    places = german_places(postcode)
    assert places is not None
    assert places.cities[0] == city  # the town itself before its districts
    assert places.state == state
    assert state_of(postcode, "DE") == state


def test_a_postcode_across_a_state_border_names_both_and_no_single_state() -> None:
    places = german_places("07919")
    assert places is not None
    assert places.states == ("Sachsen", "Thüringen")
    assert places.state is None
    assert state_of("07919", "DE") is None
    assert set(places.cities) == {"Kirschkau", "Mühltroff"}


def test_a_postcode_without_its_leading_zero_is_not_another_place() -> None:
    assert german_places("1067") is None
    places = german_places("04814")  # what "4814" becomes when padded: not Münster
    assert places is None or not places.has_city("Münster")


def test_unknown_postcodes_and_other_countries_name_nothing() -> None:
    assert german_places("00000") is None
    assert german_places(None) is None
    assert german_places("") is None
    assert state_of("1010", "AT") is None
    assert state_of("01067", "AT") is None


def test_a_town_agrees_with_its_postcode_in_any_spelling() -> None:
    places = german_places("01067")
    assert places is not None
    for spelling in ("Dresden", "dresden", "Dresden-Altstadt", "DRESDEN Innere Altstadt"):
        assert places.has_city(spelling)
    assert not places.has_city("Leipzig")
    munster = german_places("48143")
    assert munster is not None
    assert munster.has_city("muenster")


def test_a_town_knows_its_postcodes() -> None:
    codes = postcodes_of("Münster")
    assert {"48143", "48167"} <= set(codes)
    assert codes == tuple(sorted(codes))
    for code in codes:  # the Münsters of Hessen and Bayern too, not Münster-Sarmsheim
        places = german_places(code)
        assert places is not None
        assert places.has_city("Münster")
    assert "55424" not in codes
    assert postcodes_of("Nirgendwo") == ()


def test_every_state_of_the_data_set_is_one_the_app_offers() -> None:
    from prospector.postcode_places import _table

    states = {state for places in _table().values() for state in places.states}
    assert states == set(GERMAN_STATES)
    assert len(_table()) > 8000


def test_a_postcode_typed_without_its_zero_is_padded_and_the_town_checked() -> None:
    from prospector.postcode_places import check_place

    padded = check_place("4814", "Münster", "DE")
    assert padded is not None
    assert (padded.postcode, padded.padded, padded.city_agrees) == ("04814", True, None)
    assert "48143" in padded.city_postcodes  # where Münster really is
    right = check_place("48143", "Münster", "DE")
    assert right is not None
    assert (right.padded, right.city_agrees, right.city_postcodes) == (False, True, ())
    wrong = check_place("01067", "Leipzig", "DE")
    assert wrong is not None
    assert wrong.city_agrees is False
    assert wrong.places is not None
    assert wrong.places.cities[0] == "Dresden"
    assert "04109" in wrong.city_postcodes
    empty_town = check_place("01067", "", "DE")
    assert empty_town is not None
    assert empty_town.city_agrees is None
    assert check_place("1010", "Wien", "AT") is None
    assert check_place("abc", "Dresden", "DE") is None
    assert check_place("", "Dresden", "DE") is None


def test_the_postcodes_of_a_town_are_written_by_postal_region() -> None:
    from prospector.postcode_places import postcode_ranges

    assert postcode_ranges(postcodes_of("Münster")) == "48079\u201348167, 64839, 86692"
    assert postcode_ranges(("01067",)) == "01067"
    assert postcode_ranges(("01067", "10115", "20095", "48143", "80331")) == (
        "01067, 10115, 20095, 48143, \u2026"
    )
