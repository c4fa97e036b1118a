"""Editing the codebook: add a frame, change its label, colour, shortcut or description,
reorder. A frame's key never changes, so renaming keeps every annotation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..domain.codebook import Codebook, FrameType
from ..domain.errors import InvalidValue
from ..store.repository import Repository
from .commands import Changes


def new_key(label: str, taken: set[str]) -> str:
    """A stable key from a new frame's first label: ``Public opinion`` -> ``public_opinion``."""
    base = re.sub(r"[^a-z0-9]+", "_", label.casefold()).strip("_") or "frame"
    if not base[0].isalnum():
        base = f"f_{base}"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}_{number}", number + 1
    return key


def check_codebook(codebook: Codebook) -> None:
    """Shortcuts must be single keys 1-9 and used once."""
    seen: dict[str, str] = {}
    for frame in codebook.frames:
        if not frame.shortcut:
            continue
        if frame.shortcut not in "123456789" or len(frame.shortcut) != 1:
            raise InvalidValue(f"frame {frame.label!r}: a shortcut is one digit from 1 to 9")
        if frame.shortcut in seen:
            raise InvalidValue(f"shortcut {frame.shortcut} is taken by {seen[frame.shortcut]!r}")
        seen[frame.shortcut] = frame.label


@dataclass
class SaveFrames:
    """Store new or changed frame types (label, colour, shortcut, description, order)."""

    frames: tuple[FrameType, ...]
    text: str = "Edit codebook"
    _before: tuple[FrameType, ...] = field(default=(), repr=False)
    _added: tuple[str, ...] = field(default=(), repr=False)

    def do(self, repo: Repository) -> Changes:
        codebook = repo.codebook()
        known = {frame.key: frame for frame in codebook.frames}
        merged = {**known, **{frame.key: frame for frame in self.frames}}
        check_codebook(Codebook(codebook.name, tuple(merged.values())))
        self._before = tuple(known[f.key] for f in self.frames if f.key in known)
        self._added = tuple(f.key for f in self.frames if f.key not in known)
        for frame in self.frames:
            repo.save_frame_type(frame)
        return Changes(codebook=True)

    def undo(self, repo: Repository) -> Changes:
        for frame in self._before:
            repo.save_frame_type(frame)
        for key in self._added:
            repo.delete_frame_type_if_unused(key)
        return Changes(codebook=True)


def moved(codebook: Codebook, key: str, step: int) -> tuple[FrameType, ...]:
    """The frames whose order changes when ``key`` moves ``step`` places (-1 up, 1 down)."""
    frames = list(codebook.frames)
    index = next(n for n, frame in enumerate(frames) if frame.key == key)
    other = index + step
    if not 0 <= other < len(frames):
        return ()
    first, second = frames[index], frames[other]
    return (replace(first, order=second.order), replace(second, order=first.order))


@dataclass
class DeleteFrame:
    """Remove a frame type from the codebook, refused while any quote carries it.

    Refusing keeps every coder's work: the frame must first be taken off its quotes
    (or simply renamed, which keeps them).
    """

    frame: FrameType
    text: str = "Delete frame"

    def do(self, repo: Repository) -> Changes:
        if not repo.delete_frame_type_if_unused(self.frame.key):
            raise InvalidValue(
                f"frame {self.frame.label!r} is still on some quotes: take it off them first, "
                "or rename the frame instead"
            )
        return Changes(codebook=True)

    def undo(self, repo: Repository) -> Changes:
        repo.save_frame_type(self.frame)
        return Changes(codebook=True)
