"""Which backups the thinning keeps: the newest of each of the last days, weeks and months."""

from __future__ import annotations

import datetime as dt

from prospector.backups import KEEP_DAILY, KEEP_MONTHLY, KEEP_WEEKLY, to_keep


def _kept(taken: list[dt.datetime]) -> list[dt.datetime]:
    return sorted(taken[i] for i in to_keep(taken))


def test_nothing_and_one_backup() -> None:
    assert to_keep([]) == set()
    assert to_keep([dt.datetime(2026, 12, 6, 9)]) == {0}


def test_of_several_backups_a_day_the_newest_is_kept() -> None:
    morning, noon, evening = (dt.datetime(2026, 12, 6, h) for h in (8, 12, 18))
    assert _kept([morning, evening, noon]) == [evening]


def test_a_year_of_daily_backups_thins_to_days_weeks_and_months() -> None:
    last = dt.datetime(2026, 12, 6, 18)
    taken = [last - dt.timedelta(days=n) for n in range(365)]
    kept = _kept(taken)
    # Every one of the last twelve days.
    assert kept[-KEEP_DAILY:] == sorted(last - dt.timedelta(days=n) for n in range(KEEP_DAILY))
    weeks = {t.isocalendar()[:2] for t in kept}
    months = {(t.year, t.month) for t in kept}
    assert len(weeks) >= KEEP_WEEKLY
    assert len(months) == KEEP_MONTHLY
    assert len(kept) <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY
    # The oldest kept is the newest backup of the ninth month back.
    assert min(kept) == dt.datetime(2026, 4, 30, 18)


def test_the_newest_backup_is_always_kept_whatever_the_history() -> None:
    taken = [dt.datetime(2020, 1, 1) + dt.timedelta(hours=7 * n) for n in range(2000)]
    assert max(_kept(taken)) == max(taken)


def test_gaps_count_only_days_that_have_a_backup() -> None:
    # Used twice a month: the last twelve such days are all kept, a year back.
    taken = [dt.datetime(2026, month, day, 10) for month in range(1, 13) for day in (3, 17)]
    kept = _kept(taken)
    assert kept[-KEEP_DAILY:] == sorted(taken)[-KEEP_DAILY:]
