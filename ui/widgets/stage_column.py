"""One column of the pipeline board: its stage's sums and its cards, dragged between columns."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from prospector.enums import OpportunityStage
from prospector.qualification import OPEN_STAGES
from prospector.services import opportunities
from ui.itemmodels.opportunity_model import CardModel, money
from ui.labels import opportunity_stage_label

AnyIndex = QModelIndex | QPersistentModelIndex


class CardDelegate(QStyledItemDelegate):
    """A card: the title in bold, the company, then value and closing date, muted."""

    PAD = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        lines = option.fontMetrics.lineSpacing() * 3
        return QSize(option.rect.width() or 200, lines + 2 * self.PAD + 6)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        title, company, worth = (str(index.data()) + "\n\n").split("\n")[:3]
        palette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        card = option.rect.adjusted(2, 2, -2, -2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        if selected:
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
        painter.drawRoundedRect(card, 4, 4)
        text = card.adjusted(self.PAD, self.PAD - 2, -self.PAD, -self.PAD)
        line = option.fontMetrics.lineSpacing()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        bold = QFont(option.font)
        bold.setBold(True)
        for n, (value, font) in enumerate(((title, bold), (company, option.font), (worth, None))):
            painter.setFont(font or option.font)
            if font is None and not selected:
                painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            else:
                painter.setPen(palette.color(role))
            row = QRect(text.left(), text.top() + n * line, text.width(), line)
            elided = painter.fontMetrics().elidedText(
                value, Qt.TextElideMode.ElideRight, row.width()
            )
            painter.drawText(
                row, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided
            )
        painter.restore()


class CardList(QListView):
    """A column's cards; says so when it has none, and takes cards dragged from another."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.placeholder = placeholder
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setUniformItemSizes(True)
        self.setItemDelegate(CardDelegate(self))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(
            self.viewport().rect().adjusted(8, 12, -8, -8), int(flags), self.placeholder
        )


class StageColumn(QFrame):
    """One stage: its name, count and sums, its cards, and how many more the list holds."""

    def __init__(self, stage: OpportunityStage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName(f"stage_{stage.value}")
        self.title = QLabel(opportunity_stage_label(stage))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.sums = QLabel()
        self.sums.setObjectName(f"sums_{stage.value}")
        # Two lines in every column, so that the cards start at one height.
        self.sums.setMinimumHeight(self.sums.fontMetrics().lineSpacing() * 2)
        self.sums.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.model = CardModel(stage, self)
        self.view = CardList(self.tr("No deals. Drop one here to move it."))
        self.view.setObjectName(f"cards_{stage.value}")
        self.view.setModel(self.model)
        self.view.setAccessibleName(opportunity_stage_label(stage))
        self.more = QLabel()
        self.more.setObjectName(f"more_{stage.value}")
        self.more.setTextFormat(Qt.TextFormat.RichText)
        self.more.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        # Hidden, it keeps its room: every column's cards end on one line.
        policy = self.more.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.more.setSizePolicy(policy)
        self.more.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.sums)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.more)

    def show_column(self, column: opportunities.StageColumn, locale: QLocale) -> None:
        deals = self.tr("%Ln deals", "", column.count)
        line = f"{deals} \u00b7 {money(locale, column.total_eur)}"
        if column.stage in OPEN_STAGES:
            # Won deals count whole and lost ones not at all: weighting says nothing there.
            weighted = self.tr("weighted %1").replace("%1", money(locale, column.weighted_eur))
            line = f"{line}\n{weighted}"
        self.sums.setText(line)
        self.model.set_rows(column.rows)
        hidden = column.count - len(column.rows)
        self.more.setText(
            '<a href="list">' + self.tr("and %Ln more \u2014 see the list", "", hidden) + "</a>"
        )
        self.more.setVisible(hidden > 0)
