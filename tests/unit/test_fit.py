"""The fit score and its reasons: each kind of criterion, musts and shoulds, unknown values."""

from __future__ import annotations

from decimal import Decimal

import pytest

from prospector.fit import CompanyFacts, fit, industry_prefixes, score
from prospector.icp import Criterion, CriterionKind, Profile, criteria_from_json

K = CriterionKind

FIRM = CompanyFacts(
    wz_code="28.41",
    industry="Maschinenbau",
    employees=42,
    turnover_eur=Decimal("6500000"),
    country="DE",
    state="Sachsen",
    postcode="01069",
    structure="independent",
    activity_type="manufacturing",
    tags=frozenset({"Messe", "Bestand"}),
)
UNKNOWN = CompanyFacts()


def met(criterion: Criterion, company: CompanyFacts = FIRM) -> bool:
    return fit(Profile("p", (criterion,)), company).reasons[0].met


@pytest.mark.parametrize(
    ("criterion", "expected"),
    [
        (Criterion(K.INDUSTRY, codes=("28",)), True),
        (Criterion(K.INDUSTRY, codes=("28.4",)), True),
        (Criterion(K.INDUSTRY, codes=("2841",)), True),
        (Criterion(K.INDUSTRY, codes=("28.9",)), False),
        (Criterion(K.INDUSTRY, codes=("2",)), True),
        (Criterion(K.INDUSTRY, names=("Maschinenbau",)), True),
        (Criterion(K.INDUSTRY, names=("maschinenbau",)), False),  # names as the data has them
        (Criterion(K.INDUSTRY, codes=("62",), names=("Maschinenbau",)), True),
        (Criterion(K.EMPLOYEES, low=Decimal(10), high=Decimal(49)), True),
        (Criterion(K.EMPLOYEES, low=Decimal(42)), True),
        (Criterion(K.EMPLOYEES, high=Decimal(42)), True),
        (Criterion(K.EMPLOYEES, low=Decimal(43)), False),
        (Criterion(K.TURNOVER, low=Decimal(1_000_000), high=Decimal(10_000_000)), True),
        (Criterion(K.TURNOVER, high=Decimal(2_000_000)), False),
        (Criterion(K.SIZE_CLASS, values=("small",)), True),
        (Criterion(K.SIZE_CLASS, values=("micro", "medium")), False),
        (Criterion(K.REGION, countries=("DE",)), True),
        (Criterion(K.REGION, states=("Bayern",)), False),
        (Criterion(K.REGION, countries=("DE",), states=("Sachsen",)), True),
        (Criterion(K.REGION, countries=("AT",), states=("Sachsen",)), False),
        (Criterion(K.REGION, postcode_areas="0, 1"), True),
        (Criterion(K.REGION, postcode_areas="01069"), True),
        (Criterion(K.REGION, postcode_areas="02-09"), False),
        (Criterion(K.STRUCTURE, values=("independent", "headquarters")), True),
        (Criterion(K.STRUCTURE, values=("branch",)), False),
        (Criterion(K.ACTIVITY, values=("manufacturing",)), True),
        (Criterion(K.ACTIVITY, values=("trade",)), False),
        (Criterion(K.TAGS_REQUIRED, values=("Messe",)), True),
        (Criterion(K.TAGS_REQUIRED, values=("Messe", "Bestand")), True),
        (Criterion(K.TAGS_REQUIRED, values=("Messe", "Kunde")), False),
        (Criterion(K.TAGS_EXCLUDED, values=("Kunde",)), True),
        (Criterion(K.TAGS_EXCLUDED, values=("Kunde", "Bestand")), False),
    ],
)
def test_each_kind_of_criterion_is_met_or_not(criterion: Criterion, expected: bool) -> None:
    assert met(criterion) is expected


@pytest.mark.parametrize(
    "criterion",
    [
        Criterion(K.INDUSTRY, codes=("28",), names=("Maschinenbau",)),
        Criterion(K.EMPLOYEES, low=Decimal(0)),
        Criterion(K.TURNOVER, high=Decimal(10**9)),
        Criterion(K.SIZE_CLASS, values=("micro", "small", "medium", "large")),
        Criterion(K.REGION, countries=("DE",)),
        Criterion(K.REGION, postcode_areas="0-9"),
        Criterion(K.STRUCTURE, values=("independent",)),
        Criterion(K.ACTIVITY, values=("manufacturing",)),
    ],
)
def test_a_value_the_company_lacks_never_meets_a_criterion(criterion: Criterion) -> None:
    reason = fit(Profile("p", (criterion,)), UNKNOWN).reasons[0]
    assert not reason.met
    assert reason.value is None


def test_a_company_without_tags_meets_excluded_tags_but_not_required_ones() -> None:
    assert met(Criterion(K.TAGS_EXCLUDED, values=("Kunde",)), UNKNOWN)
    reason = fit(Profile("p", (Criterion(K.TAGS_REQUIRED, values=("Messe",)),)), UNKNOWN)
    assert not reason.reasons[0].met
    assert reason.reasons[0].value == "Messe"  # what is missing


def test_a_section_letter_stands_for_its_divisions() -> None:
    assert met(Criterion(K.INDUSTRY, codes=("C",)))  # manufacturing: divisions 10-33
    assert not met(Criterion(K.INDUSTRY, codes=("G",)))
    assert "10" in industry_prefixes(("c",))
    assert "33" in industry_prefixes(("C",))


