"""Pure conversion of spreadsheet cells into field values: codes, numbers, dates, names."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal

from prospector.enums import Salutation
from prospector.exchange.cells import CSV_TRIGGERS
from prospector.numbers import parse_decimal

Cell = str | int | float | Decimal | dt.datetime | dt.date | bool | None

_SALUTATIONS = {
    "herr": Salutation.MR,
    "herrn": Salutation.MR,  # as an address line writes it
    "hr": Salutation.MR,
    "mr": Salutation.MR,
    "mister": Salutation.MR,
    "monsieur": Salutation.MR,
    "male": Salutation.MR,
    "männlich": Salutation.MR,
    "maennlich": Salutation.MR,
    "m": Salutation.MR,
    "frau": Salutation.MS,
    "fr": Salutation.MS,
    "ms": Salutation.MS,
    "mrs": Salutation.MS,
    "miss": Salutation.MS,
    "madame": Salutation.MS,
    "mme": Salutation.MS,
    "female": Salutation.MS,
    "weiblich": Salutation.MS,
    "w": Salutation.MS,
    "f": Salutation.MS,
    # Said, but neither: no salutation, and nothing to keep.
    "divers": Salutation.NONE,
    "d": Salutation.NONE,
    "mx": Salutation.NONE,
    "keine": Salutation.NONE,
    "keine angabe": Salutation.NONE,
    "none": Salutation.NONE,
    "firma": Salutation.NONE,  # German lists address a company so
    "\u2014": Salutation.NONE,  # what an export writes for none
    "-": Salutation.NONE,
}
_PARTICLES = {"von", "van", "de", "der", "den", "zu", "zum", "zur", "vom", "di", "da", "le"}
_TITLES = (
    "prof. dr.-ing.",
    "prof. dr.",
    "dr.-ing.",
    "dr. med.",
    "dr. rer. nat.",
    "dipl.-ing.",
    "prof.",
    "dr.",
)


def text(cell: Cell) -> str | None:
    """Any cell as trimmed text; whole floats lose their '.0' (Excel stores 95101 as 95101.0)."""
    if cell.__class__ is str:  # nearly every cell of a file, so asked first
        value = (_unguarded(cell) if cell[:1] == "'" else cell).strip()
        return value or None
    if cell is None:
        return None
    if isinstance(cell, bool):
        return "ja" if cell else "nein"
    if isinstance(cell, float):
        if cell.is_integer():
            return str(int(cell))
        return repr(cell)
    if isinstance(cell, dt.datetime):
        return (
            cell.strftime("%d.%m.%Y %H:%M")
            if (cell.hour, cell.minute) != (0, 0)
            else cell.strftime("%d.%m.%Y")
        )
    if isinstance(cell, dt.date):
        return cell.strftime("%d.%m.%Y")
    value = _unguarded(str(cell)).strip()
    return value or None


def _unguarded(value: str) -> str:
    """The text without the apostrophe a CSV export puts before =, +, -, @, tab, CR and LF
    (cells.neutralise_csv, which adds one to text already starting with apostrophes before
    these, so that dropping exactly one gives back any text)."""
    if value[:1] == "'" and value.lstrip("'")[:1] in CSV_TRIGGERS:
        return value[1:]
    return value


def code(cell: Cell) -> str | None:
    """Postcodes, WZ codes, IDs: text, never a number; 95101.0 becomes '95101'."""
    return text(cell)


def integer(cell: Cell) -> int | None:
    """'1.250' (German thousands), '1,250,000', 1250.0 -> 1250; ValueError for anything else,
    '1,250' too (a German decimal comma: 1.25)."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        raise ValueError("not a number")
    if isinstance(cell, int):
        return cell
    if isinstance(cell, float):
        if not cell.is_integer():
            raise ValueError("not a whole number")
        return int(cell)
    value = number(cell)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise ValueError("not a whole number")
    return int(value)


def number(cell: Cell) -> Decimal | None:
    """German or English number text, with optional € or 'EUR': '2.500.000,50 €' -> 2500000.50."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        raise ValueError("not a number")
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    if isinstance(cell, float):
        if not math.isfinite(cell):
            raise ValueError("not a number")
        return Decimal(repr(cell))
    if isinstance(cell, dt.date):
        raise ValueError("a date, not a number")
    return parse_decimal(str(cell))


def date(cell: Cell) -> dt.date | None:
    """31.12.2024, 31.12.24, 2024-12-31, or a date cell; ValueError otherwise."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    raw = str(cell).strip()
    for pattern in ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y", "%Y-%m-%d %H:%M:%S"):
        try:
            return dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValueError("not a date")


