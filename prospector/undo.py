"""An undoable change as the records it touched were before and after it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class UndoKind(StrEnum):
    EDIT = "edit"  # a company saved from its form
    OWNER = "owner"
    STAGE = "stage"
    ADD_TAGS = "add_tags"
    REMOVE_TAGS = "remove_tags"
    OBJECTION = "objection"  # every contact of the companies objected
    TRASH = "trash"
    RESTORE = "restore"  # back from the trash


@dataclass(frozen=True)
class CompanyState:
    """The columns a change touched of one company (name -> value), and its tags by name
    when the change touched those."""

    id: int
    values: tuple[tuple[str, Any], ...]
    tags: tuple[str, ...] | None = None


@dataclass(frozen=True)
class ContactState:
    id: int
    values: tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Snapshot:
    companies: tuple[CompanyState, ...]
    contacts: tuple[ContactState, ...] = ()


@dataclass(frozen=True)
class UndoStep:
    """Undo writes `before` back, redo `after`; each only while the records are as the
    other one says, so that nobody's later change is overwritten. `detail` names what the
    change was about (a company's name, a tag, a stage); `created_tags` are tags the change
    created, which undo removes again where nothing else carries them."""

    kind: UndoKind
    count: int
    detail: str
    before: Snapshot
    after: Snapshot
    created_tags: tuple[str, ...] = ()

    @property
    def company_ids(self) -> tuple[int, ...]:
        return tuple(state.id for state in self.before.companies)
