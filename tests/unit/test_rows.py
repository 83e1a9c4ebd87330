"""One spreadsheet row to a company and a person: a bad value costs its field, not the row."""

from __future__ import annotations

import pytest

from prospector import i18n
from prospector.enums import LeadStatus
from prospector.exchange.columns import Target
from prospector.exchange.rows import RowKind, parse_row


@pytest.fixture(autouse=True)
def _english() -> None:
    i18n.set_language("en")


def test_a_bad_phone_number_leaves_the_field_empty_and_keeps_the_row() -> None:
    row = parse_row(
        7,
        ("Bäckerei Groß", "04109", "0341 12", "Eva Weiß"),
        ("name", "postcode", "phone", "full_name"),
    )
    assert row.ok
    assert row.company is not None
    assert (row.company.name, row.company.postcode, row.company.phone) == (
        "Bäckerei Groß",
        "04109",
        None,
    )
    assert row.contact is not None
    assert row.contact.last_name == "Weiß"
    (warning,) = row.warnings
    assert (warning.field, warning.code, warning.left_out) == ("phone", "phone_invalid", "0341 12")
    assert row.left_out(Target.COMPANY) == [warning]
    assert row.left_out(Target.CONTACT) == []


def test_a_persons_bad_field_is_named_as_the_persons() -> None:
    row = parse_row(
        3,
        ("Alpha GmbH", "Max Muster", "0176 164321545", "max@"),
        ("name", "full_name", "mobile", "contact_email"),
    )
    assert row.ok
    assert row.contact is not None
    assert (row.contact.mobile, row.contact.email) == (None, None)
    assert sorted((w.field, w.code) for w in row.warnings) == [
        ("contact_email", "email_invalid"),
        ("mobile", "phone_invalid"),
    ]
    assert {w.field for w in row.left_out(Target.CONTACT)} == {"contact_email", "mobile"}


def test_an_unknown_category_becomes_a_tag() -> None:
    row = parse_row(
        2,
        ("Alpha GmbH", "Eva Neu", "warm", "Messe; Newsletter"),
        ("name", "full_name", "lead_status", "tags"),
    )
    assert row.ok
    assert row.contact is not None
    assert row.contact.lead_status is LeadStatus.CONTACT
    assert row.tags == ("Messe", "Newsletter", "Lead status: warm")
    (warning,) = row.warnings
    assert (warning.code, warning.left_out) == ("unknown_value", None)  # the tag keeps it


def test_a_known_category_in_german_is_taken() -> None:
    row = parse_row(
        2, ("Alpha GmbH", "Eva Neu", "Verkaufschance"), ("name", "full_name", "lead_status")
    )
    assert row.contact is not None
    assert row.contact.lead_status is LeadStatus.OPPORTUNITY
    assert row.warnings == ()


def test_an_overlong_name_is_shortened_not_refused() -> None:
    long_name = "Müller " * 60
    row = parse_row(2, (long_name,), ("name",))
    assert row.ok
    assert row.company is not None
    assert len(row.company.name) <= 300
    (warning,) = row.warnings
    assert (warning.code, warning.left_out) == ("too_long", long_name.strip())


def test_unreadable_numbers_and_dates_leave_their_fields_empty() -> None:
    row = parse_row(
        2,
        ("Alpha GmbH", "viele", "18.08.2020", "Eva Neu", "x", "gestern"),
        (
            "name",
            "employees",
            "turnover_eur",
            "full_name",
            "do_not_contact",
            "do_not_contact_since",
        ),
    )
    assert row.ok
    assert row.company is not None
    assert (row.company.employees, row.company.turnover_eur) == (None, None)
    assert {(w.field, w.code, w.left_out) for w in row.warnings} == {
        ("employees", "invalid", "viele"),
        ("turnover_eur", "invalid", "18.08.2020"),
        ("do_not_contact_since", "invalid", "gestern"),
        ("do_not_contact_since", "objection_dated_today", None),
    }


def test_a_row_without_a_company_or_a_person_is_refused() -> None:
    row = parse_row(
        9, (None, "04229", "Leipzig", "0341 4711"), ("name", "postcode", "city", "phone")
    )
    assert not row.ok
    assert [e.code for e in row.errors] == ["no_identity"]
    assert row.company is None


def test_a_person_with_only_a_first_name_keeps_it_as_the_name() -> None:
    row = parse_row(4, ("Alpha GmbH", "Cornelius"), ("name", "first_name"))
    assert row.ok
    assert row.contact is not None
    assert (row.contact.first_name, row.contact.last_name) == (None, "Cornelius")
    assert [w.code for w in row.warnings] == ["first_name_only"]


def test_company_details_without_a_company_name_belong_to_the_person() -> None:
    row = parse_row(
        5, (None, "Dresden", "Anna", "Schmidt"), ("name", "city", "first_name", "last_name")
    )
    # A person without a company is stored as such; the city is kept in the person's notes.
    assert row.ok
    assert row.kind is RowKind.PERSON
    assert row.company is None
    assert row.contact is not None
    assert (row.contact.first_name, row.contact.last_name) == ("Anna", "Schmidt")
    assert [(p.field, p.left_out) for p in row.left_out(Target.CONTACT)] == [("city", "Dresden")]
    assert row.left_out(Target.COMPANY) == []


