"""The main window: menus, actions, navigation between pages, status bar."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QLocale, QSize, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QIcon,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QStyle,
    QWidget,
)

from prospector.settings import Preferences, save_preferences
from ui.widgets.window_keys import WindowKeys

# The window frame paints before the database layer is even imported: pages, dialogs and
# services come in with attach(), which keeps the first paint close to a bare Qt window.
if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.database_care import DatabaseCare
    from ui.dialogs.due_today_dialog import DueTodayDialog
    from ui.dialogs.help_window import HelpWindow
    from ui.operations import BackgroundJob
    from ui.pages.calendar_page import CalendarPage
    from ui.pages.call_day_page import CallDayPage
    from ui.pages.companies_page import CompaniesPage
    from ui.pages.contacts_page import ContactsPage
    from ui.pages.persona_page import PersonaPage
    from ui.pages.pipeline_page import PipelinePage
    from ui.pages.planner_page import PlannerPage
    from ui.pages.profile_page import ProfilePage
    from ui.pages.team_page import TeamPage
    from ui.pages.trash_page import TrashPage
    from ui.pages.welcome_page import WelcomePage
    from ui.workers import Worker


class MainWindow(QMainWindow):
    """Holds the pages; every action hands over to a page, a dialog or a service."""

    def __init__(
        self,
        context: AppContext | None = None,
        parent: QWidget | None = None,
        *,
        preferences: Preferences | None = None,
    ) -> None:
        super().__init__(parent)
        self._context: AppContext | None = None
        self.care: DatabaseCare
        self._preferences = context.preferences if context else preferences or Preferences()
        self._job: BackgroundJob | None = None
        self._pages_built = False
        self._help: HelpWindow | None = None
        self._profile_page: ProfilePage | None = None
        self._planner_page: PlannerPage | None = None
        self._persona_page: PersonaPage | None = None
        self._pipeline_page: PipelinePage | None = None
        self._team_page: TeamPage | None = None
        self._calendar_page: CalendarPage | None = None
        self._call_day_page: CallDayPage | None = None
        self._due_dialog: DueTodayDialog | None = None
        self.setWindowTitle(self.tr("Prospector"))
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)  # a spreadsheet dropped on the window opens the import

        self.pages = QStackedWidget()
        self.opening_label = QLabel(self.tr("Opening the database…"))
        self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addWidget(self.opening_label)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setMaximumWidth(200)
        self.navigation.currentRowChanged.connect(self._on_navigation)

        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.pages)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([160, 1000])
        self.setCentralWidget(splitter)

        self.count_label = QLabel()
        self.selection_label = QLabel()
        self.selection_label.hide()
        self.database_label = QLabel()
        self.database_label.setToolTip(self.tr("The database in use"))
        # Permanent, so "n of N companies" stays in sight while a message is shown.
        self.statusBar().addPermanentWidget(self.selection_label)
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().addPermanentWidget(self.database_label)

        self._create_actions()
        self._create_menus()
        # Ctrl+E and the others work from the search field too, where the cursor usually is.
        self.window_keys = WindowKeys(
            self,
            (
                self.new_company_action,
                self.new_contact_action,
                self.import_action,
                self.export_action,
                self.find_action,
                self.show_start_action,
                self.show_companies_action,
                self.show_contacts_action,
                self.show_profile_action,
                self.show_persona_action,
                self.show_planner_action,
                self.show_pipeline_action,
                self.show_team_action,
                self.show_calendar_action,
                self.show_call_day_action,
                self.show_trash_action,
            ),
        )
        self._set_data_actions_enabled(False)
        self._default_size()
        self._restore_geometry()
        if context is not None:
            self.attach(context)

    def show_first_look(self, path: Path) -> bool:
        """At start-up, before the database layer is loaded: show the pages with the first
        rows of the company list read straight from the SQLite file (or the start page of an
        empty one). False when the file cannot be read that way; attach() shows the data then.
        The window takes no input until attach(): what the user does meanwhile waits for it."""
        from ui.itemmodels.windows import WINDOW
        from ui.operations import first_look

        self._build_pages()
        sort, descending = self.companies_page.model.sort_state()
        first = first_look(path, sort=sort, descending=descending, limit=WINDOW)
        if first is None:
            return False
        self.database_label.setText(str(path))
        self.companies_page.show_first(first)
        self.show_page(self.companies_page if first.total else self.welcome_page)
        return True

    def data_surface(self) -> QWidget:
        """What shows the data: the company table's rows, or the page shown instead."""
        page = self.pages.currentWidget()
        if page is self.companies_page:
            return self.companies_page.view.viewport()
        return page or self.pages

    def _build_pages(self) -> None:
        """The start page and the company list, with room in the navigation for the pages
        that need the database to be built (attach() puts them in)."""
        if self._pages_built:
            return
        from ui.pages.companies_page import CompaniesPage
        from ui.pages.welcome_page import WelcomePage

        self._pages_built = True
        self.welcome_page: WelcomePage = WelcomePage()
        self.companies_page: CompaniesPage = CompaniesPage(preferences=self._preferences)
        self._add_page(self.welcome_page, self.tr("Start"), QStyle.StandardPixmap.SP_DirHomeIcon)
        self._add_page(
            self.companies_page,
            self.tr("Companies"),
            QStyle.StandardPixmap.SP_FileDialogDetailedView,
        )
        self._contacts_slot = QWidget()
        self._profile_slot = QWidget()
        self._persona_slot = QWidget()
        self._planner_slot = QWidget()
        self._pipeline_slot = QWidget()
        self._team_slot = QWidget()
        self._calendar_slot = QWidget()
        self._call_day_slot = QWidget()
        self._trash_slot = QWidget()
        self._add_page(
            self._contacts_slot,
            self.tr("Contacts"),
            QStyle.StandardPixmap.SP_FileDialogContentsView,
        )
        self._add_page(
            self._profile_slot,
            self.tr("Ideal customer"),
            QStyle.StandardPixmap.SP_FileDialogInfoView,
        )
        self._add_page(
            self._persona_slot,
            self.tr("Personas"),
            "persona.svg",
        )
        self._add_page(
            self._planner_slot,
            self.tr("Funnel planning"),
            QStyle.StandardPixmap.SP_FileDialogListView,
        )
        self._add_page(self._pipeline_slot, self.tr("Opportunities"), "pipeline.svg")
        self._add_page(self._team_slot, self.tr("Team"), "team.svg")
        self._add_page(self._calendar_slot, self.tr("Calendar"), "calendar.svg")
        self._add_page(self._call_day_slot, self.tr("Call day"), "call_day.svg")
        self._add_page(self._trash_slot, self.tr("Trash"), QStyle.StandardPixmap.SP_TrashIcon)
        self.welcome_page.import_requested.connect(self.import_spreadsheet)
        self.welcome_page.sample_requested.connect(self.load_sample_data)
        self.welcome_page.new_company_requested.connect(self.new_company)
        self.welcome_page.help_requested.connect(self.show_help)
        self.welcome_page.companies_requested.connect(lambda: self.show_page(self.companies_page))
        self.companies_page.open_requested.connect(self.open_company)
        self.companies_page.count_changed.connect(self._on_count_changed)
        self.companies_page.selection_changed.connect(self._on_selection_changed)
        self.companies_page.trashed.connect(self._on_trashed)

    def _on_navigation(self, row: int) -> None:
        # Pages that only some users open are built when first shown: start-up never pays.
        slot = self.pages.widget(row + 1)
        if self._context is not None:
            if slot is self._profile_slot:
                self.profile_page  # noqa: B018 - builds it in place of its slot
            elif slot is self._persona_slot:
                self.persona_page  # noqa: B018
            elif slot is self._planner_slot:
                self.planner_page  # noqa: B018
            elif slot is self._pipeline_slot:
                self.pipeline_page  # noqa: B018
            elif slot is self._team_slot:
                self.team_page  # noqa: B018
            elif slot is self._calendar_slot:
                self.calendar_page  # noqa: B018
            elif slot is self._call_day_slot:
                self.call_day_page  # noqa: B018
        self.pages.setCurrentIndex(row + 1)

    @property
    def persona_page(self) -> PersonaPage:
        """The target personas, built on first use."""
        if self._persona_page is None:
            from ui.pages.persona_page import PersonaPage

            self._persona_page = PersonaPage(self.context)
            self._fill_slot(self._persona_slot, self._persona_page)
        return self._persona_page

    @property
    def planner_page(self) -> PlannerPage:
        """The funnel planner, built on first use."""
        if self._planner_page is None:
            from ui.pages.planner_page import PlannerPage

            self._planner_page = PlannerPage(self.context)
            self._fill_slot(self._planner_slot, self._planner_page)
        return self._planner_page

    @property
    def pipeline_page(self) -> PipelinePage:
        """The opportunities by stage, built on first use."""
        if self._pipeline_page is None:
            from ui.pages.pipeline_page import PipelinePage

            self._pipeline_page = PipelinePage(self.context)
            self._fill_slot(self._pipeline_slot, self._pipeline_page)
        return self._pipeline_page

    @property
    def team_page(self) -> TeamPage:
        """The team and the capacity planner, built on first use."""
        if self._team_page is None:
            from ui.pages.team_page import TeamPage

            self._team_page = TeamPage(self.context)
            self._fill_slot(self._team_slot, self._team_page)
        return self._team_page

    @property
    def calendar_page(self) -> CalendarPage:
        """The calendar of touches and the forgotten leads, built on first use."""
        if self._calendar_page is None:
            from ui.pages.calendar_page import CalendarPage

            self._calendar_page = CalendarPage(self.context)
            self._calendar_page.open_touch.connect(self.open_touch)
            self._calendar_page.open_contact.connect(self.open_contact)
            self._fill_slot(self._calendar_slot, self._calendar_page)
        return self._calendar_page

    @property
    def call_day_page(self) -> CallDayPage:
        """The call day: its list, the printed sheets and the outcomes, built on first use."""
        if self._call_day_page is None:
            from ui.pages.call_day_page import CallDayPage

            self._call_day_page = CallDayPage(self.context)
            self._fill_slot(self._call_day_slot, self._call_day_page)
        return self._call_day_page

    @property
    def profile_page(self) -> ProfilePage:
        """The ideal customer's page, built on first use."""
        if self._profile_page is None:
            from ui.pages.profile_page import ProfilePage

            self._profile_page = ProfilePage(self.context)
            self._fill_slot(self._profile_slot, self._profile_page)
        return self._profile_page

    def _fill_slot(self, slot: QWidget, page: QWidget) -> None:
        index = self.pages.indexOf(slot)
        self.pages.insertWidget(index, page)
        self.pages.removeWidget(slot)
        slot.deleteLater()

    def attach(self, context: AppContext) -> None:
        """Connect the window to an open database: build the pages and show the data."""
        from ui.pages.contacts_page import ContactsPage
        from ui.pages.trash_page import TrashPage
        from ui.widgets.progress import ProgressDialogs

        self._context = context
        self._preferences = context.preferences
        # Window-wide slow work (export, sample data), one at a time, behind a progress dialog.
        self._job = context.operations.job(self)
        ProgressDialogs(self, self._job)
        self._build_pages()
        self.companies_page.attach(context)
        self.contacts_page: ContactsPage = ContactsPage(context)
        self.trash_page: TrashPage = TrashPage(context)
        self._fill_slot(self._contacts_slot, self.contacts_page)
        self._fill_slot(self._trash_slot, self.trash_page)
        self.database_label.setText(context.operations.location)
        self.trash_page.count_changed.connect(self._on_trash_count)
        context.operations.history.changed.connect(self._on_history_changed)
        self._on_history_changed()
        self._set_data_actions_enabled(True)
        from ui.database_care import DatabaseCare

        self.care = DatabaseCare(context, self, self._job)
        if not self.care.has_backups:
            self.backups_action.setEnabled(False)
            self.backups_action.setStatusTip(
                self.tr("A database server is backed up with its own tools, such as pg_dump.")
            )
        self.companies_page.reload()
        self.trash_page.reload()
        has_companies = self.companies_page.model.total > 0
        self.show_page(self.companies_page if has_companies else self.welcome_page)
        if context.preferences.show_due_at_start:
            QTimer.singleShot(0, self.show_due_today)

    @property
    def context(self) -> AppContext:
        assert self._context is not None, "the window has no database yet"
        return self._context

    @property
    def current_worker(self) -> Worker | None:
        """The background work under way, if any (one at a time)."""
        return self._job.worker if self._job is not None else None

    def _busy(self) -> bool:
        return self._job is None or self._job.busy

    def _default_size(self) -> None:
        """Most of the screen on first start; later starts restore what the user left."""
        screen = self.screen().availableGeometry()
        self.resize(min(1280, int(screen.width() * 0.9)), min(800, int(screen.height() * 0.9)))

    def _add_page(self, page: QWidget, title: str, icon: QStyle.StandardPixmap | str) -> None:
        """A page and its entry; the icon is the style's, or one of resources/icons."""
        self.pages.addWidget(page)
        if isinstance(icon, str):
            from prospector import paths

            shown = QIcon(str(paths.resources_dir() / "icons" / icon))
        else:
            shown = self.style().standardIcon(icon)
        QListWidgetItem(shown, title, self.navigation)

    def show_page(self, page: QWidget) -> None:
        self.navigation.setCurrentRow(self.pages.indexOf(page) - 1)

    def _set_data_actions_enabled(self, enabled: bool) -> None:
        for action in (
            self.new_company_action,
            self.new_contact_action,
            self.import_action,
            self.import_history_action,
            self.import_activities_action,
            self.export_action,
            self.template_action,
            self.sample_action,
            self.remove_sample_action,
            self.backups_action,
            self.check_action,
            self.settings_action,
            self.show_start_action,
            self.show_companies_action,
            self.show_contacts_action,
            self.show_profile_action,
            self.show_persona_action,
            self.show_planner_action,
            self.show_pipeline_action,
            self.show_team_action,
            self.show_calendar_action,
            self.show_call_day_action,
            self.cadences_action,
            self.export_calendar_action,
            self.show_trash_action,
            self.find_action,
            self.about_action,
        ):
            action.setEnabled(enabled)

    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        self.new_company_action = self._action(
            self.tr("&New company…"), self.new_company, QKeySequence.StandardKey.New
        )
        self.new_contact_action = self._action(
            self.tr("New &contact…"), self.new_contact, "Ctrl+Shift+N"
        )
        self.import_action = self._action(
            self.tr("&Import spreadsheet…"), lambda: self.import_spreadsheet(), "Ctrl+I"
        )
        self.import_history_action = self._action(
            self.tr("Import &history…"), self.show_import_history
        )
        self.import_activities_action = self._action(
            self.tr("Import acti&vities…"), self.import_activities
        )
        self.export_action = self._action(self.tr("&Export…"), self.export_companies, "Ctrl+E")
        self.template_action = self._action(
            self.tr("Save import &template…"), self.save_import_template
        )
        self.sample_action = self._action(self.tr("Load &sample data"), self.load_sample_data)
        self.remove_sample_action = self._action(
            self.tr("&Remove sample data…"), self.remove_sample_data
        )
        self.backups_action = self._action(self.tr("&Backups…"), self.show_backups)
        self.check_action = self._action(self.tr("C&heck the database…"), self.check_database)
        self.settings_action = self._action(
            self.tr("&Settings…"), self.open_settings, QKeySequence.StandardKey.Preferences
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.show_start_action = self._action(
            self.tr("&Start"), lambda: self.show_page(self.welcome_page), "Ctrl+1"
        )
        self.show_companies_action = self._action(
            self.tr("&Companies"), lambda: self.show_page(self.companies_page), "Ctrl+2"
        )
        self.show_contacts_action = self._action(
            self.tr("C&ontacts"), lambda: self.show_page(self.contacts_page), "Ctrl+3"
        )
        self.show_profile_action = self._action(
            self.tr("&Ideal customer"), lambda: self.show_page(self.profile_page), "Ctrl+4"
        )
        self.show_persona_action = self._action(
            self.tr("&Personas"), lambda: self.show_page(self.persona_page), "Ctrl+5"
        )
        self.show_planner_action = self._action(
            self.tr("&Funnel planning"), lambda: self.show_page(self.planner_page), "Ctrl+6"
        )
        self.show_pipeline_action = self._action(
            self.tr("Opport&unities"), lambda: self.show_page(self.pipeline_page), "Ctrl+7"
        )
        self.show_team_action = self._action(
            self.tr("T&eam"), lambda: self.show_page(self.team_page), "Ctrl+8"
        )
        self.show_calendar_action = self._action(
            self.tr("Ca&lendar"), lambda: self.show_page(self.calendar_page), "Ctrl+K"
        )
        self.show_call_day_action = self._action(
            self.tr("C&all day"), lambda: self.show_page(self.call_day_page), "Ctrl+T"
        )
        self.cadences_action = self._action(self.tr("&Nurturing plans…"), self.edit_cadences)
        self.export_calendar_action = self._action(
            self.tr("&Export calendar…"), self.export_calendar
        )
        # The last page, as Ctrl+9 is the last tab in a browser.
        self.show_trash_action = self._action(
            self.tr("&Trash"), lambda: self.show_page(self.trash_page), "Ctrl+9"
        )
        self.find_action = self._action(
            self.tr("&Find…"), self.find_company, QKeySequence.StandardKey.Find
        )
        self.undo_action = self._action(self.tr("&Undo"), self.undo, "Ctrl+Z")
        self.redo_action = self._action(self.tr("&Redo"), self.redo, "Ctrl+Shift+Z")
        # Ctrl+Y too, as Windows programs redo.
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self.help_action = self._action(
            self.tr("&User guide"), self.show_help, QKeySequence.StandardKey.HelpContents
        )
        self.about_action = self._action(self.tr("&About Prospector"), self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_company_action)
        file_menu.addAction(self.new_contact_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_history_action)
        file_menu.addAction(self.import_activities_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.template_action)
        file_menu.addAction(self.sample_action)
        file_menu.addAction(self.remove_sample_action)
        file_menu.addSeparator()
        file_menu.addAction(self.backups_action)
        file_menu.addAction(self.check_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.show_start_action)
        view_menu.addAction(self.show_companies_action)
        view_menu.addAction(self.show_contacts_action)
        view_menu.addAction(self.show_profile_action)
        view_menu.addAction(self.show_persona_action)
        view_menu.addAction(self.show_planner_action)
        view_menu.addAction(self.show_pipeline_action)
        view_menu.addAction(self.show_team_action)
        view_menu.addAction(self.show_calendar_action)
        view_menu.addAction(self.show_call_day_action)
        view_menu.addAction(self.show_trash_action)
        activities_menu = self.menuBar().addMenu(self.tr("&Activities"))
        activities_menu.addAction(self.cadences_action)
        activities_menu.addAction(self.export_calendar_action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def new_company(self) -> None:
        from ui.dialogs.company_dialog import CompanyDialog

        company_id = CompanyDialog.ask(self.context, parent=self)
        if company_id is not None:
            self.show_page(self.companies_page)
            self.statusBar().showMessage(self.tr("Company saved."), 5000)

    def new_contact(self) -> None:
        """A person without a company, or linked to one in the form."""
        self.show_page(self.contacts_page)
        if self.contacts_page.new_contact() is not None:
            self.statusBar().showMessage(self.tr("Contact saved."), 5000)

    def import_spreadsheet(self, path: Path | None = None) -> None:
        from ui.dialogs.import_wizard import ImportWizard

        if ImportWizard.ask(self.context, path, parent=self) is not None:
            self.show_page(self.companies_page)

    def import_activities(self) -> Worker | None:
        """A sheet of activities (the export's, or a call plan made in a spreadsheet)."""
        from ui.activity_import import import_activities_file

        if self._job is None:
            return None
        return import_activities_file(self, self.context, self._job)

    def export_companies(self) -> Worker | None:
        """Export the companies of the current view (filters applied) to xlsx or csv."""
        from PySide6.QtWidgets import QFileDialog

        from prospector.exchange.export import ExportResult
        from prospector.services.exporting import export_companies

        if self._busy():
            return None
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export companies"),
            str(Path.home() / "Unternehmen.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV, semicolons (*.csv)"),
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() not in (".xlsx", ".csv"):
            target = target.with_suffix(".xlsx")
        flt = self.companies_page.current_filter()

        def done(result: object) -> None:
            assert isinstance(result, ExportResult)
            message = self.tr("Exported %1 companies and %2 contacts to %3.")
            message = (
                message.replace("%1", QLocale().toString(result.companies))
                .replace("%2", QLocale().toString(result.contacts))
                .replace("%3", result.path.name)
            )
            if result.cleaned_cells:
                message += " " + self.tr(
                    "%Ln cell(s) held characters Excel does not accept; they were removed.",
                    "",
                    len(result.cleaned_cells),
                )
            self.statusBar().showMessage(message, 15000)

        assert self._job is not None
        return self._job.start(
            self.tr("Exporting…"),
            lambda db, progress: export_companies(db, target, flt=flt, progress=progress),
            done,
        )

    def save_import_template(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from prospector.errors import ProspectorError
        from prospector.exchange.export import write_template
        from ui.messages import show_error

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save import template"),
            str(Path.home() / "Importvorlage.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if not path:
            return
        try:
            write_template(Path(path))
        except ProspectorError as exc:
            show_error(self, exc)
            return
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.tr("Save import template"),
                self.tr("%1 cannot be written: %2")
                .replace("%1", path)
                .replace("%2", exc.strerror or str(exc)),
            )
            return
        self.statusBar().showMessage(self.tr("Template saved: %1").replace("%1", path), 8000)

    def show_import_history(self) -> None:
        from ui.dialogs.import_history_dialog import ImportHistoryDialog

        ImportHistoryDialog.ask(self.context, self)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from ui.dialogs.import_wizard import importable_path

        if self._context is not None and importable_path(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        from ui.dialogs.import_wizard import importable_path

        path = importable_path(event.mimeData())
        if self._context is not None and path is not None:
            event.acceptProposedAction()
            # Once the drop has returned: the file manager must not wait for the wizard.
            QTimer.singleShot(0, lambda: self.import_spreadsheet(path))

    def open_company(self, company_id: int) -> None:
        from ui.dialogs.company_dialog import CompanyDialog

        CompanyDialog.ask(self.context, company_id, parent=self)

    def open_touch(self, activity_id: int) -> None:
        """A touch from the calendar: a planned call asks for its outcome, another planned
        touch is marked done, a done one opens its company."""
        from prospector.enums import ActivityKind
        from prospector.services.calendar_view import agenda_item
        from ui.dialogs.activity_dialog import ActivityDialog
        from ui.dialogs.call_outcome_dialog import CallOutcomeDialog

        item = self.context.operations.read(
            lambda session: agenda_item(session, activity_id), parent=self
        )
        if item is None:
            return
        if item.done_at is not None:
            self.open_company(item.company_id)
        elif item.kind is ActivityKind.CALL:
            CallOutcomeDialog.ask(self, self.context, activity_id)
        else:
            ActivityDialog.ask(self.context, item.company_id, activity_id=activity_id, parent=self)

    def show_due_today(self) -> DueTodayDialog | None:
        """The touches due today and left over, beside the window (none: nothing shown)."""
        from ui.dialogs.due_today_dialog import DueTodayDialog, due_now

        if self._context is None:
            return None
        items = due_now(self.context)
        if not items:
            return None
        dialog = DueTodayDialog(self.context, items, self)
        dialog.open_touch.connect(self.open_touch)
        dialog.show_calendar.connect(lambda: self.show_page(self.calendar_page))
        dialog.show()
        self._due_dialog = dialog
        return dialog

    def open_contact(self, contact_id: int) -> None:
        self.contacts_page.open_contact(contact_id)

    def edit_cadences(self) -> None:
        from ui.dialogs.cadence_dialog import CadencesDialog

        CadencesDialog.ask(self.context, self)

    def export_calendar(self) -> Worker | None:
        """The planned touches (of the current user, if chosen) to an iCalendar file."""
        from PySide6.QtWidgets import QFileDialog

        from prospector.services.calendar_export import CalendarExport, export_calendar

        if self._busy():
            return None
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export calendar"),
            str(Path.home() / self.tr("Prospector.ics")),
            self.tr("iCalendar file (*.ics)"),
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".ics":
            target = target.with_suffix(".ics")
        owner = self.context.current_member_id()

        def done(result: object) -> None:
            assert isinstance(result, CalendarExport)
            self.statusBar().showMessage(
                self.tr("%Ln planned touch(es) exported to {file}.", "", result.events).format(
                    file=result.path.name
                ),
                15000,
            )

        assert self._job is not None
        return self._job.start(
            self.tr("Exporting the calendar…"),
            lambda db, progress: export_calendar(db, target, owner_id=owner),
            done,
        )

    def load_sample_data(self) -> Worker | None:
        """Load the shipped sample in the background; asks first if it is there already."""
        from prospector.services import sample

        if self._busy():
            return None
        loaded = self.context.operations.read(sample.sample_is_loaded, parent=self)
        if loaded is None:
            return None
        if loaded:
            answer = QMessageBox.question(
                self,
                self.tr("Load sample data"),
                self.tr("The sample data is already loaded. Load it a second time?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        assert self._job is not None
        return self._job.start(
            self.tr("Loading the sample data…"),
            sample.load_sample_data,
            self._on_sample_loaded,
            on_cancelled=self._on_sample_cancelled,
        )

    def remove_sample_data(self) -> int:
        """Delete the sample companies in one step, after saying what stays; how many."""
        from prospector.services import sample

        count = self.context.operations.read(sample.sample_count, parent=self)
        if not count:
            if count is not None:
                self.statusBar().showMessage(self.tr("No sample data is loaded."), 8000)
            return 0
        answer = QMessageBox.question(
            self,
            self.tr("Remove sample data"),
            self.tr(
                "Delete the %Ln sample companies with their contacts and history for good? "
                "Companies you added or imported stay.",
                "",
                count,
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        removed = self.context.operations.write(sample.remove_sample_data, parent=self)
        if removed is None:
            return 0
        self.statusBar().showMessage(
            self.tr("%Ln sample companies deleted.", "", removed.value), 8000
        )
        if self.companies_page.model.total == 0:
            self.show_page(self.welcome_page)
        return removed.value

    def _on_sample_cancelled(self) -> None:
        self.statusBar().showMessage(self.tr("Loading cancelled; nothing was changed."), 8000)

    def _on_sample_loaded(self, result: object) -> None:
        from prospector.records import SampleLoadResult

        assert isinstance(result, SampleLoadResult)
        self.show_page(self.companies_page)
        self.statusBar().showMessage(
            self.tr("Loaded %1 companies and %2 contacts.")
            .replace("%1", QLocale().toString(result.companies))
            .replace("%2", QLocale().toString(result.contacts)),
            8000,
        )

    def _on_count_changed(self, shown: int, total: int) -> None:
        if shown == total:
            self.count_label.setText(self.tr("%Ln companies", "", total))
        else:
            self.count_label.setText(
                self.tr("%1 of %Ln companies", "", total).replace("%1", QLocale().toString(shown))
            )
        self.welcome_page.show_total(total)

    def _on_selection_changed(self, count: int) -> None:
        self.selection_label.setText(self.tr("%Ln selected", "", count))
        self.selection_label.setVisible(count > 0)

    def _on_trash_count(self, count: int) -> None:
        item = self.navigation.item(self.pages.indexOf(self.trash_page) - 1)
        item.setText(
            self.tr("Trash (%1)").replace("%1", QLocale().toString(count))
            if count
            else self.tr("Trash")
        )

    def find_company(self) -> None:
        """Ctrl+F: into the search box of the contact list when it is shown, else of the
        company list."""
        if self.pages.currentWidget() is self.contacts_page:
            search = self.contacts_page.search
        elif self._pipeline_page is not None and self.pages.currentWidget() is self._pipeline_page:
            self._pipeline_page.focus_search()
            return
        else:
            self.show_page(self.companies_page)
            search = self.companies_page.filter_bar.search
        search.setFocus()
        search.selectAll()

    def _on_trashed(self, ids: list[int]) -> None:
        self.statusBar().showMessage(
            self.tr("%Ln company(s) moved to the trash. Ctrl+Z brings them back.", "", len(ids)),
            10000,
        )

    def _on_history_changed(self) -> None:
        """Name what Ctrl+Z and Ctrl+Shift+Z would do; a message about an earlier step (\"Ctrl+Z
        brings them back\") no longer holds once the history moved on."""
        self.statusBar().clearMessage()
        history = self.context.operations.history
        step_text = history.describe
        for action, step, named, plain in (
            (self.undo_action, history.next_undo(), self.tr("&Undo: %1"), self.tr("&Undo")),
            (self.redo_action, history.next_redo(), self.tr("&Redo: %1"), self.tr("&Redo")),
        ):
            action.setEnabled(step is not None)
            # A company named "A & B" must not give the action a mnemonic.
            text = named.replace("%1", step_text(step).replace("&", "&&")) if step else plain
            action.setText(text)

    def undo(self) -> None:
        """Ctrl+Z: take back the last change of this session."""
        from prospector.undo import UndoKind

        operations = self.context.operations
        coming = operations.history.next_undo()
        if coming is not None and coming.kind is UndoKind.IMPORT:
            # Many records at once, and no redo: only when the user says so.
            answer = QMessageBox.question(
                self,
                self.tr("Undo import"),
                self.tr(
                    "Undo the import of \u201c%1\u201d? The companies and contacts it added "
                    "are deleted and what it changed is restored. It cannot be redone."
                ).replace("%1", coming.detail),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        step = operations.undo(parent=self)
        if step is not None:
            self.statusBar().showMessage(
                self.tr("Undone: %1").replace("%1", operations.history.describe(step)), 8000
            )

    def redo(self) -> None:
        """Ctrl+Shift+Z: make the last undone change again."""
        operations = self.context.operations
        step = operations.redo(parent=self)
        if step is not None:
            self.statusBar().showMessage(
                self.tr("Redone: %1").replace("%1", operations.history.describe(step)), 8000
            )

    def show_backups(self) -> None:
        self.care.show_backups()

    def check_database(self) -> None:
        self.care.check()

    def open_settings(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog

        if SettingsDialog.ask(self.context, self) is not None:
            self.statusBar().showMessage(
                self.tr("Settings saved. They take effect at the next start."), 8000
            )

    def show_help(self) -> HelpWindow:
        """F1: the user guide at the part about the page in view (one window, kept open)."""
        from ui.dialogs.help_window import HelpWindow

        if self._help is None:
            self._help = HelpWindow(self)
        page = self.pages.currentWidget()
        sections: dict[QWidget | None, str] = {
            self.companies_page: "companies",
            self.contacts_page: "contacts",
            self._profile_page: "icp",
            self._persona_page: "personas",
            self._planner_page: "planner",
            self._pipeline_page: "pipeline",
            self._team_page: "team",
            self._calendar_page: "calendar",
            self._call_day_page: "callday",
            self.trash_page: "trash",
        }
        self._help.show_section(sections.get(page, "start"))
        return self._help

    def show_about(self) -> None:
        from ui.dialogs.about_dialog import AboutDialog

        AboutDialog.ask(self.context.operations.location, self)

    def _restore_geometry(self) -> None:
        prefs = self._preferences
        if prefs.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(prefs.window_geometry.encode()))
        if prefs.window_state:
            self.restoreState(QByteArray.fromBase64(prefs.window_state.encode()))

    def save_layout(self) -> None:
        """Remember the window, and the column layouts the pages keep in the preferences."""
        changes = {
            "window_geometry": bytes(self.saveGeometry().toBase64().data()).decode(),
            "window_state": bytes(self.saveState().toBase64().data()).decode(),
        }
        if self._context is not None:
            self._context.update_preferences(**changes)
        else:
            self._preferences = self._preferences.with_changes(**changes)
            save_preferences(self._preferences)

    def closeEvent(self, event: QCloseEvent) -> None:
        page = self._profile_page
        if page is not None and (not page.maybe_keep_edits() or page.job_busy):
            self.show_page(page)
            event.ignore()
            return
        if self._persona_page is not None and not self._persona_page.maybe_keep_edits():
            self.show_page(self._persona_page)
            event.ignore()
            return
        if page is not None:
            page.stop()
        if self._context is not None:
            self.care.stop()
        worker = self.current_worker
        if worker is not None:
            worker.cancel()
            worker.wait(10_000)
        self.save_layout()
        super().closeEvent(event)
