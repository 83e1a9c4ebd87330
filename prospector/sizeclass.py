"""EU SME size classes from employees and turnover."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum


class SizeClass(StrEnum):
    MICRO = "micro"
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


# (class, employees below, turnover at most in EUR), smallest first (EU recommendation 2003/361).
LIMITS = (
    (SizeClass.MICRO, 10, Decimal(2_000_000)),
    (SizeClass.SMALL, 50, Decimal(10_000_000)),
    (SizeClass.MEDIUM, 250, Decimal(50_000_000)),
)


def size_class(employees: int | None, turnover_eur: Decimal | None) -> SizeClass | None:
    """The smallest class whose limits both known figures respect; None if neither is known."""
    if employees is None and turnover_eur is None:
        return None
    for cls, max_employees, max_turnover in LIMITS:
        if employees is not None and employees >= max_employees:
            continue
        if turnover_eur is not None and turnover_eur > max_turnover:
            continue
        return cls
    return SizeClass.LARGE
