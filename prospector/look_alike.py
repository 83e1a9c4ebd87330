"""When two records are the same company: the keys they share, and why (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any


class DuplicateReason(StrEnum):
    """Why a company looks like one already there."""

    NAME_AND_POSTCODE = "name_and_postcode"
    DOMAIN = "domain"
    PHONE = "phone"
    NAME = "name"  # the same name, where a row leaves the address open (imports only)
    ID = "id"  # the ID column of Prospector's own export (imports only)
    EXTERNAL = "external"  # another system's key, stored by an earlier import (imports only)


# (reason, value, second value): a key of one company, equal only for the same company
Key = tuple[DuplicateReason, str, str]


def company_keys(values: Mapping[str, Any]) -> tuple[Key, ...]:
    """The keys of a company's normalised values (validate_company's): the same name and
    postcode, the same website domain, the same phone number."""
    keys: list[Key] = []
    if values.get("name_key") and values.get("postcode"):
        keys.append((DuplicateReason.NAME_AND_POSTCODE, values["name_key"], values["postcode"]))
    if values.get("domain"):
        keys.append((DuplicateReason.DOMAIN, values["domain"], ""))
    if values.get("phone"):
        keys.append((DuplicateReason.PHONE, values["phone"], ""))
    return tuple(keys)


def reasons_for(values: Mapping[str, Any], other: Mapping[str, Any]) -> tuple[DuplicateReason, ...]:
    """Why two companies' normalised values look like the same company."""
    theirs = set(company_keys(other))
    return tuple(key[0] for key in company_keys(values) if key in theirs)
