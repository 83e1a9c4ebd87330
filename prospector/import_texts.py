"""What an import says in the user's language: field names, row problems, and the note that
keeps a value a field could not take."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from prospector.countries import country_name
from prospector.i18n import current_language, translate
from prospector.labels import company_field_label

if TYPE_CHECKING:
    from prospector.exchange.rows import RowProblem

log = logging.getLogger(__name__)

# Literal strings inside translate(context, …) so that the extraction of texts finds them;
# built per call so that the language chosen at start applies.

_FIELDS: dict[str, Callable[[], str]] = {
    "name": lambda: translate("ImportMessages", "Company name"),
    "company_id": lambda: translate("ImportMessages", "Company ID (from an export)"),
    "contact_id": lambda: translate("ImportMessages", "Person ID (from an export)"),
    "row_kind": lambda: translate("ImportMessages", "Row type (company or person)"),
    "is_company": lambda: translate("ImportMessages", "Is a company (yes or no)"),
    "address_type": lambda: translate("ImportMessages", "Address type (home or work)"),
    "external_id": lambda: translate("ImportMessages", "External reference (ID in another system)"),
    "vat_id": lambda: translate("ImportMessages", "VAT ID"),
    "related_company": lambda: translate("ImportMessages", "Person's company"),
    "tags": lambda: translate("ImportMessages", "Tags"),
    "salutation": lambda: translate("ImportMessages", "Salutation"),
    "academic_title": lambda: translate("ImportMessages", "Academic title"),
    "first_name": lambda: translate("ImportMessages", "First name"),
    "last_name": lambda: translate("ImportMessages", "Last name"),
    "full_name": lambda: translate("ImportMessages", "Full name"),
    "job_title": lambda: translate("ImportMessages", "Job title"),
    "department": lambda: translate("ImportMessages", "Department"),
    "contact_phone": lambda: translate("ImportMessages", "Direct phone"),
    "mobile": lambda: translate("ImportMessages", "Mobile"),
    "contact_email": lambda: translate("ImportMessages", "Person's e-mail"),
    "linkedin": lambda: translate("ImportMessages", "LinkedIn"),
    "decision_role": lambda: translate("ImportMessages", "Decision role"),
    "lead_status": lambda: translate("ImportMessages", "Lead status"),
    "contact_team_member": lambda: translate("ImportMessages", "Person's owner"),
    "legal_basis": lambda: translate("ImportMessages", "Legal basis"),
    "data_source": lambda: translate("ImportMessages", "Data source"),
    "do_not_contact": lambda: translate("ImportMessages", "Do not contact (objection)"),
    "do_not_contact_since": lambda: translate("ImportMessages", "Objection since"),
    "do_not_contact_reason": lambda: translate("ImportMessages", "Reason for the objection"),
    "legal_form": lambda: translate("CompanyLabels", "Legal form"),
    "industry": lambda: translate("CompanyLabels", "Industry"),
    "wz_code": lambda: translate("CompanyLabels", "WZ code"),
    "employees": lambda: translate("CompanyLabels", "Employees"),
    "turnover_eur": lambda: translate("CompanyLabels", "Turnover (EUR)"),
    "structure": lambda: translate("CompanyLabels", "Structure"),
    "activity_type": lambda: translate("CompanyLabels", "Activity"),
    "street": lambda: translate("CompanyLabels", "Street"),
    "postcode": lambda: translate("CompanyLabels", "Postcode"),
    "city": lambda: translate("CompanyLabels", "City"),
    "state": lambda: translate("CompanyLabels", "State"),
    "country": lambda: translate("CompanyLabels", "Country"),
    "phone": lambda: translate("CompanyLabels", "Phone"),
    "phone_area": lambda: translate("ImportMessages", "Area code (of the phone column)"),
    "website": lambda: translate("CompanyLabels", "Website"),
    "email": lambda: translate("CompanyLabels", "E-mail"),
    "notes": lambda: translate("CompanyLabels", "Notes"),
    "source": lambda: translate("CompanyLabels", "Source"),
    "owner_id": lambda: translate("CompanyLabels", "Owner"),
}


def field_label(key: str) -> str:
    """The name of an importable field (prospector.exchange.columns) in the user's language."""
    label = _FIELDS.get(key)
    return label() if label is not None else company_field_label(key)


