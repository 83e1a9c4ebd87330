"""What "check the database" found and did: a record per check, and the whole report."""

from __future__ import annotations

from dataclasses import dataclass

# The checks, in the order they run and are reported.
INTEGRITY = "integrity"  # SQLite's PRAGMA integrity_check (the file itself)
REFERENCES = "references"  # rows that point to a row that is gone
NAME_KEYS = "name_keys"  # the folded names companies are sorted and matched by
SEARCH = "search"  # the search text of companies and contacts
FULL_TEXT = "full_text"  # SQLite's full-text indexes on that text


@dataclass(frozen=True)
class Finding:
    """One check: how many problems it found and how many of them it repaired."""

    check: str
    found: int = 0
    repaired: int = 0
    messages: tuple[str, ...] = ()  # SQLite's own words for damage (no data in them)

    @property
    def left(self) -> int:
        return self.found - self.repaired


@dataclass(frozen=True)
class CheckReport:
    """What "check the database" found and did, check by check."""

    findings: tuple[Finding, ...]
    companies: int
    contacts: int
    damaged: bool  # the file failed integrity_check: restore a backup, nothing was repaired

    @property
    def healthy(self) -> bool:
        """No problem left after the repairs."""
        return not self.damaged and all(finding.left == 0 for finding in self.findings)

    @property
    def repaired(self) -> int:
        return sum(finding.repaired for finding in self.findings)
