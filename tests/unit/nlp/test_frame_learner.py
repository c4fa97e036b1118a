"""The frame learner on spacy.blank("en"): training, probabilities, bytes, evaluation."""

from dataclasses import replace

import pytest
import srsly

from framing_annotator.nlp.frames import (
    FrameLearner,
    FrameModelError,
    LearnerSettings,
    best_cutoff,
    given_at_least_one,
    predict_frames,
    rescale,
)
from framing_annotator.nlp.frames_eval import cross_validate, fold_splits, score
from framing_annotator.nlp.frames_text import FrameText, context_around, feature_text

KEYS = ("economy", "health")
WORDS = {
    "economy": ["jobs", "prices", "wages", "taxes", "factories", "budget"],
    "health": ["hospitals", "nurses", "vaccines", "doctors", "patients", "clinics"],
}


def toy(n=40):
    """Quotes about the economy, health, or both, in varied words."""
    items, frames = [], []
    for i in range(n):
        keys = [KEYS[i % 2]] if i % 5 else list(KEYS)
        words = [WORDS[k][(i // 2 + j) % 6] for k in keys for j in range(2)]
        items.append(FrameText(f"We need to talk about {' and '.join(words)} now", "she said"))
        frames.append(frozenset(keys))
    return items, frames


def test_learns_frames_and_gives_a_probability_for_each():
    items, frames = toy()
    learner = FrameLearner(KEYS)
    learner.train(items, frames)
    probabilities = learner.predict(
        [FrameText("The nurses and doctors are exhausted"), FrameText("Wages and taxes rose")]
    )
    assert [list(p) for p in probabilities] == [list(KEYS), list(KEYS)]
    assert probabilities[0]["health"] > 0.5 > probabilities[0]["economy"]
    assert probabilities[1]["economy"] > 0.5 > probabilities[1]["health"]


def test_bytes_round_trip_and_bad_bytes_are_refused():
    items, frames = toy()
    learner = FrameLearner(KEYS)
    learner.train(items, frames)
    data = learner.to_bytes()
    assert len(data) < 1_000_000  # compressed: most hashed rows are zero
    again = FrameLearner.from_bytes(data)
    assert again.keys == KEYS and again.settings == learner.settings
    assert again.predict(items) == learner.predict(items)
    assert predict_frames(data, [(items[0].text, items[0].context)]) == learner.predict(items[:1])
    # A model of the previous format (cut-offs chosen before the probabilities were taken
    # given at least one frame) is refused, and so trained again, not misread.
    older = {**srsly.msgpack_loads(data), "format": "framing-annotator/frame-learner/2"}
    for bad in (b"", b"not a model", data[:50], srsly.msgpack_dumps(older)):
        with pytest.raises(FrameModelError):
            FrameLearner.from_bytes(bad)
    with pytest.raises(ValueError, match="not been trained"):
        FrameLearner(KEYS).to_bytes()


def test_training_steps_are_epochs_and_incremental_training_continues():
    items, frames = toy()
    learner = FrameLearner(KEYS)
    steps = list(learner.train_steps(items, frames))
    # The epochs of the inner trainings that choose the cut-offs, then of the training.
    total = learner.settings.epochs * (1 + learner.settings.cutoff_folds)
    assert steps == [(n, total) for n in range(1, total + 1)]
    cutoffs = dict(learner.cutoffs)
    before = learner.predict(items[:3])
    more = list(learner.train_steps(items, frames, incremental=True))
    assert more == [(n, 3) for n in range(1, learner.settings.incremental_epochs + 1)]
    assert learner.predict(items[:3]) != before  # it went on from the weights it had
    assert learner.cutoffs == cutoffs  # kept: choosing them again is a full training's job


def test_each_frame_gets_the_cut_off_with_the_best_f1_on_held_apart_quotes():
    # Carried quotes score 0.3 and up, the others 0.25 and below: 0.5 would miss most.
    carried = [True] * 10 + [False] * 30
    probabilities = [0.3 + 0.02 * n for n in range(10)] + [0.25 - 0.005 * n for n in range(30)]
    assert best_cutoff(probabilities, carried, min_quotes=8) == pytest.approx(0.275)
    assert best_cutoff(probabilities, carried, min_quotes=11) == 0.5  # too few to choose
    # Of equally good cut-offs, the one nearest 0.5.
    assert best_cutoff([0.9, 0.8, 0.1, 0.05], [True, True, False, False], min_quotes=2) == 0.45
    assert rescale(0.275, 0.275) == 0.5 and rescale(0.0, 0.3) == 0.0 and rescale(1.0, 0.3) == 1.0
    assert rescale(0.2, 0.4) == pytest.approx(0.25) and rescale(0.7, 0.4) == pytest.approx(0.75)
    assert rescale(0.42, 0.5) == 0.42


def test_cut_offs_are_chosen_on_the_training_quotes_and_travel_with_the_bytes():
    items, frames = toy(60)
    # "health" is rare: a handful of quotes carry it.
    frames = [f - {"health"} if n % 4 else f for n, f in enumerate(frames)]
    learner = FrameLearner(KEYS, replace(LearnerSettings(), cutoff_min_quotes=3))
    learner.train(items, frames)
    assert set(learner.cutoffs) == {"bow1", "bow2"}  # one bag of words per n-gram size
    assert any(cutoffs["health"] != 0.5 for cutoffs in learner.cutoffs.values())
    again = FrameLearner.from_bytes(learner.to_bytes())
    assert again.cutoffs == learner.cutoffs
    assert again.predict(items) == learner.predict(items)
    plain = FrameLearner(KEYS, replace(LearnerSettings(), cutoff_folds=0))
    plain.train(items, frames)
    assert all(c == {"economy": 0.5, "health": 0.5} for c in plain.cutoffs.values())


def test_probabilities_are_taken_given_at_least_one_frame():
    # A quote that plainly carries a frame keeps its probabilities; one the bags are unsure
    # of has them raised together, in the same order: p_k / (1 - prod(1 - p_j)).
    clear, unsure, one_frame = given_at_least_one([[0.98, 0.01], [0.2, 0.1], [0.3, 0.0]])
    assert clear == pytest.approx([0.98 / (1 - 0.02 * 0.99), 0.01 / (1 - 0.02 * 0.99)])
    assert unsure == pytest.approx([0.2 / 0.28, 0.1 / 0.28])
    assert one_frame == pytest.approx([1.0, 0.0])
    # Nothing at all (an empty quote of a single-word toy) stays nothing, not a division by 0.
    assert given_at_least_one([[0.0, 0.0]]).tolist() == [[0.0, 0.0]]


def test_context_around_takes_the_sentence_without_the_quote():
    text = "First thing. “We will win,” said Ana Ruiz on Monday. Next sentence here."
    start = text.index("We")
    end = text.index(",”")
    assert context_around(text, start, end) == "“ ,” said Ana Ruiz on Monday."
    assert context_around("x" * 10, 2, 4) == "xx xxxxxx"


def test_feature_text_modes():
    item = FrameText("Crime Is Up", "said the Chief", "law enforcement")
    assert feature_text(item, context="none") == "crime is up \n speaker_law_enforcement"
    assert feature_text(item, context="plain").endswith("said the chief")
    assert feature_text(item, context="marked").endswith("ctx_said ctx_the ctx_chief")
    with pytest.raises(ValueError):
        feature_text(item, context="everything")


def test_scores_and_splits():
    truth = [frozenset({"a"}), frozenset({"a", "b"}), frozenset()]
    probs = [{"a": 0.9, "b": 0.1}, {"a": 0.4, "b": 0.8}, {"a": 0.7, "b": 0.2}]
    scores = score(["a", "b"], truth, probs)
    a, b = scores.frames
    assert (a.precision, a.recall, a.support) == (0.5, 0.5, 2)
    assert (b.precision, b.recall, b.f1) == (1.0, 1.0, 1.0)
    assert scores.macro_f1 == pytest.approx(0.75)
    splits = fold_splits(10, 5)
    assert sorted(i for _, test in splits for i in test) == list(range(10))
    assert all(set(train).isdisjoint(test) for train, test in splits)


def test_cross_validation_learning_curve_uses_each_size():
    items, frames = toy(60)
    seen = []

    def fit(train_items, train_frames):
        seen.append(len(train_items))
        return lambda batch: [{k: 1.0 for k in KEYS} for _ in batch]

    curve = cross_validate(items, frames, KEYS, fit, folds=3, sizes=(25, 50, 100))
    assert [p.train_size for p in curve.points] == [25, 40]
    assert seen == [25] * 3 + [40] * 3
    assert curve.final.scored == 60