_PROBLEMS: dict[str, Callable[[], str]] = {
    "required": lambda: translate("ImportMessages", "required, but empty."),
    "too_long": lambda: translate("ImportMessages", "longer than {limit} characters."),
    "phone_invalid": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a valid phone number."
    ),
    "email_invalid": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not an e-mail address."
    ),
    "website_invalid": lambda: translate(
        "ImportMessages", "not a web address such as www.example.de."
    ),
    "postcode_invalid": lambda: translate(
        "ImportMessages",
        "\u201c{value}\u201d is not a postcode (country: {country}, e.g. {example}).",
    ),
    "country_invalid": lambda: translate("ImportMessages", "\u201c{value}\u201d is not a country."),
    "vat_id_invalid": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a valid VAT ID."
    ),
    "negative": lambda: translate("ImportMessages", "must not be negative."),
    "number_invalid": lambda: translate("ImportMessages", "\u201c{value}\u201d is not a number."),
    "no_identity": lambda: translate(
        "ImportMessages", "The row names neither a company nor a person."
    ),
    "lone_tags": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d (kept here: only companies have tags)."
    ),
    "unknown_id": lambda: translate("ImportMessages", "no company has the ID {id}."),
    "erased_person": lambda: translate(
        "ImportMessages",
        "the person was erased at their request (GDPR Art. 17) and is not imported again.",
    ),
    "unknown_person_id": lambda: translate(
        "ImportMessages", "the company has no person with the ID {id}."
    ),
    "objection_dated_today": lambda: translate(
        "ImportMessages", "no date given for the objection; today's date is recorded."
    ),
    "unknown_value": lambda: translate(
        "ImportMessages",
        "\u201c{value}\u201d is not one of the values this field knows; kept as a tag.",
    ),
    "unknown_member": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a member of the team; kept as a tag."
    ),
    "first_name_only": lambda: translate(
        "ImportMessages", "only a first name is given; it is stored as the name."
    ),
    "extra_value": lambda: translate("ImportMessages", "also given: \u201c{value}\u201d."),
    "person_value": lambda: translate("ImportMessages", "\u201c{value}\u201d."),
    "company_value": lambda: translate("ImportMessages", "\u201c{value}\u201d."),
}

# Why a cell could not be converted ("invalid"), by the reader's English reason.
_INVALID: dict[str, Callable[[], str]] = {
    "not a number": lambda: translate("ImportMessages", "\u201c{value}\u201d is not a number."),
    "a date, not a number": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is a date, not a number."
    ),
    "not a whole number": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a whole number."
    ),
    "not a date": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a date such as 31.12.2024."
    ),
    "not a legal form": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a legal form such as GmbH or KG."
    ),
    "not a salutation": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is not a salutation such as Herr, Frau, Mr or Ms."
    ),
    "not yes or no": lambda: translate(
        "ImportMessages", "\u201c{value}\u201d is neither yes nor no (ja, nein, x)."
    ),
}


def readable(params: Mapping[str, Any]) -> dict[str, Any]:
    """A problem's parameters as the user reads them: a country's name, not its code."""
    found = dict(params)
    code = found.get("country")
    if isinstance(code, str) and len(code) == 2:
        with contextlib.suppress(LookupError):
            found["country"] = country_name(code, current_language())
    return found


def _template(problem: RowProblem) -> Callable[[], str] | None:
    if problem.code == "invalid":
        return _INVALID.get(problem.message)
    return _PROBLEMS.get(problem.code)


def problem_text(problem: RowProblem) -> str:
    """'Phone: “0341 12” is not a valid phone number.' — the field, then what is wrong."""
    template = _template(problem)
    try:
        text = template().format(**readable(problem.params)) if template else problem.message
    except (KeyError, IndexError):
        log.warning("problem text for %s does not fit %s", problem.code, problem.params)
        text = problem.message
    if not problem.field or problem.code == "no_identity":
        return text
    return translate("ImportMessages", "{field}: {problem}").format(
        field=field_label(problem.field), problem=text
    )


def reason_text(problem: RowProblem) -> str:
    """What is wrong, without the value: the same for every row it happens in, so rows can be
    counted by it ('Phone: not a valid phone number')."""
    general = {
        "phone_invalid": lambda: translate("ImportMessages", "not a valid phone number"),
        "email_invalid": lambda: translate("ImportMessages", "not an e-mail address"),
        "postcode_invalid": lambda: translate("ImportMessages", "not valid for the country"),
        "country_invalid": lambda: translate("ImportMessages", "not recognised"),
        "vat_id_invalid": lambda: translate("ImportMessages", "not a valid VAT ID"),
        "unknown_value": lambda: translate("ImportMessages", "value not known, kept as a tag"),
        "unknown_member": lambda: translate(
            "ImportMessages", "not a member of the team, kept as a tag"
        ),
        "invalid": lambda: translate("ImportMessages", "value not readable"),
        "too_long": lambda: translate("ImportMessages", "too long, shortened"),
    }.get(problem.code)
    if general is None:
        return problem_text(problem)
    return translate("ImportMessages", "{field}: {problem}").format(
        field=field_label(problem.field), problem=general()
    )


def import_note(file_name: str, line: int, day: dt.date, problems: Iterable[RowProblem]) -> str:
    """The note an import adds to a record for what the file had but a field could not take:
    'Import of kunden.xlsx, row 7 (05.12.2026): Phone: “0341 12” is not a valid phone
    number.'"""
    texts = " ".join(problem_text(problem) for problem in problems)
    written = day.strftime("%d.%m.%Y") if current_language() == "de" else day.isoformat()
    head = translate("ImportMessages", "Import of {file}, row {line} ({date}):").format(
        file=file_name, line=line, date=written
    )
    return f"{head} {texts}"


def number(value: int) -> str:
    """1234567 as the user writes it: '1.234.567' in German, '1,234,567' in English."""
    text = f"{value:,}"
    return text.replace(",", ".") if current_language() == "de" else text
