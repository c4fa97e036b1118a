"""The user guide (docs/guide) keeps up with the program: commands, shortcuts, images, links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QKeySequence

from framing_annotator.cli import COMMANDS, build_parser
from framing_annotator.ui.window_actions import ACTIONS

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide"
PAGES = sorted(GUIDE.glob("*.md"))
TEXT = "\n".join(page.read_text(encoding="utf-8") for page in PAGES)
SHORTCUTS = (GUIDE / "shortcuts.md").read_text(encoding="utf-8")
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _subcommands():
    parser = build_parser()
    return next(action for action in parser._actions if action.choices).choices


def test_guide_has_an_index_that_links_every_page():
    index = (GUIDE / "index.md").read_text(encoding="utf-8")
    for page in PAGES:
        if page.name != "index.md":
            assert f"]({page.name})" in index, page.name


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_option_is_in_the_guide(name):
    assert f"framing-annotator {name}" in TEXT, name
    for action in _subcommands()[name]._actions:
        if action.help == "==SUPPRESS==":
            continue
        for option in action.option_strings:
            if option not in ("-h", "--help"):
                assert f"{option}" in TEXT, f"{name} {option}"
        for choice in action.choices or ():
            assert re.search(rf"\b{re.escape(choice)}\b", TEXT), f"{name}: choice {choice}"


def test_global_options_are_in_the_guide():
    assert "framing-annotator --version" in TEXT
    assert "--help" in TEXT


def _key_texts(shortcut) -> list[str]:
    """The ways a shortcut may be written: as in ACTIONS, or as Qt prints it."""
    if isinstance(shortcut, str):
        return [shortcut, QKeySequence(shortcut).toString()]
    return [binding.toString() for binding in QKeySequence.keyBindings(shortcut)]


def _menu_text(text: str) -> str:
    return text.replace("&", "")


@pytest.mark.parametrize("entry", ACTIONS, ids=[entry[1] for entry in ACTIONS])
def test_every_action_and_its_keys_are_on_the_shortcut_page(qapp, entry):
    menu, _name, text, shortcuts, _text_key, _tip = entry
    assert f"## {menu}" in SHORTCUTS, menu
    assert f"| {_menu_text(text)} |" in SHORTCUTS, text
    row = next(line for line in SHORTCUTS.splitlines() if f"| {_menu_text(text)} |" in line)
    for shortcut in shortcuts:
        written = _key_texts(shortcut)
        if written:  # a standard key with no binding on this platform has nothing to show
            assert any(f"`{key}`" in row for key in written), f"{text}: {written}"


def test_frame_digits_are_on_the_shortcut_page():
    assert "`1` … `9`" in SHORTCUTS


def test_every_image_and_local_link_of_the_guide_exists():
    for page in PAGES:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://", "#")):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.exists(), f"{page.name}: {target}"


def test_the_guide_shows_the_three_screenshots():
    for image in ("main-window.png", "review-coefficients.png", "review-disagreements.png"):
        assert f"../images/{image})" in TEXT, image
        assert (ROOT / "docs" / "images" / image).is_file()
