"""The sample data generator and the shipped sample file."""

from __future__ import annotations

from collections import Counter

import phonenumbers
import pytest

from prospector.enums import DecisionRole, LegalBasis, Salutation
from prospector.sampledata.generate import (
    SAMPLE_COUNT,
    SOURCE,
    SampleCompany,
    default_path,
    generate,
    to_json,
)
from prospector.sampledata.load import read_sample
from prospector.sizeclass import SizeClass, size_class
from prospector.validation import validate_company, validate_contact

# Postcode regions by state: the first two digits a postcode of that state can start with.
STATE_PREFIXES = {
    "Baden-Württemberg": "68 69 70 71 72 73 74 75 76 77 78 79 88 89 97",
    "Bayern": "63 80 81 82 83 84 85 86 87 88 89 90 91 92 93 94 95 96 97",
    "Berlin": "10 11 12 13 14",
    "Brandenburg": "01 03 04 14 15 16 17 19",
    "Bremen": "27 28",
    "Hamburg": "20 21 22",
    "Hessen": "34 35 36 37 55 60 61 63 64 65 68 69",
    "Mecklenburg-Vorpommern": "17 18 19 23",
    "Niedersachsen": "19 21 26 27 28 29 30 31 34 37 38 48 49",
    "Nordrhein-Westfalen": "32 33 34 37 40 41 42 44 45 46 47 48 49 50 51 52 53 57 58 59",
    "Rheinland-Pfalz": "53 54 55 56 57 65 66 67 76",
    "Saarland": "66",
    "Sachsen": "01 02 04 08 09",
    "Sachsen-Anhalt": "06 29 38 39",
    "Schleswig-Holstein": "21 22 23 24 25",
    "Thüringen": "04 06 07 36 37 96 98 99",
}
AREA_CODES = {
    "Dresden": "0351",
    "München": "089",
    "Berlin": "030",
    "Hamburg": "040",
    "Köln": "0221",
    "Stuttgart": "0711",
    "Leipzig": "0341",
    "Kiel": "0431",
}


@pytest.fixture(scope="module")
def shipped() -> list[SampleCompany]:
    return read_sample()


def _phones(samples: list[SampleCompany]) -> list[str]:
    numbers = [s.company.phone for s in samples if s.company.phone]
    for sample in samples:
        numbers += [p.phone for p in sample.contacts if p.phone]
        numbers += [p.mobile for p in sample.contacts if p.mobile]
    return numbers


def test_the_same_seed_gives_the_same_companies() -> None:
    assert list(generate(60, seed=5)) == list(generate(60, seed=5))
    assert list(generate(60, seed=5)) != list(generate(60, seed=6))
    assert list(generate(20, seed=5)) == list(generate(60, seed=5))[:20]


def test_the_shipped_file_is_up_to_date() -> None:
    expected = to_json(generate(SAMPLE_COUNT))
    assert default_path().read_bytes() == expected.encode("utf-8")


def test_the_file_reads_back_into_what_was_generated(shipped: list[SampleCompany]) -> None:
    assert shipped == list(generate(SAMPLE_COUNT))
    assert len(shipped) >= 300


def test_companies_are_spread_over_all_sixteen_states(shipped: list[SampleCompany]) -> None:
    states = Counter(s.company.state for s in shipped)
    assert set(states) == set(STATE_PREFIXES)


def test_postcodes_are_five_digits_within_their_state(shipped: list[SampleCompany]) -> None:
    for sample in shipped:
        postcode, state = sample.company.postcode, sample.company.state
        assert postcode is not None
        assert state is not None
        assert len(postcode) == 5, postcode
        assert postcode.isdigit(), postcode
        assert postcode[:2] in STATE_PREFIXES[state].split(), (postcode, state)


def test_every_phone_number_is_a_valid_german_number(shipped: list[SampleCompany]) -> None:
    numbers = _phones(shipped) + _phones(list(generate(1000, seed=99)))
    for number in numbers:
        parsed = phonenumbers.parse(number, "DE")
        assert phonenumbers.is_valid_number(parsed), number
        assert phonenumbers.region_code_for_number(parsed) == "DE", number


def test_phones_use_their_city_area_code_and_mobiles_are_mobile(
    shipped: list[SampleCompany],
) -> None:
    for sample in shipped:
        company = sample.company
        assert company.phone is not None
        if company.city in AREA_CODES:
            assert company.phone.startswith(AREA_CODES[company.city] + " "), company
        for person in sample.contacts:
            if person.phone:
                assert person.phone.startswith(company.phone.split()[0] + " ")
            if person.mobile:
                parsed = phonenumbers.parse(person.mobile, "DE")
                assert phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE


def test_every_record_passes_validation(shipped: list[SampleCompany]) -> None:
    for sample in [*shipped, *generate(500, seed=11)]:
        values = validate_company(sample.company)
        assert values["email"].split("@")[1] == values["domain"]
        for person in sample.contacts:
            validate_contact(person)


def test_companies_come_in_every_size_class_mostly_small(shipped: list[SampleCompany]) -> None:
    classes = Counter(size_class(s.company.employees, s.company.turnover_eur) for s in shipped)
    assert set(classes) == set(SizeClass)
    assert classes[SizeClass.MICRO] + classes[SizeClass.SMALL] > len(shipped) / 2
    assert classes[SizeClass.LARGE] < classes[SizeClass.MEDIUM]


def test_contacts_are_plausible(shipped: list[SampleCompany]) -> None:
    people = [person for sample in shipped for person in sample.contacts]
    assert all(1 <= len(sample.contacts) <= 4 for sample in shipped)
    assert {p.salutation for p in people} == {Salutation.MR, Salutation.MS}
    assert all(p.legal_basis is LegalBasis.LEGITIMATE_INTEREST for p in people)
    assert all(p.data_source == SOURCE for p in people)
    assert all(p.email and p.email.isascii() for p in people)
    # Whoever can decide has a budget, and the top person of every firm can decide.
    assert all(
        p.budget_authority == (p.decision_role is DecisionRole.DECISION_MAKER) for p in people
    )
    assert all(s.contacts[0].decision_role is DecisionRole.DECISION_MAKER for s in shipped)
    assert {p.decision_role for p in people} >= {DecisionRole.INFLUENCER, DecisionRole.GATEKEEPER}


def test_a_few_people_objected_to_being_contacted(shipped: list[SampleCompany]) -> None:
    people = [person for sample in shipped for person in sample.contacts]
    blocked = [p for p in people if p.do_not_contact]
    assert 0 < len(blocked) < len(people) * 0.05
    assert all(p.do_not_contact_since and p.do_not_contact_reason for p in blocked)


def test_all_companies_are_marked_as_sample(shipped: list[SampleCompany]) -> None:
    assert {s.company.source for s in shipped} == {SOURCE}
    assert len({s.company.name for s in shipped}) == len(shipped)
    assert len({s.company.website for s in shipped}) == len(shipped)
