"""The shipped WZ 2008 table: its structure, the lookups, the search and the lazy loading."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from prospector import industry_codes
from prospector.industry_codes import (
    SOURCE_NOTICE,
    VERSION,
    IndustryCode,
    all_codes,
    digits,
    division_range,
    find,
    normalize_code,
    search,
    title_path,
)

ROOT = Path(__file__).resolve().parents[2]
SECTION_DIVISIONS = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}


def _codes() -> dict[str, IndustryCode]:
    return {item.code: item for item in all_codes()}


def test_the_table_has_the_official_number_of_codes_per_level() -> None:
    counts = Counter(item.level for item in all_codes())
    assert counts == {
        "section": 21,
        "division": 88,
        "group": 272,
        "class": 615,
        "subclass": 839,
    }
    assert len(_codes()) == len(all_codes())  # no code twice


def test_every_code_has_its_parent_and_starts_with_it() -> None:
    codes = _codes()
    shapes = {"division": 2, "group": 4, "class": 5, "subclass": 7}
    for item in all_codes():
        if item.level == "section":
            assert item.parent is None
            assert len(item.code) == 1
            continue
        assert len(item.code) == shapes[item.level], item
        assert normalize_code(item.code) == item.code
        assert item.parent in codes, item
        parent = codes[item.parent]
        if item.level == "division":
            assert parent.level == "section", item
        else:
            assert item.code.startswith(item.parent), item
            assert item.code[: {"group": 2, "class": 4, "subclass": 5}[item.level]] == item.parent


def test_the_divisions_of_each_section_are_the_official_ones() -> None:
    for section, (first, last) in SECTION_DIVISIONS.items():
        assert division_range(section) == tuple(f"{n:02d}" for n in range(first, last + 1))
    assert division_range("c")[0] == "10"
    assert division_range("C")[-1] == "33"
    assert division_range("Z") == ()


def test_the_file_order_is_the_classification_order() -> None:
    first = [item.code for item in all_codes()[:5]]
    assert first == ["A", "01", "01.1", "01.11", "01.11.0"]
    numeric = [item.code for item in all_codes() if item.level != "section"]
    assert numeric == sorted(numeric)


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("C", "Verarbeitendes Gewerbe"),
        ("10", "Herstellung von Nahrungs- und Futtermitteln"),
        ("10.73", "Herstellung von Teigwaren"),
        ("10.61", "Mahl- und Schälmühlen"),
        ("28", "Maschinenbau"),
        ("62.01", "Programmierungstätigkeiten"),
        ("62.01.1", "Entwicklung und Programmierung von Internetpräsentationen"),
        ("O", "Öffentliche Verwaltung, Verteidigung; Sozialversicherung"),
        ("47.62.1", "Einzelhandel mit Zeitschriften und Zeitungen"),
    ],
)
def test_known_titles_keep_their_umlauts(code: str, title: str) -> None:
    item = find(code)
    assert item is not None
    assert item.title == title


def test_titles_are_clean() -> None:
    for item in all_codes():
        assert item.title == " ".join(item.title.split()), item
        assert "Ã" not in item.title, item  # no UTF-8 read as Latin-1


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2841", "28.41"),
        ("28410", "28.41.0"),
        ("284", "28.4"),
        ("28", "28"),
        ("c", "C"),
        (" C ", "C"),
        ("28.41", "28.41"),
        ("28.41.0", "28.41.0"),
        ("28 41", "28.41"),
        (" 28.41 ", "28.41"),
        ("2841.0", "28.41.0"),
        ("", None),
        ("   ", None),
        ("2", None),
        ("284100", None),
        ("28.4.1", None),
        ("2.841", None),
        ("28..41", None),
        ("28.41.", None),
        ("V", None),
        ("CC", None),
        ("C28", None),
        ("Maschinenbau", None),
        ("28-41", None),
    ],
)
def test_normalize_code(raw: str, expected: str | None) -> None:
    assert normalize_code(raw) == expected


def test_find_accepts_common_spellings() -> None:
    item = find("28.41")
    assert item is not None
    assert item.level == "class"
    assert find("2841") == item
    assert find(" 28.41 ") == item
    assert find("28 41") == item
    section = find("c")
    assert section is not None
    assert (section.code, section.level) == ("C", "section")
    assert find("28.48") is None  # WZ-shaped, but no such class
    assert find("nonsense") is None


def test_digits() -> None:
    assert digits("28.41") == "2841"
    assert digits("28.41.0") == "28410"
    assert digits("28") == "28"
    with pytest.raises(ValueError, match="numeric"):
        digits("C")
    with pytest.raises(ValueError, match="numeric"):
        digits("x")


def test_search_by_code_prefix() -> None:
    found = [item.code for item in search("28.4")]
    assert found[0] == "28.4"
    assert "28.41" in found
    assert "28.41.0" in found
    assert all(code.startswith("28.4") for code in found)
    assert [item.code for item in search("284")] == found
    assert [item.code for item in search("10.73")] == ["10.73", "10.73.0"]
    assert len(search("28", limit=3)) == 3


def test_search_by_section_letter() -> None:
    found = search("c")
    assert found[0].code == "C"
    assert found[1].code == "10"
    assert len(search("U")) == 5  # U, 99, 99.0, 99.00, 99.00.0
    assert search("U")[-1].code == "99.00.0"


def test_search_by_words_ignores_case_and_umlauts() -> None:
    assert "10.73" in [item.code for item in search("teigwaren")]
    for query in ("mühlen", "muhlen", "muehlen", "MÜHLEN"):
        assert "10.61" in [item.code for item in search(query)], query
    assert "28" in [item.code for item in search("Maschinenbau")]
    assert "62.01" in [item.code for item in search("programmierungstatigkeiten")]


def test_search_needs_every_word_and_keeps_the_order() -> None:
    found = search("herstellung teigwaren")
    assert [item.code for item in found] == ["10.7", "10.73", "10.73.0"]
    assert [item.code for item in search("back teigwaren")] == ["10.7"]
    assert search("teigwaren raumfahrt") == []
    many = search("herstellung", limit=1000)
    assert len(many) > 100
    positions = {item.code: n for n, item in enumerate(all_codes())}
    assert [positions[item.code] for item in many] == sorted(positions[i.code] for i in many)
    assert len(search("herstellung")) == 50
    assert search("") == []
    assert search("teigwaren", limit=0) == []


def test_title_path() -> None:
    assert [item.code for item in title_path("10730")] == ["C", "10", "10.7", "10.73", "10.73.0"]
    assert [item.code for item in title_path("C")] == ["C"]
    assert title_path("99.99") == ()


def test_the_source_is_named_with_the_copyright_line() -> None:
    assert VERSION == "WZ 2008"
    source = (ROOT / "resources" / "industry_codes" / "SOURCE.md").read_text(encoding="utf-8")
    assert SOURCE_NOTICE in source
    assert SOURCE_NOTICE.startswith("© Statistisches Bundesamt (Destatis), WZ 2008;")
    assert "WZ 2008" in source
    assert industry_codes.data_path().is_file()


def test_importing_the_module_does_not_read_the_table() -> None:
    code = (
        "import pathlib\n"
        "seen = []\n"
        "real = pathlib.Path.read_text\n"
        "def spy(self, *args, **kwargs):\n"
        "    seen.append(self.name)\n"
        "    return real(self, *args, **kwargs)\n"
        "pathlib.Path.read_text = spy\n"
        "from prospector import industry_codes as m\n"
        "print(m.all_codes.cache_info().currsize, 'wz2008.tsv' in seen)\n"
        "m.find('10.73')\n"
        "print(m.all_codes.cache_info().currsize, 'wz2008.tsv' in seen)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["0", "False", "1", "True"]
