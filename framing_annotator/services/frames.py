"""Frame suggestions learned from one coder's own coding: train, suggest, evaluate.

Independence first: a coder's learner reads that coder's quotes and nothing else, never
another coder's and never gold, so agreement between coders stays honest.

Training is split into steps (:func:`training_steps`, one epoch each) so a background
worker can report progress and stop between them. The project is read at the start and
written once at the end, in one short transaction: training never holds the write lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.errors import KnownError
from ..domain.frames import (
    DEFAULT_THRESHOLD,
    FrameSuggestion,
    ShownFrameSuggestion,
    StoredFrameModel,
    codebook_version,
)
from ..domain.model import Quote
from ..nlp.frames_eval import CURVE_SIZES, LearningCurve, cross_validate
from ..nlp.frames_text import FrameText, context_around
from ..store.db import read_only_medium
from ..store.repository import Repository
from .commands import Changes, EditQuote
from .nlp_import import nlp_import_lock

if TYPE_CHECKING:
    from ..nlp.frames import FrameLearner

MIN_CODED = 20
"""Coded quotes (with at least one frame) before the learner starts."""
MIN_PER_FRAME = 3
"""Quotes carrying each frame before the learner starts."""
MAX_TRAINING = 5_000
"""The most coded quotes a learner trains on: the coder's most recently edited ones.

The learning curve is flat long before this, while the cost is not: a coder with 150,000
coded quotes would otherwise keep a core busy for a quarter of an hour on each full
training, and one epoch would outlast the ten seconds the window waits for its workers
when it closes. At this size an epoch takes a few seconds and a full training half a
minute of CPU.
"""


class NotEnoughCoding(KnownError):
    """Too little of a coder's coding to learn frames from, or to evaluate."""

    code = "FA400"


@dataclass(frozen=True)
class FrameSettings:
    threshold: float = DEFAULT_THRESHOLD
    min_coded: int = MIN_CODED
    min_per_frame: int = MIN_PER_FRAME
    max_training: int = MAX_TRAINING


@dataclass
class TrainingSet:
    """One coder's coded quotes as the learner reads them."""

    annotator: str
    keys: tuple[str, ...]
    codebook_version: str
    quotes: list[Quote] = field(default_factory=list)
    items: list[FrameText] = field(default_factory=list)

    @property
    def frames(self) -> list[frozenset[str]]:
        return [quote.frames for quote in self.quotes]

    @property
    def digest(self) -> str:
        """Changes whenever a quote, its frames, its text or its speaker type change."""
        h = hashlib.sha256(self.codebook_version.encode())
        for quote, item in zip(self.quotes, self.items, strict=True):
            for part in (quote.uuid, ",".join(sorted(quote.frames)), item.text, item.context,
                         item.speaker_type):  # fmt: skip
                h.update(part.encode("utf-8"))
                h.update(b"\x1f")
        return h.hexdigest()

    def gap(self, settings: FrameSettings) -> str | None:
        """Why there is too little to learn from, in one line, or None."""
        coded = len(self.quotes)
        if coded < settings.min_coded:
            return (
                f"{self.annotator} has coded frames on {coded} quote{'' if coded == 1 else 's'}; "
                f"frame suggestions start at {settings.min_coded}"
            )
        short = [
            f"{key} ({n})"
            for key in self.keys
            if (n := sum(key in quote.frames for quote in self.quotes)) < settings.min_per_frame
        ]
        if short:
            return (
                f"frame suggestions need {settings.min_per_frame} quotes of each frame from "
                f"{self.annotator}; too few: {', '.join(short)}"
            )
        return None


def frame_texts(repo: Repository, quotes: Sequence[Quote]) -> list[FrameText]:
    """The learner's view of ``quotes``: text, the sentence around it, the speaker type."""
    texts: dict[int, str] = {}
    speaker_types = {s.id: (s.type.value if s.type else "") for s in repo.speakers()}
    out = []
    for quote in quotes:
        if quote.article_id not in texts:
            texts[quote.article_id] = repo.article(quote.article_id).text
        text = texts[quote.article_id]
        out.append(
            FrameText(
                text=text[quote.start : quote.end],
                context=context_around(text, quote.start, quote.end),
                speaker_type=speaker_types.get(quote.speaker_id, ""),
            )
        )
    return out


