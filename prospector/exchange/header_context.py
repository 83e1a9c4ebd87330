"""What generic headers ("Name", "Title", "E-Mail", "ID") mean, judged by the whole header set."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from prospector.exchange.columns import BY_KEY, SEVERAL_COLUMN_KEYS, Target
from prospector.exchange.export_rows import COMPANIES, CONTACTS
from prospector.exchange.header_lookup import Known, Tool, compact, header_key

Found = Known | None

_PERSON_KEYS = frozenset(f.key for f in BY_KEY.values() if f.target is Target.CONTACT)
_NAMED_PERSON = frozenset({"first_name", "last_name"})
_ANY_PERSON_NAME = frozenset({"first_name", "last_name", "full_name"})
# What a column says about the row: a person's ("Position") or a company's ("Branche").
_PERSON_EVIDENCE = _PERSON_KEYS - _ANY_PERSON_NAME - {"related_company"}
_COMPANY_EVIDENCE = frozenset(
    {
        "legal_form",
        "vat_id",
        "industry",
        "wz_code",
        "employees",
        "turnover_eur",
        "structure",
        "activity_type",
        "street",
        "postcode",
        "city",
        "state",
        "website",
    }
)
# E-mail and phone columns that are the company's even in a list of persons.
_COMPANY_ONLY_TEXTS = frozenset(
    header_key(name)
    for name in (
        "E-Mail Firma",
        "Firmen-E-Mail",
        "E-Mail Zentrale",
        "Company Email",
        "General Email",
        "Zentrale",
        "Telefon Zentrale",
        "Telefon Firma",
        "Festnetz",
        "Company Phone",
        "Main Phone",
        "Company Main Phone",
        "Switchboard",
    )
)
# Words by which a column says it is about the contact person beside a company.
_CONTACT_PERSON_WORDS = frozenset(
    {"ansprechpartner", "kontaktperson", "kontakt", "contact", "cp", "ap"}
)
# A list without persons: the company's field for what a person's column holds.
_COMPANY_SIDE = {
    "contact_email": "email",
    "contact_phone": "phone",
    "mobile": "phone",
    "data_source": "source",
}
# Our own headers: the export's and the import template's, and each field's own header.
_OWN_HEADERS = frozenset(
    header_key(h)
    for h in (*COMPANIES.headers, *CONTACTS.headers, *(f.header for f in BY_KEY.values()))
)


def is_own_export(headers: Sequence[str]) -> bool:
    """Do these headers speak only our own header names, with our ID column: an export of ours
    (or the import template), perhaps with columns left out or moved?"""
    texts = {header_key(h) for h in headers if h.strip()}
    return "id" in texts and texts <= _OWN_HEADERS


def settle(headers: Sequence[str], found: Sequence[Found], tools: Sequence[Tool]) -> list[Found]:
    """The known names of the columns with each generic one given the field it means in
    this file."""
    columns = list(found)
    if is_own_export(headers):
        return columns
    # Another system's record keys: ours are matched only in our own export.
    _replace(columns, lambda k: k.key in ("company_id", "contact_id"), "external_id")
    decided = _tool_meanings(headers, columns, tools)
    mixed = bool(_keys(columns) & {"row_kind", "is_company"})
    _names(columns, decided, mixed)
    _titles(columns, decided)
    if mixed:
        _related_companies(columns)
    else:
        _persons_reached_directly(columns)
        _company_list(columns)
    return columns


def _keys(columns: Sequence[Found]) -> set[str]:
    return {k.key for k in columns if k is not None and k.key is not None}


def _replace(columns: list[Found], which: Callable[[Known], bool], key: str | None) -> None:
    for index, known in enumerate(columns):
        if known is not None and known.key is not None and which(known):
            columns[index] = dataclasses.replace(known, key=key)


def _tool_meanings(headers: Sequence[str], columns: list[Found], tools: Sequence[Tool]) -> set[int]:
    """Generic headers of a recognised tool's file, as that tool means them."""
    present = {compact(header_key(h)) for h in headers}
    decided: set[int] = set()
    for tool in tools:
        if not tool.meanings or not tool.markers & present:
            continue
        for index, known in enumerate(columns):
            if known is not None and known.text in tool.meanings and index not in decided:
                columns[index] = dataclasses.replace(known, key=tool.meanings[known.text])
                decided.add(index)
    return decided


def _person_columns(columns: Sequence[Found], keys: frozenset[str]) -> bool:
    return any(k is not None and k.key in keys and not k.contact_person for k in columns)


