"""The frame learner: spaCy ``textcat_multilabel`` bags of words that learn one coder's frames.

Two bags of words (``spacy.TextCatBOW.v3``, hashed) on ``spacy.blank("en")``: one of words,
one of words and word pairs, their probabilities averaged. Each frame gets a cut-off per
bag, chosen by an inner cross-validation on the training quotes only, on probabilities
taken given that the quote carries at least one frame (as every coded quote does). They
are small, train in seconds on a thousand quotes on one CPU core and give a probability
per frame, which is what a coder needs to see. spaCy's ensemble architecture (bag of words plus a
tok2vec with attention) was tried and is not used: it is many times slower and, without
pretrained vectors, no better on a few hundred quotes (``docs/guide/frames.md``).

The model travels as bytes (:meth:`FrameLearner.to_bytes`): the project stores them per
coder, and a corpus runner can ship them to its workers and call :func:`predict_frames`.
"""

from __future__ import annotations

import random
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, replace

import numpy as np
import spacy
import srsly
from spacy.language import Language
from spacy.training import Example
from thinc.api import Adam

from .frames_eval import fold_splits
from .frames_text import FrameText, feature_text

FORMAT = "framing-annotator/frame-learner/3"
"""The first field of the bytes: refuse anything else instead of guessing, and the model
is trained again (version 1 had one bag of words and no cut-offs; version 2's cut-offs
were chosen on probabilities not yet taken given at least one frame)."""

PREDICT_BATCH = 1024


@dataclass(frozen=True)
class LearnerSettings:
    """How the learner is built and trained. Stored with the model, so bytes reload as trained.

    The defaults were tuned on the frame-labelled texts in ``tests/data/frames`` with
    cross-validation only (the held-out files were scored once, at the end).
    """

    ngram_sizes: tuple[int, ...] = (1, 2)
    """One bag of words per size, averaged: words alone, and words with word pairs. The
    pair of them scored better in cross-validation than either alone, at every training
    size and on both codebooks."""
    length: int = 2**15
    """Hashed feature rows of each bag. A few thousand quotes have tens of thousands of
    distinct n-grams; Adam updates every row at every step, so a longer table makes
    training slower (2**18 took three times as long as 2**16) without scoring better."""
    epochs: int = 12
    incremental_epochs: int = 3
    batch_size: int = 8
    learn_rate: float = 0.01
    l2: float = 1e-6
    context: str = "marked"
    seed: int = 0
    cutoff_folds: int = 3
    """Inner cross-validation on the training quotes that chooses each frame's cut-off
    (:meth:`FrameLearner.train_steps`); below 2, every frame keeps 0.5."""
    cutoff_min_quotes: int = 8
    """A frame carried by fewer training quotes keeps the cut-off 0.5: too few to choose one."""
    average: bool = False
    """Keep the average of the weights over training (Adam's averages) instead of the last."""
    at_least_one: bool = True
    """Read each bag's probabilities as given that the quote carries at least one frame
    (:func:`given_at_least_one`), as every coded quote does. Better in cross-validation at
    every size from 25 coded quotes on both codebooks, and on both held-out files."""


class FrameModelError(ValueError):
    """Bytes that are not a frame model of this format."""


