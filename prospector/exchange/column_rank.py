"""Which of several columns for one field wins: the business one before the private one."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from prospector.exchange.columns import ALTERNATIVE_KEYS
from prospector.exchange.header_lookup import GROUP, TYPE_PARTS
from prospector.normalize import fold

# Folded header words. "gesch.ftlich": Outlook's "geschäftlich" with its umlaut lost to a
# wrong code page ("gesch�ftlich") is still a business column.
_BUSINESS = re.compile(r"work|business|gesch(ae|.)?ftlich|dienstlich|buero|office|firma")
_PRIVATE = re.compile(r"home|privat|personal|persoenlich")

BUSINESS, NEUTRAL, PRIVATE = 0, 1, 2


def header_rank(header: str) -> int:
    """0 for a business column ('Telefon geschäftlich', 'tel_work'), 2 for a private one
    ('E-Mail privat', 'email_home'), 1 for the rest."""
    folded = fold(header)
    if _BUSINESS.search(folded):
        return BUSINESS
    if _PRIVATE.search(folded):
        return PRIVATE
    return NEUTRAL


def column_ranks(headers: Sequence[str], mapping: Sequence[str | None]) -> tuple[int, ...]:
    """Per column, its rank among the columns of its field: the business column comes first
    where several columns fill one e-mail, phone or website field; parts of a joined field
    (a street in two columns) keep their order."""
    return tuple(
        header_rank(header) if key in ALTERNATIVE_KEYS else NEUTRAL
        for header, key in zip(headers, mapping, strict=False)
    )


def labelled_values(text: str) -> list[str] | None:
    """The values of a cell that holds a labelled list, as some CRMs export several e-mail
    addresses or numbers in one cell ('[{"label": "work", "value": "a@b.de"}, …]'), the
    business one first; None for any other text."""
    if not text.startswith("[{"):
        return None
    try:
        items = json.loads(text)
    except ValueError:
        return None
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        return None
    found = [
        (header_rank(str(item.get("label") or "")), str(item["value"]).strip())
        for item in items
        if item.get("value") not in (None, "")
    ]
    return [value for _rank, value in sorted(found, key=lambda pair: pair[0])] or None


_MOBILE = re.compile(r"mobil|cell|handy")
_FAX = re.compile(r"fax|pager")
# A type column's word for the last choice: a fax or a pager is no number to call.
UNCALLABLE = 3


def type_columns(headers: Sequence[str]) -> tuple[int, ...]:
    """Per column, the column that says in each row what its value is ("Phone 1 - Type"
    for "Phone 1 - Value"), or -1; empty when the file has no such columns."""
    where: dict[tuple[str, str], int] = {}
    groups: list[tuple[str, str] | None] = []
    for index, header in enumerate(headers):
        found = GROUP.match(header.strip())  # "Phone 1 - Type" beside "Phone 1 - Value"
        if found is None:
            groups.append(None)
            continue
        group = (fold(found["group"]), found["number"])
        if fold(found["part"]) in TYPE_PARTS:
            where[group] = index
            groups.append(None)
        else:
            groups.append(group)
    if not where:
        return ()
    return tuple(-1 if group is None else where.get(group, -1) for group in groups)


def typed_rank(kind: str) -> int:
    """The rank a row's type word gives its value ('Work' 0, 'Home' 2, 'Work Fax' 3)."""
    folded = fold(kind)
    return UNCALLABLE if _FAX.search(folded) else header_rank(kind)


def is_mobile(kind: str) -> bool:
    return bool(_MOBILE.search(fold(kind)))
