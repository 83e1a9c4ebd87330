"""What a unit of work changed, so that every view can decide whether to read again."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

from prospector.undo import UndoStep

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """Kinds of records a use case changed, and the companies it touched where that was cheap
    to know. Views refresh from these flags; none of them says how."""

    companies: bool = False  # company fields, stage, owner; companies added or deleted
    contacts: bool = False
    tags: bool = False  # the vocabulary, or which company carries which tag
    team: bool = False
    activities: bool = False
    opportunities: bool = False  # deals, their stages and values; a lead's status moves
    trash: bool = False  # what lies in the trash
    views: bool = False  # saved views
    imports: bool = False  # the import history
    profiles: bool = False  # ideal customer profiles and personas
    company_ids: frozenset[int] = frozenset()

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        values = {
            f.name: getattr(self, f.name) or getattr(other, f.name)
            for f in fields(self)
            if f.name != "company_ids"
        }
        return Changes(**values, company_ids=self.company_ids | other.company_ids)

    @classmethod
    def to_companies(cls, ids: Iterable[int | None] = (), **kinds: bool) -> Changes:
        """Companies changed (with these ids; None, a contact's missing company, is passed
        over), plus any other kinds named."""
        return cls(companies=True, company_ids=frozenset(i for i in ids if i is not None), **kinds)


NOTHING = Changes()
# All of the data was replaced (a restored backup, a repair): every view reads again.
EVERYTHING = Changes(
    companies=True,
    contacts=True,
    tags=True,
    team=True,
    activities=True,
    opportunities=True,
    trash=True,
    views=True,
    imports=True,
    profiles=True,
)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a use case that writes returns: its result, and what it changed."""

    value: T
    changes: Changes
    undo: UndoStep | None = None  # how to take the change back, where it can be
