"""`main.py import` and `main.py export` from the command line, on a real SQLite file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from prospector.schema import open_database
from prospector.services import company_query

ROOT = Path(__file__).resolve().parents[2]

CSV = (
    "Kundenliste Messe 2026\n"
    "\n"
    "Firma;PLZ;Ort;Telefon;Ansprechpartner\n"
    "Müller Maschinenbau GmbH;01069;Dresden;0351 4567890;Herr Max Müller\n"
    "Förde Druck KG;24103;Kiel;0431 12;Frau Eva Weiß\n"
    "Alpenblick Logistik AG;80331;München;089 1234567;\n"
)


def _run(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PROSPECTOR_DATA_DIR": str(data_dir)}
    env.pop("PROSPECTOR_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "main.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _count(database: Path) -> int:
    opened = open_database(f"sqlite:///{database}")
    try:
        with opened.database.reading() as session:
            return company_query.count_companies(session)
    finally:
        opened.database.dispose()


def test_import_prints_the_summary_and_stores_the_rows(tmp_path: Path) -> None:
    source = tmp_path / "kunden.csv"
    source.write_bytes(CSV.encode("cp1252"))
    database = tmp_path / "firma.sqlite"
    dry = _run("import", str(source), "--database", str(database), "--dry-run", data_dir=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "2 new companies" in dry.stdout
    assert "would be imported" in dry.stdout
    assert _count(database) == 0
    done = _run("import", str(source), "--database", str(database), data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "kunden.csv: 2 new companies, 0 updated, 1 new contact" in done.stdout
    assert "1 row with errors" in done.stdout
    assert "row 5: phone:" in done.stdout  # the line as the user sees it in the file
    assert _count(database) == 2
    again = _run(
        "import",
        str(source),
        "--database",
        str(database),
        "--on-duplicate",
        "skip",
        data_dir=tmp_path,
    )
    assert "0 new companies" in again.stdout
    assert "2 skipped as duplicates" in again.stdout
    assert _count(database) == 2


def test_a_broken_file_is_one_clear_message_and_exit_code_1(tmp_path: Path) -> None:
    source = tmp_path / "kaputt.xlsx"
    source.write_bytes(b"PK\x03\x04 this is no workbook")
    database = tmp_path / "firma.sqlite"
    result = _run("import", str(source), "--database", str(database), data_dir=tmp_path)
    assert result.returncode == 1
    assert "kaputt.xlsx" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
