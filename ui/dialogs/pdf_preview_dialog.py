"""A written PDF on screen, to print, save elsewhere, or open in the system's viewer."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QRectF, QSize, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPdfWidgets import QPdfView
    from PySide6.QtPrintSupport import QPrinter

ZOOM_STEP = 1.25
# Pages go to the printer as images of at most this resolution: a printer's own 1200 dpi would
# take half a gigabyte for one A4 page.
PRINT_DPI = 300


class PdfPreviewDialog(QDialog):
    """Shows every page of the file, fitted to the width, with zoom; Print, Save as and Open
    in viewer. Where the Qt PDF module is not installed it says so and offers the viewer."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(self.tr("Preview \u2013 %1").replace("%1", path.name))
        self.path = path
        self.document: QPdfDocument | None = None
        self.view: QPdfView | None = None

        self.open_button = QPushButton(self.tr("Open in &viewer"))
        self.open_button.setObjectName("openInViewer")
        self.open_button.clicked.connect(self.open_in_viewer)
        close_button = QPushButton(self.tr("Close"))
        close_button.setObjectName("close")
        close_button.clicked.connect(self.reject)
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        try:
            from PySide6.QtPdf import QPdfDocument
            from PySide6.QtPdfWidgets import QPdfView
        except ImportError:  # an add-on of Qt that an installation may lack
            self.message = QLabel(
                self.tr(
                    "This installation cannot show PDF files itself. The call day is saved as "
                    "%1; open it in your PDF viewer to look at it and print it."
                ).replace("%1", str(path))
            )
            self.message.setObjectName("noPreview")
            self.message.setWordWrap(True)
            layout.addWidget(self.message, 1)
        else:
            self._build_view(QPdfDocument, QPdfView, layout)
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.open_button)
        self.buttons.addWidget(close_button)
        layout.addLayout(self.buttons)
        self.open_button.setDefault(self.document is None)

    def _build_view(
        self, document_type: type[QPdfDocument], view_type: type[QPdfView], layout: QVBoxLayout
    ) -> None:
        document = self.document = document_type(self)
        document.load(str(self.path))
        view = self.view = view_type(self)
        view.setObjectName("pdfView")
        view.setDocument(document)
        view.setPageMode(view_type.PageMode.MultiPage)
        view.setZoomMode(view_type.ZoomMode.FitToWidth)
        layout.addWidget(view, 1)

        self.pages_label = QLabel(self.tr("%Ln page(s)", "", document.pageCount()))
        self.pages_label.setObjectName("pageCount")
        zoom_out = QPushButton("\u2212")
        zoom_out.setToolTip(self.tr("Zoom out (Ctrl+\u2212)"))
        zoom_out.clicked.connect(lambda: self.zoom(1 / ZOOM_STEP))
        zoom_in = QPushButton("+")
        zoom_in.setToolTip(self.tr("Zoom in (Ctrl++)"))
        zoom_in.clicked.connect(lambda: self.zoom(ZOOM_STEP))
        fit = QPushButton(self.tr("Fit &width"))
        fit.clicked.connect(lambda: view.setZoomMode(view_type.ZoomMode.FitToWidth))
        for button in (zoom_out, zoom_in):
            button.setFixedWidth(button.sizeHint().height() + 8)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self.zoom(ZOOM_STEP))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self.zoom(1 / ZOOM_STEP))

        self.print_button = QPushButton(self.tr("&Print\u2026"))
        self.print_button.setObjectName("print")
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Save as\u2026"))
        self.save_button.setObjectName("saveAs")
        self.save_button.clicked.connect(lambda: self.save_as())
        for widget in (self.pages_label, zoom_out, zoom_in, fit):
            self.buttons.addWidget(widget)
        self.buttons.addSpacing(12)
        self.buttons.addWidget(self.print_button)
        self.buttons.addWidget(self.save_button)
        self.resize(self._good_size())

    def _good_size(self) -> QSize:
        screen = self.screen().availableGeometry()
        return QSize(min(960, screen.width() * 9 // 10), screen.height() * 9 // 10)

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path) -> None:
        cls(path, parent).exec()

    def page_count(self) -> int:
        return 0 if self.document is None else self.document.pageCount()

    # -- what the buttons do --------------------------------------------------------------

    def zoom(self, factor: float) -> None:
        if self.view is None:
            return
        from PySide6.QtPdfWidgets import QPdfView

        scale = self.view.zoomFactor()
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.25, min(scale * factor, 8.0)))

    def open_in_viewer(self) -> bool:
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.path)))
        if not opened:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("No program to show PDF files was found. The file is %1.").replace(
                    "%1", str(self.path)
                ),
            )
        return opened

    def save_as(self, target: Path | None = None) -> Path | None:
        """A copy of the file where the user says; the copy's path, or None."""
        if target is None:
            folder = QStandardPaths.writableLocation(
                QStandardPaths.StandardLocation.DocumentsLocation
            )
            chosen, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("Save the call day as"),
                str(Path(folder or Path.home()) / self.path.name),
                self.tr("PDF document (*.pdf)"),
            )
            if not chosen:
                return None
            target = Path(chosen).with_suffix(".pdf")
        if target.resolve() == self.path.resolve():
            return target
        try:
            shutil.copyfile(self.path, target)
        except OSError as exc:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("%1 cannot be written: %2")
                .replace("%1", str(target))
                .replace("%2", exc.strerror or str(exc)),
            )
            return None
        return target

    def print_document(self) -> bool:
        """Ask for the printer and the pages, then print them; True when printed."""
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if self.document is None:
            return False
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.path.stem)
        dialog = QPrintDialog(printer, self)
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """The chosen pages onto the printer, each turned as its page is (the list lies in
        landscape, the sheets stand) and fitted to the paper."""
        document = self.document
        if document is None or self.page_count() == 0:
            return False
        first, last = printer.fromPage(), printer.toPage()
        if first == 0:  # no range chosen: all of them
            first, last = 1, self.page_count()
        last = min(last, self.page_count())
        painter = QPainter()
        for number in range(first, last + 1):
            page = number - 1
            points = document.pagePointSize(page)
            printer.setPageOrientation(
                QPageLayout.Orientation.Landscape
                if points.width() > points.height()
                else QPageLayout.Orientation.Portrait
            )
            if number == first:
                if not painter.begin(printer):
                    QMessageBox.warning(
                        self, self.windowTitle(), self.tr("The printer could not be started.")
                    )
                    return False
            else:
                printer.newPage()
            # The paper of this page: the painter's own rectangle stays that of the first.
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            scale = min(area.width() / points.width(), area.height() / points.height())
            dpi = min(printer.resolution(), PRINT_DPI)
            image = document.render(
                page, QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            )
            width, height = points.width() * scale, points.height() * scale
            painter.drawImage(
                QRectF((area.width() - width) / 2, (area.height() - height) / 2, width, height),
                image,
            )
        painter.end()
        return True
