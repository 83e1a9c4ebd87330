"""Saved views: named filter sets and column layouts, one list per page of the window."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.errors import FieldProblem, NotFound, ValidationFailed
from prospector.models import SavedView, utcnow

NAME_LIMIT = 120


@dataclass(frozen=True)
class SavedViewRecord:
    id: int
    page: str
    name: str
    filters: dict[str, Any]
    columns: str | None
    version: int


def _record(view: SavedView) -> SavedViewRecord:
    # A copy, so that a caller changing the dict cannot change what the session holds.
    return SavedViewRecord(
        id=view.id,
        page=view.page,
        name=view.name,
        filters=copy.deepcopy(view.filters),
        columns=view.columns,
        version=view.version,
    )


def _clean_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned:
        raise ValidationFailed({"name": FieldProblem("required", "a name is required")})
    if len(cleaned) > NAME_LIMIT:
        raise ValidationFailed(
            {
                "name": FieldProblem(
                    "too_long", f"longer than {NAME_LIMIT} characters", limit=NAME_LIMIT
                )
            }
        )
    return cleaned


def list_views(session: Session, page: str) -> list[SavedViewRecord]:
    """The views of one page, by name regardless of case."""
    views = session.scalars(select(SavedView).where(SavedView.page == page))
    # Sorted here, not in SQL: SQLite and PostgreSQL collate differently.
    return sorted((_record(v) for v in views), key=lambda r: (r.name.casefold(), r.name))


def save_view(
    db: Database, page: str, name: str, filters: dict[str, Any], columns: str | None
) -> Outcome[SavedViewRecord]:
    """Store a view; a view of the same page and name is replaced (the UI asks before)."""
    cleaned = _clean_name(name)
    with db.writing() as session:
        view = session.scalars(
            select(SavedView).where(SavedView.page == page, SavedView.name == cleaned)
        ).one_or_none()
        if view is None:
            view = SavedView(page=page, name=cleaned)
            session.add(view)
        else:
            # Touching updated_at makes the row dirty even when nothing else changed,
            # so the version always moves on when a view is replaced.
            view.updated_at = utcnow()
        view.filters = copy.deepcopy(filters)
        view.columns = columns
        session.flush()
        saved = _record(view)
    return Outcome(saved, Changes(views=True))


def delete_view(db: Database, view_id: int) -> Outcome[None]:
    with db.writing() as session:
        view = session.get(SavedView, view_id)
        if view is None:
            raise NotFound(entity="saved view", id=view_id)
        session.delete(view)
    return Outcome(None, Changes(views=True))
