"""The product's own texts follow the user's language, from the window's catalogue."""

from __future__ import annotations

import pytest

from prospector import i18n


@pytest.fixture(autouse=True)
def _back_to_english() -> None:
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(
    ("preferred", "system", "chosen"),
    [
        (("de",), "en_GB.UTF-8", "de"),  # an explicit choice wins
        ((None, "en"), "de_DE.UTF-8", "en"),  # the first one we speak
        ((None, None), "de_AT.UTF-8", "de"),  # else the system's language
        ((None,), "fr_FR.UTF-8", "en"),  # a language we do not speak: English
        (("fr",), "C", "en"),
    ],
)
def test_the_language_is_the_first_choice_we_speak(
    preferred: tuple[str | None, ...], system: str, chosen: str
) -> None:
    assert i18n.choose_language(*preferred, system=system) == chosen


def test_texts_come_from_the_shipped_catalogue() -> None:
    i18n.set_language("de")
    assert i18n.translate("ImportMessages", "required, but empty.") == "Pflichtfeld, aber leer."
    assert i18n.translate("ImportSummary", "{n} refused") == "{n} abgelehnt"
    i18n.set_language("en")
    assert i18n.translate("ImportMessages", "required, but empty.") == "required, but empty."


def test_an_unknown_text_stays_as_written() -> None:
    i18n.set_language("de")
    assert i18n.translate("Nowhere", "No such text") == "No such text"


def test_only_languages_we_speak_can_be_set() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        i18n.set_language("fr")
