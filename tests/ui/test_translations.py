"""German and English ship complete: sources extracted, every text translated, .qm up to date."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from ui.context import AppContext
from ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("de", "en")
PLACEHOLDER = re.compile(r"\{\w*\}|%\d|%L?n")


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name} not found beside {sys.executable}"
    return found


def _sources() -> list[str]:
    """The window's code, and the product's own (notes, command line) through prospector.i18n."""
    return sorted(
        str(p.relative_to(ROOT))
        for folder in ("ui", "prospector")
        for p in (ROOT / folder).rglob("*.py")
    )


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    found = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_ts_file_holds_exactly_the_texts_in_the_code(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / f"fresh_{language}.ts"
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *_sources(),
            "-ts",
            str(fresh),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed = TRANSLATIONS / f"prospector_{language}.ts"
    missing = set(_messages(fresh)) - set(_messages(committed))
    stale = set(_messages(committed)) - set(_messages(fresh))
    assert not missing, f"run lupdate: texts missing from {committed.name}: {sorted(missing)[:5]}"
    assert not stale, f"run lupdate -no-obsolete: texts no longer in the code: {sorted(stale)[:5]}"


def test_every_german_text_is_translated_with_its_placeholders() -> None:
    problems = []
    for (context, source), message in _messages(TRANSLATIONS / "prospector_de.ts").items():
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for form in forms:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(form)):
                problems.append(f"{context}: {source!r} -> {form!r} changes placeholders")
    assert problems == []


# The English texts are the sources; only these read differently in English.
ENGLISH_ADAPTED = {"%1 %": "%1%"}


def test_the_english_catalogue_keeps_the_source_texts_but_its_plurals() -> None:
    """A German text filled into the English catalogue would show in the English window."""
    differ = []
    for (context, source), message in _messages(TRANSLATIONS / "prospector_en.ts").items():
        translation = message.find("translation")
        assert translation is not None
        if message.get("numerus") == "yes":
            continue  # "%Ln touch(es)" becomes "1 touch" and "%Ln touches"
        expected = ENGLISH_ADAPTED.get(source, source)
        if (translation.text or "") != expected:
            differ.append(f"{context}: {source!r} -> {translation.text!r}")
    assert differ == []


def test_every_count_is_written_as_the_locale_writes_numbers() -> None:
    """%Ln, not %n: "1.200 Unternehmen" in German, "1,200 companies" in English."""
    bare = [
        f"{context}: {source!r}"
        for (context, source) in _messages(TRANSLATIONS / "prospector_de.ts")
        if re.search(r"%n", source)
    ]
    assert bare == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_shipped_qm_is_compiled_from_the_ts(language: str, tmp_path: Path) -> None:
    ts = TRANSLATIONS / f"prospector_{language}.ts"
    qm = tmp_path / f"prospector_{language}.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True
    )
    shipped = TRANSLATIONS / f"prospector_{language}.qm"
    assert shipped.read_bytes() == qm.read_bytes(), f"run lrelease: {shipped.name} is stale"


def test_the_main_window_speaks_german(qtbot: QtBot, sqlite_context: AppContext) -> None:
    translator = QTranslator()
    assert translator.load("prospector_de", str(TRANSLATIONS))
    app = QCoreApplication.instance()
    assert app is not None
    app.installTranslator(translator)
    try:
        window = MainWindow(sqlite_context)
        qtbot.addWidget(window)
        titles = [action.text() for action in window.menuBar().actions()]
        assert titles == ["&Datei", "&Bearbeiten", "&Ansicht", "A&ktivitäten", "&Hilfe"]
        file_menu = window.menuBar().actions()[0].menu()
        assert isinstance(file_menu, QMenu)
        assert file_menu.actions()[0].text() == "&Neues Unternehmen…"
        assert window.count_label.text() == "0 Unternehmen"
        assert window.welcome_page.sample_button.text() == "Beispieldaten laden"
    finally:
        app.removeTranslator(translator)


def _menu_paths(window: MainWindow) -> set[str]:
    """Every "Menu → Entry" of the window as the user reads it (without the & of a key)."""
    paths = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            if not action.isSeparator():
                paths.add(f"{top.text()} → {action.text()}".replace("&", ""))
    return paths


def test_the_readme_names_the_menus_as_the_user_sees_them(
    qtbot: QtBot, sqlite_context: AppContext
) -> None:
    rows = re.findall(
        r"^\| \*(.+?)\*.*? \| \*(.+?)\*.*? \|$", (ROOT / "README.md").read_text(), re.M
    )
    named = {
        language: {row[i] for row in rows if "/" not in row[i]}
        for i, language in enumerate(LANGUAGES)
    }
    assert len(named["de"]) >= 6
    translator = QTranslator()
    assert translator.load("prospector_de", str(TRANSLATIONS))
    app = QCoreApplication.instance()
    assert app is not None
    english = MainWindow(sqlite_context)
    qtbot.addWidget(english)
    app.installTranslator(translator)
    try:
        german = MainWindow(sqlite_context)
        qtbot.addWidget(german)
    finally:
        app.removeTranslator(translator)
    assert named["de"] <= _menu_paths(german)
    assert named["en"] <= _menu_paths(english)
