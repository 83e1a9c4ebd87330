"""The criteria of a profile as a grid: a row per kind, with its values, must or should, its
weight, and what it costs the core group."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QWidget,
)

from prospector.enums import ActivityType, CompanyStructure
from prospector.icp import MAX_WEIGHT, Criterion, CriterionKind
from prospector.region import GERMAN_STATES, parse_postcode_areas
from prospector.services.core_group import CoreGroup
from prospector.sizeclass import SizeClass
from ui.labels import activity_type_label, company_structure_label, size_class_label
from ui.widgets.choice_button import ChoiceButton
from ui.widgets.elided_label import ElidedLabel

K = CriterionKind


translate = QCoreApplication.translate


MILLION = Decimal(1_000_000)
_ERROR_STYLE = "QLineEdit { border: 1px solid #b00020; }"


@dataclass(frozen=True)
class Loaders:
    """Where the values in use come from (read when a menu opens)."""

    industries: Callable[[], Sequence[str]]
    countries: Callable[[], Sequence[str]]
    states: Callable[[], Sequence[str]]
    tags: Callable[[], Sequence[str]]


class _Row:
    """The widgets of one kind: must or should, the weight, and the count."""

    def __init__(self, editor: CriteriaEditor, kind: CriterionKind, caption: str) -> None:
        self.kind = kind
        self.caption = QLabel(caption)
        self.must = QComboBox()
        self.must.setObjectName(f"must_{kind.value}")
        self.must.addItem(translate("CriteriaEditor", "Should"), False)
        self.must.addItem(translate("CriteriaEditor", "Must"), True)
        self.must.setToolTip(
            translate(
                "CriteriaEditor",
                "Must: a company that does not meet it is not in the core group. "
                "Should: it raises the fit score by its weight.",
            )
        )
        self.weight = QSpinBox()
        self.weight.setObjectName(f"weight_{kind.value}")
        self.weight.setRange(1, MAX_WEIGHT)
        self.weight.setToolTip(
            translate("CriteriaEditor", "How much a should-criterion counts (1 to 10)")
        )
        self.count = QLabel()
        self.count.setObjectName(f"count_{kind.value}")
        self.count.setMinimumWidth(editor.fontMetrics().averageCharWidth() * 26)
        self.must.currentIndexChanged.connect(self._on_must)
        self.must.currentIndexChanged.connect(editor.changed)
        self.weight.valueChanged.connect(editor.changed)

    def _on_must(self) -> None:
        self.weight.setEnabled(not self.is_must())

    def is_must(self) -> bool:
        return bool(self.must.currentData())

    def set(self, criterion: Criterion | None) -> None:
        self.must.setCurrentIndex(1 if criterion is not None and criterion.must else 0)
        self.weight.setValue(criterion.weight if criterion is not None else 1)
        self._on_must()


class CriteriaEditor(QWidget):
    """Edits the criteria of one profile; `changed` fires on every edit. A row whose values are
    empty is no criterion."""

    changed = Signal()
    industry_picker_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: dict[CriterionKind, _Row] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        headers = (self.tr("Criterion"), self.tr("Values"), "", self.tr("Weight"), "")
        for column, text in enumerate(headers):
            label = QLabel(f"<b>{text}</b>" if text else "")
            grid.addWidget(label, 0, column)

        # Industry: WZ codes (typed or picked) and industry names in use.
        self.codes = QLineEdit()
        self.codes.setObjectName("criterionCodes")
        self.codes.setPlaceholderText(self.tr("WZ codes, e.g. 28, 10.7, C"))
        self.codes.setToolTip(
            self.tr(
                "WZ 2008 codes; each one stands for every code that starts with it. "
                "A section letter stands for its divisions."
            )
        )
        self.pick_button = QToolButton()
        self.pick_button.setObjectName("pickIndustries")
        self.pick_button.setText(self.tr("Choose…"))
        self.pick_button.setToolTip(self.tr("Choose industries from the WZ 2008 classification"))
        self.pick_button.clicked.connect(self.industry_picker_requested)
        self.industry_names = ChoiceButton(self.tr("Industry names"))
        self._row(
            1,
            K.INDUSTRY,
            self.tr("Industry"),
            self.codes,
            self.pick_button,
            self.industry_names,
        )

        self.employees_low, self.employees_high = self._int_range("employees")
        self._row(
            2,
            K.EMPLOYEES,
            self.tr("Employees"),
            QLabel(self.tr("from")),
            self.employees_low,
            QLabel(self.tr("to")),
            self.employees_high,
            stretch=True,
        )
        self.turnover_low, self.turnover_high = self._money_range("turnover")
        self._row(
            3,
            K.TURNOVER,
            self.tr("Turnover (million €)"),
            QLabel(self.tr("from")),
            self.turnover_low,
            QLabel(self.tr("to")),
            self.turnover_high,
            stretch=True,
        )
        self.size_classes = ChoiceButton(self.tr("Size classes"))
        self.size_classes.set_options([(c.value, size_class_label(c)) for c in SizeClass])
        self._row(4, K.SIZE_CLASS, self.tr("Size (EU)"), self.size_classes, stretch=True)

        self.countries = ChoiceButton(self.tr("Countries"))
        self.states = ChoiceButton(self.tr("States"))
        self.postcodes = QLineEdit()
        self.postcodes.setObjectName("criterionPostcodes")
        self.postcodes.setPlaceholderText(self.tr("Postcode areas, e.g. 7, 80-85"))
        self._row(5, K.REGION, self.tr("Region"), self.countries, self.states, self.postcodes)

        self.structures = ChoiceButton(self.tr("Structures"))
        self.structures.set_options(
            [(s.value, company_structure_label(s)) for s in CompanyStructure]
        )
        self._row(6, K.STRUCTURE, self.tr("Structure"), self.structures, stretch=True)
        self.activities = ChoiceButton(self.tr("Activities"))
        self.activities.set_options([(a.value, activity_type_label(a)) for a in ActivityType])
        self._row(7, K.ACTIVITY, self.tr("Activity"), self.activities, stretch=True)
        self.required_tags = ChoiceButton(self.tr("Tags"))
        self._row(8, K.TAGS_REQUIRED, self.tr("Required tags"), self.required_tags, stretch=True)
        self.excluded_tags = ChoiceButton(self.tr("Tags"))
        self._row(9, K.TAGS_EXCLUDED, self.tr("Excluded tags"), self.excluded_tags, stretch=True)

        for button in self._choices():
            button.changed.connect(self.changed)
        for line in (self.codes, self.postcodes):
            line.textChanged.connect(self.changed)
        self.postcodes.textChanged.connect(self._check_postcodes)

    def _choices(self) -> tuple[ChoiceButton, ...]:
        return (
            self.industry_names,
            self.size_classes,
            self.countries,
            self.states,
            self.structures,
            self.activities,
            self.required_tags,
            self.excluded_tags,
        )

    def _row(
        self,
        line: int,
        kind: CriterionKind,
        caption: str,
        *widgets: QWidget,
        stretch: bool = False,
    ) -> None:
        row = _Row(self, kind, caption)
        self._rows[kind] = row
        values = QHBoxLayout()
        values.setContentsMargins(0, 0, 0, 0)
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                # Room for the example the placeholder gives, and more when the row has it.
                hint = widget.fontMetrics().horizontalAdvance(widget.placeholderText())
                widget.setMinimumWidth(hint + 24)
                values.addWidget(widget, 2)
            else:
                values.addWidget(widget)
        choices = [w for w in widgets if isinstance(w, ChoiceButton)]
        if choices:
            # What the buttons hold, readable without opening their menus.
            summary = ElidedLabel()
            summary.setObjectName(f"values_{kind.value}")
            values.addWidget(summary, 1)

            def show_chosen() -> None:
                summary.setText(", ".join(t for b in choices for t in b.selected_texts()))

            for button in choices:
                button.changed.connect(show_chosen)
            show_chosen()
        elif stretch:
            values.addStretch(1)
        grid = self.layout()
        assert isinstance(grid, QGridLayout)
        grid.addWidget(row.caption, line, 0)
        grid.addLayout(values, line, 1)
        grid.addWidget(row.must, line, 2)
        grid.addWidget(row.weight, line, 3)
        grid.addWidget(row.count, line, 4)
        row.caption.setBuddy(widgets[0])

    def _int_range(self, name: str) -> tuple[QSpinBox, QSpinBox]:
        boxes = []
        for end in ("low", "high"):
            box = QSpinBox()
            box.setObjectName(f"{name}_{end}")
            box.setRange(-1, 10_000_000)
            box.setSpecialValueText(self.tr("any"))
            box.setValue(-1)
            box.setGroupSeparatorShown(True)
            box.valueChanged.connect(self.changed)
            boxes.append(box)
        return boxes[0], boxes[1]

    def _money_range(self, name: str) -> tuple[QDoubleSpinBox, QDoubleSpinBox]:
        boxes = []
        for end in ("low", "high"):
            box = QDoubleSpinBox()
            box.setObjectName(f"{name}_{end}")
            box.setDecimals(1)
            box.setRange(-0.1, 1_000_000)
            box.setSingleStep(0.5)
            box.setSpecialValueText(self.tr("any"))
            box.setValue(-0.1)
            box.setGroupSeparatorShown(True)
            box.valueChanged.connect(self.changed)
            boxes.append(box)
        return boxes[0], boxes[1]

    def set_loaders(self, loaders: Loaders) -> None:
        self.industry_names.set_loader(lambda: [(v, v) for v in loaders.industries()])
        self.countries.set_loader(lambda: [(v, v) for v in loaders.countries()])
        self.states.set_loader(
            lambda: [(v, v) for v in sorted({*GERMAN_STATES, *loaders.states()})]
        )
        self.required_tags.set_loader(lambda: [(v, v) for v in loaders.tags()])
        self.excluded_tags.set_loader(lambda: [(v, v) for v in loaders.tags()])

    # -- reading and writing the criteria

    def set_criteria(self, criteria: Sequence[Criterion]) -> None:
        by_kind = {c.kind: c for c in criteria}
        self.blockSignals(True)
        try:
            self._set_values(by_kind)
            for kind, row in self._rows.items():
                row.set(by_kind.get(kind))
        finally:
            self.blockSignals(False)
        self._check_postcodes()

    def _set_values(self, by_kind: dict[CriterionKind, Criterion]) -> None:
        empty = Criterion(K.INDUSTRY)
        industry = by_kind.get(K.INDUSTRY, empty)
        self.codes.setText(", ".join(industry.codes))
        self.industry_names.set_selected(industry.names)
        employees = by_kind.get(K.EMPLOYEES, empty)
        self.employees_low.setValue(-1 if employees.low is None else int(employees.low))
        self.employees_high.setValue(-1 if employees.high is None else int(employees.high))
        turnover = by_kind.get(K.TURNOVER, empty)
        for box, value in ((self.turnover_low, turnover.low), (self.turnover_high, turnover.high)):
            box.setValue(box.minimum() if value is None else float(value / MILLION))
        self.size_classes.set_selected(by_kind.get(K.SIZE_CLASS, empty).values)
        region = by_kind.get(K.REGION, empty)
        self.countries.set_selected(region.countries)
        self.states.set_selected(region.states)
        self.postcodes.setText(region.postcode_areas)
        self.structures.set_selected(by_kind.get(K.STRUCTURE, empty).values)
        self.activities.set_selected(by_kind.get(K.ACTIVITY, empty).values)
        self.required_tags.set_selected(by_kind.get(K.TAGS_REQUIRED, empty).values)
        self.excluded_tags.set_selected(by_kind.get(K.TAGS_EXCLUDED, empty).values)

    def add_codes(self, codes: Sequence[str]) -> None:
        present = self._codes()
        self.codes.setText(", ".join([*present, *(c for c in codes if c not in present)]))

    def _codes(self) -> list[str]:
        return [
            part.strip() for part in self.codes.text().replace(";", ",").split(",") if part.strip()
        ]

    def postcodes_valid(self) -> bool:
        try:
            parse_postcode_areas(self.postcodes.text())
        except ValueError:
            return False
        return True

    def _check_postcodes(self) -> None:
        valid = self.postcodes_valid()
        self.postcodes.setStyleSheet("" if valid else _ERROR_STYLE)
        self.postcodes.setToolTip(
            "" if valid else self.tr("Write postcode areas as 7 or 80-85, separated by commas.")
        )

    def criteria(self) -> tuple[Criterion, ...]:
        """The criteria as edited; the empty ones left out. ValueError while a field is
        invalid (the postcode areas)."""
        if not self.postcodes_valid():
            raise ValueError("postcode areas")
        found = [
            self._criterion(
                K.INDUSTRY, codes=tuple(self._codes()), names=self._strings(self.industry_names)
            ),
            self._criterion(
                K.EMPLOYEES,
                low=self._whole(self.employees_low),
                high=self._whole(self.employees_high),
            ),
            self._criterion(
                K.TURNOVER, low=self._money(self.turnover_low), high=self._money(self.turnover_high)
            ),
            self._criterion(K.SIZE_CLASS, values=self._strings(self.size_classes)),
            self._criterion(
                K.REGION,
                countries=self._strings(self.countries),
                states=self._strings(self.states),
                postcode_areas=self.postcodes.text().strip(),
            ),
            self._criterion(K.STRUCTURE, values=self._strings(self.structures)),
            self._criterion(K.ACTIVITY, values=self._strings(self.activities)),
            self._criterion(K.TAGS_REQUIRED, values=self._strings(self.required_tags)),
            self._criterion(K.TAGS_EXCLUDED, values=self._strings(self.excluded_tags)),
        ]
        return tuple(c for c in found if not c.is_empty())

    def _criterion(self, kind: CriterionKind, **values: object) -> Criterion:
        row = self._rows[kind]
        low, high = values.get("low"), values.get("high")
        if isinstance(low, Decimal) and isinstance(high, Decimal) and low > high:
            values["low"], values["high"] = high, low  # "from 50 to 10" means 10 to 50
        return Criterion(kind, row.is_must(), row.weight.value(), **values)  # type: ignore[arg-type]

    @staticmethod
    def _strings(button: ChoiceButton) -> tuple[str, ...]:
        return tuple(str(v) for v in button.selected())

    @staticmethod
    def _whole(box: QSpinBox) -> Decimal | None:
        return None if box.value() == box.minimum() else Decimal(box.value())

    @staticmethod
    def _money(box: QDoubleSpinBox) -> Decimal | None:
        if box.value() <= box.minimum():
            return None
        return (Decimal(str(round(box.value(), 1))) * MILLION).quantize(Decimal(1))

    # -- what each criterion costs

    def show_counts(self, counts: CoreGroup | None) -> None:
        """Beside each criterion: how many companies a must excludes, or how many do not
        meet a should; nothing beside an empty row."""
        locale = QLocale()
        for kind, row in self._rows.items():
            found = counts.count(kind) if counts is not None else None
            if found is None:
                row.count.clear()
                row.count.setToolTip("")
            elif found.must:
                row.count.setText(
                    self.tr("excludes %1").replace("%1", locale.toString(found.failing))
                )
                row.count.setToolTip(
                    self.tr(
                        "Without this criterion alone, %1 more companies would be in the "
                        "core group."
                    ).replace("%1", locale.toString(found.added_if_dropped))
                )
            else:
                row.count.setText(
                    self.tr("%1 do not meet it").replace("%1", locale.toString(found.failing))
                )
                row.count.setToolTip("")

    def row_count_text(self, kind: CriterionKind) -> str:
        return self._rows[kind].count.text()

    def set_must(self, kind: CriterionKind, must: bool) -> None:
        self._rows[kind].must.setCurrentIndex(1 if must else 0)

    def set_weight(self, kind: CriterionKind, weight: int) -> None:
        self._rows[kind].weight.setValue(weight)
