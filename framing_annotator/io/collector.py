"""What an annotation file names while it is read: speakers and frames, in order met."""

from __future__ import annotations

from typing import Any

from ..domain.codebook import Codebook, FrameType
from ..domain.errors import ImportRejected
from ..domain.exchange import AnnotatedArticle, AnnotationSet
from ..domain.model import Speaker, SpeakerType


class SetCollector:
    """Speakers and frame keys met while reading, in the order met."""

    def __init__(self) -> None:
        self.speakers: dict[str, SpeakerType | None] = {}
        self.frames: dict[str, FrameType] = {}
        self.aliases: dict[str, tuple[str, ...]] = {}

    def speaker(self, name: Any, kind: Any = None) -> str | None:
        if name is None or (isinstance(name, str) and not name.strip()):
            return None
        if not isinstance(name, str):
            raise ImportRejected(f"speaker {name!r} is not text")
        name = name.strip()
        kind = SpeakerType(kind) if kind else None  # ValueError is reported by the caller
        if self.speakers.get(name) is None:
            self.speakers[name] = kind
        return name

    def frame(self, key: Any, frame: FrameType | None = None) -> str:
        if not isinstance(key, str):
            raise ImportRejected(f"frame key {key!r} is not text")
        if key not in self.frames:
            self.frames[key] = frame or FrameType(key, key, order=len(self.frames))
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
