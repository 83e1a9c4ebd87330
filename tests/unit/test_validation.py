"""Validation of company and contact input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from prospector.errors import FieldProblem, ValidationFailed
from prospector.records import CompanyInput, ContactInput
from prospector.validation import validate_company, validate_contact


def test_valid_company_is_normalised() -> None:
    values = validate_company(
        CompanyInput(
            name="  Müller   Maschinenbau GmbH ",
            postcode="1069",
            phone="0351 4567890",
            website="www.mueller-mb.de",
            email="Info@Mueller-MB.de",
            turnover_eur=Decimal("2500000.456"),
            country="de",
        )
    )
    assert values["name"] == "Müller Maschinenbau GmbH"
    assert values["name_key"] == "mueller maschinenbau"
    assert values["postcode"] == "01069"
    assert values["phone"] == "+493514567890"
    assert values["domain"] == "mueller-mb.de"
    assert values["email"] == "info@mueller-mb.de"
    assert values["turnover_eur"] == Decimal("2500000.46")
    assert values["country"] == "DE"


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_company(
            CompanyInput(
                name=" ",
                postcode="123",
                phone="12",
                website="nix",
                email="a@",
                employees=-1,
            )
        )
    assert set(info.value.problems) == {
        "name",
        "postcode",
        "phone",
        "website",
        "email",
        "employees",
    }
    assert info.value.problems["phone"].code == "phone_invalid"


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("Deutschland", "DE"),
        ("Österreich", "AT"),
        ("united kingdom", "GB"),
        ("A", "AT"),
        ("", "DE"),
    ],
)
def test_country_is_stored_as_its_code(country: str, code: str) -> None:
    assert validate_company(CompanyInput(name="A", country=country))["country"] == code


@pytest.mark.parametrize("country", ["Atlantis", "XX", "N/A"])
def test_a_country_that_is_none_is_refused(country: str) -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_company(CompanyInput(name="A", country=country, postcode="12"))
    assert info.value.problems == {"country": FieldProblem("country_invalid", "", value=country)}


@pytest.mark.parametrize(
    ("country", "postcode", "stored"),
    [
        ("AT", "1010", "1010"),
        ("Schweiz", "8001", "8001"),
        ("NL", "1012ab", "1012 AB"),
        ("GB", "sw1a1aa", "SW1A 1AA"),
        ("PL", "00950", "00-950"),
        ("BR", "01310-100", "01310-100"),  # no known format: as typed
    ],
)
def test_postcode_follows_the_country(country: str, postcode: str, stored: str) -> None:
    values = validate_company(CompanyInput(name="A", country=country, postcode=postcode))
    assert values["postcode"] == stored


@pytest.mark.parametrize(
    ("country", "postcode", "code", "example"),
    [
        ("AT", "80331", "AT", "1010"),
        ("DE", "1010 Wien", "DE", "01069"),
        ("NL", "1012", "NL", "1012 AB"),
    ],
)
def test_a_postcode_of_another_shape_names_the_country(
    country: str, postcode: str, code: str, example: str
) -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_company(CompanyInput(name="A", country=country, postcode=postcode))
    assert info.value.problems == {
        "postcode": FieldProblem(
            "postcode_invalid", "", value=postcode, country=code, example=example
        )
    }


@pytest.mark.parametrize(
    ("country", "phone", "e164"),
    [
        ("AT", "01 234567", "+431234567"),
        ("Österreich", "0316 872345", "+43316872345"),
        ("CH", "044 211 22 33", "+41442112233"),
        ("DE", "0351 4567890", "+493514567890"),
        ("AT", "+49 351 4567890", "+493514567890"),
    ],
)
def test_phone_is_read_in_the_companys_country(country: str, phone: str, e164: str) -> None:
    assert validate_company(CompanyInput(name="A", country=country, phone=phone))["phone"] == e164


def test_phone_and_postcode_are_checked_once_the_country_is_known() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_company(
            CompanyInput(name="A", country="Atlantis", phone="12", postcode="Wien", email="a@")
        )
    assert set(info.value.problems) == {"country", "email"}


def test_contact_phones_are_read_in_the_given_region() -> None:
    person = ContactInput(company_id=1, last_name="Huber", phone="01 234567")
    assert validate_contact(person, "AT")["phone"] == "+431234567"


def test_too_long_text_is_refused() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_company(CompanyInput(name="x" * 301))
    assert info.value.problems["name"].code == "too_long"


def test_contact_needs_last_name_and_objection_date() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_contact(ContactInput(company_id=1, last_name="", do_not_contact=True))
    assert set(info.value.problems) == {"last_name", "do_not_contact_since"}
    values = validate_contact(
        ContactInput(
            company_id=1,
            last_name="Schmidt",
            mobile="0171 2345678",
            do_not_contact=True,
            do_not_contact_since=dt.date(2026, 1, 5),
        )
    )
    assert values["mobile"] == "+491712345678"


@pytest.mark.parametrize("turnover", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
def test_a_turnover_that_is_no_number_is_a_field_problem(turnover: Decimal) -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_company(CompanyInput(name="Beta GmbH", turnover_eur=turnover))
    assert {name: p.code for name, p in info.value.problems.items()} == {
        "turnover_eur": "number_invalid"
    }


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2841", "28.41"),
        ("28.41", "28.41"),
        (" 28 41 ", "28.41"),
        ("28410", "28.41.0"),
        ("c", "C"),
        ("SIC 3599", "SIC 3599"),  # another scheme is kept as written
    ],
)
def test_wz_codes_are_stored_in_the_official_form(typed: str, stored: str) -> None:
    assert validate_company(CompanyInput(name="Muster GmbH", wz_code=typed))["wz_code"] == stored
