"""The text rules of the company search: what is indexed, and how a query is read."""

from __future__ import annotations

import pytest

from prospector.search import (
    LETTER,
    WORDS,
    company_search_text,
    phone_tokens,
    query_terms,
    search_parameters,
    words,
)


def test_words_are_folded_as_both_indexes_see_them() -> None:
    assert words("Müller-Bau GmbH & Co. KG") == ["muller", "bau", "gmbh", "co", "kg"]
    assert words("  ") == []


def test_a_company_is_found_under_both_spellings_its_postcode_and_phone() -> None:
    text = company_search_text(
        name="Müller Straßenbau",
        city="Köln",
        postcode="50667",
        phone="+492211234567",
        domain="mueller-bau.de",
        contact_names=["Anna Öztürk"],
    ).split()
    for word in ("muller", "mueller", "strassenbau", "koln", "koeln", "50667", "anna", "ozturk"):
        assert word in text
    assert "492211234567" in text
    assert "02211234567" in text
    assert len(text) == len(set(text))


def test_phone_tokens_are_international_and_national() -> None:
    assert phone_tokens("+493514567890") == ["493514567890", "03514567890"]
    assert phone_tokens("+43123456") == ["43123456"]
    assert phone_tokens(None) == []


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("", []),
        ("   ", []),
        ("MÜLLER dres", ["muller", "dres"]),
        ("0351 / 456", ["0351456"]),
        ("+49 351 456", ["49351456"]),
        ("0049 351 456", ["49351456"]),
        ('"; DROP TABLE companies; --', ["drop", "table", "companies"]),
    ],
)
def test_query_terms(query: str, terms: list[str]) -> None:
    assert query_terms(query) == terms


def test_one_letter_is_a_name_range_and_words_are_full_text_prefixes() -> None:
    assert search_parameters("M", "sqlite") == (LETTER, {"search_low": "m", "search_high": "n"})
    assert search_parameters("Ö", "postgresql") == (
        LETTER,
        {"search_low": "o", "search_high": "p"},
    )
    assert search_parameters("muller dre", "sqlite") == (
        WORDS,
        {"search_match": '"muller"* AND "dre"*'},
    )
    assert search_parameters("muller dre", "postgresql") == (
        WORDS,
        {"search_match": "muller:* & dre:*"},
    )
    assert search_parameters("mu", "sqlite") == (WORDS, {"search_match": '"mu"*'})
    assert search_parameters(" - ", "sqlite") is None
