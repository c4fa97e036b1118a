"""Frame suggestions learned from one coder's own coding, on a real project file."""

import random
from dataclasses import replace

import pytest

from framing_annotator.domain.codebook import FrameType
from framing_annotator.domain.model import GOLD
from framing_annotator.nlp.frames import predict_frames
from framing_annotator.services import frames as service
from framing_annotator.services.controller import AnnotationController
from framing_annotator.services.frames import NotEnoughCoding, Training
from framing_annotator.services.project import Project

from .frames_project import code, labelled

ROWS = labelled("default")
KEYS = ("threat", "public_safety", "political_messaging")


@pytest.fixture
def project(tmp_path):
    project = Project.open(tmp_path / "p.sqlite", create=True)
    yield project
    project.close()


def train(repo, annotator="ana"):
    training = Training()
    steps = list(service.training_steps(repo, annotator, training=training))
    return training, steps


def test_suggests_every_frame_for_uncoded_quotes_most_probable_first(project):
    code(project, "ana", ROWS[:120])
    uncoded = code(project, "ana", ROWS[120:168], with_frames=False)
    training, steps = train(project.repo)
    assert training.how == "full" and steps[-1] == (steps[-1][1], steps[-1][1])
    quotes = service.uncoded_quotes(project.repo, "ana")
    assert [q.uuid for q in quotes] == [q.uuid for q in uncoded]
    suggestions = service.suggest_frames(project.repo, training.learner, quotes)
    right = 0
    for suggestion, row in zip(suggestions, ROWS[120:168], strict=True):
        probabilities = [f.probability for f in suggestion.frames]
        assert sorted(f.key for f in suggestion.frames) == sorted(KEYS)
        assert probabilities == sorted(probabilities, reverse=True)
        right += suggestion.frames[0].key in row["frames"]
    # The most probable frame is one the quote carries for most unseen quotes.
    assert right >= 0.7 * len(suggestions)


def test_too_little_coding_says_why_in_one_line(project):
    code(project, "ana", ROWS[:12])
    with pytest.raises(NotEnoughCoding, match=r"ana has coded frames on 12 quotes.*start at 20"):
        train(project.repo)
    only_threat = [r for r in ROWS if r["frames"] == ["threat"]][:25]
    code(project, "bo", only_threat)
    with pytest.raises(NotEnoughCoding, match=r"public_safety \(0\), political_messaging \(0\)"):
        train(project.repo, "bo")
    assert project.repo.frame_model("ana") is None


def test_model_is_reused_after_reopening_and_retrained_incrementally(tmp_path):
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    code(project, "ana", ROWS[:60])
    first, _ = train(project.repo)
    stored = project.repo.frame_model("ana")
    project.close()

    project = Project.open(path)
    again, steps = train(project.repo)
    assert again.how == "reused" and steps == []
    assert project.repo.frame_model("ana") == stored
    probe = service.frame_texts(project.repo, project.repo.quotes(annotator="ana")[:5])
    assert again.learner.predict(probe) == first.learner.predict(probe)

    code(project, "ana", ROWS[60:70])
    more, steps = train(project.repo)
    assert more.how == "incremental" and len(steps) == more.learner.settings.incremental_epochs
    assert project.repo.frame_model("ana").trained_on == 70
    assert project.repo.frame_model("ana").full_trained_on == 60
    code(project, "ana", ROWS[70:120])  # the coding has doubled: start over
    assert train(project.repo)[0].how == "full"
    project.close()


def test_a_codebook_change_makes_the_model_stale(project):
    code(project, "ana", ROWS[:60])
    train(project.repo)
    assert service.stored_learner(project.repo, "ana") is not None
    with project.repo.transaction() as repo:
        repo.save_frame_type(FrameType("economy", "economy", order=9))
    assert service.stored_learner(project.repo, "ana") is None
    with pytest.raises(NotEnoughCoding, match=r"economy \(0\)"):
        train(project.repo)
    # A new label or colour is the same codebook for the learner.
    with project.repo.transaction() as repo:
        assert repo.delete_frame_type_if_unused("economy")
        repo.save_frame_type(FrameType("threat", "danger", colour="#000000", order=0))
    assert service.stored_learner(project.repo, "ana") is not None


