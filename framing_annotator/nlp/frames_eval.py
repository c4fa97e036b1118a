"""How good are frame suggestions: cross-validated precision, recall and F1, and a learning curve.

Pure Python and independent of the learner: :func:`cross_validate` takes a ``fit``
function, so the benchmark scores a scikit-learn peer on exactly the same splits.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .frames_text import FrameText

Predict = Callable[[Sequence[FrameText]], list[dict[str, float]]]
Fit = Callable[[Sequence[FrameText], Sequence[frozenset[str]]], Predict]
"""Train on (items, frames) and return a function giving per-frame probabilities."""

CURVE_SIZES: tuple[int, ...] = (25, 50, 100, 200, 400)
"""Training sizes of the learning curve; "all" is always added."""


@dataclass(frozen=True)
class FrameScore:
    key: str
    precision: float
    recall: float
    f1: float
    support: int
    """How many of the scored quotes carry the frame."""


@dataclass(frozen=True)
class Scores:
    """Scores of one training size, pooled over the folds."""

    train_size: int
    scored: int
    frames: tuple[FrameScore, ...]

    @property
    def macro_precision(self) -> float:
        return _mean([f.precision for f in self.frames])

    @property
    def macro_recall(self) -> float:
        return _mean([f.recall for f in self.frames])

    @property
    def macro_f1(self) -> float:
        return _mean([f.f1 for f in self.frames])


@dataclass(frozen=True)
class LearningCurve:
    folds: int
    coded: int
    threshold: float
    points: tuple[Scores, ...]

    @property
    def final(self) -> Scores:
        """The scores with all coded quotes (the last point)."""
        return self.points[-1]


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def score(
    keys: Sequence[str],
    truth: Sequence[frozenset[str]],
    probabilities: Sequence[dict[str, float]],
    *,
    threshold: float = 0.5,
    train_size: int = 0,
) -> Scores:
    """Per-frame precision, recall and F1 of suggesting each frame at ``threshold``.

    A frame nobody carries and nothing predicts scores 0, as in scikit-learn with
    ``zero_division=0``: a frame the learner cannot find is not a success.
    """
    frames = []
    for key in keys:
        tp = fp = fn = 0
        for coded, probs in zip(truth, probabilities, strict=True):
            predicted = probs.get(key, 0.0) >= threshold
            actual = key in coded
            tp += predicted and actual
            fp += predicted and not actual
            fn += actual and not predicted
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        frames.append(FrameScore(key, precision, recall, f1, tp + fn))
    return Scores(train_size=train_size, scored=len(truth), frames=tuple(frames))


def fold_splits(count: int, folds: int, *, seed: int = 0) -> list[tuple[list[int], list[int]]]:
    """``folds`` (train, test) index lists; every index is tested exactly once.

    Train indices come in a shuffled order, so the first ``n`` of them are a random
    sample of ``n``: that is how the learning curve takes its smaller sizes.
    """
    if folds < 2:
        raise ValueError("cross-validation needs at least 2 folds")
    if count < folds:
        raise ValueError(f"{count} coded quotes cannot be split into {folds} folds")
    order = list(range(count))
    random.Random(seed).shuffle(order)
    tests = [order[fold::folds] for fold in range(folds)]
    splits = []
    for fold, test in enumerate(tests):
        train = [i for other, part in enumerate(tests) if other != fold for i in part]
        random.Random(seed + fold + 1).shuffle(train)
        splits.append((train, sorted(test)))
    return splits


def curve_sizes(train_count: int, sizes: Sequence[int] = CURVE_SIZES) -> list[int]:
    """The sizes below the smallest training fold, then all of it."""
    return [size for size in sizes if size < train_count] + [train_count]


def cross_validate(
    items: Sequence[FrameText],
    frames: Sequence[frozenset[str]],
    keys: Sequence[str],
    fit: Fit,
    *,
    folds: int = 5,
    sizes: Sequence[int] = CURVE_SIZES,
    threshold: float = 0.5,
    seed: int = 0,
    splits: list[tuple[list[int], list[int]]] | None = None,
) -> LearningCurve:
    """A learning curve: for each training size, train on that many quotes of each fold's
    training part, suggest for its test part, and score all folds' suggestions together.

    The last point uses every training quote of each fold; its size is that of the
    smallest fold's training part.
    """
    splits = splits or fold_splits(len(items), folds, seed=seed)
    smallest = min(len(train) for train, _ in splits)
    points = []
    for size in curve_sizes(smallest, sizes):
        truth: list[frozenset[str]] = []
        predicted: list[dict[str, float]] = []
        for train, test in splits:
            chosen = train[:size]
            predict = fit([items[i] for i in chosen], [frames[i] for i in chosen])
            predicted.extend(predict([items[i] for i in test]))
            truth.extend(frames[i] for i in test)
        points.append(score(keys, truth, predicted, threshold=threshold, train_size=size))
    return LearningCurve(
        folds=len(splits), coded=len(items), threshold=threshold, points=tuple(points)
    )
