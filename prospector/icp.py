"""The ideal customer profile: its criteria, each a must or a weighted should (plain data)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from prospector.enums import ActivityType, CompanyStructure
from prospector.region import parse_postcode_areas
from prospector.sizeclass import SizeClass

MAX_WEIGHT = 10


class CriterionKind(StrEnum):
    """What a criterion looks at; a profile has at most one criterion of each kind."""

    INDUSTRY = "industry"
    EMPLOYEES = "employees"
    TURNOVER = "turnover"
    SIZE_CLASS = "size_class"
    REGION = "region"
    STRUCTURE = "structure"
    ACTIVITY = "activity"
    TAGS_REQUIRED = "tags_required"
    TAGS_EXCLUDED = "tags_excluded"


@dataclass(frozen=True)
class Criterion:
    """One rule of a profile. Only the fields of its kind are read:

    - industry: `codes` (WZ codes or section letters, each matching as a prefix) and `names`
      (industry names as the companies carry them); either one fits;
    - employees, turnover: `low` and `high`, inclusive, either open;
    - size_class, structure, activity: `values`, one of them fits;
    - region: `countries`, `states` and `postcode_areas` ("7, 80-85"); every one given must fit;
    - tags_required: every tag of `values`; tags_excluded: none of them.

    A value the company lacks never fits. A criterion with nothing to compare (`is_empty`) is
    left out of the profile."""

    kind: CriterionKind
    must: bool = False
    weight: int = 1  # for a should: how much it counts, 1 to MAX_WEIGHT
    values: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    low: Decimal | None = None
    high: Decimal | None = None
    countries: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    postcode_areas: str = ""

    def __post_init__(self) -> None:
        if not 1 <= self.weight <= MAX_WEIGHT:
            raise ValueError(f"weight {self.weight} outside 1 to {MAX_WEIGHT}")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"range {self.low} to {self.high} is empty")
        if self.kind is CriterionKind.EMPLOYEES and any(
            v is not None and v != v.to_integral_value() for v in (self.low, self.high)
        ):
            raise ValueError("employees are counted in whole numbers")
        allowed = _ALLOWED_VALUES.get(self.kind)
        if allowed is not None and not set(self.values) <= allowed:
            raise ValueError(f"unknown values for {self.kind}: {set(self.values) - allowed}")
        if self.postcode_areas.strip():
            parse_postcode_areas(self.postcode_areas)  # ValueError names the bad part

    def is_empty(self) -> bool:
        if self.kind is CriterionKind.INDUSTRY:
            return not self.codes and not self.names
        if self.kind in (CriterionKind.EMPLOYEES, CriterionKind.TURNOVER):
            return self.low is None and self.high is None
        if self.kind is CriterionKind.REGION:
            return not self.countries and not self.states and not self.postcode_areas.strip()
        return not self.values

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "must": self.must, "weight": self.weight}
        for name in ("values", "codes", "names", "countries", "states"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        for name in ("low", "high"):
            if getattr(self, name) is not None:
                data[name] = str(getattr(self, name))
        if self.postcode_areas:
            data["postcode_areas"] = self.postcode_areas
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Criterion:
        """Read a stored criterion; ValueError when it is not one."""
        try:
            return cls(
                kind=CriterionKind(data["kind"]),
                must=bool(data.get("must", False)),
                weight=int(data.get("weight", 1)),
                values=_texts(data.get("values")),
                codes=_texts(data.get("codes")),
                names=_texts(data.get("names")),
                low=_decimal(data.get("low")),
                high=_decimal(data.get("high")),
                countries=_texts(data.get("countries")),
                states=_texts(data.get("states")),
                postcode_areas=str(data.get("postcode_areas", "")),
            )
        except (KeyError, TypeError, InvalidOperation) as exc:
            raise ValueError(f"not a criterion: {data!r}") from exc


_ALLOWED_VALUES: dict[CriterionKind, set[str]] = {
    CriterionKind.SIZE_CLASS: {v.value for v in SizeClass},
    CriterionKind.STRUCTURE: {v.value for v in CompanyStructure},
    CriterionKind.ACTIVITY: {v.value for v in ActivityType},
}


def _texts(raw: Any) -> tuple[str, ...]:
    if raw is None:
        return ()
    if isinstance(raw, str | bytes) or not isinstance(raw, list | tuple):
        raise TypeError(f"a list expected, not {raw!r}")
    return tuple(str(v) for v in raw)


def _decimal(raw: Any) -> Decimal | None:
    return None if raw is None or raw == "" else Decimal(str(raw))


@dataclass(frozen=True)
class Profile:
    """An ideal customer profile: its criteria in a fixed order of kinds, and the texts the
    call sheets print."""

    name: str
    criteria: tuple[Criterion, ...] = ()
    id: int | None = None
    active: bool = False
    description: str = ""
    markets: str = ""
    pain_points: str = ""
    value_proposition: str = ""
    version: int | None = None  # of the stored row, for a save that must not overwrite

    def __post_init__(self) -> None:
        kinds = [c.kind for c in self.criteria]
        if len(kinds) != len(set(kinds)):
            raise ValueError("a profile has one criterion of each kind at most")

    @property
    def rules(self) -> tuple[Criterion, ...]:
        """The criteria that compare something, in the order of CriterionKind."""
        order = list(CriterionKind)
        return tuple(
            sorted(
                (c for c in self.criteria if not c.is_empty()), key=lambda c: order.index(c.kind)
            )
        )

    @property
    def musts(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.rules if c.must)

    @property
    def shoulds(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.rules if not c.must)

    def criterion(self, kind: CriterionKind) -> Criterion | None:
        return next((c for c in self.criteria if c.kind is kind), None)

    def criteria_json(self) -> list[dict[str, Any]]:
        return [c.to_json() for c in self.criteria]


def criteria_from_json(raw: Any) -> tuple[Criterion, ...]:
    """The stored criteria; one that cannot be read is left out rather than fail the profile."""
    if not isinstance(raw, list):
        return ()
    found: list[Criterion] = []
    seen: set[CriterionKind] = set()
    for item in raw:
        try:
            criterion = Criterion.from_json(item) if isinstance(item, dict) else None
        except ValueError:
            continue
        if criterion is not None and criterion.kind not in seen:
            seen.add(criterion.kind)
            found.append(criterion)
    return tuple(found)
