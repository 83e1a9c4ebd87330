"""The words a person is found by, and the key their name sorts by."""

from __future__ import annotations

from prospector.contact_search import NAME_KEY_LENGTH, contact_name_key, contact_search_text


def test_the_name_key_is_folded_last_name_first() -> None:
    assert contact_name_key("Jörg", "Müller") == "mueller joerg"
    assert contact_name_key(None, "de Vries") == "de vries"
    assert contact_name_key("Anna", "Straße") == "strasse anna"
    assert len(contact_name_key("A", "ß" * 120)) == 242
    # Folding can lengthen a name beyond the column: the key is cut, the name is not.
    assert len(contact_name_key("ß" * 120, "ß" * 120)) == NAME_KEY_LENGTH


def test_the_search_words_hold_both_spellings_and_every_field() -> None:
    words = contact_search_text(
        first_name="Jörg",
        last_name="Müller-Lüdenscheidt",
        job_title="Geschäftsführer",
        department="Einkauf",
        email="J.Mueller@Foerde-Druck.de",
        phone="+494311234567",
        mobile="+491712345678",
    ).split(" ")
    for word in (
        "jorg",
        "joerg",
        "muller",
        "mueller",
        "ludenscheidt",
        "geschaftsfuhrer",
        "einkauf",
        "foerde",
        "druck",
        "494311234567",
        "04311234567",
        "01712345678",
    ):
        assert word in words


def test_a_name_alone_is_enough() -> None:
    assert contact_search_text(first_name=None, last_name="Weber") == "weber"
    assert contact_search_text(first_name=None, last_name="") == ""


def test_a_phone_kept_as_typed_still_gives_its_digits() -> None:
    assert contact_search_text(first_name=None, last_name="X", phone="0431 / 12 34") == "x 04311234"
