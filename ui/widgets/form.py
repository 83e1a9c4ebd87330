"""Pieces every form shares: problem lines under fields, captions, choice combos, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from prospector.errors import ConcurrentEdit, FieldProblem
from prospector.services.team import TeamMemberRecord
from ui.labels import NOT_SET
from ui.messages import describe, describe_field

E = TypeVar("E", bound=StrEnum)

translate = QCoreApplication.translate


class FieldProblems:
    """The red sentence under each field of a form; empty and hidden while the field is fine."""

    def __init__(self) -> None:
        self.labels: dict[str, QLabel] = {}

    def wrap(self, name: str, widget: QWidget) -> QVBoxLayout:
        """The field with its (hidden) problem line beneath it."""
        problem = QLabel()
        problem.setObjectName(f"problem_{name}")
        problem.setStyleSheet("color: #b00020;")
        problem.setWordWrap(True)
        problem.hide()
        self.labels[name] = problem
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(problem)
        return box

    def show(self, problems: dict[str, FieldProblem]) -> None:
        for name, label in self.labels.items():
            problem = problems.get(name)
            if problem is None:
                label.hide()
                label.clear()
            else:
                label.setText(describe_field(problem))
                label.show()

    def text(self, name: str) -> str:
        label = self.labels[name]
        return label.text() if not label.isHidden() else ""


def add_row(
    form: QFormLayout, problems: FieldProblems, name: str, caption: str, widget: QWidget
) -> None:
    """A form row whose caption's underlined letter jumps to the field."""
    label = QLabel(caption)
    label.setBuddy(widget)
    form.addRow(label, problems.wrap(name, widget))


def captioned_rows(form: QFormLayout, rows: Iterable[tuple[str, QWidget]]) -> None:
    """Rows of (caption, field); each caption's underlined letter jumps to its field."""
    for caption, widget in rows:
        label = QLabel(caption)
        label.setBuddy(widget)
        form.addRow(label, widget)


def align_captions(widgets: Iterable[QWidget]) -> None:
    """Give the captions of several stacked forms one width, so their fields line up."""
    captions = [
        label
        for widget in widgets
        for label in widget.findChildren(QLabel)
        if label.buddy() is not None
    ]
    width = max((label.sizeHint().width() for label in captions), default=0)
    for label in captions:
        label.setMinimumWidth(width)


def conflict_box(parent: QWidget, error: ConcurrentEdit, advice: str) -> QMessageBox:
    """The warning that someone else saved the record, with what the user can do now."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, parent.windowTitle(), describe(error), parent=parent
    )
    box.setObjectName("conflict")
    box.setInformativeText(advice)
    return box


def ask_reload(parent: QWidget, error: ConcurrentEdit) -> bool:
    """Tell the user someone else saved the record; True if they want the stored values."""
    box = conflict_box(
        parent,
        error,
        translate(
            "ConcurrentEdit",
            "Reload shows the stored values and drops your changes. "
            "Keep editing to copy your changes first.",
        ),
    )
    reload = box.addButton(translate("ConcurrentEdit", "Reload"), QMessageBox.ButtonRole.AcceptRole)
    reload.setObjectName("reload")
    keep = box.addButton(
        translate("ConcurrentEdit", "Keep editing"), QMessageBox.ButtonRole.RejectRole
    )
    keep.setObjectName("keep_editing")
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is reload


def ask_about_edits(parent: QWidget, title: str, question: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel for edits that would be lost; Save is the default."""
    return QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def long_year_format(locale: QLocale) -> str:
    """The locale's short date format with a four-digit year: 02.05.2024, not 02.05.24."""
    fmt = locale.dateFormat(QLocale.FormatType.ShortFormat)
    return fmt if "yyyy" in fmt else fmt.replace("yy", "yyyy")


def enum_combo(values: Iterable[E], label: Callable[[E], str]) -> QComboBox:
    """A combo of translated labels; item data is the enum's stored string."""
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value.value)
    return combo


def combo_value(combo: QComboBox, enum: type[E]) -> E:
    return enum(combo.currentData())


def select_data(combo: QComboBox, value: object) -> None:
    """Select the item whose data is `value` (enum members match by their stored string)."""
    wanted = value.value if isinstance(value, StrEnum) else value
    for index in range(combo.count()):
        if combo.itemData(index) == wanted:
            combo.setCurrentIndex(index)
            return
    raise ValueError(f"{value!r} is not a choice of this field")


def fill_owner_combo(
    combo: QComboBox, members: Sequence[TeamMemberRecord], current: int | None
) -> None:
    """Active team members, plus the current owner even if no longer active, and "—"."""
    combo.clear()
    combo.addItem(NOT_SET, None)
    for member in members:
        if member.active or member.id == current:
            combo.addItem(member.name, member.id)
    select_data(combo, current if combo.findData(current) >= 0 else None)


def fill_owner_filter(
    combo: QComboBox, members: Sequence[TeamMemberRecord], everyone: str, chosen: object
) -> None:
    """A list's owner filter: "everyone" and each member, `chosen` kept selected if it is still
    there; without announcing a change (the list reads after filling it)."""
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everyone, None)
    for member in members:
        combo.addItem(member.name, member.id)
    combo.setCurrentIndex(max(combo.findData(chosen), 0))
    combo.blockSignals(False)
