"""The imports done so far: list them, and undo one as a whole."""

from __future__ import annotations

from prospector.changes import Changes, Outcome
from prospector.db import Database
from prospector.exchange.importer import UndoCheck
from prospector.exchange.importer import undo_import as _undo_import
from prospector.progress import Progress


def undo_import(
    db: Database, batch_id: int, progress: Progress | None = None
) -> Outcome[UndoCheck]:
    """Remove what the import added and restore what it changed, in one transaction."""
    with db.writing() as session:
        done = _undo_import(session, batch_id)
        if progress is not None:
            progress.check()  # a cancel before the commit leaves the import in place
    return Outcome(done, Changes(companies=True, contacts=True, tags=True, imports=True))
