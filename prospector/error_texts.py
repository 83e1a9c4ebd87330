"""The errors the user meets, as one sentence each in their language (window and command line)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping

from prospector import labels
from prospector.enums import Criterion, LeadStatus
from prospector.errors import ProspectorError
from prospector.i18n import translate

log = logging.getLogger(__name__)


def _entity(name: str) -> str:
    names = {
        "company": translate("Messages", "company"),
        "contact": translate("Messages", "contact"),
        "saved view": translate("Messages", "saved view"),
        "team member": translate("Messages", "team member"),
        "lead": translate("Messages", "lead"),
        "opportunity": translate("Messages", "opportunity"),
        "persona": translate("Messages", "persona"),
    }
    return names.get(name, name)


_TEMPLATES: dict[str, Callable[[], str]] = {
    "not_a_database": lambda: translate(
        "Messages", "{location} is not a Prospector database. Choose another file or a new one."
    ),
    "foreign_database": lambda: translate(
        "Messages",
        "{location} is a database of another program, not of Prospector. "
        "Choose another file or a new one.",
    ),
    "database_too_new": lambda: translate(
        "Messages",
        "{location} was written by a newer version of Prospector (schema {revision}). "
        "Install the newer version to open it.",
    ),
    "database_read_only": lambda: translate(
        "Messages",
        "{location} is read-only. Make the file and its folder writable, "
        "or choose another database.",
    ),
    "database_locked": lambda: translate(
        "Messages",
        "{location} is locked by another program. Close the other program and try again.",
    ),
    "database_damaged": lambda: translate(
        "Messages",
        "{location} is damaged: parts of it cannot be read. Restore a backup of it "
        "(in the folder \u201cbackups\u201d beside it), or choose another database.",
    ),
    "disk_full": lambda: translate(
        "Messages",
        "The disk of {location} is full. Free some space on it and try again; nothing was changed.",
    ),
    "disk_failure": lambda: translate(
        "Messages",
        "The disk of {location} reported a read or write error. Check the disk or the "
        "network connection and try again; if it happens again, restore a backup.",
    ),
    "database_missing": lambda: translate(
        "Messages", "{location} does not exist. Check the name and the folder of the database."
    ),
    "not_a_folder": lambda: translate(
        "Messages",
        "{location} cannot be created: {folder} is a file, not a folder. "
        "Choose another place for the database.",
    ),
    "bad_database_url": lambda: translate(
        "Messages",
        "\u201c{location}\u201d is not a database Prospector can open. Give a file, or a "
        "PostgreSQL server as postgresql+psycopg://user:password@host:5432/database.",
    ),
    "backup_no_room": lambda: translate(
        "Messages",
        "There is no room for a backup of {location}: {needed} MB are needed, {free} MB are "
        "free on the disk. Free some space and try again; nothing was changed.",
    ),
    "backup_failed": lambda: translate(
        "Messages",
        "The backup of {location} could not be written to the folder {folder}. Check that the "
        "folder is writable and the disk is in order; nothing was changed.",
    ),
    "server_no_backups": lambda: translate(
        "Messages",
        "Backups are made of database files. Back up the database server {location} with its "
        "own tools, such as pg_dump.",
    ),
    "backup_damaged": lambda: translate(
        "Messages",
        "The backup {location} is damaged or not a Prospector database. Choose another one.",
    ),
    "export_disk_full": lambda: translate(
        "Messages",
        "The disk has no room left for {path}. Free some space and export again; "
        "nothing was written.",
    ),
    "export_not_allowed": lambda: translate(
        "Messages",
        "{path} cannot be written: the folder is read-only or you may not write there. "
        "Choose another folder.",
    ),
    "export_no_folder": lambda: translate(
        "Messages", "The folder of {path} does not exist. Choose another folder."
    ),
    "export_unknown_format": lambda: translate(
        "Messages",
        "{path}: an export is written as .xlsx or .csv. Give the file one of these endings.",
    ),
    "database_unreachable": lambda: translate(
        "Messages", "The database server at {location} cannot be reached: {reason}"
    ),
    "database": lambda: translate("Messages", "The database {location} cannot be used: {reason}"),
    "export_failed": lambda: translate("Messages", "The export to {path} failed: {reason}"),
    "export_too_large": lambda: translate(
        "Messages",
        "The sheet {sheet} would have more than {limit} rows, more than Excel can open. "
        "Export to CSV, or export fewer companies.",
    ),
    "export_target_in_use": lambda: translate(
        "Messages",
        "{path} cannot be replaced; it may be open in Excel. Close it there and export again.",
    ),
    "not_found": lambda: translate(
        "Messages", "The {entity} with number {id} no longer exists; it may have been deleted."
    ),
    "concurrent_edit": lambda: translate(
        "Messages",
        "The {entity} \u201c{name}\u201d was changed by someone else since you opened it. "
        "Reload it to see the changes.",
    ),
    "undo_outdated": lambda: translate(
        "Messages",
        "This can no longer be undone or redone: {count} of the companies were changed or "
        "deleted since.",
    ),
}


REFUSALS: dict[str, Callable[[], str]] = {
    "not_allowed": lambda: translate(
        "Messages", "A lead cannot go from \u201c{current}\u201d to \u201c{target}\u201d."
    ),
    "no_company": lambda: translate(
        "Messages", "A person without a company is not a lead. Link the person to a company first."
    ),
    "criteria_missing": lambda: translate(
        "Messages",
        "An opportunity needs all four criteria met, with evidence. Still missing: {missing}.",
    ),
    "reason_required": lambda: translate("Messages", "Choose why the lead is disqualified."),
    "date_required": lambda: translate("Messages", "Give the date to qualify the lead again."),
}


def refusal_text(code: str, params: Mapping[str, object]) -> str:
    """Why a lead cannot make a move, in one sentence."""
    current, target, missing = params.get("current"), params.get("target"), params.get("missing")
    values = {
        "current": labels.lead_status_label(current) if isinstance(current, LeadStatus) else "",
        "target": labels.lead_status_label(target) if isinstance(target, LeadStatus) else "",
        "missing": ", ".join(
            labels.criterion_label(c)
            for c in (missing if isinstance(missing, tuple) else ())
            if isinstance(c, Criterion)
        ),
    }
    template = REFUSALS.get(code)
    return template().format(**values) if template else code


def describe(error: BaseException) -> str:
    """One sentence for the user, in their language."""
    if isinstance(error, ProspectorError) and error.code == "move_refused":
        return refusal_text(str(error.params.get("refusal")), error.params)
    if isinstance(error, ProspectorError):
        template = _TEMPLATES.get(error.code)
        if template is not None:
            params = dict(error.params)
            if "entity" in params:
                params["entity"] = _entity(str(params["entity"]))
            try:
                return template().format(**params)
            except (KeyError, IndexError):
                log.warning("message template for %s does not fit its parameters", error.code)
        return error.message
    return translate(
        "Messages", "An unexpected error occurred: {reason}. The details are in the log file."
    ).format(reason=type(error).__name__)
