"""Which columns of a sheet a table keeps: those with a name and those that hold data."""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, count, repeat
from operator import is_not, itemgetter

from prospector.exchange.tables import Row


def filled_positions(row: Row) -> list[int]:
    """Where the row has a value (at C speed: rows may be thousands of cells wide)."""
    return list(compress(count(), map(is_not, row, repeat(None))))


class KeptColumns:
    """The columns a table keeps, by their position in the source rows, in the table's order.

    A column that is empty in the header and in every row is left out, so a sheet whose used
    range claims 16,384 columns but holds twelve is a twelve-column table, and each row costs
    memory for its kept cells only. Data in a column not kept so far adds that column at the
    end (read_table puts it back in its place).
    """

    def __init__(self, header: Row) -> None:
        self.positions: list[int] = filled_positions(header)
        self._update()

    def take(self, row: Row) -> Row:
        """The row's cells in the kept columns (fewer at its end if the row is shorter)."""
        if self._leading:  # the kept columns are the first ones: nothing to pick
            if len(row) <= self._width:
                return row
        else:
            padded = row + self._pad[len(row) :] if len(row) < self._width else row
            picked = self._pick(padded)
            if len(row) - row.count(None) == len(picked) - picked.count(None):
                return picked
        self._add(row)
        return self.take(row)

    def in_file_order(self) -> bool:
        return self.positions == sorted(self.positions)

    def sort(self) -> None:
        """Put the columns in the file's order (only before any row was taken and handed on)."""
        self.positions.sort()
        self._update()

    def _add(self, row: Row) -> None:
        known = set(self.positions)
        self.positions.extend(p for p in filled_positions(row) if p not in known)
        self._update()

    def _update(self) -> None:
        positions = self.positions
        self._leading = positions == list(range(len(positions)))
        self._width = max(positions) + 1 if positions else 0
        self._pad: Row = (None,) * self._width
        self._pick: Callable[[Row], Row] = _picker(positions)


def _picker(positions: list[int]) -> Callable[[Row], Row]:
    """A function that picks these cells of a row, as a tuple (itemgetter runs in C)."""
    if len(positions) > 1:
        return itemgetter(*positions)
    if positions:
        only = positions[0]
        return lambda row: (row[only],)
    return lambda row: ()
