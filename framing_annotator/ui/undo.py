"""Service commands on Qt's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ..domain.errors import KnownError
from ..services.annotation import apply
from ..services.commands import Changes, Command
from ..store.repository import Repository


class ServiceCommand(QUndoCommand):
    """Runs a Qt-free :class:`Command` as one transaction on undo and redo.

    The window runs the first ``do`` itself before pushing (so that an error can
    refuse the step), hence the first ``redo`` call, made by ``QUndoStack.push``,
    does nothing. Errors while undoing or redoing go to ``on_error``: an exception
    cannot travel out of a Qt virtual call.
    """

    def __init__(
        self,
        repo: Repository,
        command: Command,
        on_changes: Callable[[Changes], None],
        on_error: Callable[[KnownError], None],
    ) -> None:
        super().__init__(command.text)
        self.repo = repo
        self.command = command
        self.on_changes = on_changes
        self.on_error = on_error
        self._already_done = True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            return
        self._run(self.command.do)

    def undo(self) -> None:
        self._run(self.command.undo)

    def _run(self, step) -> None:
        try:
            changes = apply(self.repo, step)
        except KnownError as exc:
            self.on_error(exc)
            return
        self.on_changes(changes)
