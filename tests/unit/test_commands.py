"""Commands and undo/redo through the Qt-free session, on a real project file."""

from dataclasses import replace

import pytest

from framing_annotator.domain.errors import ConflictError
from framing_annotator.domain.model import (
    Article,
    Quote,
    QuoteKind,
    Speaker,
    Suggestion,
    SuggestionStatus,
)
from framing_annotator.domain.spans import Span
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.commands import (
    AcceptSuggestion,
    CreateQuote,
    DecideSuggestion,
    DeleteQuote,
    EditQuote,
    SaveSpeaker,
    SetArticleStatus,
)
from framing_annotator.store.repository import Repository

TEXT = "“We will win,” said Ana Ruiz, the union leader. Officials said talks failed."


@pytest.fixture
def article_id(project):
    (article,) = project.import_articles([Article(text=TEXT, title="Strike")]).added
    return article.id


@pytest.fixture
def session(project, article_id):
    return AnnotationSession(project.repo, "ana")


def _quote(article_id, **fields):
    return Quote(article_id=article_id, annotator="ana", span=Span(0, 14), **fields)


def test_create_edit_delete_with_undo_and_redo(session, article_id):
    create = CreateQuote(_quote(article_id))
    session.execute(create)
    quote = create.stored
    edit = EditQuote(quote, replace(quote, frames=frozenset({"threat"}), note="n"))
    session.execute(edit)
    session.execute(DeleteQuote(edit.current))
    assert session.repo.quotes() == []
    session.undo()  # the delete
    assert session.repo.quote(quote.uuid).frames == {"threat"}
    session.undo()  # the edit
    restored = session.repo.quote(quote.uuid)
    assert restored.frames == frozenset() and restored.note == ""
    session.undo()  # the creation
    assert session.repo.quotes() == []
    for _ in range(3):
        session.redo()
    assert session.repo.quotes() == []
    session.undo()
    assert session.repo.quote(quote.uuid).note == "n"
    changes = session.redo()
    assert changes.quotes == {quote.uuid} and session.repo.quotes() == []
    assert not session.can_redo and session.redo() == type(changes)()


def test_versions_only_go_up(session, article_id):
    create = CreateQuote(_quote(article_id))
    session.execute(create)
    versions = [session.repo.quote(create.stored.uuid).version]
    edit = EditQuote(create.stored, replace(create.stored, note="x"))
    session.execute(edit)
    versions.append(session.repo.quote(create.stored.uuid).version)
    session.undo()
    versions.append(session.repo.quote(create.stored.uuid).version)
    session.redo()
    versions.append(session.repo.quote(create.stored.uuid).version)
    assert versions == sorted(set(versions))


def test_accepting_a_suggestion_creates_quote_and_speaker_and_undo_removes_both(
    session, article_id
):
    repo = session.repo
    with repo.transaction():
        repo.replace_suggestions(
            article_id,
            [
                Suggestion(
                    span=Span(0, 14),
                    kind=QuoteKind.DIRECT,
                    pipeline="blank",
                    confidence=0.9,
                    speaker="Ana Ruiz",
                    mention=Span(20, 28),
                    cue="said",
                )
            ],
        )
    (suggestion,) = repo.suggestions(article_id)
    accept = AcceptSuggestion(suggestion, "ana")
    session.execute(accept)
    (quote,) = repo.quotes(article_id, "ana")
    (ruiz,) = repo.speakers()
    assert quote.speaker_id == ruiz.id and ruiz.name == "Ana Ruiz"
    assert quote.mention == Span(20, 28) and quote.origin.value == "suggestion"
    state = session.article_state(article_id)
    assert state.pending == []
    assert AnnotationSession(repo, "ben").article_state(article_id).pending == [suggestion]
    session.undo()
    assert repo.quotes() == [] and repo.speakers() == []
    assert session.article_state(article_id).pending == [suggestion]
    session.redo()
    assert repo.speakers()[0].id == ruiz.id
    assert repo.quotes()[0].speaker_id == ruiz.id


