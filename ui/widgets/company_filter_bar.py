"""The search box and filter buttons above the company list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from prospector.company_filter import CompanyFilter
from prospector.enums import ActivityType, CompanyStage, CompanyStructure
from prospector.region import parse_postcode_areas
from prospector.sizeclass import SizeClass
from ui.labels import activity_type_label, company_structure_label, size_class_label, stage_label
from ui.widgets.choice_button import ChoiceButton
from ui.widgets.flow_layout import FlowLayout

# The fit filter's choices: the core group of the active profile, and scores of at least these.
CORE = "core"
FIT_STEPS = (75, 50, 25)

# Typing pauses this long before the list is queried again.
SEARCH_DELAY_MS = 30


def _step(min_fit: int | None) -> tuple[int, ...]:
    return () if min_fit is None else (min_fit,)


class CompanyFilterBar(QWidget):
    """Emits `filter_changed` with the whole CompanyFilter whenever any part of it changes."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setObjectName("companySearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("Search name, place, postcode, phone, website or contact (Ctrl+F)")
        )
        self.industry = ChoiceButton(self.tr("Industry"))
        self.size_class = ChoiceButton(self.tr("Size"))
        self.size_class.set_options([(s, size_class_label(s)) for s in SizeClass])
        self.country = ChoiceButton(self.tr("Country"))
        self.state = ChoiceButton(self.tr("State"))
        self.postcode = QLineEdit()
        self.postcode.setPlaceholderText(self.tr("Postcode area, e.g. 7 or 80-85"))
        # The flow layout gives every widget its size hint: fix the width to the placeholder's.
        placeholder = self.fontMetrics().horizontalAdvance(self.postcode.placeholderText())
        self.postcode.setFixedWidth(placeholder + 24)
        self.structure = ChoiceButton(self.tr("Structure"))
        self.structure.set_options([(s, company_structure_label(s)) for s in CompanyStructure])
        self.activity = ChoiceButton(self.tr("Activity"))
        self.activity.set_options([(a, activity_type_label(a)) for a in ActivityType])
        self.tags = ChoiceButton(self.tr("Tags"))
        self.stage = ChoiceButton(self.tr("Stage"))
        self.stage.set_options([(s, stage_label(s)) for s in CompanyStage])
        self.owner = ChoiceButton(self.tr("Owner"))
        self.objection = ChoiceButton(self.tr("Do not contact"))
        self.objection.set_options(
            [(True, self.tr("A contact objected")), (False, self.tr("Nobody objected"))]
        )
        self.fit = ChoiceButton(self.tr("Fit"))
        self.fit.setObjectName("fitFilter")
        self.fit.set_options(
            [
                (CORE, self.tr("In the core group")),
                *((n, self.tr("Fit at least %1").replace("%1", str(n))) for n in FIT_STEPS),
            ]
        )
        self.missing_persona = ChoiceButton(self.tr("Persona unknown"))
        self.missing_persona.setObjectName("missingPersona")
        self.missing_persona.setToolTip(
            self.tr("Companies where no contact is known for the persona, e.g. the buyer")
        )
        self.reset_button = QPushButton(self.tr("Reset filters"))
        self.reset_button.setEnabled(False)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._timer.start)
        self.postcode.textChanged.connect(self._timer.start)
        for button in self._buttons():
            button.changed.connect(self._emit)
        self.reset_button.clicked.connect(self.reset)

        first = QHBoxLayout()
        first.addWidget(self.search, 1)
        self.top_row = first  # the page adds its view chooser here
        second = FlowLayout()
        for widget in (
            self.industry,
            self.size_class,
            self.country,
            self.state,
            self.postcode,
            self.structure,
            self.activity,
            self.tags,
            self.stage,
            self.owner,
            self.objection,
            self.fit,
            self.missing_persona,
        ):
            second.addWidget(widget)
        second.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(first)
        layout.addLayout(second)

    def _buttons(self) -> tuple[ChoiceButton, ...]:
        return (
            self.industry,
            self.size_class,
            self.country,
            self.state,
            self.structure,
            self.activity,
            self.tags,
            self.stage,
            self.owner,
            self.objection,
            self.fit,
            self.missing_persona,
        )

    def set_loaders(
        self,
        *,
        industries: Callable[[], Sequence[str]],
        countries: Callable[[], Sequence[str]],
        states: Callable[[], Sequence[str]],
        tags: Callable[[], Sequence[tuple[int, str]]],
        owners: Callable[[], Sequence[tuple[int, str]]],
        personas: Callable[[], Sequence[tuple[int, str]]] = list,
    ) -> None:
        """Where the values in use come from; each menu reads them when it opens."""
        self.industry.set_loader(lambda: [(v, v) for v in industries()])
        self.country.set_loader(lambda: [(v, v) for v in countries()])
        self.state.set_loader(lambda: [(v, v) for v in states()])
        self.tags.set_loader(tags)
        self.owner.set_loader(lambda: [(None, self.tr("Nobody")), *owners()])
        self.missing_persona.set_loader(personas)

    def current(self) -> CompanyFilter:
        objection = self.objection.selected()
        fit = self.fit.selected()
        # Several thresholds ticked: any of them will do, as with every other button.
        steps = [value for value in fit if isinstance(value, int)]
        return CompanyFilter(
            query=self.search.text(),
            industries=self.industry.selected(),
            size_classes=self.size_class.selected(),
            countries=self.country.selected(),
            states=self.state.selected(),
            postcode_areas=self.postcode.text() if self._postcode_ok() else "",
            structures=self.structure.selected(),
            activity_types=self.activity.selected(),
            tag_ids=self.tags.selected(),
            stages=self.stage.selected(),
            owner_ids=self.owner.selected(),
            do_not_contact=objection[0] if len(objection) == 1 else None,
            core_group=CORE in fit,
            min_fit=min(steps) if steps else None,
            missing_persona_ids=self.missing_persona.selected(),
        )

    def apply(self, flt: CompanyFilter) -> None:
        """Show a saved filter."""
        for widget in (self.search, self.postcode):
            widget.blockSignals(True)
        self.search.setText(flt.query)
        self.postcode.setText(flt.postcode_areas)
        for widget in (self.search, self.postcode):
            widget.blockSignals(False)
        pairs = (
            (self.industry, flt.industries),
            (self.size_class, flt.size_classes),
            (self.country, flt.countries),
            (self.state, flt.states),
            (self.structure, flt.structures),
            (self.activity, flt.activity_types),
            (self.tags, flt.tag_ids),
            (self.stage, flt.stages),
            (self.owner, flt.owner_ids),
            (self.objection, () if flt.do_not_contact is None else (flt.do_not_contact,)),
            (self.fit, ((CORE,) if flt.core_group else ()) + _step(flt.min_fit)),
            (self.missing_persona, flt.missing_persona_ids),
        )
        for button, values in pairs:
            button.blockSignals(True)
            button.set_selected(values)
            button.blockSignals(False)
        self._emit()

    def reset(self) -> None:
        self.apply(CompanyFilter(query=self.search.text()))

    def _postcode_ok(self) -> bool:
        try:
            parse_postcode_areas(self.postcode.text())
        except ValueError:
            return False
        return True

    def _emit(self) -> None:
        self._timer.stop()
        ok = self._postcode_ok()
        self.postcode.setStyleSheet("" if ok else "border: 1px solid #b00020;")
        self.postcode.setToolTip(
            "" if ok else self.tr("Use digits, ranges and commas, e.g. 01, 04-09, 7")
        )
        flt = self.current()
        self.reset_button.setEnabled(not flt.without_query().is_empty())
        self.filter_changed.emit(flt)
