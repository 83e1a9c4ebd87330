"""The rows of a long list held window by window: read when first shown, the least recently
used let go."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

Line = TypeVar("Line")

WINDOW = 200
# At most this many windows stay in memory (10,000 rows); the rest are read again when needed.
MAX_WINDOWS = 50


class Windows(Generic[Line]):
    """The windows of WINDOW lines read so far, by number, the most recently used last."""

    def __init__(self) -> None:
        self._held: OrderedDict[int, list[Line]] = OrderedDict()

    def clear(self) -> None:
        self._held.clear()

    def start(self, first: list[Line]) -> None:
        """Forget every window but the first, read with the count."""
        self._held.clear()
        if first:
            self._held[0] = first

    def numbers(self) -> list[int]:
        return list(self._held)

    def held_rows(self) -> list[int]:
        """The rows held, in order: looking at them reads nothing more."""
        return [
            number * WINDOW + offset
            for number in sorted(self._held)
            for offset in range(len(self._held[number]))
        ]

    def line(self, row: int, read: Callable[[int, int], Sequence[Line]]) -> Line | None:
        """The row's line; `read(offset, limit)` gives the lines of a window not held. None
        past the end of a window that came back shorter (the list shrank since counted)."""
        number, offset = divmod(row, WINDOW)
        lines = self._held.get(number)
        if lines is None:
            lines = list(read(number * WINDOW, WINDOW))
            self._held[number] = lines
            while len(self._held) > MAX_WINDOWS:
                self._held.popitem(last=False)
        else:
            self._held.move_to_end(number)
        return lines[offset] if offset < len(lines) else None
