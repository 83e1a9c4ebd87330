"""Working days of a German firm: weekends and the public holidays of its Bundesland."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import holidays

from prospector import i18n

Translate = Callable[[str, str], str]

# The 16 Bundesländer by the codes of the holidays package (ISO 3166-2:DE without "DE-").
# The package also knows "Augsburg", a city with holidays of its own (Peace Festival,
# Assumption Day); like the other local holidays (Assumption Day in Bavaria's Catholic
# communities, Corpus Christi in parts of Saxony and Thuringia) it is left out: a firm
# chooses its state, and the state's holidays are the ones that close it everywhere.
STATES: tuple[str, ...] = (
    "BB",
    "BE",
    "BW",
    "BY",
    "HB",
    "HE",
    "HH",
    "MV",
    "NI",
    "NW",
    "RP",
    "SH",
    "SL",
    "SN",
    "ST",
    "TH",
)

# Our languages to the holidays package's names of them.
_HOLIDAY_LANGUAGES: Mapping[str, str] = {"de": "de", "en": "en_US"}

_ONE_DAY = dt.timedelta(days=1)


def _state_names(translate: Translate) -> dict[str, str]:
    return {
        "BB": translate("Labels", "Brandenburg"),
        "BE": translate("Labels", "Berlin"),
        "BW": translate("Labels", "Baden-Württemberg"),
        "BY": translate("Labels", "Bavaria"),
        "HB": translate("Labels", "Bremen"),
        "HE": translate("Labels", "Hesse"),
        "HH": translate("Labels", "Hamburg"),
        "MV": translate("Labels", "Mecklenburg-Western Pomerania"),
        "NI": translate("Labels", "Lower Saxony"),
        "NW": translate("Labels", "North Rhine-Westphalia"),
        "RP": translate("Labels", "Rhineland-Palatinate"),
        "SH": translate("Labels", "Schleswig-Holstein"),
        "SL": translate("Labels", "Saarland"),
        "SN": translate("Labels", "Saxony"),
        "ST": translate("Labels", "Saxony-Anhalt"),
        "TH": translate("Labels", "Thuringia"),
    }


def state_label(code: str, translate: Translate = i18n.translate) -> str:
    """The Bundesland's name in the user's language; ValueError for a code not in STATES."""
    names = _state_names(translate)
    if code not in names:
        raise ValueError(f"unknown German state {code!r}")
    return names[code]


def state_labels(translate: Translate = i18n.translate) -> dict[str, str]:
    """Every Bundesland's code and name, in the alphabetical order of the names as shown."""
    names = _state_names(translate)
    return dict(
        sorted(names.items(), key=lambda item: unicodedata.normalize("NFKD", item[1]).casefold())
    )


@functools.lru_cache(maxsize=512)
def _holidays(state: str | None, year: int, language: str) -> Mapping[dt.date, str]:
    """One year's holidays as a plain dict: the package's lookups convert keys and fill in
    years on demand, far too slow for a month view of thousands of activities. The package
    knows Germany from 1991 to 2100; outside, the table is empty and only weekends are off."""
    return dict(holidays.country_holidays("DE", subdiv=state, years=year, language=language))


@dataclass(frozen=True)
class WorkCalendar:
    """The working days of a firm in `state` (None: only the holidays of all Germany), with
    holiday names in `language` (one of settings.LANGUAGES)."""

    state: str | None = None
    language: str = "de"

    def __post_init__(self) -> None:
        if self.state is not None and self.state not in STATES:
            raise ValueError(f"unknown German state {self.state!r}")
        if self.language not in _HOLIDAY_LANGUAGES:
            raise ValueError(f"no holiday names in {self.language!r}")

    def _table(self, year: int) -> Mapping[dt.date, str]:
        return _holidays(self.state, year, _HOLIDAY_LANGUAGES[self.language])

    def holiday(self, day: dt.date) -> str | None:
        """The public holiday's name (several joined by "; "), or None on an ordinary day."""
        return self._table(day.year).get(day)

    def is_workday(self, day: dt.date) -> bool:
        """Monday to Friday and no public holiday."""
        return day.weekday() < 5 and day not in self._table(day.year)

    def next_workday(self, day: dt.date) -> dt.date:
        """`day` itself when it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += _ONE_DAY
        return day

    def add_workdays(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th working day after `day`, which itself is not counted (1 from a Friday
        or a Saturday is the Monday); for 0, next_workday(day)."""
        if count < 0:
            raise ValueError(f"count must not be negative: {count}")
        if count == 0:
            return self.next_workday(day)
        for _ in range(count):
            day = self.next_workday(day + _ONE_DAY)
        return day

    def holidays_between(self, start: dt.date, end: dt.date) -> dict[dt.date, str]:
        """The public holidays from `start` to `end`, both included, in date order."""
        found: dict[dt.date, str] = {}
        for year in range(start.year, end.year + 1):
            table = self._table(year)
            found.update((day, table[day]) for day in sorted(table) if start <= day <= end)
        return found
