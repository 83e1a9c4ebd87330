"""Wizard page 6: what the import did, the rows it refused, and how to undo it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from prospector.exchange.rejects import write_rejected
from prospector.import_texts import problem_text
from ui.dialogs.import_pages.file_page import ERROR_STYLE
from ui.dialogs.import_pages.state import ImportState
from ui.import_messages import counts_text, reasons_text, rejected_text

SHOWN_REJECTS = 20  # the rest are in the file "Save rows not imported…" writes


class SummaryPage(QWizardPage):
    """The same counts as the command line's summary, in the user's language."""

    def __init__(self, state: ImportState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state = state
        self.setTitle(self.tr("Import finished"))
        self.counts_label = QLabel()
        self.counts_label.setWordWrap(True)
        self.reasons_label = QLabel()
        self.reasons_label.setWordWrap(True)
        self.rejects_label = QLabel(self.tr("These rows were not imported:"))
        self.rejects = QPlainTextEdit()
        self.rejects.setReadOnly(True)
        self.rejects.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.save_button = QPushButton(self.tr("&Save rows not imported…"))
        self.save_button.clicked.connect(self.choose_rejects_file)
        self.saved_label = QLabel()
        self.saved_label.setWordWrap(True)
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.reasons_label)
        layout.addSpacing(6)
        layout.addWidget(self.rejects_label)
        layout.addWidget(self.rejects)
        layout.addLayout(save_row)
        layout.addSpacing(6)
        layout.addWidget(self.undo_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        summary = self._state.summary
        assert summary is not None
        self.counts_label.setText(
            self.tr("%1: %2.")
            .replace("%1", self._state.file_name)
            .replace("%2", counts_text(summary))
        )
        self.reasons_label.setText(reasons_text(summary))
        self.reasons_label.setVisible(bool(self.reasons_label.text()))
        lines = [rejected_text(row) for row in summary.rejected[:SHOWN_REJECTS]]
        more = len(summary.rejected) - SHOWN_REJECTS
        if more > 0:
            lines.append(self.tr("… and %Ln more rows with errors.", "", more))
        self.rejects.setPlainText("\n".join(lines))
        # As high as its lines (up to a dozen); the page keeps the rest of its room empty.
        shown = min(max(len(lines), 2), 12)
        frame = 2 * self.rejects.frameWidth() + 2 * int(self.rejects.document().documentMargin())
        self.rejects.setMaximumHeight(shown * self.rejects.fontMetrics().lineSpacing() + frame + 4)
        has_rejects = bool(summary.rejected)
        for widget in (self.rejects_label, self.rejects, self.save_button):
            widget.setVisible(has_rejects)
        self.saved_label.clear()
        self.undo_label.setText(
            self.tr(
                "This is import number %1. If it was not what you wanted, you can undo it with "
                "File \u2192 Import history…"
            ).replace("%1", str(summary.batch_id))
        )

    def default_rejects_path(self) -> Path:
        path = self._state.path
        assert path is not None
        name = self.tr("%1 - not imported.xlsx").replace("%1", path.stem)
        return path.with_name(name)

    def choose_rejects_file(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save rows not imported"),
            str(self.default_rejects_path()),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if chosen:
            path = Path(chosen)
            self.save_rejects(path if path.suffix.lower() == ".xlsx" else Path(f"{chosen}.xlsx"))

    def save_rejects(self, path: Path) -> bool:
        """Write the refused rows with their reasons; say on the page how it went."""
        summary, table = self._state.summary, self._state.table
        assert summary is not None
        assert table is not None
        try:
            write_rejected(
                path,
                table.headers,
                summary.rejected,
                reason_header=self.tr("Reason"),
                describe=problem_text,
            )
        except OSError as exc:
            self.saved_label.setStyleSheet(ERROR_STYLE)
            self.saved_label.setText(
                self.tr("%1 cannot be written: %2")
                .replace("%1", path.name)
                .replace("%2", exc.strerror or str(exc))
            )
            return False
        self.saved_label.setStyleSheet("")
        self.saved_label.setText(
            self.tr("%Ln rows saved to %1.", "", len(summary.rejected)).replace("%1", str(path))
        )
        return True
