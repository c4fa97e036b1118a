"""The article view paints its marks, and repaints many of them without harming the interpreter."""

import gc
import sys

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from framing_annotator.domain.spans import Span
from framing_annotator.ui.article_view import ArticleView, Mark
from framing_annotator.ui.style import blend, fill_colour


def many_marks() -> dict[str, Mark]:
    return {
        m.key: m
        for m in [
            Mark(f"q{n}", Span(n * 10, n * 10 + 8), ("#D55E00", "#0072B2"), tooltip="t")
            for n in range(300)
        ]
        + [Mark(f"s{n}", Span(n * 10 + 3, n * 10 + 9), suggestion=True) for n in range(300)]
    }


def test_redrawing_many_marks_keeps_references_to_none(qtbot):
    """PySide6 6.12.0 dropped a reference to None in every text-format setter; thousands of
    marks then crash Python ("deallocating None"). The pinned version must not."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    view.set_article("word " * 2000)
    marks = many_marks()
    gc.collect()
    gc.disable()  # no collection in between: only the drawing may move None's count
    try:
        before = sys.getrefcount(None)
        for n in range(10):
            view.set_marks(marks)
            view.set_current(f"q{n}", Span(n * 10, n * 10 + 4))  # the mention's text format
            view.viewport().repaint()
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert after >= before - 1000
    assert len(view.marks()) == 600 and len(view.extraSelections()) == 1  # the mention only


def test_a_quote_is_filled_in_its_frame_colour_and_its_tooltip_names_it(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    view.set_article("plain words here and then some quoted words to mark, and more plain")
    quoted = Span(30, 42)
    view.set_marks({"q": Mark("q", quoted, ("#D55E00",), tooltip="Ana · Economy")})
    (rect,) = view._line_rects(quoted)
    image = view.viewport().grab().toImage()
    base = view.palette().base().color()
    # A point above the text's baseline but below the line's top: the fill, not a glyph.
    inside = image.pixelColor(int(rect.left()) + 2, int(rect.top()) + 1)
    outside = image.pixelColor(int(rect.left()) - 40, int(rect.top()) + 1)
    expected = blend(fill_colour("#D55E00", dark=False), base)
    assert outside == base
    assert abs(inside.red() - expected.red()) <= 3 and abs(inside.blue() - expected.blue()) <= 3

    point = rect.center().toPoint()
    QToolTip.hideText()
    view.viewportEvent(QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point)))
    assert QToolTip.text() == "Ana · Economy"
    assert view.mark_at(QPoint(int(rect.left()) - 40, int(rect.center().y()))) is None
