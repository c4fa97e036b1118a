"""The frame learner: a spaCy ``textcat_multilabel`` that learns one coder's frames.

A bag of words (``spacy.TextCatBOW.v3``: unigrams and bigrams, hashed) on
``spacy.blank("en")``. It is small, trains in a few seconds on a thousand quotes on one
CPU core and gives a probability per frame, which is what a coder needs to see. The
ensemble architecture (bag of words plus a tok2vec with attention) was tried and is not
used: it is many times slower and, without pretrained vectors, no better on a few hundred
quotes (``bench/bench_frames.py`` and ``docs/guide/frames.md``).

The model travels as bytes (:meth:`FrameLearner.to_bytes`): the project stores them per
coder, and a corpus runner can ship them to its workers and call :func:`predict_frames`.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace

import spacy
import srsly
from spacy.language import Language
from spacy.training import Example
from thinc.api import Adam

from .frames_text import FrameText, feature_text

FORMAT = "framing-annotator/frame-learner/1"
"""The first field of the bytes: refuse anything else instead of guessing."""

PREDICT_BATCH = 1024


@dataclass(frozen=True)
class LearnerSettings:
    """How the learner is built and trained. Stored with the model, so bytes reload as trained.

    The defaults were tuned on the frame-labelled texts in ``tests/data/frames`` with
    cross-validation only (the held-out files were scored once, at the end).
    """

    ngram_size: int = 2
    length: int = 2**18
    epochs: int = 12
    incremental_epochs: int = 3
    batch_size: int = 8
    learn_rate: float = 0.01
    l2: float = 1e-6
    context: str = "marked"
    seed: int = 0


class FrameModelError(ValueError):
    """Bytes that are not a frame model of this format."""


class FrameLearner:
    """A multi-label frame classifier for one codebook (its frame keys are the labels)."""

    def __init__(self, keys: Sequence[str], settings: LearnerSettings | None = None) -> None:
        if not keys:
            raise ValueError("a frame learner needs at least one frame key")
        self.keys: tuple[str, ...] = tuple(keys)
        self.settings = settings or LearnerSettings()
        self.nlp = _build(self.keys, self.settings)
        self.trained = False
        self._optimizer: Adam | None = None

    # -- training -------------------------------------------------------------

    def train(self, items: Sequence[FrameText], frames: Sequence[frozenset[str]]) -> None:
        """Train from scratch on ``items`` coded with ``frames`` (one set of keys each)."""
        for _ in self.train_steps(items, frames):
            pass

    def train_steps(
        self,
        items: Sequence[FrameText],
        frames: Sequence[frozenset[str]],
        *,
        incremental: bool = False,
    ) -> Iterator[tuple[int, int]]:
        """Train one epoch per step, yielding ``(epochs done, epochs in all)``.

        A background worker can report progress or stop between steps. With
        ``incremental``, training continues from the current weights for
        ``incremental_epochs``: coding grows a few quotes at a time and the model only
        needs to catch up, not to start over.
        """
        if len(items) != len(frames):
            raise ValueError("one set of frames per item")
        examples = self._examples(items, frames)
        if not examples:
            return
        if not incremental or not self.trained:
            self.nlp = _build(self.keys, self.settings)
            self.nlp.initialize(lambda: examples)
            self._optimizer = None
        if self._optimizer is None:
            self._optimizer = Adam(
                learn_rate=self.settings.learn_rate,
                L2=self.settings.l2,
                use_averages=False,
            )
        epochs = self.settings.incremental_epochs if incremental else self.settings.epochs
        rng = random.Random(self.settings.seed)
        order = list(examples)
        size = self.settings.batch_size
        for epoch in range(epochs):
            rng.shuffle(order)
            for at in range(0, len(order), size):
                self.nlp.update(
                    order[at : at + size], sgd=self._optimizer
                )
            self.trained = True
            yield epoch + 1, epochs

    def _examples(
        self, items: Sequence[FrameText], frames: Sequence[frozenset[str]]
    ) -> list[Example]:
        texts = [self._feature_text(item) for item in items]
        return [
            Example.from_dict(doc, {"cats": {key: float(key in coded) for key in self.keys}})
            for doc, coded in zip(self.nlp.tokenizer.pipe(texts), frames, strict=True)
        ]

    def _feature_text(self, item: FrameText) -> str:
        return feature_text(item, context=self.settings.context)

    # -- predicting -----------------------------------------------------------

    def predict(self, items: Sequence[FrameText]) -> list[dict[str, float]]:
        """The probability of every frame for each item, in codebook order."""
        if not self.trained:
            raise ValueError("the frame learner has not been trained yet")
        textcat = self.nlp.get_pipe("textcat_multilabel")
        texts = [self._feature_text(item) for item in items]
        out: list[dict[str, float]] = []
        for at in range(0, len(texts), PREDICT_BATCH):
            docs = list(self.nlp.tokenizer.pipe(texts[at : at + PREDICT_BATCH]))
            scores = textcat.model.ops.to_numpy(textcat.predict(docs))
            labels = textcat.labels
            for row in scores.tolist():
                by_label = dict(zip(labels, row, strict=True))
                out.append({key: float(by_label[key]) for key in self.keys})
        return out

    # -- bytes ----------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The trained model as bytes: settings, frame keys and the compressed weights."""
        if not self.trained:
            raise ValueError("the frame learner has not been trained yet")
        return srsly.msgpack_dumps(
            {
                "format": FORMAT,
                "keys": list(self.keys),
                "settings": asdict(self.settings),
                "spacy": spacy.__version__,
                # Most hashed feature rows are never touched and stay zero: they compress
                # to almost nothing, so a model is tens of kilobytes, not megabytes.
                "nlp": zlib.compress(self.nlp.to_bytes(exclude=["vocab"]), 6),
            }
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> FrameLearner:
        try:
            envelope = srsly.msgpack_loads(data)
        except Exception as exc:  # noqa: BLE001 - any decoding failure means "not ours"
            raise FrameModelError("not a frame model (the bytes do not decode)") from exc
        if not isinstance(envelope, Mapping) or envelope.get("format") != FORMAT:
            raise FrameModelError("not a frame model of this version of the app")
        known = LearnerSettings.__dataclass_fields__
        settings = replace(
            LearnerSettings(),
            **{k: v for k, v in envelope["settings"].items() if k in known},
        )
        learner = cls(envelope["keys"], settings)
        learner.nlp.from_bytes(zlib.decompress(envelope["nlp"]), exclude=["vocab"])
        learner.trained = True
        return learner


def predict_frames(
    model: bytes, items: Sequence[FrameText | tuple[str, str]]
) -> list[dict[str, float]]:
    """Per-frame probabilities for ``items`` from a model's bytes.

    The entry point for a process that has only the bytes (a corpus runner's worker):
    ``items`` are :class:`FrameText` or plain ``(quote text, context)`` pairs.
    """
    learner = FrameLearner.from_bytes(model)
    texts = [
        item if isinstance(item, FrameText) else FrameText(text=item[0], context=item[1])
        for item in items
    ]
    return learner.predict(texts)


def _build(keys: Sequence[str], settings: LearnerSettings) -> Language:
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat_multilabel",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": False,
                "ngram_size": settings.ngram_size,
                "no_output_layer": False,
                "length": settings.length,
            }
        },
    )
    for key in keys:
        textcat.add_label(key)
    return nlp
