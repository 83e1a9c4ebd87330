"""Turn one spreadsheet row, through the column mapping, into a company and a person."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from prospector.enums import (
    ActivityType,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.errors import FieldProblem, ValidationFailed
from prospector.exchange import values
from prospector.exchange.columns import BY_KEY, CONTACT_ATTRIBUTES, Target
from prospector.normalize import fold, split_tag_text
from prospector.records import (
    COMPANY_INPUT_FIELDS,
    CONTACT_INPUT_FIELDS,
    CompanyInput,
    ContactInput,
)
from prospector.region import DEFAULT_COUNTRY
from prospector.validation import validate_company, validate_contact

Converter = Callable[[values.Cell], Any]


class RowKind(StrEnum):
    COMPANY = "company"
    PERSON = "person"
    BOTH = "both"


@dataclass(frozen=True)
class RowProblem:
    """Why a field of a row was refused (error) or changed (warning)."""

    field: str
    code: str
    message: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class ParsedRow:
    """One row as it would be stored, before duplicates are looked at.

    A valid company or person is held normalised, as validation leaves it (an import holds
    100,000 of these, and a frozen dataclass takes a fifth of the memory of a dict); an
    invalid company as the file gave it, for the preview.
    """

    line: int
    kind: RowKind
    company: CompanyInput | None
    contact: ContactInput | None  # company_id 0: linked when the import runs
    company_id: int | None  # the ID column of an earlier export
    contact_id: int | None
    tags: tuple[str, ...]
    domain: str | None  # of a valid company: the website's domain
    name_key: str | None  # of a valid company; None when its values did not validate
    errors: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def company_values(self) -> dict[str, Any]:
        """The valid company's column values as validate_company gave them; else empty."""
        if self.company is None or self.name_key is None:
            return {}
        values = {name: getattr(self.company, name) for name in COMPANY_INPUT_FIELDS}
        values["domain"], values["name_key"] = self.domain, self.name_key
        return values

    @property
    def contact_values(self) -> dict[str, Any]:
        """The valid person's column values as validate_contact gave them; else empty."""
        return {} if self.contact is None else contact_values(self.contact)


@dataclass(frozen=True)
class RejectedRow:
    """A row an import refused: its line, its cells as the file has them, and why."""

    line: int
    values: tuple[values.Cell, ...]
    reasons: tuple[RowProblem, ...]


def contact_values(contact: ContactInput) -> dict[str, Any]:
    """A normalised person's column values (as validate_contact gave them)."""
    return {name: getattr(contact, name) for name in CONTACT_INPUT_FIELDS}


def _enum(enum: type[StrEnum], names: dict[str, str]) -> Converter:
    """Accept the value itself or a German/English word for it."""

    def convert(cell: values.Cell) -> Any:
        raw = values.text(cell)
        if raw is None:
            return None
        key = fold(raw)
        for member in enum:
            if key in (member.value, member.value.replace("_", " ")):
                return member
        found = names.get(key)
        if found is None:
            raise ValueError(f"unknown value {raw!r}")
        return enum(found)

    return convert


_STRUCTURES = {
    "unabhaengig": "independent",
    "eigenstaendig": "independent",
    "zentrale": "headquarters",
    "hauptsitz": "headquarters",
    "filiale": "branch",
    "niederlassung": "branch",
    "tochter": "subsidiary",
    "tochtergesellschaft": "subsidiary",
    "konzern": "group",
}
_ACTIVITIES = {
    "produktion": "manufacturing",
    "hersteller": "manufacturing",
    "handel": "trade",
    "dienstleistung": "services",
    "handwerk": "craft",
    "oeffentlich": "public",
    "sonstige": "other",
}
_ROLES = {
    "entscheider": "decision_maker",
    "beeinflusser": "influencer",
    "anwender": "user",
    "vorzimmer": "gatekeeper",
    "unbekannt": "unknown",
}
_STATUSES = {
    "kontakt": "contact",
    "ansprechpartner": "contact",
    "in qualifizierung": "qualifying",
    "lead pflege": "nurturing",
    "verkaufschance": "opportunity",
    "disqualifiziert": "disqualified",
}
_BASES = {
    "einwilligung": "consent",
    "vertrag": "contract",
    "berechtigtes interesse": "legitimate_interest",
    "unbekannt": "unknown",
}

CONVERTERS: dict[str, Converter] = {
    "company_id": values.integer,
    "contact_id": values.integer,
    "employees": values.integer,
    "turnover_eur": values.number,
    "postcode": values.code,
    "wz_code": values.code,
    "phone": values.code,
    "contact_phone": values.code,
    "mobile": values.code,
    "structure": _enum(CompanyStructure, _STRUCTURES),
    "activity_type": _enum(ActivityType, _ACTIVITIES),
    "decision_role": _enum(DecisionRole, _ROLES),
    "lead_status": _enum(LeadStatus, _STATUSES),
    "legal_basis": _enum(LegalBasis, _BASES),
    "salutation": values.salutation,
    "do_not_contact": values.boolean,
    "do_not_contact_since": values.date,
}
_PERSON_WORDS = {"person", "kontakt", "contact", "ansprechpartner", "p"}
_COMPANY_WORDS = {"firma", "unternehmen", "company", "organisation", "organization", "f"}


