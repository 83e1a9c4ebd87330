"""The funnel planner: customers wanted -> leads and core group needed, against the real core
group of a profile, with a verdict, what-ifs and the funnel as a chart."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from prospector import funnel
from prospector.changes import Changes
from prospector.errors import ValidationFailed
from prospector.fit_texts import kind_label
from prospector.icp import CriterionKind, Profile
from prospector.services import planner_goal, profiles, sources
from prospector.services.funnel_figures import FunnelFigures, funnel_figures, source_funnels
from prospector.services.planner_goal import PlannerGoal
from ui.context import AppContext
from ui.itemmodels.source_model import SourceModel
from ui.pages.read_when_shown import ReadWhenShown
from ui.widgets.funnel_chart import FunnelChart

DEFAULT_CUSTOMERS = 5
PERIODS = (3, 6, 12, 24)  # months
DEFAULT_PERIOD = 12
SAVE_DELAY_MS = 800


def _percent(rate: Fraction) -> float:
    return float(rate * 100)


def _rate(percent: float) -> Fraction:
    return Fraction(Decimal(str(round(percent, 1)))) / 100


class PlannerPage(QWidget):
    """Reads the figures when shown and when the data changes; the arithmetic is pure."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("plannerPage")
        self._operations = context.operations
        self._figures: FunnelFigures | None = None
        self._reading = ReadWhenShown(self, self.reload, stale=False)
        self._locale = QLocale()

        self.profile = QComboBox()
        self.profile.setObjectName("plannerProfile")
        self.profile.setMinimumContentsLength(20)
        self.profile.activated.connect(lambda _index: self.reload())
        self.customers = QSpinBox()
        self.customers.setObjectName("customersWanted")
        self.customers.setRange(0, 100_000)
        self.customers.setValue(DEFAULT_CUSTOMERS)
        self.customers.setGroupSeparatorShown(True)
        # The period the goal is for: the rates do not depend on it, the plan's sentence does.
        self.period = QComboBox()
        self.period.setObjectName("plannerPeriod")
        for months in PERIODS:
            # Never one month: the plural needs no numerus form.
            self.period.addItem(self.tr("in %1 months").replace("%1", str(months)), months)
        self.period.setCurrentIndex(PERIODS.index(DEFAULT_PERIOD))
        self.period.currentIndexChanged.connect(self.recalculate)
        self.lead_rate = self._rate_box("leadRate")
        self.customer_rate = self._rate_box("customerRate")
        self.measured_label = QLabel()
        self.measured_label.setObjectName("measuredRates")
        self.measured_label.setWordWrap(True)
        self.use_measured = QPushButton(self.tr("Use my rates"))
        self.use_measured.setObjectName("useMeasured")
        self.use_measured.clicked.connect(self.take_measured_rates)
        self.use_measured.hide()

        inputs = QFormLayout()
        for caption, widget in (
            (self.tr("&Profile:"), self.profile),
            (self.tr("New &customers wanted:"), self.customers),
            (self.tr("P&eriod:"), self.period),
            (self.tr("Core company \u2192 &lead:"), self.lead_rate),
            (self.tr("Lead \u2192 c&ustomer:"), self.customer_rate),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            inputs.addRow(label, widget)
        measured = QHBoxLayout()
        measured.addWidget(self.measured_label, 1)
        measured.addWidget(self.use_measured)
        inputs.addRow(measured)
        inputs_box = QGroupBox(self.tr("Goal and rates"))
        inputs_box.setLayout(inputs)

        self.needed_label = QLabel()
        self.needed_label.setObjectName("needed")
        self.needed_label.setWordWrap(True)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verdict")
        self.verdict_label.setWordWrap(True)
        font = self.verdict_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.verdict_label.setFont(font)
        self.what_if_label = QLabel()
        self.what_if_label.setObjectName("whatIf")
        self.what_if_label.setWordWrap(True)
        self.what_if_label.setTextFormat(Qt.TextFormat.PlainText)
        results_box = QGroupBox(self.tr("Verdict"))
        results = QVBoxLayout(results_box)
        results.addWidget(self.needed_label)
        results.addWidget(self.verdict_label)
        results.addWidget(self.what_if_label)
        results.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(inputs_box, 1)
        top.addWidget(results_box, 1)

        self.chart = FunnelChart()
        self.png_button = QPushButton(self.tr("Save as PNG…"))
        self.png_button.clicked.connect(lambda: self.export("png"))
        self.pdf_button = QPushButton(self.tr("Save as PDF…"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        chart_buttons = QHBoxLayout()
        chart_buttons.addStretch(1)
        chart_buttons.addWidget(self.png_button)
        chart_buttons.addWidget(self.pdf_button)
        chart_box = QWidget()
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.addWidget(self.chart, 1)
        chart_layout.addLayout(chart_buttons)

        # Where the companies came from, and what each source cost per lead and customer:
        # many contacts bought, not one customer, shows at a glance.
        self.sources = SourceModel(self.save_cost, self)
        self.sources_view = QTableView()
        self.sources_view.setObjectName("sourceTable")
        self.sources_view.setModel(self.sources)
        self.sources_view.setAlternatingRowColors(True)
        self.sources_view.setWordWrap(False)
        self.sources_view.verticalHeader().hide()
        self.sources_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sources_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.sources_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        char = self.fontMetrics().averageCharWidth()
        # Figures get the width of their header in the user's language, and of 99.999,99 €.
        for column in range(1, self.sources.columnCount()):
            title = self.sources.headerData(column, Qt.Orientation.Horizontal) or ""
            wide = header.fontMetrics().horizontalAdvance(str(title)) + char * 4
            self.sources_view.setColumnWidth(column, max(wide, char * 12))
        sources_hint = QLabel(
            self.tr(
                "Each company keeps its source; an import gives its new companies one. Type "
                "what a source cost into its cost cell (double-click or F2)."
            )
        )
        sources_hint.setWordWrap(True)
        sources_box = QWidget()
        sources_layout = QVBoxLayout(sources_box)
        sources_layout.addWidget(sources_hint)
        sources_layout.addWidget(self.sources_view, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(chart_box, self.tr("Funnel: planned and actual"))
        self.tabs.addTab(sources_box, self.tr("Sources and costs"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self._show_goal()
        # The goal and rates are the team's: kept in the database a moment after each change.
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_goal)
        for box in (self.customers, self.lead_rate, self.customer_rate):
            box.valueChanged.connect(self.recalculate)
            box.valueChanged.connect(self._save_timer.start)
        self.period.currentIndexChanged.connect(self._save_timer.start)
        context.operations.changed.connect(self.on_changes)
        self.reload()

    def _show_goal(self) -> None:
        goal = self._operations.read(planner_goal.load_goal, parent=self) or PlannerGoal()
        for widget in (self.customers, self.lead_rate, self.customer_rate, self.period):
            widget.blockSignals(True)
        self.customers.setValue(goal.customers)
        self.lead_rate.setValue(_percent(goal.lead_rate))
        self.customer_rate.setValue(_percent(goal.customer_rate))
        index = self.period.findData(goal.months)
        self.period.setCurrentIndex(index if index >= 0 else PERIODS.index(DEFAULT_PERIOD))
        for widget in (self.customers, self.lead_rate, self.customer_rate, self.period):
            widget.blockSignals(False)

    def goal(self) -> PlannerGoal:
        return PlannerGoal(
            customers=self.customers.value(),
            months=int(self.period.currentData()),
            lead_rate=_rate(self.lead_rate.value()),
            customer_rate=_rate(self.customer_rate.value()),
        )

    def save_goal(self) -> None:
        self._save_timer.stop()
        goal = self.goal()
        self._operations.write(lambda db: planner_goal.save_goal(db, goal), parent=self)

    def hideEvent(self, event: QHideEvent) -> None:
        if self._save_timer.isActive():
            self.save_goal()  # leaving the page keeps what was just typed
        super().hideEvent(event)

    def _rate_box(self, name: str) -> QDoubleSpinBox:
        box = QDoubleSpinBox()
        box.setObjectName(name)
        box.setDecimals(1)
        box.setRange(0.1, 100.0)
        box.setSingleStep(1.0)
        box.setSuffix(" %")
        box.setValue(_percent(funnel.DEFAULT_LEAD_RATE))
        return box

    def on_changes(self, changes: Changes) -> None:
        # A pass over every company is worth it only for a page in sight: a hidden one reads
        # again when it is shown.
        if changes.profiles or changes.companies or changes.contacts:
            self._reading.changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._reading.shown()

    def reload(self) -> None:
        """Read the profiles and the figures of the chosen one (the active one at first)."""
        found = self._operations.read(profiles.list_profiles, parent=self) or []
        chosen = self.profile.currentData()
        self.profile.blockSignals(True)
        self.profile.clear()
        for item in found:
            text = item.name
            if item.active:
                text = self.tr("%1 (active)").replace("%1", item.name)
            self.profile.addItem(text, item.id)
        if not found:
            self.profile.addItem(self.tr("No ideal customer yet: all companies"), None)
        index = self.profile.findData(chosen) if chosen is not None else -1
        self.profile.setCurrentIndex(max(index, 0))
        self.profile.blockSignals(False)
        by_id = {p.id: p for p in found}
        profile = by_id.get(self.profile.currentData()) or Profile(self.tr("All companies"))
        self._figures = self._operations.read(lambda s: funnel_figures(s, profile), parent=self)
        self.sources.set_rows(self._operations.read(source_funnels, parent=self) or [])
        self._show_measured()
        self.recalculate()

    def save_cost(self, name: str, cost: Decimal | None) -> bool:
        """Store what a source cost; the table is read again from the change."""
        try:
            outcome = self._operations.write(
                lambda db: sources.set_cost(db, name, cost),
                parent=self,
                expected=(ValidationFailed,),
            )
        except ValidationFailed:
            QMessageBox.warning(
                self,
                self.tr("Cost not saved"),
                self.tr("Enter the cost as an amount in euros of 0 or more, e.g. 2.500."),
            )
            return False
        return outcome is not None

    def _show_measured(self) -> None:
        figures = self._figures
        if figures is None:
            return
        measured = figures.measured
        if not measured.enough_history:
            self.measured_label.setText(
                self.tr(
                    "Your own rates are shown once %1 leads are decided (won, lost or "
                    "disqualified); so far %2."
                )
                .replace("%1", self._locale.toString(funnel.MIN_DECIDED_LEADS))
                .replace("%2", self._locale.toString(measured.decided_leads))
            )
            self.use_measured.hide()
            return
        parts = []
        if measured.lead_rate is not None:
            parts.append(
                self.tr("core company \u2192 lead %1 % (from %2 companies worked on)")
                .replace("%1", self._locale.toString(_percent(measured.lead_rate), "f", 1))
                .replace("%2", self._locale.toString(measured.targets_touched))
            )
        if measured.customer_rate is not None:
            parts.append(
                self.tr("lead \u2192 customer %1 % (from %2 decided leads)")
                .replace("%1", self._locale.toString(_percent(measured.customer_rate), "f", 1))
                .replace("%2", self._locale.toString(measured.decided_leads))
            )
        if not parts:
            self.measured_label.setText(
                self.tr("No decided lead became a customer yet: the rule of ten stays.")
            )
            self.use_measured.hide()
            return
        self.measured_label.setText(self.tr("Your rates: %1").replace("%1", "; ".join(parts)))
        self.use_measured.show()

    def take_measured_rates(self) -> None:
        if self._figures is None:
            return
        measured = self._figures.measured
        if measured.lead_rate is not None:
            self.lead_rate.setValue(_percent(measured.lead_rate))
        if measured.customer_rate is not None:
            self.customer_rate.setValue(_percent(measured.customer_rate))

    def plan(self) -> funnel.Plan:
        return funnel.plan(
            self.customers.value(),
            _rate(self.lead_rate.value()),
            _rate(self.customer_rate.value()),
        )

    def recalculate(self) -> None:
        figures = self._figures
        if figures is None:
            return
        plan = self.plan()
        core = figures.funnel.count("core_group")
        result = funnel.verdict(plan, core)
        number = self._locale.toString
        self.needed_label.setText(
            self.tr("%1 new customers %4 need %2 leads from %3 companies of the core group.")
            .replace("%1", number(plan.customers))
            .replace("%2", number(plan.leads_needed))
            .replace("%3", number(plan.core_needed))
            .replace("%4", self.period.currentText())
        )
        if plan.customers == 0:
            self.verdict_label.setText(self.tr("Enter how many new customers you want."))
        elif result.enough:
            self.verdict_label.setText(
                self.tr("Your core group is enough: %1 companies, %2 needed.")
                .replace("%1", number(core))
                .replace("%2", number(plan.core_needed))
            )
        else:
            self.verdict_label.setText(
                self.tr(
                    "Your core group is enough for %1 of %2 customers: %3 companies, %4 needed."
                )
                .replace("%1", number(result.customers_possible))
                .replace("%2", number(plan.customers))
                .replace("%3", number(core))
                .replace("%4", number(plan.core_needed))
            )
        self.what_if_label.setText(self._what_if(figures, result))
        self.chart.set_funnels(
            funnel.expected_funnel(plan, figures.funnel.count("target_group")),
            figures.funnel,
            self.stage_labels(),
            self.tr("Funnel of \u201c%1\u201d").replace("%1", figures.profile.name),
        )

    def _what_if(self, figures: FunnelFigures, result: funnel.Verdict) -> str:
        if result.enough or result.plan.customers == 0:
            return ""
        relaxations = funnel.best_relaxations(
            {kind.value: added for kind, added in figures.added_by_dropping.items()}
        )
        if not relaxations:
            return self.tr(
                "No single must-criterion holds the core group back: widen the profile "
                "or add companies to the database."
            )
        number = self._locale.toString
        lines = [self.tr("What if one must-criterion were dropped:")]
        for relaxation in relaxations:
            name = kind_label(CriterionKind(relaxation.criterion))
            if relaxation.added >= result.shortfall:
                line = self.tr("without \u201c%1\u201d: +%2 companies, enough")
            else:
                line = self.tr("without \u201c%1\u201d: +%2 companies, still %3 short")
            lines.append(
                "\u2022 "
                + line.replace("%1", name)
                .replace("%2", number(relaxation.added))
                .replace("%3", number(result.shortfall - relaxation.added))
            )
        return "\n".join(lines)

    def stage_labels(self) -> dict[str, str]:
        return {
            "target_group": self.tr("Target group"),
            "core_group": self.tr("Core group"),
            "leads": self.tr("Leads"),
            "opportunities": self.tr("Opportunities"),
            "customers": self.tr("Customers"),
        }

    def export(self, kind: str) -> Path | None:
        """Save the chart as PNG or PDF where the user says; the path, or None."""
        if kind == "png":
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the funnel as PNG"),
                str(Path.home() / self.tr("Funnel.png")),
                self.tr("PNG image (*.png)"),
            )
        else:
            path, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the funnel as PDF"),
                str(Path.home() / self.tr("Funnel.pdf")),
                self.tr("PDF document (*.pdf)"),
            )
        if not path:
            return None
        target = Path(path).with_suffix(f".{kind}")
        try:
            if kind == "png":
                self.chart.save_png(target)
            else:
                self.chart.save_pdf(target)
        except OSError as exc:
            self._operations.report(exc, self)
            return None
        return target
