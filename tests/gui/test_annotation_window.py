"""The annotation window driven by mouse and keys; assertions on the project file and the view."""

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from framing_annotator.domain.model import QuoteKind, Suggestion
from framing_annotator.domain.spans import Span
from framing_annotator.store.repository import Repository

from .conftest import keys, mouse_select

TEXT = (
    "Strike ends at the port\n\n"
    "“We won a fair deal,” said Ana Ruiz, the union leader. Officials said the port "
    "would reopen on Monday.\n\n"
    "Tony Pham warned that shipping costs would rise."
)


def rows(path, sql, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def quotes_in(path):
    return rows(
        path,
        'SELECT q.start, q."end", q.kind, q.version, a.name FROM quotes q '
        "JOIN annotators a ON a.id = q.annotator_id ORDER BY q.start",
    )


def frames_in(path):
    return {key for (key,) in rows(path, "SELECT frame_key FROM quote_frames")}


def listed(path):
    """The article list as a fresh connection to the file reads it: (counts, statuses)."""
    repo = Repository.open(path)
    try:
        return {s.id: (s.quote_counts, s.statuses) for s in repo.article_summaries()}
    finally:
        repo.close()


def span_of(fragment, text=TEXT):
    start = text.index(fragment)
    return start, start + len(fragment)


@pytest.fixture
def project_path(make_project):
    return make_project(TEXT, "Second article\n\nNothing quoted here at all.")


@pytest.fixture
def window(open_window, project_path):
    return open_window(project_path)


def test_mouse_selection_and_enter_make_a_snapped_quote(qtbot, window, project_path):
    view = window.article_view
    start, end = span_of("e won a fair dea")  # a sloppy drag inside the quote
    mouse_select(qtbot, view, start, end)
    assert view.selected_span() == (start, end)
    keys(qtbot, view, "Return")
    ((q_start, q_end, kind, version, annotator),) = quotes_in(project_path)
    assert TEXT[q_start:q_end] == "“We won a fair deal,”"
    assert (kind, version, annotator) == ("direct", 1, "ana")
    assert window.quote_model.rowCount() == 1
    assert window.editor.heading.text().startswith("QUOTE  1 of 1")
    assert window.current_key is not None
    assert "◐" in window.article_list.view.currentIndex().data()  # now in progress


def test_shift_arrows_select_from_the_caret(qtbot, window, project_path):
    view = window.article_view
    start, _ = span_of("Officials said")
    mouse_select(qtbot, view, start, start)  # a click puts the caret there
    for _ in range(len("Officials")):
        keys(qtbot, view, "Shift+Right")
    keys(qtbot, view, "Enter")
    ((q_start, q_end, kind, *_),) = quotes_in(project_path)
    assert TEXT[q_start:q_end] == "Officials" and kind == "indirect"


def test_frames_by_number_keys_with_undo_and_redo(qtbot, window, project_path):
    view = window.article_view
    mouse_select(qtbot, view, *span_of("Tony Pham warned"))
    keys(qtbot, view, "Return", "1", "3")
    assert frames_in(project_path) == {"threat", "political_messaging"}
    assert window.editor.frame_boxes["threat"].isChecked()
    assert "threat, political messaging" in window.quote_model.index(0, 3).data()
    keys(qtbot, view, "3")
    assert frames_in(project_path) == {"threat"}
    keys(qtbot, view, "Ctrl+Z")
    assert frames_in(project_path) == {"threat", "political_messaging"}
    keys(qtbot, view, "Ctrl+Z", "Ctrl+Z")
    assert frames_in(project_path) == set()
    keys(qtbot, view, "Ctrl+Z")
    assert quotes_in(project_path) == []
    keys(qtbot, view, "Ctrl+Shift+Z", "Ctrl+Shift+Z")
    assert frames_in(project_path) == {"threat"}
    assert len(quotes_in(project_path)) == 1


def test_alt_arrows_move_the_edges_and_delete_removes(qtbot, window, project_path):
    view = window.article_view
    mouse_select(qtbot, view, *span_of("shipping costs"))
    keys(qtbot, view, "Return", "Alt+Right")
    ((start, end, *_),) = quotes_in(project_path)
    assert TEXT[start:end] == "shipping costs would"
    keys(qtbot, view, "Alt+Shift+Left")
    ((start, end, *_),) = quotes_in(project_path)
    assert TEXT[start:end] == "that shipping costs would"
    keys(qtbot, view, "Alt+Left", "Alt+Shift+Right")
    ((start, end, *_),) = quotes_in(project_path)
    assert TEXT[start:end] == "shipping costs"
    keys(qtbot, view, "Delete")
    assert quotes_in(project_path) == []
    assert window.quotes.currentWidget() is window.quotes.empty


def _suggest(project_path):
    repo = Repository.open(project_path)
    with repo.transaction():
        repo.replace_suggestions(
            1,
            [
                Suggestion(
                    Span(*span_of("“We won a fair deal,”")),
                    QuoteKind.DIRECT,
                    "blank-test",
                    0.9,
                    speaker="Ana Ruiz",
                    mention=Span(*span_of("Ana Ruiz")),
                    cue="said",
                ),
                Suggestion(
                    Span(*span_of("the port would reopen on Monday")),
                    QuoteKind.INDIRECT,
                    "blank-test",
                    0.6,
                    speaker="Officials",
                    mention=Span(*span_of("Officials")),
                ),
            ],
        )
    repo.close()


def test_accept_and_reject_suggestions_by_keys(qtbot, open_window, project_path):
    _suggest(project_path)
    window = open_window(project_path)
    view = window.article_view
    assert "2 suggestions pending" in window.keys_label.text()
    keys(qtbot, view, "J")
    assert window.editor.heading.text().startswith("SUGGESTION  1 of 2")
    keys(qtbot, view, "Y")
    ((start, end, kind, _version, _annotator),) = quotes_in(project_path)
    assert TEXT[start:end] == "“We won a fair deal,”" and kind == "direct"
    assert rows(project_path, "SELECT name FROM speakers") == [("Ana Ruiz",)]
    assert window.quote_model.index(0, 1).data() == "Ana Ruiz"
    # Y moved on to the next pending suggestion: N decides it at once.
    assert window.editor.heading.text().startswith("SUGGESTION  2 of 2")
    keys(qtbot, view, "N")
    assert rows(project_path, "SELECT status FROM suggestion_decisions ORDER BY 1") == [
        ("accepted",),
        ("rejected",),
    ]
    assert "0 suggestions pending" in window.keys_label.text()
    keys(qtbot, view, "Ctrl+Z")  # the rejection
    assert "1 suggestion pending" in window.keys_label.text()
    keys(qtbot, view, "Ctrl+Z")  # the acceptance: quote and new speaker go
    assert quotes_in(project_path) == []
    assert rows(project_path, "SELECT name FROM speakers") == []


def test_speaker_field_takes_letters_without_triggering_shortcuts(qtbot, window, project_path):
    view = window.article_view
    mouse_select(qtbot, view, *span_of("Tony Pham warned"))
    keys(qtbot, view, "Return", "A")
    field = window.editor.speaker.lineEdit()
    assert field.hasFocus()
    qtbot.keyClicks(field, "Jay Nunn 1")  # J, N and 1 are shortcuts elsewhere
    keys(qtbot, field, "Return")
    assert rows(project_path, "SELECT name FROM speakers") == [("Jay Nunn 1",)]
    assert frames_in(project_path) == set()
    assert rows(project_path, "SELECT count(*) FROM suggestion_decisions") == [(0,)]
    (speaker_id,) = rows(project_path, "SELECT speaker_id FROM quotes")[0]
    assert speaker_id is not None
    assert "Jay Nunn 1" in window.quote_model.index(0, 1).data()
    keys(qtbot, view, "Ctrl+Z")  # one step removes speaker and assignment together
    assert rows(project_path, "SELECT speaker_id FROM quotes") == [(None,)]
    assert rows(project_path, "SELECT name FROM speakers") == []


def test_ctrl_enter_marks_done_and_opens_the_next(qtbot, window, project_path):
    keys(qtbot, window.article_view, "Ctrl+Return")
    assert rows(project_path, "SELECT article_id, status FROM article_status") == [(1, "done")]
    assert window.article_id == 2
    assert window.title_label.text() == "Second article"
    assert window.article_list.progress.format() == "1 of 2 done"


def test_quote_after_emoji_has_code_point_offsets(qtbot, open_window, make_project):
    text = "Emoji 🙂🙂 first. 𝔘nicode said “the 🚢 ship sails,” today."
    window = open_window(make_project(text))
    view = window.article_view
    # Qt positions count two UTF-16 units for each of the four astral characters.
    qt_text = view.toPlainText()
    assert qt_text == text
    start_cp = text.index("“the")
    end_cp = text.index(" today")
    to_qt = window.article_view._offsets.to_utf16
    mouse_select(qtbot, view, to_qt(start_cp), to_qt(end_cp))
    keys(qtbot, view, "Return")
    ((start, end, *_),) = quotes_in(window.project.path)
    assert (start, end) == (start_cp, end_cp)
    assert text[start:end] == "“the 🚢 ship sails,”"
    assert window.quote_model.index(0, 4).data() == "“the 🚢 ship sails,”"


def test_clicking_a_quote_selects_it_in_the_list(qtbot, window, project_path):
    view = window.article_view
    mouse_select(qtbot, view, *span_of("Tony Pham warned"))
    keys(qtbot, view, "Return")
    mouse_select(qtbot, view, *span_of("Officials"))
    keys(qtbot, view, "Return")
    assert window.quote_model.rowCount() == 2
    start, _ = span_of("Pham warned")
    mouse_select(qtbot, view, start + 1, start + 1)
    assert window.quote_table.currentIndex().row() == 1
    window.quote_table.selectRow(0)
    assert window.editor.preview.text() == "Officials"


def test_help_lists_every_shortcut_from_the_actions(qtbot, window):
    from framing_annotator.ui.help_dialog import HelpDialog

    dialog = HelpDialog(window.registry.help_rows(), window)
    qtbot.addWidget(dialog)
    table = dialog.shortcuts
    listed = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    for action in window.findChildren(type(window.registry["undo"])):
        if action.shortcuts() and action.objectName() in window.registry.actions:
            shown = listed[action.text().replace("&", "")]
            assert shown.split(" / ")[0] == action.shortcuts()[0].toString()
    assert listed["Accept suggestion"] == "Y"
    assert "scare quotes" in dialog.guide.toPlainText()


def test_undo_reaches_back_into_the_previous_article(qtbot, window, project_path):
    view, model = window.article_view, window.article_list.model
    assert listed(project_path) == {1: ({}, {}), 2: ({}, {})}
    mouse_select(qtbot, view, *span_of("Tony Pham warned"))
    keys(qtbot, view, "Return")
    assert listed(project_path)[1] == ({"ana": 1}, {"ana": "in_progress"})
    assert model.status(1) == "in_progress"
    keys(qtbot, view, "Ctrl+Return")
    ask = window.confirm_done  # the quote has no speaker yet: the window asks first
    qtbot.mouseClick(ask.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert window.article_id == 2
    assert listed(project_path)[1] == ({"ana": 1}, {"ana": "done"}) and model.status(1) == "done"
    keys(qtbot, window.article_view, "Ctrl+Z")  # the "done": back to article 1
    assert window.article_id == 1
    assert rows(project_path, "SELECT status FROM article_status") == [("in_progress",)]
    assert model.status(1) == "in_progress"
    keys(qtbot, window.article_view, "Ctrl+Z")  # the quote
    assert quotes_in(project_path) == []
    assert listed(project_path) == {1: ({}, {"ana": "in_progress"}), 2: ({}, {})}
    assert model.status(1) == "in_progress"
    assert window.article_list.progress.format() == "0 of 2 done"


def test_import_in_the_background_refreshes_the_list(qtbot, window, tmp_path):
    good = tmp_path / "new.md"
    good.write_text("# Port reopens\n\n“Ships are moving,” said Ana Ruiz.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    worker = window.menu.import_files([good, bad])
    qtbot.waitUntil(lambda: window.menu.last_report is not None, timeout=10_000)
    qtbot.waitUntil(worker.done.is_set)
    assert window.article_list.model.rowCount() == 3
    report = window.menu.last_report.text()
    assert "1 imported, 0 already in the project, 1 rejected" in report
    assert "bad.txt" in report
    assert window.article_id == 1  # the article being read stays open


def test_codebook_panel_shows_descriptions_and_toggles_frames(qtbot, window, project_path):
    panel = window.codebook_panel
    assert panel.count() == 3
    assert panel.item(0).text() == "[1]  threat"
    assert "danger" in panel.item(0).toolTip()
    view = window.article_view
    mouse_select(qtbot, view, *span_of("Officials"))
    keys(qtbot, view, "Return")
    panel.itemActivated.emit(panel.item(1))
    assert frames_in(project_path) == {"public_safety"}


def test_merge_from_the_file_menu(qtbot, window, make_project, tmp_path):
    other = make_project(TEXT, name="ben.sqlite")
    repo = Repository.open(other)
    with repo.transaction():
        from framing_annotator.domain.model import Quote

        repo.insert_quote(Quote(article_id=1, annotator="ben", span=Span(*span_of("Officials"))))
    repo.close()
    window.menu.merge_projects([other])
    qtbot.waitUntil(lambda: window.menu.last_report is not None, timeout=10_000)
    assert "1 quotes added" in window.menu.last_report.text()
    assert [q.annotator for q in window.project.repo.quotes()] == ["ben"]
    assert window.state.quotes == []  # ana still sees only her own quotes


def test_a_large_import_is_listed_at_once_and_indexed_for_search_behind(
    qtbot, window, project_path, tmp_path, monkeypatch
):
    """Import 600 articles by the menu: the list has them when the import ends; the
    search index is built behind (queued, migration 0006) and the status bar says so."""
    source = tmp_path / "many.jsonl"
    lines = [{"text": f"Port strike day {i}. “We hold,” said Ana Ruiz.", "title": f"Day {i}"}
             for i in range(600)]  # fmt: skip
    lines[-1]["text"] += " A ship from zanzibar docked."
    source.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(source)], ""))
    window.registry["import"].trigger()
    qtbot.waitUntil(lambda: window.menu.last_report is not None, timeout=20_000)
    assert "600 imported" in window.menu.last_report.text()
    assert window.article_list.model.rowCount() > 2  # listed before it is indexed
    qtbot.waitUntil(lambda: "Search index ready" in window.message_label.text(), timeout=20_000)
    assert window.message_label.text() == "Search index ready (600 articles added)"
    assert rows(project_path, "SELECT count(*) FROM articles_unindexed") == [(0,)]
    assert rows(project_path, "SELECT count(*) FROM articles_fts_docsize") == [(602,)]
    window.article_list.search.setFocus()
    qtbot.keyClicks(window.article_list.search, "zanzibar")
    qtbot.keyClick(window.article_list.search, Qt.Key.Key_Return)
    assert window.article_list.all_ids() == [602]
    window.article_list.search.clear()  # every match is listed, not the first 200 hits
    qtbot.keyClicks(window.article_list.search, "strike")
    qtbot.keyClick(window.article_list.search, Qt.Key.Key_Return)
    assert window.article_list.all_ids() == [1, *range(3, 603)]  # "Strike ends at the port" too
