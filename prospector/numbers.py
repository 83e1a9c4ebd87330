"""Numbers as people type them, in a form or a spreadsheet cell (pure)."""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

_CURRENCY = re.compile(r"(?i)\s*(€|euro|eur)\s*")
# Thousands separated by dots or commas come in groups of three: 2.500.000, 1,250,000.
_DOT_THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"[+-]?\d{1,3}(,\d{3})+")
_ONE_DOT_THOUSAND = re.compile(r"[+-]?\d{1,3}\.\d{3}")


# A column of amounts repeats its values (and a Decimal cannot change): each is read once.
@functools.lru_cache(maxsize=16_384)
def parse_decimal(text: str) -> Decimal | None:
    """German or English number text, with or without € or 'EUR': '2.500.000,50 €' ->
    2500000.50, '1,250.5' -> 1250.5, '' -> None; ValueError for anything else."""
    raw = _CURRENCY.sub("", text).replace(" ", "").replace("\u00a0", "")
    if not raw:
        return None
    if "," in raw and "." in raw:
        # The later separator is the decimal one: 1.250,50 (German) or 1,250.50 (English).
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        whole, _, fraction = raw.rpartition(decimal)
        grouping = _DOT_THOUSANDS if decimal == "," else _COMMA_THOUSANDS
        if not grouping.fullmatch(whole):
            raise ValueError("not a number")
        raw = whole.replace("." if decimal == "," else ",", "") + "." + fraction
    elif raw.count(",") > 1:
        if not _COMMA_THOUSANDS.fullmatch(raw):
            raise ValueError("not a number")
        raw = raw.replace(",", "")  # 1,250,000
    elif "," in raw:
        raw = raw.replace(",", ".")  # a German decimal comma: 1,5 and also 1,250
    elif raw.count(".") > 1 or _ONE_DOT_THOUSAND.fullmatch(raw):
        if not _DOT_THOUSANDS.fullmatch(raw):
            raise ValueError("not a number")  # 18.08.2020 is a date, 1.2.3 nothing
        raw = raw.replace(".", "")  # 1.250 and 2.500.000 are German thousands
    try:
        value = Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError("not a number") from exc
    if not value.is_finite():
        raise ValueError("not a number")  # 'NaN' and 'Infinity' are text Decimal accepts
    return value
