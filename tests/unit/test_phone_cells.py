"""Exported phone numbers: grouped exactly as phonenumbers groups them, read back unchanged."""

from __future__ import annotations

import random

import phonenumbers
import pytest
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from prospector.exchange.phone_cells import PhoneCells
from prospector.normalize import phone_to_e164

KINDS = (
    PhoneNumberType.FIXED_LINE,
    PhoneNumberType.MOBILE,
    PhoneNumberType.TOLL_FREE,
    PhoneNumberType.VOIP,
)


def _stored_numbers() -> list[str]:
    """E.164 numbers as the app stores them: each region's examples, with other digits."""
    rng = random.Random(10)
    found = []
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for kind in KINDS:
            example = phonenumbers.example_number_for_type(region, kind)
            if example is None:
                continue
            e164 = phonenumbers.format_number(example, PhoneNumberFormat.E164)
            keep = 1 + len(str(example.country_code)) + 2
            for _ in range(4):
                tail = "".join(str(rng.randint(0, 9)) for _ in range(len(e164) - keep))
                number = phonenumbers.parse(e164[:keep] + tail)
                # Only what parse and format give back as itself is ever stored.
                if phonenumbers.format_number(number, PhoneNumberFormat.E164) == e164[:keep] + tail:
                    found.append(e164[:keep] + tail)
    return found


def test_grouped_exactly_as_phonenumbers_groups_them() -> None:
    cells = PhoneCells()
    numbers = _stored_numbers()
    assert len(numbers) > 1_000
    for e164 in numbers:
        expected = phonenumbers.format_number(
            phonenumbers.parse(e164), PhoneNumberFormat.INTERNATIONAL
        )
        assert cells.international(e164) == expected, e164


@pytest.mark.parametrize(
    ("e164", "shown"),
    [
        ("+493514567890", "+49 351 4567890"),
        ("+4930123456", "+49 30 123456"),
        ("+4915123456789", "+49 1512 3456789"),
        ("+4315123456", "+43 1 5123456"),
        ("+41446681800", "+41 44 668 18 00"),
        ("+16502530000", "+1 650-253-0000"),
        ("+390612345678", "+39 06 1234 5678"),  # Italy keeps its leading zero
    ],
)
def test_readable_and_read_back_to_the_same_number(e164: str, shown: str) -> None:
    assert PhoneCells().international(e164) == shown
    # The import reads it in whatever country the record is in: a "+" number is that number.
    assert phone_to_e164(shown, "DE") == e164
    assert phone_to_e164(shown, "AT") == e164


@pytest.mark.parametrize("text", ["0351 123456", "+49 351 123", "", "+", "+999123", "Zentrale"])
def test_what_is_no_stored_number_is_written_as_it_is(text: str) -> None:
    assert PhoneCells().international(text) == text
