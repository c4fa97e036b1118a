"""SQL per key press, counted with the sqlite3 trace callback on the window's connection.

Each action is one write transaction of at most 12 statements, reads for the redraw
included; moving with J and K reads nothing at all.
"""

from __future__ import annotations

import pytest

from .conftest import CODED_TEXT, fragment, keys, mouse_select

BUDGET = 12


class SqlCounter:
    """The statements the app runs, as the trace callback reports them.

    SQLite also reports the statements inside triggers (the full-text index's), as
    lines starting with "--", the outer statement again at the start of each trigger
    program, and the full-text module's own reads of its tables (named ``'main'.…``):
    those are part of one statement the app ran, not more of them.
    """

    def __init__(self, window) -> None:
        self.conn = window.project.repo.db.conn
        self.statements: list[str] = []
        self.conn.set_trace_callback(self._traced)

    def _traced(self, sql: str) -> None:
        internal = sql.startswith("--") or "'main'." in sql
        if internal or (self.statements and self.statements[-1] == sql):
            return
        self.statements.append(sql)

    def measure(self, action) -> tuple[int, int]:
        """(write transactions, statements) that ``action`` ran."""
        self.statements.clear()
        action()
        writes = sum(1 for s in self.statements if s.startswith("BEGIN"))
        return writes, len(self.statements)

    def stop(self) -> None:
        self.conn.set_trace_callback(None)


@pytest.fixture
def counted(open_window, coded_project):
    window = open_window(coded_project)
    counter = SqlCounter(window)
    yield window, counter
    if window.isVisible():
        counter.stop()


def test_each_key_is_one_small_transaction_and_moving_reads_nothing(qtbot, counted):
    window, sql = counted
    view = window.article_view
    press = lambda *names: lambda: keys(qtbot, view, *names)  # noqa: E731
    assert sql.measure(press("J")) == (0, 0)
    assert sql.measure(press("K")) == (0, 0)
    assert sql.measure(press("J")) == (0, 0)
    measured = {}
    # J, K (stays on the first), J: on the second suggestion, "Officials".
    measured["Y new speaker"] = sql.measure(press("Y"))  # creates the speaker Officials
    measured["N"] = sql.measure(press("N"))  # rejects "Lee Chan"; back to "Ana Ruiz"
    measured["Y"] = sql.measure(press("Y"))  # accepts "Ana Ruiz", a speaker already known
    measured["frame key"] = sql.measure(press("1"))
    measured["undo"] = sql.measure(press("Ctrl+Z"))
    measured["redo"] = sql.measure(press("Ctrl+Shift+Z"))
    span = fragment(CODED_TEXT, "shipping costs")
    mouse_select(qtbot, view, span.start, span.end)
    measured["Enter"] = sql.measure(press("Return"))
    keys(qtbot, view, "A")
    field = window.editor.speaker.lineEdit()
    qtbot.keyClicks(field, "Tony Pham")
    measured["A + speaker"] = sql.measure(lambda: keys(qtbot, field, "Return"))
    measured["Delete"] = sql.measure(press("Delete"))
    measured["undo delete"] = sql.measure(press("Ctrl+Z"))
    for what, (writes, statements) in measured.items():
        assert writes == 1, f"{what}: {writes} write transactions"
        assert statements <= BUDGET, f"{what}: {statements} statements"
    assert sql.measure(press("J")) == (0, 0)
    assert sql.measure(press("K")) == (0, 0)


def test_the_first_quote_starts_the_article_in_the_same_transaction(qtbot, counted,
                                                                     coded_project):  # fmt: skip
    from .test_annotation_window import rows

    window, sql = counted
    window.controller.open_article(2)  # not started by ana
    view = window.article_view
    text = window.state.article.text
    start = text.index("Nothing")
    mouse_select(qtbot, view, start, start + len("Nothing quoted"))
    writes, statements = sql.measure(lambda: keys(qtbot, view, "Return"))
    assert (writes, statements <= BUDGET) == (1, True)
    assert rows(coded_project, "SELECT status FROM article_status WHERE article_id = 2") == [
        ("in_progress",)
    ]
    # Started now: the next edit does not ask again.
    writes, statements = sql.measure(lambda: keys(qtbot, view, "1"))
    assert not any("article_status" in s for s in sql.statements)


def test_moving_onto_quotes_with_frame_suggestions_writes_nothing(qtbot, open_window,
                                                                  coded_path):  # fmt: skip
    """J and K onto quotes that show frame suggestions run no SQL: that they were shown is
    stored with the coder's next step, in its one transaction."""
    from .test_annotation_window import rows

    path, open_id = coded_path
    window = open_window(path)
    qtbot.waitUntil(lambda: window.controller.frames.learner is not None, timeout=60_000)
    window.article_list.select(open_id)
    view = window.article_view
    sql = SqlCounter(window)
    shown = set()
    for _ in range(4):
        assert sql.measure(lambda: keys(qtbot, view, "J")) == (0, 0), sql.statements
        assert any(hint.text() for hint in window.editor.frame_hints.values())  # shown
        shown.add(window.controller.current_quote.uuid)
    assert sql.measure(lambda: keys(qtbot, view, "K")) == (0, 0), sql.statements
    assert rows(path, "SELECT count(*) FROM frame_suggestions_shown") == [(0,)]
    writes, statements = sql.measure(lambda: keys(qtbot, view, "1"))
    sql.stop()
    assert (writes, statements <= BUDGET) == (1, True), "\n".join(sql.statements)
    assert {u for (u,) in rows(path, "SELECT quote_uuid FROM frame_suggestions_shown")} == shown
