"""The article view draws marks repeatedly without harming the interpreter."""

import gc
import sys

from framing_annotator.domain.spans import Span
from framing_annotator.ui.article_view import ArticleView, Mark


def test_redrawing_many_marks_keeps_references_to_none(qtbot):
    """PySide6 6.12.0 dropped a reference to None in every text-format setter; thousands of
    marks then crash Python ("deallocating None"). The pinned version must not."""
    view = ArticleView()
    qtbot.addWidget(view)
    view.set_article("word " * 2000)
    marks = {
        m.key: m
        for m in [
            Mark(f"q{n}", Span(n * 10, n * 10 + 8), ("#D55E00", "#0072B2"), tooltip="t")
            for n in range(300)
        ]
        + [Mark(f"s{n}", Span(n * 10 + 3, n * 10 + 9), suggestion=True) for n in range(300)]
    }
    view.set_current("q5", Span(0, 4))
    gc.collect()
    gc.disable()  # no collection in between: only the drawing may move None's count
    try:
        before = sys.getrefcount(None)
        for _ in range(10):
            for mark in marks.values():  # every mark's format, as drawing makes them
                view._selection(mark)
            view.set_marks(marks)
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # With the bug each redraw drops over 1,200 references (two setters per mark).
    assert after >= before - 1000
    assert len(view.marks()) == 600 and view.extraSelections()  # only those near the screen
