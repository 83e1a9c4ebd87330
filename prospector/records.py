"""Frozen data that crosses the service boundary: what users enter and what they see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from decimal import Decimal
from operator import attrgetter
from typing import Any

from prospector.enums import (
    ActivityType,
    CompanyStage,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.region import DEFAULT_COUNTRY
from prospector.sizeclass import SizeClass


@dataclass(frozen=True, slots=True)
class CompanyInput:
    """A company as the user entered it, before validation."""

    name: str
    legal_form: str | None = None
    vat_id: str | None = None
    industry: str | None = None
    wz_code: str | None = None
    employees: int | None = None
    turnover_eur: Decimal | None = None
    structure: CompanyStructure | None = None
    activity_type: ActivityType | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    state: str | None = None
    country: str = DEFAULT_COUNTRY
    phone: str | None = None
    website: str | None = None
    email: str | None = None
    notes: str | None = None
    source: str | None = None
    owner_id: int | None = None
    stage: CompanyStage = CompanyStage.TARGET


@dataclass(frozen=True, slots=True)
class CompanyRecord(CompanyInput):
    """A stored company, with what the database adds."""

    id: int = 0
    version: int = 0
    domain: str | None = None
    size_class: SizeClass | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    contact_count: int = 0


@dataclass(frozen=True, slots=True)
class CompanyRow:
    """One line of the company list: only what the list shows."""

    id: int
    name: str
    postcode: str | None
    city: str | None
    state: str | None
    industry: str | None
    employees: int | None
    phone: str | None
    domain: str | None
    size_class: SizeClass | None = None
    stage: CompanyStage = CompanyStage.TARGET
    owner: str | None = None
    next_follow_up: dt.datetime | None = None
    tags: tuple[str, ...] = ()
    fit_score: int | None = None
    personas_known: int = 0  # personas the company's contacts are matched to
    personas_defined: int = 0  # personas there are


@dataclass(frozen=True)
class CompanyWindow:
    """The first window of the company list, and how many companies the whole list has."""

    total: int
    rows: tuple[CompanyRow, ...]


@dataclass(frozen=True, slots=True)
class ContactInput:
    """A person as the user entered them, before validation."""

    company_id: int | None  # None: a person without a company, to be linked to one later
    last_name: str
    first_name: str | None = None
    salutation: Salutation = Salutation.NONE
    academic_title: str | None = None
    job_title: str | None = None
    department: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    linkedin: str | None = None
    persona_id: int | None = None
    decision_role: DecisionRole = DecisionRole.UNKNOWN
    budget_authority: bool = False
    lead_status: LeadStatus = LeadStatus.CONTACT
    owner_id: int | None = None
    do_not_contact: bool = False
    do_not_contact_since: dt.date | None = None
    do_not_contact_reason: str | None = None
    legal_basis: LegalBasis = LegalBasis.UNKNOWN
    data_source: str | None = None
    is_consumer: bool = False
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class ContactRecord(ContactInput):
    """A stored contact."""

    id: int = 0
    version: int = 0
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One line of the contact list: only what the list shows."""

    id: int
    last_name: str
    first_name: str | None = None
    academic_title: str | None = None
    company_id: int | None = None
    company: str | None = None  # the company's name; None for a person without one
    job_title: str | None = None
    phone: str | None = None
    mobile: str | None = None
    email: str | None = None
    lead_status: LeadStatus = LeadStatus.CONTACT
    owner: str | None = None
    do_not_contact: bool = False


@dataclass(frozen=True)
class SampleLoadResult:
    companies: int
    contacts: int


def field_names(cls: type[Any]) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def field_defaults(cls: type[Any]) -> dict[str, Any]:
    """The fields of a dataclass that have a default, with it."""
    return {f.name: f.default for f in fields(cls) if f.default is not MISSING}


_READERS: dict[type[Any], tuple[tuple[str, ...], Callable[[Any], tuple[Any, ...]]]] = {}


def field_values(record: Any) -> dict[str, Any]:
    """A dataclass's fields and their values, in order, read at C speed (an import reads
    every field of 100,000 rows several times)."""
    kind = type(record)
    reader = _READERS.get(kind)
    if reader is None:
        names = field_names(kind)
        get = attrgetter(*names)
        reader = _READERS[kind] = (names, (lambda r: (get(r),)) if len(names) == 1 else get)
    names, read = reader
    return dict(zip(names, read(record), strict=True))


COMPANY_INPUT_FIELDS = field_names(CompanyInput)
CONTACT_INPUT_FIELDS = field_names(ContactInput)
