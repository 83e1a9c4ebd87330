"""A line of the company list from the columns its statement selects."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from prospector.enums import CompanyStage
from prospector.normalize import fold
from prospector.records import CompanyRow
from prospector.sizeclass import size_class


def company_row(values: Sequence[Any]) -> CompanyRow:
    """The row from (id, name, postcode, city, state, industry, employees, turnover, phone,
    domain, stage, owner, next follow-up, tags as a JSON array, fit score, personas known
    and defined), typed as the database layer hands them back."""
    return CompanyRow(
        id=values[0],
        name=values[1],
        postcode=values[2],
        city=values[3],
        state=values[4],
        industry=values[5],
        employees=values[6],
        size_class=size_class(values[6], values[7]),
        phone=values[8],
        domain=values[9],
        stage=CompanyStage(values[10]),
        owner=values[11],
        next_follow_up=values[12],
        tags=tag_names(values[13]),
        fit_score=values[14],
        personas_known=values[15] or 0,
        personas_defined=values[16] or 0,
    )


def tag_names(names: str | None) -> tuple[str, ...]:
    """The tags of a JSON array, sorted as the tag list sorts them, by the folded name ("Ärzte"
    as "aerzte"). No tags: SQLite aggregates no rows to "[]", PostgreSQL to NULL."""
    if not names or names == "[]":
        return ()
    return tuple(sorted(json.loads(names), key=fold))
