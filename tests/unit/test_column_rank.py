"""The business column of a field wins over the private one, whatever their order."""

from __future__ import annotations

import pytest

from prospector.exchange.column_rank import (
    BUSINESS,
    NEUTRAL,
    PRIVATE,
    column_ranks,
    header_rank,
    labelled_values,
    type_columns,
)
from prospector.exchange.columns import Target
from prospector.exchange.rows import parse_row


@pytest.mark.parametrize(
    ("header", "rank"),
    [
        ("tel_work", BUSINESS),
        ("Business Phone", BUSINESS),
        ("Telefon geschäftlich", BUSINESS),
        ("Telefon gesch\ufffdftlich", BUSINESS),  # Outlook's umlaut in the wrong code page
        ("E-Mail dienstlich", BUSINESS),
        ("tel_home", PRIVATE),
        ("Home Phone", PRIVATE),
        ("E-Mail privat", PRIVATE),
        ("E-mail 1 - Value", NEUTRAL),
        ("Telefon", NEUTRAL),
    ],
)
def test_a_header_says_whether_its_column_is_business_or_private(header: str, rank: int) -> None:
    assert header_rank(header) == rank


def test_only_alternative_columns_are_ranked_so_joined_parts_keep_their_order() -> None:
    headers = ("Straße privat", "Straße geschäftlich", "tel_home", "tel_work")
    mapping = ("street", "street", "contact_phone", "contact_phone")
    assert column_ranks(headers, mapping) == (NEUTRAL, NEUTRAL, PRIVATE, BUSINESS)


def test_the_work_number_is_the_persons_and_the_home_number_is_kept() -> None:
    headers = ("org_name", "n_family", "tel_home", "tel_work")
    mapping = ("name", "last_name", "contact_phone", "contact_phone")
    row = parse_row(
        2,
        ("Elbphilharmonie", "Rattle", "040 55887", "040 4557910"),
        mapping,
        ranks=column_ranks(headers, mapping),
    )
    assert row.contact is not None
    assert row.contact.phone == "+49404557910"
    assert [p.left_out for p in row.left_out(Target.CONTACT)] == ["040 55887"]


def test_a_labelled_list_in_one_cell_gives_the_work_value_first() -> None:
    cell = (
        '[{"label": "home", "value": "wilson@privat.de"}, '
        '{"label": "work", "value": "contact@wilson.com"}]'
    )
    assert labelled_values(cell) == ["contact@wilson.com", "wilson@privat.de"]
    assert labelled_values("[{not json") is None
    assert labelled_values("contact@wilson.com") is None


def test_type_columns_reorder_a_rows_values_and_find_its_mobile() -> None:
    headers = (
        "Family Name",
        "E-mail 1 - Type",
        "E-mail 1 - Value",
        "E-mail 2 - Type",
        "E-mail 2 - Value",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Phone 2 - Type",
        "Phone 2 - Value",
    )
    mapping = (
        "last_name", None, "contact_email", None, "contact_email",
        None, "contact_phone", None, "contact_phone",
    )  # fmt: skip
    types = type_columns(headers)
    assert types == (-1, -1, 1, -1, 3, -1, 5, -1, 7)
    row = parse_row(
        2,
        ("Zander", "* Home", "ute@privat.de", "Work", "ute@zander.de",
         "Mobile", "0171 2345678", "Work Fax", "0431 99999"),
        mapping,
        types=types,
    )  # fmt: skip
    assert row.contact is not None
    assert row.contact.email == "ute@zander.de"  # Work before Home
    assert row.contact.mobile == "+491712345678"  # the number typed Mobile
    assert row.contact.phone is None  # a fax is no number to call: kept in the notes
    assert [p.left_out for p in row.left_out(Target.CONTACT)] == ["ute@privat.de", "0431 99999"]
    assert type_columns(("Firma", "Telefon")) == ()
