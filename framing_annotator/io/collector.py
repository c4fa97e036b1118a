"""What an annotation file names while it is read: speakers and frames, in order met."""

from __future__ import annotations

from typing import Any

from ..domain.codebook import Codebook, FrameType, frame_name, is_frame_key, key_from_label
from ..domain.errors import ImportRejected
from ..domain.exchange import AnnotatedArticle, AnnotationSet
from ..domain.limits import NAME_MAX, bad_character
from ..domain.model import Speaker, SpeakerType


def _name(value: Any, what: str) -> str | None:
    """A speaker or frame name as stored: text, no NUL or lone surrogate, not too long."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ImportRejected(f"{what} {value!r:.40} is not text")
    problem = bad_character(value)
    if problem:
        raise ImportRejected(f"{what}: holds {problem}")
    value = value.strip()
    if len(value) > NAME_MAX:
        raise ImportRejected(
            f"{what}: expected at most {NAME_MAX} characters, found {len(value):,}"
        )
    return value


class SetCollector:
    """Speakers and frames met while reading, in the order met.

    Frames may be named by key (``public_safety``) or by label (``"Public safety"``, as
    doccano, Prodigy and our CSV codebook do), in any case and spacing: both come to one
    frame, and a frame named only by a label gets a key made from it.
    """

    def __init__(self) -> None:
        self.speakers: dict[str, SpeakerType | None] = {}
        self.frames: dict[str, FrameType] = {}
        self.aliases: dict[str, tuple[str, ...]] = {}
        self._frame_names: dict[str, str] = {}  # frame_name(key or label) -> key

    def speaker(self, name: Any, kind: Any = None) -> str | None:
        name = _name(name, "speaker")
        if name is None:
            return None
        kind = SpeakerType(kind) if kind else None  # ValueError is reported by the caller
        if self.speakers.get(name) is None:
            self.speakers[name] = kind
        return name

    def frame(self, name: Any, frame: FrameType | None = None) -> str:
        """The key of the frame ``name`` (a key or a label) names; new ones are added."""
        name = _name(name, "frame")
        if name is None:
            raise ImportRejected("a frame name is empty")
        for candidate in (name, frame.label if frame else None):
            known = self._frame_names.get(frame_name(candidate)) if candidate else None
            if known is not None:
                return known
        if frame is None:
            key = name if is_frame_key(name) else key_from_label(name)
            frame = FrameType(key, name, order=len(self.frames))
        key = frame.key
        while key in self.frames:  # two labels that slug alike: "A/B" and "A B"
            key = f"{key}_{len(self.frames)}"
        if key != frame.key:
            frame = FrameType(key, frame.label, frame.description, frame.colour,
                              order=frame.order)  # fmt: skip
        self.frames[key] = frame
        for alias in (name, key, frame.label):
            self._frame_names.setdefault(frame_name(alias), key)
        return key

    def annotation_set(self, documents: list[AnnotatedArticle], name: str) -> AnnotationSet:
        return AnnotationSet(
            codebook=Codebook("imported", tuple(self.frames.values())),
            speakers=tuple(
                Speaker(n, self.aliases.get(n, ()), type=t) for n, t in self.speakers.items()
            ),
            documents=tuple(documents),
            name=name,
        )
