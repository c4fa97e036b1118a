"""Frame suggestions in the window: faint checks with probabilities, G accepts, a setting.

The learner trains in the background on the coder's own quotes; everything is checked in
the SQLite file, driven by real key events.
"""

import json
import sqlite3

from framing_annotator.services.project import Project

from .conftest import ROWS, add_article, keys
from .test_sql_per_key import BUDGET, SqlCounter


def query(path, sql, params=()):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def frames_of(path, uuid):
    return {k for (k,) in query(path, "SELECT frame_key FROM quote_frames WHERE quote_uuid = ?",
                                [uuid])}  # fmt: skip


def test_suggested_frames_show_faintly_and_g_accepts_them(qtbot, open_window, coded_path):
    path, open_id = coded_path
    window = open_window(path)
    qtbot.waitUntil(lambda: window.controller.frames.learner is not None, timeout=60_000)
    window.article_list.select(open_id)
    view = window.article_view
    keys(qtbot, view, "J")
    suggestion = None
    for _ in range(4):  # the first open quote that has a frame suggested
        quote = window.controller.current_quote
        suggestion = window.controller.frames.suggestion_for(quote)
        if suggestion.suggested:
            break
        keys(qtbot, view, "J")
    assert suggestion is not None and suggestion.suggested
    for key, hint in window.editor.frame_hints.items():
        percent = f"{suggestion.probability(key):.0%}"
        assert hint.text() == (f"✓ {percent}" if key in suggestion.suggested else percent)
        assert not window.editor.frame_boxes[key].isChecked()  # a hint, not coding
    assert window.keys_label.text().startswith("0 suggestions pending · G suggested frames")
    # J only moves: what was shown is stored with the next step, not by the move.
    assert query(path, "SELECT count(*) FROM frame_suggestions_shown") == [(0,)]

    sql = SqlCounter(window)
    writes, statements = sql.measure(lambda: keys(qtbot, view, "G"))
    sql.stop()
    # One step, one transaction, within the budget every key has.
    assert writes == 1 and statements <= BUDGET, "\n".join(sql.statements)
    assert frames_of(path, quote.uuid) == suggestion.suggested
    (shown,) = query(path, "SELECT suggested, accepted_at FROM frame_suggestions_shown "
                     "WHERE quote_uuid = ?", [quote.uuid])  # fmt: skip
    assert set(json.loads(shown[0])) == suggestion.suggested and shown[1] is not None
    assert all(not hint.text() for hint in window.editor.frame_hints.values())  # coded now

    keys(qtbot, view, "3")  # number keys still toggle
    assert frames_of(path, quote.uuid) == suggestion.suggested ^ {"political_messaging"}
    keys(qtbot, view, "Ctrl+Z", "Ctrl+Z")  # the 3, then the whole of G
    assert frames_of(path, quote.uuid) == set()
    (undone,) = query(path, "SELECT accepted_at FROM frame_suggestions_shown "
                      "WHERE quote_uuid = ?", [quote.uuid])  # fmt: skip
    assert undone[0] is None  # shown, no longer accepted
    assert window.editor.frame_hints[next(iter(suggestion.suggested))].text().startswith("✓")


def test_a_setting_turns_frame_suggestions_off(qtbot, open_window, coded_path):
    path, open_id = coded_path
    window = open_window(path)
    qtbot.waitUntil(lambda: window.controller.frames.learner is not None, timeout=60_000)
    window.registry["suggest_frames"].trigger()  # off
    assert not window.registry["suggest_frames"].isChecked()
    window.article_list.select(open_id)
    keys(qtbot, window.article_view, "J")
    quote = window.controller.current_quote
    assert all(not hint.text() for hint in window.editor.frame_hints.values())
    keys(qtbot, window.article_view, "G")
    assert frames_of(path, quote.uuid) == set()
    assert query(path, "SELECT count(*) FROM frame_suggestions_shown") == [(0,)]
    assert "No frames suggested" in window.message_label.text()


