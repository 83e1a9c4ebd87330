"""Labels of the closed vocabularies: every member has one in German and English, none is the
stored value, and an import reads each of them back, whichever language wrote it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest

from prospector import i18n
from prospector.enums import (
    ActivityType,
    CompanyStage,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.exchange import values
from prospector.exchange.rows import CONVERTERS, UnknownValue
from prospector.labels import NOT_SET, VOCABULARIES, every_language, labels
from prospector.settings import LANGUAGES

CATALOGUE = Path(__file__).resolve().parents[2] / "resources" / "translations"
# The import field of each vocabulary an export writes and an import reads.
FIELDS: dict[str, type[StrEnum]] = {
    "structure": CompanyStructure,
    "activity_type": ActivityType,
    "stage": CompanyStage,
    "decision_role": DecisionRole,
    "lead_status": LeadStatus,
    "legal_basis": LegalBasis,
}


@pytest.fixture(autouse=True)
def _back_to_english() -> Iterator[None]:
    yield
    i18n.set_language("en")


def _finished_german() -> set[tuple[str, str]]:
    root = ET.parse(CATALOGUE / "prospector_de.ts").getroot()
    found = set()
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") is None and translation.text:
                found.add((name, message.findtext("source") or ""))
    return found


@pytest.mark.parametrize("enum", VOCABULARIES, ids=lambda e: e.__name__)
def test_every_member_has_a_german_and_an_english_label(enum: type[StrEnum]) -> None:
    asked: list[tuple[str, str]] = []

    def recording(context: str, text: str) -> str:
        asked.append((context, text))
        return text

    english = labels(enum, recording)
    assert set(english) == set(enum)
    assert not set(asked) - _finished_german(), "a label without its German translation"
    german = labels(enum, i18n.translator("de"))
    for member in enum:
        for label in (english[member], german[member]):
            assert label.strip(), member
            assert label != member.value, member  # never the stored value
    # Within a language no two members read alike.
    assert len(set(english.values())) == len(english)
    assert len(set(german.values())) == len(german)


def test_labels_follow_the_current_language() -> None:
    i18n.set_language("de")
    assert labels(CompanyStructure)[CompanyStructure.INDEPENDENT] == "Eigenständiges Unternehmen"
    assert labels(DecisionRole)[DecisionRole.DECISION_MAKER] == "Entscheider"
    assert labels(LegalBasis)[LegalBasis.LEGITIMATE_INTEREST] == "Berechtigtes Interesse"
    i18n.set_language("en")
    assert labels(CompanyStructure)[CompanyStructure.INDEPENDENT] == "Independent company"
    assert labels(DecisionRole)[DecisionRole.DECISION_MAKER] == "Decision maker"
    assert labels(LegalBasis)[LegalBasis.LEGITIMATE_INTEREST] == "Legitimate interest"


def test_a_lookup_by_the_stored_text_finds_the_label() -> None:
    """An export reads enum columns as their text: the tables answer to it."""
    assert labels(CompanyStage, i18n.translator("de"))["customer"] == "Kunde"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("field", FIELDS)
def test_labels_round_trip_through_the_import(field: str, language: str) -> None:
    enum = FIELDS[field]
    convert = CONVERTERS[field]
    for member, label in labels(enum, i18n.translator(language)).items():
        assert convert(label) == member, label
        assert convert(label.upper()) == member, label  # as a spreadsheet may shout it
        assert convert(f" {label} ") == member, label
        assert convert(member.value) == member  # the stored value, as older exports wrote it


@pytest.mark.parametrize("field", FIELDS)
def test_the_import_knows_every_language_whatever_language_is_spoken(field: str) -> None:
    enum = FIELDS[field]
    for language in LANGUAGES:
        i18n.set_language(language)
        for member, label in every_language(enum):
            assert CONVERTERS[field](label) == member


@pytest.mark.parametrize("language", LANGUAGES)
def test_salutation_labels_round_trip(language: str) -> None:
    for member, label in labels(Salutation, i18n.translator(language)).items():
        if member is Salutation.NONE:
            assert label == NOT_SET  # a form's "not set"; the export writes an empty cell
            continue
        assert values.salutation(label) == member


@pytest.mark.parametrize(
    ("field", "word"),
    [("stage", "warm"), ("lead_status", "in-contract"), ("structure", "Verein")],
)
def test_an_unknown_word_stays_unknown(field: str, word: str) -> None:
    with pytest.raises(UnknownValue) as caught:
        CONVERTERS[field](word)
    assert caught.value.value == word


def test_old_words_still_map() -> None:
    assert CONVERTERS["structure"]("Filiale") is CompanyStructure.BRANCH
    assert CONVERTERS["lead_status"]("Lead-Pflege") is LeadStatus.NURTURING
    assert CONVERTERS["legal_basis"]("legitimate interest") is LegalBasis.LEGITIMATE_INTEREST
    assert CONVERTERS["activity_type"]("öffentlich") is ActivityType.PUBLIC
    assert CONVERTERS["stage"]("Bestandskunde") is CompanyStage.CUSTOMER