def training_set(repo: Repository, annotator: str, *, limit: int | None = None) -> TrainingSet:
    """``annotator``'s own quotes that carry at least one frame, and nobody else's.

    With ``limit``, only that many: the most recently edited, in their reading order.
    """
    codebook = repo.codebook()
    quotes = repo.coded_quotes(annotator, limit)
    return TrainingSet(
        annotator=annotator,
        keys=codebook.keys,
        codebook_version=codebook_version(codebook),
        quotes=quotes,
        items=frame_texts(repo, quotes),
    )


# -- the model ------------------------------------------------------------------


@dataclass
class Training:
    """What :func:`training_steps` did: its learner and how it got it."""

    learner: FrameLearner | None = None
    how: str = ""
    """"reused", "incremental" or "full"."""
    trained_on: int = 0


def stored_learner(repo: Repository, annotator: str) -> FrameLearner | None:
    """The coder's stored model if it is for the current codebook, else None."""
    with nlp_import_lock:
        from ..nlp.frames import FrameLearner, FrameModelError

    stored = repo.frame_model(annotator)
    if stored is None or stored.codebook_version != codebook_version(repo.codebook()):
        return None
    try:
        return FrameLearner.from_bytes(stored.model)
    except FrameModelError:
        return None  # from another version of the app: train anew


def training_steps(
    repo: Repository,
    annotator: str,
    *,
    settings: FrameSettings | None = None,
    training: Training | None = None,
) -> Iterator[tuple[int, int]]:
    """Bring the coder's model up to date, one epoch per step ``(done, all)``.

    A stored model for the same codebook and the same coding is reused without training;
    one for the same codebook after more coding is trained on incrementally; otherwise (no
    model, another codebook, or the coding has doubled since the last full training) it is
    trained from scratch. Raises :class:`NotEnoughCoding` before any step when there is
    too little coding. ``training`` receives the result. A read-only project gets its
    stored model when that is current, else one trained in memory and not stored.
    """
    with nlp_import_lock:
        from ..nlp.frames import FrameLearner

    settings = settings or FrameSettings()
    training = training if training is not None else Training()
    data = training_set(repo, annotator, limit=settings.max_training)
    reason = data.gap(settings)
    if reason:
        raise NotEnoughCoding(reason)
    stored = repo.frame_model(annotator)
    learner = stored_learner(repo, annotator)
    digest = data.digest
    if learner is not None and stored is not None and stored.training_digest == digest:
        training.learner, training.how, training.trained_on = learner, "reused", stored.trained_on
        return
    if (
        learner is None
        or stored is None
        or learner.keys != data.keys
        or len(data.quotes) >= 2 * stored.full_trained_on
    ):
        learner, how, full_count = FrameLearner(data.keys), "full", len(data.quotes)
    else:
        how, full_count = "incremental", stored.full_trained_on
    yield from learner.train_steps(data.items, data.frames, incremental=how == "incremental")
    training.learner, training.how, training.trained_on = learner, how, len(data.quotes)
    if repo.read_only:
        return  # nothing can be stored: the model lives in memory, trained on each opening
    with repo.transaction() as writing:
        writing.save_frame_model(
            StoredFrameModel(
                annotator=annotator,
                codebook_version=data.codebook_version,
                model=learner.to_bytes(),
                trained_on=len(data.quotes),
                training_digest=digest,
                full_trained_on=full_count,
            )
        )


def current_learner(
    repo: Repository, annotator: str, *, settings: FrameSettings | None = None
) -> Training:
    """Train (or load) the coder's model in one go: for the command line and scripts."""
    training = Training()
    for _ in training_steps(repo, annotator, settings=settings, training=training):
        pass
    return training


def model_bytes(path: Path | str, annotator: str, *, train: bool = True) -> bytes:
    """The current model of ``annotator`` in the project at ``path``, as bytes.

    For a corpus runner that ships the model to other processes, which then call
    ``framing_annotator.nlp.frames.predict_frames(bytes, [(quote text, context), ...])``.
    With ``train``, a missing or stale model is trained first (and stored, unless the
    project's file or folder cannot be written).
    """
    repo = Repository.open(path, read_only=not train or read_only_medium(Path(path)))
    try:
        if train:
            learner = current_learner(repo, annotator).learner
            assert learner is not None
            return learner.to_bytes()
        stored = repo.frame_model(annotator)
        if stored is None or stored.codebook_version != codebook_version(repo.codebook()):
            raise NotEnoughCoding(f"{annotator} has no frame model for the current codebook")
        return stored.model
    finally:
        repo.close()


