"""Named records (profiles, personas, nurturing plans): names unique regardless of case,
checked as one field, and the stored record as it was read."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector import normalize
from prospector.errors import ConcurrentEdit, FieldProblem, NotFound, ValidationFailed

NAME_LIMIT = 120
T = TypeVar("T")


def unique_name(session: Session, model: Any, typed: str, own_id: int | None, what: str) -> str:
    """The name cleaned; ValidationFailed on "name" when it is empty, too long, or another
    record of `model` (a list short enough to compare in Python: SQLite's lower() only folds
    ASCII) is called so already. `what` names the kind in the message ("a profile")."""
    name = normalize.clean_text(typed)
    problem: FieldProblem | None = None
    if not name:
        problem = FieldProblem("required", "a name is required")
    elif len(name) > NAME_LIMIT:
        problem = FieldProblem("too_long", f"longer than {NAME_LIMIT} characters", limit=NAME_LIMIT)
    else:
        folded = name.casefold()
        others = session.execute(select(model.id, model.name)).all()
        if any(other.casefold() == folded and ident != own_id for ident, other in others):
            problem = FieldProblem(
                "duplicate", f"{what} called {name!r} exists already", value=name
            )
    if problem is not None:
        raise ValidationFailed({"name": problem})
    assert name is not None
    return name


def stored_as_read(
    session: Session, model: type[T], ident: int, version: int | None, entity: str
) -> T:
    """The stored record of `model`; NotFound when it is gone, ConcurrentEdit when someone
    saved it since `version` was read (None: not checked)."""
    found = session.get(model, ident)
    if found is None:
        raise NotFound(entity=entity, id=ident)
    stored: Any = found
    if version is not None and stored.version != version:
        raise ConcurrentEdit(entity=entity, name=stored.name)
    return found
