"""Nurturing rules: cadence steps and dates, when a plan stops, overdue and forgotten leads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from prospector import i18n
from prospector.enums import ActivityKind, CadenceStop, LeadStatus
from prospector.qualification import ACTIVE_LEAD
from prospector.workdays import WorkCalendar

Translate = Callable[[str, str], str]

# A cadence plans tasks for people and never sends anything itself. An e-mail step is a task:
# whoever does it checks that the e-mail may be sent (UWG §7(2): advertising by e-mail needs
# the recipient's prior express consent, between businesses too).

MAX_STEPS = 52  # one a week for a year is more than any plan needs
MAX_DAYS_AFTER = 730  # two years between two steps
MAX_NAME_LENGTH = 120  # the length of cadences.name
DEFAULT_QUIET_DAYS = 60
DEFAULT_RETRY_DAYS = 2  # after "not reached": try again the day after tomorrow

# The activities that count as a touch of a lead; a note is written about them, not to them.
TOUCH_KINDS = frozenset(
    {ActivityKind.CALL, ActivityKind.EMAIL, ActivityKind.MEETING, ActivityKind.LETTER}
)


@dataclass(frozen=True)
class CadenceStep:
    """A touch of a plan: its kind, the days after the previous step is done (the first:
    after the day the plan is applied), and what to talk about."""

    kind: ActivityKind
    days_after: int
    talking_point: str | None = None


@dataclass(frozen=True)
class Cadence:
    """A nurturing plan (Pflegeplan): its steps in order, positions counted from 0."""

    name: str
    steps: tuple[CadenceStep, ...]

    @property
    def touches(self) -> int:
        return len(self.steps)

    @property
    def span_days(self) -> int:
        """Days from applying the plan to its last step when each step is done on its due day,
        before weekends and holidays push steps later."""
        return sum(step.days_after for step in self.steps)


class CadenceProblem(StrEnum):
    """What keeps a cadence from being saved; the UI says it in the user's words."""

    NO_NAME = "no_name"
    NAME_TOO_LONG = "name_too_long"
    NO_STEPS = "no_steps"
    TOO_MANY_STEPS = "too_many_steps"  # more than MAX_STEPS
    NEGATIVE_DAYS = "negative_days"
    TOO_MANY_DAYS = "too_many_days"  # a step more than MAX_DAYS_AFTER after the previous one


def step_problems(step: CadenceStep) -> tuple[CadenceProblem, ...]:
    if step.days_after < 0:
        return (CadenceProblem.NEGATIVE_DAYS,)
    if step.days_after > MAX_DAYS_AFTER:
        return (CadenceProblem.TOO_MANY_DAYS,)
    return ()


def cadence_problems(cadence: Cadence) -> tuple[CadenceProblem, ...]:
    """Everything wrong with the cadence, each problem once, in the order of CadenceProblem;
    empty when it may be saved."""
    found: set[CadenceProblem] = set()
    name = cadence.name.strip()
    if not name:
        found.add(CadenceProblem.NO_NAME)
    elif len(name) > MAX_NAME_LENGTH:
        found.add(CadenceProblem.NAME_TOO_LONG)
    if not cadence.steps:
        found.add(CadenceProblem.NO_STEPS)
    elif len(cadence.steps) > MAX_STEPS:
        found.add(CadenceProblem.TOO_MANY_STEPS)
    for step in cadence.steps:
        found.update(step_problems(step))
    return tuple(problem for problem in CadenceProblem if problem in found)


@dataclass(frozen=True)
class PlannedTouch:
    """A step of a plan with the day it is due."""

    position: int  # the step's index in Cadence.steps
    on: dt.date
    kind: ActivityKind
    talking_point: str | None


def touch_date(
    base: dt.date, days_after: int, calendar: WorkCalendar, *, off_days: bool = False
) -> dt.date:
    """`days_after` days after `base`, moved on to the next working day unless the user
    allows touches on weekends and holidays (`off_days`)."""
    if days_after < 0:
        raise ValueError(f"days_after must not be negative: {days_after}")
    day = base + dt.timedelta(days=days_after)
    return day if off_days else calendar.next_workday(day)


def _planned(
    cadence: Cadence, position: int, base: dt.date, calendar: WorkCalendar, off_days: bool
) -> PlannedTouch:
    step = cadence.steps[position]
    on = touch_date(base, step.days_after, calendar, off_days=off_days)
    return PlannedTouch(position, on, step.kind, step.talking_point)


def first_touch(
    cadence: Cadence, start: dt.date, calendar: WorkCalendar, *, off_days: bool = False
) -> PlannedTouch:
    """The first step of a plan applied on `start`."""
    if not cadence.steps:
        raise ValueError(f"cadence {cadence.name!r} has no steps")
    return _planned(cadence, 0, start, calendar, off_days)


def next_touch(
    cadence: Cadence,
    done_position: int,
    done_on: dt.date,
    calendar: WorkCalendar,
    *,
    off_days: bool = False,
) -> PlannedTouch | None:
    """The step after the one done on `done_on`, counted from that day, not from the day it
    was due: a touch done late moves the rest of the plan. None when the plan is finished."""
    if not 0 <= done_position < len(cadence.steps):
        raise ValueError(f"cadence {cadence.name!r} has no step {done_position}")
    if done_position == len(cadence.steps) - 1:
        return None
    return _planned(cadence, done_position + 1, done_on, calendar, off_days)


def schedule(
    cadence: Cadence, start: dt.date, calendar: WorkCalendar, *, off_days: bool = False
) -> tuple[PlannedTouch, ...]:
    """Every step's day if each is done on the day it is due: the preview of a plan applied
    on `start`. Empty for a cadence without steps."""
    if not cadence.steps:
        return ()
    touches = [first_touch(cadence, start, calendar, off_days=off_days)]
    while (
        following := next_touch(
            cadence, touches[-1].position, touches[-1].on, calendar, off_days=off_days
        )
    ) is not None:
        touches.append(following)
    return tuple(touches)