def test_another_coders_coding_and_gold_never_reach_a_coders_model(tmp_path):
    alone = Project.open(tmp_path / "alone.sqlite", create=True)
    code(alone, "ana", ROWS[:60])
    ana_alone, _ = train(alone.repo)

    shared = Project.open(tmp_path / "shared.sqlite", create=True)
    code(shared, "ana", ROWS[:60])
    # Ben and gold code the same quotes and more, with other frames.
    rng = random.Random(1)
    others = [dict(row, frames=[rng.choice(KEYS)]) for row in ROWS[:100]]
    code(shared, "ben", others)
    code(shared, GOLD, [dict(row, frames=list(KEYS)) for row in ROWS[:100]])
    ana_shared, _ = train(shared.repo)

    seen = service.training_set(shared.repo, "ana")
    expected = service.training_set(alone.repo, "ana")
    assert (seen.items, seen.frames) == (expected.items, expected.frames)
    assert {q.annotator for q in seen.quotes} == {"ana"}
    probe = service.frame_texts(shared.repo, shared.repo.quotes(annotator="ben"))
    assert ana_shared.learner.predict(probe) == ana_alone.learner.predict(probe)
    # ... while Ben's own model, trained on his frames, does differ.
    ben, _ = train(shared.repo, "ben")
    assert ben.learner.predict(probe) != ana_shared.learner.predict(probe)
    alone.close()
    shared.close()


def test_suggestions_shown_are_recorded_per_quote(project):
    code(project, "ana", ROWS[:60])
    (quote,) = code(project, "ana", ROWS[60:61], with_frames=False)
    training, _ = train(project.repo)
    (suggestion,) = service.suggest_frames(project.repo, training.learner, [quote])
    service.record_shown(project.repo, suggestion)
    shown = project.repo.frame_suggestion_shown(quote.uuid)
    assert shown.suggested == suggestion.suggested
    assert [f.key for f in shown.frames] == [f.key for f in suggestion.frames]
    assert shown.accepted_at is None
    assert service.suggestion_use(project.repo) == {"ana": (1, 0)}
    with project.repo.transaction() as repo:
        repo.mark_frame_suggestion_accepted(quote.uuid)
    assert service.suggestion_use(project.repo) == {"ana": (1, 1)}
    line = service.suggestion_use_line(project.repo, ["ana", "ben"])
    assert line.endswith("shown to: ana (1 quote, 1 accepted)")
    assert service.suggestion_use_line(project.repo, ["ben"]) is None


def test_model_bytes_work_in_a_process_that_has_only_the_bytes(project):
    code(project, "ana", ROWS[:60])
    path = project.path
    model = service.model_bytes(path, "ana")
    assert service.model_bytes(path, "ana", train=False) == model
    probabilities = predict_frames(model, [(ROWS[100]["text"], ROWS[100]["context"])])
    assert sorted(probabilities[0]) == sorted(KEYS)
    assert all(0.0 <= p <= 1.0 for p in probabilities[0].values())
    with pytest.raises(NotEnoughCoding):
        service.model_bytes(path, "nobody", train=False)


def test_evaluate_gives_a_learning_curve_of_the_coders_own_coding(project):
    code(project, "ana", ROWS[:80])
    curve = service.evaluate_frames(project.repo, "ana", folds=4)
    assert [p.train_size for p in curve.points] == [25, 50, 60]
    assert curve.coded == 80 and curve.folds == 4
    assert [f.key for f in curve.final.frames] == list(KEYS)
    assert sum(f.support for f in curve.final.frames) == sum(len(r["frames"]) for r in ROWS[:80])
    assert curve.final.macro_f1 > 0.5  # far above chance on these quotes
    with pytest.raises(NotEnoughCoding, match="--folds"):
        service.evaluate_frames(project.repo, "ana", folds=1)


def test_the_window_assistant_shows_records_and_accepts_once(project):
    code(project, "ana", ROWS[:60])
    open_quotes = code(project, "ana", ROWS[60:66], with_frames=False)
    (bens,) = code(project, "ben", ROWS[66:67], with_frames=False)
    cancelled = service.train_job(project.path, "ana", cancelled=lambda: True, read_only=False)
    assert cancelled is None and project.repo.frame_model("ana") is None
    progress = []
    learner = service.train_job(project.path, "ana", progress=lambda d, t: progress.append(d),
                                read_only=False)
    total = learner.settings.epochs * (1 + learner.settings.cutoff_folds)
    assert progress == list(range(1, total + 1))

    assistant = service.FrameAssistant(project.repo, "ana")
    assert assistant.suggestion_for(open_quotes[0]) is None  # no learner yet
    assistant.set_learner(learner)
    suggestion = assistant.suggestion_for(open_quotes[0])
    assert suggestion is assistant.suggestion_for(open_quotes[0])  # computed once
    assert assistant.suggestion_for(bens) is None  # another coder's quote
    coded = project.repo.quotes(annotator="ana")[0]
    assert assistant.suggestion_for(coded) is None  # already has frames
    assistant.shown(suggestion)
    assistant.shown(suggestion)
    assert service.suggestion_use(project.repo) == {"ana": (1, 0)}  # recorded once