def test_uncertain_first_orders_the_quotes_by_doubt(qtbot, open_window, coded_path):
    path, open_id = coded_path
    window = open_window(path)
    qtbot.waitUntil(lambda: window.controller.frames.learner is not None, timeout=60_000)
    window.article_list.select(open_id)
    window.registry["uncertain_first"].trigger()
    seen = []
    for _ in range(4):
        keys(qtbot, window.article_view, "J")
        seen.append(window.controller.current_quote)
    doubts = [window.controller.frames.suggestion_for(q).uncertainty for q in seen]
    assert doubts == sorted(doubts, reverse=True)
    assert len({q.uuid for q in seen}) == 4


def test_too_little_coding_says_so_and_shows_nothing(qtbot, open_window, tmp_path):
    path = tmp_path / "few.sqlite"
    project = Project.open(path, create=True)
    open_id = add_article(project, "ana", ROWS[:5], coded=True)
    project.close()
    window = open_window(path)
    qtbot.waitUntil(lambda: window.controller.frames_status.startswith("No frame suggestions yet"),
                    timeout=30_000)  # fmt: skip
    assert "ana has coded frames on 5 quotes" in window.controller.frames_status
    window.article_list.select(open_id)
    keys(qtbot, window.article_view, "J")
    assert all(not hint.text() for hint in window.editor.frame_hints.values())


def test_the_window_shows_how_good_the_suggestions_are(qtbot, open_window, coded_path):
    path, _ = coded_path
    window = open_window(path)
    window.registry["evaluate_frames"].trigger()
    qtbot.waitUntil(lambda: window.frames.evaluation is not None, timeout=120_000)
    dialog = window.frames.evaluation
    frames = dialog.frames
    assert [frames.item(r, 0).text() for r in range(frames.rowCount())] == [
        "threat", "public_safety", "political_messaging", "macro"]  # fmt: skip
    curve = dialog.curve
    assert [curve.item(r, 0).text() for r in range(curve.rowCount())] == ["25", "48"]
    assert 0.0 < float(frames.item(3, 3).text()) <= 1.0
    dialog.close()


def test_suggestions_only_looked_at_are_recorded_when_the_window_closes(qtbot, open_window,
                                                                       coded_path):  # fmt: skip
    path, open_id = coded_path
    window = open_window(path)
    qtbot.waitUntil(lambda: window.controller.frames.learner is not None, timeout=60_000)
    window.article_list.select(open_id)
    seen = {}
    for _ in range(4):
        keys(qtbot, window.article_view, "J")
        quote = window.controller.current_quote
        seen[quote.uuid] = window.controller.frames.suggestion_for(quote)
    assert query(path, "SELECT count(*) FROM frame_suggestions_shown") == [(0,)]
    window.close()
    records = query(path, "SELECT quote_uuid, suggested, accepted_at FROM frame_suggestions_shown")
    stored = {uuid: (set(json.loads(suggested)), accepted) for uuid, suggested, accepted in records}
    assert stored == {uuid: (s.suggested, None) for uuid, s in seen.items()}


def test_a_project_opened_read_only_gets_suggestions_and_stays_unchanged(qtbot, open_window,
                                                                          coded_path):  # fmt: skip
    """On a writable disk too: the trainer opens the project as the window did, so it
    trains in memory and stores no model."""
    path, open_id = coded_path
    before = path.read_bytes()
    window = open_window(path, read_only=True)
    qtbot.waitUntil(lambda: window.controller.frames.learner is not None, timeout=60_000)
    window.article_list.select(open_id)
    keys(qtbot, window.article_view, "J")  # moving changes nothing: it works read-only
    quote = window.controller.current_quote
    assert quote is not None
    suggestion = window.controller.frames.suggestion_for(quote)
    assert [hint.text() for hint in window.editor.frame_hints.values()] == [
        f"✓ {p:.0%}" if key in suggestion.suggested else f"{p:.0%}"
        for key, p in ((key, suggestion.probability(key)) for key in window.editor.frame_hints)
    ]
    assert any(hint.text() for hint in window.editor.frame_hints.values())
    window.close()
    assert path.read_bytes() == before
    assert query(path, "SELECT count(*) FROM frame_models") == [(0,)]
