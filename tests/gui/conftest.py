"""Helpers to drive the real window as a person would: mouse, keys, selections."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from results_data import results_project  # noqa: F401 (a fixture: gold quotes for results)

from framing_annotator.app import open_main_window
from framing_annotator.domain.model import Article, Quote, QuoteKind, Speaker, Suggestion
from framing_annotator.domain.spans import Span
from framing_annotator.services.project import Project
from framing_annotator.store.repository import Repository
from framing_annotator.ui.main_window import MainWindow


@pytest.fixture
def make_project(tmp_path):
    """A real project file holding the given texts (title = first line)."""

    def make(*texts: str, name: str = "project.sqlite"):
        path = tmp_path / name
        project = Project.open(path, create=True)
        project.import_articles(Article(text=t, title=t.split("\n")[0][:60]) for t in texts)
        project.close()
        return path

    return make


@pytest.fixture
def open_window(qtbot):
    """Open the main window on a project as annotator "ana", shown and ready for keys."""
    opened = []

    def open_(path, annotator="ana", read_only=False):
        if read_only:  # as a project on a read-only medium opens, wherever it is
            window = MainWindow(Project.open(path, read_only=True), annotator)
        else:
            window = open_main_window(path, annotator=annotator, suggestions=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()  # shortcuts work only in the active window
        qtbot.waitUntil(window.isActiveWindow)
        window.article_view.setFocus()
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.close()


def point_at(view, utf16_position: int) -> QPoint:
    cursor = QTextCursor(view.document())
    cursor.setPosition(utf16_position)
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() + 1, rect.center().y())


def mouse_select(qtbot, view, start: int, end: int) -> None:
    """Drag with the mouse from Qt position ``start`` to ``end`` (press, move, release)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(end)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()  # scroll as a reader would, so both ends are on screen
    cursor.setPosition(start)
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    viewport = view.viewport()
    assert viewport.rect().contains(point_at(view, end)), "the drag must end on screen"
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=point_at(view, start))
    qtbot.mouseMove(viewport, point_at(view, end))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=point_at(view, end))


def keys(qtbot, widget, *names: str) -> None:
    """Press keys by name: "J", "Return", "Ctrl+Z", "Alt+Shift+Right"..."""
    for name in names:
        *mods, key = name.split("+") if name != "+" else ["+"]
        modifiers = Qt.KeyboardModifier.NoModifier
        for mod in mods:
            modifiers |= {
                "Ctrl": Qt.KeyboardModifier.ControlModifier,
                "Shift": Qt.KeyboardModifier.ShiftModifier,
                "Alt": Qt.KeyboardModifier.AltModifier,
            }[mod]
        code = getattr(Qt.Key, f"Key_{key}")
        qtbot.keyClick(widget, code, modifiers)


CODED_TEXT = (
    "Strike ends at the port\n\n"
    "“We won a fair deal,” said Ana Ruiz, the union leader. Officials said the port "
    "would reopen on Monday.\n\n"
    "Tony Pham warned that shipping costs would rise. “Ships are late,” said Lee Chan."
)


def fragment(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start, start + len(part))


@pytest.fixture
def coded_project(make_project):
    """Two articles; ana and ben have quotes in the first, which has three suggestions."""
    path = make_project(CODED_TEXT, "Second article\n\nNothing quoted here at all.")
    repo = Repository.open(path)
    text = CODED_TEXT
    with repo.transaction():
        speaker = repo.save_speaker(Speaker("Ana Ruiz"))
        repo.insert_quote(Quote(1, "ana", fragment(text, "Tony Pham warned"),
                                frames=frozenset({"threat"})))  # fmt: skip
        repo.insert_quote(Quote(1, "ben", fragment(text, "“We won a fair deal,”"),
                                speaker_id=speaker.id))  # fmt: skip
        repo.replace_suggestions(1, [
            Suggestion(fragment(text, "“We won a fair deal,”"), QuoteKind.DIRECT, "t", 0.9,
                       speaker="Ana Ruiz", mention=fragment(text, "Ana Ruiz")),
            Suggestion(fragment(text, "the port would reopen on Monday"), QuoteKind.INDIRECT,
                       "t", 0.6, speaker="Officials", mention=fragment(text, "Officials")),
            Suggestion(fragment(text, "“Ships are late,”"), QuoteKind.DIRECT, "t", 0.8,
                       speaker="Lee Chan", mention=fragment(text, "Lee Chan")),
        ])  # fmt: skip
        repo.set_article_status(1, "ana", "in_progress")
    repo.close()
    return path


# -- a coder with enough coding for frame suggestions ------------------------------

DATA = Path(__file__).resolve().parents[1] / "data" / "frames"
ROWS = [json.loads(line) for line in (DATA / "default.jsonl").read_text().splitlines()]


def add_article(project, annotator, rows, *, coded):
    text, spans = "", []
    for row in rows:
        start = len(text) + 1
        text += f"“{row['text']}” {row['context']}.\n\n"
        spans.append(Span(start, start + len(row["text"])))
    title = f"{annotator} {rows[0]['text'][:20]}"
    (article,) = project.import_articles([Article(text=text, title=title)]).added
    with project.repo.transaction() as repo:
        for row, span in zip(rows, spans, strict=True):
            frames = frozenset(row["frames"]) if coded else frozenset()
            repo.insert_quote(Quote(article.id, annotator, span, frames=frames))
    return article.id


@pytest.fixture
def coded_path(tmp_path):
    """Six coded articles of ana's (a learner trains on them) and one whose four quotes
    are not coded yet: (path, the id of that article)."""
    path = tmp_path / "frames.sqlite"
    project = Project.open(path, create=True)
    open_id = add_article(project, "ana", ROWS[100:104], coded=False)
    for at in range(0, 60, 10):
        add_article(project, "ana", ROWS[at : at + 10], coded=True)
    with project.repo.transaction() as repo:  # started: G is not ana's first change there
        repo.set_article_status(open_id, "ana", "in_progress")
    project.close()
    return path, open_id