def _cells(row: Sequence[values.Cell], mapping: Sequence[str | None]) -> dict[str, values.Cell]:
    """Field -> cell; when several columns map to one field, the first non-empty one wins."""
    found: dict[str, values.Cell] = {}
    for key, cell in zip(mapping, row, strict=False):
        if key is not None and cell not in (None, "") and key not in found:
            found[key] = cell
    return found


def _kind(cells: dict[str, values.Cell], has_company: bool, has_person: bool) -> RowKind | None:
    word = fold(values.text(cells.get("row_kind")) or "")
    if word in _PERSON_WORDS:
        return RowKind.PERSON
    if word in _COMPANY_WORDS:
        return RowKind.COMPANY
    if has_company and has_person:
        return RowKind.BOTH
    if has_person:
        return RowKind.PERSON
    return RowKind.COMPANY if has_company else None


def parse_row(line: int, row: Sequence[values.Cell], mapping: Sequence[str | None]) -> ParsedRow:
    """Convert, normalise and validate one row; every problem is named, nothing raised."""
    cells = _cells(row, mapping)
    errors: list[RowProblem] = []
    warnings: list[RowProblem] = []
    converted: dict[str, Any] = {}
    for key, cell in cells.items():
        convert = CONVERTERS.get(key, values.text)
        try:
            converted[key] = convert(cell)
        except ValueError as exc:
            errors.append(RowProblem(key, "invalid", str(exc), {"value": values.text(cell)}))

    if "full_name" in converted and not converted.get("last_name"):
        salutation, title, first, last = values.split_full_name(converted.pop("full_name"))
        converted.setdefault("salutation", salutation)
        converted.setdefault("academic_title", title)
        converted.setdefault("first_name", first)
        converted["last_name"] = last
    converted.pop("full_name", None)
    if converted.get("do_not_contact") and not converted.get("do_not_contact_since"):
        # An objection counts from when it is known: a list that only marks it gets today.
        converted["do_not_contact_since"] = dt.date.today()
        warnings.append(
            RowProblem(
                "do_not_contact_since",
                "objection_dated_today",
                "no date of the objection given: today's date is recorded",
            )
        )

    company_keys = {k for k in converted if BY_KEY[k].target is Target.COMPANY} - {"tags"}
    person_keys = {k for k in converted if BY_KEY[k].target is Target.CONTACT} - {"salutation"}
    kind = _kind(cells, bool(company_keys), bool(person_keys))
    company: CompanyInput | None = None
    contact: ContactInput | None = None
    domain = name_key = None
    if kind is None:
        errors.append(RowProblem("", "empty", "the row holds nothing to import"))
    if kind in (RowKind.COMPANY, RowKind.BOTH) or (kind is RowKind.PERSON and "name" in converted):
        company = _company(converted, errors)
        if company is not None:
            try:
                stored = validate_company(company)
            except ValidationFailed as exc:
                errors.extend(_problems(exc.problems))
            else:
                domain, name_key = stored.pop("domain"), stored.pop("name_key")
                company = CompanyInput(**stored)
    if kind in (RowKind.PERSON, RowKind.BOTH):
        contact = _contact(converted, errors)
        if company is None and converted.get("company_id") is None:
            errors.append(
                RowProblem("name", "no_company", "a person needs the name or ID of their company")
            )
    tags = tuple(split_tag_text(converted.get("tags")))
    return ParsedRow(
        line=line,
        kind=kind or RowKind.COMPANY,
        company=company,
        contact=contact,
        company_id=converted.get("company_id"),
        contact_id=converted.get("contact_id"),
        tags=tags,
        domain=domain,
        name_key=name_key,
        errors=tuple(errors),
        warnings=tuple(warnings),
    )


def _problems(problems: dict[str, FieldProblem]) -> list[RowProblem]:
    return [RowProblem(k, p.code, p.message, dict(p.params)) for k, p in problems.items()]


_COMPANY_FIELDS = frozenset(f.name for f in dataclasses.fields(CompanyInput))
# Contact field -> the converted key it comes from (a column of the person, not of the company).
_CONTACT_SOURCES = tuple(
    (f.name, next((k for k, v in CONTACT_ATTRIBUTES.items() if v == f.name), f.name))
    for f in dataclasses.fields(ContactInput)
)


def _company(converted: dict[str, Any], errors: list[RowProblem]) -> CompanyInput | None:
    data = {k: v for k, v in converted.items() if k in _COMPANY_FIELDS}
    if not data.get("name"):
        errors.append(RowProblem("name", "required", "a company name is required"))
        return None
    data.setdefault("country", DEFAULT_COUNTRY)
    return CompanyInput(**data)


def _contact(converted: dict[str, Any], errors: list[RowProblem]) -> ContactInput | None:
    """The row's person, normalised; None (with the reasons in errors) if invalid."""
    data: dict[str, Any] = {}
    for name, key in _CONTACT_SOURCES:
        if key in converted and BY_KEY[key].target is Target.CONTACT:
            data[name] = converted[key]
    if not data.get("last_name"):
        errors.append(RowProblem("last_name", "required", "a person needs a last name"))
        return None
    data.setdefault("salutation", Salutation.NONE)
    try:
        return ContactInput(**validate_contact(ContactInput(company_id=0, **data)))
    except ValidationFailed as exc:
        errors.extend(_problems(exc.problems))
        return None