def retry_on(
    done_on: dt.date, days: int, calendar: WorkCalendar, *, off_days: bool = False
) -> dt.date:
    """The day of the next try after a touch that did not reach the person on `done_on`."""
    if days < 1:
        raise ValueError(f"a retry lies at least a day later, not {days}")
    return touch_date(done_on, days, calendar, off_days=off_days)


def stop_reason(status: LeadStatus, do_not_contact: bool) -> CadenceStop | None:
    """Why a running plan must stop now, or None while it may go on. An objection stops it
    whatever the status; a lead that became an opportunity or was disqualified needs no
    nurturing. (FINISHED follows from next_touch, CANCELLED from the user.)"""
    if do_not_contact:
        return CadenceStop.OBJECTION
    if status is LeadStatus.OPPORTUNITY:
        return CadenceStop.OPPORTUNITY
    if status is LeadStatus.DISQUALIFIED:
        return CadenceStop.DISQUALIFIED
    return None


class Forgotten(StrEnum):
    NO_TOUCH = "no_touch"  # nobody touched the lead for a long time, and nothing is planned
    NURTURING_UNPLANNED = "nurturing_unplanned"  # in nurturing with nothing planned


def forgotten(
    status: LeadStatus,
    last_touch: dt.date | None,
    has_planned: bool,
    today: dt.date,
    quiet_days: int,
) -> Forgotten | None:
    """Whether a lead has been forgotten, and how. The rule, which the SQL query of the
    forgotten leads implements too:

    - `has_planned`: any activity of the person not done yet, of any kind, due whenever
      (overdue too). A lead with one is never forgotten.
    - Only a person in LEAD, QUALIFYING or NURTURING can be forgotten.
    - NURTURING with nothing planned: NURTURING_UNPLANNED, whenever the last touch was.
    - LEAD or QUALIFYING with nothing planned: NO_TOUCH when never touched (`last_touch` is
      None) or when the last touch lies `quiet_days` days or more before `today`, i.e.
      last_touch <= today - quiet_days. Touched on 1 March with 60 quiet days: forgotten
      from 30 April on.
    - `last_touch`: the local day of the person's last done activity of TOUCH_KINDS.
    """
    if quiet_days < 1:
        raise ValueError(f"quiet_days must be at least 1, not {quiet_days}")
    if has_planned or status not in ACTIVE_LEAD:
        return None
    if status is LeadStatus.NURTURING:
        return Forgotten.NURTURING_UNPLANNED
    if last_touch is None or last_touch <= today - dt.timedelta(days=quiet_days):
        return Forgotten.NO_TOUCH
    return None


class Due(StrEnum):
    OVERDUE = "overdue"  # due before today
    TODAY = "today"
    LATER = "later"


def _day_start(now: dt.datetime, days: int = 0) -> dt.datetime:
    # Midnight of now's day in now's zone: pass a local `now` so that today is the user's.
    return dt.datetime.combine(now.date() + dt.timedelta(days=days), dt.time.min, now.tzinfo)


def due_state(due_at: dt.datetime, now: dt.datetime) -> Due:
    """Overdue only when due before today: a call due at 09:00 is still TODAY at 10:00, and an
    all-day touch (due at the day's start) is TODAY all day. `due_at` and `now` are both aware
    (or both naive); an aware `due_at` in UTC compares right with a local `now`."""
    if due_at < _day_start(now):
        return Due.OVERDUE
    if due_at < _day_start(now, 1):
        return Due.TODAY
    return Due.LATER


def is_overdue(due_at: dt.datetime, now: dt.datetime) -> bool:
    """Due before the start of `now`'s day (see due_state)."""
    return due_at < _day_start(now)


def default_cadences(translate: Translate = i18n.translate) -> tuple[Cadence, ...]:
    """The plans a new database starts with, in the user's language."""
    call, email, letter = ActivityKind.CALL, ActivityKind.EMAIL, ActivityKind.LETTER
    return (
        Cadence(
            translate("Cadences", "Long cycle: 6 touches in 9 months"),
            (
                CadenceStep(
                    call, 0, translate("Cadences", "Introduce yourself and ask what is planned.")
                ),
                CadenceStep(
                    email, 14, translate("Cadences", "Send a reference from their industry.")
                ),
                CadenceStep(
                    call, 46, translate("Cadences", "Ask about the reference; check the timing.")
                ),
                CadenceStep(
                    letter, 60, translate("Cadences", "Send printed material or an invitation.")
                ),
                CadenceStep(call, 75, translate("Cadences", "Ask what has changed since then.")),
                CadenceStep(
                    call, 75, translate("Cadences", "Ask for a meeting or a date to decide.")
                ),
            ),
        ),
        Cadence(
            translate("Cadences", "Short cycle: 4 touches in 6 weeks"),
            (
                CadenceStep(
                    call, 0, translate("Cadences", "Introduce yourself and find out who decides.")
                ),
                CadenceStep(
                    email, 3, translate("Cadences", "Send the information promised on the phone.")
                ),
                CadenceStep(
                    call, 14, translate("Cadences", "Ask about the information; agree next steps.")
                ),
                CadenceStep(
                    call, 25, translate("Cadences", "Ask for a meeting or when to call again.")
                ),
            ),
        ),
        Cadence(
            translate("Cadences", "Re-qualify after a year"),
            (
                CadenceStep(
                    letter, 350, translate("Cadences", "Remind them of you before the next budget.")
                ),
                CadenceStep(call, 15, translate("Cadences", "Check the four criteria again.")),
            ),
        ),
    )