class FrameLearner:
    """A multi-label frame classifier for one codebook (its frame keys are the labels).

    Each frame has a cut-off, chosen on the training quotes alone by inner
    cross-validation: a frame that few quotes carry rarely reaches 0.5 in a bag of words,
    and a coder misses it unless its cut-off is lower. :meth:`predict` reports
    probabilities rescaled so that each frame's cut-off falls on 0.5 (see
    :func:`rescale`): "suggested at 0.5 or above" means the same for every frame, and the
    order of the quotes by probability is kept.
    """

    def __init__(self, keys: Sequence[str], settings: LearnerSettings | None = None) -> None:
        if not keys:
            raise ValueError("a frame learner needs at least one frame key")
        self.keys: tuple[str, ...] = tuple(keys)
        self.settings = settings or LearnerSettings()
        self.nlp = _build(self.keys, self.settings)
        self.cutoffs: dict[str, dict[str, float]] = {
            pipe: dict.fromkeys(self.keys, 0.5) for pipe in self.nlp.pipe_names
        }
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

        A background worker can report progress or stop between steps. Training from
        scratch first chooses the cut-offs (``cutoff_folds`` inner trainings on parts of
        ``items``, whose epochs count as steps too), then trains on all of ``items``. With
        ``incremental``, training continues from the current weights for
        ``incremental_epochs`` and keeps the cut-offs: coding grows a few quotes at a time
        and the model only needs to catch up, not to start over.
        """
        if len(items) != len(frames):
            raise ValueError("one set of frames per item")
        if not items:
            return
        incremental = incremental and self.trained
        splits = [] if incremental else self._cutoff_splits(len(items))
        epochs = self.settings.incremental_epochs if incremental else self.settings.epochs
        total = epochs * (1 + len(splits))
        done = 0
        if splits:
            for done in self._choose_cutoffs(items, frames, splits):
                yield done, total
        for epoch in self._fit(items, frames, incremental=incremental):
            yield done + epoch, total

    def _fit(
        self, items: Sequence[FrameText], frames: Sequence[frozenset[str]], *, incremental: bool
    ) -> Iterator[int]:
        """The epochs of training on ``items``; yields each epoch's number once it is done."""
        examples = self._examples(items, frames)
        if not incremental:
            self.nlp = _build(self.keys, self.settings)
            self.nlp.initialize(lambda: examples)
            self._optimizer = None
        if self._optimizer is None:
            self._optimizer = Adam(
                learn_rate=self.settings.learn_rate,
                L2=self.settings.l2,
                use_averages=self.settings.average,
            )
        epochs = self.settings.incremental_epochs if incremental else self.settings.epochs
        rng = random.Random(self.settings.seed)
        order = list(examples)
        size = self.settings.batch_size
        # The pipes' own updates, not ``nlp.update``: that copies every Doc of every batch
        # (it must, for pipelines whose components annotate), which was half the time.
        pipes = [pipe for _, pipe in self.nlp.pipeline]
        for epoch in range(epochs):
            rng.shuffle(order)
            for at in range(0, len(order), size):
                for pipe in pipes:
                    pipe.update(order[at : at + size], sgd=self._optimizer)
            if epoch + 1 == epochs and self.settings.average:
                self._take_averages()
            self.trained = True
            yield epoch + 1

    def _take_averages(self) -> None:
        assert self._optimizer is not None and self._optimizer.averages is not None
        averages = self._optimizer.averages
        for _, pipe in self.nlp.pipeline:
            for node in pipe.model.walk():
                for name in node.param_names:
                    if (node.id, name) in averages:
                        node.set_param(name, averages[(node.id, name)].copy())

    def _cutoff_splits(self, count: int) -> list[tuple[list[int], list[int]]]:
        folds = self.settings.cutoff_folds
        if folds < 2 or count < 2 * folds:
            return []
        return fold_splits(count, folds, seed=self.settings.seed)

    def _choose_cutoffs(
        self,
        items: Sequence[FrameText],
        frames: Sequence[frozenset[str]],
        splits: list[tuple[list[int], list[int]]],
    ) -> Iterator[int]:
        """Each bag's cut-off for each frame, from out-of-fold probabilities on the
        training quotes only.

        Yields the epochs done, over all inner trainings.
        """
        inner_settings = replace(self.settings, cutoff_folds=0)
        out_of_fold: dict[str, list[list[float]]] = {
            pipe: [[] for _ in items] for pipe in self.nlp.pipe_names
        }
        done = 0
        for train, test in splits:
            inner = FrameLearner(self.keys, inner_settings)
            for _ in inner._fit([items[i] for i in train], [frames[i] for i in train],
                                incremental=False):  # fmt: skip
                done += 1
                yield done
            for pipe, rows in inner._scores([items[i] for i in test]).items():
                for i, row in zip(test, rows, strict=True):
                    out_of_fold[pipe][i] = row
        self.cutoffs = {
            pipe: {
                key: best_cutoff(
                    [row[n] for row in rows],
                    [key in coded for coded in frames],
                    min_quotes=self.settings.cutoff_min_quotes,
                )
                for n, key in enumerate(self.keys)
            }
            for pipe, rows in out_of_fold.items()
        }

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
        """The probability of every frame for each item, in codebook order: each bag's,
        rescaled so that its cut-off is 0.5, averaged over the bags."""
        scores = self._scores(items)
        out: list[dict[str, float]] = [dict.fromkeys(self.keys, 0.0) for _ in items]
        share = 1.0 / len(scores)
        for pipe, rows in scores.items():
            cutoffs = [self.cutoffs[pipe][key] for key in self.keys]
            for probabilities, row in zip(out, rows, strict=True):
                for key, value, cutoff in zip(self.keys, row, cutoffs, strict=True):
                    probabilities[key] += share * rescale(value, cutoff)
        return out

    def _scores(self, items: Sequence[FrameText]) -> dict[str, list[list[float]]]:
        """Each bag's own probabilities of the frames (in codebook order) for each item."""
        if not self.trained:
            raise ValueError("the frame learner has not been trained yet")
        texts = [self._feature_text(item) for item in items]
        out: dict[str, list[list[float]]] = {pipe: [] for pipe in self.nlp.pipe_names}
        for at in range(0, len(texts), PREDICT_BATCH):
            docs = list(self.nlp.tokenizer.pipe(texts[at : at + PREDICT_BATCH]))
            for name, pipe in self.nlp.pipeline:
                column = {label: n for n, label in enumerate(pipe.labels)}
                order = [column[key] for key in self.keys]
                scores = pipe.model.ops.to_numpy(pipe.predict(docs))[:, order]
                if self.settings.at_least_one:
                    scores = given_at_least_one(scores)
                out[name].extend(scores.tolist())
        return out

    # -- bytes ----------------------------------------------------------------

    def to_bytes(self) -> bytes:
        """The trained model as bytes: settings, frame keys, cut-offs and the compressed
        weights."""
        if not self.trained:
            raise ValueError("the frame learner has not been trained yet")
        return srsly.msgpack_dumps(
            {
                "format": FORMAT,
                "keys": list(self.keys),
                "settings": asdict(self.settings),
                "cutoffs": self.cutoffs,
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
        stored = {k: v for k, v in envelope["settings"].items() if k in known}
        stored["ngram_sizes"] = tuple(stored.get("ngram_sizes", LearnerSettings.ngram_sizes))
        learner = cls(envelope["keys"], replace(LearnerSettings(), **stored))
        learner.cutoffs = {pipe: dict(c) for pipe, c in envelope["cutoffs"].items()}
        learner.nlp.from_bytes(zlib.decompress(envelope["nlp"]), exclude=["vocab"])
        learner.trained = True
        return learner


def best_cutoff(probabilities: Sequence[float], carried: Sequence[bool], *,
                min_quotes: int) -> float:  # fmt: skip
    """The cut-off with the best F1 on these (out-of-fold) probabilities.

    Candidates are the midpoints between neighbouring probabilities, between 0.05 and
    0.95; of equally good ones, the nearest to 0.5. A frame carried by fewer than
    ``min_quotes`` quotes keeps 0.5: a cut-off fitted to a handful of quotes is noise.
    """
    positives = sum(carried)
    if positives < min_quotes or positives == len(carried):
        return 0.5
    ranked = sorted(zip(probabilities, carried, strict=True), reverse=True)
    best, best_f1 = 0.5, -1.0
    tp = 0
    # Predicting the first n ranked quotes: tp of them carry the frame.
    for n, (probability, is_carried) in enumerate(ranked, start=1):
        tp += is_carried
        following = ranked[n][0] if n < len(ranked) else 0.0
        if probability == following:
            continue  # a cut-off cannot fall between equal probabilities
        cutoff = (probability + following) / 2
        if not 0.05 <= cutoff <= 0.95:
            continue
        f1 = 2 * tp / (n + positives)
        if f1 > best_f1 + 1e-12 or (abs(f1 - best_f1) <= 1e-12
                                    and abs(cutoff - 0.5) < abs(best - 0.5)):  # fmt: skip
            best, best_f1 = cutoff, f1
    return best


def given_at_least_one(probabilities: np.ndarray) -> np.ndarray:
    """Each row's frame probabilities given that the quote carries at least one frame.

    The learner only ever sees coded quotes, and a quote is coded when it has a frame; but
    a bag of words scores each frame on its own, and for a quote whose words point nowhere
    in particular every frame can fall short. Taking the frames as independent, the
    probability of frame k given one at least is p_k / (1 - prod_j (1 - p_j)): a quote
    that plainly carries one frame keeps its probabilities, and one that the bags are
    unsure of has them raised together, its likeliest frame the most. The cut-offs are
    chosen on these probabilities, so what a coder sees and what is suggested agree.
    """
    p = np.asarray(probabilities, dtype="float64")
    # 1 - prod(1 - p), computed without losing small probabilities to rounding.
    any_frame = -np.expm1(np.log1p(-np.clip(p, 0.0, 1.0 - 1e-12)).sum(axis=1, keepdims=True))
    return np.minimum(p / np.maximum(any_frame, 1e-12), 1.0)


def rescale(probability: float, cutoff: float) -> float:
    """``probability`` mapped so that ``cutoff`` becomes 0.5, 0 stays 0 and 1 stays 1
    (linear on each side): the order is kept and 0.5 means "suggested" for every frame."""
    if cutoff == 0.5:
        return float(probability)
    if probability < cutoff:
        return float(0.5 * probability / cutoff)
    return float(0.5 + 0.5 * (probability - cutoff) / (1.0 - cutoff))


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
    for size in settings.ngram_sizes:
        textcat = nlp.add_pipe(
            "textcat_multilabel",
            name=f"bow{size}",
            config={
                "model": {
                    "@architectures": "spacy.TextCatBOW.v3",
                    "exclusive_classes": False,
                    "ngram_size": size,
                    "no_output_layer": False,
                    "length": settings.length,
                }
            },
        )
        for key in keys:
            textcat.add_label(key)
    return nlp
