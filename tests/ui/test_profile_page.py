"""The ideal customer's page: the live count, saving and activating, and edits never lost."""

from __future__ import annotations

import factories
import pytest
from helpers import main_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from prospector.db import Database
from prospector.icp import CriterionKind
from prospector.models import Company
from prospector.records import CompanyInput
from prospector.services import profiles
from ui.context import AppContext
from ui.dialogs.industry_dialog import IndustryDialog
from ui.pages.profile_page import ProfilePage

K = CriterionKind
Answer = QMessageBox.StandardButton


def _firms(db: Database) -> None:
    factories.companies(
        db,
        CompanyInput(name="Alpen Maschinen", state="Bayern", wz_code="28.41", employees=40),
        CompanyInput(name="Elbe Maschinen", state="Sachsen", wz_code="28.22", employees=120),
        CompanyInput(name="Isar Software", state="Bayern", wz_code="62.01", employees=15),
        CompanyInput(name="Main Handel", state="Hessen", wz_code="46.69", employees=None),
    )


@pytest.fixture
def page(qtbot: QtBot, context: AppContext, db: Database) -> ProfilePage:
    _firms(db)
    page = ProfilePage(context)
    qtbot.addWidget(page)
    page.resize(1100, 800)
    page.show()
    qtbot.waitExposed(page)
    return page


def _scores(db: Database) -> dict[str, int | None]:
    with db.reading() as session:
        return dict(session.execute(select(Company.name, Company.fit_score)).all())


def test_a_new_user_starts_with_an_unsaved_profile_counting_every_company(
    page: ProfilePage,
) -> None:
    assert page.chooser.currentText() == "Ideal customer (new)"
    assert page.core_label.text() == "Core group: 4 of 4 companies (100 %)"
    assert page.save_button.isEnabled()
    assert not page.activate_button.isEnabled()


def test_changing_a_criterion_updates_the_live_count_and_the_breakdown(
    qtbot: QtBot, page: ProfilePage
) -> None:
    editor = page.editor
    editor.set_must(K.INDUSTRY, True)
    qtbot.keyClicks(editor.codes, "28")
    qtbot.waitUntil(lambda: page.core_label.text() == "Core group: 2 of 4 companies (50 %)")
    # What each criterion costs follows from a pass in the background.
    qtbot.waitUntil(lambda: editor.row_count_text(K.INDUSTRY) == "excludes 2")

    editor.states.set_selected(["Bayern"])  # a should: the count stays, the breakdown grows
    qtbot.waitUntil(lambda: editor.row_count_text(K.REGION) == "2 do not meet it")
    assert page.core_label.text() == "Core group: 2 of 4 companies (50 %)"

    editor.set_must(K.REGION, True)
    qtbot.waitUntil(lambda: page.core_label.text() == "Core group: 1 of 4 companies (25 %)")
    qtbot.waitUntil(lambda: editor.row_count_text(K.REGION) == "excludes 2")
    assert editor.row_count_text(K.INDUSTRY) == "excludes 2"
    qtbot.waitUntil(lambda: not page.measuring)


def test_invalid_postcode_areas_are_marked_and_not_saved(
    qtbot: QtBot, page: ProfilePage, db: Database
) -> None:
    qtbot.keyClicks(page.editor.postcodes, "8x")
    qtbot.waitUntil(lambda: "postcode" in page.core_label.text())
    assert page.editor.postcodes.toolTip().startswith("Write postcode areas")
    assert not page.save()
    with db.reading() as session:
        assert profiles.list_profiles(session) == []


