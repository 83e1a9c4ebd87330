"""The core group of a profile: how many companies meet it, and what each criterion costs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from prospector.icp import CriterionKind, Profile
from prospector.models import Company
from prospector.services import fit_sql


@dataclass(frozen=True)
class CriterionCount:
    """One criterion's share in the count: the companies that do not meet it, and (a must)
    how many would join the core group if it alone were dropped."""

    kind: CriterionKind
    must: bool
    failing: int
    added_if_dropped: int


@dataclass(frozen=True)
class CoreGroup:
    target_group: int  # the companies in the database (not in the trash)
    core: int  # those that meet every must
    criteria: tuple[CriterionCount, ...]

    def count(self, kind: CriterionKind) -> CriterionCount | None:
        return next((c for c in self.criteria if c.kind is kind), None)


def core_group(session: Session, profile: Profile) -> CoreGroup:
    """All figures in one pass over the companies."""
    rules = profile.rules
    musts = profile.musts
    columns: list[Any] = [
        func.count(),
        func.sum(case((fit_sql.all_met(musts), 1), else_=0)),
    ]
    for rule in rules:
        columns.append(func.sum(case((fit_sql.condition(rule), 0), else_=1)))
    for rule in musts:
        others = tuple(m for m in musts if m is not rule)
        columns.append(
            func.sum(
                case(
                    (fit_sql.condition(rule), 0),
                    (fit_sql.all_met(others), 1),
                    else_=0,
                )
            )
        )
    row = session.execute(
        select(*columns).select_from(Company).where(Company.deleted_at.is_(None))
    ).one()
    values = [int(v or 0) for v in row]
    failing = dict(zip(rules, values[2 : 2 + len(rules)], strict=True))
    added = dict(zip(musts, values[2 + len(rules) :], strict=True))
    return CoreGroup(
        target_group=values[0],
        core=values[1],
        criteria=tuple(
            CriterionCount(rule.kind, rule.must, failing[rule], added.get(rule, 0))
            for rule in rules
        ),
    )
