"""The first layout of the text is the right one: no line runs past the text column and
no resize is needed to lay it out again (issue 11: "the first layout clips text")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from framing_annotator.app import open_main_window

from .conftest import CODED_TEXT


def laid_out_lines(view) -> list[tuple[int, int, float]]:
    """(block, first character, right edge) of every line laid out so far."""
    lines, block = [], view.document().begin()
    while block.isValid():
        layout = block.layout()
        for n in range(layout.lineCount()):
            line = layout.lineAt(n)
            right = line.x() + line.naturalTextWidth()
            lines.append((block.blockNumber(), line.textStart(), right))
        block = block.next()
    return lines


@pytest.mark.parametrize("size", [(1024, 700), (1920, 1080)])
def test_the_text_is_laid_out_for_its_column_when_the_window_first_shows(
    qtbot, make_project, size
):
    long_text = "\n\n".join([CODED_TEXT] * 12)  # more than a screen: the scroll bar shows
    window = open_main_window(make_project(long_text), annotator="ana", suggestions=False)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the events a start leaves queued (docks sized, margins set)
    view = window.article_view
    column = view.viewport().width()
    assert view.verticalScrollBar().isVisible()
    first = laid_out_lines(view)
    assert first, "the text on screen is laid out"
    assert view.document().documentLayout().documentSize().width() <= column
    assert max(right for _b, _s, right in first) <= column  # nothing runs past the column
    # Laid out again from scratch for the same column, every line breaks where it did.
    document = view.document()
    document.markContentsDirty(0, document.characterCount())
    for number in {b for b, _s, _r in first}:
        document.documentLayout().ensureBlockLayout(document.findBlockByNumber(number))
    assert [(b, s) for b, s, _r in laid_out_lines(view)] == [(b, s) for b, s, _r in first]
    window.close()


def test_the_paragraphs_ahead_are_laid_out_while_the_coder_reads(qtbot, open_window,
                                                                   make_project):  # fmt: skip
    """Qt lays out a paragraph when it first shows; a J that scrolls to new text would pay
    for it. The view lays out the rest in slices once the article has been open a moment."""
    window = open_window(make_project("\n\n".join([CODED_TEXT] * 60)))
    document = window.article_view.document()

    def unlaid() -> int:
        block, count = document.begin(), 0
        while block.isValid():
            count += block.layout().lineCount() == 0
            block = block.next()
        return count

    qtbot.waitUntil(lambda: unlaid() == 0, timeout=10_000)


@pytest.mark.parametrize("size", [(1024, 700), (1400, 850), (1920, 1080)])
def test_the_next_article_is_laid_out_for_the_column_too(qtbot, make_project, size):
    """Found on a second start of a 1400-pixel window, its panels restored: the margins grew
    after Qt had laid the text out for the wider viewport, so the lines ran under the right
    margin and a horizontal scroll bar showed, on the next article too."""
    long_text = "\n\n".join([CODED_TEXT] * 12)
    path = make_project(long_text, "Second article\n\n" + long_text)
    for start in range(2):  # the first start saves the panel layout the second restores
        window = open_main_window(path, annotator="ana", suggestions=False)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        qtbot.wait(50)
        if start == 0:
            window.close()
    view = window.article_view
    listing = window.article_list.view
    listing.setFocus()
    qtbot.keyClick(listing, Qt.Key.Key_Down)  # the second article
    qtbot.waitUntil(lambda: view.toPlainText().startswith("Second article"))
    qtbot.wait(50)
    column = view.viewport().width()
    assert view.document().documentLayout().documentSize().width() <= column
    assert max(right for _b, _s, right in laid_out_lines(view)) <= column
    assert view.horizontalScrollBar().maximum() == 0
    window.close()
