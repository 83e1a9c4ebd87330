"""Layers inside prospector/: exchange is file formats only, and only the entry points and the
services themselves use the services."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "prospector"
# What a file format has no business with: use cases, records in the database, sessions.
NOT_FOR_EXCHANGE = ("prospector.services", "prospector.models", "prospector.db", "sqlalchemy")
ENTRY_POINTS = {PACKAGE / "cli.py", PACKAGE / "cli_calendar.py", PACKAGE / "cli_activities.py"}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports, `from a import b` counted as a and as a.b."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def reaching(root: Path, paths: list[Path], banned: tuple[str, ...]) -> dict[str, list[str]]:
    """The files among `paths` that import one of `banned` or a module inside it."""
    offenders = {}
    for path in paths:
        hits = sorted(
            name
            for name in imported_modules(path)
            if any(name == b or name.startswith(f"{b}.") for b in banned)
        )
        if hits:
            offenders[path.relative_to(root).as_posix()] = hits
    return offenders


def test_exchange_holds_file_formats_only() -> None:
    files = sorted((PACKAGE / "exchange").rglob("*.py"))
    assert reaching(ROOT, files, NOT_FOR_EXCHANGE) == {}


def test_only_entry_points_and_services_use_the_services() -> None:
    below = [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if PACKAGE / "services" not in path.parents and path not in ENTRY_POINTS
    ]
    assert reaching(ROOT, below, ("prospector.services",)) == {}


def test_the_check_finds_a_file_format_that_reaches_up(tmp_path: Path) -> None:
    bad = tmp_path / "prospector" / "exchange" / "bad.py"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "from prospector import services\nimport sqlalchemy.orm\nimport csv\n", encoding="utf-8"
    )
    assert reaching(tmp_path, [bad], NOT_FOR_EXCHANGE) == {
        "prospector/exchange/bad.py": ["prospector.services", "sqlalchemy.orm"]
    }
