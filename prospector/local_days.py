"""Days as the user lives them: a local day's start as a stored moment, a moment's local day."""

from __future__ import annotations

import datetime as dt


def day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of `day` in the computer's time zone, as an aware moment (what a
    touch planned for a day, without an hour, is stored as)."""
    return dt.datetime.combine(day, dt.time()).astimezone()


def local_day(moment: dt.datetime) -> dt.date:
    """The day `moment` (aware, as stored) falls on in the computer's time zone."""
    return moment.astimezone().date()


def local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()
