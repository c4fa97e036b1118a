"""The article text, read-only, with quotes and suggestions drawn on it.

- quotes: a light fill in their first frame's colour (grey with no frame), a
  coloured stripe under the text for every further frame, and an outline
  around the current quote;
- suggestions: a dotted underline, never a fill, so they never look like
  confirmed work;
- the current quote's speaker mention: bold.

All positions that enter or leave this widget are code points; the conversion to
Qt's UTF-16 positions happens through :class:`~.offsets.OffsetMap` only.

Signals:
    clicked(int): the code-point offset the user clicked at.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from ..domain.spans import Span
from .offsets import OffsetMap
from .style import fill_colour, stripe_colour

READING_PIXELS = 18
MAX_LINE_CHARACTERS = 80


@dataclass(frozen=True)
class Mark:
    """Something to draw on the text: a quote or a suggestion."""

    key: str  # quote UUID, or "s<id>" for a suggestion
    span: Span
    colours: tuple[str, ...] = ()  # frame colours, in codebook order
    suggestion: bool = False
    tooltip: str = ""


class ArticleView(QPlainTextEdit):
    clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleText")
        self.setReadOnly(True)
        # Article text is data: plain text only, never markup, never a link to follow.
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setMouseTracking(True)
        self._font_pixels = READING_PIXELS
        self._apply_font()
        self._offsets = OffsetMap("")
        self._cursors = {}
        self._text = ""
        self._marks: dict[str, Mark] = {}
        self._spans: dict[str, Span] = {}
        self._make: Callable[[str], Mark | None] = lambda _key: None
        self._selections: dict[str, QTextEdit.ExtraSelection] = {}
        self._current: str | None = None
        self._mention: Span | None = None
        self._dark = False
        self._drawn_range = (0, -1)
        self._starts: list[tuple[int, str]] = []
        self._longest = 0
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # -- content ----------------------------------------------------------

    def set_article(self, text: str) -> None:
        self._text = text
        self._offsets = OffsetMap(text)
        self._cursors: dict[Span, QTextCursor] = {}
        self._marks, self._spans = {}, {}
        self._selections = {}
        self._starts = []
        self._current = None
        self._mention = None
        self.setPlainText(text)
        self._space_paragraphs()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._drawn_range = (0, -1)

    def set_marks(self, marks: dict[str, Mark]) -> None:
        """Draw these marks (by item key) instead of the ones drawn so far."""
        self.set_lazy_marks({key: mark.span for key, mark in marks.items()}, marks.get)

    def set_lazy_marks(self, spans: dict[str, Span], make: Callable[[str], Mark | None]) -> None:
        """Draw a mark over each of ``spans``; ``make(key)`` describes one when it first
        comes near the screen, so an article opens without describing every mark."""
        self._dark = self.palette().base().color().lightness() < 128
        self._spans, self._make = dict(spans), make
        self._marks = {}  # the marks described so far
        self._selections = {}  # made when a mark first comes near the screen
        self._starts = sorted((span.start, key) for key, span in spans.items())
        self._longest = max((len(span) for span in spans.values()), default=0)
        self._apply_selections()

    def update_marks(self, changed: dict[str, Mark | None]) -> None:
        """Redraw only these marks; None removes one."""
        keys = set(changed)
        self._starts = [entry for entry in self._starts if entry[1] not in keys]
        for key, mark in changed.items():
            self._selections.pop(key, None)
            if mark is None:
                self._marks.pop(key, None)
                self._spans.pop(key, None)
            else:
                self._marks[key], self._spans[key] = mark, mark.span
                insort(self._starts, (mark.span.start, key))
                self._longest = max(self._longest, len(mark.span))
        self._apply_selections()

    def _mark(self, key: str) -> Mark | None:
        mark = self._marks.get(key)
        if mark is None:
            mark = self._make(key)
            if mark is not None:
                self._marks[key] = mark
        return mark

    def set_current(self, key: str | None, mention: Span | None = None) -> None:
        """Outline the item ``key`` and embolden its speaker's mention."""
        if mention != self._mention:
            self._current, self._mention = key, mention
            self._apply_selections()
        elif key != self._current:
            self._current = key
            self.viewport().update()  # the outline is painted, not a selection

    def _selection(self, mark: Mark) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(mark.span)
        fmt = QTextCharFormat()
        if mark.suggestion:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor("#6b6b6b" if not self._dark else "#b0b0b0"))
        else:
            colour = mark.colours[0] if mark.colours else None
            fmt.setBackground(fill_colour(colour, dark=self._dark))
        if mark.tooltip:
            fmt.setToolTip(mark.tooltip)
        selection.format = fmt
        return selection

    def _visible_range(self, screens: int = 0) -> tuple[int, int]:
        """UTF-16 positions at the top and the bottom of the viewport, ``screens`` beyond."""
        rect = self.viewport().rect()
        beyond = QPoint(0, rect.height() * screens)
        first = self.cursorForPosition(rect.topLeft() - beyond).position()
        last = self.cursorForPosition(rect.bottomRight() + beyond).position()
        return first, last

    def _marks_near(self, first: int, last: int) -> list[Mark]:
        """The marks that overlap UTF-16 positions ``first`` to ``last``, in text order."""
        first_cp = self._offsets.to_code_point(first)
        last_cp = self._offsets.to_code_point(last)
        low = bisect_left(self._starts, (first_cp - self._longest, ""))
        high = bisect_right(self._starts, (last_cp, "\uffff"))
        near = [key for _start, key in self._starts[low:high] if self._spans[key].end >= first_cp]
        return [mark for mark in map(self._mark, near) if mark is not None]

    def _apply_selections(self) -> None:
        """Hand Qt only the marks within two screens of the viewport: drawing then costs
        what is near, not the article's whole count of marks (scrolling brings the rest)."""
        self._drawn_range = self._visible_range(screens=2)
        selections = []
        for mark in self._marks_near(*self._drawn_range):
            selection = self._selections.get(mark.key)
            if selection is None:
                selection = self._selections[mark.key] = self._selection(mark)
            selections.append(selection)
        if self._mention is not None:
            selection = QTextEdit.ExtraSelection()
            selection.cursor = self._cursor(self._mention)
            fmt = QTextCharFormat()
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontUnderline(True)
            selection.format = fmt
            selections.append(selection)
        self.setExtraSelections(selections)
        self.viewport().update()

    def marks(self) -> dict[str, Mark]:
        """Every mark, described (for tools and tests; drawing describes only what is near)."""
        return {key: mark for key in self._spans if (mark := self._mark(key)) is not None}

    # -- positions ----------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection in code points, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        return (
            self._offsets.to_code_point(cursor.selectionStart()),
            self._offsets.to_code_point(cursor.selectionEnd()),
        )

    def select_span(self, span: Span) -> None:
        self.setTextCursor(self._cursor(span))

    def clear_selection(self) -> None:
        """Drop the selection (after Enter made it a quote, so the quote's colour shows)."""
        cursor = self.textCursor()
        cursor.clearSelection()
        self.setTextCursor(cursor)

    def show_span(self, span: Span) -> None:
        """Scroll so that ``span`` is visible, leaving the selection empty at its start."""
        cursor = self._cursor(span)
        cursor.setPosition(cursor.selectionStart())
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def caret_offset(self) -> int:
        return self._offsets.to_code_point(self.textCursor().position())

    def _cursor(self, span: Span) -> QTextCursor:
        """A cursor selecting ``span``; cached, since the read-only text never changes."""
        cursor = self._cursors.get(span)
        if cursor is None:
            cursor = self._cursors[span] = self._make_cursor(span)
        return QTextCursor(cursor)

    def _make_cursor(self, span: Span) -> QTextCursor:
        cursor = QTextCursor(self.document())
        limit = self.document().characterCount() - 1
        cursor.setPosition(min(self._offsets.to_utf16(span.start), limit))
        cursor.setPosition(
            min(self._offsets.to_utf16(span.end), limit), QTextCursor.MoveMode.KeepAnchor
        )
        return cursor

    # -- zoom and layout ------------------------------------------------------

    def zoom(self, steps: int) -> None:
        self.set_font_pixels(self._font_pixels + 2 * steps)

    def set_font_pixels(self, pixels: int) -> None:
        self._font_pixels = max(12, min(36, pixels))
        self._apply_font()
        self._space_paragraphs()

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies(["Source Serif 4", "Noto Serif", "DejaVu Serif", "serif"])
        font.setPixelSize(self._font_pixels)
        self.setFont(font)
        self._update_margins()

    def _space_paragraphs(self) -> None:
        """Air between paragraphs, without touching the text (a blank line is a paragraph)."""
        cursor = QTextCursor(self.document())
        cursor.select(QTextCursor.SelectionType.Document)
        block = QTextBlockFormat()
        block.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.mergeBlockFormat(block)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        super().resizeEvent(event)
        self._update_margins()
        self._scrolled()

    def _scrolled(self, _value: int = 0) -> None:
        """Bring in the marks that scrolled near the screen."""
        first, last = self._visible_range(screens=1)
        drawn_first, drawn_last = self._drawn_range
        if first < drawn_first or last > drawn_last:
            self._apply_selections()

    def _update_margins(self) -> None:
        """Keep lines under about 80 characters by growing the side margins."""
        average = self.fontMetrics().averageCharWidth() or 8
        wanted = average * MAX_LINE_CHARACTERS
        room = self.viewport().width() + self.viewportMargins().left() * 2
        least = 24 if room >= wanted + 48 else 10  # a narrow column keeps its characters
        side = max(least, (room - wanted) // 2)
        side = min(side, max(least, self.width() // 3))
        self.setViewportMargins(side, 16, side, 16)

    # -- painting ---------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        super().paintEvent(event)
        if not self._spans:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        visible = self.viewport().rect()
        for mark in self._marks_near(*self._visible_range(screens=0)):
            extra = mark.colours[1:] if not mark.suggestion else ()
            is_current = mark.key == self._current
            if not extra and not is_current:
                continue
            rects = [r for r in self._line_rects(mark.span) if r.intersects(visible)]
            for index, colour in enumerate(extra):
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(stripe_colour(colour, dark=self._dark))
                for rect in rects:
                    y = rect.bottom() + 2 + 3 * index  # below the current quote's outline
                    painter.drawRect(QRectF(rect.left(), y, rect.width(), 2.5))
            if is_current:
                pen = QPen(self.palette().highlight().color(), 2)
                painter.setPen(pen)
                painter.setBrush(Qt.BrushStyle.NoBrush)
                for rect in rects:
                    painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        painter.end()

    def _line_rects(self, span: Span) -> list[QRectF]:
        """One rectangle per visual line that ``span`` covers, in viewport coordinates."""
        start = self._offsets.to_utf16(span.start)
        end = self._offsets.to_utf16(span.end)
        rects: list[QRectF] = []
        block = self.document().findBlock(start)
        offset = self.contentOffset()
        while block.isValid() and block.position() < end:
            layout = block.layout()
            top_left = self.blockBoundingGeometry(block).translated(offset).topLeft()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line_start = block.position() + line.textStart()
                line_end = line_start + line.textLength()
                a, b = max(start, line_start), min(end, line_end)
                if a >= b:
                    continue
                x1, _ = line.cursorToX(a - block.position())
                x2, _ = line.cursorToX(b - block.position())
                rects.append(
                    QRectF(
                        QPointF(top_left.x() + x1, top_left.y() + line.y()),
                        QPointF(top_left.x() + x2, top_left.y() + line.y() + line.height()),
                    )
                )
            block = block.next()
        return rects

    # -- input ----------------------------------------------------------------

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt naming)
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            position = self.cursorForPosition(event.position().toPoint()).position()
            self.clicked.emit(self._offsets.to_code_point(position))

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        # Read-only text still takes Enter, so that the window's "create quote" action
        # gets it: let the key travel on.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()
            return
        super().keyPressEvent(event)
