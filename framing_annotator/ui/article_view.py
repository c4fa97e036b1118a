"""The article text, read-only, with quotes and suggestions drawn on it.

- quotes: a light fill in their first frame's colour (grey with no frame), a
  coloured stripe under the text for every further frame, and an outline
  around the current quote;
- suggestions: a dotted underline, never a fill, so they never look like
  confirmed work;
- the current quote's speaker mention: bold.

Marks are painted by :meth:`ArticleView.paintEvent`, for the marks on screen only: fills
under the text, underlines, stripes and the outline over it. Only the speaker's mention
is an ``ExtraSelection`` (bold needs Qt's text layout). So a key that changes one mark or
moves the current item costs what is on screen, whatever the article's count of marks
(an ``ExtraSelection`` per mark made Qt walk and redraw them all on every paint).

All positions that enter or leave this widget are code points; the conversion to
Qt's UTF-16 positions happens through :class:`~.offsets.OffsetMap` only.

Signals:
    clicked(int): the code-point offset the user clicked at.
"""

from __future__ import annotations

import time
from bisect import bisect_left, insort
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

from ..domain.spans import Span
from .offsets import OffsetMap
from .style import fill_colour, stripe_colour

READING_PIXELS = 18
MAX_LINE_CHARACTERS = 80
LAYOUT_DELAY_MS = 400
"""Idle this long after an article opens (or the column changes width) before laying out
the paragraphs not yet shown, a few milliseconds at a time."""
LAYOUT_SLICE_S = 0.003


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
        # The viewport paints all of itself (see paintEvent): without this, the style
        # sheet's background leaves it see-through, and every repaint of the text also
        # repainted the window behind it.
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._font_pixels = READING_PIXELS
        self._apply_font()
        self._offsets = OffsetMap("")
        self._cursors: dict[Span, QTextCursor] = {}
        self._text = ""
        self._marks: dict[str, Mark] = {}
        # Where each mark goes, as sorted (start, end, key) entries, and each key's entry.
        self._entries: list[tuple[int, int, str]] = []
        self._where: dict[str, tuple[int, int, str]] = {}
        self._make: Callable[[str], Mark | None] = lambda _key: None
        self._current: str | None = None
        self._mention: Span | None = None
        self._longest = 0
        # Qt lays out a paragraph when it is first shown; J or K that scrolls to new text
        # would pay for it. The paragraphs ahead are laid out while the coder reads.
        self._layout_next = QTextBlock()
        self._layout_wait = QTimer(self, singleShot=True, interval=LAYOUT_DELAY_MS)
        self._layout_wait.timeout.connect(self._layout_ticks_start)
        self._layout_tick = QTimer(self, interval=0)
        self._layout_tick.timeout.connect(self._lay_out_some)

    # -- content ----------------------------------------------------------

    def set_article(self, text: str) -> None:
        self._text = text
        self._offsets = OffsetMap(text)
        self._cursors = {}
        self._marks, self._entries, self._where = {}, [], {}
        self._current = None
        self._mention = None
        self.setExtraSelections([])
        self.setPlainText(text)
        self._space_paragraphs()
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self._lay_out_soon()

    @property
    def laying_out(self) -> bool:
        """Whether paragraphs are still waiting to be laid out (for tools and benches)."""
        return self._layout_wait.isActive() or self._layout_tick.isActive()

    def _lay_out_soon(self) -> None:
        self._layout_tick.stop()
        self._layout_wait.start()

    def _layout_ticks_start(self) -> None:
        self._layout_next = self.document().begin()
        self._layout_tick.start()

    def _lay_out_some(self) -> None:
        """Lay out paragraphs for a few milliseconds; the event loop runs in between."""
        layout, block = self.document().documentLayout(), self._layout_next
        until = time.perf_counter() + LAYOUT_SLICE_S
        while block.isValid() and time.perf_counter() < until:
            layout.ensureBlockLayout(block)
            block = block.next()
        self._layout_next = block
        if not block.isValid():
            self._layout_tick.stop()

    def set_marks(self, marks: dict[str, Mark]) -> None:
        """Draw these marks (by item key) instead of the ones drawn so far."""
        entries = sorted((m.span.start, m.span.end, key) for key, m in marks.items())
        self.set_lazy_marks(entries, marks.get)

    def set_lazy_marks(
        self, entries: list[tuple[int, int, str]], make: Callable[[str], Mark | None]
    ) -> None:
        """Draw a mark over each of ``entries`` (sorted ``(start, end, key)``, kept);
        ``make(key)`` describes one when it is first painted, so an article opens without
        describing every mark."""
        self._entries, self._make = entries, make
        self._where = {entry[2]: entry for entry in entries}
        self._marks = {}  # the marks described so far
        self._longest = max((end - start for start, end, _key in entries), default=0)
        self.viewport().update()

    def update_marks(self, changed: dict[str, Mark | None]) -> None:
        """Redraw only these marks; None removes one."""
        entries = self._entries
        for key, mark in changed.items():
            old = self._where.pop(key, None)
            self._marks.pop(key, None)
            if old is not None:  # found by bisection: the list stays sorted
                del entries[bisect_left(entries, old)]
            if mark is not None:
                entry = self._where[key] = (mark.span.start, mark.span.end, key)
                self._marks[key] = mark
                insort(entries, entry)
                self._longest = max(self._longest, len(mark.span))
        self.viewport().update()

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
            self._mention = mention
            self.setExtraSelections([] if mention is None else [self._mention_selection(mention)])
        if key != self._current:
            self._current = key
            self.viewport().update()  # the outline is painted, not a selection

    def _mention_selection(self, mention: Span) -> QTextEdit.ExtraSelection:
        selection = QTextEdit.ExtraSelection()
        selection.cursor = self._cursor(mention)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontUnderline(True)
        selection.format = fmt
        return selection

    def _visible_range(self) -> tuple[int, int]:
        """UTF-16 positions at the top and the bottom of the viewport."""
        rect = self.viewport().rect()
        first = self.cursorForPosition(rect.topLeft()).position()
        last = self.cursorForPosition(rect.bottomRight()).position()
        return first, last

    def _marks_near(self, first: int, last: int) -> list[Mark]:
        """The marks that overlap UTF-16 positions ``first`` to ``last``, in text order."""
        first_cp = self._offsets.to_code_point(first)
        last_cp = self._offsets.to_code_point(last)
        entries = self._entries
        low = bisect_left(entries, (first_cp - self._longest,))
        high = bisect_left(entries, (last_cp + 1,))
        near = [key for _start, end, key in entries[low:high] if end >= first_cp]
        return [mark for mark in map(self._mark, near) if mark is not None]

    def marks(self) -> dict[str, Mark]:
        """Every mark, described (for tools and tests; painting describes only what shows)."""
        return {key: mark for key in self._where if (mark := self._mark(key)) is not None}

    def mark_at(self, point: QPoint) -> Mark | None:
        """The innermost mark under a point of the viewport."""
        position = self.cursorForPosition(point).position()
        hits = [m for m in self._marks_near(position, position)
                if m.span.start <= self._offsets.to_code_point(position) < m.span.end]  # fmt: skip
        return min(hits, key=lambda mark: len(mark.span)) if hits else None

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
        """Put the caret at the start of ``span``; when that is off screen, scroll it to the
        middle, so the next few J or K need no scroll (and no repaint of the scroll bar)."""
        cursor = self._cursor(span)
        cursor.setPosition(cursor.selectionStart())
        first, last = self._visible_range()
        on_screen = first <= cursor.position() <= last
        self.setTextCursor(cursor)
        if not on_screen:
            self.centerCursor()

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
        self._lay_out_soon()

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
        self._lay_out_soon()  # another width: Qt lays the text out again as it shows

    def _update_margins(self) -> None:
        """Keep lines under about 80 characters by growing the side margins."""
        average = self.fontMetrics().averageCharWidth() or 8
        wanted = average * MAX_LINE_CHARACTERS
        room = self.viewport().width() + self.viewportMargins().left() * 2
        least = 24 if room >= wanted + 48 else 10  # a narrow column keeps its characters
        side = max(least, (room - wanted) // 2)
        side = min(side, max(least, self.width() // 3))
        if self.viewportMargins().left() == side:
            return
        self.setViewportMargins(side, 16, side, 16)
        # QPlainTextEdit lays its text out again when the widget resizes, before the margins
        # change here, and not when they shrink the viewport: lines then wrapped at the old,
        # wider width, ran under the right margin and brought a horizontal scroll bar
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    # -- painting ---------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt naming)
        """The page, fills under the text, then the text, then underlines, stripes and the
        outline. Each mark costs a few calls: the blocks' places are found once a paint."""
        marks = self._marks_near(*self._visible_range()) if self._entries else []
        base = self.palette().base()
        dark = base.color().lightness() < 128
        tops = self._block_tops()
        rects = {mark.key: self._line_rects(mark.span, tops) for mark in marks}
        painter = QPainter(self.viewport())
        painter.fillRect(event.rect(), base)
        fills: dict[str | None, QColor] = {}
        for mark in marks:
            if not mark.suggestion:
                colour = mark.colours[0] if mark.colours else None
                fill = fills.get(colour) or fills.setdefault(colour, fill_colour(colour, dark=dark))
                for rect in rects[mark.key]:
                    painter.fillRect(rect, fill)
        painter.end()
        super().paintEvent(event)
        if not marks:
            return
        painter = QPainter(self.viewport())
        dotted = QPen(QColor("#b0b0b0" if dark else "#6b6b6b"), 1, Qt.PenStyle.DotLine)
        for mark in marks:
            if mark.suggestion:
                painter.setPen(dotted)
                for rect in rects[mark.key]:
                    y = rect.bottom() - 1
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
                continue
            painter.setPen(Qt.PenStyle.NoPen)
            for index, colour in enumerate(mark.colours[1:]):
                painter.setBrush(stripe_colour(colour, dark=dark))
                for rect in rects[mark.key]:
                    y = rect.bottom() + 2 + 3 * index  # below the current quote's outline
                    painter.drawRect(QRectF(rect.left(), y, rect.width(), 2.5))
        current = self._where.get(self._current) if self._current else None
        if current is not None:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in rects.get(self._current) or self._line_rects(Span(*current[:2]), tops):
                painter.drawRoundedRect(rect.adjusted(-2, -1, 2, 1), 3, 3)
        painter.end()

    def _block_tops(self) -> dict[int, float]:
        """The viewport y of each paragraph on screen, walked as QPlainTextEdit walks them."""
        tops: dict[int, float] = {}
        block, y = self.firstVisibleBlock(), self.contentOffset().y()
        bottom = self.viewport().height()
        while block.isValid() and y <= bottom:
            tops[block.blockNumber()] = y
            y += self.blockBoundingRect(block).height()
            block = block.next()
        return tops

    def _line_rects(self, span: Span, tops: dict[int, float] | None = None) -> list[QRectF]:
        """One rectangle per visual line that ``span`` covers, in viewport coordinates.

        ``tops``: the paragraphs' places on screen (:meth:`_block_tops`), if known.
        """
        start = self._offsets.to_utf16(span.start)
        end = self._offsets.to_utf16(span.end)
        rects: list[QRectF] = []
        block = self.document().findBlock(start)
        x0 = self.contentOffset().x()
        while block.isValid() and (at := block.position()) < end:
            top = (tops or {}).get(block.blockNumber())
            if top is None:  # above the screen (a mark that starts there), or no tops given
                top = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
            layout = block.layout()
            # Only the lines the span touches: a long paragraph has many others.
            first = layout.lineForTextPosition(max(start - at, 0))
            last = layout.lineForTextPosition(min(end - at, block.length() - 1))
            if first.isValid() and last.isValid():
                for i in range(first.lineNumber(), last.lineNumber() + 1):
                    line = layout.lineAt(i)
                    line_start = at + line.textStart()
                    a, b = max(start, line_start), min(end, line_start + line.textLength())
                    if a >= b:
                        continue
                    x1, _ = line.cursorToX(a - at)
                    x2, _ = line.cursorToX(b - at)
                    y = top + line.y()
                    rects.append(QRectF(x0 + x1, y, x2 - x1, line.height()))
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

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt naming)
        # The mark under the mouse says who speaks and which frames (painted marks are not
        # text formats, so Qt would not know their tooltips).
        if event.type() == QEvent.Type.ToolTip:
            mark = self.mark_at(event.pos())
            if mark is None or not mark.tooltip:
                QToolTip.hideText()
            else:
                QToolTip.showText(event.globalPos(), mark.tooltip, self.viewport())
            return True
        return super().viewportEvent(event)
