"""Keyed hashes of an erased person's e-mail address and phone numbers: enough to recognise
the person in a later import, too little to tell who it was."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

EMAIL, PHONE = "email", "phone"


def _digest(salt: str, kind: str, value: str) -> str:
    return hmac.new(salt.encode(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def normal_email(value: str | None) -> str | None:
    """An address as compared: trimmed, in lower case."""
    text = (value or "").strip().lower()
    return text or None


def normal_phone(value: str | None) -> str | None:
    """A number as compared: its digits with a leading + (stored numbers are E.164 already)."""
    digits = "".join(ch for ch in value or "" if ch.isdigit())
    return f"+{digits}" if digits else None


def digests(salt: str, email: str | None, phones: Iterable[str | None]) -> list[tuple[str, str]]:
    """(kind, digest) for the address and each number that is there."""
    found: list[tuple[str, str]] = []
    address = normal_email(email)
    if address:
        found.append((EMAIL, _digest(salt, EMAIL, address)))
    for phone in phones:
        number = normal_phone(phone)
        if number:
            found.append((PHONE, _digest(salt, PHONE, number)))
    return found
