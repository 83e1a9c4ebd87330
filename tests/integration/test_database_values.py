"""Every bad --database value ends in one sentence and exit code 1: no traceback, no password,
and nothing created or changed."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from prospector.records import CompanyInput
from prospector.schema import open_database
from prospector.services import companies
from tests.helpers import run_main

PASSWORD = "Geheim-42"


def _good(path: Path, companies_count: int = 300) -> Path:
    opened = open_database(f"sqlite:///{path}")
    try:
        with opened.database.writing() as session:
            for number in range(companies_count):
                companies.create_company(
                    session, CompanyInput(name=f"Firma {number} GmbH", city="Dresden")
                )
    finally:
        opened.database.dispose()
    return path


def _damaged_schema(folder: Path) -> str:
    """SQLite's header intact, the table of tables on page 1 overwritten."""
    path = _good(folder / "kaputt.sqlite")
    with path.open("r+b") as handle:
        handle.seek(100)
        handle.write(b"\xa5" * (4096 - 100))
    return str(path)


def _damaged_data(folder: Path) -> str:
    """The schema readable, the pages of the companies overwritten."""
    path = _good(folder / "kaputt.sqlite")
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'companies'").fetchone()
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for page in range(root[0] - 1, size // page_size):
            handle.seek(page * page_size)
            handle.write(b"\xa5" * 64)
    return str(path)


def _text_file(folder: Path) -> str:
    path = folder / "notizen.sqlite"
    path.write_text("Einkaufsliste\n", encoding="utf-8")
    return str(path)


def _foreign_alembic(folder: Path) -> str:
    path = folder / "fremd.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num TEXT)")
    conn.execute("INSERT INTO alembic_version VALUES ('ae1027a6acf')")
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    return str(path)


def _newer(folder: Path) -> str:
    path = _good(folder / "neuer.sqlite", companies_count=1)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    return str(path)


def _read_only(folder: Path) -> str:
    path = _good(folder / "schreibgeschuetzt.sqlite", companies_count=1)
    path.chmod(0o444)
    return str(path)


def _under_a_file(folder: Path) -> str:
    (folder / "notiz.txt").write_text("x", encoding="utf-8")
    return str(folder / "notiz.txt" / "firma.sqlite")


def _files(folder: Path) -> list[Path]:
    """The files in `folder`, leaving out the empty -wal and -shm files SQLite makes when it
    reads a file in WAL mode."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.name.endswith(("-wal", "-shm")):
            assert path.stat().st_size <= 32768, path
            continue
        found.append(path.relative_to(folder))
    return found


Case = tuple[str, Callable[[Path], str], str]

CASES: list[Case] = [
    (
        "export",
        lambda _f: f"postgresql+psycopg://anna:{PASSWORD}@localhost:keinport/firma",
        "is not a database Prospector can open",
    ),
    (
        "import",
        lambda _f: f"mysql+nosuchdriver://anna:{PASSWORD}@db.example/firma",
        "is not a database Prospector can open",
    ),
    (
        "export",
        lambda _f: f"postgresql+pg8000://anna:{PASSWORD}@localhost/firma",  # not installed
        "is not a database Prospector can open",
    ),
    (
        "export",
        lambda _f: f"postgresql+psycopg://anna:{PASSWORD}@127.0.0.1:1/firma",
        "cannot be reached",
    ),
    ("export", lambda f: str(f / "fehlt.sqlite"), "does not exist"),
    ("export", lambda f: str(f / "tippfehler" / "firma.sqlite"), "does not exist"),
    ("import", _under_a_file, "is a file, not a folder"),
    ("export", _damaged_schema, "is damaged"),
    ("import", _damaged_schema, "is damaged"),
    ("export", _damaged_data, "is damaged"),
    ("export", _text_file, "is not a Prospector database"),
    ("import", _foreign_alembic, "is a database of another program"),
    ("export", _newer, "was written by a newer version of Prospector"),
    ("import", _read_only, "is read-only"),
]


@pytest.mark.parametrize(
    ("command", "make", "sentence"),
    CASES,
    ids=[
        "bad-port",
        "unknown-driver",
        "driver-not-installed",
        "unreachable",
        "missing-file",
        "mistyped-folder",
        "under-a-file",
        "damaged-schema-export",
        "damaged-schema-import",
        "damaged-data",
        "not-a-database",
        "foreign-alembic",
        "newer",
        "read-only",
    ],
)
def test_a_bad_database_is_one_sentence_exit_1_no_traceback_no_password(
    tmp_path: Path, command: str, make: Callable[[Path], str], sentence: str
) -> None:
    work = tmp_path / "arbeit"
    work.mkdir()
    database = make(work)
    before = _files(work)
    source = tmp_path / "kunden.csv"
    source.write_text("Firma;Ort\nMüller GmbH;Dresden\n", encoding="utf-8")
    target = tmp_path / "alle.xlsx"
    args = [str(source)] if command == "import" else [str(target)]
    result = run_main(command, *args, "--database", database, data_dir=tmp_path / "daten")

    assert result.returncode == 1, result.stdout + result.stderr
    message = result.stderr.strip()
    assert sentence in message
    assert len(message.splitlines()) == 1, message
    assert "Traceback" not in result.stderr
    log = tmp_path / "daten" / "prospector.log"
    for text in (result.stdout, result.stderr, log.read_text("utf-8") if log.exists() else ""):
        assert PASSWORD not in text
    if "://" in database:
        assert "anna:***@" in message
    # Nothing created or changed beside the database; no export written.
    assert _files(work) == before
    assert not target.exists()


def test_an_export_names_a_wrong_ending_and_a_missing_folder_before_opening_anything(
    tmp_path: Path,
) -> None:
    database = _good(tmp_path / "firma.sqlite", companies_count=1)
    wrong = run_main(
        "export", str(tmp_path / "alle.txt"), "--database", str(database), data_dir=tmp_path
    )
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == (
        f"{tmp_path / 'alle.txt'}: an export is written as .xlsx or .csv. "
        "Give the file one of these endings."
    )
    missing = tmp_path / "ordner" / "alle.xlsx"
    absent = run_main("export", str(missing), "--database", str(database), data_dir=tmp_path)
    assert absent.returncode == 1
    assert absent.stderr.strip().endswith("does not exist. Choose another folder.")
    assert not missing.parent.exists()


def test_the_command_line_says_that_it_migrated_and_where_the_backup_is(tmp_path: Path) -> None:
    from prospector.schema import downgrade

    path = _good(tmp_path / "firma.sqlite", companies_count=3)
    opened = open_database(f"sqlite:///{path}")
    try:
        downgrade(opened.database, "0005")
    finally:
        opened.database.dispose()
    result = run_main(
        "export", str(tmp_path / "alle.xlsx"), "--database", str(path), data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{path} was updated for this version of Prospector; the backup")
    backup = Path(line.rsplit(" is ", 1)[1].rstrip("."))
    assert backup.parent == path.parent / "backups"
    assert backup.name.startswith("firma-")
    assert backup.name.endswith("-schema-0005.sqlite")
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0005",)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
    assert "3 companies" in result.stdout
    assert os.listdir(path.parent / "backups") == [backup.name]  # no temporary beside it
