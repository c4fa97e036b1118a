"""The window is usable at once; spaCy loads and suggests in the background."""

from framing_annotator.app import open_main_window

from .conftest import keys

TEXT = (
    "Council delays vote\n\n"
    "“We need more time to read the plan,” said council member Ana Ruiz. "
    "Mayor Tom Berg said the delay would cost the city money."
)


def test_suggestions_arrive_in_the_background(qtbot, make_project):
    path = make_project(TEXT)
    window = open_main_window(path, annotator="ana")
    qtbot.addWidget(window)
    window.show()
    # Usable before spaCy has loaded: the text is there and no suggestion yet.
    assert window.article_view.toPlainText() == TEXT
    assert window.state.suggestions == []
    qtbot.waitUntil(lambda: len(window.state.suggestions) >= 2, timeout=30_000)
    direct = [s for s in window.state.suggestions if s.kind.value == "direct"]
    assert [s.speaker for s in direct] == ["Ana Ruiz"]
    assert window.state.status == "not_started"  # suggesting is not annotating
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.article_view.setFocus()
    keys(qtbot, window.article_view, "J", "Y")
    assert [q.speaker_id is not None for q in window.state.quotes] == [True]
    window.close()
    assert window.menu.workers.pool.activeThreadCount() == 0
