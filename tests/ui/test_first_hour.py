"""What a new user meets in the first hour: keys from the search field, the cursor in every
dialog, the start page of a filled database, numbers as the locale writes them."""

from __future__ import annotations

from collections.abc import Iterator

import factories
import pytest
from helpers import main_window
from PySide6.QtCore import QEvent, QLocale, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from prospector.db import Database
from prospector.look_alike import DuplicateReason
from prospector.services.duplicates import DuplicateCandidate
from ui.context import AppContext


class _EndOfLineKey(QObject):
    """What a line edit does on Linux (X11 key bindings): Ctrl+E moves its cursor to the end,
    so it claims the key before any shortcut sees it. The offscreen platform tests run on has
    Windows' bindings, which do not."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+E")
        ):
            event.accept()
            return True
        return False


@pytest.fixture
def german_numbers() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def test_ctrl_e_in_the_search_field_opens_the_export(
    qtbot: QtBot, context: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    factories.companies(db, "Alpha GmbH", bulk=True)
    window = main_window(qtbot, context)
    asked: list[str] = []

    def save_file_name(*args: object, **kwargs: object) -> tuple[str, str]:
        asked.append(str(args[1]))
        return "", ""  # the user cancels the file dialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_file_name)
    search = window.companies_page.filter_bar.search
    line_edit_keys = _EndOfLineKey(search)
    search.installEventFilter(line_edit_keys)
    window.find_action.trigger()
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    qtbot.keyClicks(search, "alp")
    qtbot.keyClick(search, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["Export companies"]
    assert search.text() == "alp"  # the key did not type into the field


def test_the_search_field_keeps_its_own_keys(qtbot: QtBot, context: AppContext) -> None:
    window = main_window(qtbot, context)
    search = window.companies_page.filter_bar.search
    window.find_action.trigger()
    qtbot.waitUntil(search.hasFocus, timeout=2000)
    qtbot.keyClicks(search, "abc")
    qtbot.keyClick(search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert search.text() == ""  # the field's own undo, not the window's
    keys = window.window_keys
    assert keys.is_window_key(QKeySequence("Ctrl+E"))
    assert keys.is_window_key(QKeySequence("Ctrl+N"))
    assert keys.is_window_key(QKeySequence("Ctrl+I"))
    assert not keys.is_window_key(QKeySequence("Ctrl+Z"))
    assert not keys.is_window_key(QKeySequence("Ctrl+C"))


def _focused_on_open(qtbot: QtBot, dialog: QDialog) -> QWidget | None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=2000)
    focused = QApplication.focusWidget()
    dialog.close()
    return focused


def test_every_dialog_opens_with_the_cursor_in_its_first_field(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from ui.dialogs.about_dialog import AboutDialog
    from ui.dialogs.company_dialog import CompanyDialog
    from ui.dialogs.contact_dialog import ContactDialog
    from ui.dialogs.duplicate_dialog import DuplicateDialog
    from ui.dialogs.import_history_dialog import ImportHistoryDialog
    from ui.dialogs.import_wizard import ImportWizard
    from ui.dialogs.merge_dialog import MergeDialog
    from ui.dialogs.settings_dialog import SettingsDialog

    first, second = factories.companies(db, "Alpha GmbH", "Alpha GmbH & Co. KG")
    company = CompanyDialog(context)
    assert _focused_on_open(qtbot, company) is company.edits["name"]
    existing = CompanyDialog(context, first)
    assert _focused_on_open(qtbot, existing) is existing.edits["name"]
    contact = ContactDialog(context, None)
    assert _focused_on_open(qtbot, contact) is contact.edits["first_name"]
    of_company = ContactDialog(context, first)
    assert _focused_on_open(qtbot, of_company) is of_company.edits["first_name"]
    settings = SettingsDialog(context)
    assert _focused_on_open(qtbot, settings) is settings.use_default
    candidate = DuplicateCandidate(
        first, "Alpha GmbH", None, None, (DuplicateReason.NAME_AND_POSTCODE,)
    )
    duplicate = DuplicateDialog("Alpha", [candidate])
    assert _focused_on_open(qtbot, duplicate) is duplicate.candidates
    merge = MergeDialog(context, first, second)
    assert _focused_on_open(qtbot, merge) is merge.merge_button
    history = ImportHistoryDialog(context)
    close = history.buttons.button(QDialogButtonBox.StandardButton.Close)
    assert _focused_on_open(qtbot, history) is close  # nothing imported yet
    about = AboutDialog("prospector.sqlite")
    assert _focused_on_open(qtbot, about) is about.close_button
    wizard = ImportWizard(context, None)
    assert _focused_on_open(qtbot, wizard) is wizard.file_page.choose_button


def test_the_start_page_says_whether_the_database_is_empty(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    window = main_window(qtbot, context)
    page = window.welcome_page
    assert page.state_label.text() == ("Your database is still empty. How would you like to start?")
    assert not page.companies_button.isVisibleTo(page)
    factories.companies(db, "Alpha GmbH", "Beta GmbH", bulk=True)
    window.companies_page.reload()
    assert page.state_label.text() == (
        "Your database holds 2 companies. What would you like to do?"
    )
    assert page.companies_button.isVisibleTo(page)
    assert page.import_button.text() == "Import another spreadsheet"
    window.show_page(page)
    page.companies_button.click()
    assert window.pages.currentWidget() is window.companies_page


def test_the_status_bar_writes_both_counts_as_the_locale_does(
    qtbot: QtBot, context: AppContext, db: Database, german_numbers: None
) -> None:
    factories.companies(db, *(f"Firma {n:04d} GmbH" for n in range(1200)), bulk=True)
    window = main_window(qtbot, context)
    assert window.count_label.text() == "1.200 companies"
    search = window.companies_page.filter_bar.search
    window.find_action.trigger()
    qtbot.keyClicks(search, "firma 1")
    qtbot.waitUntil(lambda: window.count_label.text() == "200 of 1.200 companies", timeout=3000)
    window.companies_page.filter_bar.search.clear()
    qtbot.keyClicks(search, "firma")
    qtbot.waitUntil(lambda: window.count_label.text() == "1.200 companies", timeout=3000)


def test_active_filters_leave_every_control_of_the_bar_where_it_was(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    factories.firms(db)
    window = main_window(qtbot, context)
    window.show_page(window.companies_page)
    bar = window.companies_page.filter_bar
    controls = [bar.layout().itemAt(1).layout().itemAt(i).widget() for i in range(12)]
    before = [control.geometry() for control in controls]
    height = bar.height()
    bar.industry.set_selected(["Maschinenbau", "Logistik"])
    bar.state.set_selected(["Bayern"])
    bar.stage.set_selected(["target"])
    qtbot.wait(50)  # layouts settle on the next turn of the event loop
    assert [control.geometry() for control in controls] == before
    assert bar.height() == height
    assert bar.industry.text() == "Industry (2)"
    assert bar.industry.toolTip() == "Industry: Logistik, Maschinenbau"
    assert bar.state.toolTip() == "State: Bayern"
    assert bar.industry.font().bold()
    qtbot.waitUntil(lambda: window.count_label.text() == "1 of 3 companies", timeout=3000)


def test_the_contact_form_shows_a_long_address_and_the_whole_hint(
    qtbot: QtBot, context: AppContext
) -> None:
    from ui.dialogs.contact_dialog import ContactDialog

    dialog = ContactDialog(context, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    email = dialog.edits["email"]
    address = "friederike.mustermann@maschinenbau-beispiel.de"
    shown = email.width() - 12  # the frame and the text margins
    assert email.fontMetrics().horizontalAdvance(address) <= shown, (email.width(), shown)
    hint = dialog.legal_basis_hint
    assert hint.text()
    assert hint.height() >= hint.heightForWidth(hint.width())


def test_the_company_form_fills_the_town_from_the_postcode_and_says_when_they_disagree(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from prospector.services import companies
    from ui.dialogs.company_dialog import CompanyDialog

    dialog = CompanyDialog(context)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.country.currentText() == "Germany"
    postcode, city = dialog.edits["postcode"], dialog.edits["city"]
    postcode.setText("01067")
    postcode.editingFinished.emit()
    assert city.text() == "Dresden"
    assert dialog.state.currentText() == "Sachsen"
    assert not dialog.place_hint.isVisibleTo(dialog)
    postcode.setText("4814")
    city.setText("Münster")
    dialog.state.setCurrentText("")
    city.editingFinished.emit()
    hint = dialog.place_hint.text()
    assert dialog.place_hint.isVisibleTo(dialog)
    assert "4814 is stored as 04814: German postcodes have five digits." in hint
    assert "Münster has the postcodes 48079–48167, 64839, 86692." in hint
    postcode.setText("48143")
    postcode.editingFinished.emit()
    assert not dialog.place_hint.isVisibleTo(dialog)
    assert dialog.state.currentText() == "Nordrhein-Westfalen"
    dialog.set_field("name", "Westfalen Technik GmbH")
    dialog.set_field("stage", "customer")
    dialog.accept()
    assert dialog.saved_id is not None
    with db.reading() as session:
        stored = companies.get_company(session, dialog.saved_id)
    assert (stored.postcode, stored.city, stored.state, stored.country) == (
        "48143",
        "Münster",
        "Nordrhein-Westfalen",
        "DE",
    )
    assert stored.stage == "customer"


def test_the_country_is_picked_by_its_name_in_the_language_of_the_window(
    qtbot: QtBot, context: AppContext, db: Database
) -> None:
    from prospector import i18n
    from prospector.services import companies
    from ui.dialogs.company_dialog import CompanyDialog

    company_id = factories.company(db, "Wiener Werkstätten GmbH", country="AT").id
    before = i18n.current_language()
    i18n.set_language("de")
    try:
        dialog = CompanyDialog(context, company_id)
    finally:
        i18n.set_language(before)
    qtbot.addWidget(dialog, before_close_func=lambda widget: widget.done(0))
    assert dialog.country.currentText() == "Österreich"
    names = [dialog.country.itemText(i) for i in range(dialog.country.count())]
    assert "Deutschland" in names
    assert "Schweiz" in names
    dialog.set_field("country", "Schweiz")
    dialog.set_field("postcode", "8001")
    dialog.accept()
    with db.reading() as session:
        assert companies.get_company(session, company_id).country == "CH"


def test_the_sample_data_is_removed_in_one_step_and_own_companies_stay(
    qtbot: QtBot, context: AppContext, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from prospector.services.sample import load_sample_data

    load_sample_data(db)
    factories.company(db, "Eigene Firma GmbH")
    window = main_window(qtbot, context)
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str, *args: object) -> object:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    removed = window.remove_sample_data()
    assert removed == 320
    assert asked == [
        "Delete the 320 sample companies with their contacts and history for good? "
        "Companies you added or imported stay."
    ]
    assert window.count_label.text() == "1 companies"
    assert window.statusBar().currentMessage() == "320 sample companies deleted."
    assert window.remove_sample_data() == 0
    assert window.statusBar().currentMessage() == "No sample data is loaded."


def test_f1_opens_the_guide_at_the_page_in_view(qtbot: QtBot, context: AppContext) -> None:
    window = main_window(qtbot, context)
    window.show_page(window.companies_page)
    window.companies_page.view.setFocus()
    qtbot.waitUntil(window.companies_page.view.hasFocus, timeout=2000)
    qtbot.keyClick(window.companies_page.view, Qt.Key.Key_F1)
    from ui.dialogs.help_window import HelpWindow

    guide = window.findChild(HelpWindow)
    assert guide is not None
    qtbot.waitExposed(guide)
    assert guide.isVisible()
    assert guide.current_section() == "companies"
    assert guide.contents.currentItem().text() == "Companies"
    assert "Search (Ctrl+F)" in guide.browser.toPlainText()
    assert guide.browser.verticalScrollBar().value() > 0  # scrolled to the part
    window.show_page(window.welcome_page)
    window.welcome_page.help_link.linkActivated.emit("#guide")
    assert guide.current_section() == "start"


def test_the_guide_has_the_same_parts_and_pictures_in_german_and_english() -> None:
    import re
    from pathlib import Path

    from ui.dialogs.help_window import HelpWindow, guide_path

    anchors = {}
    for language in ("de", "en"):
        path = Path(guide_path(language))
        assert path.name == f"guide_{language}.html"
        html = path.read_text(encoding="utf-8")
        anchors[language] = re.findall(r'<a name="(\w+)">', html)
        for image in re.findall(r'<img src="([^"]+)"', html):
            assert image.startswith(f"images/{language}/")
            assert (path.parent / image).is_file(), image
    assert anchors["de"] == anchors["en"]
    assert anchors["de"] == [anchor for anchor, _title in HelpWindow().sections]