_DAYS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y")
_MOMENTS = tuple(
    f"{day}{sep}{time}"
    for day in _DAYS
    for sep in (" ", "T")
    for time in ("%H:%M", "%H:%M:%S")
    if sep == " " or day == "%Y-%m-%d"
)


def moment(cell: Cell) -> tuple[dt.datetime, bool] | None:
    """A naive local date and time, and whether a time of day was given: '07.12.2026 14:30',
    '2026-12-07T14:30:00', a date-time cell; '07.12.2026', '7.12.26', '2026-12-07' or a date
    cell are the day's midnight without a time. Midnight counts as no time: it is what an
    export writes for a touch planned for a day. ValueError for anything else."""
    if cell is None or cell == "":
        return None
    if isinstance(cell, bool):
        raise ValueError("not a date")
    if isinstance(cell, dt.datetime):
        found = cell if cell.tzinfo is None else cell.astimezone().replace(tzinfo=None)
    elif isinstance(cell, dt.date):
        found = dt.datetime.combine(cell, dt.time())
    elif isinstance(cell, str):
        found = _parsed_moment(" ".join(cell.split()))
    else:
        raise ValueError("not a date")  # a bare number: a serial day Excel did not format
    return found, found.time() != dt.time()


def _parsed_moment(raw: str) -> dt.datetime:
    for pattern in (*_DAYS, *_MOMENTS):
        try:
            return dt.datetime.strptime(raw, pattern)
        except ValueError:
            continue
    try:
        found = dt.datetime.fromisoformat(raw)  # ISO 8601 with seconds' fractions or a zone
    except ValueError:
        raise ValueError("not a date") from None
    return found if found.tzinfo is None else found.astimezone().replace(tzinfo=None)


def boolean(cell: Cell) -> bool:
    """'ja', 'x', 'yes', '1', True -> True; empty, 'nein', 'no', '0' -> False."""
    if isinstance(cell, bool):
        return cell
    value = (text(cell) or "").casefold()
    if value in ("", "nein", "no", "n", "0", "false", "falsch", "-"):
        return False
    if value in ("ja", "j", "yes", "y", "x", "1", "true", "wahr"):
        return True
    raise ValueError("not yes or no")


def legal_form(cell: Cell) -> str | None:
    """A legal form as written (GmbH, e.K., Ltd.); ValueError for a bare number, a register's
    code for it ('1' public, '2' private), which names no form: the notes keep it."""
    value = text(cell)
    if value is not None and value.replace(".", "").isdigit():
        raise ValueError("not a legal form")
    return value


def salutation_and_title(said: str) -> tuple[str, str | None]:
    """A salutation column that holds a title too: 'Herr Dr.' -> ('Herr', 'Dr.'), 'Prof.'
    -> ('', 'Prof.'); any other text -> (text, None)."""
    words = " ".join(said.split())
    first, _, rest = words.partition(" ")
    word, title = (first, rest) if first.casefold().rstrip(".") in _SALUTATIONS else ("", words)
    if title and title.casefold() in _TITLES:
        return word, title
    return said, None


def salutation(cell: Cell) -> Salutation:
    """Herr, Frau, Mr, Ms, male, female …; ValueError for any other word, so that it is kept
    in the notes rather than lost."""
    value = (text(cell) or "").casefold().rstrip(".")
    if value and value not in _SALUTATIONS:
        raise ValueError("not a salutation")
    return _SALUTATIONS.get(value, Salutation.NONE)


def split_full_name(full: str) -> tuple[Salutation, str | None, str | None, str]:
    """'Herr Dr. Max Müller' -> (MR, 'Dr.', 'Max', 'Müller'); 'Müller, Max' works too."""
    rest = " ".join(full.split())
    found_salutation = Salutation.NONE
    first_word = rest.split(" ", 1)[0].casefold().rstrip(".")
    if first_word in _SALUTATIONS and " " in rest:
        found_salutation = _SALUTATIONS[first_word]
        rest = rest.split(" ", 1)[1]
    title = None
    lowered = rest.casefold()
    for candidate in _TITLES:
        if lowered.startswith(candidate + " "):
            title = rest[: len(candidate)]
            rest = rest[len(candidate) :].strip()
            break
    if "," in rest:
        last, _, first = rest.partition(",")
        return found_salutation, title, first.strip() or None, last.strip()
    words = rest.split(" ")
    cut = len(words) - 1
    while cut > 1 and words[cut - 1].casefold() in _PARTICLES:
        cut -= 1  # 'von Berg', 'van der Meer' belong to the last name
    given: str | None = " ".join(words[:cut]) or None
    return found_salutation, title, given, " ".join(words[cut:])