def test_an_owner_is_found_by_name_and_an_unknown_one_becomes_a_tag() -> None:
    mapping = ("name", "team_member")
    known = parse_row(2, ("Alpha GmbH", "anna  BERGER"), mapping, team={"anna berger": 7})
    assert known.company is not None
    assert known.company.owner_id == 7
    assert known.warnings == ()
    unknown = parse_row(3, ("Beta GmbH", "Bernd Brot"), mapping, team={"anna berger": 7})
    assert unknown.company is not None
    assert unknown.company.owner_id is None
    assert unknown.tags == ("Owner: Bernd Brot",)
    assert [w.code for w in unknown.warnings] == ["unknown_member"]


@pytest.mark.parametrize(
    ("area", "phone", "stored"),
    [
        ("0234", "9388231", "+492349388231"),
        ("234", "9388231", "+492349388231"),  # the code's zero lost in a spreadsheet
        ("0234", "0221 37996433", "+4922137996433"),  # the number has its own code
    ],
)
def test_an_area_code_column_completes_a_local_number(area: str, phone: str, stored: str) -> None:
    row = parse_row(2, ("Schule am Park", area, phone), ("name", "phone_area", "phone"))
    assert row.company is not None
    assert row.company.phone == stored
    assert row.warnings == ()


def test_a_salutation_column_gives_its_title_and_keeps_what_it_does_not_know() -> None:
    mapping = ("salutation", "first_name", "last_name")
    titled = parse_row(2, ("Herr Dr.", "Max", "Müller"), mapping)
    assert titled.contact is not None
    assert (titled.contact.salutation.value, titled.contact.academic_title) == ("mr", "Dr.")
    odd = parse_row(3, ("Prefix", "Anna", "Schmidt"), mapping)
    assert odd.contact is not None
    assert odd.contact.salutation.value == "none"
    assert [(p.field, p.left_out) for p in odd.left_out(Target.CONTACT)] == [
        ("salutation", "Prefix")
    ]


def test_a_home_address_is_the_persons_not_the_companys() -> None:
    mapping = ("name", "last_name", "street", "city", "address_type")
    home = parse_row(2, ("Alpha GmbH", "Zander", "Gartenweg 3", "Kiel", "Home"), mapping)
    assert home.company is not None
    assert (home.company.street, home.company.city) == (None, None)
    assert [(p.field, p.left_out) for p in home.left_out(Target.CONTACT)] == [
        ("street", "Gartenweg 3"),
        ("city", "Kiel"),
    ]
    work = parse_row(3, ("Alpha GmbH", "Zander", "Hafenstr. 1", "Kiel", "Work"), mapping)
    assert work.company is not None
    assert (work.company.street, work.company.city) == ("Hafenstr. 1", "Kiel")


def test_the_values_rows_are_matched_by_are_those_the_company_is_stored_with() -> None:
    row = parse_row(
        2,
        ["Müller GmbH", "01069", "Dresden", "0351 4567890", "https://www.mueller.de/kontakt"],
        ["name", "postcode", "city", "phone", "website"],
    )
    stored = row.company_values

    assert row.match_values == {
        key: stored[key] for key in ("name_key", "postcode", "domain", "phone", "city")
    }
    assert row.match_values["phone"] == "+493514567890"


def test_a_row_without_a_valid_company_has_nothing_to_match_by() -> None:
    row = parse_row(2, ["", "Anna Roth"], ["name", "full_name"])

    assert row.company_values == {}
    assert row.match_values == {}


def test_a_persons_own_owner_comes_before_the_rows() -> None:
    mapping = ("name", "full_name", "team_member", "contact_team_member")
    team = {"anna berger": 7, "tim krause": 8}
    own = parse_row(2, ("Alpha GmbH", "Eva Roth", "Anna Berger", "Tim Krause"), mapping, team=team)
    assert own.company is not None
    assert own.contact is not None
    assert (own.company.owner_id, own.contact.owner_id) == (7, 8)
    alone = parse_row(
        3, ("Eva Roth", "Tim Krause"), ("full_name", "contact_team_member"), team=team
    )
    assert alone.contact is not None
    assert alone.contact.owner_id == 8
    # Nobody of the team has the name: a warning and a tag, and the row's owner is theirs.
    unknown = parse_row(
        4, ("Beta GmbH", "Ute Zander", "Anna Berger", "Bernd Brot"), mapping, team=team
    )
    assert unknown.contact is not None
    assert unknown.contact.owner_id == 7
    assert unknown.tags == ("Person's owner: Bernd Brot",)
    assert [w.code for w in unknown.warnings] == ["unknown_member"]
    # A row of a company alone has no person to give the owner to.
    firm = parse_row(5, ("Gamma AG", "", "", "Tim Krause"), mapping, team=team)
    assert firm.contact is None
    assert firm.company is not None
    assert firm.company.owner_id is None


def test_the_owner_a_row_names_looks_after_its_company_and_its_person() -> None:
    mapping = ("name", "full_name", "team_member")
    both = parse_row(2, ("Alpha GmbH", "Eva Roth", "Anna Berger"), mapping, team={"anna berger": 7})
    assert both.company is not None
    assert both.contact is not None
    assert (both.company.owner_id, both.contact.owner_id) == (7, 7)

    alone = parse_row(3, ("Eva Roth", "Anna Berger"), ("full_name", "team_member"), {})
    assert alone.contact is not None
    assert alone.contact.owner_id is None  # no team given: the name became a tag
    assert alone.tags == ("Owner: Anna Berger",)
