"""Wizard page 4: what the import will do, row by row, before anything is stored."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from prospector import i18n
from prospector.countries import country_choices
from prospector.services import importing
from prospector.services.import_plan import ImportPlan, PlannedRow
from prospector.services.import_run import ImportSummary
from ui.context import AppContext
from ui.dialogs.import_pages.file_page import ERROR_STYLE
from ui.dialogs.import_pages.state import ImportState
from ui.import_messages import counts_text, reasons_text
from ui.itemmodels.preview_model import COLUMNS, DETAILS_COLUMN, PreviewModel, details
from ui.messages import describe
from ui.widgets.progress import ProgressPanel

# The widest the narrow columns grow to fit their content, in characters: row, action,
# company, postcode, city, phone, person. The problems get the rest.
_WIDEST = (8, 18, 36, 10, 24, 20, 28)
# Rows whose content sizes the columns: the first ones, as many as a screen holds several times.
_SIZED_BY = 500


class SingleLineDelegate(QStyledItemDelegate):
    """Elides instead of wrapping: every row is one line high, so that the view reaches the
    last of 100,000 rows at once; the problems of the current row are shown in full below."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


def has_problem(row: PlannedRow) -> bool:
    return bool(row.parsed.errors or row.parsed.warnings)


def anything_to_import(forecast: ImportSummary) -> bool:
    return bool(forecast.new_companies or forecast.updated_companies or forecast.new_contacts)


