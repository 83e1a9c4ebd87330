"""The field each column of a file holds, guessed with how sure the guess is."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from prospector.exchange.columns import SEVERAL_COLUMN_KEYS, names
from prospector.exchange.header_context import settle
from prospector.exchange.header_fuzzy import NearMisses
from prospector.exchange.header_lookup import Known


class How(StrEnum):
    """Where a column's field came from."""

    REMEMBERED = "remembered"  # the mapping used last time for the same headers
    EXACT = "exact"  # the field's own header or key ("PLZ", "postcode")
    SYNONYM = "synonym"  # another known name of the field ("Postleitzahl geschäftlich")
    FUZZY = "fuzzy"  # a near miss of a known name ("Postleitzal")
    MANUAL = "manual"  # chosen by the user


@dataclass(frozen=True)
class ColumnGuess:
    """A column's field (None: not imported), how sure (0-100), and from where."""

    key: str | None = None
    confidence: int = 0
    how: How | None = None
    like: str | None = None  # the known name a near miss resembles


NO_GUESS = ColumnGuess()
# A second plain name or street column is another company's or address, not a further part:
# these take further columns only when named as parts ("Name 2", "Straße geschäftlich 2").
_PARTS_BY_NAME = frozenset({"name", "street"})


@functools.cache
def _near_misses() -> NearMisses:
    return NearMisses(names())


def guess(headers: Sequence[str]) -> tuple[ColumnGuess, ...]:
    """Each column's field: by its name, else a near miss of a known name; generic names as
    the rest of the file means them; a field from one column only, unless several columns
    may fill it (columns.SEVERAL_COLUMN_KEYS)."""
    near = _near_misses()
    looked_up: dict[str, tuple[Known | None, int, How | None]] = {}
    found: list[Known | None] = []
    sureness: list[tuple[int, How | None]] = []
    for header in headers:
        if header not in looked_up:
            looked_up[header] = _one(header, near)
        known, confidence, how = looked_up[header]
        found.append(known)
        sureness.append((confidence, how))
    settled = settle(headers, found, names().tools)
    return _one_column_per_field(settled, sureness)


def _one(header: str, near: NearMisses) -> tuple[Known | None, int, How | None]:
    known = names().lookup(header)
    if known is not None:
        return known, 100, How.EXACT if known.exact else How.SYNONYM
    miss = near.find(header)
    if miss is None:
        return None, 0, None
    return miss.known, miss.score, How.FUZZY


def _one_column_per_field(
    settled: Sequence[Known | None], sureness: Sequence[tuple[int, How | None]]
) -> tuple[ColumnGuess, ...]:
    """Of several columns for one field the first keeps it; a field several columns may fill
    keeps them all (a name or street its first column and the further parts); a weak name
    counts only alone."""

    def weak_last(index: int) -> tuple[bool, int]:
        known = settled[index]
        return (known is not None and known.weak, index)

    guesses = [NO_GUESS] * len(settled)
    taken: set[str] = set()
    for index in sorted(range(len(settled)), key=weak_last):
        known = settled[index]
        if known is None or known.key is None:
            continue
        key = known.key
        several = key in SEVERAL_COLUMN_KEYS and (key not in _PARTS_BY_NAME or known.more)
        if key in taken and not several:
            continue
        taken.add(key)
        confidence, how = sureness[index]
        like = known.name if how is How.FUZZY else None
        guesses[index] = ColumnGuess(key, confidence, how, like)
    # A part belongs to the column before it: "Name 2" after a "Name 1" that lost the name to
    # "Einrichtung" is no part of the name "Einrichtung" holds.
    kept: dict[str, bool] = {}
    for index, known in enumerate(settled):
        if known is None or known.key not in _PARTS_BY_NAME:
            continue
        if not known.more:
            kept[known.key] = guesses[index].key == known.key
        elif not kept.get(known.key, True):
            guesses[index] = NO_GUESS
    return tuple(guesses)
