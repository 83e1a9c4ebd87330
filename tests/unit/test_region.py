"""Postcode areas typed by users."""

from __future__ import annotations

import pytest

from prospector.region import PostcodeRange, parse_postcode_areas


def _covers(text: str, postcode: str) -> bool:
    return any(r.contains(postcode) for r in parse_postcode_areas(text))


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("7", ["70173", "79999"], ["69999", "80000"]),
        ("80-85", ["80331", "85999"], ["79999", "86000"]),
        ("01, 04-09", ["01069", "04103", "09599"], ["02000", "03999", "10115"]),
        ("9", ["99998"], ["89999"]),
        ("99", ["99998"], ["98999"]),
        ("01069", ["01069"], ["01067", "01070"]),
        ("80 - 85 ; 7", ["85000", "70000"], ["86000"]),
    ],
)
def test_areas(text: str, inside: list[str], outside: list[str]) -> None:
    assert all(_covers(text, code) for code in inside)
    assert not any(_covers(text, code) for code in outside)


def test_ranges() -> None:
    assert parse_postcode_areas("80-85") == [PostcodeRange("80", "86")]
    assert parse_postcode_areas(" ") == []


@pytest.mark.parametrize("text", ["8a", "85-80", "8-85", "123456"])
def test_bad_areas_name_the_part(text: str) -> None:
    with pytest.raises(ValueError, match=text.split(",")[0][:2]):
        parse_postcode_areas(text)
