"""`main.py import` with its column mapping: `--list-fields`, `--map`, and the mapping a dry run
prints."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import run_main

from prospector.exchange.columns import FIELDS
from prospector.schema import open_database
from prospector.services import companies, company_query

CSV = (
    "Firma;Postleitzal;Ort;Typ;Bemerkung intern\n"
    "Müller Maschinenbau GmbH;01069;Dresden;Maschinenbau;VIP\n"
    "Förde Druck KG;24103;Kiel;Druckerei;\n"
)


def _source(folder: Path) -> Path:
    source = folder / "kunden.csv"
    source.write_bytes(CSV.encode("cp1252"))
    return source


def _industries(database: Path) -> dict[str, str | None]:
    opened = open_database(f"sqlite:///{database}")
    try:
        with opened.database.reading() as session:
            return {
                row.name: companies.get_company(session, row.id).industry
                for row in company_query.list_companies(session)
            }
    finally:
        opened.database.dispose()


def test_list_fields_names_every_field_in_german_and_english(tmp_path: Path) -> None:
    result = run_main("import", "--list-fields", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    rows = [re.split(r"\s{2,}", line) for line in result.stdout.splitlines()]
    assert [row[0] for row in rows] == [f.key for f in FIELDS]
    assert all(len(row) == 3 for row in rows)
    named = {row[0]: (row[1], row[2]) for row in rows}
    assert named["postcode"] == ("PLZ", "Postcode")
    assert named["vat_id"] == ("USt-IdNr.", "VAT ID")
    assert named["external_id"] == (
        "Fremdschlüssel (ID im anderen System)",
        "External reference (ID in another system)",
    )
    assert named["related_company"] == ("Unternehmen der Person", "Person's company")
    # Each name chooses one field only.
    names = [name for row in rows for name in {row[1].casefold(), row[2].casefold()}]
    assert len(names) == len(set(names))


def test_a_dry_run_prints_the_mapping_before_the_counts(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    result = run_main(
        "import", str(_source(tmp_path)), "--database", str(database), "--dry-run",
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:6] == [
        "Columns and their fields:",
        "  Firma -> name (100 %, exact)",
        "  Postleitzal -> postcode (91 %, fuzzy, like \u201cPostleitzahl\u201d)",
        "  Ort -> city (100 %, exact)",
        "  Ignored: Typ, Bemerkung intern",
        "",
    ]
    # No country column: the dry run says which country the rows are read in.
    assert lines[6].startswith("Country of rows that name none: Germany")
    assert lines[7].startswith("kunden.csv: 2 rows would be imported")


def test_map_chooses_a_field_by_key_or_name_and_ignores_a_column(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    source = str(_source(tmp_path))
    for field in ("industry", "Branche", "INDUSTRY"):
        result = run_main(
            "import", source, "--database", str(database), "--dry-run",
            "--map", f"Typ={field}", "--map", "Ort=", data_dir=tmp_path,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert "  Typ -> industry (100 %, --map)" in lines
        assert "  Ignored: Ort, Bemerkung intern" in lines
    done = run_main(
        "import", source, "--database", str(database), "--map", "typ=industry",
        data_dir=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert _industries(database) == {
        "Förde Druck KG": "Druckerei",
        "Müller Maschinenbau GmbH": "Maschinenbau",
    }
    # The mapping chosen is remembered for the next file with these columns.
    again = run_main(
        "import", source, "--database", str(database), "--dry-run", data_dir=tmp_path
    )  # fmt: skip
    assert "  Typ -> industry (100 %, remembered)" in again.stdout.splitlines()


def test_an_unknown_field_or_header_is_a_usage_error_in_one_line(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    source = str(_source(tmp_path))
    for option, message in (
        (
            "Typ=Firmengröße",
            "--map: there is no field \u201cFirmengröße\u201d; "
            "main.py import --list-fields lists them.",
        ),
        (
            "Tpy=industry",
            "--map: the file has no column \u201cTpy\u201d; did you mean \u201cTyp\u201d?",
        ),
        ("Typ", "--map needs HEADER=FIELD, not \u201cTyp\u201d."),
    ):
        result = run_main(
            "import", source, "--database", str(database), "--map", option, data_dir=tmp_path
        )
        assert result.returncode == 2
        assert result.stderr.splitlines() == [message]
        assert result.stdout == ""
    assert not database.exists() or _industries(database) == {}


def test_the_mapping_speaks_german_when_asked(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    result = run_main(
        "--language", "de", "import", str(_source(tmp_path)), "--database", str(database),
        "--dry-run", "--map", "Typ=Branche", data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:6] == [
        "Spalten und ihre Felder:",
        "  Firma -> name (100 %, exakt)",
        "  Postleitzal -> postcode (91 %, ähnlich, wie \u201ePostleitzahl\u201c)",
        "  Ort -> city (100 %, exakt)",
        "  Typ -> industry (100 %, --map)",
        "  Ignoriert: Bemerkung intern",
    ]
