"""Numbers as people type them, in a form or a spreadsheet cell (pure)."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_CURRENCY = re.compile(r"(?i)\s*(€|eur|euro)\s*")


def parse_decimal(text: str) -> Decimal | None:
    """German or English number text, with or without € or 'EUR': '2.500.000,50 €' ->
    2500000.50, '1,250.5' -> 1250.5, '' -> None; ValueError for anything else."""
    raw = _CURRENCY.sub("", text).replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    if "," in raw and "." in raw:
        # The later separator is the decimal one: 1.250,50 (German) or 1,250.50 (English).
        if raw.rfind(",") > raw.rfind("."):
            raw = raw.replace(".", "").replace(",", ".")
        else:
            raw = raw.replace(",", "")
    elif "," in raw:
        head, _, tail = raw.rpartition(",")
        raw = (
            raw.replace(",", "")
            if len(tail) == 3 and head.replace(",", "").isdigit() and raw.count(",") > 1
            else raw.replace(",", ".")
        )
    elif raw.count(".") > 1 or re.fullmatch(r"\d{1,3}\.\d{3}", raw):
        raw = raw.replace(".", "")  # 1.250 and 2.500.000 are German thousands
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    if not value.is_finite():
        raise ValueError("not a number")  # 'NaN' and 'Infinity' are text Decimal accepts
    return value
