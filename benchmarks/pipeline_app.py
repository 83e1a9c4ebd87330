"""Child: the app's qualification backlog, capacity figures, pipeline sums or the pipeline
page's whole read on a database, timed; or (`prepare`) a year's trash and settings put into a
copy of the fixture through the services."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from benchmarks import pipeline_floor as floor
from benchmarks.icp_app import open_at_head
from benchmarks.probe import report

# A year's use leaves some companies in the trash (restorable until purged), a departed
# colleague whose leads wait to be handed on, and the planner's assumptions edited.
TRASHED_PERMILLE = 10
SEED = 20261206
LEFT_THE_FIRM = "Lukas Schmitt"


def _assumptions() -> Any:
    from prospector.capacity import Assumptions

    return Assumptions(
        conversations_per_lead=Fraction(3),
        target_weeks=6,
        call_day_hours=Fraction(5),
        agency_calls_per_hour=Fraction(15),
        agency_reach_rate=Fraction(1, 5),
    )


def prepare(database: Any) -> dict[str, Any]:
    """Trash a random 1% of the companies, deactivate one member, store the assumptions: each
    as the app's pages do it (trash_companies, save_team_member, save_assumptions)."""
    from sqlalchemy import func, select

    from prospector.models import Company, Opportunity
    from prospector.services import team
    from prospector.services.capacity_figures import save_assumptions
    from prospector.services.trash import trash_companies

    with database.reading() as session:
        ids = list(session.scalars(select(Company.id).order_by(Company.id)))
        members = team.list_team_members(session)
    chosen = random.Random(SEED).sample(ids, max(1, len(ids) * TRASHED_PERMILLE // 1000))
    trash_companies(database, chosen)
    for member in members:
        if member.name == LEFT_THE_FIRM:
            team.save_team_member(
                database,
                team.TeamMemberInput(
                    member.name,
                    member.role,
                    member.weekly_hours,
                    member.calls_per_hour,
                    member.reach_percent,
                    member.email,
                    active=False,
                ),
                member.id,
                member.version,
            )
    save_assumptions(database, _assumptions())
    with database.reading() as session:
        deals = session.scalar(
            select(func.count())
            .select_from(Opportunity)
            .join(Company, Company.id == Opportunity.company_id)
            .where(Company.deleted_at.is_not(None))
        )
    return {"trashed": len(chosen), "trashed_deals": int(deals or 0)}


def _warm(database: Any) -> None:
    """What the floor's child reads before timing, through the app's own connection; and one
    ORM query per table, so the mappers are configured (as they are long before a page reads)."""
    from sqlalchemy import select

    from prospector.models import Company, Contact, Opportunity, Setting, TeamMember

    with database.reading() as session:
        raw = session.connection()
        for statement in floor.WARM_SQL:
            raw.exec_driver_sql(statement).fetchall()
        for stage in floor.STAGES:
            raw.exec_driver_sql(floor.CARDS_SQL, (stage,)).fetchall()
        for model in (Company, Contact, Opportunity, TeamMember, Setting):
            session.execute(select(model).limit(1)).all()


def _timed(database: Any, work: Callable[[Any], Any]) -> tuple[float, Any]:
    """`work(session)` in a reading session of its own, as the page's operations.read opens
    one, timed with the session."""
    start = time.perf_counter()
    with database.reading() as session:
        found = work(session)
    return time.perf_counter() - start, found


def _backlog(found: dict[int | None, int]) -> list[list[Any]]:
    return floor.backlog_figures(list(found.items()))


def _capacity(found: Any) -> dict[str, Any]:
    return floor.plan_figures(found.plan, found.orphaned)


def _sums(found: dict[Any, tuple[int, Any, Any]]) -> dict[str, list[Any]]:
    return floor.sums_figures([(stage.value, *figures) for stage, figures in found.items()])


def _page(found: Any) -> dict[str, Any]:
    cards = {
        column.stage.value: [
            floor.card(
                row.id,
                row.title,
                row.company,
                row.contact,
                row.owner,
                row.stage.value,
                row.value_eur,
                row.probability,
                row.expected_close_on,
                row.closed_on,
                None if row.lost_reason_code is None else row.lost_reason_code.value,
                row.lost_reason,
                row.offer,
                row.version,
            )
            for row in column.rows
        ]
        for column in found.columns
    }
    totals = {
        column.stage.value: [
            column.count,
            floor.cents(column.total_eur),
            floor.cents(column.weighted_eur),
        ]
        for column in found.columns
    }
    lost = [(None if code is None else code.value, n) for code, n in found.lost_reasons]
    return floor.page_figures(totals, cards, lost)


def scenario(mode: str) -> tuple[Callable[[Any], Any], Callable[[Any], Any]]:
    """The app call a mode times, and how its result becomes plain figures."""
    from prospector.services import capacity_figures, opportunities

    calls: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
        "backlog": (capacity_figures.backlog, _backlog),
        "capacity": (capacity_figures.capacity, _capacity),
        "sums": (opportunities.stage_sums, _sums),
        "page": (opportunities.pipeline, _page),
    }
    return calls[mode]


def timed(database: Any, mode: str) -> dict[str, Any]:
    """The mode's call, first in this process (its statements built and compiled anew), then
    the same again (the statements from SQLAlchemy's cache), each in its own reading session."""
    call, plain = scenario(mode)
    _warm(database)
    seconds, found = _timed(database, call)
    again_s, again = _timed(database, call)
    return {
        "seconds": seconds,
        "again_s": again_s,
        "figures": plain(found),
        "again_figures": plain(again),
    }


def main(argv: list[str]) -> int:
    mode, path = argv[0], Path(argv[1]).resolve()
    database = open_at_head(path)
    values = prepare(database) if mode == "prepare" else timed(database, mode)
    database.dispose()
    report(**values)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
