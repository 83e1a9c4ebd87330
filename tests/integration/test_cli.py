"""`main.py import` and `main.py export` from the command line, on a real SQLite file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import run_main
from sqlalchemy import update

from prospector.models import Company, utcnow
from prospector.records import CompanyInput
from prospector.schema import open_database
from prospector.services import companies, company_query, trash

ROOT = Path(__file__).resolve().parents[2]

CSV = (
    "Kundenliste Messe 2026\n"
    "\n"
    "Firma;PLZ;Ort;Telefon;Ansprechpartner\n"
    "Müller Maschinenbau GmbH;01069;Dresden;0351 4567890;Herr Max Müller\n"
    "Förde Druck KG;24103;Kiel;0431 12;Frau Eva Weiß\n"
    "Alpenblick Logistik AG;80331;München;089 1234567;\n"
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
    dry = run_main(
        "import", str(source), "--database", str(database), "--dry-run", data_dir=tmp_path
    )
    assert dry.returncode == 0, dry.stderr
    _mapping, counts = dry.stdout.split("\n\n", 1)  # a dry run names each column's field first
    assert counts.splitlines()[:3] == [
        # Three rows say too little to suggest a country: the home country, said so.
        "Country of rows that name none: Germany "
        "(the home country; choose another with --country).",
        "kunden.csv: 3 rows would be imported (1 of them with notes), "
        "0 skipped as duplicates, 0 refused.",
        "  3 new companies, 0 companies updated, 2 new contacts.",
    ]
    assert _count(database) == 0
    done = run_main("import", str(source), "--database", str(database), data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "kunden.csv: 3 rows imported (1 of them with notes), 0 skipped as duplicates, 0 refused.",
        "  3 new companies, 0 companies updated, 2 new contacts.",
        "  Imported with a note in the record:",
        "    1 \u00d7 Phone: not a valid phone number",
        "Import number 1; it can be undone in the application.",
    ]
    assert _count(database) == 3
    again = run_main(
        "import",
        str(source),
        "--database",
        str(database),
        "--on-duplicate",
        "skip",
        data_dir=tmp_path,
    )
    assert "0 new companies" in again.stdout
    assert "3 skipped as duplicates" in again.stdout
    assert again.returncode == 1  # nothing imported the second time
    assert _count(database) == 3


def test_the_summary_speaks_german_when_asked(tmp_path: Path) -> None:
    source = tmp_path / "kunden.csv"
    source.write_bytes(CSV.encode("cp1252"))
    database = tmp_path / "firma.sqlite"
    done = run_main(
        "--language", "de", "import", str(source), "--database", str(database), data_dir=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "kunden.csv: 3 Zeilen importiert (davon 1 mit Hinweisen), 0 als Dubletten übersprungen, "
        "0 abgelehnt.",
        "  3 neue Unternehmen, 0 Unternehmen geändert, 2 neue Ansprechpartner.",
        "  Importiert, mit Hinweis in den Notizen des Eintrags:",
        "    1 \u00d7 Telefon: keine gültige Telefonnummer",
        "Import Nr. 1; er kann im Programm rückgängig gemacht werden.",
    ]


def test_a_broken_file_is_one_clear_message_and_exit_code_1(tmp_path: Path) -> None:
    source = tmp_path / "kaputt.xlsx"
    source.write_bytes(b"PK\x03\x04 this is no workbook")
    database = tmp_path / "firma.sqlite"
    result = run_main("import", str(source), "--database", str(database), data_dir=tmp_path)
    assert result.returncode == 1
    assert "kaputt.xlsx" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def _trashed(database: Path) -> list[str]:
    opened = open_database(f"sqlite:///{database}")
    try:
        with opened.database.reading() as session:
            return sorted(c.name for c in trash.list_trash(session))
    finally:
        opened.database.dispose()


def _expired_and_recent_in_trash(database: Path) -> None:
    opened = open_database(f"sqlite:///{database}")
    try:
        db = opened.database
        with db.writing() as session:
            old = companies.create_company(session, CompanyInput(name="Alt GmbH")).id
            recent = companies.create_company(session, CompanyInput(name="Neu GmbH")).id
        trash.trash_companies(db, [old, recent])
        expired = utcnow() - trash.KEEP_FOR - dt.timedelta(days=1)
        with db.writing() as session:
            session.execute(update(Company).where(Company.id == old).values(deleted_at=expired))
    finally:
        opened.database.dispose()


def test_an_export_only_reads_and_leaves_the_trash_to_the_next_writer(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    _expired_and_recent_in_trash(database)
    before = database.stat().st_mtime_ns
    result = run_main(
        "export", str(tmp_path / "alle.xlsx"), "--database", str(database), data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("alle.xlsx: 0 companies")  # the trash is never exported
    assert database.stat().st_mtime_ns == before
    assert _trashed(database) == ["Alt GmbH", "Neu GmbH"]


def test_import_empties_the_expired_trash_first(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    _expired_and_recent_in_trash(database)
    source = tmp_path / "kunden.csv"
    source.write_bytes(CSV.encode("cp1252"))
    # A dry run writes nothing, not even the tidying of the trash.
    dry = run_main(
        "import", str(source), "--database", str(database), "--dry-run", data_dir=tmp_path
    )
    assert dry.returncode == 0, dry.stderr
    assert _trashed(database) == ["Alt GmbH", "Neu GmbH"]
    result = run_main("import", str(source), "--database", str(database), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _trashed(database) == ["Neu GmbH"]
    log = (tmp_path / "prospector.log").read_text(encoding="utf-8")
    assert "removed 1 companies that were in the trash for 30 days" in log
