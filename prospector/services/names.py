"""Names that must be unique regardless of case (profiles, personas): checked as one field."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector import normalize
from prospector.errors import FieldProblem, ValidationFailed

NAME_LIMIT = 120


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
