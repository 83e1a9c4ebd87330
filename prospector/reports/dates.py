"""Dates and times as the printed call day writes them in the reader's language."""

from __future__ import annotations

import datetime as dt


def date_text(day: dt.date, language: str) -> str:
    """06.12.2026 in German, 2026-12-06 otherwise."""
    return day.strftime("%d.%m.%Y") if language == "de" else day.isoformat()


def due_text(due: dt.datetime, on: dt.date, language: str) -> str:
    """When a call is due, as short as the call day allows: its time on the day itself, its
    date on any other day, nothing for midnight of the day (planned without a time)."""
    if due.date() != on:
        return date_text(due.date(), language)
    if due.time() == dt.time(0, 0):
        return ""
    return due.strftime("%H:%M")
