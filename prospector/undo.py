"""An undoable change as the records it touched were before and after it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class UndoKind(StrEnum):
    EDIT = "edit"  # a company saved from its form
    CONTACT_EDIT = "contact_edit"  # a person saved from their form
    CONTACT_OWNER = "contact_owner"  # an owner given to many persons
    OWNER = "owner"
    STAGE = "stage"
    ADD_TAGS = "add_tags"
    REMOVE_TAGS = "remove_tags"
    OBJECTION = "objection"  # every contact of the companies objected
    TRASH = "trash"
    RESTORE = "restore"  # back from the trash
    IMPORT = "import"  # an import, undone as the import history undoes it; not redone
    MERGE = "merge"  # two companies merged into one


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
class MergedAway:
    """The company a merge deleted, every column of it, its tags, and the records (by table)
    the merge moved from it to the company kept."""

    company: tuple[tuple[str, Any], ...]
    tags: tuple[str, ...]
    moved: tuple[tuple[str, tuple[int, ...]], ...]

    @property
    def id(self) -> int:
        return int(dict(self.company)["id"])


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
    batch_id: int | None = None  # of an import
    merged: MergedAway | None = None  # of a merge

    @property
    def redoable(self) -> bool:
        """An undone import is gone with its file's rows: it can only be imported again."""
        return self.kind is not UndoKind.IMPORT

    @property
    def company_ids(self) -> tuple[int, ...]:
        return tuple(state.id for state in self.before.companies)
