"""The window's actions as one table: menu, name, text, keys, whether the keys are text keys.

Text keys (single letters, digits, Enter, Delete, Alt+arrows) act only while the
text or a list has the focus, never while the user types in a field. What each
action does is a callable the window hands over by action name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QWidget

from .actions import ActionRegistry

KEY = QKeySequence.StandardKey

# (menu, name, text, shortcuts, text key?, tip)
ACTIONS = [
    ("File", "new_project", "&New project from a folder…",
     (KEY.New,), False, "Make a project of every article file in a folder"),
    ("File", "open_project", "&Open project…", (KEY.Open,), False,
     "Open another project file"),
    ("File", "import", "&Import articles…", ("Ctrl+I",), False,
     "Import .txt, .md, .html, .csv or .jsonl files into this project"),
    ("File", "export", "&Export annotations…", ("Ctrl+E",), False,
     "CSV, JSONL, spaCy DocBin or REFI-QDA for R, pandas, spaCy and QDA packages"),
    ("File", "merge", "&Merge annotators' projects…", (), False,
     "Bring quotes from other annotators' project files into this project"),
    ("File", "restore_backup", "&Restore from backup…", (), False,
     "Replace this project with one of its automatic backups"),
    ("File", "settings", "Se&ttings…", ("Ctrl+,",), False,
     "Annotator name, suggestion pipeline and threshold, text size"),
    ("File", "switch_annotator", "Switch &annotator…", (), False,
     "Annotate as someone else"),
    ("File", "quit", "&Quit", ("Ctrl+Q",), False,
     "Close the window; everything is already saved"),
    ("Edit", "undo", "&Undo", (KEY.Undo,), False, "Undo the last change"),
    ("Edit", "redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), False,
     "Redo the change undone last"),
    ("Edit", "find", "&Search articles and quotes", ("Ctrl+F",), False,
     "Full-text search over articles and quotes"),
    ("Edit", "focus_text", "Back to the text", ("Escape",), False,
     "Return the focus to the article text"),
    ("Article", "done_next", "Mark &done and open next",
     ("Ctrl+Return", "Ctrl+Enter"), False,
     "Mark this article done for you and open the next one not done"),
    ("Article", "zoom_in", "Zoom &in", ("Ctrl+=", "Ctrl++"), False, "Larger text"),
    ("Article", "zoom_out", "Zoom &out", ("Ctrl+-",), False, "Smaller text"),
    ("Article", "suggest_article", "Suggest quotes for this article", (),
     False, "Run the quote suggester on this article again"),
    ("Article", "suggest_all", "Suggest quotes for all articles…", (), False,
     "Run the quote suggester on every article not yet read"),
    ("Quote", "create", "&Create quote from selection", ("Return", "Enter"),
     True, "Make the selected text a quote (snapped to whole words)"),
    ("Quote", "next", "&Next quote or suggestion", ("J",), True,
     "Go to the next quote or suggestion"),
    ("Quote", "previous", "&Previous quote or suggestion", ("K",), True,
     "Go to the previous quote or suggestion"),
    ("Quote", "accept", "&Accept suggestion", ("Y",), True,
     "Make the current suggestion your quote, speaker included"),
    ("Quote", "reject", "&Reject suggestion", ("N",), True,
     "Hide the current suggestion for you"),
    ("Quote", "speaker", "Edit &speaker", ("A",), True,
     "Type the speaker's name; Enter confirms"),
    ("Quote", "accept_frames", "Accept suggested &frames", ("G",), True,
     "Give the current quote the frames suggested from your own coding"),
    ("Quote", "frame_picker", "Pick a &frame…", ("F",), True,
     "Type-ahead list of every frame"),
    ("Quote", "end_right", "Move end one word right", ("Alt+Right",), True,
     "Move the end of the current quote by a word"),
    ("Quote", "end_left", "Move end one word left", ("Alt+Left",), True,
     "Move the end of the current quote by a word"),
    ("Quote", "start_left", "Move start one word left",
     ("Alt+Shift+Left",), True, "Move the start of the current quote by a word"),
    ("Quote", "start_right", "Move start one word right",
     ("Alt+Shift+Right",), True, "Move the start of the current quote by a word"),
    ("Quote", "delete", "&Delete quote", ("Delete",), True,
     "Delete the current quote"),
    ("Review", "speakers", "S&peakers…", (), False,
     "Rename speakers, add aliases and types, merge duplicates"),
    ("Review", "edit_codebook", "Edit &codebook…", (), False,
     "Add, rename, recolour, reorder frames; set their keys and descriptions"),
    ("Review", "review", "&Agreement and adjudication…", ("Ctrl+Shift+A",),
     False, "Agreement between coders, their disagreements, and the gold layer"),
    ("Help", "help", "&Shortcuts and annotation guide", ("F1",), False,
     "Every shortcut, and the rules for marking quotes"),
]  # fmt: skip

# (name, text, checkable?, tip): after the frame keys in the Frames menu
FRAME_SUGGESTION_ACTIONS = [
    ("suggest_frames", "Suggest frames from my coding", True,
     "Learn from your own coded quotes and show suggested frames with probabilities"),
    ("uncertain_first", "Quotes the learner is least sure of first", True,
     "J and K visit the quotes whose frames the learner is least sure of first"),
    ("evaluate_frames", "How good are my frame suggestions…", False,
     "Cross-validated precision, recall and F1 of the frames learned from your coding"),
]  # fmt: skip

MENUS = ("File", "Edit", "Article", "Quote", "Frames", "Review", "View", "Help")
READS_ONLY = ("new_project", "open_project", "export", "settings", "switch_annotator", "quit",
              "find", "focus_text", "zoom_in", "zoom_out", "next", "previous", "review",
              "help")  # fmt: skip
"""The actions left on when a project is read-only (a read-only medium): they change nothing."""
TOOLBAR = ("import", "|", "undo", "redo", "|", "accept", "reject", "delete", "|", "done_next",
           "|", "suggest_all", "help")  # fmt: skip


def install_actions(
    window: QMainWindow,
    handlers: Mapping[str, Callable[[], object]],
    *,
    text_keys: list[QWidget],
    submenus: Mapping[str, QMenu] = {},  # noqa: B006 (read only)
) -> ActionRegistry:
    """Create every action of ``window``, its menus, its toolbar and its View menu of panels.

    ``text_keys``: the widgets where single-key shortcuts act; ``submenus``: a menu to put
    after the action of that name (the recent projects after Open).
    """
    registry = ActionRegistry(window)
    for menu, name, text, shortcuts, is_text_key, tip in ACTIONS:
        registry.add(
            name,
            text,
            handlers[name],
            menu=menu,
            shortcuts=shortcuts,
            tip=tip,
            scope=text_keys if is_text_key else None,
        )
    for number in range(1, 10):
        registry.add(
            f"frame_{number}",
            f"Toggle frame {number}",
            handlers[f"frame_{number}"],
            menu="Frames",
            shortcuts=(str(number),),
            scope=text_keys,
            tip=f"Toggle frame {number} of the codebook on the current quote",
        )
    registry.add(
        "results",
        "&Results…",
        handlers["results"],
        menu="Review",
        shortcuts=("Ctrl+Shift+R",),
        tip="Crosstabs of frames, speakers, outlets and months, with charts",
    )
    registry.add(
        "show_rejected",
        "Show rejected suggestions",
        handlers["show_rejected"],
        menu="Review",
        checkable=True,
        tip="Draw the suggestions you rejected too",
    )
    for name, text, checkable, tip in FRAME_SUGGESTION_ACTIONS:
        registry.add(name, text, handlers[name], menu="Frames", checkable=checkable, tip=tip)
    for title in MENUS:
        menu = window.menuBar().addMenu(f"&{title}")
        if title == "View":  # a check item per panel, to close or bring back each one
            for dock in window.findChildren(QDockWidget):
                menu.addAction(dock.toggleViewAction())
        for name in registry.menus.get(title, []):
            menu.addAction(registry[name])
            if name in submenus:
                menu.addMenu(submenus[name])
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for name in TOOLBAR:
        if name == "|":
            toolbar.addSeparator()
        else:
            toolbar.addAction(registry[name])
    return registry

