"""VAT IDs checked and written compactly."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospector.vat import VatIdError, normalize_vat_id


@pytest.mark.parametrize(
    ("text", "country", "vat_id"),
    [
        ("DE 136 695 976", "DE", "DE136695976"),
        ("de136695976", "DE", "DE136695976"),
        ("136695976", "DE", "DE136695976"),  # no prefix: the company's country
        ("DE-136.695.976", "AT", "DE136695976"),  # a prefix wins over the country
        ("ATU13585627", "AT", "ATU13585627"),
        ("U 135 856 27", "AT", "ATU13585627"),
        ("NL004495445B01", "NL", "NL004495445B01"),
        ("FR 40 303 265 045", "FR", "FR40303265045"),
        ("IT 00743110157", "IT", "IT00743110157"),
        ("ESB58378431", "ES", "ESB58378431"),
        ("PL 526-104-08-28", "PL", "PL5261040828"),
        ("BE 0403.170.701", "BE", "BE0403170701"),
        ("GR094259216", "GR", "EL094259216"),  # Greece's VAT prefix is EL
        ("094259216", "GR", "EL094259216"),
        ("XI 980 7806 84", "GB", "XI980780684"),
        ("GB 980 7806 84", "GB", "GB980780684"),
        ("980780684", "GB", "GB980780684"),
        ("CHE-113.690.319 MWST", "CH", "CHE113690319MWST"),
        ("CHE-113.690.319 TVA", "DE", "CHE113690319TVA"),
        ("CHE-113.690.319", "CH", "CHE113690319"),  # the UID alone
        ("113.690.319 MWST", "CH", "CHE113690319MWST"),
    ],
)
def test_valid_vat_ids_are_written_compactly(text: str, country: str, vat_id: str) -> None:
    assert normalize_vat_id(text, country) == vat_id


@pytest.mark.parametrize(
    ("text", "country", "reason"),
    [
        ("DE 123 456 789", "DE", "checksum"),
        ("DE136695977", "DE", "checksum"),
        ("ATU13585626", "AT", "checksum"),
        ("DE 1366", "DE", "length"),
        ("DE1366959760", "DE", "length"),
        ("Hallo", "DE", "format"),
        ("NL004495445X01", "NL", "format"),
        ("CHE-113.690.318 MWST", "CH", "checksum"),
        ("", "DE", "empty"),
        (" - ", "DE", "empty"),
    ],
)
def test_an_invalid_vat_id_says_why(text: str, country: str, reason: str) -> None:
    with pytest.raises(VatIdError) as info:
        normalize_vat_id(text, country)
    assert info.value.reason == reason
    assert isinstance(info.value, ValueError)


def test_a_country_without_such_vat_ids_keeps_the_number_unchecked() -> None:
    assert normalize_vat_id("12-3456789", "US") == "123456789"


@given(st.text(alphabet="DEAT0123456789U .-", max_size=16), st.sampled_from(["DE", "AT", "GB"]))
def test_a_valid_vat_id_is_a_fixed_point(text: str, country: str) -> None:
    try:
        vat_id = normalize_vat_id(text, country)
    except VatIdError:
        return
    assert normalize_vat_id(vat_id, country) == vat_id
    assert vat_id == vat_id.strip().upper()
