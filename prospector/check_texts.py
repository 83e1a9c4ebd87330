"""The report of "check the database" in the user's language (window and command line)."""

from __future__ import annotations

from prospector.check_report import (
    FULL_TEXT,
    INTEGRITY,
    NAME_KEYS,
    REFERENCES,
    SEARCH,
    CheckReport,
    Finding,
)
from prospector.i18n import translate
from prospector.import_texts import number


def _sound(finding: Finding, server: bool) -> str:
    texts = {
        INTEGRITY: translate("Check", "The file is whole (SQLite's integrity check).")
        if not server
        else translate("Check", "The server keeps the database files whole itself."),
        REFERENCES: translate("Check", "No record refers to a record that is gone."),
        NAME_KEYS: translate("Check", "The sort names of all companies are right."),
        SEARCH: translate("Check", "The search text of every company and contact is current."),
        FULL_TEXT: translate("Check", "The full-text indexes of the search are in step."),
    }
    return texts[finding.check]


def _repaired(finding: Finding) -> str:
    texts = {
        REFERENCES: translate(
            "Check", "References to records that are gone: {found}; removed: {repaired}."
        ),
        NAME_KEYS: translate("Check", "Sort names of companies out of date, now renewed: {found}."),
        SEARCH: translate("Check", "Search texts out of date, now renewed: {found}."),
        FULL_TEXT: translate("Check", "Full-text indexes out of step, now rebuilt: {found}."),
    }
    return texts[finding.check].format(
        found=number(finding.found), repaired=number(finding.repaired)
    )


def report_lines(report: CheckReport, location: str, *, server: bool = False) -> list[str]:
    """The headline, then one line per check."""
    if report.damaged:
        (integrity,) = report.findings
        lines = [
            translate(
                "Check",
                "{location} is damaged: SQLite's integrity check found problems. Nothing was "
                "changed. Restore a backup of it (File \u203a Backups).",
            ).format(location=location)
        ]
        lines.extend(f"  {message}" for message in integrity.messages[:5])
        return lines
    if report.repaired:
        head = translate(
            "Check",
            "{location} is in order again: {companies} companies, {contacts} contacts. "
            "Problems repaired: {repaired}.",
        )
    else:
        head = translate(
            "Check", "{location} is in order: {companies} companies, {contacts} contacts."
        )
    lines = [
        head.format(
            location=location,
            companies=number(report.companies),
            contacts=number(report.contacts),
            repaired=number(report.repaired),
        )
    ]
    for finding in report.findings:
        mark = "\u2713" if not finding.found else "\u2192"
        text = _sound(finding, server) if not finding.found else _repaired(finding)
        lines.append(f"  {mark} {text}")
    return lines
