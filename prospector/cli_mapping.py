"""The column mapping on the command line: `--map`, `--list-fields` and a dry run's lines."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TextIO

from rapidfuzz import process

from prospector import i18n
from prospector.exchange.columns import FIELDS, SEVERAL_COLUMN_KEYS, header_key
from prospector.exchange.header_guess import NO_GUESS, ColumnGuess, How
from prospector.i18n import translate
from prospector.import_texts import field_label

IGNORED_SHOWN = 20  # ignored columns a dry run names; the rest are counted


class UsageError(Exception):
    """A `--map` the command line cannot follow, said in one sentence."""


@contextmanager
def _speaking(language: str) -> Iterator[None]:
    spoken = i18n.current_language()
    i18n.set_language(language)
    try:
        yield
    finally:
        i18n.set_language(spoken)


def field_names() -> list[tuple[str, str, str]]:
    """Each importable field: its key, its German and its English name."""
    names = []
    for field in FIELDS:
        with _speaking("de"):
            german = field_label(field.key)
        with _speaking("en"):
            english = field_label(field.key)
        names.append((field.key, german, english))
    return names


def list_fields(out: TextIO) -> int:
    """`main.py import --list-fields`: key, German name, English name, one field a line."""
    names = field_names()
    key_width = max(len(key) for key, _, _ in names)
    german_width = max(len(german) for _, german, _ in names)
    for key, german, english in names:
        print(f"{key:<{key_width}}  {german:<{german_width}}  {english}", file=out)
    return 0


def parse_maps(options: Sequence[str]) -> list[tuple[str, str | None]]:
    """`--map` options as (header, field key); an empty field ignores the column."""
    by_name: dict[str, str] = {}
    for key, german, english in field_names():
        for name in (english, german, key):
            by_name[name.casefold()] = key
    chosen: list[tuple[str, str | None]] = []
    for option in options:
        header, equals, name = option.rpartition("=")
        if not equals or not header.strip():
            raise UsageError(
                translate(
                    "ImportMapping", "--map needs HEADER=FIELD, not \u201c{option}\u201d."
                ).format(option=option)
            )
        name = name.strip()
        field = by_name.get(name.casefold()) if name else None
        if name and field is None:
            raise UsageError(
                translate(
                    "ImportMapping",
                    "--map: there is no field \u201c{field}\u201d; "
                    "main.py import --list-fields lists them.",
                ).format(field=name)
            )
        chosen.append((header.strip(), field))
    return chosen


def apply_maps(
    headers: Sequence[str],
    guessed: Sequence[ColumnGuess],
    chosen: Sequence[tuple[str, str | None]],
) -> tuple[ColumnGuess, ...]:
    """The field of each column as guessed (or as last time), with the `--map` choices
    applied; a field one column only may fill leaves the column that had it."""
    guesses = list(guessed)
    for header, key in chosen:
        for index in _columns_named(headers, header):
            if key is not None and key not in SEVERAL_COLUMN_KEYS:
                guesses = [NO_GUESS if g.key == key else g for g in guesses]
            guesses[index] = ColumnGuess(key, 100, How.MANUAL) if key else NO_GUESS
    return tuple(guesses)


def _columns_named(headers: Sequence[str], header: str) -> list[int]:
    exact = [i for i, h in enumerate(headers) if h.strip() == header]
    if exact:
        return exact
    folded = header_key(header)
    found = [i for i, h in enumerate(headers) if header_key(h) == folded and folded]
    if found:
        return found
    # Compared folded, as headers are matched: "Titel" is close to "title", not "tel_cell".
    close = process.extractOne(
        header, [h for h in headers if h.strip()], processor=header_key, score_cutoff=60
    )
    if close is None:
        raise UsageError(
            translate(
                "ImportMapping", "--map: the file has no column \u201c{header}\u201d."
            ).format(header=header)
        )
    raise UsageError(
        translate(
            "ImportMapping",
            "--map: the file has no column \u201c{header}\u201d; did you mean \u201c{close}\u201d?",
        ).format(header=header, close=close[0])
    )


def mapping_lines(headers: Sequence[str], guesses: Sequence[ColumnGuess]) -> list[str]:
    """The mapping as a dry run prints it: each imported column with its field, how sure the
    guess is and where it came from; then the ignored columns, and an empty line."""
    lines = [translate("ImportMapping", "Columns and their fields:")]
    ignored = []
    for index, (header, guess) in enumerate(zip(headers, guesses, strict=False)):
        name = header.strip() or translate("ImportMapping", "(column {n})").format(n=index + 1)
        if guess.key is None:
            ignored.append(name)
            continue
        line = translate("ImportMapping", "{header} -> {field} ({confidence} %, {how})")
        lines.append(
            "  "
            + line.format(
                header=name, field=guess.key, confidence=guess.confidence, how=_how(guess)
            )
        )
    if ignored:
        shown = ", ".join(ignored[:IGNORED_SHOWN])
        if len(ignored) > IGNORED_SHOWN:
            shown += " " + translate("ImportMapping", "and {n} more").format(
                n=len(ignored) - IGNORED_SHOWN
            )
        lines.append("  " + translate("ImportMapping", "Ignored: {columns}").format(columns=shown))
    return [*lines, ""]


def _how(guess: ColumnGuess) -> str:
    """Where a guess came from, in the words of How."""
    words = {
        How.REMEMBERED: lambda: translate("ImportMapping", "remembered"),
        How.EXACT: lambda: translate("ImportMapping", "exact"),
        How.SYNONYM: lambda: translate("ImportMapping", "synonym"),
        How.FUZZY: lambda: translate("ImportMapping", "fuzzy, like \u201c{name}\u201d"),
        How.MANUAL: lambda: translate("ImportMapping", "--map"),
    }
    return words[guess.how]().format(name=guess.like) if guess.how else ""
