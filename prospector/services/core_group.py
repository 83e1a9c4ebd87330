"""The core group of a profile: how many companies meet it, and what each criterion costs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, case, func, literal, select
from sqlalchemy.orm import Session

from prospector.db import Database
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
    """All figures from one pass over the companies: each criterion is tested once per
    company, the companies are counted by which criteria they meet (at most 2^9 groups), and
    every figure is summed from those groups."""
    rules = profile.rules
    if not rules:
        total = session.scalar(
            select(func.count()).select_from(Company).where(Company.deleted_at.is_(None))
        )
        return CoreGroup(total or 0, total or 0, ())
    met = sum(
        (case((fit_sql.condition(rule), 1 << bit), else_=0) for bit, rule in enumerate(rules)),
        start=literal(0, Integer),
    ).label("met")
    groups = session.execute(
        select(met, func.count())
        .select_from(Company)
        .where(Company.deleted_at.is_(None))
        .group_by(met)
    ).all()
    must_bits = [bit for bit, rule in enumerate(rules) if rule.must]
    all_musts = sum(1 << bit for bit in must_bits)
    target = sum(count for _, count in groups)
    core = sum(count for mask, count in groups if mask & all_musts == all_musts)
    figures = []
    for bit, rule in enumerate(rules):
        flag = 1 << bit
        failing = sum(count for mask, count in groups if not mask & flag)
        others = all_musts & ~flag
        added = (
            sum(count for mask, count in groups if not mask & flag and mask & others == others)
            if rule.must
            else 0
        )
        figures.append(CriterionCount(rule.kind, rule.must, failing, added))
    return CoreGroup(target_group=target, core=core, criteria=tuple(figures))


def core_count(session: Session, profile: Profile) -> int:
    """The core group's size alone: one COUNT of the companies that meet every must."""
    found = session.scalar(
        select(func.count())
        .select_from(Company)
        .where(Company.deleted_at.is_(None), fit_sql.all_met(profile.musts))
    )
    return found or 0


def measure(db: Database, profile: Profile) -> CoreGroup:
    """core_group in a read of its own: for a background job."""
    with db.reading() as session:
        return core_group(session, profile)
