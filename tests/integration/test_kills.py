"""Killed at any moment: an import, an export, a migration or a backup leaves a sound database,
all of its work or none of it, and no stray file once the program has started again."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import ROOT, write_fair_list

from prospector.exchange.readers import read_table
from prospector.schema import SCHEMA_HEAD, downgrade, open_database
from prospector.services import importing

RUNS_PER_KIND = 9  # 36 kills in all
MAX_ATTEMPTS = 4  # a run that ends before its kill is tried again, earlier
COMPANIES = 4000
NEW_ROWS = 3000
OLD_SCHEMA = "0004"  # the migrations after it rebuild the contacts' search data

# The program's modules are loaded before "ready", so that the kills fall into the work itself
# rather than into Python's start; then main() runs as `python main.py ARGS` would run it.
RUNNER = """
import sys
sys.path.insert(0, {root!r})
import main, prospector.cli, prospector.schema, prospector.services.importing
import prospector.services.exporting, prospector.backups, alembic.command
print("ready", flush=True)
sys.exit(main.main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A database with COMPANIES companies and their contacts, at the current schema and at
    the old one; each run works on a copy."""
    folder = tmp_path_factory.mktemp("seeds")
    current = folder / "aktuell.sqlite"
    opened = open_database(f"sqlite:///{current}")
    try:
        table = read_table(write_fair_list(folder / "bestand.csv", COMPANIES, 0))
        plan, _ = importing.preview_import(opened.database, table)
        importing.run_import(opened.database, plan)
    finally:
        opened.database.dispose()
    old = folder / "alt.sqlite"
    shutil.copy(current, old)
    opened = open_database(f"sqlite:///{old}")
    try:
        downgrade(opened.database, OLD_SCHEMA)
    finally:
        opened.database.dispose()
    new = write_fair_list(folder / "neu.csv", NEW_ROWS, COMPANIES)
    return {"current": current, "old": old, "list": new}


@dataclass
class Run:
    folder: Path
    database: Path
    scratch: Path  # the temporary folder of the program (TMPDIR)

    def environment(self) -> dict[str, str]:
        env = {**os.environ, "PROSPECTOR_DATA_DIR": str(self.folder / "daten")}
        env.update(TMPDIR=str(self.scratch), TEMP=str(self.scratch), TMP=str(self.scratch))
        env.pop("PROSPECTOR_DATABASE_URL", None)
        return env

    def start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", RUNNER.format(root=str(ROOT)), *args],
            cwd=self.folder,
            env=self.environment(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


def _arguments(kind: str, run: Run, seeds: dict[str, Path]) -> list[str]:
    database = ["--database", str(run.database)]
    if kind == "import":
        return ["--language", "en", "import", str(seeds["list"]), *database]
    if kind in ("export", "migration"):
        return ["--language", "en", "export", str(run.folder / "alle.xlsx"), *database]
    return ["--language", "en", "backup", *database]


def _new_run(tmp_path: Path, name: str, seed: Path) -> Run:
    folder = tmp_path / name
    scratch = folder / "tmp"
    scratch.mkdir(parents=True)
    database = folder / "firma.sqlite"
    shutil.copy(seed, database)
    return Run(folder=folder, database=database, scratch=scratch)


def _wait_ready(process: subprocess.Popen[str]) -> float:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.strip() == "ready", (line, process.stderr.read() if process.stderr else "")
    return time.perf_counter()


def _work_time(kind: str, tmp_path: Path, seeds: dict[str, Path]) -> float:
    """How long the work takes after "ready" when nobody interrupts it."""
    seed = seeds["old"] if kind == "migration" else seeds["current"]
    run = _new_run(tmp_path, f"{kind}-whole", seed)
    process = run.start(*_arguments(kind, run, seeds))
    began = _wait_ready(process)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return time.perf_counter() - began


def _sqlite(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def _check_sound(path: Path) -> tuple[str, int, int]:
    """integrity_check and foreign_key_check pass; the schema and the counts."""
    conn = _sqlite(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)], path
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == [], path
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        companies = conn.execute("SELECT count(*) FROM companies").fetchone()[0]
        contacts = conn.execute("SELECT count(*) FROM contacts").fetchone()[0]
    finally:
        conn.close()
    return revision, companies, contacts


def _stray(run: Run) -> list[str]:
    """Temporary files of exports and backups, and scratch folders of spreadsheet writers."""
    found = [
        str(path.relative_to(run.folder))
        for path in run.folder.rglob("*")
        if ".part" in path.name or ".tmp" in path.name or path.parent == run.scratch
    ]
    return sorted(found)


def _check_after(kind: str, run: Run, seeds: dict[str, Path]) -> None:
    revision, companies, contacts = _check_sound(run.database)
    if kind == "import":
        assert revision == SCHEMA_HEAD
        assert (companies, contacts) in ((COMPANIES, COMPANIES), (COMPANIES + NEW_ROWS,) * 2)
    elif kind == "migration":
        assert revision in (OLD_SCHEMA, SCHEMA_HEAD)
        assert (companies, contacts) == (COMPANIES, COMPANIES)
    else:
        assert (revision, companies, contacts) == (SCHEMA_HEAD, COMPANIES, COMPANIES)
    export = run.folder / "alle.xlsx"
    if export.exists():  # only ever a whole one
        import openpyxl

        book = openpyxl.load_workbook(export, read_only=True)
        assert book["Unternehmen"].max_row == COMPANIES + 1
        book.close()
    backups = run.database.parent / "backups"
    for backup in sorted(backups.glob("*.sqlite")) if backups.exists() else []:
        backup_revision, backup_companies, _ = _check_sound(backup)
        assert backup_companies == COMPANIES
        if kind == "migration":
            assert backup_revision == OLD_SCHEMA

    # The next start: the program opens the database again and tidies up after the kill.
    again = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "--language",
            "en",
            "export",
            str(run.folder / "danach.xlsx"),
            "--database",
            str(run.database),
        ],
        cwd=run.folder,
        env=run.environment(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert _check_sound(run.database)[0] == SCHEMA_HEAD
    assert _stray(run) == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["import", "export", "migration", "backup"])
def test_a_kill_at_any_moment_leaves_all_or_nothing_and_no_stray_files(
    kind: str, tmp_path: Path, seeds: dict[str, Path]
) -> None:
    work = _work_time(kind, tmp_path, seeds)
    seed = seeds["old"] if kind == "migration" else seeds["current"]
    for number in range(RUNS_PER_KIND):
        # Spread over the work, from its first moments to near its end.
        moment = work * (number + 0.5) / (RUNS_PER_KIND + 1)
        for attempt in range(MAX_ATTEMPTS):
            run = _new_run(tmp_path, f"{kind}-{number}-{attempt}", seed)
            process = run.start(*_arguments(kind, run, seeds))
            began = _wait_ready(process)
            time.sleep(max(0.0, began + moment - time.perf_counter()))
            process.send_signal(signal.SIGKILL)
            process.communicate(timeout=60)
            _check_after(kind, run, seeds)
            if process.returncode == -signal.SIGKILL:
                break
            # It was done before the kill (a faster run than the measured one): the end
            # state was checked all the same; try again earlier, so that the kill hits.
            moment /= 2
        else:
            pytest.fail(f"no kill of run {number} hit the {kind} in {MAX_ATTEMPTS} attempts")
