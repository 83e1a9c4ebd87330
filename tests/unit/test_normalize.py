"""Normalisation of names, phones, websites, postcodes and e-mails."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospector import normalize


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Müller Maschinenbau GmbH", "mueller maschinenbau"),
        ("MÜLLER MASCHINENBAU", "mueller maschinenbau"),
        ("Schröder & Söhne GmbH & Co. KG", "schroeder soehne"),
        ("Straßenbau Weiß AG", "strassenbau weiss"),
        ("AG", "ag"),
        ("Предприниматель", "предприниматель"),  # a name in another script keeps its letters
        ("Ελληνική Εταιρεία", "ελληνικη εταιρεια"),
    ],
)
def test_name_key_folds_case_umlauts_and_legal_form(raw: str, key: str) -> None:
    assert normalize.name_key(raw) == key


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0351 4567890", "+493514567890"),
        ("+49 (0)351 456 78 90", "+493514567890"),
        ("0049 89 1234567", "+49891234567"),
        ("0171 2345678", "+491712345678"),
    ],
)
def test_phone_to_e164(raw: str, e164: str) -> None:
    assert normalize.phone_to_e164(raw) == e164


@pytest.mark.parametrize("raw", ["12", "abc", "0351", "+49 000 0"])
def test_invalid_phone_is_rejected(raw: str) -> None:
    with pytest.raises(normalize.PhoneError):
        normalize.phone_to_e164(raw)


def test_phone_display_is_national_at_home_and_international_abroad() -> None:
    assert normalize.phone_for_display("+493514567890") == "0351 4567890"
    assert normalize.phone_for_display("+43 1 5878888".replace(" ", "")).startswith("+43")


@pytest.mark.parametrize(
    ("raw", "domain"),
    [
        ("https://www.Mueller-Maschinen.de/kontakt?x=1", "mueller-maschinen.de"),
        ("www.example.de", "example.de"),
        ("example.co.uk", "example.co.uk"),
        ("http://müller.de", "xn--mller-kva.de"),
    ],
)
def test_website_to_domain(raw: str, domain: str) -> None:
    assert normalize.website_to_domain(raw) == domain


@pytest.mark.parametrize("raw", ["", "http://", "kein name", "localhost"])
def test_bad_website_is_rejected(raw: str) -> None:
    with pytest.raises(ValueError, match="domain"):
        normalize.website_to_domain(raw)


@pytest.mark.parametrize(
    ("raw", "postcode"),
    [("01069", "01069"), ("1069", "01069"), ("1069.0", "01069"), (" 80331 ", "80331")],
)
def test_german_postcodes_keep_leading_zeros(raw: str, postcode: str) -> None:
    assert normalize.normalize_postcode(raw) == postcode


@pytest.mark.parametrize("raw", ["123456", "8033a", "D-80331", "123", "00123"])
def test_bad_german_postcode(raw: str) -> None:
    with pytest.raises(ValueError, match="postcode"):
        normalize.normalize_postcode(raw)


@pytest.mark.parametrize(
    ("raw", "country", "postcode"),
    [("sw1a1aa", "GB", "SW1A 1AA"), ("1010", "AT", "1010"), ("1012ab", "NL", "1012 AB")],
)
def test_foreign_postcodes_follow_their_country(raw: str, country: str, postcode: str) -> None:
    assert normalize.normalize_postcode(raw, country) == postcode


@pytest.mark.parametrize(("raw", "country"), [("80331", "AT"), ("1010", "GB"), ("1012", "NL")])
def test_a_postcode_of_another_country_is_refused(raw: str, country: str) -> None:
    with pytest.raises(ValueError, match="postcode"):
        normalize.normalize_postcode(raw, country)


def test_postcodes_of_countries_without_a_known_format_stay_as_typed() -> None:
    assert normalize.normalize_postcode(" 01310-100 ", "BR") == "01310-100"


@pytest.mark.parametrize(
    ("raw", "region", "e164"),
    [
        ("01 234567", "AT", "+431234567"),
        ("0316 872345", "AT", "+43316872345"),
        ("044 211 22 33", "CH", "+41442112233"),
        ("020 7946 0018", "GB", "+442079460018"),
        ("06 12 34 56 78", "FR", "+33612345678"),
        ("+49 351 4567890", "AT", "+493514567890"),  # an international number is what it says
    ],
)
def test_phones_are_read_in_the_given_country(raw: str, region: str, e164: str) -> None:
    assert normalize.phone_to_e164(raw, region) == e164


def test_email() -> None:
    assert normalize.is_email("anna.schmidt@mueller-mb.de")
    assert not normalize.is_email("anna.schmidt@")
    assert not normalize.is_email("anna schmidt@example.de")


@given(st.text())
def test_name_key_never_fails_and_is_idempotent_on_its_output(text: str) -> None:
    key = normalize.name_key(text)
    assert key == key.strip()
    assert normalize.fold(key) == key


def _latin(char: str) -> bool:
    """Printable ASCII, or a letter written as an ASCII letter with marks: 'é', 'Ü', 'ǅ' (not
    'ø' or 'ł', which Unicode does not decompose)."""
    if char.isascii():
        return char.isprintable()
    decomposed = unicodedata.normalize("NFKD", char)
    return char.isalpha() and all(c.isascii() or unicodedata.combining(c) for c in decomposed)


# Up to Latin Extended-B; 'ß' and 'ẞ' spell out as "ss".
LATIN_LETTERS = "".join(filter(_latin, map(chr, range(0x250)))) + "ßẞ"


@given(st.text(alphabet=LATIN_LETTERS))
def test_fold_loose_is_lowercase_ascii_for_latin_letters(text: str) -> None:
    folded = normalize.fold_loose(text)
    assert folded.isascii()
    assert folded == folded.lower()


def test_fold_loose_drops_the_marks_and_keeps_the_letter() -> None:
    assert normalize.fold_loose("Müller Straße Čapek ǅemal Ångström") == (
        "muller strasse capek dzemal angstrom"
    )


def test_fold_loose_spells_letters_that_do_not_decompose() -> None:
    # Typed on a German keyboard, "soren" must find Søren and "lodz" Łódź.
    assert normalize.fold_loose("Søren Łódź Æbeltoft Œuvre Đorđe Þór Iİı") == (
        "soren lodz aebeltoft oeuvre dorde thor iii"
    )


@given(st.text(alphabet=st.characters(max_codepoint=0x24F) | st.sampled_from("ẞİıﬁ𝕬ǅ̈")))
def test_the_quick_fold_agrees_with_the_full_one(text: str) -> None:
    assert normalize.fold(text) == normalize._fold_slowly(text)
    assert normalize.fold_loose(text) == normalize._fold_loose_slowly(text)


@pytest.mark.parametrize(
    "website",
    ["a..b", "x" * 64 + ".de", ".de", "foo_bar.de", "http://", "www."],
)
def test_an_ascii_web_address_that_is_no_domain_is_refused(website: str) -> None:
    with pytest.raises(ValueError, match="not a domain"):
        normalize.website_to_domain(website)


def test_a_domain_with_umlauts_is_stored_in_its_ascii_form() -> None:
    assert normalize.website_to_domain("https://www.Müller-Maschinen.de/kontakt") == (
        "xn--mller-maschinen-zvb.de"
    )