def test_accepting_reuses_a_speaker_known_by_alias(session, article_id):
    session.execute(SaveSpeaker(Speaker("Ana Ruiz-Moreno", aliases=("Ana Ruiz",))))
    repo = session.repo
    with repo.transaction():
        repo.replace_suggestions(
            article_id,
            [Suggestion(Span(0, 14), QuoteKind.DIRECT, "blank", 0.9, speaker="ana ruiz")],
        )
    session.execute(AcceptSuggestion(repo.suggestions(article_id)[0], "ana"))
    assert [s.name for s in repo.speakers()] == ["Ana Ruiz-Moreno"]


def test_rejecting_is_per_annotator_and_undoable(session, article_id):
    repo = session.repo
    with repo.transaction():
        repo.replace_suggestions(
            article_id, [Suggestion(Span(49, 75), QuoteKind.INDIRECT, "blank", 0.6)]
        )
    (suggestion,) = repo.suggestions(article_id)
    session.execute(DecideSuggestion(suggestion, "ana"))
    assert repo.decisions(article_id, "ana")[suggestion.id].status is SuggestionStatus.REJECTED
    session.undo()
    assert repo.decisions(article_id, "ana") == {}


def test_article_status_undo(session, article_id):
    session.execute(SetArticleStatus(article_id, "ana", "done"))
    assert session.article_state(article_id).status == "done"
    session.undo()
    assert session.article_state(article_id).status == "not_started"


def test_a_speaker_renamed_onto_another_name_is_refused(session):
    session.execute(SaveSpeaker(Speaker("Ana Ruiz")))
    other = SaveSpeaker(Speaker("Tony Pham"))
    session.execute(other)
    with pytest.raises(Exception, match="already exists"):
        session.execute(SaveSpeaker(replace(other.saved, name="Ana Ruiz")))
    assert sorted(s.name for s in session.speakers()) == ["Ana Ruiz", "Tony Pham"]


def test_an_edit_from_another_process_is_detected_not_overwritten(project, article_id):
    mine = AnnotationSession(project.repo, "ana")
    create = CreateQuote(_quote(article_id))
    mine.execute(create)
    theirs_repo = Repository.open(project.path)
    try:
        theirs = AnnotationSession(theirs_repo, "ana")
        stale = create.stored
        theirs.execute(EditQuote(stale, replace(stale, note="theirs")))
        with pytest.raises(ConflictError, match="changed in another window"):
            mine.execute(EditQuote(stale, replace(stale, note="mine")))
        assert project.repo.quote(stale.uuid).note == "theirs"
    finally:
        theirs_repo.close()


def test_merging_duplicate_speakers_moves_quotes_and_undoes(session, article_id):
    from framing_annotator.services.commands import MergeSpeakers

    repo = session.repo
    short = SaveSpeaker(Speaker("Ruiz"))
    full = SaveSpeaker(Speaker("Ana Ruiz", aliases=("A. Ruiz",), type=None))
    session.execute(short)
    session.execute(full)
    create = CreateQuote(_quote(article_id, speaker_id=short.saved.id))
    session.execute(create)
    other = AnnotationSession(repo, "ben")
    other.execute(CreateQuote(replace(_quote(article_id, speaker_id=short.saved.id),
                                      annotator="ben")))  # fmt: skip
    session.execute(MergeSpeakers(repo.speaker(short.saved.id), repo.speaker(full.saved.id)))
    (merged,) = repo.speakers()
    assert merged.name == "Ana Ruiz" and merged.aliases == ("A. Ruiz", "Ruiz")
    assert {q.speaker_id for q in repo.quotes()} == {full.saved.id}
    session.undo()
    assert sorted(s.name for s in repo.speakers()) == ["Ana Ruiz", "Ruiz"]
    assert repo.speaker(full.saved.id).aliases == ("A. Ruiz",)
    assert {q.speaker_id for q in repo.quotes()} == {short.saved.id}