def test_saving_the_first_profile_activates_it_and_scores_every_company(
    qtbot: QtBot, page: ProfilePage, db: Database
) -> None:
    page.name.setText("Maschinenbau Süd")  # keyClicks types ASCII only
    page.editor.set_must(K.INDUSTRY, True)
    qtbot.keyClicks(page.editor.codes, "C")
    page.editor.states.set_selected(["Bayern"])
    page.editor.set_weight(K.REGION, 3)
    page.pain_points.setPlainText("Rüstzeiten\nFachkräfte")
    qtbot.keyClick(page.name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not page.job_busy and page.chooser.currentText().endswith("(active)"))

    with db.reading() as session:
        (stored,) = profiles.list_profiles(session)
    assert stored.name == "Maschinenbau Süd"
    assert stored.active
    assert stored.pain_points == "Rüstzeiten\nFachkräfte"
    assert [c.kind for c in stored.rules] == [K.INDUSTRY, K.REGION]
    assert _scores(db) == {
        "Alpen Maschinen": 100,
        "Elbe Maschinen": 0,  # in the core group, not in Bavaria
        "Isar Software": 0,  # not a manufacturer
        "Main Handel": 0,
    }
    assert not page.save_button.isEnabled()
    assert page.state_label.text().startswith("Active")


def test_a_second_profile_is_scored_only_when_made_active(
    qtbot: QtBot, page: ProfilePage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    qtbot.keyClicks(page.editor.codes, "28")
    assert page.save()
    qtbot.waitUntil(lambda: not page.job_busy)
    monkeypatch.setattr(
        "ui.pages.profile_page.QInputDialog.getText", lambda *_a, **_k: ("Software", True)
    )
    page.new_profile()
    qtbot.keyClicks(page.editor.codes, "62")
    assert page.save()
    assert page.chooser.currentText() == "Software"
    assert _scores(db)["Isar Software"] == 0  # the first profile still rules

    page.activate_button.click()
    qtbot.waitUntil(lambda: page.chooser.currentText() == "Software (active)")
    assert _scores(db)["Isar Software"] == 100
    assert _scores(db)["Alpen Maschinen"] == 0


def test_unsaved_edits_are_kept_when_the_user_cancels_the_switch(
    qtbot: QtBot, page: ProfilePage, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert page.save()
    qtbot.waitUntil(lambda: not page.job_busy)
    profiles.save_profile(db, profiles.Profile("Zweites"))
    page.reload()
    qtbot.keyClicks(page.editor.codes, "28")
    asked: list[str] = []

    def cancel(_parent: object, _title: str, text: str, *_args: object) -> Answer:
        asked.append(text)
        return Answer.Cancel

    monkeypatch.setattr(QMessageBox, "question", cancel)
    page.chooser.activated.emit(page.chooser.findText("Zweites"))
    assert asked == ["Save the changes to the profile \u201cIdeal customer\u201d?"]
    assert page.editor.codes.text() == "28"
    assert page.chooser.currentText() == "Ideal customer (active)"


def test_closing_the_window_with_unsaved_edits_asks_and_can_stay(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = main_window(qtbot, context)
    window.show_profile_action.trigger()
    page = window.profile_page
    assert window.pages.currentWidget() is page
    qtbot.keyClicks(page.editor.codes, "28")
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Answer.Cancel)
    assert not window.close()
    assert window.isVisible()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: Answer.Discard)
    assert window.close()


def test_the_industry_picker_finds_codes_by_words_and_adds_them(
    qtbot: QtBot, page: ProfilePage
) -> None:
    picker = IndustryDialog(multiple=True, parent=page)
    qtbot.addWidget(picker)
    qtbot.keyClicks(picker.search, "Teigwaren")
    qtbot.waitUntil(lambda: picker.count_label.text() == "2 found.")
    texts = [picker.results.item(i).text().strip() for i in range(picker.results.count())]
    assert texts == [
        "10.7  Herstellung von Back- und Teigwaren",
        "10.73  Herstellung von Teigwaren",
    ]
    picker.results.setCurrentRow(1)
    assert picker.chosen() == ["10.73"]
    page.editor.codes.setText("28")
    page.editor.add_codes(picker.chosen())
    assert page.editor.codes.text() == "28, 10.73"
