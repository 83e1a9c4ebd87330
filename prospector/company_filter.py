"""What the company list shows: the search, the filters and the order (plain data)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from prospector.enums import ActivityType, CompanyStage, CompanyStructure
from prospector.sizeclass import SizeClass


@dataclass(frozen=True)
class CompanyFilter:
    """What the user narrowed the list to; empty fields do not filter."""

    query: str = ""
    industries: tuple[str, ...] = ()
    size_classes: tuple[SizeClass, ...] = ()
    countries: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    postcode_areas: str = ""
    structures: tuple[CompanyStructure, ...] = ()
    activity_types: tuple[ActivityType, ...] = ()
    tag_ids: tuple[int, ...] = ()
    stages: tuple[CompanyStage, ...] = ()
    owner_ids: tuple[int | None, ...] = ()  # None stands for "no owner"
    do_not_contact: bool | None = None  # True: a contact objected; False: nobody did
    core_group: bool = False  # only the core group of the active profile
    min_fit: int | None = None  # only companies with at least this fit score
    missing_persona_ids: tuple[int, ...] = ()  # no contact known for any of these personas

    def is_empty(self) -> bool:
        return self == CompanyFilter()

    def without_query(self) -> CompanyFilter:
        return replace(self, query="") if self.query else self

    def to_json(self) -> dict[str, Any]:
        return {
            key: list(value) if isinstance(value, tuple) else value
            for key, value in asdict(self).items()
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CompanyFilter:
        """Read a saved filter; unknown keys and bad values are dropped, not fatal."""
        values: dict[str, Any] = {}
        enum_fields = {
            "size_classes": SizeClass,
            "structures": CompanyStructure,
            "activity_types": ActivityType,
            "stages": CompanyStage,
        }
        for f in fields(cls):
            if f.name not in data:
                continue
            raw = data[f.name]
            try:
                if f.name in enum_fields:
                    values[f.name] = tuple(enum_fields[f.name](v) for v in raw)
                elif f.name in ("query", "postcode_areas"):
                    values[f.name] = str(raw)
                elif f.name == "do_not_contact":
                    values[f.name] = None if raw is None else bool(raw)
                elif f.name == "core_group":
                    values[f.name] = bool(raw)
                elif f.name == "min_fit":
                    values[f.name] = None if raw is None else int(raw)
                elif f.name == "missing_persona_ids":
                    values[f.name] = tuple(int(v) for v in raw)
                elif f.name in ("tag_ids", "owner_ids"):
                    values[f.name] = tuple(None if v is None else int(v) for v in raw)
                else:
                    values[f.name] = tuple(str(v) for v in raw)
            except (TypeError, ValueError):
                continue
        return cls(**values)


@dataclass(frozen=True)
class CompanyListQuery:
    """What the company list shows: the filter (with the search text) and the order."""

    filter: CompanyFilter = CompanyFilter()
    sort: str = "name"
    descending: bool = False
