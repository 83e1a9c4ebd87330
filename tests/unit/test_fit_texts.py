"""The reasons of a fit score in words, with the company's own values as the user reads them."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest

from prospector import i18n
from prospector.fit import CompanyFacts, fit
from prospector.fit_texts import explain, kind_label
from prospector.icp import Criterion, CriterionKind, Profile

K = CriterionKind


@pytest.fixture(params=["en", "de"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def test_met_and_failed_criteria_are_named_with_the_companys_values(language: str) -> None:
    profile = Profile(
        "p",
        (
            Criterion(K.INDUSTRY, must=True, codes=("28",)),
            Criterion(K.SIZE_CLASS, values=("medium",)),
            Criterion(K.REGION, states=("Bayern",)),
            Criterion(K.STRUCTURE, values=("headquarters",)),
            Criterion(K.EMPLOYEES, low=Decimal(100)),
        ),
    )
    company = CompanyFacts(
        wz_code="28.41", employees=12, state="Sachsen", structure="branch", country="DE"
    )
    text = explain(fit(profile, company))
    expected = {
        "en": "met: Industry; not met: Employees (12), Size (Small), Region (Sachsen), "
        "Structure (Branch)",
        "de": "erfüllt: Branche; nicht erfüllt: Mitarbeiter (12), Größe (Klein), "
        "Region (Sachsen), Struktur (Niederlassung)",
    }
    assert text == expected[language]


def test_an_unknown_value_is_said_to_be_unknown(language: str) -> None:
    profile = Profile("p", (Criterion(K.TURNOVER, low=Decimal(1_000_000)),))
    unknown = {"en": "unknown", "de": "unbekannt"}[language]
    assert explain(fit(profile, CompanyFacts())).endswith(f"({unknown})")


def test_a_profile_without_criteria_explains_nothing() -> None:
    assert explain(fit(Profile("p"), CompanyFacts())) == ""


def test_every_kind_has_a_label_in_both_languages() -> None:
    for language in ("en", "de"):
        i18n.set_language(language)
        labels = {kind_label(kind) for kind in K}
        assert len(labels) == len(K)
    i18n.set_language("en")
