"""phones.e164, the fast path for plain numbers, agrees with phonenumbers' own parser."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prospector import normalize, phones
from prospector.sampledata.generate import generate

REGIONS = ("DE", "AT", "CH", "FR", "NL", "BE", "LU", "PL", "CZ", "DK", "SE", "ES", "IT", "GB", "US")
SEPARATORS = ("", " ", " ", "/", " / ", "-", " - ", ".", "(", ")")


def parsed(text: str, region: str) -> str | None:
    try:
        return normalize.parsed_e164(text, region)
    except normalize.PhoneError:
        return None


def agrees(text: str, region: str) -> str | None:
    fast = phones.e164(text, region)
    if fast is not None:
        assert fast == parsed(text, region), (text, region)
    return fast


@st.composite
def written_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """A number of some region written as people do: national or international, grouped."""
    region = draw(st.sampled_from(REGIONS))
    code = str(phonenumbers.country_code_for_region(region))
    start = draw(st.sampled_from(("0", "+" + code + " ", "+" + code + " (0)", "00" + code, "")))
    groups = draw(st.lists(st.text("0123456789", min_size=1, max_size=5), min_size=1, max_size=5))
    text = start
    for group in groups:
        text += draw(st.sampled_from(SEPARATORS)) + group
    return text, region


@settings(max_examples=3000, deadline=None)
@given(written_numbers())
def test_every_number_the_fast_path_reads_is_what_phonenumbers_reads(case: tuple[str, str]) -> None:
    text, region = case
    agrees(text.strip(), region)


@pytest.mark.parametrize("region", REGIONS)
def test_each_countrys_example_numbers_are_read_alike_in_both_forms(region: str) -> None:
    read = 0
    for kind in (
        phonenumbers.PhoneNumberType.FIXED_LINE,
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.TOLL_FREE,
    ):
        example = phonenumbers.example_number_for_type(region, kind)
        if example is None:
            continue
        for form in (
            phonenumbers.PhoneNumberFormat.NATIONAL,
            phonenumbers.PhoneNumberFormat.INTERNATIONAL,
        ):
            text = phonenumbers.format_number(example, form)
            for home in ("DE", region):
                read += agrees(text, home) is not None
    if region == "DE":
        assert read >= 6  # German numbers in both forms take the fast path


def test_the_fast_path_reads_nearly_every_generated_german_number() -> None:
    numbers = [
        number
        for sample in generate(500)
        for number in (
            sample.company.phone,
            *(person.phone for person in sample.contacts),
            *(person.mobile for person in sample.contacts),
        )
        if number
    ]
    fast = [agrees(number.strip(), "DE") for number in numbers]

    assert sum(found is not None for found in fast) >= 0.95 * len(numbers)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0351 / 123 45-6", "+49351123456"),
        ("+49 (0)351 123456", "+49351123456"),
        ("+43 1 5321234", "+4315321234"),
        ("(0221) 12 34 56", "+49221123456"),
    ],
)
def test_plain_numbers_are_read_without_the_parser(text: str, expected: str) -> None:
    assert phones.e164(text, "DE") == expected
    assert normalize.phone_to_e164(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "0351 123456 ext. 12",  # an extension: the parser's
        "+1 212 555 0100",  # one code, many regions
        "0800 FLOWERS",  # letters
        "351 123456",  # no trunk prefix: could start with a country code
        "+39 06 6982",  # a leading zero kept (Italy)
        "0049 351 123456",  # the caller turns "00" into "+" first
    ],
)
def test_numbers_that_are_not_plain_are_left_to_phonenumbers(text: str) -> None:
    assert phones.e164(text, "DE") is None


def test_numbers_of_every_region_varied_from_its_examples_are_read_alike() -> None:
    """Every region phonenumbers knows: its example numbers with other last digits, in national,
    international and E.164 form, read at home and from Germany."""
    rng = random.Random(7)
    fast = 0
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in range(11):
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            for _ in range(3):
                nsn = phonenumbers.national_significant_number(example)
                changed = rng.randint(1, min(3, len(nsn)))
                nsn = nsn[:-changed] + "".join(rng.choices("0123456789", k=changed))
                number = phonenumbers.parse(f"+{example.country_code}{nsn}", None)
                for form in (0, 1, 2):
                    text = phonenumbers.format_number(number, form)
                    for home in ("DE", region):
                        fast += agrees(text, home) is not None
    assert fast > 10_000  # the fast path is taken, not only skipped
