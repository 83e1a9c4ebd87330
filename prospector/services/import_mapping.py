"""The column mapping of an import, remembered for the next file with the same headers."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from sqlalchemy.orm import Session

from prospector.exchange.columns import header_key
from prospector.exchange.header_guess import ColumnGuess, How, guess
from prospector.models import Setting
from prospector.services.shared_settings import write_setting

MAPPING_KEY = "import_mapping:"


def header_signature(headers: Sequence[str]) -> str:
    folded = json.dumps([header_key(h) for h in headers])
    return hashlib.sha1(folded.encode(), usedforsecurity=False).hexdigest()


def guess_columns(session: Session, headers: Sequence[str]) -> tuple[ColumnGuess, ...]:
    """Each column's field with how sure the guess is: the mapping used last time for these
    headers, else one guessed from their names (exchange.header_guess)."""
    remembered = session.get(Setting, MAPPING_KEY + header_signature(headers))
    if remembered is not None and isinstance(remembered.value, list):
        saved = [v if isinstance(v, str) else None for v in remembered.value]
        if len(saved) == len(headers):
            return tuple(
                ColumnGuess(key, 100, How.REMEMBERED) if key else ColumnGuess() for key in saved
            )
    return guess(headers)


def guess_mapping(session: Session, headers: Sequence[str]) -> tuple[str | None, ...]:
    """The field of each column: as last time for these headers, else guessed."""
    return tuple(column.key for column in guess_columns(session, headers))


def remember_mapping(
    session: Session, headers: Sequence[str], mapping: Sequence[str | None]
) -> None:
    """Keep the mapping for the next file with these headers."""
    write_setting(session, MAPPING_KEY + header_signature(headers), list(mapping))
