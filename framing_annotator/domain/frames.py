"""Frame suggestions: what the learner proposed for a quote, and the model it came from."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from .codebook import Codebook

DEFAULT_THRESHOLD = 0.5
"""A frame is suggested when its probability is at least this."""


def codebook_version(codebook: Codebook) -> str:
    """A short digest of the codebook's frame keys, which are the learner's labels.

    Adding, removing or re-keying a frame changes it (the model is then stale); a new label,
    colour, shortcut or order does not, since the coding it learned from still means the same.
    """
    keys = "\n".join(sorted(codebook.keys))
    return hashlib.sha256(keys.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class FrameProbability:
    key: str
    probability: float


@dataclass(frozen=True)
class FrameSuggestion:
    """Every codebook frame for one quote, most probable first; ``suggested`` are those at
    or above the threshold."""

    quote_uuid: str
    frames: tuple[FrameProbability, ...]
    threshold: float = DEFAULT_THRESHOLD

    @classmethod
    def from_probabilities(
        cls, quote_uuid: str, probabilities: Mapping[str, float], threshold: float
    ) -> FrameSuggestion:
        ranked = sorted(probabilities.items(), key=lambda kv: (-kv[1], kv[0]))
        return cls(quote_uuid, tuple(FrameProbability(k, p) for k, p in ranked), threshold)

    @property
    def suggested(self) -> frozenset[str]:
        return frozenset(f.key for f in self.frames if f.probability >= self.threshold)

    @property
    def uncertainty(self) -> float:
        """How unsure the learner is, 0 to 1: 1 when some frame sits right at the threshold.

        "Uncertain first" orders quotes by this, so the coder teaches the learner where it
        would learn most (uncertainty sampling, as Prodigy's ``textcat.teach`` does).
        """
        if not self.frames:
            return 0.0
        gap = min(abs(f.probability - self.threshold) for f in self.frames)
        return 1.0 - min(1.0, gap / max(self.threshold, 1.0 - self.threshold))

    def probability(self, key: str) -> float:
        for frame in self.frames:
            if frame.key == key:
                return frame.probability
        return 0.0


@dataclass(frozen=True)
class StoredFrameModel:
    """One coder's trained frame model as the project keeps it."""

    annotator: str
    codebook_version: str
    model: bytes
    trained_on: int
    """Coded quotes in the last training (full or incremental)."""
    training_digest: str
    """A digest of those quotes and their frames: equal means nothing to learn."""
    full_trained_on: int
    """Coded quotes at the last training from scratch."""
    trained_at: str = ""


@dataclass(frozen=True)
class ShownFrameSuggestion:
    """The frame suggestions a quote showed its coder, and whether the coder took them."""

    quote_uuid: str
    frames: tuple[FrameProbability, ...]
    suggested: frozenset[str]
    codebook_version: str
    shown_at: str = ""
    accepted_at: str | None = None
