"""The fit score of a company against a profile, with the reasons (pure)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from prospector.icp import Criterion, CriterionKind, Profile
from prospector.region import parse_postcode_areas
from prospector.sizeclass import size_class

_NOT_CODE = re.compile(r"[^0-9A-Za-z]")


@dataclass(frozen=True, slots=True)
class CompanyFacts:
    """What the criteria look at in a company."""

    wz_code: str | None = None
    industry: str | None = None
    employees: int | None = None
    turnover_eur: Decimal | None = None
    country: str | None = None
    state: str | None = None
    postcode: str | None = None
    structure: str | None = None
    activity_type: str | None = None
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Reason:
    """How the company stands on one criterion; `value` is its own value there (None: unknown),
    for "nicht erfüllt: Region (Bayern)"."""

    criterion: Criterion
    met: bool
    value: str | None


@dataclass(frozen=True)
class Fit:
    score: int  # 0-100
    core: bool  # every must is met: the company is in the core group
    reasons: tuple[Reason, ...]

    @property
    def met(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.met)

    @property
    def failed(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if not r.met)


def score(core: bool, met_weight: int, total_weight: int) -> int:
    """0 outside the core group; else the met share of the should weights in per cent, rounded
    half up in integers (as the SQL of the bulk update computes it); 100 without shoulds."""
    if not core:
        return 0
    if total_weight == 0:
        return 100
    return (200 * met_weight + total_weight) // (2 * total_weight)


def fit(profile: Profile, company: CompanyFacts) -> Fit:
    reasons = tuple(_reason(c, company) for c in profile.rules)
    core = all(r.met for r in reasons if r.criterion.must)
    shoulds = [r for r in reasons if not r.criterion.must]
    total = sum(r.criterion.weight for r in shoulds)
    met = sum(r.criterion.weight for r in shoulds if r.met)
    return Fit(score(core, met, total), core, reasons)


def industry_prefixes(codes: tuple[str, ...]) -> tuple[str, ...]:
    """The prefixes of official WZ codes ('28.41', as companies store them) that criterion
    codes stand for: '284' and '28.4' for '28.4', a section letter for its divisions; what is
    neither is left out."""
    found: list[str] = []
    for code in codes:
        plain = _NOT_CODE.sub("", code).upper()
        if plain.isdigit():
            found.append(_dotted(plain))
        elif len(plain) == 1 and plain.isalpha():
            found.extend(_divisions(plain))
    return tuple(dict.fromkeys(found))


def _dotted(digits: str) -> str:
    """'28410' -> '28.41.0': dots after the division and after the class."""
    return ".".join(part for part in (digits[:2], digits[2:4], digits[4:]) if part)


@functools.cache
def _divisions(section: str) -> tuple[str, ...]:
    from prospector.industry_codes import division_range

    return division_range(section)


def _reason(criterion: Criterion, company: CompanyFacts) -> Reason:
    kind = criterion.kind
    if kind is CriterionKind.INDUSTRY:
        return _industry(criterion, company)
    if kind is CriterionKind.EMPLOYEES:
        value = None if company.employees is None else Decimal(company.employees)
        return Reason(criterion, _in_range(criterion, value), _text(company.employees))
    if kind is CriterionKind.TURNOVER:
        return Reason(
            criterion, _in_range(criterion, company.turnover_eur), _text(company.turnover_eur)
        )
    if kind is CriterionKind.SIZE_CLASS:
        found = size_class(company.employees, company.turnover_eur)
        return Reason(criterion, found is not None and found in criterion.values, found)
    if kind is CriterionKind.STRUCTURE:
        return Reason(criterion, company.structure in criterion.values, company.structure)
    if kind is CriterionKind.ACTIVITY:
        return Reason(criterion, company.activity_type in criterion.values, company.activity_type)
    if kind is CriterionKind.REGION:
        return _region(criterion, company)
    if kind is CriterionKind.TAGS_REQUIRED:
        missing = [t for t in criterion.values if t not in company.tags]
        return Reason(criterion, not missing, ", ".join(missing) or None)
    present = [t for t in criterion.values if t in company.tags]
    return Reason(criterion, not present, ", ".join(present) or None)


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _in_range(criterion: Criterion, value: Decimal | None) -> bool:
    if value is None:
        return False
    if criterion.low is not None and value < criterion.low:
        return False
    return criterion.high is None or value <= criterion.high


def _industry(criterion: Criterion, company: CompanyFacts) -> Reason:
    met = company.industry is not None and company.industry in criterion.names
    if not met and company.wz_code:
        code = company.wz_code
        met = any(code.startswith(p) for p in industry_prefixes(criterion.codes))
    shown = company.wz_code or company.industry
    if company.wz_code and company.industry:
        shown = f"{company.wz_code} {company.industry}"
    return Reason(criterion, met, shown)


def _region(criterion: Criterion, company: CompanyFacts) -> Reason:
    checks: list[tuple[bool, str | None]] = []
    if criterion.countries:
        checks.append((company.country in criterion.countries, company.country))
    if criterion.states:
        checks.append((company.state in criterion.states, company.state))
    if criterion.postcode_areas.strip():
        ranges = parse_postcode_areas(criterion.postcode_areas)
        postcode = company.postcode
        inside = postcode is not None and any(r.contains(postcode) for r in ranges)
        checks.append((inside, postcode))
    failed = [value for met, value in checks if not met]
    if failed:
        return Reason(criterion, False, failed[0])
    shown = company.state or company.postcode or company.country
    return Reason(criterion, True, shown)
