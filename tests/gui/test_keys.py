"""Keys as a coder presses them: shortcuts reach their actions, the J/Y/N rhythm, mark done
with pending work, a note typed and the window closed; each checked in the SQLite file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from framing_annotator.ui.settings_keys import CONFIRM_DONE

from .conftest import CODED_TEXT, fragment, keys, mouse_select
from .test_annotation_window import rows

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide" / "shortcuts.md"


@pytest.fixture
def window(open_window, coded_project):
    return open_window(coded_project)


def decisions(path) -> list[tuple[str, str]]:
    return rows(
        path,
        "SELECT s.speaker, d.status FROM suggestion_decisions d "
        "JOIN suggestions s ON s.id = d.suggestion_id ORDER BY s.start",
    )


# -- shortcuts ---------------------------------------------------------------------------


def test_no_key_sequence_is_bound_twice_in_one_context(window):
    seen: dict[tuple[str, str], str] = {}
    for name, action in window.registry.actions.items():
        scoped = action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
        context = "text" if scoped else "window"
        for sequence in action.shortcuts():
            key = sequence.toString()
            for other_context in {context, "window"}:  # window keys reach the text too
                clash = seen.get((other_context, key)) or seen.get((context, key))
                assert clash is None, f"{key} is bound to {clash} and {name}"
            seen[(context, key)] = name
    assert window.registry["redo"].shortcuts() == [
        QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")
    ]  # fmt: skip


def test_help_lists_each_shortcut_once(window):
    (redo,) = [r for r in window.registry.help_rows() if r.text == "Redo"]
    assert redo.shortcuts == ("Ctrl+Shift+Z", "Ctrl+Y")


def documented_shortcuts() -> dict[str, list[str]]:
    """Action text -> the keys ``docs/guide/shortcuts.md`` gives for it."""
    found = {}
    for line in GUIDE.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (.+?) \| (.+) \|$", line)
        if match and "`" in match.group(2):
            found[match.group(1)] = re.findall(r"`([^`]+)`", match.group(2))
    return found


def press(qtbot, widget, sequence: QKeySequence) -> None:
    combination = sequence[0]
    QTest.keyClick(widget, combination.key(), combination.keyboardModifiers())


def test_every_shortcut_reaches_its_action_by_a_real_key(qtbot, window):
    """Each key in Help (and so in the guide) is pressed where a coder presses it."""
    documented = documented_shortcuts()
    view = window.article_view
    for name, action in window.registry.actions.items():
        if not action.shortcuts():
            continue
        text = action.text().replace("&", "")
        if not name.startswith("frame_"):
            keys_in_guide = [k.split(" ")[0] for k in documented[text]]
            shown = [s.toString() for s in action.shortcuts()]
            assert keys_in_guide == shown, f"docs/guide/shortcuts.md is out of date for {text}"
        action.triggered.disconnect()  # what the action does is tested elsewhere
        action.setEnabled(True)  # Undo and Redo wait for a step to undo; here they must not
        fired: list[str] = []
        action.triggered.connect(lambda _checked=False, n=name, f=fired: f.append(n))
        for sequence in action.shortcuts():
            fired.clear()
            view.setFocus()
            press(qtbot, view, sequence)
            assert fired == [name], f"{sequence.toString()} did not reach {name}"


def test_text_keys_do_not_fire_while_typing_a_note(qtbot, window, coded_project):
    window.controller.go_to(window.state.quotes[0].uuid)
    field = window.editor.note
    field.setFocus()
    qtbot.keyClicks(field, "JYN1")
    assert field.text() == "JYN1"
    assert decisions(coded_project) == []


# -- the rhythm: decide, decide, decide -------------------------------------------------------


def test_j_y_n_move_on_to_the_next_pending_suggestion(qtbot, window, coded_project):
    view = window.article_view
    keys(qtbot, view, "J")  # the first item: the first suggestion (ben's quote is not ana's)
    assert window.editor.heading.text().startswith("SUGGESTION  1 of 4")
    keys(qtbot, view, "Y")  # accepted; now on the next pending one, without J
    assert window.controller.current.suggestion.speaker == "Officials"
    keys(qtbot, view, "N")
    assert window.controller.current.suggestion.speaker == "Lee Chan"
    keys(qtbot, view, "Y")
    assert decisions(coded_project) == [
        ("Ana Ruiz", "accepted"), ("Officials", "rejected"), ("Lee Chan", "accepted")
    ]  # fmt: skip
    assert "No suggestions left" in window.message_label.text()
    # The last decision leaves the new quote current, so a frame key tags what was accepted.
    keys(qtbot, view, "2")
    (frames,) = rows(coded_project, "SELECT group_concat(f.frame_key) FROM quote_frames f "
                                    "JOIN quotes q ON q.uuid = f.quote_uuid "
                                    "WHERE q.start = ?", [CODED_TEXT.index("“Ships")])  # fmt: skip
    assert frames == ("public_safety",)
    assert "0 suggestions pending" in window.keys_label.text()


def test_j_and_k_stop_at_the_ends_and_say_so(qtbot, window, coded_project):
    view = window.article_view
    count = len(window.state.items)
    for _ in range(count + 2):
        keys(qtbot, view, "J")
    last = window.state.items[-1].key
    assert window.current_key == last  # no wrap to the first quote
    assert "Last quote or suggestion" in window.message_label.text()
    assert window.keys_label.text().endswith("F1 help")  # the hint is still there
    keys(qtbot, view, "1")  # acts on the last item, the one on screen: a suggestion, no-op
    assert rows(coded_project, "SELECT count(*) FROM quote_frames") == [(1,)]
    for _ in range(count + 2):
        keys(qtbot, view, "K")
    assert window.current_key == window.state.items[0].key
    assert "First quote or suggestion" in window.message_label.text()


# -- mark done ---------------------------------------------------------------------------------


def status_of(path, article_id=1):
    return rows(path, "SELECT s.status FROM article_status s JOIN annotators a "
                      "ON a.id = s.annotator_id WHERE a.name = 'ana' AND s.article_id = ?",
                [article_id])  # fmt: skip


def test_mark_done_with_pending_work_asks_first(qtbot, window, coded_project):
    keys(qtbot, window.article_view, "Ctrl+Return")
    ask = window.confirm_done
    assert ask.isVisible()
    assert "3 suggestion(s)" in ask.text() and "1 quote(s) without a speaker" in ask.text()
    qtbot.mouseClick(ask.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    assert status_of(coded_project) == [("in_progress",)]
    assert window.article_id == 1
    keys(qtbot, window.article_view, "Ctrl+Return")
    ask = window.confirm_done
    ask.checkBox().setChecked(True)  # don't ask again
    qtbot.mouseClick(ask.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert status_of(coded_project) == [("done",)]
    assert window.article_id == 2
    assert QSettings().value(CONFIRM_DONE, True, type=bool) is False


def test_mark_done_without_pending_work_does_not_ask(qtbot, open_window, make_project):
    path = make_project("Calm day\n\nNothing was said.", "Second\n\nStill nothing.")
    window = open_window(path)
    keys(qtbot, window.article_view, "Ctrl+Return")
    assert not hasattr(window, "confirm_done")
    assert status_of(path) == [("done",)]


# -- a note typed, then the window closed ----------------------------------------------------------


def test_a_note_typed_is_saved_when_the_window_closes(qtbot, window, coded_project):
    view = window.article_view
    span = fragment(CODED_TEXT, "shipping costs")
    mouse_select(qtbot, view, span.start, span.end)
    keys(qtbot, view, "Return")
    assert not view.textCursor().hasSelection()  # the new quote's colour is not hidden
    qtbot.mouseClick(window.editor.note, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.editor.note, "check the figure")
    keys(qtbot, window.editor.note, "Ctrl+Q")  # quit while the note still has the focus
    assert not window.isVisible()
    assert rows(coded_project, "SELECT note FROM quotes WHERE start = ?",
                [CODED_TEXT.index("shipping")]) == [("check the figure",)]  # fmt: skip


def test_the_state_kept_through_keys_is_the_state_stored(qtbot, window):
    """The window keeps the article's items in order step by step (no re-read per key); after
    decisions, edits, a delete, undo and redo it must equal what a fresh read of the file
    gives, item for item, and the quote table must list the same quotes in the same order."""
    view = window.article_view
    span = fragment(CODED_TEXT, "shipping costs")
    mouse_select(qtbot, view, span.start, span.end)
    keys(qtbot, view, "Return", "1", "J", "J", "Y", "N", "K", "2", "Alt+Right", "Delete",
         "Ctrl+Z", "Ctrl+Z", "Ctrl+Shift+Z", "J", "Y")  # fmt: skip
    kept = window.state
    fresh = window.controller.session.article_state(kept.article.id)
    assert [(i.key, i.span) for i in kept.items] == [(i.key, i.span) for i in fresh.items]
    assert [kept.at(n).key for n in range(kept.count)] == [i.key for i in fresh.items]
    assert kept.quotes == fresh.quotes and kept.pending_count == len(fresh.pending)
    for n, item in enumerate(fresh.items):
        assert kept.position(item.key) == n
    model = window.quote_model
    assert [model.quote_at(r).uuid for r in range(model.rowCount())] == [
        q.uuid for q in fresh.quotes
    ]
    assert all(model.row_of(q.uuid) == r for r, q in enumerate(fresh.quotes))
