"""Pure validation and normalisation of company and contact input, field by field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from prospector import normalize
from prospector.countries import country_code
from prospector.errors import FieldProblem, ValidationFailed
from prospector.industry_codes import normalize_code
from prospector.postcodes import PostcodeError, normalize_postcode
from prospector.records import CompanyInput, ContactInput, field_values
from prospector.region import DEFAULT_COUNTRY
from prospector.vat import VatIdError, normalize_vat_id

_TEXT_LIMITS = {
    "name": 300,
    "legal_form": 40,
    "vat_id": 20,
    "industry": 120,
    "wz_code": 10,
    "street": 200,
    "city": 120,
    "state": 60,
    "website": 300,
    "source": 200,
    "first_name": 120,
    "last_name": 120,
    "academic_title": 40,
    "job_title": 200,
    "department": 120,
    "linkedin": 300,
    "data_source": 200,
}


def _too_long(field: str, value: str) -> FieldProblem | None:
    limit = _TEXT_LIMITS.get(field)
    if limit is not None and len(value) > limit:
        return FieldProblem("too_long", f"longer than {limit} characters", limit=limit)
    return None


def _phone(value: str, region: str, problems: dict[str, FieldProblem], field: str) -> str:
    try:
        return normalize.phone_to_e164(value, region)
    except normalize.PhoneError as exc:
        problems[field] = FieldProblem(
            "phone_invalid", f"{value!r} is not a valid phone number ({exc})", value=value
        )
        return value


def _email(value: str, problems: dict[str, FieldProblem], field: str) -> str:
    if not normalize.is_email(value):
        problems[field] = FieldProblem(
            "email_invalid", f"{value!r} is not an e-mail address", value=value
        )
    return value.strip().lower()


def _cleaned_texts(values: dict[str, Any], problems: dict[str, FieldProblem]) -> dict[str, Any]:
    for name, value in values.items():
        if value.__class__ is not str:
            continue
        if name == "notes":
            values[name] = value.strip() or None
            continue
        cleaned = " ".join(value.split())  # normalize.clean_text, inlined: hot
        # Keep the given string when nothing changed.
        value = value if cleaned == value else cleaned or None
        values[name] = value
        if value is not None and name in _TEXT_LIMITS and (p := _too_long(name, value)):
            problems[name] = p
    return values


def validate_company(data: CompanyInput) -> dict[str, Any]:
    """Column values for a valid company (with domain and name key, the country as its ISO
    code); ValidationFailed if not."""
    return validate_company_fields(field_values(data))


def validate_company_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """validate_company of every field of a CompanyInput given as a dict, which it changes
    (an import's rows are dicts: no record is built just to be taken apart again)."""
    problems: dict[str, FieldProblem] = {}
    values = _cleaned_texts(fields, problems)
    if values["wz_code"]:
        # WZ codes in the official form ('2841' -> '28.41'): the profile's criteria compare
        # prefixes of it; anything else (a SIC code) is kept as written.
        values["wz_code"] = normalize_code(values["wz_code"]) or values["wz_code"]
    if not values["name"]:
        problems["name"] = FieldProblem("required", "a name is required")
    typed = values["country"]
    country = country_code(typed) if typed else DEFAULT_COUNTRY
    if country is None:
        problems["country"] = FieldProblem(
            "country_invalid", f"{typed!r} is not a country or a country code", value=typed
        )
    else:
        values["country"] = country
    # Phone and postcode are read in the company's country: without one, they wait for it.
    if values["phone"] and country is not None:
        values["phone"] = _phone(values["phone"], country, problems, "phone")
    if values["email"]:
        values["email"] = _email(values["email"], problems, "email")
    values["domain"] = None
    if values["website"]:
        try:
            values["domain"] = normalize.website_to_domain(values["website"])
        except ValueError:
            problems["website"] = FieldProblem(
                "website_invalid", f"{values['website']!r} is not a web address"
            )
    if values["postcode"] and country is not None:
        try:
            values["postcode"] = normalize_postcode(values["postcode"], country)
        except PostcodeError as exc:
            problems["postcode"] = FieldProblem(
                "postcode_invalid",
                f"{values['postcode']!r} is not a postcode of {country} (e.g. {exc.example})",
                value=values["postcode"],
                country=country,
                example=exc.example,
            )
    if values["vat_id"] and country is not None:
        try:
            values["vat_id"] = normalize_vat_id(values["vat_id"], country)
        except VatIdError as exc:
            problems["vat_id"] = FieldProblem(
                "vat_id_invalid",
                f"{values['vat_id']!r} is not a VAT ID ({exc.reason})",
                value=values["vat_id"],
            )
    if values["employees"] is not None and values["employees"] < 0:
        problems["employees"] = FieldProblem("negative", "must not be negative")
    turnover = values["turnover_eur"]
    if turnover is not None:
        if not Decimal(turnover).is_finite():
            problems["turnover_eur"] = FieldProblem("number_invalid", "not a number")
        elif turnover < 0:
            problems["turnover_eur"] = FieldProblem("negative", "must not be negative")
        else:
            values["turnover_eur"] = Decimal(turnover).quantize(Decimal("0.01"))
    if problems:
        raise ValidationFailed(problems)
    values["name_key"] = normalize.name_key(values["name"])
    return values


def validate_contact(data: ContactInput, region: str = DEFAULT_COUNTRY) -> dict[str, Any]:
    """Column values for a valid contact; ValidationFailed if not."""
    return validate_contact_fields(field_values(data), region)


def validate_contact_fields(
    fields: dict[str, Any], region: str = DEFAULT_COUNTRY
) -> dict[str, Any]:
    """validate_contact of every field of a ContactInput given as a dict, which it changes."""
    problems: dict[str, FieldProblem] = {}
    values = _cleaned_texts(fields, problems)
    if not values["last_name"]:
        problems["last_name"] = FieldProblem("required", "a last name is required")
    for field in ("phone", "mobile"):
        if values[field]:
            values[field] = _phone(values[field], region, problems, field)
    if values["email"]:
        values["email"] = _email(values["email"], problems, "email")
    if values["do_not_contact"] and values["do_not_contact_since"] is None:
        problems["do_not_contact_since"] = FieldProblem(
            "required", "the date of the objection is required"
        )
    if problems:
        raise ValidationFailed(problems)
    return values
