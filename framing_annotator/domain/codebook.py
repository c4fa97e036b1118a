"""The codebook: the frame types a project codes quotes with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InvalidValue

_KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_NOT_KEY = re.compile(r"[^a-z0-9]+")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def frame_name(value: str) -> str:
    """How a frame is compared by key or label: case, spaces, '_' and '-' do not count.

    ``"Public safety"``, ``"public  SAFETY"`` and ``"public_safety"`` all name one frame.
    """
    return " ".join(value.casefold().replace("_", " ").replace("-", " ").split())


def key_from_label(label: str) -> str:
    """A frame key made from a label: ``"Public safety"`` -> ``"public_safety"``.

    A label with no letter or digit that a key may hold (all Arabic, say) gets a key
    made from its characters' code points, so that it is still stable and unique.
    """
    key = _NOT_KEY.sub("_", label.casefold()).strip("_")
    if not key:
        key = "frame_" + "_".join(f"{ord(c):x}" for c in label.strip()[:8])
    return key[:60].strip("_")


def is_frame_key(value: str) -> bool:
    return bool(_KEY.match(value))


@dataclass(frozen=True)
class FrameType:
    """One frame. ``key`` never changes, so renaming the label keeps every annotation."""

    key: str
    label: str
    description: str = ""
    colour: str = "#999999"
    shortcut: str = ""
    order: int = 0

    def __post_init__(self) -> None:
        if not _KEY.match(self.key):
            raise InvalidValue(
                f"frame key {self.key!r} must be lower-case letters, digits, '-' or '_'"
            )
        if not self.label.strip():
            raise InvalidValue(f"frame {self.key!r} needs a label")
        if not _COLOUR.match(self.colour):
            raise InvalidValue(f"frame {self.key!r}: colour {self.colour!r} is not #rrggbb")


@dataclass(frozen=True)
class Codebook:
    name: str
    frames: tuple[FrameType, ...]

    def __post_init__(self) -> None:
        keys = [frame.key for frame in self.frames]
        if len(set(keys)) != len(keys):
            raise InvalidValue(f"codebook {self.name!r} has a frame key twice")
        object.__setattr__(self, "frames", tuple(sorted(self.frames, key=lambda f: f.order)))

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(frame.key for frame in self.frames)

    def frame(self, key: str) -> FrameType:
        for frame in self.frames:
            if frame.key == key:
                return frame
        raise InvalidValue(f"codebook {self.name!r} has no frame {key!r}")


def codebook_from_dict(data: dict) -> Codebook:
    """Build a codebook from its JSON form (see ``resources/codebooks``)."""
    try:
        frames = tuple(
            FrameType(
                key=entry["key"],
                label=entry["label"],
                description=entry.get("description", ""),
                colour=entry.get("colour", "#999999"),
                shortcut=entry.get("shortcut", str(order + 1) if order < 9 else ""),
                order=entry.get("order", order),
            )
            for order, entry in enumerate(data["frames"])
        )
        return Codebook(name=data["name"], frames=frames)
    except (KeyError, TypeError) as exc:
        raise InvalidValue(f"codebook is missing a field: {exc}") from exc
