"""Errors that reach the user: a stable code, its parameters and an English sentence."""

from __future__ import annotations

from typing import Any


class ProspectorError(Exception):
    """A failure the user can understand; the UI translates it by its code."""

    code = "error"
    template = "Something went wrong: {reason}"

    def __init__(self, **params: Any) -> None:
        self.params = params
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(**self.params)


class DatabaseError(ProspectorError):
    """The database cannot be opened or used as it is."""

    code = "database"
    template = "The database {location} cannot be used: {reason}"


class NotADatabase(DatabaseError):
    code = "not_a_database"
    template = "{location} is not a Prospector database. Choose another file or a new one."


class ForeignDatabase(DatabaseError):
    code = "foreign_database"
    template = (
        "{location} is a database of another program, not of Prospector. "
        "Choose another file or a new one."
    )


class DatabaseTooNew(DatabaseError):
    code = "database_too_new"
    template = (
        "{location} was written by a newer version of Prospector (schema {revision}). "
        "Install the newer version to open it."
    )


class DatabaseReadOnly(DatabaseError):
    code = "database_read_only"
    template = (
        "{location} is read-only. Make the file and its folder writable, "
        "or choose another database."
    )


class DatabaseLocked(DatabaseError):
    code = "database_locked"
    template = "{location} is locked by another program. Close the other program and try again."


class DatabaseDamaged(DatabaseError):
    code = "database_damaged"
    template = (
        "{location} is damaged: parts of it cannot be read. Restore a backup of it "
        "(in the folder \u201cbackups\u201d beside it), or choose another database."
    )


class DiskFull(DatabaseError):
    code = "disk_full"
    template = (
        "The disk of {location} is full. Free some space on it and try again; nothing was changed."
    )


class DiskFailure(DatabaseError):
    code = "disk_failure"
    template = (
        "The disk of {location} reported a read or write error. Check the disk or the "
        "network connection and try again; if it happens again, restore a backup."
    )


class DatabaseMissing(DatabaseError):
    code = "database_missing"
    template = "{location} does not exist. Check the name and the folder of the database."


class NotAFolder(DatabaseError):
    code = "not_a_folder"
    template = (
        "{location} cannot be created: {folder} is a file, not a folder. "
        "Choose another place for the database."
    )


class BadDatabaseUrl(DatabaseError):
    code = "bad_database_url"
    template = (
        "\u201c{location}\u201d is not a database Prospector can open. Give a file, or a "
        "PostgreSQL server as postgresql+psycopg://user:password@host:5432/database."
    )


class DatabaseUnreachable(DatabaseError):
    code = "database_unreachable"
    template = "The database server at {location} cannot be reached: {reason}"


class NotFound(ProspectorError):
    code = "not_found"
    template = "The {entity} with number {id} no longer exists; it may have been deleted."


class ConcurrentEdit(ProspectorError):
    code = "concurrent_edit"
    template = (
        "The {entity} \u201c{name}\u201d was changed by someone else since you opened it. "
        "Reload it to see the changes."
    )


class UndoOutdated(ProspectorError):
    """The records an undo or redo would write back were changed since, or deleted."""

    code = "undo_outdated"
    template = (
        "This can no longer be undone or redone: {count} of the companies were changed or "
        "deleted since."
    )


class ValidationFailed(ProspectorError):
    """One or more fields are invalid; `problems` maps field name to a FieldProblem."""

    code = "validation"
    template = "{count} field(s) are invalid: {fields}"

    def __init__(self, problems: dict[str, FieldProblem]) -> None:
        self.problems = problems
        super().__init__(count=len(problems), fields=", ".join(sorted(problems)))


class FieldProblem:
    """Why one field value was rejected: a code, parameters and an English sentence."""

    __slots__ = ("code", "message", "params")

    def __init__(self, code: str, message: str, **params: Any) -> None:
        self.code = code
        self.message = message
        self.params = params

    def __repr__(self) -> str:
        return f"FieldProblem({self.code!r}, {self.message!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldProblem) and (self.code, self.params) == (
            other.code,
            other.params,
        )

    def __hash__(self) -> int:
        return hash(self.code)
