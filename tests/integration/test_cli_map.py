"""`main.py import` with its column mapping: `--list-fields`, `--map`, and the mapping a dry run
prints."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import run_main
from sqlalchemy import select

from prospector.exchange.columns import FIELDS
from prospector.models import Company, Contact
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


def _stored_names(database: Path) -> tuple[list[str], list[tuple[str, str | None]]]:
    """The companies' names, and the persons' last names with their company's name."""
    opened = open_database(f"sqlite:///{database}")
    try:
        with opened.database.reading() as session:
            names = sorted(session.scalars(select(Company.name)))
            people = session.execute(
                select(Contact.last_name, Company.name)
                .outerjoin(Company, Company.id == Contact.company_id)
                .order_by(Contact.last_name)
            ).all()
            return names, [tuple(row) for row in people]
    finally:
        opened.database.dispose()


def test_on_problem_skip_leaves_out_the_rows_with_warnings(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    source = tmp_path / "liste.csv"
    source.write_text(
        "Firma;PLZ;Ort\nMüller Maschinenbau GmbH;01069;Dresden\nFehler GmbH;123;Leipzig\n",
        encoding="utf-8",
    )
    result = run_main(
        "import", str(source), "--database", str(database), "--on-problem", "skip",
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "1 row imported" in result.stdout
    assert "1 refused" in result.stdout
    assert _stored_names(database)[0] == ["Müller Maschinenbau GmbH"]


def test_companies_from_mail_gives_persons_the_company_of_their_domain(tmp_path: Path) -> None:
    database = tmp_path / "firma.sqlite"
    source = tmp_path / "adressbuch.csv"
    source.write_text(
        "Given Name,Family Name,E-mail 1 - Value\n"
        "Ute,Zander,ute@zander-design.de\n"
        "Eva,Frei,eva.frei@web.de\n",
        encoding="utf-8",
    )
    result = run_main(
        "import", str(source), "--database", str(database), "--companies-from-mail",
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _stored_names(database) == (
        ["zander-design.de"],
        [("Frei", None), ("Zander", "zander-design.de")],
    )
