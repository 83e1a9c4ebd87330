"""Country codes from names and codes as people write them, and country names."""

from __future__ import annotations

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from prospector.countries import country_code, country_name

ALPHA_2 = sorted(country.alpha_2 for country in pycountry.countries)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # German, English, codes and the German vehicle code
        ("Deutschland", "DE"),
        ("Germany", "DE"),
        ("DE", "DE"),
        ("DEU", "DE"),
        ("D", "DE"),
        ("BRD", "DE"),
        ("Bundesrepublik Deutschland", "DE"),
        ("Österreich", "AT"),
        ("Oesterreich", "AT"),
        ("Osterreich", "AT"),
        ("Austria", "AT"),
        ("A", "AT"),
        ("AT", "AT"),
        ("Schweiz", "CH"),
        ("Suisse", "CH"),
        ("Svizzera", "CH"),
        ("CH", "CH"),
        ("United Kingdom", "GB"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Great Britain", "GB"),
        ("Großbritannien", "GB"),
        ("Vereinigtes Königreich", "GB"),
        ("England", "GB"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("United States", "US"),
        ("United States of America", "US"),
        ("Vereinigte Staaten", "US"),
        ("Brasil", "BR"),
        ("Brasilien", "BR"),
        ("Niederlande", "NL"),
        ("Holland", "NL"),
        ("Nederland", "NL"),
        ("South Africa", "ZA"),
        ("Südafrika", "ZA"),
        ("Polska", "PL"),
        ("Česko", "CZ"),
        ("Czech Republic", "CZ"),
        ("Tschechien", "CZ"),
        ("Türkei", "TR"),
        ("Türkiye", "TR"),
        ("Turkey", "TR"),
        ("Russland", "RU"),
        ("Russian Federation", "RU"),
        ("Südkorea", "KR"),
        ("South Korea", "KR"),
        ("Italia", "IT"),
        ("España", "ES"),
        ("Espana", "ES"),
        ("Belgique", "BE"),
        ("België", "BE"),
        ("Danmark", "DK"),
        ("Sverige", "SE"),
        ("Magyarország", "HU"),
        ("Ελλάδα", "GR"),
        ("EL", "GR"),
        ("Lëtzebuerg", "LU"),
        ("FL", "LI"),
        ("Fürstentum Liechtenstein", "LI"),
        ("Bosnia & Herzegovina", "BA"),
        ("Côte d'Ivoire", "CI"),
        ("Elfenbeinküste", "CI"),
        ("NA", "NA"),  # Namibia: a code written as letters alone is a code
    ],
)
def test_country_names_and_codes_in_several_languages(text: str, code: str) -> None:
    assert country_code(text) == code


@pytest.mark.parametrize(
    "text", ["deutschland", "DEUTSCHLAND", "  Deutschland ", "ÖSTERREICH", "österreich", "de"]
)
def test_case_spaces_and_accents_do_not_matter(text: str) -> None:
    assert country_code(text) in {"DE", "AT"}


@pytest.mark.parametrize(
    "text",
    ["", "   ", None, "Atlantis", "XX", "EU", "Europa", "-", "?", "N/A", "n.a.", "k.A.", "Korea"],
)
def test_what_names_no_country_is_none(text: str | None) -> None:
    # 'Korea' is North or South; 'N/A' and 'n.a.' mean "not available", not Namibia.
    assert country_code(text) is None


@pytest.mark.parametrize("code", ALPHA_2)
def test_every_country_is_found_by_its_codes_and_its_german_and_english_names(code: str) -> None:
    country = pycountry.countries.get(alpha_2=code)
    assert country is not None
    assert country_code(code) == country_code(code.lower()) == code
    assert country_code(country.alpha_3) == code
    assert country_code(country_name(code, "de")) == code
    assert country_code(country_name(code, "en")) == code


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("DE", "de", "Deutschland"),
        ("DE", "en", "Germany"),
        ("de", "de", "Deutschland"),
        ("GB", "en", "United Kingdom"),
        ("GB", "de", "Vereinigtes Königreich"),
        ("US", "de", "Vereinigte Staaten"),
        ("KR", "en", "South Korea"),
        ("KR", "de", "Südkorea"),
        ("AT", "fr", "Autriche"),
        ("CH", "it", "Svizzera"),
        ("AT", "de_AT", "Österreich"),
        ("AT", "xx", "Austria"),  # a language without names: English
    ],
)
def test_country_name(code: str, language: str, name: str) -> None:
    assert country_name(code, language) == name


def test_country_name_of_an_unknown_code() -> None:
    with pytest.raises(LookupError):
        country_name("XX", "de")


@given(st.text(max_size=30))
def test_country_code_never_fails_and_gives_a_real_code(text: str) -> None:
    code = country_code(text)
    assert code is None or code in ALPHA_2


@given(st.sampled_from(ALPHA_2), st.sampled_from(["de", "en", "fr", "it", "es", "nl", "pl"]))
def test_a_name_in_a_european_language_finds_its_country(code: str, language: str) -> None:
    name = country_name(code, language)
    assert country_code(name) == country_code(name.upper()) == code
