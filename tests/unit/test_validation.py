"""Validation of company and contact input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from prospector.errors import ValidationFailed
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


def test_country_is_a_two_letter_code() -> None:
    with pytest.raises(ValidationFailed) as info:
        validate_company(CompanyInput(name="A", country="Deutschland"))
    assert set(info.value.problems) == {"country"}


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
