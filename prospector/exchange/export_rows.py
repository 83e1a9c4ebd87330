"""The export's sheets, their columns, and the cells of their rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any

from prospector.enums import Salutation
from prospector.exchange.columns import BY_KEY, FIELDS, Target
from prospector.normalize import phone_for_display


class Kind(Enum):
    """How a column's values are written."""

    ID = "id"  # a record's number
    TEXT = "text"  # free text a user typed: never a formula
    CODE = "code"  # text of digits that must stay text: postcode, WZ code, phone
    INTEGER = "integer"
    MONEY = "money"
    DATETIME = "datetime"  # local time, naive
    DATE = "date"


@dataclass(frozen=True)
class Column:
    header: str
    kind: Kind


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


Row = tuple[Any, ...]

_COMPANY_KINDS = {
    "wz_code": Kind.CODE,
    "postcode": Kind.CODE,
    "phone": Kind.CODE,
    "employees": Kind.INTEGER,
    "turnover_eur": Kind.MONEY,
}
_CONTACT_KINDS = {
    "contact_phone": Kind.CODE,
    "mobile": Kind.CODE,
    "do_not_contact_since": Kind.DATE,
}
# Import-only fields: the full name is split into first and last name on import, so writing it
# beside them would give a re-import two sources for the same name.
_IMPORT_ONLY = frozenset({"full_name"})

COMPANY_KEYS = tuple(f.key for f in FIELDS if f.target is Target.COMPANY)
CONTACT_KEYS = tuple(
    f.key for f in FIELDS if f.target is Target.CONTACT and f.key not in _IMPORT_ONLY
)

COMPANIES = Sheet(
    "Unternehmen",
    (
        Column(BY_KEY["company_id"].header, Kind.ID),
        *(Column(BY_KEY[k].header, _COMPANY_KINDS.get(k, Kind.TEXT)) for k in COMPANY_KEYS),
    ),
)
CONTACTS = Sheet(
    "Ansprechpartner",
    (
        Column(BY_KEY["company_id"].header, Kind.ID),
        Column(BY_KEY["contact_id"].header, Kind.ID),
        Column(BY_KEY["name"].header, Kind.TEXT),  # the company's name, for reading
        *(Column(BY_KEY[k].header, _CONTACT_KINDS.get(k, Kind.TEXT)) for k in CONTACT_KEYS),
    ),
)
# Headers that are not import fields on purpose (no "Notizen", no "Art"): picked by mistake as
# an import sheet, this one must not overwrite company notes with activity notes.
ACTIVITIES = Sheet(
    "Aktivitäten",
    (
        Column(BY_KEY["company_id"].header, Kind.ID),
        Column(BY_KEY["contact_id"].header, Kind.ID),
        Column("Aktivität", Kind.TEXT),
        Column("Betreff", Kind.TEXT),
        Column("Fällig am", Kind.DATETIME),
        Column("Erledigt am", Kind.DATETIME),
        Column("Ergebnis", Kind.TEXT),
        Column("Beschreibung", Kind.TEXT),
    ),
)
SHEETS = (COMPANIES, CONTACTS, ACTIVITIES)


@dataclass(frozen=True)
class Chunk:
    """The rows of one window of companies, with their contacts and activities."""

    companies: list[Row]
    contacts: list[Row]
    activities: list[Row]


def display_phone(e164: str | None, country: str) -> str | None:
    """German numbers of German companies in national form ('0351…'), others international.

    The import reads a phone in the company's country, so '0351123456' comes back as the same
    '+49351123456', and a CSV cell that does not start with '+' needs no apostrophe. Cutting
    the prefix is exact for +49 and costs nothing, where phonenumbers' grouping costs ~20 µs a
    number (seconds for 300,000 of them); the rare others get it ('+43 1 5123456').
    """
    if e164 is None:
        return None
    if country == "DE" and e164.startswith("+49"):
        return "0" + e164[3:]
    # No number belongs to the region "", so phone_for_display always writes it international.
    return phone_for_display(e164, home_region="")


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Local wall-clock time without a zone: Excel has no time zones."""
    return None if value is None else value.astimezone().replace(tzinfo=None)


# The company columns a company record gives, in the sheet's order: all but the tags.
STORED_COMPANY_KEYS = tuple(k for k in COMPANY_KEYS if k != "tags")

_TAGS_AT = COMPANY_KEYS.index("tags")
_COMPANY_PHONE_AT = STORED_COMPANY_KEYS.index("phone")
_COUNTRY_AT = STORED_COMPANY_KEYS.index("country")
# In a company's row, after its ID.
_ROW_NAME_AT = 1 + COMPANY_KEYS.index("name")
_ROW_COUNTRY_AT = 1 + COMPANY_KEYS.index("country")
_CONTACT_PHONES_AT = tuple(CONTACT_KEYS.index(k) for k in ("contact_phone", "mobile"))
_SALUTATION_AT = CONTACT_KEYS.index("salutation")
_OBJECTED_AT = CONTACT_KEYS.index("do_not_contact")
# The words a German letter uses, which the import reads back; "none" is an empty cell.
_SALUTATIONS = {Salutation.MR.value: "Herr", Salutation.MS.value: "Frau"}


def company_row(company_id: int, stored: list[Any], tags: str | None) -> Row:
    """A company's row from its values of STORED_COMPANY_KEYS (enums as their text)."""
    stored[_COMPANY_PHONE_AT] = display_phone(stored[_COMPANY_PHONE_AT], stored[_COUNTRY_AT])
    stored.insert(_TAGS_AT, tags)
    return (company_id, *stored)


def name_and_country(row: Row) -> tuple[str, str]:
    """The name and country of a company's row, which its contacts' rows need."""
    return row[_ROW_NAME_AT], row[_ROW_COUNTRY_AT]


def contact_row(
    company_id: int, contact_id: int, company: tuple[str, str], stored: list[Any]
) -> Row:
    """A person's row from its values of CONTACT_KEYS (enums as their text) and its company's
    name and country."""
    name, country = company
    for at in _CONTACT_PHONES_AT:
        stored[at] = display_phone(stored[at], country)
    stored[_SALUTATION_AT] = _SALUTATIONS.get(stored[_SALUTATION_AT])
    # "ja" for an objection, which the import reads back; no objection stays empty.
    stored[_OBJECTED_AT] = "ja" if stored[_OBJECTED_AT] else None
    return (company_id, contact_id, name, *stored)


def activity_row(
    company_id: int,
    contact_id: int | None,
    kind: str,
    subject: str | None,
    due: dt.datetime | None,
    done: dt.datetime | None,
    outcome: str | None,
    notes: str | None,
) -> Row:
    """An activity's row (enums as their text)."""
    return (company_id, contact_id, kind, subject, _local(due), _local(done), outcome, notes)