class PreviewPage(QWizardPage):
    """Plans the import in the background (reading only) and shows its first rows."""

    def __init__(
        self, context: AppContext, state: ImportState, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._state = state
        self._operations = context.operations
        self._locale = QLocale()
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(
            self.tr("The rows as they will be stored. Nothing is stored until you click Import.")
        )
        # Import starts on the next page; there is no way back to a finished import.
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        font = self.counts_label.font()
        font.setBold(True)
        self.counts_label.setFont(font)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.reasons_label.hide()
        self.country = QComboBox()
        self.country.setObjectName("importCountry")
        for code, name in country_choices(i18n.current_language()):
            self.country.addItem(name, code)
        self.country.activated.connect(self._on_country_chosen)
        self.country_label = QLabel(self.tr("&Country of rows that name none:"))
        self.country_label.setBuddy(self.country)
        self.country_why = QLabel()
        self.country_why.setWordWrap(True)
        self.country_why.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # Where the new companies come from (a trade fair's list, a purchased one): the funnel
        # planner counts leads and customers per source. A file with a source column says it.
        self.source = QComboBox()
        self.source.setObjectName("importSource")
        self.source.setEditable(True)
        self.source.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.source.setMinimumContentsLength(24)
        self.source.currentTextChanged.connect(self._on_source_changed)
        self.source_label = QLabel(self.tr("&Source of the new companies:"))
        self.source_label.setBuddy(self.source)
        self.only_problems = QCheckBox(self.tr("&Only rows with problems"))
        self.only_problems.toggled.connect(self._show_rows)
        self.model = PreviewModel(self)
        self.view = QTableView()
        self.view.setObjectName("importPreview")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setItemDelegate(SingleLineDelegate(self.view))
        rows = self.view.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # never measured row by row
        rows.setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(DETAILS_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(4 * self.view.fontMetrics().averageCharWidth())
        header.setResizeContentsPrecision(_SIZED_BY)
        assert len(_WIDEST) == len(COLUMNS) - 1
        self.view.selectionModel().currentRowChanged.connect(self._show_details)
        self.details_label = QLabel()
        self.details_label.setObjectName("previewDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.shown_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.hide()
        self.job = context.operations.job(self)
        self.panel = ProgressPanel(self.job)
        self.job.finished.connect(self.completeChanged)

        country_row = QHBoxLayout()
        country_row.addWidget(self.country_label)
        country_row.addWidget(self.country)
        country_row.addWidget(self.country_why, 1)
        source_row = QHBoxLayout()
        source_row.addWidget(self.source_label)
        source_row.addWidget(self.source)
        source_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(country_row)
        layout.addLayout(source_row)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.reasons_label)
        layout.addWidget(self.panel)
        layout.addWidget(self.message_label)
        layout.addWidget(self.only_problems)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.details_label)
        layout.addWidget(self.shown_label)

    # -- wizard -----------------------------------------------------------------------------

    def initializePage(self) -> None:
        state = self._state
        table = state.table
        assert table is not None
        state.plan, state.forecast = None, None
        self.model.set_rows([])
        self.details_label.clear()
        self.counts_label.clear()
        self.reasons_label.clear()
        self.reasons_label.hide()
        self.shown_label.clear()
        self.message_label.hide()
        mapping, on_duplicate, on_problem = state.mapping, state.on_duplicate, state.on_problem
        country, from_mail = state.country, state.companies_from_mail

        self.job.start(
            self.tr("Checking %Ln rows…", "", len(table.rows)),
            lambda db, progress: importing.preview_import(
                db,
                table,
                mapping=mapping,
                on_duplicate=on_duplicate,
                on_problem=on_problem,
                country=country,
                companies_from_mail=from_mail,
                progress=progress,
            ),
            self._on_planned,
            on_failed=self._on_failed,
            on_cancelled=self._on_cancelled,
        )

    def cleanupPage(self) -> None:
        self.job.abandon()  # back to change something: this plan is of no use any more
        self._state.plan, self._state.forecast = None, None

    def isComplete(self) -> bool:
        forecast = self._state.forecast
        return not self.job.busy and forecast is not None and anything_to_import(forecast)

    # -- slots ------------------------------------------------------------------------------

    def _on_planned(self, result: object) -> None:
        assert isinstance(result, tuple)
        plan, forecast = result
        self._state.plan, self._state.forecast = plan, forecast
        self._show_country(plan)
        self._show_source(plan)
        self.counts_label.setText(counts_text(forecast))
        self.reasons_label.setText(reasons_text(forecast))
        self.reasons_label.setVisible(bool(self.reasons_label.text()))
        if not anything_to_import(forecast):
            self._show_message(
                self.tr(
                    "There is nothing to import: every row has an error or is already in the "
                    "database. Go back to change the columns or the duplicate handling."
                )
            )
        self._show_rows()

    def _show_source(self, plan: ImportPlan) -> None:
        from prospector.services.sources import source_names

        own_column = "source" in plan.mapping
        for widget in (self.source, self.source_label):
            widget.setVisible(not own_column)
        known = self._operations.read(source_names, parent=self, quiet=True) or []
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItems(known)
        self.source.setEditText(plan.lead_source or "")
        self.source.blockSignals(False)

    def _on_source_changed(self, text: str) -> None:
        plan = self._state.plan
        if plan is not None:
            self._state.plan = dataclasses.replace(plan, lead_source=" ".join(text.split()) or None)

    def _show_country(self, plan: ImportPlan) -> None:
        self.country.setCurrentIndex(self.country.findData(plan.country))
        if plan.country_guess is not None:
            why = self.tr("suggested by the postcodes and phone numbers of the file")
        elif self._state.country is not None:
            why = ""
        else:
            why = self.tr("the file does not suggest one")
        self.country_why.setText(why)

    def _on_country_chosen(self, index: int) -> None:
        """Another country for rows that name none: check the rows again with it."""
        chosen = self.country.itemData(index)
        plan = self._state.plan
        if plan is not None and chosen == plan.country:
            return
        self._state.country = chosen
        self.initializePage()

    def _on_failed(self, error: BaseException) -> None:
        self._show_message(describe(error))

    def _on_cancelled(self) -> None:
        self._show_message(self.tr("The check was cancelled. Go back and try again."))

    def _show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.show()

    def _show_rows(self) -> None:
        plan = self._state.plan
        if plan is None:
            return
        rows = (
            [r for r in plan.rows if has_problem(r)]
            if self.only_problems.isChecked()
            else plan.rows
        )
        self.model.set_rows(rows)
        self._fit_columns()
        self.shown_label.setText(
            self.tr("%Ln row(s) with problems.", "", len(rows))
            if self.only_problems.isChecked()
            else self.tr("%Ln row(s).", "", len(rows))
        )
        if rows:
            self.view.selectRow(0)
        else:
            self.details_label.clear()

    def _fit_columns(self) -> None:
        """Each narrow column as wide as its title and its first rows' values need, up to its
        limit: an empty column stays narrow, a long city name is not cut."""
        header = self.view.horizontalHeader()
        characters = self.view.fontMetrics().averageCharWidth()
        for column, widest in enumerate(_WIDEST):
            self.view.resizeColumnToContents(column)
            fitted = max(header.sectionSize(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(fitted, widest * characters + 12))

    def _show_details(self, current: QModelIndex) -> None:
        """The current row's problems (or what it matched), in full."""
        row = self.model.row_at(current.row()) if current.isValid() else None
        text = details(row) if row is not None else ""
        if row is not None and text:
            text = self.tr("Row %1: %2").replace("%1", str(row.parsed.line)).replace("%2", text)
        self.details_label.setText(text)
