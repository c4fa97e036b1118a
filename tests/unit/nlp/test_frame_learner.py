"""The frame learner on spacy.blank("en"): training, probabilities, bytes, evaluation."""

import pytest

from framing_annotator.nlp.frames import FrameLearner, FrameModelError, predict_frames
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
    for bad in (b"", b"not a model", data[:50]):
        with pytest.raises(FrameModelError):
            FrameLearner.from_bytes(bad)
    with pytest.raises(ValueError, match="not been trained"):
        FrameLearner(KEYS).to_bytes()


def test_training_steps_are_epochs_and_incremental_training_continues():
    items, frames = toy()
    learner = FrameLearner(KEYS)
    steps = list(learner.train_steps(items, frames))
    assert steps == [(n, learner.settings.epochs) for n in range(1, learner.settings.epochs + 1)]
    before = learner.predict(items[:3])
    more = list(learner.train_steps(items, frames, incremental=True))
    assert len(more) == learner.settings.incremental_epochs
    assert learner.predict(items[:3]) != before  # it went on from the weights it had


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
