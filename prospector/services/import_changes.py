"""What importing a row would change in the records already stored: the rule the preview
counts with and the import writes by."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from prospector.exchange.columns import BY_KEY, CONTACT_ATTRIBUTES, Target
from prospector.normalize import fold
from prospector.records import COMPANY_INPUT_FIELDS, CONTACT_INPUT_FIELDS, ContactInput

# The derived columns change with the column they come from.
_DERIVED = {"domain": "website", "name_key": "name", "owner_id": "team_member"}
# The person fields a full-name column fills.
_FULL_NAME_FIELDS = ("salutation", "academic_title", "first_name", "last_name")


def company_fields(mapping: Sequence[str | None]) -> list[str]:
    """The company columns an update may set: those the file maps, with their derived ones."""
    mapped = {key for key in mapping if key is not None}
    return [
        name for name in (*COMPANY_INPUT_FIELDS, *_DERIVED) if _DERIVED.get(name, name) in mapped
    ]


def person_fields(mapping: Sequence[str | None]) -> list[str]:
    """The person columns an update by an export's person ID sets (empty cells too)."""
    return sorted(
        {
            name
            for key in mapping
            if key is not None and BY_KEY[key].target is Target.CONTACT
            for name in (
                _FULL_NAME_FIELDS if key == "full_name" else (CONTACT_ATTRIBUTES.get(key, key),)
            )
            if name in CONTACT_INPUT_FIELDS  # not related_company: it names the company
        }
    )


def joined_notes(notes: str | None, note: str | None) -> str | None:
    """Notes with a line added below what they hold."""
    if not note:
        return notes
    if notes and _body(note) in notes:
        return notes  # an earlier import of the same values kept them already
    return f"{notes}\n{note}" if notes else note


def _body(note: str) -> str:
    """What a note of import_note keeps, without its heading (file, row, date)."""
    return note.split("): ", 1)[-1]


def company_changes(
    current: Mapping[str, Any],
    wanted: Mapping[str, Any],
    fields: Sequence[str],
    *,
    exact: bool,
    fill_only: bool,
    note: str | None = None,
    reference: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """The company fields an update sets to new values ({field: new value}).

    Fields of an export's ID row (`exact`) are taken as they are, empty ones too: the round
    trip changes exactly what was edited. Look-alikes fill or overwrite with what the row has
    (`fill_only`: only where the stored field is empty). A note is added below the notes, and
    another system's key (`reference`: the system, the key) is kept where the company has
    none yet.
    """
    changes: dict[str, Any] = {}
    for name in fields:
        new, old = wanted.get(name), current.get(name)
        if new == old or (not exact and new in (None, "")):
            continue
        if fill_only and not exact and old not in (None, ""):
            continue
        changes[name] = new
    _add_note(changes, current, note)
    if reference is not None and not current.get("external_ref"):
        changes["external_source"], changes["external_ref"] = reference
    return changes


def person_changes(
    current: Mapping[str, Any], wanted: ContactInput, fields: Sequence[str], note: str | None
) -> dict[str, Any]:
    """The person fields an update by an export's person ID sets to new values."""
    changes = {
        name: getattr(wanted, name) for name in fields if getattr(wanted, name) != current.get(name)
    }
    _add_note(changes, current, note)
    return changes


def _add_note(changes: dict[str, Any], current: Mapping[str, Any], note: str | None) -> None:
    """The import's note below the notes the update leaves; no change where the notes end up
    as they are (the same file imported again)."""
    if note:
        notes = changes.get("notes", current.get("notes"))
        if (joined := joined_notes(notes, note)) != notes:
            changes["notes"] = joined
    if "notes" in changes and changes["notes"] == current.get("notes"):
        del changes["notes"]


def person_keys(target: object, first: str | None, last: str, email: str | None) -> list[Any]:
    """What makes two persons of one company (`target`) the same one: name or e-mail."""
    keys: list[Any] = [(target, fold(f"{first or ''} {last}".strip()))]
    if email:
        keys.append((target, email.strip().lower()))
    return keys
