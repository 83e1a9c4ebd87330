"""`main.py export` from the command line, with and without a saved view, on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

import factories
import openpyxl
import pytest
from helpers import run_main

from prospector.company_filter import CompanyFilter
from prospector.schema import open_database
from prospector.services import views

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """The three sample firms, one with a contact, and two saved views (the one the tests
    export is not the first by name)."""
    path = tmp_path / "firma.sqlite"
    db = open_database(f"sqlite:///{path}").database
    try:
        ids = factories.firms(db)
        factories.contact(db, ids["kiel"], "Schäfer", first_name="Jörg")
        south = CompanyFilter(states=("Bayern", "Sachsen"))
        views.save_view(db, "companies", "Süden", south.to_json(), None)
        north = CompanyFilter(states=("Schleswig-Holstein",))
        views.save_view(db, "companies", "Norden", north.to_json(), None)
    finally:
        db.dispose()
    return path


def _exported_names(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = workbook["Unternehmen"].iter_rows(values_only=True)
        column = next(rows).index("Firma")
        return [row[column] for row in rows]
    finally:
        workbook.close()


def test_export_writes_every_company_or_only_those_of_the_saved_view(
    tmp_path: Path, database: Path
) -> None:
    south = tmp_path / "süden.xlsx"
    result = run_main(
        "export", str(south), "--database", str(database), "--view", "Süden", data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("süden.xlsx: 2 companies, 0 contacts")
    assert sorted(_exported_names(south)) == ["Alpenblick Logistik AG", "Müller Maschinenbau GmbH"]

    everything = tmp_path / "alle.xlsx"
    result = run_main("export", str(everything), "--database", str(database), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("alle.xlsx: 3 companies, 1 contact")
    assert sorted(_exported_names(everything)) == [
        "Alpenblick Logistik AG",
        "Förde Druck KG",
        "Müller Maschinenbau GmbH",
    ]


def test_an_unknown_view_is_one_clear_message_and_exit_code_1(
    tmp_path: Path, database: Path
) -> None:
    target = tmp_path / "westen.xlsx"
    result = run_main(
        "export", str(target), "--database", str(database), "--view", "Westen", data_dir=tmp_path
    )
    assert result.returncode == 1
    assert result.stdout == ""
    (message,) = result.stderr.strip().splitlines()
    assert "Westen" in message
    assert "view" in message
    assert not target.exists()


@pytest.mark.parametrize(("language", "stage"), [("de", "Zielunternehmen"), ("en", "Target")])
def test_the_export_speaks_the_language_asked_for(
    tmp_path: Path, database: Path, language: str, stage: str
) -> None:
    target = tmp_path / "alle.xlsx"
    result = run_main(
        "--language",
        language,
        "export",
        str(target),
        "--database",
        str(database),
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    workbook = openpyxl.load_workbook(target, read_only=True)
    try:
        rows = workbook["Unternehmen"].iter_rows(values_only=True)
        column = next(rows).index("Phase")
        assert {row[column] for row in rows} == {stage}
    finally:
        workbook.close()
