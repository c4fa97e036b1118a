"""The window's controller without Qt: navigation, the decide-decide rhythm, one history,
one transaction per action, and what it tells the views."""

import sqlite3

import pytest

from framing_annotator.domain.model import Article, QuoteKind, Suggestion
from framing_annotator.domain.spans import Span
from framing_annotator.services.controller import AnnotationController

TEXT = "“We will win,” said Ana Ruiz, the union leader. Officials said talks failed."


def span(part: str) -> Span:
    start = TEXT.index(part)
    return Span(start, start + len(part))


@pytest.fixture
def controller(project):
    project.import_articles([Article(text=TEXT, title="Strike")])
    with project.repo.transaction() as repo:
        repo.replace_suggestions(1, [
            Suggestion(span("“We will win,”"), QuoteKind.DIRECT, "t", 0.9, speaker="Ana Ruiz"),
            Suggestion(span("talks failed"), QuoteKind.INDIRECT, "t", 0.5, speaker="Officials"),
        ])  # fmt: skip
    controller = AnnotationController(project, "ana")
    controller.open_article(1)
    return controller


def stored(project, sql):
    conn = sqlite3.connect(project.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_j_and_k_stop_at_the_ends_and_say_so(controller):
    messages = []
    controller.message.connect(messages.append)
    controller.step(1)
    first = controller.current_key
    controller.step(-1)
    assert controller.current_key == first and "First" in messages[-1]
    controller.step(1)
    controller.step(1)
    assert controller.current_key != first and "Last" in messages[-1]


def test_y_then_n_decide_in_a_row_and_the_article_starts(controller, project):
    updates, currents = [], []
    controller.changed.connect(updates.append)
    controller.current_changed.connect(currents.append)
    controller.step(1)
    controller.accept()  # on to the next pending suggestion at once
    assert controller.current.suggestion.speaker == "Officials"
    controller.reject()
    assert stored(project, "SELECT status FROM suggestion_decisions ORDER BY 1") == [
        ("accepted",), ("rejected",)
    ]  # fmt: skip
    assert stored(project, "SELECT status FROM article_status") == [("in_progress",)]
    # Nothing is left to decide, so nothing is current; each update named what it touched.
    assert controller.current is None and currents[-1] is None
    assert [len(u.keys) for u in updates] == [2, 1]  # the suggestion and its quote; one
    controller.undo()
    controller.undo()
    assert stored(project, "SELECT count(*) FROM quotes") == [(0,)]
    assert stored(project, "SELECT status FROM article_status") == [("in_progress",)]


def test_pending_work_counts_suggestions_and_quotes_without_a_speaker(controller):
    assert controller.pending_work().suggestions == 2
    controller.create_quote(span("Officials said").start, span("Officials said").end)
    work = controller.pending_work()
    assert (work.suggestions, work.without_speaker) == (2, 1)
    assert "without a speaker" in work.describe()


def test_a_refused_step_is_reported_and_stores_nothing(controller, project):
    errors = []
    controller.failed.connect(errors.append)
    assert controller.delete_frame("threat") is True  # on no quote yet: deleted
    controller.undo()
    quote = controller.create_quote(span("Officials said").start, span("Officials said").end)
    controller.go_to(quote.uuid)
    controller.toggle_frame("threat")
    assert controller.delete_frame("threat") is False
    assert "still on some quotes" in str(errors[-1])
    assert ("threat",) in stored(project, "SELECT key FROM frame_types")


def test_a_merge_stays_on_the_article_and_undo_goes_where_it_happens(controller, project):
    from framing_annotator.domain.model import Speaker

    (other,) = project.import_articles([Article(text="Pham said no.", title="Two")]).added
    controller.open_article(other.id)
    quote = controller.create_quote(0, 4)
    controller.go_to(quote.uuid)
    controller.set_speaker("Pham")
    controller.save_speaker(Speaker("Tony Pham"))
    controller.open_article(1)
    pham, tony = sorted(controller.speaker_list(), key=lambda s: s.name)
    assert controller.merge_speakers(pham, tony)
    assert controller.article_id == 1  # the merge moved a quote elsewhere: we stay
    controller.undo()  # the merge
    controller.undo()  # the new speaker
    controller.undo()  # the speaker of the quote in the other article: we go there
    assert controller.article_id == other.id
    assert controller.state.quotes[0].speaker_id is None