def test_a_failed_must_makes_the_score_zero_and_leaves_the_core_group() -> None:
    profile = Profile(
        "p",
        (
            Criterion(K.REGION, must=True, states=("Bayern",)),
            Criterion(K.INDUSTRY, codes=("28",), weight=5),
        ),
    )
    result = fit(profile, FIRM)
    assert result.score == 0
    assert not result.core
    assert [r.criterion.kind for r in result.failed] == [K.REGION]
    assert result.failed[0].value == "Sachsen"
    assert [r.criterion.kind for r in result.met] == [K.INDUSTRY]


def test_the_score_is_the_weighted_share_of_met_shoulds() -> None:
    profile = Profile(
        "p",
        (
            Criterion(K.REGION, must=True, countries=("DE",)),
            Criterion(K.INDUSTRY, codes=("28",), weight=3),  # met
            Criterion(K.STRUCTURE, values=("branch",), weight=1),  # not met
            Criterion(K.EMPLOYEES, low=Decimal(10), weight=2),  # met
        ),
    )
    result = fit(profile, FIRM)
    assert result.core
    assert result.score == 83  # 5 of 6 = 83.3 %


def test_only_musts_met_scores_100_and_no_criteria_at_all_too() -> None:
    assert (
        fit(Profile("p", (Criterion(K.REGION, must=True, countries=("DE",)),)), FIRM).score == 100
    )
    assert fit(Profile("p"), FIRM).score == 100
    assert fit(Profile("p"), UNKNOWN).core


@pytest.mark.parametrize(
    ("met", "total", "expected"),
    [
        (0, 3, 0),
        (1, 3, 33),
        (2, 3, 67),
        (1, 2, 50),
        (1, 8, 13),
        (3, 8, 38),
        (7, 8, 88),
        (5, 5, 100),
    ],
)
def test_the_score_rounds_half_up(met: int, total: int, expected: int) -> None:
    assert score(True, met, total) == expected


def test_empty_criteria_are_left_out_of_the_profile() -> None:
    profile = Profile(
        "p",
        (
            Criterion(K.INDUSTRY, must=True),
            Criterion(K.EMPLOYEES),
            Criterion(K.REGION, postcode_areas="  "),
            Criterion(K.TAGS_EXCLUDED),
        ),
    )
    assert profile.rules == ()
    assert fit(profile, UNKNOWN).score == 100


def test_the_rules_come_in_the_order_of_the_kinds() -> None:
    profile = Profile(
        "p",
        (
            Criterion(K.REGION, states=("Bayern",)),
            Criterion(K.INDUSTRY, names=("Handel",)),
        ),
    )
    assert [r.kind for r in profile.rules] == [K.INDUSTRY, K.REGION]


def test_the_reasons_name_the_company_values_that_failed() -> None:
    profile = Profile(
        "p",
        (
            Criterion(K.EMPLOYEES, low=Decimal(50)),
            Criterion(K.TAGS_REQUIRED, values=("Messe", "Kunde", "Lieferant")),
            Criterion(K.TAGS_EXCLUDED, values=("Bestand",)),
            Criterion(K.SIZE_CLASS, values=("medium",)),
        ),
    )
    failed = {r.criterion.kind: r.value for r in fit(profile, FIRM).failed}
    assert failed == {
        K.EMPLOYEES: "42",
        K.TAGS_REQUIRED: "Kunde, Lieferant",
        K.TAGS_EXCLUDED: "Bestand",
        K.SIZE_CLASS: "small",
    }


def test_industry_codes_become_prefixes_of_the_official_form() -> None:
    assert industry_prefixes(("28.4", " 62.01 ", "2841", "284", "x", "")) == (
        "28.4",
        "62.01",
        "28.41",
    )
    assert industry_prefixes(("2", "28410")) == ("2", "28.41.0")


def test_a_company_code_in_another_scheme_matches_nothing() -> None:
    sic = CompanyFacts(wz_code="SIC 3599")
    assert not fit(Profile("p", (Criterion(K.INDUSTRY, codes=("35",)),)), sic).reasons[0].met


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": K.EMPLOYEES, "weight": 0},
        {"kind": K.EMPLOYEES, "weight": 11},
        {"kind": K.EMPLOYEES, "low": Decimal(50), "high": Decimal(10)},
        {"kind": K.EMPLOYEES, "low": Decimal("2.5")},
        {"kind": K.SIZE_CLASS, "values": ("huge",)},
        {"kind": K.REGION, "postcode_areas": "8x"},
    ],
)
def test_invalid_criteria_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - the message varies with the field
        Criterion(**bad)  # type: ignore[arg-type]


def test_a_profile_has_one_criterion_per_kind() -> None:
    with pytest.raises(ValueError, match="one criterion of each kind"):
        Profile("p", (Criterion(K.INDUSTRY), Criterion(K.INDUSTRY, must=True)))


def test_criteria_round_trip_through_json_and_bad_ones_are_dropped() -> None:
    criteria = (
        Criterion(K.INDUSTRY, must=True, codes=("28",), names=("Maschinenbau",)),
        Criterion(K.TURNOVER, weight=4, low=Decimal("1000000.50")),
        Criterion(K.REGION, countries=("DE",), states=("Bayern",), postcode_areas="8, 9"),
        Criterion(K.TAGS_EXCLUDED, values=("Kunde",)),
    )
    stored = [c.to_json() for c in criteria]
    assert criteria_from_json(stored) == criteria
    broken = [*stored, {"kind": "nonsense"}, {"no": "kind"}, "text", stored[0]]
    assert criteria_from_json(broken) == criteria
    assert criteria_from_json(None) == ()
