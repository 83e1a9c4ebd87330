"""The columns of a sheet of activities: which header means which field, in German or English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from prospector.errors import ProspectorError


class Field(StrEnum):
    COMPANY_ID = "company_id"
    COMPANY = "company"  # the company's name, for a sheet prepared by hand without IDs
    CONTACT_ID = "contact_id"
    CONTACT = "contact"  # a person of that company by full name
    ACTIVITY_ID = "activity_id"
    KIND = "kind"
    SUBJECT = "subject"
    DUE = "due"
    DONE = "done"
    OUTCOME = "outcome"
    NOTES = "notes"
    OWNER = "owner"


# The export's own header first: it names the field in texts about the sheet.
HEADERS: dict[Field, tuple[str, ...]] = {
    Field.COMPANY_ID: ("ID", "Unternehmen-ID", "Company ID"),
    Field.COMPANY: ("Firma", "Unternehmen", "Company"),
    Field.CONTACT_ID: ("Ansprechpartner-ID", "Contact ID"),
    Field.CONTACT: ("Ansprechpartner", "Contact", "Name"),
    Field.ACTIVITY_ID: ("Aktivität-ID", "Activity ID"),
    Field.KIND: ("Aktivität", "Art", "Activity", "Kind"),
    Field.SUBJECT: ("Betreff", "Gesprächsthema", "Subject", "Talking point"),
    Field.DUE: ("Fällig am", "Fällig", "Due", "Due at"),
    Field.DONE: ("Erledigt am", "Erledigt", "Done", "Done at"),
    Field.OUTCOME: ("Ergebnis", "Outcome"),
    Field.NOTES: ("Beschreibung", "Notizen", "Description", "Notes"),
    Field.OWNER: ("Bearbeiter", "Owner"),
}


def loose(text: str) -> str:
    """Text as compared: case, spaces, hyphens and underscores do not count."""
    return "".join(text.casefold().replace("-", " ").replace("_", " ").split())


_BY_KEY = {loose(name): field for field, names in HEADERS.items() for name in names}
assert len(_BY_KEY) == sum(map(len, HEADERS.values())), "a header names two fields"

# What a sheet needs to be one of activities: each group, one of its fields.
_NEEDED: tuple[tuple[Field, ...], ...] = (
    (Field.KIND,),
    (Field.COMPANY_ID, Field.COMPANY),
    (Field.DUE, Field.DONE),
)


class NotAnActivitySheet(ProspectorError):
    """The sheet lacks a column it needs; `missing` holds each missing group's headers."""

    code = "not_an_activity_sheet"
    template = (
        "The sheet \u201c{sheet}\u201d of {file} is not a list of activities: "
        "it has no column {missing}."
    )

    def __init__(self, *, file: str, sheet: str, missing: tuple[tuple[str, ...], ...]) -> None:
        self.missing = missing
        named = "; ".join(" or ".join(f"\u201c{h}\u201d" for h in group) for group in missing)
        super().__init__(file=file, sheet=sheet, missing=named)


@dataclass(frozen=True)
class ActivityColumns:
    """Where each field's column is in the sheet (the first, if a header repeats)."""

    positions: dict[Field, int]


def missing_groups(headers: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """For each field group the sheet lacks, the export's headers of its fields."""
    found = {_BY_KEY.get(loose(h)) for h in headers}
    return tuple(
        tuple(HEADERS[field][0] for field in group)
        for group in _NEEDED
        if not found.intersection(group)
    )


def activity_columns(headers: Sequence[str], *, file: str, sheet: str) -> ActivityColumns:
    """The fields of the sheet's columns; NotAnActivitySheet unless it has a kind, a
    company (ID or name) and a date (due or done)."""
    missing = missing_groups(headers)
    if missing:
        raise NotAnActivitySheet(file=file, sheet=sheet, missing=missing)
    positions: dict[Field, int] = {}
    for position, header in enumerate(headers):
        field = _BY_KEY.get(loose(header))
        if field is not None:
            positions.setdefault(field, position)
    return ActivityColumns(positions)


def looks_like_activities(name: str) -> bool:
    """Whether a sheet's name says it holds activities (the export's own, or in English)."""
    return loose(name) in {"aktivitäten", "aktivitaeten", "activities"}
