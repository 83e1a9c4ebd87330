"""The team's settings for nurturing: the firm's Bundesland, when a lead counts as forgotten,
how soon to try again after an unanswered call."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import FieldProblem, ValidationFailed
from prospector.nurturing import DEFAULT_QUIET_DAYS
from prospector.services.shared_settings import read_setting, write_setting
from prospector.workdays import STATES, WorkCalendar

KEY = "nurturing"
MAX_DAYS = 365


@dataclass(frozen=True)
class NurtureSettings:
    state: str | None = None  # the firm's Bundesland for its public holidays; None: national
    quiet_days: int = DEFAULT_QUIET_DAYS  # no touch for this long: a forgotten lead
    retry_days: int = 2  # the next try after a call that did not reach the person
    off_days: bool = False  # plan touches on weekends and holidays too

    def calendar(self, language: str = "de") -> WorkCalendar:
        return WorkCalendar(self.state, language)


def _days(value: object, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_DAYS:
        return value
    return default


def nurture_settings(session: Session) -> NurtureSettings:
    """The stored settings; each one stored wrongly keeps its default."""
    stored = read_setting(session, KEY)
    if not isinstance(stored, dict):
        return NurtureSettings()
    state = stored.get("state")
    default = NurtureSettings()
    return NurtureSettings(
        state=state if state in STATES else None,
        quiet_days=_days(stored.get("quiet_days"), default.quiet_days),
        retry_days=_days(stored.get("retry_days"), default.retry_days),
        off_days=stored.get("off_days") is True,
    )


def save_nurture_settings(db: Database, settings: NurtureSettings) -> Outcome[NurtureSettings]:
    problems: dict[str, FieldProblem] = {}
    if settings.state is not None and settings.state not in STATES:
        problems["state"] = FieldProblem("unknown", "not a German federal state")
    for name in ("quiet_days", "retry_days"):
        value = getattr(settings, name)
        if not 1 <= value <= MAX_DAYS:
            problems[name] = FieldProblem(
                "out_of_range", f"between 1 and {MAX_DAYS} days", low=1, high=MAX_DAYS
            )
    if problems:
        raise ValidationFailed(problems)
    with db.writing() as session:
        write_setting(
            session,
            KEY,
            {
                "state": settings.state,
                "quiet_days": settings.quiet_days,
                "retry_days": settings.retry_days,
                "off_days": settings.off_days,
            },
        )
    return Outcome(settings, Changes(activities=True))
