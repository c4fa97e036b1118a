"""Frame probabilities for a corpus run, from a coder's frame learner in a project.

The client reads the coder's current model from the project once, as bytes
(:func:`framing_annotator.services.frames.model_bytes`, never retraining it), and ships
them to the workers. Each worker rebuilds the learner from the bytes once and keeps it,
then scores every suggested quote with the sentence around it, as the window does.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import KnownError

if TYPE_CHECKING:
    from ..nlp.frames import FrameLearner

FRAME_COLUMN = "frame_{}"

_lock = threading.Lock()


@dataclass(frozen=True)
class FrameModel:
    """A coder's trained frame learner, as bytes, with what it was read from."""

    project: str
    annotator: str
    data: bytes
    keys: tuple[str, ...]

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def describe(self) -> dict[str, str]:
        """For the run's manifest: a rerun with another model is another run."""
        return {"project": self.project, "annotator": self.annotator, "model_sha256": self.sha256}


def load_frame_model(project: Path, annotator: str) -> FrameModel:
    """The current model of ``annotator`` in ``project``; one line when there is none."""
    from ..services.frames import model_bytes

    if not project.is_file():
        raise KnownError(f"{project}: no such project file (--frames-from)")
    try:
        data = model_bytes(project, annotator, train=False)
    except KnownError as exc:
        raise KnownError(
            f"{exc}; train it first: framing-annotator frames suggest {project} "
            f"--annotator {annotator}"
        ) from exc
    return FrameModel(str(project.resolve()), annotator, data, tuple(worker_learner(data).keys))


@cache
def _learner(data: bytes) -> FrameLearner:
    from ..nlp.frames import FrameLearner

    return FrameLearner.from_bytes(data)


def worker_learner(data: bytes) -> FrameLearner:
    """The learner in ``data``, rebuilt on this process's first call and then reused."""
    with _lock:
        return _learner(data)


def add_probabilities(columns: dict[str, list], texts: list[str], data: bytes) -> None:
    """Fill the ``frame_<key>`` probability columns of the quotes table's ``columns``;
    ``texts[i]`` is the text of the article of quote ``i``. One batch for the partition."""
    from ..nlp.frames_text import FrameText, context_around

    if not texts:
        return
    items = [
        FrameText(text=quote, context=context_around(text, start, end))
        for quote, start, end, text in zip(
            columns["text"], columns["start"], columns["end"], texts, strict=True
        )
    ]
    for probabilities in worker_learner(data).predict(items):
        for key, probability in probabilities.items():
            columns[FRAME_COLUMN.format(key)].append(probability)