def _names(columns: list[Found], decided: set[int], mixed: bool) -> None:
    """A column "Name" is the company's, unless the rest of the file speaks of persons."""
    for index, known in enumerate(columns):
        if known is not None and known.contact_person and known.key == "full_name":
            if any(k is not None and k.contact_person and k.key == "first_name" for k in columns):
                columns[index] = dataclasses.replace(known, key="last_name")  # "cp_name"
            continue
        if known is None or known.key != "name" or known.text != "name" or index in decided:
            continue
        if mixed:
            continue  # companies and persons in one sheet: the row's kind decides later
        others = columns[:index] + columns[index + 1 :]
        first = _person_columns(others, frozenset({"first_name"}))
        last = _person_columns(others, frozenset({"last_name"}))
        if first and last:
            key = "full_name"  # "Name" beside "Given Name" and "Family Name"
        elif first:
            key = "last_name"  # "Vorname; Name"
        elif any(k is not None and k.key == "name" and not (k.weak or k.more) for k in others):
            key = "full_name"  # "Firma; Name"
        elif _evidence(others, _PERSON_EVIDENCE) > _evidence(others, _COMPANY_EVIDENCE):
            key = "full_name"  # "name; job_title; emails": a list of persons
        else:
            continue
        columns[index] = dataclasses.replace(known, key=key)


def _evidence(columns: Sequence[Found], keys: frozenset[str]) -> int:
    return sum(1 for k in columns if k is not None and k.key in keys and not k.contact_person)


def _titles(columns: list[Found], decided: set[int]) -> None:
    """A column "Title" beside a job title is the academic one; without persons, nobody's."""
    persons = _person_columns(columns, _ANY_PERSON_NAME)
    for index, known in enumerate(columns):
        if known is None or known.text not in ("title", "titel") or index in decided:
            continue
        if known.key not in ("job_title", "academic_title") or known.contact_person:
            continue
        others = columns[:index] + columns[index + 1 :]
        key: str | None
        if not persons:
            key = None
        elif known.text == "titel" or _person_columns(others, frozenset({"job_title"})):
            key = "academic_title"
        else:
            key = "job_title"  # Salesforce's, Zoho's and SuiteCRM's "Title"
        columns[index] = dataclasses.replace(known, key=key)


def _related_companies(columns: list[Found]) -> None:
    """In a sheet of companies and persons, a second company name is a person's company."""
    names = {
        i: k
        for i, k in enumerate(columns)
        if k is not None and k.key == "name" and not (k.more or k.weak)
    }
    if len(names) < 2:
        return
    keep = next((i for i, k in names.items() if k.text == "name"), min(names))
    for index, known in names.items():
        if index != keep:
            columns[index] = dataclasses.replace(known, key="related_company")


def _persons_reached_directly(columns: list[Found]) -> None:
    """In a list of persons (an address book, connections), the plain e-mail column and the
    notes are the person's; so is the plain phone when no company is named."""
    named = _person_columns(columns, _NAMED_PERSON)
    companies = any(k is not None and k.key == "name" for k in columns)
    full_only = not companies and _person_columns(columns, frozenset({"full_name"}))
    if not (named or full_only) or _beside_a_company(columns):
        return
    _replace(
        columns,
        lambda k: k.key == "email" and k.text not in _COMPANY_ONLY_TEXTS,
        "contact_email",
    )
    notes = [k for k in columns if k is not None and k.key == "notes"]
    if len(notes) == 1 and "contact_notes" not in _keys(columns):
        _replace(columns, lambda k: k.key == "notes", "contact_notes")  # notes on the person
    if not companies:
        _replace(
            columns,
            lambda k: k.key == "phone" and k.text not in _COMPANY_ONLY_TEXTS,
            "contact_phone",
        )


def _beside_a_company(columns: Sequence[Found]) -> bool:
    """Does the file have columns about a company's contact person ("E-Mail Ansprechpartner",
    "cp_name")? Then its plain columns are the company's."""
    return any(
        k is not None
        and k.key in _PERSON_KEYS
        and (k.contact_person or set(k.text.split()) & _CONTACT_PERSON_WORDS)
        for k in columns
    )


def _company_list(columns: list[Found]) -> None:
    """Without any person's name, a person's column is the company's where it has one."""
    if _keys(columns) & _ANY_PERSON_NAME:
        return
    taken = _keys(columns)
    for index, known in enumerate(columns):
        if known is None or known.key not in _PERSON_KEYS:
            continue
        key = _COMPANY_SIDE.get(known.key)
        if key is not None and key in taken and key not in SEVERAL_COLUMN_KEYS:
            key = None
        if key is not None:
            taken.add(key)
        columns[index] = dataclasses.replace(known, key=key)
