"""Read the shipped sample file back into sample companies."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from prospector.enums import (
    ActivityType,
    CompanyStructure,
    DecisionRole,
    LeadStatus,
    LegalBasis,
    Salutation,
)
from prospector.records import CompanyInput, ContactInput
from prospector.sampledata.generate import SampleCompany, default_path

# The fields JSON cannot hold as themselves; all others are strings, numbers or booleans.
_COMPANY_TYPES: dict[str, Callable[[Any], Any]] = {
    "turnover_eur": Decimal,
    "structure": CompanyStructure,
    "activity_type": ActivityType,
}
_CONTACT_TYPES: dict[str, Callable[[Any], Any]] = {
    "salutation": Salutation,
    "decision_role": DecisionRole,
    "lead_status": LeadStatus,
    "legal_basis": LegalBasis,
    "do_not_contact_since": dt.date.fromisoformat,
}


def _typed(values: Mapping[str, Any], types: Mapping[str, Callable[[Any], Any]]) -> dict[str, Any]:
    return {
        name: types[name](value) if name in types and value is not None else value
        for name, value in values.items()
    }


def _sample(entry: Mapping[str, Any]) -> SampleCompany:
    return SampleCompany(
        company=CompanyInput(**_typed(entry["company"], _COMPANY_TYPES)),
        contacts=tuple(
            ContactInput(company_id=0, **_typed(person, _CONTACT_TYPES))
            for person in entry["contacts"]
        ),
    )


def read_sample(path: Path | None = None) -> list[SampleCompany]:
    """The sample companies in `path` (default: the file shipped in resources/sample)."""
    with (path or default_path()).open(encoding="utf-8") as file:
        return [_sample(entry) for entry in json.load(file)]
