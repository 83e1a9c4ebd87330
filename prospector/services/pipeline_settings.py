"""The team's settings for qualifying and the pipeline: sales window, stage probabilities."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.enums import OpportunityStage
from prospector.errors import FieldProblem, ValidationFailed
from prospector.qualification import DEFAULT_PROBABILITIES, SalesWindow
from prospector.services.shared_settings import read_setting, write_setting

WINDOW_KEY = "qualification.sales_window"
PROBABILITIES_KEY = "pipeline.probabilities"
MAX_MONTHS = 60


def sales_window(session: Session) -> SalesWindow:
    """The stored window; the article's 6-12 months when none is stored or it is unreadable."""
    stored = read_setting(session, WINDOW_KEY)
    try:
        return SalesWindow(int(stored["min_months"]), int(stored["max_months"]))
    except (TypeError, KeyError, ValueError):
        return SalesWindow()


def probabilities(session: Session) -> dict[OpportunityStage, int]:
    """Percent per stage: the stored ones over the defaults (a stage stored wrongly keeps
    its default)."""
    found = dict(DEFAULT_PROBABILITIES)
    stored = read_setting(session, PROBABILITIES_KEY)
    if isinstance(stored, dict):
        for stage in OpportunityStage:
            value = stored.get(stage.value)
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 100:
                found[stage] = value
    return found


def save_sales_window(db: Database, min_months: int, max_months: int) -> Outcome[SalesWindow]:
    problems: dict[str, FieldProblem] = {}
    if not 1 <= max_months <= MAX_MONTHS:
        problems["max_months"] = FieldProblem(
            "out_of_range", f"between 1 and {MAX_MONTHS} months", low=1, high=MAX_MONTHS
        )
    if not 0 <= min_months <= max_months:
        problems["min_months"] = FieldProblem(
            "range_reversed", "the shortest period must not exceed the longest"
        )
    if problems:
        raise ValidationFailed(problems)
    with db.writing() as session:
        write_setting(session, WINDOW_KEY, {"min_months": min_months, "max_months": max_months})
    return Outcome(SalesWindow(min_months, max_months), Changes(opportunities=True))


def save_probabilities(
    db: Database, values: Mapping[OpportunityStage, int]
) -> Outcome[dict[OpportunityStage, int]]:
    """Store the stages' percentages; won stays 100 and lost 0, whatever is given."""
    problems = {
        stage.value: FieldProblem("out_of_range", "between 0 and 100 percent", low=0, high=100)
        for stage, value in values.items()
        if not 0 <= value <= 100
    }
    if problems:
        raise ValidationFailed(problems)
    merged = dict(DEFAULT_PROBABILITIES) | dict(values)
    merged[OpportunityStage.WON] = 100
    merged[OpportunityStage.LOST] = 0
    with db.writing() as session:
        write_setting(session, PROBABILITIES_KEY, {s.value: v for s, v in merged.items()})
    return Outcome(merged, Changes(opportunities=True))


def team_rules(session: Session) -> tuple[SalesWindow, dict[OpportunityStage, int]]:
    """The sales window and the stages' probabilities, for the settings dialog."""
    return sales_window(session), probabilities(session)
