"""The export's sheets, their columns, and their rows streamed from SQL in chunks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Generator, Sequence
from dataclasses import dataclass
from enum import Enum as PyEnum
from typing import Any

from sqlalchemy import Enum, String, func, select, type_coerce
from sqlalchemy.orm import InstrumentedAttribute, Session

from prospector.enums import Salutation
from prospector.exchange.columns import BY_KEY, CONTACT_ATTRIBUTES, FIELDS, Target
from prospector.models import Activity, Company, CompanyTag, Contact, Tag
from prospector.normalize import phone_for_display
from prospector.services.company_query import CompanyFilter, filtered_ids

# Companies per window: each window costs one query for its contacts, tags and activities.
CHUNK = 1_000


class Kind(PyEnum):
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


def _raw(column: InstrumentedAttribute[Any]) -> Any:
    """Enum columns as their stored text: what the export writes, without the detour."""
    return type_coerce(column, String) if isinstance(column.type, Enum) else column


# The company columns read from the companies table: all but the tags.
_STORED_KEYS = tuple(k for k in COMPANY_KEYS if k != "tags")


def _company_columns() -> list[InstrumentedAttribute[Any]]:
    return [_raw(getattr(Company, k)) for k in _STORED_KEYS]


def _contact_columns() -> list[InstrumentedAttribute[Any]]:
    return [_raw(getattr(Contact, CONTACT_ATTRIBUTES.get(k, k))) for k in CONTACT_KEYS]


_TAGS_AT = COMPANY_KEYS.index("tags")
_NAME_AT = _STORED_KEYS.index("name")
_COMPANY_PHONE_AT = _STORED_KEYS.index("phone")
_COUNTRY_AT = _STORED_KEYS.index("country")
_CONTACT_PHONES_AT = tuple(CONTACT_KEYS.index(k) for k in ("contact_phone", "mobile"))
_SALUTATION_AT = CONTACT_KEYS.index("salutation")
_OBJECTED_AT = CONTACT_KEYS.index("do_not_contact")
# The words a German letter uses, which the import reads back; "none" is an empty cell.
_SALUTATIONS = {Salutation.MR.value: "Herr", Salutation.MS.value: "Frau"}


def _tags(session: Session, ids: Sequence[int]) -> dict[int, str]:
    stmt = (
        select(CompanyTag.company_id, Tag.name)
        .join(Tag, Tag.id == CompanyTag.tag_id)
        .where(CompanyTag.company_id.in_(ids))
        .order_by(CompanyTag.company_id, func.lower(Tag.name))
    )
    names: dict[int, list[str]] = defaultdict(list)
    for company_id, name in session.execute(stmt):
        names[company_id].append(name)
    return {company_id: ", ".join(found) for company_id, found in names.items()}


def _contacts(
    session: Session, ids: Sequence[int], companies: dict[int, tuple[str, str]]
) -> dict[int, list[Row]]:
    stmt = (
        select(Contact.company_id, Contact.id, *_contact_columns())
        .where(Contact.company_id.in_(ids), Contact.deleted_at.is_(None))
        .order_by(Contact.company_id, Contact.last_name, Contact.first_name, Contact.id)
    )
    rows: dict[int, list[Row]] = defaultdict(list)
    for company_id, contact_id, *values in session.execute(stmt):
        name, country = companies[company_id]
        for at in _CONTACT_PHONES_AT:
            values[at] = display_phone(values[at], country)
        values[_SALUTATION_AT] = _SALUTATIONS.get(values[_SALUTATION_AT])
        # "ja" for an objection, which the import reads back; no objection stays empty.
        values[_OBJECTED_AT] = "ja" if values[_OBJECTED_AT] else None
        rows[company_id].append((company_id, contact_id, name, *values))
    return rows


def _activities(session: Session, ids: Sequence[int]) -> dict[int, list[Row]]:
    when = func.coalesce(Activity.done_at, Activity.due_at, Activity.created_at)
    stmt = (
        select(
            Activity.company_id,
            Activity.contact_id,
            _raw(Activity.kind),
            Activity.subject,
            Activity.due_at,
            Activity.done_at,
            _raw(Activity.outcome),
            Activity.notes,
        )
        .where(Activity.company_id.in_(ids))
        .order_by(Activity.company_id, when, Activity.id)
    )
    rows: dict[int, list[Row]] = defaultdict(list)
    for company_id, contact_id, kind, subject, due, done, outcome, notes in session.execute(stmt):
        rows[company_id].append(
            (company_id, contact_id, kind, subject, _local(due), _local(done), outcome, notes)
        )
    return rows


def _company_query(session: Session, flt: CompanyFilter) -> Any:
    # The view's own select of ids widened by the columns, rather than "id IN (that select)":
    # so SQLite walks the partial name index in order instead of sorting every row in memory.
    return (
        filtered_ids(session, flt)
        .add_columns(*_company_columns())
        .order_by(Company.name_key, Company.id)
        .execution_options(yield_per=CHUNK)
    )


def chunks(session: Session, flt: CompanyFilter | None = None) -> Generator[Chunk, None, None]:
    """The filtered live companies sorted by name, in windows of CHUNK, with their rows.

    One streamed query reads the companies (a server-side cursor on PostgreSQL, SQLite's lazy
    cursor); each window adds three queries for its tags, contacts and activities, so memory
    holds one window and never ORM objects.
    """
    result = session.execute(_company_query(session, flt or CompanyFilter()))
    try:
        for partition in result.partitions():
            yield _chunk(session, [tuple(row) for row in partition])
    finally:
        # A stopped export must not leave PostgreSQL's server-side cursor open.
        result.close()


def _chunk(session: Session, partition: list[Row]) -> Chunk:
    ids = [row[0] for row in partition]
    tags = _tags(session, ids)
    companies: dict[int, tuple[str, str]] = {}
    company_rows: list[Row] = []
    for company_id, *values in partition:
        country = values[_COUNTRY_AT]
        companies[company_id] = (values[_NAME_AT], country)
        values[_COMPANY_PHONE_AT] = display_phone(values[_COMPANY_PHONE_AT], country)
        values.insert(_TAGS_AT, tags.get(company_id))
        company_rows.append((company_id, *values))
    contacts = _contacts(session, ids, companies)
    activities = _activities(session, ids)
    return Chunk(
        companies=company_rows,
        contacts=[row for company_id in ids for row in contacts.get(company_id, ())],
        activities=[row for company_id in ids for row in activities.get(company_id, ())],
    )
