"""The country proposed for a file without a country column."""

from __future__ import annotations

import itertools

import pytest

from prospector.country_guess import MIN_SHARE, propose_country
from prospector.sampledata.generate import generate

GERMAN = [sample.company for sample in generate(400, seed=7)]
GERMAN_POSTCODES = [company.postcode or "" for company in GERMAN]
GERMAN_PHONES = [company.phone or "" for company in GERMAN]

# Austrian firms as an address list has them: 4-digit postcodes, numbers with +43.
AUSTRIAN = [
    ("1010", "+43 1 5875432"),
    ("1030", "+43 1 7124450"),
    ("1100", "+43 1 6041122"),
    ("1150", "+43 1 9823456"),
    ("1210", "+43 1 2703344"),
    ("2700", "+43 2622 23531"),
    ("3100", "+43 2742 90050"),
    ("4020", "+43 732 770011"),
    ("4600", "+43 7242 46611"),
    ("5020", "+43 662 845511"),
    ("6020", "+43 512 536000"),
    ("6900", "+43 5574 41100"),
    ("7000", "+43 2682 60000"),
    ("8010", "+43 316 872345"),
    ("8020", "+43 316 717070"),
    ("9020", "+43 463 537222"),
    ("9500", "+43 4242 20500"),
]
SWISS = [
    ("8001", "+41 44 211 22 33"),
    ("8005", "+41 44 448 10 10"),
    ("8400", "+41 52 212 34 56"),
    ("3011", "+41 31 310 10 10"),
    ("4051", "+41 61 222 33 44"),
    ("1201", "+41 22 731 11 22"),
    ("1003", "+41 21 320 10 10"),
    ("6003", "+41 41 210 11 22"),
    ("9000", "+41 71 222 33 44"),
    ("6900", "+41 91 911 22 33"),
]


def _national(phone: str) -> str:
    """'+43 316 872345' as written at home: '0316 872345'."""
    return "0" + phone.split(" ", 1)[1]


def _columns(rows: list[tuple[str, str]], times: int = 3) -> tuple[list[str], list[str]]:
    rows = rows * times
    return [postcode for postcode, _ in rows], [phone for _, phone in rows]


def test_a_german_list_is_german() -> None:
    guess = propose_country(GERMAN_POSTCODES, GERMAN_PHONES)
    assert guess is not None
    assert (guess.code, guess.share) == ("DE", 1.0)
    assert guess.evidence.postcodes == guess.evidence.postcodes_seen == len(GERMAN)


def test_a_german_list_from_excel_that_lost_the_leading_zeros_is_german() -> None:
    postcodes = [str(int(postcode)) for postcode in GERMAN_POSTCODES]
    assert any(len(postcode) == 4 for postcode in postcodes)
    guess = propose_country(postcodes, [])
    assert guess is not None
    assert guess.code == "DE"


def test_a_german_list_with_a_few_foreign_numbers_stays_german() -> None:
    phones = [*GERMAN_PHONES[:-3], "+33 1 42 68 53 00", "+33 4 91 13 89 00", "+33 5 61 22 29 22"]
    guess = propose_country(GERMAN_POSTCODES, phones)
    assert guess is not None
    assert guess.code == "DE"


def test_an_austrian_list_with_its_country_code_is_austrian() -> None:
    guess = propose_country(*_columns(AUSTRIAN))
    assert guess is not None
    assert guess.code == "AT"
    assert guess.evidence.phones == guess.evidence.phones_seen == 3 * len(AUSTRIAN)


def test_an_austrian_list_with_national_numbers_is_austrian() -> None:
    postcodes, phones = _columns(AUSTRIAN)
    guess = propose_country(postcodes, [_national(phone) for phone in phones])
    assert guess is not None
    assert guess.code == "AT"


def test_a_swiss_list_is_swiss() -> None:
    guess = propose_country(*_columns(SWISS))
    assert guess is not None
    assert guess.code == "CH"
    postcodes, phones = _columns(SWISS)
    national = propose_country(postcodes, [_national(phone) for phone in phones])
    assert national is not None
    assert national.code == "CH"