def test_the_controller_orders_by_doubt_shows_and_accepts_with_g_as_one_step(project):
    """The window's rules, without Qt: what the editor shows, G, uncertain first, the switch."""
    code(project, "ana", ROWS[:60])
    open_quotes = code(project, "ana", ROWS[60:66], with_frames=False)
    learner = service.train_job(project.path, "ana", read_only=False)
    controller = AnnotationController(project, "ana")
    stale, messages = [], []
    controller.frames_stale.connect(stale.append)
    controller.message.connect(messages.append)
    controller.open_article(open_quotes[0].article_id)
    controller.learner_trained("ben", learner)  # a late result for another coder: dropped
    assert controller.frames.learner is None
    controller.learner_trained("ana", learner)

    controller.set_uncertain_first(True)
    seen = []
    for _ in open_quotes:
        controller.step(1)
        seen.append(controller.current_quote)
    doubts = [controller.frame_suggestion(q).uncertainty for q in seen]
    assert doubts == sorted(doubts, reverse=True) and len({q.uuid for q in seen}) == 6
    assert [q.uuid for q in seen] != [q.uuid for q in open_quotes]  # not reading order
    assert project.repo.frame_suggestions_shown() == []  # ordering records nothing

    target = next(q for q in seen if controller.frame_suggestion(q).suggested)
    controller.go_to(target.uuid)
    suggestion = controller.shown_frame_suggestion()
    assert controller.shown_frame_suggestion() is suggestion
    # Noted, stored with the next step (moving writes nothing), or now by flush().
    assert service.suggestion_use(project.repo) == {}
    controller.flush()
    assert service.suggestion_use(project.repo) == {"ana": (1, 0)}
    controller.accept_suggested_frames()
    assert project.repo.quote(target.uuid).frames == suggestion.suggested
    assert service.suggestion_use(project.repo) == {"ana": (1, 1)}
    assert stale == ["ana"]  # the coding changed: train again
    assert controller.session.undo_text.startswith("Accept suggested frames")
    assert controller.frame_suggestion(controller.current_quote) is None  # coded now

    controller.undo()  # one step takes back the frames and the acceptance
    assert project.repo.quote(target.uuid).frames == frozenset()
    assert service.suggestion_use(project.repo) == {"ana": (1, 0)}
    assert not controller.session.can_undo

    controller.set_frame_suggestions(False)
    assert controller.frame_suggestion(controller.current_quote) is None
    controller.accept_suggested_frames()
    assert project.repo.quote(target.uuid).frames == frozenset()
    assert messages[-1] == "No frames suggested for this quote · frame suggestions are off " \
        "(Frames menu)"


def test_a_read_only_project_gets_suggestions_and_nothing_is_written(tmp_path):
    path = tmp_path / "p.sqlite"
    project = Project.open(path, create=True)
    code(project, "ana", ROWS[:60])
    (quote,) = code(project, "ana", ROWS[60:61], with_frames=False)
    project.close()
    before = path.read_bytes()

    reading = Project.open(path, read_only=True)
    assert reading.read_only
    training, steps = train(reading.repo)
    assert training.how == "full" and steps  # trained in memory ...
    assert reading.repo.frame_model("ana") is None  # ... since nothing can be stored
    (suggestion,) = service.suggest_frames(reading.repo, training.learner, [quote])
    assert sorted(f.key for f in suggestion.frames) == sorted(KEYS)
    assistant = service.FrameAssistant(reading.repo, "ana")
    assistant.set_learner(training.learner)
    shown = assistant.suggestion_for(quote)
    assert shown == suggestion
    assistant.shown(shown)  # nothing to record in a read-only project, and no error
    probe = service.frame_texts(reading.repo, [quote])
    in_worker = service.train_job(path, "ana", read_only=True)
    assert in_worker.predict(probe) == training.learner.predict(probe)
    reading.close()
    assert path.read_bytes() == before

    # A model stored while the project was writable is used as it is.
    writable = Project.open(path)
    stored, _ = train(writable.repo)
    writable.close()
    reading = Project.open(path, read_only=True)
    again, steps = train(reading.repo)
    assert again.how == "reused" and steps == []
    assert again.learner.predict(probe) == stored.learner.predict(probe)
    reading.close()


def test_a_learner_trains_on_the_coders_most_recently_edited_quotes_only(project):
    quotes = code(project, "ana", ROWS[:40])
    with project.repo.transaction() as repo:  # ana goes back over her first five
        for quote in quotes[:5]:
            repo.update_quote(replace(quote, frames=frozenset({"threat"})),
                              expected_version=quote.version)  # fmt: skip
    settings = service.FrameSettings(max_training=20)
    training = Training()
    list(service.training_steps(project.repo, "ana", settings=settings, training=training))
    assert training.trained_on == project.repo.frame_model("ana").trained_on == 20
    kept = service.training_set(project.repo, "ana", limit=20).quotes
    assert {q.uuid for q in quotes[:5]} <= {q.uuid for q in kept}
    assert quotes[5].uuid not in {q.uuid for q in kept}  # the oldest untouched one
    everything = [q.uuid for q in service.training_set(project.repo, "ana").quotes]
    assert [q.uuid for q in kept] == [u for u in everything if u in {q.uuid for q in kept}]
