"""Editing the codebook keeps annotations: keys never change, renames and reorders undo."""

from dataclasses import replace

import pytest

from framing_annotator.domain.codebook import FrameType
from framing_annotator.domain.errors import InvalidValue
from framing_annotator.domain.model import Article, Quote
from framing_annotator.domain.spans import Span
from framing_annotator.services.annotation import AnnotationSession
from framing_annotator.services.codebook import SaveFrames, moved, new_key


def test_rename_recolour_and_reorder_keep_the_quotes(project):
    (article,) = project.import_articles([Article(text="“Danger ahead,” she said.")]).added
    repo = project.repo
    with repo.transaction():
        repo.insert_quote(Quote(article_id=article.id, annotator="ana", span=Span(0, 15),
                                frames=frozenset({"threat"})))  # fmt: skip
    session = AnnotationSession(repo, "ana")
    threat = repo.codebook().frame("threat")
    session.execute(SaveFrames((replace(threat, label="Danger", colour="#009E73"),)))
    assert repo.codebook().frame("threat").label == "Danger"
    assert repo.quotes()[0].frames == {"threat"}
    session.execute(SaveFrames(moved(repo.codebook(), "threat", 1)))
    assert repo.codebook().keys == ("public_safety", "threat", "political_messaging")
    session.undo()
    session.undo()
    assert repo.codebook().frame("threat").label == "threat"
    assert repo.codebook().keys[0] == "threat"


def test_add_a_frame_with_a_free_shortcut_and_undo_removes_it(project):
    session = AnnotationSession(project.repo, "ana")
    keys = set(project.repo.codebook().keys)
    key = new_key("Public opinion!", keys)
    assert key == "public_opinion"
    session.execute(SaveFrames((FrameType(key, "Public opinion", colour="#E69F00",
                                          shortcut="4", order=3),)))  # fmt: skip
    assert project.repo.codebook().frame("public_opinion").shortcut == "4"
    with pytest.raises(InvalidValue, match="shortcut 4 is taken"):
        session.execute(SaveFrames((FrameType("other", "Other", shortcut="4", order=4),)))
    session.undo()
    assert "public_opinion" not in project.repo.codebook().keys
    assert new_key("threat", {"threat"}) == "threat_2"