def test_four_digit_postcodes_alone_do_not_say_austria() -> None:
    postcodes, _ = _columns(AUSTRIAN)
    assert propose_country(postcodes, []) is None
    assert propose_country(postcodes, ["", "k.A."] * 10) is None


def test_a_mixed_list_gives_no_proposal() -> None:
    austrian, swiss = _columns(AUSTRIAN, 2), _columns(SWISS, 2)
    postcodes = GERMAN_POSTCODES[:60] + austrian[0] + swiss[0]
    phones = GERMAN_PHONES[:60] + austrian[1] + swiss[1]
    assert propose_country(postcodes, phones) is None


def test_austria_and_switzerland_in_one_list_give_no_proposal() -> None:
    austrian, swiss = _columns(AUSTRIAN, 2), _columns(SWISS, 3)
    assert propose_country(austrian[0] + swiss[0], austrian[1] + swiss[1]) is None


def test_thin_evidence_gives_no_proposal() -> None:
    assert propose_country([], []) is None
    assert propose_country(["80331", "10115"], ["+49 89 1234567"]) is None
    assert propose_country(["-", "k.A.", "", None] * 20, [None, "n/a"] * 20) is None


def test_a_few_numbers_do_not_tell_austria_from_switzerland() -> None:
    postcodes, _ = _columns(AUSTRIAN)
    assert propose_country(postcodes, ["+43 1 5875432", "+43 316 872345"]) is None
    assert propose_country(postcodes, ["+43 1 5875432", "+43 316 872345", "+43 662 845511"])


@pytest.mark.parametrize(
    ("postcodes", "phones", "code"),
    [
        (["1012 AB", "3011 CD", "2511 BT", "5611 AZ", "9711 LM", "1071 DJ"], [], "NL"),
        (["00-950", "31-008", "80-001", "61-001", "50-001"], ["+48 22 123 45 67"], "PL"),
        (["SW1A 1AA", "EC1A 1BB", "M1 1AE", "B33 8TH", "CR2 6XH"], ["+44 20 7946 0018"], "GB"),
        (["110 00", "602 00", "301 00", "370 01", "779 00"], ["+420 224 123 456"] * 3, "CZ"),
        (["75008", "69002", "13001", "31000", "33000"], ["+33 1 42 68 53 00"] * 5, "FR"),
        (["A-1010", "A-4020", "A-5020", "A-8010", "A-6020"], [], "AT"),
        (["D-80331", "D-10115", "D-01069", "D-50667", "D-20095"], [], "DE"),
    ],
)
def test_other_countries(postcodes: list[str], phones: list[str], code: str) -> None:
    guess = propose_country(postcodes, phones)
    assert guess is not None
    assert guess.code == code
    assert guess.share >= MIN_SHARE


def test_a_sorted_list_is_sampled_from_end_to_end() -> None:
    # Sorted by postcode, from Excel numbers: Saxony's 0xxxx come first, as four digits.
    saxony = [str(int(code)) for code in GERMAN_POSTCODES if code.startswith("0")]
    rest = [code for code in GERMAN_POSTCODES if not code.startswith("0")]
    postcodes = sorted(saxony * 100, key=int) + sorted(rest * 50, key=int)
    assert all(len(code) == 4 for code in postcodes[:2000])
    guess = propose_country(postcodes, [])
    assert guess is not None
    assert guess.code == "DE"
    assert guess.evidence.postcodes_seen == 2000
    # Read as a stream, only the first values count: all four digits, so no proposal.
    assert propose_country(iter(postcodes), []) is None


def test_any_iterable_will_do() -> None:
    postcodes, phones = _columns(AUSTRIAN)
    guess = propose_country(iter(postcodes), itertools.chain(phones))
    assert guess is not None
    assert guess.code == "AT"