# -- suggesting -----------------------------------------------------------------


def suggest_frames(
    repo: Repository,
    learner: FrameLearner,
    quotes: Sequence[Quote],
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[FrameSuggestion]:
    """Every codebook frame for each quote, most probable first."""
    probabilities = learner.predict(frame_texts(repo, quotes))
    return [
        FrameSuggestion.from_probabilities(quote.uuid, probs, threshold)
        for quote, probs in zip(quotes, probabilities, strict=True)
    ]


def uncoded_quotes(repo: Repository, annotator: str) -> list[Quote]:
    """The coder's quotes that carry no frame yet: what suggestions are for."""
    return [q for q in repo.quotes(annotator=annotator) if not q.frames]


def record_shown(repo: Repository, suggestion: FrameSuggestion) -> None:
    """Remember, in one transaction, that a quote showed these frame suggestions."""
    with repo.transaction() as writing:
        writing.record_frame_suggestion_shown(
            ShownFrameSuggestion(
                quote_uuid=suggestion.quote_uuid,
                frames=suggestion.frames,
                suggested=suggestion.suggested,
                codebook_version=codebook_version(writing.codebook()),
            )
        )


def suggestion_use(repo: Repository) -> dict[str, tuple[int, int]]:
    """Per coder: quotes that showed frame suggestions, and how many were accepted as shown."""
    return repo.frame_suggestion_counts()


def suggestion_use_line(repo: Repository, annotators: Sequence[str]) -> str | None:
    """One line for the agreement report when any compared coder saw frame suggestions."""
    use = suggestion_use(repo)
    parts = [
        f"{name} ({use[name][0]} quote{'' if use[name][0] == 1 else 's'}, "
        f"{use[name][1]} accepted)"
        for name in annotators
        if name in use
    ]
    if not parts:
        return None
    return "Frame suggestions learned from each coder's own coding were shown to: " + ", ".join(
        parts
    )


# -- evaluating -----------------------------------------------------------------


def evaluate_frames(
    repo: Repository,
    annotator: str,
    *,
    folds: int = 5,
    sizes: Sequence[int] = CURVE_SIZES,
    settings: FrameSettings | None = None,
) -> LearningCurve:
    """Cross-validated precision, recall and F1 per frame with a learning curve.

    Only ``annotator``'s own coding is used, as for suggesting, and no more of it than a
    learner trains on (``settings.max_training``).
    """
    with nlp_import_lock:
        from ..nlp.frames import FrameLearner

    settings = settings or FrameSettings()
    data = training_set(repo, annotator, limit=settings.max_training)
    reason = data.gap(settings)
    if reason:
        raise NotEnoughCoding(reason)
    if folds < 2 or folds > len(data.quotes):
        raise NotEnoughCoding(f"--folds must be between 2 and {len(data.quotes)}")

    def fit(items, frames):
        learner = FrameLearner(data.keys)
        learner.train(items, frames)
        return learner.predict

    return cross_validate(
        data.items,
        data.frames,
        data.keys,
        fit,
        folds=folds,
        sizes=sizes,
        threshold=settings.threshold,
    )


# -- the window's side ----------------------------------------------------------


def train_job(
    path: Path | str,
    annotator: str,
    *,
    progress=lambda _done, _total: None,
    cancelled=lambda: False,
    read_only: bool,
) -> FrameLearner | None:
    """Bring ``annotator``'s model up to date in a background worker (its own connection).

    Returns the learner, or None when cancelled (nothing is stored then). Raises
    :class:`NotEnoughCoding` when there is too little coding yet. ``read_only`` opens
    the project for reading only (the model is then not stored): the caller says so, as
    the window does from how it opened the project, rather than this guessing again.
    """
    repo = Repository.open(path, read_only=read_only)
    try:
        training = Training()
        for done, total in training_steps(repo, annotator, training=training):
            progress(done, total)
            if cancelled():
                return None
        return training.learner
    finally:
        repo.close()


class FrameAssistant:
    """Frame suggestions for the coder at the window: one learner, one quote at a time.

    The controller hands it the learner a background worker trained, asks it what to show
    for a quote and tells it what was shown (G is :class:`AcceptSuggestedFrames`).
    Suggestions are only for quotes without frames: once a coder has coded a quote, the
    coding speaks for itself.
    """

    def __init__(self, repo: Repository, annotator: str, *, settings: FrameSettings | None = None):
        self.repo = repo
        self.annotator = annotator
        self.settings = settings or FrameSettings()
        self.learner: FrameLearner | None = None
        self._cache: dict[tuple[str, int], FrameSuggestion] = {}
        self._recorded: set[str] = set()

    def set_learner(self, learner: FrameLearner | None) -> None:
        self.learner = learner
        self._cache.clear()
        self._recorded.clear()

    def suggestion_for(
        self, quote: Quote | None, *, article_text: str | None = None, speaker_type: str = ""
    ) -> FrameSuggestion | None:
        """What to show for ``quote``, or None (no model yet, or the quote is coded).

        The window hands over the article's text and the speaker's type it holds, so
        that showing a suggestion reads nothing from the project (J and K stay free).
        """
        if self.learner is None or quote is None or quote.frames:
            return None
        if quote.annotator != self.annotator:
            return None
        key = (quote.uuid, quote.version)
        if key not in self._cache:
            if article_text is None:
                (self._cache[key],) = suggest_frames(
                    self.repo, self.learner, [quote], threshold=self.settings.threshold
                )
            else:
                item = FrameText(
                    text=article_text[quote.start : quote.end],
                    context=context_around(article_text, quote.start, quote.end),
                    speaker_type=speaker_type,
                )
                (probabilities,) = self.learner.predict([item])
                self._cache[key] = FrameSuggestion.from_probabilities(
                    quote.uuid, probabilities, self.settings.threshold
                )
        return self._cache[key]

    def shown(self, suggestion: FrameSuggestion) -> None:
        """Record, once per quote and model, that the coder saw ``suggestion``.

        Not in a read-only project: nothing can be recorded there, and nothing coded.
        """
        if suggestion.quote_uuid not in self._recorded and not self.repo.read_only:
            record_shown(self.repo, suggestion)
            self._recorded.add(suggestion.quote_uuid)


@dataclass
class AcceptSuggestedFrames:
    """G: the quote gets its suggested frames, and the project notes that it took them.

    One command, so one transaction and one step of Undo: undoing it takes the frames
    off again and the record goes back to "shown, not accepted".
    """

    suggestion: FrameSuggestion
    quote: Quote
    codebook_version: str
    text: str = "Accept suggested frames"
    edit: EditQuote = field(init=False)

    def __post_init__(self) -> None:
        after = replace(self.quote, frames=self.quote.frames | self.suggestion.suggested)
        self.edit = EditQuote(self.quote, after, text=self.text)

    def do(self, repo: Repository) -> Changes:
        changes = self.edit.do(repo)
        repo.record_frame_suggestion_shown(
            ShownFrameSuggestion(
                quote_uuid=self.suggestion.quote_uuid,
                frames=self.suggestion.frames,
                suggested=self.suggestion.suggested,
                codebook_version=self.codebook_version,
            ),
            accepted=True,
        )
        return changes

    def undo(self, repo: Repository) -> Changes:
        repo.clear_frame_suggestion_accepted(self.suggestion.quote_uuid)
        return self.edit.undo(repo)


def carry_shown_suggestions(records: Sequence[ShownFrameSuggestion], target: Repository) -> int:
    """Copy the records of frame suggestions shown (read from a merged project) into
    ``target``, for the quotes it holds (a merge brings quotes by UUID); returns how many.

    Without them, agreement in a merged project could not say who worked with suggestions.
    Models are not copied: each is its coder's own and is trained again where it is used.
    """
    held = {quote.uuid for quote in target.quotes()}
    kept = [r for r in records if r.quote_uuid in held]
    if kept:
        with target.transaction() as writing:
            for record in kept:
                writing.record_frame_suggestion_shown(record)
    return len(kept)


def evaluate_in_background(path: Path | str, annotator: str, *, folds: int = 5) -> LearningCurve:
    """:func:`evaluate_frames` on its own connection, for a background worker: it only
    reads, so the connection is read-only."""
    repo = Repository.open(path, read_only=True)
    try:
        return evaluate_frames(repo, annotator, folds=folds)
    finally:
        repo.close()
