"""The column mapping of an import, remembered for the next file with the same headers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from sqlalchemy.orm import Session

from prospector.exchange.columns import guess_field, header_key
from prospector.models import Setting

MAPPING_KEY = "import_mapping:"


def header_signature(headers: Sequence[str]) -> str:
    folded = json.dumps([header_key(h) for h in headers])
    return hashlib.sha1(folded.encode(), usedforsecurity=False).hexdigest()


def guess_mapping(session: Session, headers: Sequence[str]) -> tuple[str | None, ...]:
    """The mapping used last time for these headers, else one guessed from their names."""
    remembered = session.get(Setting, MAPPING_KEY + header_signature(headers))
    if remembered is not None and isinstance(remembered.value, list):
        saved = tuple(v if isinstance(v, str) else None for v in remembered.value)
        if len(saved) == len(headers):
            return saved
    mapping: list[str | None] = []
    for header in headers:
        key = guess_field(header)
        # One column per field unless the field can come from several (the first filled wins).
        mapping.append(key if key is None or key not in mapping else None)
    return tuple(mapping)


def remember_mapping(
    session: Session, headers: Sequence[str], mapping: Sequence[str | None]
) -> None:
    key = MAPPING_KEY + header_signature(headers)
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=list(mapping)))
    else:
        setting.value = list(mapping)
