"""Welcome panel, new project from a folder, recent projects, settings and codebook editing."""

from pathlib import Path

from PySide6.QtCore import QSettings

from framing_annotator.app import open_main_window
from framing_annotator.domain.model import QuoteKind, Suggestion
from framing_annotator.domain.spans import Span
from framing_annotator.store.repository import Repository
from framing_annotator.ui.settings_dialog import Settings
from framing_annotator.ui.settings_keys import RECENT_PROJECTS

from .conftest import keys, mouse_select
from .test_annotation_window import TEXT, frames_in, span_of


def test_welcome_creates_a_project_from_a_folder(qtbot, open_window, make_project, tmp_path):
    window = open_window(make_project(TEXT))
    panel = window.menu.show_welcome()
    qtbot.addWidget(panel)
    labels = [panel.preset.itemText(n) for n in range(panel.preset.count())]
    assert "Default framing codebook" in labels
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text("First\n\n“Yes,” she said.", encoding="utf-8")
    (folder / "two.html").write_text("<title>Second</title><p>Body text.</p>", encoding="utf-8")
    opened = []
    window.project_requested.connect(opened.append)
    target = tmp_path / "corpus.sqlite"
    window.menu.create_project_from_folder(folder, target, preset="default")
    qtbot.waitUntil(lambda: opened == [target], timeout=10_000)
    repo = Repository.open(target)
    assert sorted(s.title for s in repo.article_summaries()) == ["First", "Second"]
    repo.close()


def test_recent_projects_are_remembered_newest_first(qtbot, make_project, tmp_path):
    first = make_project(TEXT, name="first.sqlite")
    second = make_project(TEXT, name="second.sqlite")
    for path in (first, second, first):
        window = open_main_window(path, annotator="ana", suggestions=False)
        qtbot.addWidget(window)
        window.close()
    recent = QSettings().value(RECENT_PROJECTS, [], type=list)
    assert [Path(p).name for p in recent] == ["first.sqlite", "second.sqlite"]
    window.menu.fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()] == recent


def test_settings_threshold_font_and_annotator(qtbot, open_window, make_project):
    path = make_project(TEXT)
    repo = Repository.open(path)
    with repo.transaction():
        repo.replace_suggestions(1, [
            Suggestion(Span(*span_of("“We won a fair deal,”")), QuoteKind.DIRECT, "t", 0.9),
            Suggestion(Span(*span_of("the port would reopen")), QuoteKind.INDIRECT, "t", 0.4),
        ])  # fmt: skip
    repo.close()
    window = open_window(path)
    assert len(window.state.pending) == 2
    window.menu.apply_settings(Settings(annotator="ana", threshold=0.5, font_pixels=24))
    assert len(window.state.pending) == 1
    assert window.article_view.font().pixelSize() == 24
    assert Settings.load().threshold == 0.5
    window.menu.apply_settings(Settings(annotator="zoe", threshold=0.5, font_pixels=24))
    assert window.controller.annotator == "zoe" and window.windowTitle().endswith("— zoe")


def test_codebook_editor_renames_adds_and_reorders(qtbot, open_window, make_project):
    path = make_project(TEXT)
    window = open_window(path)
    view = window.article_view
    mouse_select(qtbot, view, *span_of("Tony Pham warned"))
    keys(qtbot, view, "Return", "1")
    editor = window.menu.show_codebook_editor()
    qtbot.addWidget(editor)
    editor.table.item(0, 1).setText("Danger")  # as if typed into the cell
    assert window.controller.codebook.frame("threat").label == "Danger"
    assert frames_in(path) == {"threat"}  # renaming kept the quote's frame
    assert window.editor.frame_boxes["threat"].text() == "[1] Danger"
    assert window.codebook_panel.item(0).text() == "[1]  Danger"
    added = editor.add_frame("Economy")
    assert added.shortcut == "4" and window.controller.codebook.keys[-1] == "economy"
    window.activateWindow()
    view.setFocus()
    keys(qtbot, view, "4")
    assert frames_in(path) == {"threat", "economy"}
    editor.table.setCurrentCell(3, 1)
    editor.move(-1)
    order = ("threat", "public_safety", "economy", "political_messaging")
    assert window.controller.codebook.keys == order
    window.controller.undo()  # the reorder
    window.controller.undo()  # frame 4 on the quote
    assert window.controller.codebook.keys[-1] == "economy"
    assert frames_in(path) == {"threat"}


def test_speakers_dialog_edits_aliases_and_merges_duplicates(qtbot, open_window, make_project):
    path = make_project(TEXT)
    window = open_window(path)
    view = window.article_view
    for fragment, speaker in (("Tony Pham warned", "Pham"), ("Officials", "Tony Pham")):
        mouse_select(qtbot, view, *span_of(fragment))
        keys(qtbot, view, "Return", "A")
        field = window.editor.speaker.lineEdit()
        qtbot.keyClicks(field, speaker)
        keys(qtbot, field, "Return")
    dialog = window.menu.show_speakers()
    qtbot.addWidget(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["Pham", "Tony Pham"]
    dialog.table.item(1, 1).setText("interim ICE chief Tony Pham")  # typed into the cell
    dialog.table.setCurrentCell(0, 0)
    dialog.merge_selected("Tony Pham")
    repo = window.project.repo
    (pham,) = repo.speakers()
    assert pham.aliases == ("Pham", "interim ICE chief Tony Pham")
    assert {q.speaker_id for q in repo.quotes()} == {pham.id}
    assert dialog.table.item(0, 3).text() == "2"
    window.controller.undo()  # the merge
    assert sorted(s.name for s in repo.speakers()) == ["Pham", "Tony Pham"]
