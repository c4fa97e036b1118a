"""One helper makes every action, and remembers it for the menus and the Help dialog.

Because the Help dialog lists what the registry holds, its shortcut table can
never drift from what the keys really do. Slots are called without arguments:
``QAction.triggered`` sends a ``checked`` flag that must never land in a slot's
optional parameter (only checkable actions get it, as their new state).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionInfo:
    """What the Help dialog shows for one action."""

    menu: str
    text: str
    shortcuts: tuple[str, ...]
    tip: str


class ActionRegistry:
    """Creates QActions on ``owner`` and keeps them in the order they were made."""

    def __init__(self, owner: QWidget) -> None:
        self.owner = owner
        self.actions: dict[str, QAction] = {}
        self.menus: dict[str, list[str]] = {}
        self._info: dict[str, ActionInfo] = {}

    def add(
        self,
        name: str,
        text: str,
        slot: Callable[[], object],
        *,
        menu: str,
        shortcuts: tuple[str | QKeySequence.StandardKey, ...] = (),
        tip: str = "",
        icon: QIcon | None = None,
        checkable: bool = False,
        scope: list[QWidget] | None = None,
    ) -> QAction:
        """Make an action; ``shortcuts`` are key names ("Ctrl+Z") or standard keys.

        With ``scope``, the shortcut works only while one of those widgets (or a child)
        has the focus. Single keys (J, 1, Enter, Delete) are scoped to the text and the
        lists, so that typing a speaker's name or a note never triggers them.
        """
        action = QAction(text, self.owner)
        action.setObjectName(name)
        sequences: list[QKeySequence] = []
        for shortcut in shortcuts:  # a standard key may be one of the named keys: once only
            sequence = QKeySequence(shortcut)  # a standard key: the desktop's main binding
            if not sequence.isEmpty() and sequence not in sequences:
                sequences.append(sequence)
        if sequences:
            action.setShortcuts(sequences)
        if scope:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            for widget in scope:
                widget.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            action.setToolTip(f"{text} ({sequences[0].toString()})" if sequences else text)
            action.setStatusTip(tip)
        if icon is not None:
            action.setIcon(icon)
        action.setCheckable(checkable)
        if checkable:
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        if not scope:
            self.owner.addAction(action)
        self.actions[name] = action
        self.menus.setdefault(menu, []).append(name)
        self._info[name] = ActionInfo(
            menu=menu,
            text=text.replace("&", ""),
            shortcuts=tuple(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences),
            tip=tip,
        )
        return action

    def __getitem__(self, name: str) -> QAction:
        return self.actions[name]

    def help_rows(self) -> list[ActionInfo]:
        """Every action with a shortcut, in menu order: the source of the Help dialog."""
        return [
            self._info[name]
            for names in self.menus.values()
            for name in names
            if self._info[name].shortcuts
        ]
