"""The export's sheets, their columns, and the cells of their rows in the user's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from prospector.enums import (
    ActivityKind,
    ActivityOutcome,
    ActivityType,
    CompanyStage,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.exchange.columns import BY_KEY, FIELDS, Target
from prospector.exchange.phone_cells import PhoneCells
from prospector.i18n import translate
from prospector.labels import labels
from prospector.sizeclass import SizeClass, size_class


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
    derived: bool = False  # written to be read, not imported: the template leaves it out


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)

    def importable(self) -> Sheet:
        """The sheet without its derived columns (the import template's)."""
        return Sheet(self.title, tuple(c for c in self.columns if not c.derived))


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
# beside them would give a re-import two sources for the same name; a person's company named
# in the row is the contacts sheet's company name column; an area code is part of the phone
# number the export writes whole.
_IMPORT_ONLY = frozenset({"full_name", "related_company", "phone_area"})

COMPANY_KEYS = tuple(
    f.key for f in FIELDS if f.target is Target.COMPANY and f.key not in _IMPORT_ONLY
)
CONTACT_KEYS = tuple(
    f.key for f in FIELDS if f.target is Target.CONTACT and f.key not in _IMPORT_ONLY
)
# Derived from employees and turnover, so written beside them and never imported.
SIZE_CLASS_HEADER = "Größenklasse"
# Another system's key for the company and which system: a round trip keeps them.
_EXTERNAL_KEYS = ("external_id", "external_source")


def _company_columns() -> tuple[Column, ...]:
    columns = [Column(BY_KEY["company_id"].header, Kind.ID)]
    for key in COMPANY_KEYS:
        columns.append(Column(BY_KEY[key].header, _COMPANY_KINDS.get(key, Kind.TEXT)))
        if key == "turnover_eur":
            columns.append(Column(SIZE_CLASS_HEADER, Kind.TEXT, derived=True))
    columns.extend(Column(BY_KEY[key].header, Kind.TEXT) for key in _EXTERNAL_KEYS)
    return tuple(columns)


COMPANIES = Sheet("Unternehmen", _company_columns())
CONTACTS = Sheet(
    "Ansprechpartner",
    (
        Column(BY_KEY["company_id"].header, Kind.ID),  # empty for a person without a company
        Column(BY_KEY["contact_id"].header, Kind.ID),
        Column(BY_KEY["name"].header, Kind.TEXT),  # the company's name, for reading
        *(Column(BY_KEY[k].header, _CONTACT_KINDS.get(k, Kind.TEXT)) for k in CONTACT_KEYS),
    ),
)
# Headers that are not import fields on purpose (no "Notizen", no "Art"): picked by mistake as
# an import sheet of companies, this one must not overwrite company notes with activity notes
# (its "ID" and "Bearbeiter" alone name no company: such an import refuses it). It imports
# back as activities (prospector.exchange.activity_sheet).
ACTIVITIES = Sheet(
    "Aktivitäten",
    (
        Column(BY_KEY["company_id"].header, Kind.ID),
        Column(BY_KEY["contact_id"].header, Kind.ID),
        Column("Aktivität-ID", Kind.ID),
        Column("Aktivität", Kind.TEXT),
        Column("Betreff", Kind.TEXT),
        Column("Fällig am", Kind.DATETIME),
        Column("Erledigt am", Kind.DATETIME),
        Column("Ergebnis", Kind.TEXT),
        Column("Beschreibung", Kind.TEXT),
        Column("Bearbeiter", Kind.TEXT),
    ),
)
SHEETS = (COMPANIES, CONTACTS, ACTIVITIES)

# The company values a query reads, in the sheet's order: all but the size class and the tags.
STORED_COMPANY_KEYS = (*(k for k in COMPANY_KEYS if k != "tags"), *_EXTERNAL_KEYS)
# The model's attribute of a company key stored under another name.
COMPANY_ATTRIBUTES = {"team_member": "owner_id", "external_id": "external_ref"}

_SIZE_AT = STORED_COMPANY_KEYS.index("turnover_eur") + 1  # in the stored values
_TAGS_AT = COMPANY_KEYS.index("tags")  # of the stored values, the first after the tags
assert _SIZE_AT <= _TAGS_AT, "the row puts the size class before the tags"
_EMPLOYEES_AT = STORED_COMPANY_KEYS.index("employees")
_TURNOVER_AT = STORED_COMPANY_KEYS.index("turnover_eur")
_COMPANY_PHONE_AT = STORED_COMPANY_KEYS.index("phone")
_STRUCTURE_AT = STORED_COMPANY_KEYS.index("structure")
_ACTIVITY_AT = STORED_COMPANY_KEYS.index("activity_type")
_STAGE_AT = STORED_COMPANY_KEYS.index("stage")
_OWNER_AT = STORED_COMPANY_KEYS.index("team_member")
_ROW_NAME_AT = 1 + COMPANY_KEYS.index("name")  # in a company's row, after its ID
_CONTACT_PHONES_AT = tuple(CONTACT_KEYS.index(k) for k in ("contact_phone", "mobile"))
_SALUTATION_AT = CONTACT_KEYS.index("salutation")
_ROLE_AT = CONTACT_KEYS.index("decision_role")
_STATUS_AT = CONTACT_KEYS.index("lead_status")
_CONTACT_MEMBER_AT = CONTACT_KEYS.index("contact_team_member")
_BASIS_AT = CONTACT_KEYS.index("legal_basis")
# Yes/no columns: a word the import reads back for yes, an empty cell for no.
_FLAGS_AT = tuple(
    CONTACT_KEYS.index(k) for k in ("do_not_contact", "budget_authority", "is_consumer")
)


@dataclass(frozen=True)
class Chunk:
    """The rows of one window of companies, with their contacts and activities."""

    companies: list[Row]
    contacts: list[Row]
    activities: list[Row]


def company_name(row: Row) -> str:
    """The name in a company's row, which its contacts' rows repeat."""
    name: str = row[_ROW_NAME_AT]
    return name


def _by_text(table: Mapping[Any, str]) -> dict[str, str]:
    """Labels by the stored text of their member, as the export's queries read it."""
    return {member.value: label for member, label in table.items()}


def _local(value: dt.datetime | None) -> dt.datetime | None:
    """Local wall-clock time without a zone: Excel has no time zones."""
    return None if value is None else value.astimezone().replace(tzinfo=None)


class RowCells:
    """The cells of the export's rows from the stored values, in the language of the moment
    it is made: categories as their labels, the owner by name, phones international.

    The labels are looked up once here, so that a cell costs a dict lookup, not the catalogue.
    """

    def __init__(self, owners: Mapping[int, str]) -> None:
        self._owners = owners
        self._phones = PhoneCells()
        self._structures = _by_text(labels(CompanyStructure))
        self._activities = _by_text(labels(ActivityType))
        self._stages = _by_text(labels(CompanyStage))
        self._sizes: dict[SizeClass | None, str] = {
            size: label for size, label in labels(SizeClass).items()
        }
        # "No salutation" is an empty cell, not the dash a form shows.
        self._salutations = _by_text(labels(Salutation))
        del self._salutations[Salutation.NONE.value]
        self._roles = _by_text(labels(DecisionRole))
        self._statuses = _by_text(labels(LeadStatus))
        self._bases = _by_text(labels(LegalBasis))
        self._kinds = _by_text(labels(ActivityKind))
        self._outcomes = _by_text(labels(ActivityOutcome))
        self._yes = translate("Export", "yes")

    def company_row(self, company_id: int, stored: list[Any], tags: str | None) -> Row:
        """A company's row from its values of STORED_COMPANY_KEYS (enums as their text)."""
        phone = stored[_COMPANY_PHONE_AT]
        if phone:
            stored[_COMPANY_PHONE_AT] = self._phones.international(phone)
        stored[_STRUCTURE_AT] = self._structures.get(stored[_STRUCTURE_AT])
        stored[_ACTIVITY_AT] = self._activities.get(stored[_ACTIVITY_AT])
        stored[_STAGE_AT] = self._stages.get(stored[_STAGE_AT])
        stored[_OWNER_AT] = self._owners.get(stored[_OWNER_AT])
        size = self._sizes.get(size_class(stored[_EMPLOYEES_AT], stored[_TURNOVER_AT]))
        return (
            company_id,
            *stored[:_SIZE_AT],
            size,
            *stored[_SIZE_AT:_TAGS_AT],
            tags,
            *stored[_TAGS_AT:],
        )

    def contact_row(
        self, company_id: int | None, contact_id: int, company: str | None, stored: list[Any]
    ) -> Row:
        """A person's row from its values of CONTACT_KEYS (enums as their text) and its
        company's ID and name (None for a person without a company)."""
        for at in _CONTACT_PHONES_AT:
            if stored[at]:
                stored[at] = self._phones.international(stored[at])
        stored[_SALUTATION_AT] = self._salutations.get(stored[_SALUTATION_AT])
        stored[_ROLE_AT] = self._roles.get(stored[_ROLE_AT])
        stored[_STATUS_AT] = self._statuses.get(stored[_STATUS_AT])
        stored[_CONTACT_MEMBER_AT] = self._owners.get(stored[_CONTACT_MEMBER_AT])
        stored[_BASIS_AT] = self._bases.get(stored[_BASIS_AT])
        for at in _FLAGS_AT:
            stored[at] = self._yes if stored[at] else None
        return (company_id, contact_id, company, *stored)

    def activity_row(
        self,
        company_id: int,
        contact_id: int | None,
        activity_id: int,
        kind: str,
        subject: str | None,
        due: dt.datetime | None,
        done: dt.datetime | None,
        outcome: str | None,
        notes: str | None,
        owner_id: int | None,
    ) -> Row:
        """An activity's row (enums as their text, the owner by name)."""
        return (
            company_id,
            contact_id,
            activity_id,
            self._kinds.get(kind, kind),
            subject,
            _local(due),
            _local(done),
            None if outcome is None else self._outcomes.get(outcome, outcome),
            notes,
            None if owner_id is None else self._owners.get(owner_id),
        )
