"""EU SME size classes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prospector.sizeclass import SizeClass, size_class


@pytest.mark.parametrize(
    ("employees", "turnover", "expected"),
    [
        (None, None, None),
        (5, None, SizeClass.MICRO),
        (9, Decimal(2_000_000), SizeClass.MICRO),
        (10, None, SizeClass.SMALL),
        (5, Decimal(2_000_001), SizeClass.SMALL),
        (49, Decimal(10_000_000), SizeClass.SMALL),
        (50, None, SizeClass.MEDIUM),
        (249, Decimal(50_000_000), SizeClass.MEDIUM),
        (250, None, SizeClass.LARGE),
        (100, Decimal(60_000_000), SizeClass.LARGE),
        (None, Decimal(1_000_000), SizeClass.MICRO),
    ],
)
def test_size_class(
    employees: int | None, turnover: Decimal | None, expected: SizeClass | None
) -> None:
    assert size_class(employees, turnover) == expected
